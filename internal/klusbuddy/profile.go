package klusbuddy

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// PersonStatus tells whether someone has signed in yet.
type PersonStatus string

const (
	StatusInvited PersonStatus = "invited"
	StatusActive  PersonStatus = "active"
)

// Person is a user with their status and the profile of their role.
type Person struct {
	User
	OrganisationName string
	OrganisationSlug string // for seeding: the organisation by slug
	Status           PersonStatus
	Version          int // bumped by every save; a save of an older version is a conflict
	Worker           *WorkerProfile
	Buddy            *BuddyProfile
	Poster           *PosterProfile
}

// NewPerson is a coordinator's new worker or buddy.
type NewPerson struct {
	Role      Role
	FirstName string
	LastName  string
	Phone     string
	Email     string
	Language  Language
	Worker    *WorkerProfile
	Buddy     *BuddyProfile
}

var (
	clockPattern    = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)
	langPattern     = regexp.MustCompile(`^[a-z]{2,3}$`) // ISO 639-1, or 639-2/3 where there is none (ber)
	postcodePattern = regexp.MustCompile(`^[1-9][0-9]{3}$`)
	// An end may be 24:00, so that an evening can run to midnight and join the next morning.
	endPattern = regexp.MustCompile(`^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$`)
)

// NormalizeUser trims and checks the fields every person has.
func NormalizeUser(fe FieldErrors, u *User) {
	u.FirstName, u.LastName = strings.TrimSpace(u.FirstName), strings.TrimSpace(u.LastName)
	checkName(fe, "first_name", u.FirstName, true)
	checkName(fe, "last_name", u.LastName, false)
	u.Email = normalizeEmail(fe, "email", u.Email, false)
	u.Phone = normalizePhone(fe, "phone", u.Phone, false)
	if u.Language == "" {
		u.Language = Dutch
	} else if !u.Language.Valid() {
		fe.Add("language", `Choose "nl", "fr", "en", "tr" or "ar".`)
	}
}

// Normalize checks a new person: workers and buddies need a phone (they sign in with it) and
// the profile of their role.
func (n *NewPerson) Normalize() error {
	fe := FieldErrors{}
	u := User{FirstName: n.FirstName, LastName: n.LastName, Phone: n.Phone, Email: n.Email, Language: n.Language}
	NormalizeUser(fe, &u)
	n.FirstName, n.LastName, n.Phone, n.Email, n.Language = u.FirstName, u.LastName, u.Phone, u.Email, u.Language
	if strings.TrimSpace(n.Phone) == "" {
		fe.Add("phone", "This field is required: it is how they sign in.")
	}
	switch n.Role {
	case RoleWorker:
		if n.Worker == nil {
			fe.Add("worker", "Give the worker's profile.")
		}
		if n.Buddy != nil { // refused, not dropped: the sender meant something by it
			fe.Add("buddy", "Only buddies have this part of a profile.")
		}
	case RoleBuddy:
		if n.Buddy == nil {
			fe.Add("buddy", "Give the buddy's profile.")
		}
		if n.Worker != nil {
			fe.Add("worker", "Only workers have this part of a profile.")
		}
	default:
		fe.Add("role", `Choose "worker" or "buddy".`)
	}
	if n.Worker != nil {
		n.Worker.Validate(fe, "worker.")
	}
	if n.Buddy != nil {
		n.Buddy.Validate(fe, "buddy.")
	}
	return fe.Err()
}

// Validate checks a worker profile; field names start with prefix.
func (w *WorkerProfile) Validate(fe FieldErrors, prefix string) {
	checkArea(fe, prefix, &w.Postcode, &w.Municipality, w.TravelMode, w.MaxTravelMinutes)
	if w.HomePoint != nil && !InBelgium(*w.HomePoint) {
		fe.Add(prefix+"home_point", "This point is not in Belgium.")
	}
	if len(w.Languages) == 0 {
		w.Languages = []Language{Dutch}
	}
	for i, l := range w.Languages {
		if !l.Valid() {
			fe.Add(fmt.Sprintf("%slanguages.%d", prefix, i), `Choose "nl", "fr", "en", "tr" or "ar".`)
		}
	}
	checkSpoken(fe, prefix, w.SpokenLanguages)
	if len(w.Skills) > maxListItems {
		fe.Add(prefix+"skills", fmt.Sprintf("List at most %d items.", maxListItems))
	}
	switch w.BuddyNeed {
	case "":
		w.BuddyNeed = BuddyNever
	case BuddyNever, BuddyAlways, BuddyNewCategory:
		w.BuddyFirstJobs = 0
	case BuddyFirstJobs:
		if w.BuddyFirstJobs < 1 || w.BuddyFirstJobs > 100 {
			fe.Add(prefix+"buddy_first_jobs", "Give a number of jobs from 1 to 100.")
		}
	default:
		fe.Add(prefix+"buddy_need", "Choose when a buddy is needed.")
	}
	if w.BuddyNeed == BuddyNever {
		w.BuddyFirstJobs = 0
	}
	if w.MonthHourCap != nil && (*w.MonthHourCap < 1 || *w.MonthHourCap > 744) {
		fe.Add(prefix+"month_hour_cap", "Give a number of hours from 1 to 744, or none.")
	}
	if w.YearHourCap != nil && (*w.YearHourCap < 1 || *w.YearHourCap > 8784) {
		fe.Add(prefix+"year_hour_cap", "Give a number of hours from 1 to 8784, or none.")
	}
	seen := map[string]bool{}
	for i, s := range w.Skills {
		f := fmt.Sprintf("%sskills.%d.", prefix, i)
		if seen[s.Category] {
			fe.Add(f+"category", "This category is listed twice.")
		}
		seen[s.Category] = true
		if !slugPattern.MatchString(s.Category) {
			fe.Add(f+"category", "Choose a category.")
		}
		if s.Level < 1 || s.Level > 3 {
			fe.Add(f+"level", "Choose level 1, 2 or 3.")
		}
	}
	w.Availability = checkSlots(fe, prefix, w.Availability)
	w.Exceptions = checkExceptions(fe, prefix, w.Exceptions)
}

// Validate checks a buddy profile; field names start with prefix.
func (b *BuddyProfile) Validate(fe FieldErrors, prefix string) {
	checkArea(fe, prefix, &b.Postcode, &b.Municipality, b.TravelMode, b.MaxTravelMinutes)
	checkSpoken(fe, prefix, b.SpokenLanguages)
	if len(b.Categories) > maxListItems {
		fe.Add(prefix+"categories", fmt.Sprintf("List at most %d items.", maxListItems))
	}
	seen := map[string]bool{}
	for i, c := range b.Categories {
		if !slugPattern.MatchString(c) || seen[c] {
			fe.Add(fmt.Sprintf("%scategories.%d", prefix, i), "Choose each category once.")
		}
		seen[c] = true
	}
	b.Availability = checkSlots(fe, prefix, b.Availability)
	b.Exceptions = checkExceptions(fe, prefix, b.Exceptions)
}

func checkArea(fe FieldErrors, prefix string, postcode, municipality *string, mode TravelMode, minutes int) {
	*postcode, *municipality = strings.TrimSpace(*postcode), strings.TrimSpace(*municipality)
	if !postcodePattern.MatchString(*postcode) {
		fe.Add(prefix+"postcode", "Give a Belgian postcode of 4 digits.")
	}
	if *municipality == "" {
		fe.Add(prefix+"municipality", "Choose the municipality.")
	}
	tooLong(fe, prefix+"municipality", *municipality, MaxMunicipalityLength)
	if !mode.Valid() {
		fe.Add(prefix+"travel_mode", "Choose how they travel.")
	}
	if minutes < 5 || minutes > 180 {
		fe.Add(prefix+"max_travel_minutes", "Give a number of minutes from 5 to 180.")
	}
}

func checkSpoken(fe FieldErrors, prefix string, langs []string) {
	if len(langs) > maxListItems {
		fe.Add(prefix+"spoken_languages", fmt.Sprintf("List at most %d items.", maxListItems))
		return
	}
	for i, l := range langs {
		if !langPattern.MatchString(l) {
			fe.Add(fmt.Sprintf("%sspoken_languages.%d", prefix, i), "Use a language code of two or three letters, such as tr or ber.")
		}
	}
}

// Limits on list lengths: far above what anyone needs, low enough that a save stays cheap.
const (
	maxSlots      = 50
	maxExceptions = 400
	maxListItems  = 50
)

func checkSlots(fe FieldErrors, prefix string, slots []WeeklySlot) []WeeklySlot {
	if slots == nil {
		slots = []WeeklySlot{}
	}
	if len(slots) > maxSlots {
		fe.Add(prefix+"availability", fmt.Sprintf("List at most %d periods.", maxSlots))
		return slots
	}
	type key struct {
		day   int
		start string
	}
	seen := map[key]bool{}
	for i, s := range slots {
		f := fmt.Sprintf("%savailability.%d.", prefix, i)
		if s.Weekday < 1 || s.Weekday > 7 {
			fe.Add(f+"weekday", "Choose a day of the week (1 Monday … 7 Sunday).")
		}
		if !clockPattern.MatchString(s.Start) {
			fe.Add(f+"start", "Give a time such as 09:00.")
		} else if !endPattern.MatchString(s.End) {
			fe.Add(f+"end", "Give a time such as 17:00.")
		} else if s.Start >= s.End {
			fe.Add(f+"end", "The end must come after the start.")
		}
		if seen[key{s.Weekday, s.Start}] {
			fe.Add(f+"start", "This day already has a period starting at this time.")
		}
		seen[key{s.Weekday, s.Start}] = true
	}
	return slots
}

func checkExceptions(fe FieldErrors, prefix string, ex []AvailabilityException) []AvailabilityException {
	if ex == nil {
		ex = []AvailabilityException{}
	}
	if len(ex) > maxExceptions {
		fe.Add(prefix+"exceptions", fmt.Sprintf("List at most %d days.", maxExceptions))
		return ex
	}
	seen := map[string]bool{}
	for i, e := range ex {
		f := fmt.Sprintf("%sexceptions.%d.", prefix, i)
		if d, err := time.Parse(time.DateOnly, e.Date); err != nil {
			fe.Add(f+"date", "Give a date such as 2026-12-24.")
		} else if d.Year() < 2000 || d.Year() > 2100 {
			fe.Add(f+"date", "Give a date from 2000 to 2100.")
		} else if seen[e.Date] {
			fe.Add(f+"date", "This date is listed twice.")
		}
		seen[e.Date] = true
		if (e.Start == "") != (e.End == "") {
			fe.Add(f+"end", "Give both times, or neither.")
		} else if e.Start != "" {
			if !e.Available {
				fe.Add(f+"start", "Times only go with an available day.")
			} else if !clockPattern.MatchString(e.Start) || !endPattern.MatchString(e.End) {
				fe.Add(f+"start", "Give times such as 09:00.")
			} else if e.Start >= e.End {
				fe.Add(f+"end", "The end must come after the start.")
			}
		}
	}
	return ex
}

// InBelgium reports whether p lies in Belgium's bounding box.
func InBelgium(p Point) bool {
	return p.Lat >= 49.4 && p.Lat <= 51.6 && p.Lon >= 2.5 && p.Lon <= 6.5
}

// PersonFilter selects people in a coordinator's list.
type PersonFilter struct {
	Role  Role   // worker, buddy, or "" for both
	Query string // matches names, phone, email, postcode, municipality
}

// PeopleService manages people and their profiles. Every method checks that actor may do it;
// a person the actor may not see is ENOTFOUND, as if they did not exist.
type PeopleService interface {
	ListPeople(ctx context.Context, actor Principal, f PersonFilter) ([]Person, error)
	CreatePerson(ctx context.Context, actor Principal, n NewPerson) (Person, Invite, error)
	GetPerson(ctx context.Context, actor Principal, id int64) (Person, error)
	// UpdatePerson stores changed, a full new version of person id as the actor edited it.
	UpdatePerson(ctx context.Context, actor Principal, id int64, changed Person) (Person, error)
	AddAddress(ctx context.Context, actor Principal, a Address) (Address, error)
	DeleteAddress(ctx context.Context, actor Principal, id int64) error
	Export(ctx context.Context, actor Principal) (map[string]any, error)
	Erase(ctx context.Context, actor Principal) error
	SearchPlaces(ctx context.Context, q string) ([]Place, error)
	NearestPlace(ctx context.Context, p Point) (Place, error)

	// Admins only.
	ListOrganisations(ctx context.Context, actor Principal) ([]Organisation, error)
	CreateOrganisation(ctx context.Context, actor Principal, o Organisation) (Organisation, error)
	InviteStaff(ctx context.Context, actor Principal, u User) (Invite, error)
}

// Released is what an erasure set free, for the dispatcher once it is committed: jobs with a
// place to offer again, and workers' places that need a buddy again.
type Released struct {
	Jobs        []int64
	Assignments []int64
}
