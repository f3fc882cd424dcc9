// Package followup is the coordinator's follow-up list (issue 13, part 5, "under the radar"):
// the people of their organisation who need a call, the actions taken, the sweep that notices
// people entering the list and tells the coordinators, and the person's last activity, kept
// cheaply.
package followup

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Store is what the list needs of storage (internal/postgres).
type Store interface {
	FollowUpList(ctx context.Context, org int64, today string) ([]klusbuddy.FollowUpPerson, error)
	FollowUpAct(ctx context.Context, org, by, person int64, in klusbuddy.FollowUpInput) (klusbuddy.FollowUpAction, error)
	FollowUpHistory(ctx context.Context, org, person int64) (klusbuddy.FollowUpHistory, error)
	SweepFollowUps(ctx context.Context, today string) ([]int64, error)
}

// Service implements klusbuddy.FollowUpService and the sweep.
type Service struct {
	db   Store
	log  *slog.Logger
	loc  *time.Location
	poke chan struct{}

	// Now is the clock (time.Now unless a test moves it).
	Now func() time.Time
}

var _ klusbuddy.FollowUpService = (*Service)(nil)

// New returns the follow-up list's service; days are Belgian (loc).
func New(db Store, log *slog.Logger, loc *time.Location) *Service {
	return &Service{db: db, log: log, loc: loc, poke: make(chan struct{}, 1), Now: time.Now}
}

func (s *Service) today() string { return s.Now().In(s.loc).Format("2006-01-02") }

func coordinator(actor klusbuddy.Principal) error {
	if actor.Role != klusbuddy.RoleCoordinator {
		return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only coordinators follow up their people.")
	}
	return nil
}

// FollowUpList is the coordinator's organisation's list.
func (s *Service) FollowUpList(ctx context.Context, actor klusbuddy.Principal) ([]klusbuddy.FollowUpPerson, error) {
	if err := coordinator(actor); err != nil {
		return nil, err
	}
	return s.db.FollowUpList(ctx, actor.OrganisationID, s.today())
}

// FollowUpAct records a call, visit or message (with a note), a snooze until a day, or a
// resolution, about a person of the coordinator's organisation.
func (s *Service) FollowUpAct(ctx context.Context, actor klusbuddy.Principal, personID int64, in klusbuddy.FollowUpInput) (klusbuddy.FollowUpAction, error) {
	if err := coordinator(actor); err != nil {
		return klusbuddy.FollowUpAction{}, err
	}
	if _, err := in.Check(s.Now(), s.loc); err != nil {
		return klusbuddy.FollowUpAction{}, err
	}
	return s.db.FollowUpAct(ctx, actor.OrganisationID, actor.ID, personID, in)
}

// FollowUpHistory is a person's place on the list and what was done about them.
func (s *Service) FollowUpHistory(ctx context.Context, actor klusbuddy.Principal, personID int64) (klusbuddy.FollowUpHistory, error) {
	if err := coordinator(actor); err != nil {
		return klusbuddy.FollowUpHistory{}, err
	}
	return s.db.FollowUpHistory(ctx, actor.OrganisationID, personID)
}

// Sweep opens the rows of the people who enter the list now and tells their coordinators.
func (s *Service) Sweep(ctx context.Context) (int, error) {
	entered, err := s.db.SweepFollowUps(ctx, s.today())
	return len(entered), err
}

// Poke asks the running sweep to sweep now: something that may put someone on the list
// happened (a no-show recorded, a late drop-out). It never blocks.
func (s *Service) Poke() {
	select {
	case s.poke <- struct{}{}:
	default:
	}
}

// Run sweeps every interval, and when poked, until ctx ends.
func (s *Service) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := s.Sweep(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("sweeping the follow-up list", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-s.poke:
		}
	}
}

// ActivityStore records a person's last activity (internal/postgres).
type ActivityStore interface {
	TouchActivity(ctx context.Context, userID int64, window time.Duration) (bool, error)
}

// ActivityWindow is how often at most a person's last activity is written.
const ActivityWindow = 5 * time.Minute

// Activity keeps people's last activity cheaply: a request within ActivityWindow of the last
// one this instance wrote writes nothing, and the store's guard spares a write that another
// instance made. Only workers and buddies are followed up.
type Activity struct {
	db   ActivityStore
	log  *slog.Logger
	mu   sync.Mutex
	last map[int64]time.Time

	// Now is the clock (time.Now unless a test moves it).
	Now func() time.Time
}

// NewActivity returns the keeper of last activity.
func NewActivity(db ActivityStore, log *slog.Logger) *Activity {
	return &Activity{db: db, log: log, last: map[int64]time.Time{}, Now: time.Now}
}

// Seen records that p used the app now (at most once per ActivityWindow). A failure is logged,
// never the request's.
func (a *Activity) Seen(ctx context.Context, p klusbuddy.Principal) {
	if p.Role != klusbuddy.RoleWorker && p.Role != klusbuddy.RoleBuddy {
		return
	}
	now := a.Now()
	a.mu.Lock()
	if t, ok := a.last[p.ID]; ok && now.Sub(t) < ActivityWindow && !now.Before(t) {
		a.mu.Unlock()
		return
	}
	a.last[p.ID] = now
	if len(a.last) > 100000 { // forget the oldest rather than grow: the store's guard still holds
		for id, t := range a.last {
			if now.Sub(t) >= ActivityWindow {
				delete(a.last, id)
			}
		}
	}
	a.mu.Unlock()
	if _, err := a.db.TouchActivity(ctx, p.ID, ActivityWindow); err != nil && ctx.Err() == nil {
		a.log.Warn("recording activity", "user", p.ID, "error", err)
	}
}
