package jobs

import (
	"context"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Households that phone: a coordinator records the household (a poster without e-mail, kept
// by the coordinator's organisation, who cannot sign in) and posts its jobs, which are then
// matched and offered like any other.

var _ klusbuddy.PhonedService = (*Service)(nil)

// CreatePhonedPoster records a household that phoned, with its address in the coordinator's
// organisation's area.
func (s *Service) CreatePhonedPoster(ctx context.Context, actor klusbuddy.Principal, p klusbuddy.PhonedPoster) (klusbuddy.PhonedPoster, error) {
	if err := coordinatorOnly(actor); err != nil {
		return p, err
	}
	if err := p.Normalize(); err != nil {
		return p, err
	}
	return s.db.CreatePhonedPoster(ctx, actor.OrganisationID, p)
}

// KeptPosters lists the households the coordinator's organisation posts for.
func (s *Service) KeptPosters(ctx context.Context, actor klusbuddy.Principal) ([]klusbuddy.PhonedPoster, error) {
	if err := coordinatorOnly(actor); err != nil {
		return nil, err
	}
	return s.db.KeptPosters(ctx, actor.OrganisationID)
}

// PostJobFor posts a job for a household the organisation keeps, checked as a poster's own
// (NewJob.Validate), and sends its first wave at once.
func (s *Service) PostJobFor(ctx context.Context, actor klusbuddy.Principal, posterID int64, n klusbuddy.NewJob) (klusbuddy.Job, error) {
	if err := coordinatorOnly(actor); err != nil {
		return klusbuddy.Job{}, err
	}
	if err := n.Validate(s.Now()); err != nil {
		return klusbuddy.Job{}, err
	}
	j, err := s.db.CreateJobFor(ctx, posterID, actor.OrganisationID, actor.ID, n)
	if err != nil {
		return j, err
	}
	s.offer.OfferNow(ctx, j.ID)
	return s.db.Job(ctx, j.ID)
}
