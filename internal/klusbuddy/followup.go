package klusbuddy

import (
	"context"
	"time"
)

// Under the radar (issue 13, part 5): the people of an organisation who need a call from their
// coordinator, each for reasons that come from what happened (storage computes them with the
// organisation's thresholds), with the coordinator's actions. A person enters the list when
// they have a reason and no place on it yet, when their snooze ends, or when a reason arises
// after they were resolved; entering is announced to the organisation's coordinators.

// FollowUpReasonCode names why someone is on the list.
type FollowUpReasonCode string

const (
	ReasonInactive         FollowUpReasonCode = "inactive"          // no activity for the organisation's inactive days
	ReasonOffersExpired    FollowUpReasonCode = "offers_expired"    // their latest answers: offers (requests) that expired unanswered
	ReasonDeclines         FollowUpReasonCode = "declines"          // their latest answers: declines
	ReasonNoShow           FollowUpReasonCode = "no_show"           // did not come to a job (recently)
	ReasonLateDropout      FollowUpReasonCode = "late_dropout"      // dropped out late (recently)
	ReasonInviteUnused     FollowUpReasonCode = "invite_unused"     // an invite not used after the invite days
	ReasonNotificationsOff FollowUpReasonCode = "notifications_off" // no push subscription and not seen for the unseen days
)

// FollowUpReasonCodes lists every reason, in the order the list shows them.
func FollowUpReasonCodes() []FollowUpReasonCode {
	return []FollowUpReasonCode{ReasonNoShow, ReasonLateDropout, ReasonOffersExpired, ReasonDeclines, ReasonInactive,
		ReasonNotificationsOff, ReasonInviteUnused}
}

// FollowUpLookback is how far back a no-show or late drop-out counts as a reason.
const FollowUpLookback = 30 * 24 * time.Hour

// FollowUpReason is one reason with its facts.
type FollowUpReason struct {
	Code FollowUpReasonCode
	// Since is when the reason arose: the last activity plus the days, the latest expired
	// offer or decline of the run, the no-show's or drop-out's time, the invite plus its days.
	// A resolved person comes back when a reason's Since is after the resolution.
	Since time.Time
	Count int   // the run's length (offers expired, declines), the no-shows or late drop-outs in the lookback
	JobID int64 // the latest no-show's or late drop-out's job
	Days  int   // the threshold in days (inactive, notifications off, invite unused)
}

// FollowUpState is a person's place on the list.
type FollowUpState string

const (
	FollowUpOpen     FollowUpState = "open"
	FollowUpSnoozed  FollowUpState = "snoozed"
	FollowUpResolved FollowUpState = "resolved"
)

// FollowUpKind is what a coordinator did.
type FollowUpKind string

const (
	FollowUpCall    FollowUpKind = "call"
	FollowUpVisit   FollowUpKind = "visit"
	FollowUpMessage FollowUpKind = "message"
	FollowUpSnooze  FollowUpKind = "snooze"
	FollowUpResolve FollowUpKind = "resolve"
)

// MaxFollowUpNote is the longest note an action may carry.
const MaxFollowUpNote = 1000

// MaxSnoozeDays is how far ahead a snooze may go.
const MaxSnoozeDays = 366

// FollowUpAction is one thing a coordinator did about a person.
type FollowUpAction struct {
	ID           int64
	PersonID     int64
	Kind         FollowUpKind
	Note         string
	SnoozedUntil string // YYYY-MM-DD for a snooze
	ByID         int64
	ByName       string
	At           time.Time
}

// FollowUpInput is an action as a coordinator sends it.
type FollowUpInput struct {
	Kind  FollowUpKind
	Note  string
	Until string // YYYY-MM-DD, for a snooze only
}

// Check returns field errors: an unknown kind, a note too long, a snooze without a day, in the
// past (today in loc, or before) or too far ahead, a day with anything but a snooze.
func (in FollowUpInput) Check(now time.Time, loc *time.Location) (time.Time, error) {
	fe := FieldErrors{}
	switch in.Kind {
	case FollowUpCall, FollowUpVisit, FollowUpMessage, FollowUpSnooze, FollowUpResolve:
	default:
		fe.Add("kind", "Give call, visit, message, snooze or resolve.")
	}
	if n := len([]rune(in.Note)); n > MaxFollowUpNote {
		fe.Add("note", "Keep the note to 1000 characters.")
	}
	var until time.Time
	switch {
	case in.Kind == FollowUpSnooze && in.Until == "":
		fe.Add("until", "Give the day the person comes back on the list.")
	case in.Kind == FollowUpSnooze:
		d, err := time.ParseInLocation("2006-01-02", in.Until, loc)
		today := now.In(loc)
		today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, loc)
		switch {
		case err != nil:
			fe.Add("until", "Give a date as YYYY-MM-DD.")
		case !d.After(today):
			fe.Add("until", "Give a day after today.")
		case d.After(today.AddDate(0, 0, MaxSnoozeDays)):
			fe.Add("until", "Snooze for a year at most.")
		}
		until = d
	case in.Until != "":
		fe.Add("until", "Only a snooze has a day.")
	}
	return until, fe.Err()
}

// FollowUpSettings are an organisation's thresholds.
type FollowUpSettings struct {
	InactiveDays  int // no activity for this many days
	ExpiredInRow  int // this many offers expired unanswered in a row
	DeclinesInRow int // this many declines in a row
	InviteDays    int // an invite unused after this many days
	UnseenDays    int // notifications off and not seen for this many days
}

// DefaultFollowUpSettings are the thresholds an organisation starts with (the database's
// defaults say the same).
var DefaultFollowUpSettings = FollowUpSettings{InactiveDays: 21, ExpiredInRow: 3, DeclinesInRow: 5, InviteDays: 3, UnseenDays: 7}

// FollowUpPerson is someone on the list (or who was: their history).
type FollowUpPerson struct {
	PersonID     int64
	Role         Role
	FirstName    string
	LastName     string
	Phone        string
	Reasons      []FollowUpReason
	LastActiveAt *time.Time
	EnteredAt    time.Time
	State        FollowUpState // open, or snoozed / resolved in a person's history
	SnoozedUntil string
	LatestAction *FollowUpAction
}

// FollowUpHistory is a person's place on the list and the actions taken, the latest first.
type FollowUpHistory struct {
	State        FollowUpState // "" when they never were on the list
	SnoozedUntil string
	ResolvedAt   *time.Time
	Reasons      []FollowUpReason // their reasons now
	LastActiveAt *time.Time
	Actions      []FollowUpAction
}

// FollowUpService is the coordinator's follow-up list.
type FollowUpService interface {
	FollowUpList(ctx context.Context, actor Principal) ([]FollowUpPerson, error)
	FollowUpAct(ctx context.Context, actor Principal, personID int64, in FollowUpInput) (FollowUpAction, error)
	FollowUpHistory(ctx context.Context, actor Principal, personID int64) (FollowUpHistory, error)
}

// FollowUpPlace is a person's row on the list; a zero State: they have none.
type FollowUpPlace struct {
	State        FollowUpState
	SnoozedUntil string // YYYY-MM-DD
	ResolvedAt   time.Time
}

// Shows reports whether a person with these reasons and this place is on the list on the
// Belgian day today (YYYY-MM-DD): they have a reason, and they are not snoozed past today nor
// resolved after every reason arose.
func (pl FollowUpPlace) Shows(reasons []FollowUpReason, today string) bool {
	if len(reasons) == 0 {
		return false
	}
	switch pl.State {
	case FollowUpSnoozed:
		return pl.SnoozedUntil <= today
	case FollowUpResolved:
		for _, r := range reasons {
			if r.Since.After(pl.ResolvedAt) {
				return true
			}
		}
		return false
	}
	return true
}

// Enters reports whether the person enters the list now: they show on it and their row does
// not say open yet (the sweep opens it and tells the coordinators).
func (pl FollowUpPlace) Enters(reasons []FollowUpReason, today string) bool {
	return pl.State != FollowUpOpen && pl.Shows(reasons, today)
}

// LatestSince is when the newest of the reasons arose.
func LatestSince(reasons []FollowUpReason) time.Time {
	var t time.Time
	for _, r := range reasons {
		if r.Since.After(t) {
			t = r.Since
		}
	}
	return t
}
