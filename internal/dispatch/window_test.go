package dispatch_test

import (
	"context"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// A job with a window of days, Tuesday to Friday, when every worker works Thursdays only: the
// offers are for Thursday; the first accept settles the job on Thursday and the other offers
// give way to a round for that day.
func TestWindowOfDaysSettlesOnTheFirstAccept(t *testing.T) {
	db, d, poster, address := setup(t)
	ctx := context.Background()
	db.MustExec(`DELETE FROM availability WHERE user_id IN (SELECT user_id FROM worker_profiles)`)
	db.MustExec(`INSERT INTO availability (user_id, weekday, starts, ends) SELECT user_id, 4, '08:00', '17:00' FROM worker_profiles`)
	tuesday := nextTuesday()
	job, err := db.CreateJob(ctx, poster, klusbuddy.NewJob{Category: "cleaning", AddressID: address, Start: tuesday, Minutes: 120,
		WorkersNeeded: 2, Level: 1, Buddy: klusbuddy.BuddyAllowed, LanguageHints: []string{}, WindowDays: 4})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := d.Wave(ctx, job); err != nil || n < 2 {
		t.Fatalf("wave: %d %v", n, err)
	}
	thursday := tuesday.AddDate(0, 0, 2)
	if c := count(t, db, `SELECT count(*) FROM offers WHERE job_id = $1 AND lower(slot) <> $2`, job, thursday); c != 0 {
		t.Fatalf("%d offers for another day than Thursday", c)
	}
	var o offerRow
	db.Get(&o, `SELECT id, worker_id FROM offers WHERE job_id = $1 ORDER BY score DESC LIMIT 1`, job)
	offers, _ := d.MyOffers(ctx, worker(o.Worker))
	if len(offers) == 0 || !offers[0].Start.Equal(thursday) {
		t.Fatalf("the worker's offer: %+v, want Thursday", offers)
	}
	a, err := d.Accept(ctx, worker(o.Worker), o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Job.Start.Equal(thursday) || a.Job.WindowDays != 1 {
		t.Fatalf("after the first accept the job is on %v with a window of %d days", a.Job.Start, a.Job.WindowDays)
	}
	if c := count(t, db, `SELECT count(*) FROM offers WHERE job_id = $1 AND state = 'pending'`, job); c != 0 {
		t.Fatalf("%d offers still open from before the day was settled", c)
	}
	if err := d.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	// The next round asks for Thursday itself, those who had the Thursday offer included.
	if c := count(t, db, `SELECT count(*) FROM offers WHERE job_id = $1 AND state = 'pending' AND round = 2`, job); c == 0 {
		t.Fatal("no offers for the settled day")
	}
}

// A day of the window that passes unsettled moves the window on, at the same time of day.
func TestWindowRollsOnWhenADayPasses(t *testing.T) {
	db, d, poster, address := setup(t)
	ctx := context.Background()
	start := nextTuesday()
	job, err := db.CreateJob(ctx, poster, klusbuddy.NewJob{Category: "cleaning", AddressID: address, Start: start, Minutes: 120,
		WorkersNeeded: 1, Level: 1, Buddy: klusbuddy.BuddyAllowed, LanguageHints: []string{}, WindowDays: 3})
	if err != nil {
		t.Fatal(err)
	}
	db.clock.Set(start.Add(time.Minute)) // its first day comes, nobody booked
	if err := d.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	got, err := db.Job(ctx, job)
	if err != nil {
		t.Fatal(err)
	}
	if want := start.In(brussels).AddDate(0, 0, 1); got.State == klusbuddy.JobExpired || got.WindowDays != 2 || !got.Start.Equal(want) {
		t.Fatalf("after its first day: %s, window %d, start %v (want %v)", got.State, got.WindowDays, got.Start, want)
	}
}
