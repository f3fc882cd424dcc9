package jobs

import (
	"context"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

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
