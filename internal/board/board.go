// Package board is the coordinators' match board: the jobs that need a coach, why each person
// was asked, and stepping in when a job is not filled.
package board

import (
	"context"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
)

// Service implements klusbuddy.BoardService.
type Service struct {
	db   *postgres.DB
	wave func(ctx context.Context, jobID int64)
}

var _ klusbuddy.BoardService = (*Service)(nil)

// New returns the board; wave sends a job's next wave of offers.
func New(db *postgres.DB, wave func(ctx context.Context, jobID int64)) *Service {
	return &Service{db: db, wave: wave}
}

func coordinatorOnly(actor klusbuddy.Principal) error {
	if actor.Role != klusbuddy.RoleCoordinator || actor.OrganisationID == 0 {
		return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only coordinators see the match board.")
	}
	return nil
}

// Board lists the jobs of the shared pool still to come that match f.
func (s *Service) Board(ctx context.Context, actor klusbuddy.Principal, f klusbuddy.BoardFilter) ([]klusbuddy.BoardJob, error) {
	if err := coordinatorOnly(actor); err != nil {
		return nil, err
	}
	if f == "" {
		f = klusbuddy.BoardAttention
	}
	if !f.Valid() {
		return nil, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"filter": "Choose attention, open or all."}}
	}
	return s.db.Board(ctx, f)
}

// ReviewJob shows a job with why each person was asked; people of other organisations are
// named by their organisation only.
func (s *Service) ReviewJob(ctx context.Context, actor klusbuddy.Principal, id int64) (klusbuddy.JobReview, error) {
	if err := coordinatorOnly(actor); err != nil {
		return klusbuddy.JobReview{}, err
	}
	return s.db.ReviewJob(ctx, id, actor.OrganisationID)
}

// Reoffer puts an unfilled job back to offering and sends its next wave at once.
func (s *Service) Reoffer(ctx context.Context, actor klusbuddy.Principal, id int64) (klusbuddy.BoardJob, error) {
	if err := coordinatorOnly(actor); err != nil {
		return klusbuddy.BoardJob{}, err
	}
	if err := s.db.Reoffer(ctx, id, actor.ID); err != nil {
		return klusbuddy.BoardJob{}, err
	}
	if s.wave != nil {
		s.wave(ctx, id)
	}
	return s.db.BoardJob(ctx, id)
}
