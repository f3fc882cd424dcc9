package klusbuddy

import (
	"context"
	"time"
)

// BoardFilter picks the jobs on a coordinator's match board.
type BoardFilter string

const (
	BoardAttention BoardFilter = "attention" // unfilled, waiting for a buddy, or close with places left
	BoardOpen      BoardFilter = "open"      // still to fill
	BoardAll       BoardFilter = "all"       // every job still to come
)

// Valid reports whether f is a known filter.
func (f BoardFilter) Valid() bool { return f == BoardAttention || f == BoardOpen || f == BoardAll }

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
	Board(ctx context.Context, actor Principal, f BoardFilter) ([]BoardJob, error)
	ReviewJob(ctx context.Context, actor Principal, id int64) (JobReview, error)
	// Reoffer puts an unfilled job back to offering and sends a wave.
	Reoffer(ctx context.Context, actor Principal, id int64) (BoardJob, error)
}
