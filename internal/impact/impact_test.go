package impact_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/impact"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

func brussels(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestPeriods(t *testing.T) {
	loc := brussels(t)
	now := time.Date(2026, 12, 2, 23, 30, 0, 0, time.UTC) // already 3 December in Brussels
	day := func(s string) time.Time { d, _ := time.ParseInLocation(time.DateOnly, s, loc); return d }
	for _, c := range []struct {
		q              klusbuddy.ImpactQuery
		from, to, step string
		steps          int
	}{
		{klusbuddy.ImpactQuery{}, "2026-01-01", "2027-01-01", "month", 12},
		{klusbuddy.ImpactQuery{Period: "week"}, "2026-11-30", "2026-12-07", "day", 7},
		{klusbuddy.ImpactQuery{Period: "month", Date: "2026-03-31"}, "2026-03-01", "2026-04-01", "week", 6}, // Sun 1 March, then 5 Mondays
		{klusbuddy.ImpactQuery{Period: "quarter", Date: "2026-05-15"}, "2026-04-01", "2026-07-01", "week", 14},
		{klusbuddy.ImpactQuery{Period: "range", From: "2026-01-01", To: "2026-01-31"}, "2026-01-01", "2026-02-01", "day", 31},
		{klusbuddy.ImpactQuery{Period: "range", From: "2026-01-01", To: "2026-12-31"}, "2026-01-01", "2027-01-01", "month", 12},
	} {
		p, err := impact.ParsePeriod(c.q, now, loc)
		if err != nil {
			t.Fatalf("%+v: %v", c.q, err)
		}
		if !p.From.Equal(day(c.from)) || !p.To.Equal(day(c.to)) || string(p.Step) != c.step || len(p.Steps) != c.steps {
			t.Errorf("%+v: %s–%s by %s in %d steps; want %s–%s by %s in %d", c.q, p.From, p.To, p.Step, len(p.Steps), c.from, c.to, c.step, c.steps)
		}
	}
	for _, q := range []klusbuddy.ImpactQuery{{Period: "decade"}, {Date: "2026-02-30"}, {Period: "range", From: "2026-02-01"},
		{Period: "range", From: "2026-02-02", To: "2026-02-01"}, {From: "2026-01-01"}} {
		if _, err := impact.ParsePeriod(q, now, loc); klusbuddy.ErrorCode(err) != klusbuddy.EINVALID {
			t.Errorf("%+v: %v, want invalid", q, err)
		}
	}
}

// small numbers: 1 to 4 people hidden, 0 and 5 shown.
func TestPublicFiguresHideFewerThanFive(t *testing.T) {
	f := klusbuddy.PublicFiguresOf("Genk", klusbuddy.ImpactFigures{JobsDone: 9, HoursWorked: 20, PeopleWorked: 4, NewPeople: 0,
		Households: 5, Buddies: 1, BuddyHours: 3, NoShows: 7, NoShowPeople: 2, DropoutsLate: 6, DropoutPeople: 5})
	if f.PeopleWorked != nil || f.HoursWorked != nil || f.Buddies != nil || f.BuddyHours != nil || f.NoShows != nil {
		t.Errorf("numbers about fewer than 5 people shown: %+v", f)
	}
	if f.NewPeople == nil || *f.NewPeople != 0 || f.Households == nil || *f.Households != 5 || f.Dropouts == nil || *f.Dropouts != 6 || f.JobsDone != 9 {
		t.Errorf("numbers about 0 or 5 people hidden: %+v", f)
	}
	if len(f.Hidden) != 5 {
		t.Errorf("hidden: %v", f.Hidden)
	}
}

type countingStore struct {
	impact.Store
	counts atomic.Int32
	gate   chan struct{}
}

func (c *countingStore) ImpactByMunicipality(ctx context.Context, s klusbuddy.ImpactScope) (klusbuddy.ImpactFigures, []string, []klusbuddy.ImpactFigures, error) {
	n := c.counts.Add(1)
	if c.gate != nil && n > 1 {
		<-c.gate
	}
	return klusbuddy.ImpactFigures{JobsDone: int(n)}, nil, nil, nil
}

// The public figures are counted once per minute at most, and a visitor after the minute gets
// the stale figures at once while one refresh counts anew.
func TestPublicFiguresAreKeptAndRefreshedBehind(t *testing.T) {
	loc := brussels(t)
	db := &countingStore{gate: make(chan struct{})}
	svc := impact.New(db, loc)
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, loc)
	var clock atomic.Int64
	clock.Store(now.UnixNano())
	svc.Now = func() time.Time { return time.Unix(0, clock.Load()) }
	ctx := context.Background()
	get := func() int {
		p, err := svc.PublicImpact(ctx, klusbuddy.ImpactQuery{})
		if err != nil {
			t.Fatal(err)
		}
		return p.Platform.JobsDone
	}
	if get() != 1 || get() != 1 {
		t.Fatal("not kept")
	}
	clock.Store(now.Add(impact.PublicTTL + time.Second).UnixNano())
	for range 5 {
		if got := get(); got != 1 { // the refresh waits at the gate: the stale figures answer
			t.Fatalf("got %d while refreshing", got)
		}
	}
	close(db.gate)
	deadline := time.Now().Add(5 * time.Second)
	for get() != 2 {
		if time.Now().After(deadline) {
			t.Fatal("never refreshed")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if n := db.counts.Load(); n != 2 {
		t.Fatalf("counted %d times, want 2", n)
	}
}
