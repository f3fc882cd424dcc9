package dispatch_test

import (
	"context"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Waves over a job's life: sent once, dropped when stale, carried on while a worker waits for a
// buddy, moved by edits and by the job's start, and kept apart from "never again".

// A second wave while the first is still out sends nothing, and never makes the job unfilled.
func TestWaveTwiceSendsOneWave(t *testing.T) {
	db, d, poster, address := setup(t)
	ctx := context.Background()
	job := post(t, db, poster, address, "cleaning", 1)
	first, err := d.Wave(ctx, job)
	if err != nil || first == 0 {
		t.Fatalf("first wave %d %v", first, err)
	}
	second, err := d.Wave(ctx, job)
	if err != nil || second != 0 {
		t.Fatalf("second wave while the first is out sent %d (%v)", second, err)
	}
	if c := count(t, db, `SELECT count(*) FROM offers WHERE job_id = $1 AND state = 'pending'`, job); c != first {
		t.Fatalf("%d pending offers, want %d", c, first)
	}
	if s := count(t, db, `SELECT count(*) FROM jobs WHERE id = $1 AND state = 'offering'`, job); s != 1 {
		t.Fatal("job left offering while its first wave is out")
	}
}

// A wave ranked from the job before a material edit must not land in the new round, where a
// worker who does not qualify for the job as changed could take a place.
func TestStaleWaveAfterEditIsDropped(t *testing.T) {
	db, _, poster, address := setup(t)
	ctx := context.Background()
	job := post(t, db, poster, address, "cleaning", 1)
	old, err := db.JobForMatching(ctx, job) // the ticker reads the job …
	if err != nil {
		t.Fatal(err)
	}
	var w int64
	if err := db.Get(&w, `SELECT s.worker_id FROM worker_skills s JOIN categories c ON c.id = s.category_id
WHERE c.slug = 'cleaning' AND (s.level < 3 OR s.verified_at IS NULL) ORDER BY s.worker_id LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	// … meanwhile the poster asks for level 3: a new round.
	if _, err := db.EditJob(ctx, job, poster, func(j klusbuddy.Job, booked int) (klusbuddy.Edit, error) {
		n := j.Draft()
		n.Level = 3
		return klusbuddy.CheckEdit(j, n, booked, db.clock.Now())
	}); err != nil {
		t.Fatal(err)
	}
	_, last, _ := db.OfferedWorkers(ctx, job)
	n, err := db.CreateWave(ctx, old.ID, old.Round, last+1, []klusbuddy.NewOffer{{WorkerID: w, Score: 0.5, TravelMinutes: 5}},
		db.clock.Now().Add(offerTTL))
	if err != nil || n != 0 {
		t.Fatalf("a wave ranked for the job before it changed sent %d offers (%v)", n, err)
	}
}

// A job where a worker still waits for a buddy is not unfilled: the buddy search goes on, and
// when it fails the place is released and people are told.
func TestSearchingPlaceKeepsTheJobGoing(t *testing.T) {
	db, d, poster, address := seed(t)
	ctx := context.Background()
	job, assignment, _, _ := buddyJob(t, db, d, poster, address, 2)
	declineAll(t, db, d, job)
	if err := db.MarkUnfilled(ctx, job); err != nil {
		t.Fatal(err)
	}
	// The buddies do not answer in time, wave after wave.
	for range 10 {
		db.clock.Advance(offerTTL)
		if err := d.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if c := count(t, db, `SELECT count(*) FROM assignments WHERE id = $1 AND buddy_state = 'searching'`, assignment); c != 0 {
		t.Fatal("the place is still held by a worker searching for a buddy")
	}
	if c := count(t, db, `SELECT count(*) FROM notifications WHERE kind = 'buddy_missing'`); c == 0 {
		t.Fatal("nobody was told that no buddy was found")
	}
}

// Fewer places on an unfilled job, down to those booked: the job is filled; more places: it
// is offered again.
func TestEditingAnUnfilledJobMovesIt(t *testing.T) {
	db, d, poster, address := setup(t)
	ctx := context.Background()
	edit := func(job int64, needed int) {
		t.Helper()
		if _, err := db.EditJob(ctx, job, poster, func(j klusbuddy.Job, booked int) (klusbuddy.Edit, error) {
			n := j.Draft()
			n.WorkersNeeded = needed
			return klusbuddy.CheckEdit(j, n, booked, db.clock.Now())
		}); err != nil {
			t.Fatal(err)
		}
	}
	state := func(job int64) string {
		var s string
		db.Get(&s, `SELECT state FROM jobs WHERE id = $1`, job)
		return s
	}
	job := post(t, db, poster, address, "cleaning", 2)
	if _, err := d.Wave(ctx, job); err != nil {
		t.Fatal(err)
	}
	var o offerRow
	db.Get(&o, `SELECT id, worker_id FROM offers WHERE job_id = $1 ORDER BY score DESC LIMIT 1`, job)
	if _, err := d.Accept(ctx, worker(o.Worker), o.ID); err != nil {
		t.Fatal(err)
	}
	declineAll(t, db, d, job)
	if err := db.MarkUnfilled(ctx, job); err != nil || state(job) != "unfilled" {
		t.Fatalf("setup: %s %v", state(job), err)
	}
	edit(job, 1)
	if s := state(job); s != "filled" {
		t.Fatalf("every place booked, the job is %s", s)
	}

	job2 := post(t, db, poster, address, "cleaning", 1)
	if err := db.MarkUnfilled(ctx, job2); err != nil || state(job2) != "unfilled" { // no wave went out
		t.Fatalf("setup: %s %v", state(job2), err)
	}
	edit(job2, 2)
	if s := state(job2); s != "offering" {
		t.Fatalf("more places on an unfilled job, it is %s", s)
	}
}

// {"level": null} or {"buddy": null} in a patch sets the default (the HTTP layer makes a null
// level 1): a change like any other, refused once someone is booked.
func TestNullLevelOrBuddyIsAChange(t *testing.T) {
	j := klusbuddy.Job{State: klusbuddy.JobOffering, Start: time.Now().Add(48 * time.Hour), End: time.Now().Add(50 * time.Hour),
		Category: "garden", Address: klusbuddy.Address{ID: 1}, WorkersNeeded: 2, Level: 3, Buddy: klusbuddy.BuddyRequired, LanguageHints: []string{}}
	next := j.Draft()
	next.Level, next.Buddy = 1, ""
	_, err := klusbuddy.CheckEdit(j, next, 1, time.Now())
	if e, ok := err.(*klusbuddy.Error); !ok || e.Reason != "booked" {
		t.Fatalf("level and buddy reset while someone is booked: %v", err)
	}
}

// A job whose start passes unfilled expires, and its open offers are withdrawn.
func TestJobsExpireAtTheirStart(t *testing.T) {
	db, d, poster, address := setup(t)
	ctx := context.Background()
	job := post(t, db, poster, address, "cleaning", 1)
	if n, err := d.Wave(ctx, job); err != nil || n == 0 {
		t.Fatalf("wave %d %v", n, err)
	}
	db.clock.Set(nextTuesday()) // the start comes
	if err := d.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if s := count(t, db, `SELECT count(*) FROM jobs WHERE id = $1 AND state = 'expired'`, job); s != 1 {
		t.Fatal("job not expired after its start")
	}
	if c := count(t, db, `SELECT count(*) FROM offers WHERE job_id = $1 AND state = 'pending'`, job); c != 0 {
		t.Fatalf("%d offers still open on an expired job", c)
	}
	if n, _ := d.Wave(ctx, job); n != 0 {
		t.Fatal("a wave for a job that has started")
	}
}

// "Never again", asked by either side or a coach: the next waves leave the two apart.
func TestNeverAgainKeepsThemApart(t *testing.T) {
	db, d, poster, address := setup(t)
	ctx := context.Background()
	job := post(t, db, poster, address, "cleaning", 1)
	if _, err := d.Wave(ctx, job); err != nil {
		t.Fatal(err)
	}
	var o offerRow
	db.Get(&o, `SELECT id, worker_id FROM offers WHERE job_id = $1 ORDER BY score DESC LIMIT 1`, job)
	if _, err := d.Accept(ctx, worker(o.Worker), o.ID); err != nil {
		t.Fatal(err)
	}
	posterP := klusbuddy.Principal{User: klusbuddy.User{ID: poster, Role: klusbuddy.RolePoster}}
	if err := db.BlockFromJob(ctx, job, posterP, 2, 0); klusbuddy.ErrorCode(err) != klusbuddy.ENOTFOUND {
		t.Fatalf("blocking an empty place: %v", err)
	}
	if err := db.BlockFromJob(ctx, job, posterP, 1, 0); err != nil {
		t.Fatal(err)
	}
	if err := db.BlockFromJob(ctx, job, worker(o.Worker), 0, 0); err != nil { // the other way too: one block
		t.Fatal(err)
	}
	if c := count(t, db, `SELECT count(*) FROM blocks WHERE poster_id = $1 AND person_id = $2`, poster, o.Worker); c != 1 {
		t.Fatalf("%d blocks for one pair", c)
	}
	next := post(t, db, poster, address, "cleaning", 3)
	facts, _ := db.JobForMatching(ctx, next)
	ws, err := db.WorkersForMatching(ctx, facts)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range ws {
		if w.ID == o.Worker {
			t.Fatal("a blocked worker is a candidate for the poster's next job")
		}
	}
}
