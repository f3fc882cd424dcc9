package klusbuddy

import "time"

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
	SharedPool   bool // its workers may get jobs posted through other organisations
}

// Point is a WGS84 position.
type Point struct {
	Lat float64
	Lon float64
}

// Place is a Belgian postcode area with its municipality and a representative point.
type Place struct {
	Postcode     string
	Municipality string
	Point        Point
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
	CategorySlug string
	Level        int // 1 beginner, 2 experienced, 3 can train others
	Verified     bool
}

// Area is where someone lives (kept private) and how far they travel from there.
type Area struct {
	Place            Place
	Exact            *Point // optional exact home point; the postcode point otherwise
	TravelMode       TravelMode
	MaxTravelMinutes int
}

// WorkerProfile is what matching needs to know about a worker.
type WorkerProfile struct {
	Area
	Languages       []Language
	SpokenLanguages []string // ISO 639-1 codes beyond the interface languages (ar, tr, …)
	BuddyNeed       BuddyNeed
	BuddyFirstJobs  int // N for BuddyFirstJobs
	Skills          []Skill
}

// BuddyProfile is what matching needs to know about a volunteer buddy.
type BuddyProfile struct {
	Area
	SpokenLanguages []string
	Categories      []string // category slugs they can accompany
}

// PosterKind tells households from companies.
type PosterKind string

const (
	Household PosterKind = "household"
	Company   PosterKind = "company"
)

// Address is a place where a poster has work done.
type Address struct {
	Label  string // "Thuis", "Magazijn"
	Street string // street and number
	Place  Place
}

// PosterProfile is a household or a company that posts jobs.
type PosterProfile struct {
	Kind        PosterKind
	CompanyName string
	VATNumber   string // BE0123456789 for companies
	Addresses   []Address
}

// Person is a user with the profile of their role (at most one of the profiles is set).
type Person struct {
	User
	OrganisationSlug string // for seeding: the organisation by slug
	Worker           *WorkerProfile
	Buddy            *BuddyProfile
	Poster           *PosterProfile
}

// SeedData is a complete data set to load into an empty database (the demo data).
type SeedData struct {
	Organisations []Organisation
	Categories    []Category
	People        []Person
}
