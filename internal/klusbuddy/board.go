package klusbuddy

import (
	"context"
	"time"
)

// BoardFilter picks the jobs on a coordinator's match board.
type BoardFilter string

const (
	BoardAttention  BoardFilter = "attention"   // needs a coach now: see Board's query
	BoardOpen       BoardFilter = "open"        // still to fill
	BoardAll        BoardFilter = "all"         // every job still to come
	BoardToday      BoardFilter = "today"       // starting today (Europe/Brussels), also those already over
	BoardNotArrived BoardFilter = "not_arrived" // someone booked has not checked in NotArrivedAfter the start
	BoardSafety     BoardFilter = "safety"      // a safety report nobody acknowledged yet
)

// BoardFilters lists every filter, in the order the board shows them.
func BoardFilters() []BoardFilter {
	return []BoardFilter{BoardAttention, BoardToday, BoardNotArrived, BoardSafety, BoardOpen, BoardAll}
}

// Valid reports whether f is a known filter.
func (f BoardFilter) Valid() bool {
	for _, g := range BoardFilters() {
		if f == g {
			return true
		}
	}
	return false
}

// DeclinesAttention is how many declines make a job with places left and no offer open need a
// coach: the work, the time or the place may not suit the people asked.
const DeclinesAttention = 3

// MaxBoardIDs is how many jobs one board request may name (a live board loads only the jobs
// that changed).
const MaxBoardIDs = 100

// Presence says whether someone booked on a job has come.
type Presence string

const (
	PresenceExpected   Presence = "expected"    // the job has not started long enough to say
	PresenceCheckedIn  Presence = "checked_in"  // checked in on time
	PresenceLate       Presence = "late"        // checked in more than NotArrivedAfter after the start
	PresenceCheckedOut Presence = "checked_out" // came and went
	PresenceNotArrived Presence = "not_arrived" // no check-in NotArrivedAfter the start
	PresenceAway       Presence = "away"        // did not stay: an outcome or a safety report says why
)

// BoardPerson is someone booked on a job (a worker on their place, or the buddy going along),
// as a coordinator sees them: by name only in their own organisation.
type BoardPerson struct {
	Place       int
	Role        Role
	Person      PersonRef
	Arrival     Presence
	CheckedInAt *time.Time
}

// OrganisationContacts is another organisation on a job, with how to reach its coordinators:
// what a coach needs to act on a cross-organisation match.
type OrganisationContacts struct {
	ID           int64
	Name         string
	Coordinators []Contact
}

// BoardJob is a job as a coordinator follows it: where it stands, not who posted it.
type BoardJob struct {
	ID            int64
	Category      string
	Municipality  string
	Start, End    time.Time
	State         JobState
	WorkersNeeded int
	Booked        int
	AwaitingBuddy int
	OffersPending int
	Declines      int
	Level         int
	Buddy         BuddyPolicy

	Organisation *JobOrganisation // the organisation the job belongs to; nil: a platform job

	NotArrived  int // booked workers not checked in NotArrivedAfter the start
	FarCheckIns int // check-ins farther from the address than the radius
	SafetyOpen  int // safety reports not yet acknowledged

	// Who is booked, and the other organisations on the job with their coordinators: filled
	// on the board for the coordinator who asks (nil in a job's review, which has its own).
	People []BoardPerson
	Others []OrganisationContacts
}

// JobOrganisation is the organisation a job belongs to, and whether it shares its pool: when
// it does not, only its own people are asked.
type JobOrganisation struct {
	ID         int64
	Name       string
	SharedPool bool
}

// PersonRef names a worker or buddy for a coordinator: by name (and id) only in the
// coordinator's own organisation, otherwise by organisation alone.
type PersonRef struct {
	ID           int64
	Name         string
	Organisation string
}

// OfferReview is an offer with why it was made and how it ended, for "why this worker?".
type OfferReview struct {
	ID            int64
	Wave          int
	State         OfferState
	DeclineReason DeclineReason
	Score         float64
	Breakdown     map[string]any
	TravelMinutes float64
	NeedsBuddy    bool
	Created       time.Time
	Answered      *time.Time
	Worker        PersonRef
}

// BuddyRequestReview is a request to a buddy and how it ended, with their decline reason.
type BuddyRequestReview struct {
	ID            int64
	Wave          int
	State         OfferState
	DeclineReason DeclineReason
	TravelMinutes float64
	Created       time.Time
	Answered      *time.Time
	Buddy         PersonRef
}

// AssignmentReview is a booked place, with its buddy.
type AssignmentReview struct {
	Place      int
	Worker     PersonRef
	BuddyState BuddyState
	Buddy      *PersonRef
}

// Transition is one recorded move of a job, with the kind of person who made it.
type Transition struct {
	From *JobState
	To   JobState
	At   time.Time
	By   string // "system" or a role
	Late bool
}

// JobReview is everything a coordinator sees of one job.
type JobReview struct {
	Job           BoardJob
	Description   string
	Offers        []OfferReview
	BuddyRequests []BuddyRequestReview
	Assignments   []AssignmentReview
	Transitions   []Transition
	Attendance    []AttendanceReview
	Outcomes      []OutcomeRecord
	Contacts      []Contact // the coordinator's own people on the job, and its poster
}

// BoardService is the coordinators' match board.
type BoardService interface {
	// Board lists the jobs that match f; with ids, only those of them (a live board loading
	// the jobs that changed).
	Board(ctx context.Context, actor Principal, f BoardFilter, ids []int64) ([]BoardJob, error)
	ReviewJob(ctx context.Context, actor Principal, id int64) (JobReview, error)
	// Reoffer puts an unfilled job back to offering and sends a wave.
	Reoffer(ctx context.Context, actor Principal, id int64) (BoardJob, error)
}
