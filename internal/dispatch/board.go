package dispatch

import (
	"context"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The coordinators' match board: the jobs that need a coach, why each person was asked, and
// stepping in when a job is not filled.

var _ klusbuddy.BoardService = (*Dispatcher)(nil)

func coordinatorOnly(actor klusbuddy.Principal) error {
	if actor.Role != klusbuddy.RoleCoordinator || actor.OrganisationID == 0 {
		return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only coordinators see the match board.")
	}
	return nil
}

// Board lists the jobs of the shared pool still to come that match f (with ids, only those),
// with who is booked: named for the coordinator's own people, by organisation for others.
func (d *Dispatcher) Board(ctx context.Context, actor klusbuddy.Principal, f klusbuddy.BoardFilter, ids []int64) ([]klusbuddy.BoardJob, error) {
	if err := coordinatorOnly(actor); err != nil {
		return nil, err
	}
	if f == "" {
		f = klusbuddy.BoardAttention
	}
	if !f.Valid() {
		return nil, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"filter": "Choose attention, today, not_arrived, safety, open or all."}}
	}
	if len(ids) > klusbuddy.MaxBoardIDs {
		return nil, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"ids": "Name at most 100 jobs."}}
	}
	return d.db.Board(ctx, f, actor.OrganisationID, ids)
}

// ReviewJob shows a job with why each person was asked; people of other organisations are
// named by their organisation only.
func (d *Dispatcher) ReviewJob(ctx context.Context, actor klusbuddy.Principal, id int64) (klusbuddy.JobReview, error) {
	if err := coordinatorOnly(actor); err != nil {
		return klusbuddy.JobReview{}, err
	}
	return d.db.ReviewJob(ctx, id, actor.OrganisationID)
}

// Reoffer puts an unfilled job back to offering and sends its next wave at once.
func (d *Dispatcher) Reoffer(ctx context.Context, actor klusbuddy.Principal, id int64) (klusbuddy.BoardJob, error) {
	if err := coordinatorOnly(actor); err != nil {
		return klusbuddy.BoardJob{}, err
	}
	if err := d.db.Reoffer(ctx, id, actor.ID); err != nil {
		return klusbuddy.BoardJob{}, err
	}
	d.OfferNow(ctx, id)
	return d.db.BoardJob(ctx, id)
}
