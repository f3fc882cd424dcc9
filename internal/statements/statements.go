// Package statements is what the poster pays (issue 12): a job's statement for its poster and
// the coordinators of its organisation, and a poster's monthly statements and history. The
// amounts follow klusbuddy's money rule; payment itself stays outside Klusbuddy.
package statements

import (
	"context"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Store is what statements need of storage (internal/postgres).
type Store interface {
	StatementJob(ctx context.Context, jobID int64) (klusbuddy.StatementJob, error)
	PosterStatementJobs(ctx context.Context, posterID int64, from, to time.Time) ([]klusbuddy.StatementJob, error)
	StatementPoster(ctx context.Context, posterID int64) (klusbuddy.StatementPoster, error)
}

// Service implements klusbuddy.StatementService.
type Service struct {
	db  Store
	loc *time.Location // months are Belgian (Europe/Brussels)
}

var _ klusbuddy.StatementService = (*Service)(nil)

// New returns the statements' service; months are counted in loc.
func New(db Store, loc *time.Location) *Service {
	return &Service{db: db, loc: loc}
}

// JobStatement is a job's statement: its poster's, or a coordinator's of the job's
// organisation.
func (s *Service) JobStatement(ctx context.Context, actor klusbuddy.Principal, jobID int64) (klusbuddy.JobStatement, error) {
	if actor.Role != klusbuddy.RolePoster && actor.Role != klusbuddy.RoleCoordinator {
		return klusbuddy.JobStatement{}, klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only the poster and the coordinators see what a job costs.")
	}
	j, err := s.db.StatementJob(ctx, jobID)
	if err != nil {
		return klusbuddy.JobStatement{}, err
	}
	switch {
	case actor.Role == klusbuddy.RolePoster && j.PosterID == actor.ID:
	case actor.Role == klusbuddy.RoleCoordinator && j.OrganisationID != nil && *j.OrganisationID == actor.OrganisationID:
	default:
		return klusbuddy.JobStatement{}, klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "This is not your job.")
	}
	return klusbuddy.StatementFor(j), nil
}

func posterOnly(actor klusbuddy.Principal) error {
	if actor.Role != klusbuddy.RolePoster {
		return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only posters have statements.")
	}
	return nil
}

// MonthStatement is the poster's statement of the jobs that started in month.
func (s *Service) MonthStatement(ctx context.Context, actor klusbuddy.Principal, month klusbuddy.Month) (klusbuddy.MonthStatement, error) {
	if err := posterOnly(actor); err != nil {
		return klusbuddy.MonthStatement{}, err
	}
	p, err := s.db.StatementPoster(ctx, actor.ID)
	if err != nil {
		return klusbuddy.MonthStatement{}, err
	}
	jobs, err := s.db.PosterStatementJobs(ctx, actor.ID, month.Start(s.loc), month.End(s.loc))
	if err != nil {
		return klusbuddy.MonthStatement{}, err
	}
	return klusbuddy.MonthStatementFor(month, p, jobs), nil
}

// StatementMonths is the poster's history: every month with a worked job, newest first.
func (s *Service) StatementMonths(ctx context.Context, actor klusbuddy.Principal) ([]klusbuddy.MonthSummary, error) {
	if err := posterOnly(actor); err != nil {
		return nil, err
	}
	jobs, err := s.db.PosterStatementJobs(ctx, actor.ID, time.Time{}, time.Time{})
	if err != nil {
		return nil, err
	}
	return klusbuddy.Summarize(jobs, s.loc), nil
}
