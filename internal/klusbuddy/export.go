package klusbuddy

import "time"

// The records of a person's data export (their right of access): what Klusbuddy keeps about
// them, row by row, with the ids that tie the rows together. Other people appear by id only,
// and a job by its category and municipality (its exact address is its poster's).

// JobRecord is a job its poster posted.
type JobRecord struct {
	ID             int64       `json:"id"`
	Category       string      `json:"category"`
	Description    string      `json:"description"`
	AddressID      int64       `json:"address_id"`
	Start          time.Time   `json:"start"`
	End            time.Time   `json:"end"`
	WindowDays     int         `json:"window_days"`
	WorkersNeeded  int         `json:"workers_needed"`
	Level          int         `json:"level"`
	Buddy          BuddyPolicy `json:"buddy"`
	LanguageHints  []string    `json:"language_hints"`
	State          JobState    `json:"state"`
	Unit           Unit        `json:"unit"`
	UnitPriceCents int         `json:"unit_price_cents"`
	CreatedAt      time.Time   `json:"created_at"`
}

// TransitionRecord is a move of a job that the person made.
type TransitionRecord struct {
	JobID int64     `json:"job_id"`
	From  *JobState `json:"from"` // nil: the posting itself
	To    JobState  `json:"to"`
	At    time.Time `json:"at"`
	Late  bool      `json:"late"`
}

// OfferRecord is an offer made to a worker: why (the score's parts, as coordinators see them)
// and how it ended.
type OfferRecord struct {
	ID            int64          `json:"id"`
	JobID         int64          `json:"job_id"`
	Category      string         `json:"category"`
	Municipality  string         `json:"municipality"`
	Start         time.Time      `json:"start"` // the day offered
	End           time.Time      `json:"end"`
	Round         int            `json:"round"`
	Wave          int            `json:"wave"`
	State         OfferState     `json:"state"`
	DeclineReason *DeclineReason `json:"decline_reason"`
	Score         float64        `json:"score"`
	Breakdown     map[string]any `json:"breakdown"`
	TravelMinutes float64        `json:"travel_minutes"`
	NeedsBuddy    bool           `json:"needs_buddy"`
	CreatedAt     time.Time      `json:"created_at"`
	ExpiresAt     time.Time      `json:"expires_at"`
	AnsweredAt    *time.Time     `json:"answered_at"`
}

// AssignmentRecord is a place a worker has or had on a job, past or to come.
type AssignmentRecord struct {
	ID           int64      `json:"id"`
	JobID        int64      `json:"job_id"`
	Place        int        `json:"place"`
	Category     string     `json:"category"`
	Municipality string     `json:"municipality"`
	Start        time.Time  `json:"start"`
	End          time.Time  `json:"end"`
	JobState     JobState   `json:"job_state"`
	BuddyState   BuddyState `json:"buddy_state"`
	CreatedAt    time.Time  `json:"created_at"`
}

// DropoutRecord is a job a worker or buddy dropped out of.
type DropoutRecord struct {
	JobID int64     `json:"job_id"`
	Role  Role      `json:"role"` // worker, or buddy leaving a worker without company
	Late  bool      `json:"late"`
	At    time.Time `json:"at"`
}

// FeedbackRecord is an answer the user gave after a job (what others said about them is for
// their coordinator only, not in their export).
type FeedbackRecord struct {
	JobID   int64     `json:"job_id"`
	Role    Role      `json:"role"`
	AboutID int64     `json:"about_id"`
	Again   *bool     `json:"again"`
	Face    *Face     `json:"face"`
	Tags    []string  `json:"tags"`
	Comment *string   `json:"comment"`
	At      time.Time `json:"at"`
}

// FavouriteRecord is a worker (by id, as other people are in an export) a poster marked
// "graag opnieuw", and since when.
type FavouriteRecord struct {
	WorkerID int64     `json:"worker_id"`
	Since    time.Time `json:"since"`
}

// BlockRecord is "never again" between a poster and a worker or buddy, whoever asked.
type BlockRecord struct {
	PosterID  int64     `json:"poster_id"`
	PersonID  int64     `json:"person_id"`
	By        Role      `json:"by"`     // the role of who asked
	ByYou     bool      `json:"by_you"` // the person exporting asked
	JobID     *int64    `json:"job_id"`
	CreatedAt time.Time `json:"created_at"`
}

// BuddyRequestRecord is a request to a buddy to go along, and how it ended.
type BuddyRequestRecord struct {
	ID            int64          `json:"id"`
	JobID         int64          `json:"job_id"`
	AssignmentID  *int64         `json:"assignment_id"` // nil once the worker's place was released
	Category      string         `json:"category"`
	Municipality  string         `json:"municipality"`
	Start         time.Time      `json:"start"`
	End           time.Time      `json:"end"`
	Wave          int            `json:"wave"`
	State         OfferState     `json:"state"`
	DeclineReason *DeclineReason `json:"decline_reason"`
	TravelMinutes float64        `json:"travel_minutes"`
	CreatedAt     time.Time      `json:"created_at"`
	ExpiresAt     time.Time      `json:"expires_at"`
	AnsweredAt    *time.Time     `json:"answered_at"`
}

// AccompanimentRecord is a worker's place a buddy goes or went along on.
type AccompanimentRecord struct {
	AssignmentID int64     `json:"assignment_id"`
	JobID        int64     `json:"job_id"`
	Category     string    `json:"category"`
	Municipality string    `json:"municipality"`
	Start        time.Time `json:"start"`
	End          time.Time `json:"end"`
	JobState     JobState  `json:"job_state"`
}

// PushSubscriptionRecord is a device's Web Push subscription: where pushes go, without the
// keys that encrypt them.
type PushSubscriptionRecord struct {
	Endpoint  string    `json:"endpoint"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// InviteRecord is an invite link made for the person (the link itself is not kept).
type InviteRecord struct {
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt time.Time  `json:"expires_at"`
	UsedAt    *time.Time `json:"used_at"`
	RevokedAt *time.Time `json:"revoked_at"`
}

// AttendanceRecord is a check-in (and check-out) of a worker or buddy: the phone's times and
// the server's, and where the phone was when it allowed it.
type AttendanceRecord struct {
	JobID         int64      `json:"job_id"`
	Role          Role       `json:"role"`
	Place         int        `json:"place"`
	CheckedInAt   time.Time  `json:"checked_in_at"`
	InReceivedAt  time.Time  `json:"in_received_at"`
	InPosition    *Position  `json:"in_position"`
	DistanceM     *float64   `json:"distance_m"`
	Far           bool       `json:"far"`
	CheckedOutAt  *time.Time `json:"checked_out_at"`
	OutReceivedAt *time.Time `json:"out_received_at"`
	OutPosition   *Position  `json:"out_position"`
}

// SafetyReportRecord is a report of not feeling safe that the person made, with its follow-up.
type SafetyReportRecord struct {
	ID             int64      `json:"id"`
	JobID          int64      `json:"job_id"`
	Role           Role       `json:"role"`
	At             time.Time  `json:"at"`
	ReceivedAt     time.Time  `json:"received_at"`
	Position       *Position  `json:"position"`
	DistanceM      *float64   `json:"distance_m"`
	AcknowledgedAt *time.Time `json:"acknowledged_at"`
	FollowUp       *string    `json:"follow_up"`
}

// TimesheetRecord is the person's hours on a job, with every step (who by role, when).
type TimesheetRecord struct {
	ID            int64                 `json:"id"`
	JobID         int64                 `json:"job_id"`
	Role          Role                  `json:"role"`
	Place         int                   `json:"place"`
	Unit          SheetUnit             `json:"unit"`
	State         SheetState            `json:"state"`
	Proposed      *int                  `json:"proposed"`
	Confirmed     *int                  `json:"confirmed"`
	Reason        string                `json:"reason"`
	DisputeReason string                `json:"dispute_reason"`
	Approved      *int                  `json:"approved"`
	DecisionNote  string                `json:"decision_note"`
	Steps         []TimesheetStepRecord `json:"steps"`
}

// TimesheetStepRecord is one step of a timesheet.
type TimesheetStepRecord struct {
	Step  SheetStep `json:"step"`
	Role  Role      `json:"role"`
	At    time.Time `json:"at"`
	Value *int      `json:"value"`
	Text  string    `json:"text"`
}
