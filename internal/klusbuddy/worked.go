package klusbuddy

import (
	"context"
	"math"
	"time"
)

// What a worker worked (issue 12): their worked hours against their caps, per job, and their
// pay where their organisation sets a rate per hour; a buddy's volunteer hours; an
// organisation's figures. Worked hours follow one rule (the stored function worked_hours,
// which matching and accepting use for the caps too): the approved hours of a final sheet,
// otherwise the hours booked. A per-item sheet counts items, not time: its booked hours count.
// The worker never sees the poster's price; payment itself happens outside Klusbuddy.

// MaxWorkerRateCents is the highest hourly pay an organisation may set (€ 1 000).
const MaxWorkerRateCents = 100000

// OrgSettings are an organisation's settings a coordinator reads and sets.
type OrgSettings struct {
	// WorkerRateCents is the hourly pay of the organisation's workers; nil: none is set, and
	// workers see no amount.
	WorkerRateCents *int
	// FollowUp are the thresholds of the follow-up list's rules.
	FollowUp FollowUpSettings
}

// OrgSettingsPatch changes the settings it names: SetRate (with Rate nil to clear it), and
// each threshold of the follow-up list that is not nil.
type OrgSettingsPatch struct {
	SetRate bool
	Rate    *int

	InactiveDays, ExpiredInRow, DeclinesInRow, InviteDays, UnseenDays *int
}

// Check returns field errors for values out of range.
func (p OrgSettingsPatch) Check() error {
	if p.SetRate && p.Rate != nil && (*p.Rate < 1 || *p.Rate > MaxWorkerRateCents) {
		return &Error{Code: EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"worker_rate_cents": "Give an hourly pay in cents from 1 to 100000, or null for none."}}
	}
	fe := FieldErrors{}
	between := func(field string, v *int, hi int, msg string) {
		if v != nil && (*v < 1 || *v > hi) {
			fe.Add(field, msg)
		}
	}
	between("follow_inactive_days", p.InactiveDays, 365, "Give a number of days from 1 to 365.")
	between("follow_invite_days", p.InviteDays, 365, "Give a number of days from 1 to 365.")
	between("follow_unseen_days", p.UnseenDays, 365, "Give a number of days from 1 to 365.")
	between("follow_expired_in_row", p.ExpiredInRow, 50, "Give a number from 1 to 50.")
	between("follow_declines_in_row", p.DeclinesInRow, 50, "Give a number from 1 to 50.")
	return fe.Err()
}

// PayCents is the pay for hours at rate cents per hour, to the cent; nil without a rate.
func PayCents(rate *int, hours float64) *int {
	if rate == nil {
		return nil
	}
	c := int(math.Round(float64(*rate) * hours))
	return &c
}

// WindowHours is the hours from start to end.
func WindowHours(start, end time.Time) float64 { return end.Sub(start).Hours() }

// WorkedJob is one of a worker's places on a job, with the hours it counts.
type WorkedJob struct {
	JobID       int64
	Category    string
	Start, End  time.Time
	BookedHours float64
	// Sheet is the timesheet's state; "" when there is none (yet).
	Sheet SheetState
	Unit  SheetUnit // "" without a sheet
	// Hours is what the job counts by the rule: approved when Final, booked otherwise.
	Hours float64
	Final bool
	// Pending is the hours (or items, on a per-item sheet) waiting for approval: confirmed or
	// proposed; nil when there is no sheet or it is final.
	Pending *int
	// Items is the approved or pending number of items on a per-item sheet.
	Items    *int
	PayCents *int // Hours × the organisation's rate, nil without one
}

// WorkedHours is what a worker sees of their hours: a month and its year against their caps.
type WorkedHours struct {
	Month                 string // YYYY-MM, in Belgium
	MonthHours, YearHours float64
	MonthCap, YearCap     float64
	RateCents             *int
	MonthPayCents         *int
	Jobs                  []WorkedJob // the month's, by start
	History               []WorkedJob // the jobs done before now, the latest first (at most HistoryLimit)
}

// HistoryLimit is how many past jobs a worker's history shows.
const HistoryLimit = 100

// VolunteerJob is a job a buddy went along on, with their approved hours.
type VolunteerJob struct {
	JobID      int64
	Category   string
	Start, End time.Time
	Hours      float64 // approved; 0 while not approved
	Sheet      SheetState
}

// VolunteerHours is what a buddy sees: their approved volunteer hours.
type VolunteerHours struct {
	Year                  int
	YearHours, TotalHours float64
	Jobs                  []VolunteerJob // the latest first (at most HistoryLimit)
}

// OrgFigures are an organisation's figures for a year: its buddies' approved volunteer hours
// and its workers' worked hours (by the rule).
type OrgFigures struct {
	Year           int
	VolunteerHours float64
	WorkedHours    float64
}

// MonthOrNow reads YYYY-MM as the first moment of that month in loc; "" is the month of now.
func MonthOrNow(s string, now time.Time, loc *time.Location) (time.Time, error) {
	if s == "" {
		return MonthOf(now, loc).Start(loc), nil
	}
	m, err := ParseMonth("month", s)
	if err != nil {
		return time.Time{}, err
	}
	return m.Start(loc), nil
}

// WorkedService is the worker's and buddy's hours, and the coordinator's settings and figures.
type WorkedService interface {
	MyHours(ctx context.Context, actor Principal, month string) (WorkedHours, error)
	MyVolunteerHours(ctx context.Context, actor Principal) (VolunteerHours, error)
	OrgSettings(ctx context.Context, actor Principal) (OrgSettings, error)
	UpdateOrgSettings(ctx context.Context, actor Principal, p OrgSettingsPatch) (OrgSettings, error)
	OrgFigures(ctx context.Context, actor Principal) (OrgFigures, error)
}
