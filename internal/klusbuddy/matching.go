package klusbuddy

import "time"

// The facts matching works from, as storage loads them and stores what it decided:
// internal/dispatch turns them into internal/match's model, ranks, and hands back the offers.

// NewOffer is one offer of a wave.
type NewOffer struct {
	WorkerID      int64
	Score         float64
	Breakdown     any // stored as JSON: why this worker
	NeedsBuddy    bool
	TravelMinutes float64
	Slot          *[2]time.Time // the day offered, for a job with a window of days
}

// JobFacts is what matching needs of a job.
type JobFacts struct {
	ID, PosterID int64
	Category     string
	Level        int
	Where        Point
	Start, End   time.Time
	Buddy        BuddyPolicy
	Needed       int
	Taken        int
	State        JobState
	Round        int // offers' round: a wave ranked in one round is void in the next
	WindowDays   int // > 1: the job may be done on any of these days
	// The organisation the job belongs to (0: a platform job) and whether it shares its pool.
	OrganisationID int64
	SharedPool     bool
	// Not offered before this moment (zero: at once): a later occurrence of a series waits for
	// the start of the one before it. SeriesID is the series (0: none).
	OfferFrom time.Time
	SeriesID  int64
}

// LastEnd is when the job's last possible day ends.
func (f JobFacts) LastEnd() time.Time { return f.End.AddDate(0, 0, max(1, f.WindowDays)-1) }

// WorkerFacts is what matching needs of a worker: profile, week, bookings and history.
type WorkerFacts struct {
	ID, OrganisationID int64
	Home               Point
	Mode               TravelMode
	MaxMinutes         float64
	Skills             map[string]Skill
	Availability       []WeeklySlot
	Exceptions         []AvailabilityException
	Busy               [][2]time.Time
	HoursLast30Days    float64
	HoursThisMonth     float64
	HoursThisYear      float64
	MonthCap, YearCap  float64
	BuddyNeed          BuddyNeed
	BuddyFirst         int
	JobsDone           int
	CategoryDone       map[string]int
	PosterJobs         int // jobs done for this job's poster
	Record             ReliabilityRecord
	// Blocked: the job's poster and they do not work together again (only loaded for a
	// coordinator choosing by hand; matching leaves blocked workers out).
	Blocked bool
}

// BuddyFacts is what matching needs of a buddy.
type BuddyFacts struct {
	ID           int64
	Home         Point
	Mode         TravelMode
	MaxMinutes   float64
	Categories   map[string]bool
	Availability []WeeklySlot
	Exceptions   []AvailabilityException
	Busy         [][2]time.Time // the jobs they go along on, within a day of this one
	Record       ReliabilityRecord

	OrganisationID int64 // for the shared pool
}

// BuddySearch is what a buddy wave needs: the assignment's job and worker, who was asked.
type BuddySearch struct {
	AssignmentID int64
	WorkerID     int64
	Job          JobFacts
	Asked        map[int64]bool // buddies not to ask again
	LastWave     int
	Searching    bool
}

// NewBuddyRequest is one request of a buddy wave.
type NewBuddyRequest struct {
	BuddyID       int64
	TravelMinutes float64
}
