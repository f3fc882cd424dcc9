package klusbuddy

import (
	"context"
	"time"
)

// Impact figures (issue 13): what the platform did for the people it is for, per period,
// organisation, category and municipality. The definitions are in docs/decisions.md ("Impact
// figures"); internal/impact reads the query, internal/postgres counts.

// ImpactScope says which jobs count: those that start in [From, To) (Belgian days), of an
// organisation (0: all), a category (0: all) and a municipality (the main municipality of the
// job's address, as postcodes name it; "": all).
type ImpactScope struct {
	From, To       time.Time
	OrganisationID int64
	CategoryID     int64
	Municipality   string
}

// ImpactFigures are the counts of one scope. Hours are decimal hours; a median or p90 is nil
// when no job was filled.
type ImpactFigures struct {
	HoursWorked   float64 // approved (or decided) worker hours: worked_hours' rule, final sheets only
	JobsPosted    int     // every job that starts in the period
	JobsDone      int     // done or hours_confirmed
	JobsFilled    int     // ever fully booked and not ended unfilled or expired
	JobsUnfilled  int     // ended unfilled or expired
	JobsCancelled int
	PeopleWorked  int // distinct workers with a final sheet
	NewPeople     int // of those, whose first final sheet ever is on a job in the period
	Households    int // distinct posters (kind household) of jobs done
	Companies     int // distinct posters (kind company) of jobs done
	BuddyHours    float64
	Buddies       int      // distinct buddies with a final sheet
	FillMedian    *float64 // hours from posting to the first time fully booked
	FillP90       *float64
	NoShows       int // places whose outcome is worker_no_show
	NoShowPeople  int
	DropoutsLate  int // workers' drop-outs within the free-cancellation window
	DropoutsEarly int
	DropoutPeople int
}

// FilledShare is filled ÷ (filled + unfilled), nil when neither.
func (f ImpactFigures) FilledShare() *float64 {
	n := f.JobsFilled + f.JobsUnfilled
	if n == 0 {
		return nil
	}
	s := float64(f.JobsFilled) / float64(n)
	return &s
}

// ImpactPeriodKind is how a period is chosen.
type ImpactPeriodKind string

const (
	PeriodWeek    ImpactPeriodKind = "week"
	PeriodMonth   ImpactPeriodKind = "month"
	PeriodQuarter ImpactPeriodKind = "quarter"
	PeriodYear    ImpactPeriodKind = "year"
	PeriodRange   ImpactPeriodKind = "range" // chosen dates, both included
)

// ImpactBucket is one step of a series: [From, To) and its figures.
type ImpactBucket struct {
	From, To time.Time
	Figures  ImpactFigures
}

// ImpactValueBasis is what a social-return value is counted per.
type ImpactValueBasis string

const (
	ValuePerHour   ImpactValueBasis = "hour"   // per approved hour worked
	ValuePerPerson ImpactValueBasis = "person" // per person who worked
)

// Valid reports whether b is a known basis.
func (b ImpactValueBasis) Valid() bool { return b == ValuePerHour || b == ValuePerPerson }

// ImpactValue is one of an organisation's own values for the indicative social return: its
// label, the amount in cents per unit and the source or assumption it relies on. Klusbuddy
// holds no value of its own.
type ImpactValue struct {
	Label  string
	Basis  ImpactValueBasis
	Cents  int64
	Source string
}

// Bounds of the values an organisation keeps.
const (
	MaxImpactValues      = 10
	MaxImpactLabel       = 120
	MaxImpactSource      = 1000
	MaxImpactValueCents  = 100_000_000 // € 1,000,000 per unit
	ImpactSmallestNumber = 5           // public figures about fewer people are hidden
)

// ImpactEstimate is a value applied to the period's figures: always shown with its value.
type ImpactEstimate struct {
	Value ImpactValue
	Units float64 // hours or people
	Cents int64
}

// EstimateOf applies v to f.
func EstimateOf(v ImpactValue, f ImpactFigures) ImpactEstimate {
	units := f.HoursWorked
	if v.Basis == ValuePerPerson {
		units = float64(f.PeopleWorked)
	}
	return ImpactEstimate{Value: v, Units: units, Cents: int64(units*float64(v.Cents) + 0.5)}
}

// ImpactReport is what a coordinator (or an admin) reads: the scope, its totals, a series for
// charts and the organisation's social-return estimates.
type ImpactReport struct {
	Period         ImpactPeriodKind
	Step           ImpactPeriodKind // the series' step: week, month or day
	Scope          ImpactScope
	Category       string // slug, "" for all
	Total          ImpactFigures
	Series         []ImpactBucket
	Values         []ImpactValue
	Estimates      []ImpactEstimate
	OrganisationID int64 // 0: all (an admin's)
}

// ImpactQuery is the query string as typed: period, date, from, to, category (slug),
// municipality and, for admins, organisation.
type ImpactQuery struct {
	Period, Date, From, To, Category, Municipality string
	OrganisationID                                 int64
}

// PublicImpact is the public page's content: the platform's figures and each municipality's,
// with small numbers hidden (nil).
type PublicImpact struct {
	Period         ImpactPeriodKind
	From, To       time.Time
	Platform       PublicFigures
	Municipality   string // the one asked for, "" for the platform
	Municipalities []PublicFigures
}

// PublicFigures are figures fit for anyone: a number about fewer than ImpactSmallestNumber
// people is nil (and Hidden names it).
type PublicFigures struct {
	Municipality string
	JobsDone     int
	HoursWorked  *float64
	PeopleWorked *int
	NewPeople    *int
	Households   *int
	Companies    *int
	BuddyHours   *float64
	Buddies      *int
	FilledShare  *float64
	NoShows      *int
	Dropouts     *int
	Hidden       []string // the names of the numbers hidden
}

// small reports whether n people are too few to show a number about them: 1 to 4. Zero
// concerns nobody and is shown.
func small(n int) bool { return n > 0 && n < ImpactSmallestNumber }

// PublicFiguresOf hides what concerns fewer than ImpactSmallestNumber people: the counts of
// people themselves, and hours, no-shows and drop-outs that come from so few people.
func PublicFiguresOf(municipality string, f ImpactFigures) PublicFigures {
	p := PublicFigures{Municipality: municipality, JobsDone: f.JobsDone, FilledShare: f.FilledShare()}
	count := func(name string, n, people int) *int {
		if small(people) {
			p.Hidden = append(p.Hidden, name)
			return nil
		}
		return &n
	}
	hours := func(name string, h float64, people int) *float64 {
		if small(people) {
			p.Hidden = append(p.Hidden, name)
			return nil
		}
		return &h
	}
	p.HoursWorked = hours("hours_worked", f.HoursWorked, f.PeopleWorked)
	p.PeopleWorked = count("people_worked", f.PeopleWorked, f.PeopleWorked)
	p.NewPeople = count("new_people", f.NewPeople, f.NewPeople)
	p.Households = count("households", f.Households, f.Households)
	p.Companies = count("companies", f.Companies, f.Companies)
	p.BuddyHours = hours("buddy_hours", f.BuddyHours, f.Buddies)
	p.Buddies = count("buddies", f.Buddies, f.Buddies)
	p.NoShows = count("no_shows", f.NoShows, f.NoShowPeople)
	p.Dropouts = count("dropouts", f.DropoutsLate+f.DropoutsEarly, f.DropoutPeople)
	return p
}

// ImpactService is the impact figures, the organisation's values and the public page.
type ImpactService interface {
	Impact(ctx context.Context, actor Principal, q ImpactQuery) (ImpactReport, error)
	ImpactValues(ctx context.Context, actor Principal) ([]ImpactValue, error)
	SetImpactValues(ctx context.Context, actor Principal, vs []ImpactValue) ([]ImpactValue, error)
	PublicImpact(ctx context.Context, q ImpactQuery) (PublicImpact, error)
}
