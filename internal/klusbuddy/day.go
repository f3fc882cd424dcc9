package klusbuddy

import (
	"context"
	"math"
	"time"
)

// The day of the job: the buddy's meeting point, reaching each other, check-in and check-out
// (tapped on a phone that may be offline, so with the phone's own time), a safe way out, and how
// the job and its places ended.

const (
	CheckInEarly    = 30 * time.Minute // "Ik ben er" from this long before the start
	CheckInLate     = 6 * time.Hour    // … until this long after the end (a phone that was offline)
	PhoneClockSkew  = 2 * time.Minute  // a phone's clock may run this far ahead of the server's
	ContactWindow   = 24 * time.Hour   // phones are shown from this long before the start until this long after the end
	NotArrivedAfter = 15 * time.Minute // no check-in this long after the start: the worker is nudged, the coach alerted
	MeetingBefore   = 15 * time.Minute // a buddy meets the worker this long before the start, unless they choose
	MeetingEarliest = 3 * time.Hour    // … and at most this long before it
	MaxMeetingPlace = 120
	MaxFollowUp     = 1000
	EmergencyNumber = "112"
)

// Outcome is how a job or one of its places ended; the next issues count hours, reliability
// and impact from them.
type Outcome string

const (
	OutcomeDone                   Outcome = "done"
	OutcomeWorkerNoShow           Outcome = "worker_no_show"
	OutcomeBuddyNoShow            Outcome = "buddy_no_show"
	OutcomePosterAbsent           Outcome = "poster_absent" // or no access
	OutcomeLeftForSafety          Outcome = "left_for_safety"
	OutcomeCancelledLateByPoster  Outcome = "cancelled_late_by_poster"
	OutcomeCancelledByCoordinator Outcome = "cancelled_by_coordinator"
)

// Outcomes lists every outcome: the database's CHECK and the API description follow it.
func Outcomes() []Outcome {
	return []Outcome{OutcomeDone, OutcomeWorkerNoShow, OutcomeBuddyNoShow, OutcomePosterAbsent, OutcomeLeftForSafety,
		OutcomeCancelledLateByPoster, OutcomeCancelledByCoordinator}
}

// Valid reports whether o is a known outcome.
func (o Outcome) Valid() bool {
	for _, k := range Outcomes() {
		if o == k {
			return true
		}
	}
	return false
}

// OfAPlace reports whether o can be the outcome of one place (a person); the others are the
// whole job's, except done and poster absent, which are either.
func (o Outcome) OfAPlace() bool {
	return o != OutcomeCancelledLateByPoster && o != OutcomeCancelledByCoordinator
}

// OfTheJob reports whether someone can record o as the outcome of the whole job. (Klusbuddy
// itself records "left for safety" for the job when everyone on it left so.)
func (o Outcome) OfTheJob() bool {
	return o != OutcomeWorkerNoShow && o != OutcomeBuddyNoShow && o != OutcomeLeftForSafety
}

// Position is where a phone was, with its accuracy in metres (what the Geolocation API gives).
type Position struct {
	Lat      float64 `json:"lat"`
	Lon      float64 `json:"lon"`
	Accuracy float64 `json:"accuracy"`
}

// Check records a field error for each coordinate out of range, under prefix ("position.lat").
func (p Position) Check(fe FieldErrors, prefix string) {
	bad := func(v, lo, hi float64) bool { return math.IsNaN(v) || v < lo || v > hi }
	if bad(p.Lat, -90, 90) {
		fe.Add(prefix+".lat", "Give a latitude from -90 to 90.")
	}
	if bad(p.Lon, -180, 180) {
		fe.Add(prefix+".lon", "Give a longitude from -180 to 180.")
	}
	if bad(p.Accuracy, 0, 100000) {
		fe.Add(prefix+".accuracy", "Give an accuracy in metres from 0 to 100000.")
	}
}

// Arrival is one tap on a phone (check-in, check-out, safety): the phone's time, which may lie
// in the past when the tap waited offline, and its position when the person allowed it.
type Arrival struct {
	At       time.Time
	Position *Position
}

// Check refuses a phone time ahead of the server's (beyond a little clock skew) or missing, and
// a position out of range.
func (a Arrival) Check(now time.Time) error {
	fe := FieldErrors{}
	if a.At.IsZero() {
		fe.Add("at", "Give the time of the tap.")
	} else if a.At.After(now.Add(PhoneClockSkew)) {
		fe.Add("at", "This time lies in the future; check the phone's clock.")
	}
	if a.Position != nil {
		a.Position.Check(fe, "position")
	}
	return fe.Err()
}

// CheckInOpen checks a check-in's phone time against the job's window: from CheckInEarly
// before the start until CheckInLate after the end.
func CheckInOpen(at, start, end time.Time) error {
	if at.Before(start.Add(-CheckInEarly)) {
		return &Error{Code: EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"at": "You can check in from 30 minutes before the start."}}
	}
	if at.After(end.Add(CheckInLate)) {
		return &Error{Code: EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"at": "This time lies too long after the job's end."}}
	}
	return nil
}

// CheckOutOpen checks a check-out's phone time: not before the check-in, not long after the end.
func CheckOutOpen(at, checkedIn, end time.Time) error {
	if at.Before(checkedIn) {
		return &Error{Code: EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"at": "This time lies before your check-in."}}
	}
	if at.After(end.Add(CheckInLate)) {
		return &Error{Code: EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"at": "This time lies too long after the job's end."}}
	}
	return nil
}

// ContactsOpen reports whether the people of a job may see each other's phones now.
func ContactsOpen(start, end, now time.Time) bool {
	return !now.Before(start.Add(-ContactWindow)) && !now.After(end.Add(ContactWindow))
}

// Attendance is one person's check-in and check-out on a job, by the phone's times.
type Attendance struct {
	CheckedInAt  time.Time
	CheckedOutAt *time.Time
	DistanceM    *float64 // from the job's address at check-in, when the phone gave its position
	Far          bool     // farther than the radius: the coordinator sees it
}

// Contact is someone to call about a job.
type Contact struct {
	Role      Role
	FirstName string
	Phone     string
}

// Meeting is where and when a worker meets their buddy.
type Meeting struct {
	Place  string // empty: the job's address
	At     time.Time
	Chosen bool // the buddy set it; false: the default
}

// DefaultMeeting is MeetingBefore the start at the job's address.
func DefaultMeeting(start time.Time) Meeting { return Meeting{At: start.Add(-MeetingBefore)} }

// CheckMeeting checks a meeting the buddy chooses: before the job starts, within MeetingEarliest
// before the start, a place of a sensible length.
func CheckMeeting(m Meeting, start, now time.Time) error {
	if !now.Before(start) {
		return Errorf(ECONFLICT, "This job has started; the meeting point can no longer change.")
	}
	fe := FieldErrors{}
	tooLong(fe, "place", m.Place, MaxMeetingPlace)
	if m.At.IsZero() {
		fe.Add("at", "Give the date and time.")
	} else if m.At.After(start) || m.At.Before(start.Add(-MeetingEarliest)) {
		fe.Add("at", "Choose a time within the three hours before the start.")
	}
	return fe.Err()
}

// SafetyAnswer is what a person who reports not feeling safe is told at once.
type SafetyAnswer struct {
	ReportID     int64
	Coordinators []Contact
}

// SafetyReport is a report as the coordinators of the reporter's organisation see it.
type SafetyReport struct {
	ID             int64
	JobID          int64
	Role           Role
	Person         PersonRef
	Phone          string
	Category       string
	Municipality   string
	Street         string
	Start          time.Time
	At             time.Time // pressed, by the phone
	Received       time.Time
	Position       *Position
	DistanceM      *float64
	AcknowledgedAt *time.Time
	AcknowledgedBy string
	FollowUp       string
}

// OutcomeRecord is an outcome with who recorded it and when; Place 0 is the whole job.
type OutcomeRecord struct {
	Place   int
	Outcome Outcome
	At      time.Time
	By      Role // "" for Klusbuddy itself
}

// AttendanceReview is one person's attendance as the coordinator reviews a job.
type AttendanceReview struct {
	Place  int
	Role   Role
	Person PersonRef
	Attendance
}

// PlaceStatus is what the poster sees of a place on the day.
type PlaceStatus string

const (
	PlaceBooked  PlaceStatus = "booked"
	PlaceArrived PlaceStatus = "arrived"
	PlaceDone    PlaceStatus = "done"
	PlaceLeft    PlaceStatus = "left" // had to leave; the poster is not told why
)

// Tap is a check-in, check-out or safety report on one's booking: a worker names it by the
// job's id, a buddy by the accompaniment's (the assignment's) id.
type Tap struct {
	Role Role // RoleWorker or RoleBuddy
	ID   int64
}

// DayService is the day of the job for the people on it and their coordinators.
type DayService interface {
	CheckIn(ctx context.Context, actor Principal, t Tap, a Arrival) (Attendance, error)
	CheckOut(ctx context.Context, actor Principal, t Tap, a Arrival) (Attendance, error)
	ReportUnsafe(ctx context.Context, actor Principal, t Tap, a Arrival) (SafetyAnswer, error)
	SetMeeting(ctx context.Context, actor Principal, assignmentID int64, m Meeting) error
	SafetyReports(ctx context.Context, actor Principal) ([]SafetyReport, error)
	AcknowledgeSafety(ctx context.Context, actor Principal, id int64, followUp string) (SafetyReport, error)
	// RecordOutcome records how a place (place > 0) or the whole job ended, and closes a
	// started job when asked.
	RecordOutcome(ctx context.Context, actor Principal, jobID int64, place int, o Outcome, close bool) error
}

// Booked is one person's booking on a job as the day's rules look at it.
type Booked struct {
	JobID, AssignmentID int64
	Place               int
	Role                Role // RoleWorker or RoleBuddy
	State               JobState
	Start, End          time.Time
	Address             Point
	Attendance          *Attendance // nil before the check-in
}

// JobPerson is someone on a job, for working out who may call whom.
type JobPerson struct {
	ID    int64
	Place int // the worker's place; a buddy's is their worker's; 0 for the poster
	Contact
}

// ContactsFor picks whom a viewer may call about a job now (nobody outside ContactsOpen): the
// poster everyone on the job; a worker the poster and their own buddy; a buddy the poster and
// the worker they go along with. People without a phone are left out.
func ContactsFor(viewer Role, place int, people []JobPerson, start, end, now time.Time) []Contact {
	out := []Contact{}
	if !ContactsOpen(start, end, now) {
		return out
	}
	for _, p := range people {
		if p.Phone == "" {
			continue
		}
		switch {
		case viewer == RolePoster && p.Role != RolePoster,
			viewer == RoleWorker && (p.Role == RolePoster || p.Role == RoleBuddy && p.Place == place),
			viewer == RoleBuddy && (p.Role == RolePoster || p.Role == RoleWorker && p.Place == place):
			out = append(out, p.Contact)
		}
	}
	return out
}

// OnTheDay is what a worker or buddy sees of their booking on the day.
type OnTheDay struct {
	TravelMode     TravelMode
	Meeting        *Meeting // nil without a buddy
	Contacts       []Contact
	Attendance     *Attendance
	Outcome        Outcome // their place's, "" before one is recorded
	SafetyReported bool
}
