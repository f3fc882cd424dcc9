// Package jobs lets posters post, follow and cancel their jobs. Matching and offers live in
// internal/match and internal/dispatch.
package jobs

import (
	"context"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
)

// Service implements klusbuddy.JobService.
type Service struct {
	db       *postgres.DB
	now      func() time.Time
	onPosted func(ctx context.Context, jobID int64)
}

var _ klusbuddy.JobService = (*Service)(nil)

// New returns the job service; onPosted (may be nil) runs after a job is stored: the first
// wave of offers goes out before the poster gets the answer.
func New(db *postgres.DB, onPosted func(ctx context.Context, jobID int64)) *Service {
	return &Service{db: db, now: time.Now, onPosted: onPosted}
}

func posterOnly(actor klusbuddy.Principal) error {
	if actor.Role != klusbuddy.RolePoster {
		return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only posters post jobs.")
	}
	return nil
}

// PostJob checks and stores a poster's new job.
func (s *Service) PostJob(ctx context.Context, actor klusbuddy.Principal, n klusbuddy.NewJob) (klusbuddy.Job, error) {
	if err := posterOnly(actor); err != nil {
		return klusbuddy.Job{}, err
	}
	if err := n.Validate(s.now()); err != nil {
		return klusbuddy.Job{}, err
	}
	j, err := s.db.CreateJob(ctx, actor.ID, n)
	if err != nil || s.onPosted == nil {
		return j, err
	}
	s.onPosted(ctx, j.ID)
	return s.db.Job(ctx, j.ID) // its state after the first wave
}

// PosterJobs lists the poster's own jobs.
func (s *Service) PosterJobs(ctx context.Context, actor klusbuddy.Principal) ([]klusbuddy.Job, error) {
	if err := posterOnly(actor); err != nil {
		return nil, err
	}
	return s.db.PosterJobs(ctx, actor.ID)
}

// GetJob returns one of the poster's own jobs; anyone else's is not found.
func (s *Service) GetJob(ctx context.Context, actor klusbuddy.Principal, id int64) (klusbuddy.Job, error) {
	if err := posterOnly(actor); err != nil {
		return klusbuddy.Job{}, err
	}
	j, err := s.db.Job(ctx, id)
	if err == nil && j.PosterID != actor.ID {
		return klusbuddy.Job{}, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such job.")
	}
	return j, err
}

// CancelJob cancels one of the poster's jobs: free until FreeCancellation before the start,
// recorded as late after that.
func (s *Service) CancelJob(ctx context.Context, actor klusbuddy.Principal, id int64) (bool, error) {
	if _, err := s.GetJob(ctx, actor, id); err != nil {
		return false, err
	}
	return s.db.CancelJob(ctx, id, actor.ID, klusbuddy.FreeCancellation)
}

// EditJob changes one of the poster's jobs until it is filled (klusbuddy.CheckEdit says what
// may change). After a change to its time, place or work (or more places on an unfilled job)
// the job is offered again at once.
func (s *Service) EditJob(ctx context.Context, actor klusbuddy.Principal, id int64, patch func(klusbuddy.NewJob) (klusbuddy.NewJob, error)) (klusbuddy.Job, error) {
	if _, err := s.GetJob(ctx, actor, id); err != nil {
		return klusbuddy.Job{}, err
	}
	wave, err := s.db.EditJob(ctx, id, actor.ID, func(j klusbuddy.Job, booked int) (klusbuddy.Edit, error) {
		next, err := patch(j.Draft())
		if err != nil {
			return klusbuddy.Edit{}, err
		}
		return klusbuddy.CheckEdit(j, next, booked, s.now())
	})
	if err != nil {
		return klusbuddy.Job{}, err
	}
	if wave && s.onPosted != nil {
		s.onPosted(ctx, id)
	}
	return s.db.Job(ctx, id)
}

var _ klusbuddy.BlockService = (*Service)(nil)

// NeverAgain records a block between the job's poster and a person on it (see
// klusbuddy.BlockService); the next waves leave them out.
func (s *Service) NeverAgain(ctx context.Context, actor klusbuddy.Principal, jobID int64, place int, personID int64) error {
	return s.db.BlockFromJob(ctx, jobID, actor, place, personID)
}

func coordinatorOnly(actor klusbuddy.Principal) error {
	if actor.Role != klusbuddy.RoleCoordinator {
		return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only coordinators see and lift blocks.")
	}
	return nil
}

// PersonBlocks lists a person's blocks for their coach.
func (s *Service) PersonBlocks(ctx context.Context, actor klusbuddy.Principal, personID int64) ([]klusbuddy.Block, error) {
	if err := coordinatorOnly(actor); err != nil {
		return nil, err
	}
	return s.db.PersonBlocks(ctx, personID)
}

// Unblock lifts a block for a person's coach: the two may be matched again.
func (s *Service) Unblock(ctx context.Context, actor klusbuddy.Principal, personID, posterID int64) error {
	if err := coordinatorOnly(actor); err != nil {
		return err
	}
	return s.db.Unblock(ctx, personID, posterID)
}
