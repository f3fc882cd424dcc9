package klusbuddy

import (
	"strings"
	"time"
)

// Role is what a user does on Klusbuddy; it decides what they may see and do.
type Role string

const (
	RoleWorker      Role = "worker"      // target-group worker (doelgroepmedewerker)
	RoleBuddy       Role = "buddy"       // volunteer who accompanies workers
	RolePoster      Role = "poster"      // household or company posting jobs
	RoleCoordinator Role = "coordinator" // job coach of an organisation
	RoleAdmin       Role = "admin"       // manages organisations, categories, settings
)

// BelongsToOrganisation reports whether users of this role belong to one organisation.
func (r Role) BelongsToOrganisation() bool {
	return r == RoleWorker || r == RoleBuddy || r == RoleCoordinator
}

// Organisation is a social-economy enterprise; workers, buddies and coordinators belong to one.
type Organisation struct {
	ID           int64
	Slug         string
	Name         string
	Municipality string
	MonthHourCap int  // wijk-werken caps work at 60 hours a month …
	YearHourCap  int  // … and 630 a year; caps are per organisation
	SharedPool   bool // its jobs may go to other organisations' people too (internal/match)
}

// Point is a WGS84 position.
type Point struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Place is a Belgian postcode area with its municipality and a representative point.
type Place struct {
	Postcode     string  `json:"postcode"`
	Municipality string  `json:"municipality"`
	Lat          float64 `json:"lat"`
	Lon          float64 `json:"lon"`
}

// TravelMode is how someone gets to a job; it decides their travel time.
type TravelMode string

const (
	Walk            TravelMode = "walk"
	Bike            TravelMode = "bike"
	EBike           TravelMode = "ebike"
	PublicTransport TravelMode = "public_transport"
	Car             TravelMode = "car"
)

// Valid reports whether m is a known travel mode.
func (m TravelMode) Valid() bool {
	switch m {
	case Walk, Bike, EBike, PublicTransport, Car:
		return true
	}
	return false
}

// BuddyNeed says when a worker needs a buddy to come along.
type BuddyNeed string

const (
	BuddyNever       BuddyNeed = "never"
	BuddyAlways      BuddyNeed = "always"
	BuddyNewCategory BuddyNeed = "new_category" // for a category they have not worked in yet
	BuddyFirstJobs   BuddyNeed = "first_jobs"   // for their first N jobs
)

// User is anyone who signs in. OrganisationID is set exactly for the roles that belong to one.
type User struct {
	ID             int64
	Role           Role
	OrganisationID int64 // 0 when the role has no organisation
	FirstName      string
	LastName       string
	Email          string
	Phone          string
	Language       Language
	CreatedAt      time.Time
}

// Skill is a worker's level in a category and whether a coordinator verified it after training.
type Skill struct {
	Category string `json:"category"` // category slug
	Level    int    `json:"level"`    // 1 beginner, 2 experienced, 3 can train others
	Verified bool   `json:"verified"`
}

// WeeklySlot is a stretch of time someone is available every week (local time in Belgium).
type WeeklySlot struct {
	Weekday int    `json:"weekday"` // ISO: 1 Monday … 7 Sunday
	Start   string `json:"start"`   // "09:00"
	End     string `json:"end"`     // "17:00"
}

// AvailabilityException is a day that differs from the week: not available, or available only
// between Start and End.
type AvailabilityException struct {
	Date      string `json:"date"` // "2026-12-24"
	Available bool   `json:"available"`
	Start     string `json:"start,omitempty"`
	End       string `json:"end,omitempty"`
}

// WorkerProfile is what matching needs to know about a worker. The home area is private to the
// worker and their coordinators.
type WorkerProfile struct {
	Postcode         string                  `json:"postcode"`
	Municipality     string                  `json:"municipality"`
	HomePoint        *Point                  `json:"home_point"` // optional exact home; the postcode's point otherwise
	TravelMode       TravelMode              `json:"travel_mode"`
	MaxTravelMinutes int                     `json:"max_travel_minutes"`
	Languages        []Language              `json:"languages"`        // interface languages they read
	SpokenLanguages  []string                `json:"spoken_languages"` // ISO 639-1 codes (tr, ar, …), or 639-2/3 where there is none (ber)
	BuddyNeed        BuddyNeed               `json:"buddy_need"`
	BuddyFirstJobs   int                     `json:"buddy_first_jobs"` // N for BuddyFirstJobs
	MonthHourCap     *int                    `json:"month_hour_cap"`   // nil: the organisation's
	YearHourCap      *int                    `json:"year_hour_cap"`
	Skills           []Skill                 `json:"skills"`
	Availability     []WeeklySlot            `json:"availability"`
	Exceptions       []AvailabilityException `json:"exceptions"`
}

// BuddyProfile is what matching needs to know about a volunteer buddy.
type BuddyProfile struct {
	Postcode         string                  `json:"postcode"`
	Municipality     string                  `json:"municipality"`
	TravelMode       TravelMode              `json:"travel_mode"`
	MaxTravelMinutes int                     `json:"max_travel_minutes"`
	SpokenLanguages  []string                `json:"spoken_languages"`
	Categories       []string                `json:"categories"` // category slugs they can accompany
	Availability     []WeeklySlot            `json:"availability"`
	Exceptions       []AvailabilityException `json:"exceptions"`
}

// PosterKind tells households from companies.
type PosterKind string

const (
	Household PosterKind = "household"
	Company   PosterKind = "company"
)

// Address is a place where a poster has work done.
type Address struct {
	ID           int64   `json:"id"`
	Label        string  `json:"label"`  // "Thuis", "Magazijn"
	Street       string  `json:"street"` // street and number
	Postcode     string  `json:"postcode"`
	Municipality string  `json:"municipality"`
	Lat          float64 `json:"lat"`
	Lon          float64 `json:"lon"`
}

// PosterProfile is a household or a company that posts jobs.
type PosterProfile struct {
	Kind        PosterKind `json:"kind"`
	CompanyName string     `json:"company_name"`
	VATNumber   string     `json:"vat_number"` // BE0123456789 for companies
	Addresses   []Address  `json:"addresses"`
}

// SeedData is a complete data set to load into an empty database (the demo data).
type SeedData struct {
	Organisations []Organisation
	Categories    []Category
	People        []Person
	// Hashed secrets given to everyone: the password to posters and staff, the PIN to workers
	// and buddies. Empty leaves people invited but not yet signed up.
	PasswordHash, PINHash string
	// History, when set, is a past to load with the people (the demo's; see SeedHistory).
	History *SeedHistory
}

// CanManage reports whether actor may see and change other's account and profile: admins
// everyone, coordinators the workers and buddies of their own organisation, anyone themselves.
func CanManage(actor, other User) bool {
	switch {
	case actor.ID == other.ID:
		return true
	case actor.Role == RoleAdmin:
		return true
	case actor.Role == RoleCoordinator:
		return (other.Role == RoleWorker || other.Role == RoleBuddy) && other.OrganisationID == actor.OrganisationID
	}
	return false
}

// Normalize trims and checks an organisation, filling in the wijk-werken caps by default.
func (o *Organisation) Normalize() error {
	fe := FieldErrors{}
	o.Slug, o.Name, o.Municipality = strings.TrimSpace(o.Slug), strings.TrimSpace(o.Name), strings.TrimSpace(o.Municipality)
	if !slugPattern.MatchString(o.Slug) {
		fe.Add("slug", "Use 2 to 40 lower-case letters, digits or hyphens, starting with a letter.")
	}
	if o.Name == "" || len([]rune(o.Name)) > 120 {
		fe.Add("name", "Give a name of at most 120 characters.")
	}
	if o.Municipality == "" {
		fe.Add("municipality", "This field is required.")
	}
	tooLong(fe, "municipality", o.Municipality, MaxMunicipalityLength)
	if o.MonthHourCap == 0 {
		o.MonthHourCap = 60
	}
	if o.YearHourCap == 0 {
		o.YearHourCap = 630
	}
	if o.MonthHourCap < 1 || o.MonthHourCap > 744 {
		fe.Add("month_hour_cap", "Give a number of hours from 1 to 744.")
	}
	if o.YearHourCap < 1 || o.YearHourCap > 8784 {
		fe.Add("year_hour_cap", "Give a number of hours from 1 to 8784.")
	}
	return fe.Err()
}
