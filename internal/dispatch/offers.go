package dispatch

import (
	"context"
	"errors"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

var _ klusbuddy.OfferService = (*Dispatcher)(nil)

func workerOnly(actor klusbuddy.Principal) error {
	if actor.Role != klusbuddy.RoleWorker {
		return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only workers get offers.")
	}
	return nil
}

// MyOffers lists the worker's open offers.
func (d *Dispatcher) MyOffers(ctx context.Context, actor klusbuddy.Principal) ([]klusbuddy.Offer, error) {
	if err := workerOnly(actor); err != nil {
		return nil, err
	}
	return d.db.WorkerOffers(ctx, actor.ID)
}

// Accept gives the worker a place, if one is left; a job that needs more gets its next wave
// from the ticker once this one ends.
func (d *Dispatcher) Accept(ctx context.Context, actor klusbuddy.Principal, offerID int64) (klusbuddy.Assignment, error) {
	if err := workerOnly(actor); err != nil {
		return klusbuddy.Assignment{}, err
	}
	return d.accept(ctx, actor.ID, offerID, 0)
}

// accept is Accept for worker, done by them (by 0) or by their coordinator (by).
func (d *Dispatcher) accept(ctx context.Context, worker, offerID, by int64) (a klusbuddy.Assignment, err error) {
	if d.Accepted != nil {
		defer func() { d.Accepted(acceptOutcome(err)) }()
	}
	jobID, _, err := d.db.AcceptOfferBy(ctx, worker, offerID, by)
	if err != nil {
		return klusbuddy.Assignment{}, err
	}
	return d.booked(ctx, worker, jobID)
}

// acceptOutcome names an accept's outcome by the refusal's reason (a fixed set in the code,
// so few values), else its code.
func acceptOutcome(err error) string {
	if err == nil {
		return "accepted"
	}
	var e *klusbuddy.Error
	if errors.As(err, &e) && e.Reason != "" {
		return e.Reason
	}
	return klusbuddy.ErrorCode(err)
}

// booked returns the worker's new place on a job and, when they need a buddy, asks the first
// buddies at once.
func (d *Dispatcher) booked(ctx context.Context, worker, jobID int64) (klusbuddy.Assignment, error) {
	as, err := d.db.WorkerAssignments(ctx, worker, jobID)
	if err != nil {
		return klusbuddy.Assignment{}, err
	}
	if len(as) == 0 { // released in the meantime (a cancellation right after)
		return klusbuddy.Assignment{}, klusbuddy.Conflict("cancelled", "This job was cancelled.")
	}
	a := as[0]
	if a.BuddyState != klusbuddy.BuddySearching {
		return a, nil
	}
	// The worker's place is confirmed once a buddy says yes: ask the first ones now.
	if _, err := d.BuddyWave(ctx, a.ID); err != nil {
		d.log.WarnContext(ctx, "first buddy wave", "assignment_id", a.ID, "error", err)
		return a, nil // the ticker asks them
	}
	if as, err = d.db.WorkerAssignments(ctx, worker, jobID); err == nil && len(as) == 0 {
		// No buddy is free at all any more: the place went back at once.
		return klusbuddy.Assignment{}, klusbuddy.Conflict("no_buddy", "No buddy is free to go along; your coach has been told.")
	}
	return a, err
}

// Decline records the worker's no; when it was the last open offer of its wave, the next tick
// (within seconds) sends the next wave.
func (d *Dispatcher) Decline(ctx context.Context, actor klusbuddy.Principal, offerID int64, reason klusbuddy.DeclineReason) error {
	if err := workerOnly(actor); err != nil {
		return err
	}
	if err := reason.Check(); err != nil {
		return err
	}
	return d.db.DeclineOffer(ctx, actor.ID, offerID, reason)
}

// MyAssignments lists the jobs the worker is booked on, with their exact address.
func (d *Dispatcher) MyAssignments(ctx context.Context, actor klusbuddy.Principal) ([]klusbuddy.Assignment, error) {
	if err := workerOnly(actor); err != nil {
		return nil, err
	}
	return d.db.WorkerAssignments(ctx, actor.ID, 0)
}

// DropOut takes the worker off a job and offers the place again at once. late says whether it
// came within the free-cancellation window; coaches see drop-outs.
func (d *Dispatcher) DropOut(ctx context.Context, actor klusbuddy.Principal, jobID int64) (bool, error) {
	if err := workerOnly(actor); err != nil {
		return false, err
	}
	late, err := d.db.DropOut(ctx, actor.ID, jobID, klusbuddy.FreeCancellation)
	if err != nil {
		return false, err
	}
	d.OfferNow(ctx, jobID) // the re-offer: the next wave, without the one who dropped out
	return late, nil
}
