package klusbuddy

import (
	"context"
	"fmt"
	"time"
)

// Hours after the job (issue 12): at check-out a timesheet is proposed from the phone's check-in
// and check-out; the worker (or buddy) confirms or corrects it; the poster approves or disputes
// a worker's sheet, the coordinator a buddy's; a dispute goes to the coordinator, who decides;
// without an answer Klusbuddy takes the step itself when its deadline passes.

// SheetState is where a timesheet stands.
type SheetState string

const (
	SheetProposed  SheetState = "proposed"  // from the check-in and check-out, waiting for the worker
	SheetConfirmed SheetState = "confirmed" // the worker confirmed or corrected it; waiting for approval
	SheetDisputed  SheetState = "disputed"  // the poster disputed it; waiting for the coordinator
	SheetApproved  SheetState = "approved"  // by the poster, the coordinator (buddy) or the deadline: final
	SheetDecided   SheetState = "decided"   // the coordinator decided a dispute: final
)

// Final reports whether no step leads out of s.
func (s SheetState) Final() bool { return s == SheetApproved || s == SheetDecided }

// SheetStep is one step a timesheet can take.
type SheetStep string

const (
	StepConfirm SheetStep = "confirm" // the worker (buddy) confirms or corrects; Klusbuddy confirms the proposal when they do not; their coordinator may for them
	StepApprove SheetStep = "approve" // the poster (worker sheets), the coordinator (buddy sheets), or Klusbuddy at the deadline
	StepDispute SheetStep = "dispute" // the poster, with a reason
	StepDecide  SheetStep = "decide"  // the coordinator, on a dispute, with a note
)

// SheetMove is a step allowed from a state, to a state, by these roles for sheets of a person
// of role Of. RoleSystem is Klusbuddy itself (a deadline passed).
type SheetMove struct {
	Step     SheetStep
	Of       Role // whose sheet: worker or buddy
	From, To SheetState
	By       []Role
}

// RoleSystem is Klusbuddy itself, as who took a step.
const RoleSystem Role = "system"

// SheetMoves is the one table of timesheet steps; the service, the storage and the tests
// read it. Nothing leaves a final state.
var SheetMoves = []SheetMove{
	// The coordinator confirms for their person who cannot (a per-item count nobody gave:
	// Klusbuddy never makes one up).
	{StepConfirm, RoleWorker, SheetProposed, SheetConfirmed, []Role{RoleWorker, RoleSystem, RoleCoordinator}},
	{StepConfirm, RoleBuddy, SheetProposed, SheetConfirmed, []Role{RoleBuddy, RoleSystem, RoleCoordinator}},
	{StepApprove, RoleWorker, SheetConfirmed, SheetApproved, []Role{RolePoster, RoleSystem}},
	{StepApprove, RoleBuddy, SheetConfirmed, SheetApproved, []Role{RoleCoordinator, RoleSystem}},
	{StepDispute, RoleWorker, SheetConfirmed, SheetDisputed, []Role{RolePoster}},
	{StepDecide, RoleWorker, SheetDisputed, SheetDecided, []Role{RoleCoordinator}},
}

// MoveFor finds the move of step on a sheet of a person of role of, taken by by. ok is false
// when the step is never the role's to take on such a sheet.
func MoveFor(step SheetStep, of, by Role) (SheetMove, bool) {
	for _, m := range SheetMoves {
		if m.Step == step && m.Of == of {
			for _, r := range m.By {
				if r == by {
					return m, true
				}
			}
		}
	}
	return SheetMove{}, false
}

// Quarter is the step hours are counted in.
const Quarter = 15 * time.Minute

// HoursMargin is how much longer than the job's window hours may be.
const HoursMargin = time.Hour

// MaxItems is the most items one sheet may count.
const MaxItems = 999

// DefaultApprovalDays is how long a step may wait before Klusbuddy takes it
// (KLUSBUDDY_APPROVAL_DAYS): Belgian service vouchers give the user four days to confirm.
const DefaultApprovalDays = 4

// MaxSheetText is the most characters a correction's reason, a dispute or a decision may have.
const MaxSheetText = 500

// RoundQuarter rounds a duration to whole minutes in quarters of an hour, half up: 7 min 29 s
// is 0, 7 min 30 s is 15. A negative duration is 0.
func RoundQuarter(d time.Duration) int {
	if d <= 0 {
		return 0
	}
	q := (d + Quarter/2) / Quarter
	return int(q) * int(Quarter/time.Minute)
}

// MaxMinutes is the most minutes a sheet of a job from start to end may count: its window and
// the margin, down to a quarter.
func MaxMinutes(start, end time.Time) int {
	m := int((end.Sub(start) + HoursMargin) / time.Minute)
	return m - m%int(Quarter/time.Minute)
}

// ProposeMinutes is the proposal at check-out: from the check-in (not before the start: coming
// early is not working) to the check-out, rounded to the quarter, within 0..MaxMinutes.
func ProposeMinutes(in, out, start, end time.Time) int {
	if in.Before(start) {
		in = start
	}
	return min(RoundQuarter(out.Sub(in)), MaxMinutes(start, end))
}

// SheetUnit is what a sheet counts.
type SheetUnit string

const (
	SheetMinutes SheetUnit = "minutes"
	SheetItems   SheetUnit = "items"
)

// SheetUnitFor is what a sheet of a person of role on a job priced per unit counts: a buddy
// volunteers time; a worker counts items on a per-item job.
func SheetUnitFor(role Role, u Unit) SheetUnit {
	if role == RoleWorker && u == PerItem {
		return SheetItems
	}
	return SheetMinutes
}

// SheetStepRecord is one step of a sheet's history: who (role; the user is kept in the
// database), when, and the value it gave.
type SheetStepRecord struct {
	Step  SheetStep
	Role  Role
	At    time.Time
	Value *int
	Text  string
}

// Sheet is the hours of one person (worker or buddy) on one job.
type Sheet struct {
	ID            int64
	JobID         int64
	PersonID      int64
	FirstName     string
	Role          Role
	Place         int
	Unit          SheetUnit
	Start, End    time.Time // the job's window, for the limits
	Proposed      *int      // minutes from the phone's times; nil for items (the worker counts them)
	Confirmed     *int
	Reason        string // why the worker corrected the proposal
	State         SheetState
	DueAt         *time.Time // when Klusbuddy takes the next step (confirm, approve) itself
	DisputeReason string
	Approved      *int // the final value
	DecisionNote  string
	Steps         []SheetStepRecord
}

// SheetInput is a value given with a step: minutes or items, and a text (a reason or a note).
type SheetInput struct {
	Minutes, Items *int
	Text           string
}

// CheckValue checks the value a person gives for a sheet: minutes not negative, on the quarter,
// at most the job's window and the margin; items 1..MaxItems. The field errors name minutes or
// items.
func (s Sheet) CheckValue(in SheetInput) (int, error) {
	fe := FieldErrors{}
	var v int
	switch s.Unit {
	case SheetItems:
		if in.Minutes != nil {
			fe.Add("minutes", "This job is counted in items: give items.")
		}
		switch {
		case in.Items == nil:
			fe.Add("items", "Give the number of items.")
		case *in.Items < 1 || *in.Items > MaxItems:
			fe.Add("items", fmt.Sprintf("Give a number of items from 1 to %d.", MaxItems))
		default:
			v = *in.Items
		}
	default:
		if in.Items != nil {
			fe.Add("items", "This job is counted in time: give minutes.")
		}
		limit := MaxMinutes(s.Start, s.End)
		switch {
		case in.Minutes == nil:
			fe.Add("minutes", "Give the minutes worked.")
		case *in.Minutes < 0:
			fe.Add("minutes", "Minutes cannot be negative.")
		case *in.Minutes%int(Quarter/time.Minute) != 0:
			fe.Add("minutes", "Count in quarters of an hour (15, 30, 45, 60 …).")
		case *in.Minutes > limit:
			fe.Add("minutes", fmt.Sprintf("At most %d minutes: the job's time and an hour.", limit))
		default:
			v = *in.Minutes
		}
	}
	return v, fe.Err()
}

// Change is what a step does to a sheet; Same means the sheet already stands where the step
// leads (the same answer again).
type Change struct {
	Move  SheetMove
	Value *int
	Text  string
	Same  bool
}

// Take judges a step by by on the sheet with in: the field errors of the value and text, a
// conflict when the state does not allow it, Same when it was taken already with the same
// outcome (approving twice answers the first approval).
func (s Sheet) Take(step SheetStep, by Role, in SheetInput) (Change, error) {
	m, ok := MoveFor(step, s.Role, by)
	if !ok {
		return Change{}, Errorf(EFORBIDDEN, "This step on these hours is not yours to take.")
	}
	c := Change{Move: m, Text: in.Text}
	fe := FieldErrors{}
	switch step {
	case StepConfirm, StepDecide:
		v, err := s.CheckValue(in)
		if err != nil {
			return c, err
		}
		c.Value = &v
		field := "reason"
		if step == StepDecide {
			field = "note"
			if in.Text == "" {
				fe.Add(field, "Say what you decided and why.")
			}
		} else if by != RoleSystem && in.Text == "" && s.Proposed != nil && *s.Proposed != v {
			fe.Add(field, "Say why the hours differ from the proposal.")
		}
		CheckLength(fe, field, in.Text, MaxSheetText)
	case StepDispute:
		if in.Text == "" {
			fe.Add("reason", "Say what is wrong with the hours.")
		}
		CheckLength(fe, "reason", in.Text, MaxSheetText)
	}
	if err := fe.Err(); err != nil {
		return c, err
	}
	switch {
	case s.State == m.From:
		return c, nil
	case step == StepConfirm && s.Confirmed != nil && *s.Confirmed == *c.Value,
		step == StepDecide && s.State == SheetDecided && *s.Approved == *c.Value,
		step == StepDispute && s.State == SheetDisputed:
		c.Same = true // the same step again: the same answer
		return c, nil
	case step == StepApprove && s.State.Final():
		c.Same = true // approved already, or decided: the hours stand
		return c, nil
	case step == StepApprove && s.State == SheetDisputed:
		return c, Errorf(ECONFLICT, "These hours are disputed: the coordinator decides.")
	case step == StepDispute && s.State.Final():
		return c, Errorf(ECONFLICT, "These hours are approved already.")
	case s.State == SheetProposed:
		return c, Errorf(ECONFLICT, "The hours are not confirmed yet.")
	}
	return c, Errorf(ECONFLICT, "This step is no longer possible on these hours.")
}

// ApprovalSettings say how long a step waits before Klusbuddy takes it.
type ApprovalSettings struct {
	Days int // KLUSBUDDY_APPROVAL_DAYS (4)
}

// Wait is how long a sheet waits for the worker's confirmation, then for its approval.
func (a ApprovalSettings) Wait() time.Duration {
	d := a.Days
	if d <= 0 {
		d = DefaultApprovalDays
	}
	return time.Duration(d) * 24 * time.Hour
}

// SheetRef names a sheet as a caller may: a worker by the job (ID), a buddy by the
// accompaniment (ID), a poster by the job (JobID) and the sheet (ID), a coordinator by the
// sheet (ID).
type SheetRef struct {
	As    Role
	ID    int64
	JobID int64
}

// HoursService is hours after the job.
type HoursService interface {
	MySheet(ctx context.Context, actor Principal, ref SheetRef) (Sheet, error)
	JobSheets(ctx context.Context, actor Principal, jobID int64) ([]Sheet, error)
	OrgSheets(ctx context.Context, actor Principal, state SheetState) ([]Sheet, error)
	Step(ctx context.Context, actor Principal, ref SheetRef, step SheetStep, in SheetInput) (Sheet, error)
}
