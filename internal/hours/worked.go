package hours

import (
	"context"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// WorkedStore is what the worker's and buddy's hours need of storage (internal/postgres).
type WorkedStore interface {
	WorkerPay(ctx context.Context, workerID int64) (monthCap, yearCap float64, rate *int, err error)
	WorkedJobs(ctx context.Context, workerID int64, from, to time.Time) ([]klusbuddy.WorkedJob, error)
	WorkedHistory(ctx context.Context, workerID int64, limit int) ([]klusbuddy.WorkedJob, error)
	BuddyHours(ctx context.Context, buddyID int64, yearFrom, yearTo time.Time, limit int) (year, total float64, jobs []klusbuddy.VolunteerJob, err error)
	OrgSettings(ctx context.Context, org int64) (klusbuddy.OrgSettings, error)
	UpdateOrgSettings(ctx context.Context, org int64, p klusbuddy.OrgSettingsPatch) (klusbuddy.OrgSettings, error)
	OrgFigures(ctx context.Context, org int64, from, to time.Time) (volunteer, worked float64, err error)
}

// Worked implements klusbuddy.WorkedService: months and years are Belgium's (loc).
type Worked struct {
	db  WorkedStore
	loc *time.Location

	// Now is the clock (time.Now unless a test moves it).
	Now func() time.Time
}

var _ klusbuddy.WorkedService = (*Worked)(nil)

// NewWorked returns the worked hours' service.
func NewWorked(db WorkedStore, loc *time.Location) *Worked {
	return &Worked{db: db, loc: loc, Now: time.Now}
}

func only(actor klusbuddy.Principal, role klusbuddy.Role, msg string) error {
	if actor.Role != role {
		return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "%s", msg)
	}
	return nil
}

// MyHours is the worker's worked hours in a month (YYYY-MM; "" is this month) and its year
// against their caps, per job, with their pay where their organisation sets a rate, and their
// past jobs.
func (s *Worked) MyHours(ctx context.Context, actor klusbuddy.Principal, month string) (klusbuddy.WorkedHours, error) {
	var out klusbuddy.WorkedHours
	if err := only(actor, klusbuddy.RoleWorker, "Only workers have worked hours."); err != nil {
		return out, err
	}
	first, err := klusbuddy.MonthOrNow(month, s.Now(), s.loc)
	if err != nil {
		return out, err
	}
	monthCap, yearCap, rate, err := s.db.WorkerPay(ctx, actor.ID)
	if err != nil {
		return out, err
	}
	yearFrom := time.Date(first.Year(), 1, 1, 0, 0, 0, 0, s.loc)
	year, err := s.db.WorkedJobs(ctx, actor.ID, yearFrom, yearFrom.AddDate(1, 0, 0))
	if err != nil {
		return out, err
	}
	history, err := s.db.WorkedHistory(ctx, actor.ID, klusbuddy.HistoryLimit)
	if err != nil {
		return out, err
	}
	out = klusbuddy.WorkedHours{Month: first.Format("2006-01"), MonthCap: monthCap, YearCap: yearCap, RateCents: rate,
		Jobs: []klusbuddy.WorkedJob{}, History: history}
	next := first.AddDate(0, 1, 0)
	for _, j := range year {
		j.PayCents = klusbuddy.PayCents(rate, j.Hours)
		out.YearHours += j.Hours
		if !j.Start.Before(first) && j.Start.Before(next) {
			out.MonthHours += j.Hours
			out.Jobs = append(out.Jobs, j)
		}
	}
	for i := range out.History {
		out.History[i].PayCents = klusbuddy.PayCents(rate, out.History[i].Hours)
	}
	out.MonthPayCents = klusbuddy.PayCents(rate, out.MonthHours)
	return out, nil
}

// MyVolunteerHours is the buddy's approved hours this year and of all time, per job.
func (s *Worked) MyVolunteerHours(ctx context.Context, actor klusbuddy.Principal) (klusbuddy.VolunteerHours, error) {
	var out klusbuddy.VolunteerHours
	if err := only(actor, klusbuddy.RoleBuddy, "Only buddies have volunteer hours."); err != nil {
		return out, err
	}
	now := s.Now().In(s.loc)
	from := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, s.loc)
	year, total, jobs, err := s.db.BuddyHours(ctx, actor.ID, from, from.AddDate(1, 0, 0), klusbuddy.HistoryLimit)
	if err != nil {
		return out, err
	}
	return klusbuddy.VolunteerHours{Year: now.Year(), YearHours: year, TotalHours: total, Jobs: jobs}, nil
}

// OrgSettings are the coordinator's organisation's settings.
func (s *Worked) OrgSettings(ctx context.Context, actor klusbuddy.Principal) (klusbuddy.OrgSettings, error) {
	if err := only(actor, klusbuddy.RoleCoordinator, "Only coordinators see their organisation's settings."); err != nil {
		return klusbuddy.OrgSettings{}, err
	}
	return s.db.OrgSettings(ctx, actor.OrganisationID)
}

// UpdateOrgSettings changes the coordinator's organisation's settings.
func (s *Worked) UpdateOrgSettings(ctx context.Context, actor klusbuddy.Principal, p klusbuddy.OrgSettingsPatch) (klusbuddy.OrgSettings, error) {
	if err := only(actor, klusbuddy.RoleCoordinator, "Only coordinators see their organisation's settings."); err != nil {
		return klusbuddy.OrgSettings{}, err
	}
	if err := p.Check(); err != nil {
		return klusbuddy.OrgSettings{}, err
	}
	return s.db.UpdateOrgSettings(ctx, actor.OrganisationID, p)
}

// OrgFigures are the coordinator's organisation's figures for this year.
func (s *Worked) OrgFigures(ctx context.Context, actor klusbuddy.Principal) (klusbuddy.OrgFigures, error) {
	if err := only(actor, klusbuddy.RoleCoordinator, "Only coordinators see their organisation's figures."); err != nil {
		return klusbuddy.OrgFigures{}, err
	}
	now := s.Now().In(s.loc)
	from := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, s.loc)
	v, w, err := s.db.OrgFigures(ctx, actor.OrganisationID, from, from.AddDate(1, 0, 0))
	return klusbuddy.OrgFigures{Year: now.Year(), VolunteerHours: v, WorkedHours: w}, err
}
