package followup_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/clock"
	"github.com/klusbuddy/klusbuddy/internal/followup"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

type countingStore struct{ writes map[int64]int }

func (s *countingStore) TouchActivity(_ context.Context, id int64, _ time.Duration) (bool, error) {
	s.writes[id]++
	return true, nil
}

// Last activity is cheap: two requests of a person within the window make one write; one after
// the window writes again; coordinators are not followed up, so never written.
func TestActivityThrottle(t *testing.T) {
	c := clock.NewManual(time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC))
	store := &countingStore{writes: map[int64]int{}}
	a := followup.NewActivity(store, slog.New(slog.DiscardHandler))
	a.Now = c.Now
	w := klusbuddy.Principal{User: klusbuddy.User{ID: 7, Role: klusbuddy.RoleWorker}}
	b := klusbuddy.Principal{User: klusbuddy.User{ID: 8, Role: klusbuddy.RoleBuddy}}
	coach := klusbuddy.Principal{User: klusbuddy.User{ID: 9, Role: klusbuddy.RoleCoordinator}}
	ctx := context.Background()
	a.Seen(ctx, w)
	a.Seen(ctx, b)
	a.Seen(ctx, coach)
	c.Advance(followup.ActivityWindow - time.Second)
	a.Seen(ctx, w)
	a.Seen(ctx, b)
	if store.writes[7] != 1 || store.writes[8] != 1 || store.writes[9] != 0 {
		t.Fatalf("within the window: %v", store.writes)
	}
	c.Advance(time.Second)
	a.Seen(ctx, w)
	if store.writes[7] != 2 || store.writes[8] != 1 {
		t.Fatalf("after the window: %v", store.writes)
	}
}

// Snoozed people show from their day on; resolved people for a reason that arose after.
func TestFollowUpPlace(t *testing.T) {
	at := time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	reasons := []klusbuddy.FollowUpReason{{Code: klusbuddy.ReasonInactive, Since: at}}
	for _, tc := range []struct {
		name          string
		place         klusbuddy.FollowUpPlace
		reasons       []klusbuddy.FollowUpReason
		shows, enters bool
	}{
		{"NoReason", klusbuddy.FollowUpPlace{}, nil, false, false},
		{"New", klusbuddy.FollowUpPlace{}, reasons, true, true},
		{"Open", klusbuddy.FollowUpPlace{State: klusbuddy.FollowUpOpen}, reasons, true, false},
		{"SnoozedUntilTomorrow", klusbuddy.FollowUpPlace{State: klusbuddy.FollowUpSnoozed, SnoozedUntil: "2026-11-04"}, reasons, false, false},
		{"SnoozedUntilToday", klusbuddy.FollowUpPlace{State: klusbuddy.FollowUpSnoozed, SnoozedUntil: "2026-11-03"}, reasons, true, true},
		{"ResolvedAfter", klusbuddy.FollowUpPlace{State: klusbuddy.FollowUpResolved, ResolvedAt: at.Add(time.Second)}, reasons, false, false},
		{"ResolvedBefore", klusbuddy.FollowUpPlace{State: klusbuddy.FollowUpResolved, ResolvedAt: at.Add(-time.Second)}, reasons, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.place.Shows(tc.reasons, "2026-11-03"); got != tc.shows {
				t.Errorf("shows %v", got)
			}
			if got := tc.place.Enters(tc.reasons, "2026-11-03"); got != tc.enters {
				t.Errorf("enters %v", got)
			}
		})
	}
}
