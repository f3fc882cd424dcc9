package match

import (
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Span is a stretch of a day in minutes since local midnight, From inclusive, To exclusive.
type Span struct{ From, To int }

// Exception overrides the week on one date: not available (no spans), or available only in
// Spans (nil Spans with Available: the whole day).
type Exception struct {
	Available bool
	Spans     []Span
}

// Availability is when someone can work, in local time (Europe/Brussels).
type Availability struct {
	Weekly     [8][]Span            // by ISO weekday, 1 Monday … 7 Sunday; index 0 unused
	Exceptions map[string]Exception // by date "2006-01-02"

	// The exceptions by day number (dayNumber), sorted, built by normalize: a check then
	// compares a few integers rather than hashing a date into the map.
	exDays []int32
	exList []Exception
}

// Interval is an absolute stretch of time [Start, End).
type Interval struct{ Start, End time.Time }

// Overlaps reports whether two intervals share any moment.
func (a Interval) Overlaps(b Interval) bool { return a.Start.Before(b.End) && b.Start.Before(a.End) }

// Skill is a worker's level in a category.
type Skill struct {
	Level    int
	Verified bool
}

// Worker is what matching knows of a worker.
type Worker struct {
	ID             int64
	OrganisationID int64
	Home           klusbuddy.Point
	Mode           klusbuddy.TravelMode
	MaxMinutes     float64
	Skills         map[string]Skill // by category slug
	Availability   Availability
	Busy           []Interval // jobs they are booked on

	HoursLast30Days float64 // for fairness
	HoursThisMonth  float64 // for the caps, in the job's month …
	HoursThisYear   float64 // … and year
	MonthCap        float64 // 0: no cap
	YearCap         float64

	Reliability  float64                     // 0…1: klusbuddy.ReliabilityRecord.Reliability (½ for someone new)
	Record       klusbuddy.ReliabilityRecord // what Reliability comes from, for the breakdown
	PosterJobs   map[int64]int               // jobs done for each poster, for familiarity
	Blocked      map[int64]bool              // posters they must not be sent to ("never again", either way)
	BuddyNeed    klusbuddy.BuddyNeed
	BuddyFirst   int            // N of BuddyFirstJobs
	JobsDone     int            // all categories
	CategoryDone map[string]int // jobs done per category
}

// Buddy is what matching knows of a volunteer buddy.
type Buddy struct {
	ID           int64
	Home         klusbuddy.Point
	Mode         klusbuddy.TravelMode
	MaxMinutes   float64
	Categories   map[string]bool
	Availability Availability
	Busy         []Interval
	Blocked      map[int64]bool // posters
	Reliability  float64        // 0…1 (klusbuddy.ReliabilityRecord); 0: unknown, counted as ½

	OrganisationID int64 // for the shared pool: see Job.Organisation
}

// BuddyPolicy is the domain's: whether a buddy may or must come along on a job.
type BuddyPolicy = klusbuddy.BuddyPolicy

const (
	BuddyAllowed    = klusbuddy.BuddyAllowed
	BuddyRequired   = klusbuddy.BuddyRequired
	BuddyNotAllowed = klusbuddy.BuddyNotAllowed
)

// Job is what matching needs of a job.
type Job struct {
	ID            int64
	PosterID      int64
	Category      string
	Level         int // 1…3; 2 and up need a skill verified by a coordinator
	Where         klusbuddy.Point
	When          Interval
	Buddy         BuddyPolicy
	Organisations []int64 // restricted to these organisations' workers; empty: the shared pool
	// The organisation the job belongs to (0: a platform job) and whether it shares its pool:
	// a job of an organisation that does not goes only to that organisation's people.
	Organisation int64
	SharedPool   bool
	// WindowDays > 1: the job may be done on When's day or any of the next WindowDays-1 days,
	// at the same local time; each worker is offered the earliest day they can do.
	WindowDays int
}

// Day returns the job moved k days on, at the same local time (across a change of clocks).
func (j Job) Day(k int, loc *time.Location) Job {
	if k == 0 {
		return j
	}
	j.When = Interval{Start: j.When.Start.In(loc).AddDate(0, 0, k), End: j.When.End.In(loc).AddDate(0, 0, k)}
	return j
}

// Hours is the job's length in hours, what it adds to a worker's caps.
func (j Job) Hours() float64 { return j.When.End.Sub(j.When.Start).Hours() }

// Weights weigh the parts of the score; they are settings.
type Weights struct {
	Travel, Skill, Fairness, Reliability, Familiarity, BuddyTravel float64
}

// DefaultWeights put travel and fairness first: mobility is the main barrier, and everyone
// should get chances.
var DefaultWeights = Weights{Travel: 0.35, Skill: 0.15, Fairness: 0.25, Reliability: 0.15, Familiarity: 0.05, BuddyTravel: 0.05}

// Breakdown explains a score: each part's weighted contribution, and the facts behind them.
// It is stored with each offer, so that a coordinator can read why this worker.
type Breakdown struct {
	Travel      float64 `json:"travel"`
	Skill       float64 `json:"skill"`
	Fairness    float64 `json:"fairness"`
	Reliability float64 `json:"reliability"`
	Familiarity float64 `json:"familiarity"`
	BuddyTravel float64 `json:"buddy_travel"`

	TravelMinutes   float64 `json:"travel_minutes"`
	Level           int     `json:"level"`
	Verified        bool    `json:"verified"`
	HoursLast30Days float64 `json:"hours_last_30_days"`
	JobsForPoster   int     `json:"jobs_for_poster"`
	// What the reliability comes from: the share (0…1) and the counts behind it.
	ReliabilityShare float64 `json:"reliability_share"`
	DoneJobs         int     `json:"done_jobs"`
	NoShows          int     `json:"no_shows"`
	LateDropouts     int     `json:"late_dropouts"`
	// Asked first, alone: the poster's favourite, or who did a series' previous date
	// (internal/dispatch's favourites-first wave).
	FirstAsked         bool    `json:"first_asked,omitempty"`
	BuddyID            int64   `json:"buddy_id,omitempty"`
	BuddyTravelMinutes float64 `json:"buddy_travel_minutes,omitempty"`
}

// Candidate is a worker who passes every hard rule, with their score.
type Candidate struct {
	WorkerID   int64     `json:"worker_id"`
	When       Interval  `json:"-"` // the day offered: the job's own, or the earliest in its window they can do
	Score      float64   `json:"score"`
	NeedsBuddy bool      `json:"needs_buddy"`
	Buddies    []int64   `json:"buddies,omitempty"` // free buddies for this worker, best first
	Breakdown  Breakdown `json:"breakdown"`
}
