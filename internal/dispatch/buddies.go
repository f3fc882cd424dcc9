package dispatch

import (
	"context"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

var _ klusbuddy.BuddyService = (*Dispatcher)(nil)

func buddyOnly(actor klusbuddy.Principal) error {
	if actor.Role != klusbuddy.RoleBuddy {
		return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only buddies get requests to go along.")
	}
	return nil
}

// MyBuddyRequests lists the buddy's requests still open to answer.
func (d *Dispatcher) MyBuddyRequests(ctx context.Context, actor klusbuddy.Principal) ([]klusbuddy.BuddyRequest, error) {
	if err := buddyOnly(actor); err != nil {
		return nil, err
	}
	return d.db.BuddyRequests(ctx, actor.ID)
}

// ConfirmBuddyRequest makes the buddy the one who goes along, if nobody did first.
func (d *Dispatcher) ConfirmBuddyRequest(ctx context.Context, actor klusbuddy.Principal, requestID int64) (klusbuddy.Accompaniment, error) {
	if err := buddyOnly(actor); err != nil {
		return klusbuddy.Accompaniment{}, err
	}
	assignmentID, err := d.db.ConfirmBuddyRequest(ctx, actor.ID, requestID)
	if err != nil {
		return klusbuddy.Accompaniment{}, err
	}
	as, err := d.db.Accompaniments(ctx, actor.ID, assignmentID)
	if err != nil {
		return klusbuddy.Accompaniment{}, err
	}
	if len(as) == 0 { // released in the meantime
		return klusbuddy.Accompaniment{}, klusbuddy.Conflict("cancelled", "The worker no longer goes to this job.")
	}
	return as[0], nil
}

// DeclineBuddyRequest records the buddy's no; the next tick asks others when none is left.
func (d *Dispatcher) DeclineBuddyRequest(ctx context.Context, actor klusbuddy.Principal, requestID int64, reason klusbuddy.DeclineReason) error {
	if err := buddyOnly(actor); err != nil {
		return err
	}
	if err := reason.Check(); err != nil {
		return err
	}
	return d.db.DeclineBuddyRequest(ctx, actor.ID, requestID, reason)
}

// MyAccompaniments lists the jobs the buddy goes along on, with their exact address.
func (d *Dispatcher) MyAccompaniments(ctx context.Context, actor klusbuddy.Principal) ([]klusbuddy.Accompaniment, error) {
	if err := buddyOnly(actor); err != nil {
		return nil, err
	}
	return d.db.Accompaniments(ctx, actor.ID, 0)
}

// BuddyDropOut takes the buddy off an assignment and asks other buddies at once.
func (d *Dispatcher) BuddyDropOut(ctx context.Context, actor klusbuddy.Principal, assignmentID int64) (bool, error) {
	if err := buddyOnly(actor); err != nil {
		return false, err
	}
	_, late, err := d.db.BuddyDropOut(ctx, actor.ID, assignmentID, klusbuddy.FreeCancellation)
	if err != nil {
		return false, err
	}
	if _, err := d.BuddyWave(ctx, assignmentID); err != nil {
		d.log.WarnContext(ctx, "buddy wave after a drop-out", "assignment_id", assignmentID, "error", err)
	}
	return late, nil
}
