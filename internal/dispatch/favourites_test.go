package dispatch_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/match"
)

// Favourites first (issue 12, item 7) and a series' previous worker first (item 9): a job's
// first wave goes to them alone, for the favourites' window, then to everyone.

// eligibleWorkers are the workers whom matching would offer the job as things stand.
func eligibleWorkers(t *testing.T, db *testDB, d interface {
	Eligibility(context.Context, int64, int64) (match.Reason, error)
}, job int64) []int64 {
	t.Helper()
	var workers, out []int64
	db.Select(&workers, `SELECT user_id FROM worker_profiles ORDER BY user_id`)
	for _, w := range workers {
		if r, err := d.Eligibility(context.Background(), job, w); err == nil && r == match.Eligible {
			out = append(out, w)
		}
	}
	if len(out) < 2 {
		t.Fatalf("%d demo workers can do the job, want two at least", len(out))
	}
	return out
}

func pendingWorkers(t *testing.T, db *testDB, job int64) []int64 {
	t.Helper()
	var ws []int64
	if err := db.Select(&ws, `SELECT worker_id FROM offers WHERE job_id = $1 AND state = 'pending' ORDER BY worker_id`, job); err != nil {
		t.Fatal(err)
	}
	return ws
}

func TestFavouritesFirstThenEveryone(t *testing.T) {
	db, d, poster, address := setup(t)
	ctx := context.Background()
	job := post(t, db, poster, address, "cleaning", 1)
	eligible := eligibleWorkers(t, db, d, job)
	fav := eligible[len(eligible)-1]
	db.MustExec(`INSERT INTO favourites (poster_id, worker_id, created_at) VALUES ($1, $2, now())`, poster, fav)

	n, err := d.Wave(ctx, job)
	if err != nil || n != 1 {
		t.Fatalf("first wave sent %d offers (%v), want 1: the favourite alone", n, err)
	}
	if got := pendingWorkers(t, db, job); !slices.Equal(got, []int64{fav}) {
		t.Fatalf("first wave went to %v, want the favourite %d", got, fav)
	}
	// Offered a week ahead: the whole setting (two hours), not the usual time to answer.
	var expires time.Time
	db.Get(&expires, `SELECT expires_at FROM offers WHERE job_id = $1`, job)
	if want := db.clock.Now().Add(klusbuddy.DefaultFavouritesFirst); expires.Sub(want).Abs() > time.Microsecond {
		t.Fatalf("the favourite's offer expires at %v, want %v", expires, want)
	}

	// While the window lasts nobody else is asked, whatever the ticker does.
	db.clock.Advance(offerTTL)
	if err := d.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if c := count(t, db, `SELECT count(*) FROM offers WHERE job_id = $1`, job); c != 1 {
		t.Fatalf("%d offers within the favourites' window, want 1", c)
	}

	// Past the window: the favourite's offer expires and the job goes to everyone.
	db.clock.Advance(klusbuddy.DefaultFavouritesFirst - offerTTL)
	if err := d.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if c := count(t, db, `SELECT count(*) FROM offers WHERE job_id = $1 AND worker_id = $2 AND state = 'expired'`, job, fav); c != 1 {
		t.Fatal("the favourite's offer did not expire at the end of the window")
	}
	second := pendingWorkers(t, db, job)
	if len(second) < 2 || slices.Contains(second, fav) {
		t.Fatalf("second wave went to %v: want everyone else (three per place), not the favourite again", second)
	}
	if c := count(t, db, `SELECT count(*) FROM offers WHERE job_id = $1 AND wave = 2 AND expires_at = $2`, job, db.clock.Now().Add(offerTTL)); c != len(second) {
		t.Fatal("the second wave does not have the usual time to answer")
	}
	// The coordinator's "why this person" says who was asked first, alone, and nobody else.
	if c := count(t, db, `SELECT count(*) FROM offers WHERE job_id = $1 AND (breakdown->>'first_asked')::boolean`, job); c != 1 {
		t.Fatalf("%d offers marked as asked first; want the favourite's alone", c)
	}
	if c := count(t, db, `SELECT count(*) FROM offers WHERE job_id = $1 AND worker_id = $2 AND (breakdown->>'first_asked')::boolean`, job, fav); c != 1 {
		t.Fatal("the favourite's offer is not marked as asked first")
	}
}

// A favourite who says no ends the window at once.
func TestFavouriteDeclinesEveryoneAtOnce(t *testing.T) {
	db, d, poster, address := setup(t)
	ctx := context.Background()
	job := post(t, db, poster, address, "cleaning", 1)
	fav := eligibleWorkers(t, db, d, job)[0]
	db.MustExec(`INSERT INTO favourites (poster_id, worker_id, created_at) VALUES ($1, $2, now())`, poster, fav)
	if n, err := d.Wave(ctx, job); err != nil || n != 1 {
		t.Fatalf("first wave %d %v", n, err)
	}
	var offer int64
	db.Get(&offer, `SELECT id FROM offers WHERE job_id = $1`, job)
	if err := d.Decline(ctx, worker(fav), offer, ""); err != nil {
		t.Fatal(err)
	}
	if err := d.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if got := pendingWorkers(t, db, job); len(got) == 0 || slices.Contains(got, fav) {
		t.Fatalf("after the favourite's no, the next wave went to %v", got)
	}
}

// Favourites pass every hard rule like anyone: a blocked one, or one who cannot do the job, is
// not asked, and with no favourite left the job goes to everyone at once.
func TestNoEligibleFavouriteGoesToEveryone(t *testing.T) {
	db, d, poster, address := setup(t)
	ctx := context.Background()
	job := post(t, db, poster, address, "cleaning", 1)
	eligible := eligibleWorkers(t, db, d, job)
	blocked := eligible[0]
	db.MustExec(`INSERT INTO favourites (poster_id, worker_id, created_at) VALUES ($1, $2, now())`, poster, blocked)
	db.MustExec(`INSERT INTO blocks (poster_id, person_id, by_role) VALUES ($1, $2, 'worker')`, poster, blocked)
	// And one without the skill at all.
	var unskilled int64
	if err := db.Get(&unskilled, `SELECT user_id FROM worker_profiles w WHERE NOT EXISTS (SELECT 1 FROM worker_skills s
JOIN categories c ON c.id = s.category_id WHERE s.worker_id = w.user_id AND c.slug = 'cleaning') ORDER BY user_id LIMIT 1`); err == nil {
		db.MustExec(`INSERT INTO favourites (poster_id, worker_id, created_at) VALUES ($1, $2, now())`, poster, unskilled)
	}
	n, err := d.Wave(ctx, job)
	if err != nil || n < 2 {
		t.Fatalf("first wave sent %d offers (%v), want everyone's wave", n, err)
	}
	got := pendingWorkers(t, db, job)
	if slices.Contains(got, blocked) || slices.Contains(got, unskilled) {
		t.Fatalf("a blocked or unskilled favourite was asked: %v", got)
	}
	if c := count(t, db, `SELECT count(*) FROM offers WHERE job_id = $1 AND expires_at = $2`, job, db.clock.Now().Add(offerTTL)); c != n {
		t.Fatal("everyone's first wave does not have the usual time to answer")
	}
}

// A job soon gets a shorter window: a quarter of the time until its start.
func TestFavouritesWindowShorterWhenSoon(t *testing.T) {
	db, d, poster, address := setup(t)
	ctx := context.Background()
	job := post(t, db, poster, address, "cleaning", 1)
	fav := eligibleWorkers(t, db, d, job)[0]
	db.MustExec(`INSERT INTO favourites (poster_id, worker_id, created_at) VALUES ($1, $2, now())`, poster, fav)
	db.clock.Set(nextTuesday().Add(-4 * time.Hour))
	if n, err := d.Wave(ctx, job); err != nil || n != 1 {
		t.Fatalf("first wave %d %v", n, err)
	}
	var expires time.Time
	db.Get(&expires, `SELECT expires_at FROM offers WHERE job_id = $1`, job)
	if want := db.clock.Now().Add(time.Hour); expires.Sub(want).Abs() > time.Microsecond {
		t.Fatalf("four hours before the start the favourite has until %v, want %v (a quarter)", expires, want)
	}
}

// A series: each occurrence after the first waits for the start of the one before, and then
// goes first to whoever is booked on that one.
func TestSeriesPrefersThePreviousWorker(t *testing.T) {
	db, d, poster, address := setup(t)
	ctx := context.Background()
	first := nextTuesday()
	starts := []time.Time{first, first.AddDate(0, 0, 7), first.AddDate(0, 0, 14)}
	j, err := db.CreateSeries(ctx, poster, klusbuddy.NewJob{Category: "cleaning", AddressID: address, Minutes: 120, WorkersNeeded: 1,
		Level: 1, Buddy: klusbuddy.BuddyAllowed, LanguageHints: []string{}}, 1, starts[2].Format(time.DateOnly), starts)
	if err != nil {
		t.Fatal(err)
	}
	var jobs []int64
	db.Select(&jobs, `SELECT id FROM jobs WHERE series_id = (SELECT series_id FROM jobs WHERE id = $1) ORDER BY lower(during)`, j.ID)
	if len(jobs) != 3 || jobs[0] != j.ID {
		t.Fatalf("series jobs %v", jobs)
	}
	if err := d.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if c := count(t, db, `SELECT count(*) FROM offers WHERE job_id = ANY($1)`, []int64{jobs[1], jobs[2]}); c != 0 {
		t.Fatal("a later occurrence was offered before the one before it started")
	}
	if n, _ := d.Wave(ctx, jobs[1]); n != 0 {
		t.Fatal("a wave for a later occurrence went out before its time")
	}
	var o offerRow
	if err := db.Get(&o, `SELECT id, worker_id FROM offers WHERE job_id = $1 ORDER BY score LIMIT 1`, jobs[0]); err != nil {
		t.Fatalf("the first occurrence was not offered: %v", err)
	}
	// The lowest-ranked of the first wave takes it: they are not whom the score would put first.
	if _, err := d.Accept(ctx, worker(o.Worker), o.ID); err != nil {
		t.Fatal(err)
	}
	db.clock.Set(first.Add(time.Minute)) // the first occurrence has begun
	if err := d.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if got := pendingWorkers(t, db, jobs[1]); !slices.Equal(got, []int64{o.Worker}) {
		t.Fatalf("the second occurrence went to %v, want %d alone (who does the first)", got, o.Worker)
	}
	if c := count(t, db, `SELECT count(*) FROM offers WHERE job_id = $1`, jobs[2]); c != 0 {
		t.Fatal("the third occurrence was offered before the second started")
	}
}
