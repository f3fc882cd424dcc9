package dispatch_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Accepting an offer: places under the job's lock, repeated and late accepts, the caps.

type offerRow struct {
	ID     int64 `db:"id"`
	Worker int64 `db:"worker_id"`
}

// Accepts that queue behind the job's lock must see the places taken meanwhile: both of a
// two-place job's accepts win, and the job is filled.
func TestQueuedAcceptsCountPlacesUnderTheLock(t *testing.T) {
	db, d, poster, address := setup(t)
	ctx := context.Background()
	job := post(t, db, poster, address, "cleaning", 2)
	if n, err := d.Wave(ctx, job); err != nil || n < 3 {
		t.Fatalf("wave %d %v", n, err)
	}
	var offered []offerRow
	db.Select(&offered, `SELECT id, worker_id FROM offers WHERE job_id = $1 ORDER BY id`, job)
	holder, err := db.Beginx()
	if err != nil {
		t.Fatal(err)
	}
	holder.MustExec(`SELECT 1 FROM jobs WHERE id = $1 FOR UPDATE`, job)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = d.Accept(ctx, worker(offered[i].Worker), offered[i].ID)
		}()
	}
	waitForLockWaiters(t, db, 2) // both accepts now wait for the job's lock
	holder.Rollback()
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("accept %d: %v", i, err)
		}
	}
	if s := count(t, db, `SELECT count(*) FROM jobs WHERE id = $1 AND state = 'filled'`, job); s != 1 {
		t.Fatal("two places taken but the job is not filled")
	}
	if c := count(t, db, `SELECT count(*) FROM offers WHERE job_id = $1 AND state = 'pending'`, job); c != 0 {
		t.Fatalf("%d offers still pending on a filled job", c)
	}
}

// waitForLockWaiters returns once n sessions on the test's database wait for a lock.
func waitForLockWaiters(t *testing.T, db *testDB, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var waiting int
		if err := db.Get(&waiting, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`); err != nil {
			t.Fatal(err)
		}
		if waiting >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d sessions wait for a lock after 10 s, want %d", waiting, n)
		}
		time.Sleep(5 * time.Millisecond) // polling the condition, not waiting for it to hold
	}
}

// A phone retrying an accept after the job was cancelled learns that, instead of a 500.
func TestRepeatedAcceptAfterCancel(t *testing.T) {
	db, d, poster, address := setup(t)
	ctx := context.Background()
	job := post(t, db, poster, address, "cleaning", 1)
	d.Wave(ctx, job)
	var o offerRow
	db.Get(&o, `SELECT id, worker_id FROM offers WHERE job_id = $1 ORDER BY score DESC LIMIT 1`, job)
	if _, err := d.Accept(ctx, worker(o.Worker), o.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CancelJob(ctx, job, poster, klusbuddy.FreeCancellation); err != nil {
		t.Fatal(err)
	}
	_, err := d.Accept(ctx, worker(o.Worker), o.ID)
	var e *klusbuddy.Error
	if klusbuddy.ErrorCode(err) != klusbuddy.ECONFLICT || !asError(err, &e) || e.Reason != "cancelled" {
		t.Fatalf("repeated accept after cancel: %v", err)
	}
}

// The hour caps hold on accept too: offers for two jobs do not let a worker past the month cap.
func TestCapsHoldOnAccept(t *testing.T) {
	db, d, poster, address := setup(t)
	ctx := context.Background()
	one := post(t, db, poster, address, "cleaning", 1)
	two, err := db.CreateJob(ctx, poster, klusbuddy.NewJob{Category: "cleaning", AddressID: address, Start: nextTuesday().Add(3 * time.Hour),
		Minutes: 120, WorkersNeeded: 1, Level: 1, Buddy: klusbuddy.BuddyAllowed, LanguageHints: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	var w int64
	db.Get(&w, `SELECT user_id FROM worker_profiles ORDER BY user_id LIMIT 1`)
	db.MustExec(`UPDATE worker_profiles SET month_hour_cap = 3 WHERE user_id = $1`, w)
	expires := db.clock.Now().Add(offerTTL)
	for _, job := range []int64{one, two} {
		if _, err := db.CreateWave(ctx, job, 1, 1, []klusbuddy.NewOffer{{WorkerID: w, Score: 1, Breakdown: map[string]any{}, TravelMinutes: 5}}, expires); err != nil {
			t.Fatal(err)
		}
	}
	var offers []int64
	db.Select(&offers, `SELECT id FROM offers WHERE worker_id = $1 ORDER BY id`, w)
	if _, err := d.Accept(ctx, worker(w), offers[0]); err != nil {
		t.Fatal(err)
	}
	_, err = d.Accept(ctx, worker(w), offers[1])
	var e *klusbuddy.Error
	if !asError(err, &e) || e.Code != klusbuddy.ECONFLICT || e.Reason != "cap" {
		t.Fatalf("second 2-hour job under a 3-hour month cap: %v", err)
	}
}

func asError(err error, e **klusbuddy.Error) bool {
	for err != nil {
		if x, ok := err.(*klusbuddy.Error); ok {
			*e = x
			return true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		err = u.Unwrap()
	}
	return false
}
