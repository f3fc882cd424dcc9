package calendar_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/calendar"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// store is a feed's storage with one person's calendar.
type store struct {
	cal    klusbuddy.Calendar
	hashes map[string]bool
}

func (s *store) CalendarFeed(context.Context, int64) (klusbuddy.CalendarFeed, error) {
	return klusbuddy.CalendarFeed{}, nil
}
func (s *store) SaveCalendarFeed(_ context.Context, _ int64, h []byte, _ time.Time) error {
	s.hashes = map[string]bool{string(h): true}
	return nil
}
func (s *store) DeleteCalendarFeed(context.Context, int64) error { s.hashes = nil; return nil }
func (s *store) CalendarByToken(_ context.Context, h []byte, _ time.Time) (klusbuddy.Calendar, error) {
	if !s.hashes[string(h)] {
		return klusbuddy.Calendar{}, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no calendar at this address; make a new link in the app.")
	}
	return s.cal, nil
}

// The document written last is served again while nothing it shows changed, and written anew
// when something did.
func TestFeedIsWrittenAgainOnlyWhenItChanges(t *testing.T) {
	st := &store{cal: klusbuddy.Calendar{UserID: 5, Role: klusbuddy.RoleWorker, Language: klusbuddy.Dutch,
		Entries: []klusbuddy.CalendarEntry{entry(1, klusbuddy.RoleWorker, time.Date(2027, 2, 2, 10, 0, 0, 0, brussels))}}}
	s := calendar.New(st, brussels)
	worker := klusbuddy.Principal{User: klusbuddy.User{ID: 5, Role: klusbuddy.RoleWorker}}
	f, err := s.CreateCalendarFeed(context.Background(), worker)
	if err != nil || len(f.Token) != 43 {
		t.Fatalf("%+v %v", f, err)
	}
	ctx := context.Background()
	first, err := s.CalendarICS(ctx, f.Token, "https://klusbuddy.be")
	if err != nil {
		t.Fatal(err)
	}
	again, _ := s.CalendarICS(ctx, f.Token, "https://klusbuddy.be")
	if &first[0] != &again[0] {
		t.Error("an unchanged feed was written again")
	}
	st.cal.Entries[0].Sequence++
	st.cal.Entries[0].Left = true
	changed, _ := s.CalendarICS(ctx, f.Token, "https://klusbuddy.be")
	if bytes.Equal(first, changed) || !strings.Contains(string(changed), "STATUS:CANCELLED") || !strings.Contains(string(changed), "SEQUENCE:4") {
		t.Fatalf("the change is not in the feed:\n%s", changed)
	}
	if _, err := s.CalendarICS(ctx, "nonsense", ""); klusbuddy.ErrorCode(err) != klusbuddy.ENOTFOUND {
		t.Fatalf("a token of another shape: %v", err)
	}
	coach := klusbuddy.Principal{User: klusbuddy.User{ID: 6, Role: klusbuddy.RoleCoordinator}}
	if _, err := s.CreateCalendarFeed(ctx, coach); klusbuddy.ErrorCode(err) != klusbuddy.EFORBIDDEN {
		t.Fatalf("a coordinator's feed: %v", err)
	}
}
