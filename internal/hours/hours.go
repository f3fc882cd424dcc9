// Package hours is hours after the job (issue 12): the worker's (buddy's) confirmation or
// correction of the hours proposed at check-out, the poster's approval or dispute, the
// coordinator's decision (and approval of buddies' hours), and the sweep that takes a step
// itself once its deadline passed, as Belgian service vouchers do.
package hours

import (
	"context"
	"log/slog"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Store is what hours need of storage (internal/postgres).
type Store interface {
	Sheet(ctx context.Context, ref klusbuddy.SheetRef, actor klusbuddy.Principal, wait time.Duration) (klusbuddy.Sheet, error)
	JobSheets(ctx context.Context, jobID, posterID int64, wait time.Duration) ([]klusbuddy.Sheet, error)
	OrgSheets(ctx context.Context, org int64, state klusbuddy.SheetState, wait time.Duration) ([]klusbuddy.Sheet, error)
	StepSheet(ctx context.Context, ref klusbuddy.SheetRef, actor klusbuddy.Principal, wait time.Duration,
		take func(klusbuddy.Sheet) (klusbuddy.Change, error)) (klusbuddy.Sheet, error)
	TakeDueSteps(ctx context.Context, before time.Time, limit int) (moved, seen int, err error)
}

// Service implements klusbuddy.HoursService and the sweep.
type Service struct {
	db   Store
	log  *slog.Logger
	wait time.Duration

	// Now is the clock (time.Now unless a test moves it).
	Now func() time.Time
}

var _ klusbuddy.HoursService = (*Service)(nil)

// New returns the hours' service with its approval settings.
func New(db Store, log *slog.Logger, s klusbuddy.ApprovalSettings) *Service {
	return &Service{db: db, log: log, wait: s.Wait(), Now: time.Now}
}

// as checks that the actor names a sheet the way their role does.
func as(actor klusbuddy.Principal, ref klusbuddy.SheetRef) error {
	if actor.Role != ref.As {
		return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "These hours are not yours to see.")
	}
	return nil
}

// MySheet is a sheet as the worker, buddy, poster or coordinator names it.
func (s *Service) MySheet(ctx context.Context, actor klusbuddy.Principal, ref klusbuddy.SheetRef) (klusbuddy.Sheet, error) {
	if err := as(actor, ref); err != nil {
		return klusbuddy.Sheet{}, err
	}
	return s.db.Sheet(ctx, ref, actor, s.wait)
}

// JobSheets lists the workers' sheets of the poster's job.
func (s *Service) JobSheets(ctx context.Context, actor klusbuddy.Principal, jobID int64) ([]klusbuddy.Sheet, error) {
	if actor.Role != klusbuddy.RolePoster {
		return nil, klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only the poster sees a job's hours.")
	}
	return s.db.JobSheets(ctx, jobID, actor.ID, s.wait)
}

// OrgSheets lists the sheets of the coordinator's people in a state (open ones when empty).
func (s *Service) OrgSheets(ctx context.Context, actor klusbuddy.Principal, state klusbuddy.SheetState) ([]klusbuddy.Sheet, error) {
	if actor.Role != klusbuddy.RoleCoordinator {
		return nil, klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only coordinators see their people's hours.")
	}
	switch state {
	case "", klusbuddy.SheetProposed, klusbuddy.SheetConfirmed, klusbuddy.SheetDisputed, klusbuddy.SheetApproved, klusbuddy.SheetDecided:
	default:
		return nil, &klusbuddy.Error{Code: klusbuddy.EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"state": "Give proposed, confirmed, disputed, approved or decided."}}
	}
	return s.db.OrgSheets(ctx, actor.OrganisationID, state, s.wait)
}

// Step takes a step on a sheet (klusbuddy.SheetMoves): the same step again answers the sheet
// as it stands.
func (s *Service) Step(ctx context.Context, actor klusbuddy.Principal, ref klusbuddy.SheetRef, step klusbuddy.SheetStep, in klusbuddy.SheetInput) (klusbuddy.Sheet, error) {
	if err := as(actor, ref); err != nil {
		return klusbuddy.Sheet{}, err
	}
	return s.db.StepSheet(ctx, ref, actor, s.wait, func(sh klusbuddy.Sheet) (klusbuddy.Change, error) {
		return sh.Take(step, actor.Role, in)
	})
}

// sweepBatch is how many sheets one transaction of a sweep takes.
const sweepBatch = 500

// Sweep takes every step whose deadline passed: proposals confirmed, confirmed sheets approved
// (a proposal confirmed now waits its own deadline). Instances may sweep at once: each sheet
// is taken by one (postgres.DB.TakeDueSteps); a batch whose jobs another instance holds moves
// nothing, and this sweep leaves the rest to that instance. It reports how many sheets moved.
func (s *Service) Sweep(ctx context.Context) (int, error) {
	before := s.Now().Add(-s.wait)
	total := 0
	for {
		moved, seen, err := s.db.TakeDueSteps(ctx, before, sweepBatch)
		total += moved
		if err != nil || seen < sweepBatch || moved == 0 {
			return total, err
		}
	}
}

// Run sweeps every interval until ctx ends.
func (s *Service) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := s.Sweep(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("taking the hours' due steps", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
