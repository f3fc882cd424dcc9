package dispatch_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/dispatch"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
)

func buddy(id int64) klusbuddy.Principal {
	return klusbuddy.Principal{User: klusbuddy.User{ID: id, Role: klusbuddy.RoleBuddy}}
}

type request struct {
	ID    int64 `db:"id"`
	Buddy int64 `db:"buddy_id"`
}

// buddyJob posts a job on which a buddy must come, sends its first wave and lets the best
// worker accept: their place is held while buddies are asked. It returns the job, the
// assignment, the worker and the requests of the first buddy wave.
func buddyJob(t *testing.T, db *testDB, d *dispatch.Dispatcher, poster, address int64, needed int) (int64, int64, int64, []request) {
	t.Helper()
	ctx := context.Background()
	// Every demo buddy can accompany cleaning on Tuesday mornings within an hour's travel, so
	// that several are asked at once.
	db.MustExec(`INSERT INTO buddy_categories (buddy_id, category_id) SELECT user_id, (SELECT id FROM categories WHERE slug = 'cleaning')
FROM buddy_profiles ON CONFLICT DO NOTHING`)
	db.MustExec(`DELETE FROM availability WHERE user_id IN (SELECT user_id FROM buddy_profiles) AND weekday = 2`)
	db.MustExec(`INSERT INTO availability (user_id, weekday, starts, ends) SELECT user_id, 2, '08:00', '17:00' FROM buddy_profiles`)
	db.MustExec(`UPDATE buddy_profiles SET max_travel_minutes = 60`)
	job := postWith(t, db, poster, address, "cleaning", needed, klusbuddy.BuddyRequired)
	if n, err := d.Wave(ctx, job); err != nil || n == 0 {
		t.Fatalf("first wave: %d offers, %v", n, err)
	}
	var o struct {
		ID     int64 `db:"id"`
		Worker int64 `db:"worker_id"`
	}
	if err := db.Get(&o, `SELECT id, worker_id FROM offers WHERE job_id = $1 ORDER BY score DESC LIMIT 1`, job); err != nil {
		t.Fatal(err)
	}
	a, err := d.Accept(ctx, worker(o.Worker), o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.BuddyState != klusbuddy.BuddySearching {
		t.Fatalf("a worker who needs a buddy is %q after accepting, want searching", a.BuddyState)
	}
	var reqs []request
	db.Select(&reqs, `SELECT id, buddy_id FROM buddy_requests WHERE assignment_id = $1 AND state = 'pending' ORDER BY travel_minutes, id`, a.ID)
	if len(reqs) == 0 {
		t.Fatal("no buddy was asked when the worker accepted")
	}
	return job, a.ID, o.Worker, reqs
}

func TestBuddyConfirmsAndTheJobFills(t *testing.T) {
	db, d, poster, address := seed(t)
	ctx := context.Background()
	job, assignment, w, reqs := buddyJob(t, db, d, poster, address, 1)

	// The place is held: no more worker offers, but the job is not filled until a buddy says yes.
	if c := count(t, db, `SELECT count(*) FROM offers WHERE job_id = $1 AND state = 'pending'`, job); c != 0 {
		t.Fatalf("%d worker offers still open with every place held", c)
	}
	if c := count(t, db, `SELECT count(*) FROM jobs WHERE id = $1 AND state = 'offering'`, job); c != 1 {
		t.Fatal("job left offering before a buddy confirmed")
	}
	if c := count(t, db, `SELECT count(*) FROM notifications WHERE kind = 'buddy_request'`); c != len(reqs) {
		t.Fatalf("%d buddy_request notifications for %d requests", c, len(reqs))
	}
	mine, err := d.MyBuddyRequests(ctx, buddy(reqs[0].Buddy))
	if err != nil || len(mine) != 1 || mine[0].ID != reqs[0].ID || mine[0].WorkerName == "" {
		t.Fatalf("the buddy's requests: %+v %v", mine, err)
	}

	acc, err := d.ConfirmBuddyRequest(ctx, buddy(reqs[0].Buddy), reqs[0].ID)
	if err != nil || acc.ID != assignment || acc.Job.Address.Street == "" {
		t.Fatalf("confirm: %+v %v", acc, err)
	}
	// Confirming again is the same answer.
	if again, err := d.ConfirmBuddyRequest(ctx, buddy(reqs[0].Buddy), reqs[0].ID); err != nil || again.ID != assignment {
		t.Fatalf("repeated confirm: %+v %v", again, err)
	}
	if c := count(t, db, `SELECT count(*) FROM jobs WHERE id = $1 AND state = 'filled'`, job); c != 1 {
		t.Fatal("job not filled once the buddy confirmed")
	}
	as, err := d.MyAssignments(ctx, worker(w))
	if err != nil || len(as) != 1 || as[0].BuddyState != klusbuddy.BuddyConfirmed || as[0].BuddyName == "" {
		t.Fatalf("the worker's place: %+v %v", as, err)
	}
	for _, kind := range []string{"buddy_confirmed"} {
		if c := count(t, db, `SELECT count(*) FROM notifications WHERE kind = $1 AND user_id IN ($2, $3)`, kind, w, poster); c != 2 {
			t.Fatalf("%d %s notifications for the worker and poster, want 2", c, kind)
		}
	}
	if len(reqs) > 1 {
		_, err := d.ConfirmBuddyRequest(ctx, buddy(reqs[1].Buddy), reqs[1].ID)
		if e, ok := err.(*klusbuddy.Error); !ok || e.Reason != "taken" {
			t.Fatalf("a second buddy confirming: %v, want taken", err)
		}
	}
	job2, err := db.Job(ctx, job)
	if err != nil || len(job2.Buddies) != 1 || job2.AwaitingBuddy != 0 {
		t.Fatalf("the poster's view: buddies %v, awaiting %d, %v", job2.Buddies, job2.AwaitingBuddy, err)
	}
}

func TestConcurrentBuddyConfirmsOneWins(t *testing.T) {
	db, d, poster, address := seed(t)
	ctx := context.Background()
	_, assignment, _, reqs := buddyJob(t, db, d, poster, address, 1)
	if len(reqs) < 2 {
		t.Fatalf("only %d buddies asked; the test needs two", len(reqs))
	}
	var wg sync.WaitGroup
	errs := make([]error, len(reqs))
	for i, r := range reqs {
		wg.Go(func() { _, errs[i] = d.ConfirmBuddyRequest(ctx, buddy(r.Buddy), r.ID) })
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
		} else if klusbuddy.ErrorCode(err) != klusbuddy.ECONFLICT {
			t.Fatalf("a losing confirm: %v", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d buddies confirmed one assignment", won)
	}
	if c := count(t, db, `SELECT count(*) FROM assignments WHERE id = $1 AND buddy_state = 'confirmed' AND buddy_id IS NOT NULL`, assignment); c != 1 {
		t.Fatal("assignment not confirmed")
	}
}

// TestBuddyNeverOnTwoOverlappingJobs: the database refuses a buddy on two jobs at once, even
// when both confirms arrive together.
func TestBuddyNeverOnTwoOverlappingJobs(t *testing.T) {
	db, d, poster, address := seed(t)
	ctx := context.Background()
	_, a1, _, reqs1 := buddyJob(t, db, d, poster, address, 1)
	_, a2, _, reqs2 := buddyJob(t, db, d, poster, address, 1)
	var shared int64
	var r1, r2 request
	for _, x := range reqs1 {
		for _, y := range reqs2 {
			if x.Buddy == y.Buddy && shared == 0 {
				shared, r1, r2 = x.Buddy, x, y
			}
		}
	}
	if shared == 0 {
		t.Fatal("no buddy was asked for both jobs at the same time")
	}
	var wg sync.WaitGroup
	var e1, e2 error
	wg.Go(func() { _, e1 = d.ConfirmBuddyRequest(ctx, buddy(shared), r1.ID) })
	wg.Go(func() { _, e2 = d.ConfirmBuddyRequest(ctx, buddy(shared), r2.ID) })
	wg.Wait()
	if (e1 == nil) == (e2 == nil) {
		t.Fatalf("both or neither confirmed: %v / %v", e1, e2)
	}
	lost := e1
	if lost == nil {
		lost = e2
	}
	if e, ok := lost.(*klusbuddy.Error); !ok || e.Reason != "booked" {
		t.Fatalf("the second confirm: %v, want booked", lost)
	}
	if c := count(t, db, `SELECT count(*) FROM assignments WHERE id IN ($1, $2) AND buddy_id = $3`, a1, a2, shared); c != 1 {
		t.Fatalf("the buddy goes along on %d overlapping jobs", c)
	}
}

func TestNoBuddyReleasesThePlace(t *testing.T) {
	db, d, poster, address := seed(t)
	ctx := context.Background()
	job, assignment, w, reqs := buddyJob(t, db, d, poster, address, 1)
	// Every buddy asked says no, wave after wave, until nobody is left.
	for round := 0; len(reqs) > 0; round++ {
		if round > 20 {
			t.Fatal("buddy waves do not end")
		}
		for _, r := range reqs {
			if err := d.DeclineBuddyRequest(ctx, buddy(r.Buddy), r.ID, klusbuddy.DeclineNotAvailable); err != nil {
				t.Fatal(err)
			}
		}
		if err := d.Tick(ctx); err != nil {
			t.Fatal(err)
		}
		reqs = nil
		db.Select(&reqs, `SELECT id, buddy_id FROM buddy_requests WHERE assignment_id = $1 AND state = 'pending'`, assignment)
	}
	if c := count(t, db, `SELECT count(*) FROM assignments WHERE id = $1`, assignment); c != 0 {
		t.Fatal("the place is still held with no buddy left")
	}
	if c := count(t, db, `SELECT count(*) FROM notifications WHERE kind = 'buddy_missing' AND user_id IN ($1, $2)`, w, poster); c != 2 {
		t.Fatalf("%d buddy_missing notifications for the worker and poster, want 2", c)
	}
	if c := count(t, db, `SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id
WHERE n.kind = 'coordinator_alert' AND n.data->>'reason' = 'no_buddy' AND u.role = 'coordinator'
  AND u.organisation_id = (SELECT organisation_id FROM users WHERE id = $1)`, w); c == 0 {
		t.Fatal("the worker's coaches were not alerted")
	}
	// The place is open again: the job asks other workers (or goes to the coordinators).
	if c := count(t, db, `SELECT count(*) FROM jobs WHERE id = $1 AND state IN ('offering', 'unfilled')`, job); c != 1 {
		t.Fatal("the job did not go on looking")
	}
}

func TestBuddyDropOutAsksOthers(t *testing.T) {
	db, d, poster, address := seed(t)
	ctx := context.Background()
	job, assignment, w, reqs := buddyJob(t, db, d, poster, address, 1)
	if len(reqs) < 2 {
		t.Fatalf("only %d buddies asked; the test needs two", len(reqs))
	}
	if _, err := d.ConfirmBuddyRequest(ctx, buddy(reqs[0].Buddy), reqs[0].ID); err != nil {
		t.Fatal(err)
	}
	late, err := d.BuddyDropOut(ctx, buddy(reqs[0].Buddy), assignment)
	if err != nil || late {
		t.Fatalf("drop-out a week ahead: late %v, %v", late, err)
	}
	if c := count(t, db, `SELECT count(*) FROM assignments WHERE id = $1 AND buddy_state = 'searching' AND buddy_id IS NULL`, assignment); c != 1 {
		t.Fatal("the worker does not wait for a buddy again")
	}
	if c := count(t, db, `SELECT count(*) FROM jobs WHERE id = $1 AND state = 'offering'`, job); c != 1 {
		t.Fatal("the job stayed filled without a buddy")
	}
	if c := count(t, db, `SELECT count(*) FROM notifications WHERE kind = 'buddy_dropout' AND user_id = $1`, w); c != 1 {
		t.Fatal("the worker was not told")
	}
	// Those whose request was only taken by the buddy who left are asked again; not the one who left.
	if c := count(t, db, `SELECT count(*) FROM buddy_requests WHERE assignment_id = $1 AND state = 'pending' AND buddy_id = $2`, assignment, reqs[0].Buddy); c != 0 {
		t.Fatal("the buddy who dropped out was asked again")
	}
	if c := count(t, db, `SELECT count(*) FROM buddy_requests WHERE assignment_id = $1 AND state = 'pending'`, assignment); c == 0 {
		t.Fatal("no other buddy was asked")
	}
}

func TestWorkerDropOutReleasesTheBuddy(t *testing.T) {
	db, d, poster, address := seed(t)
	ctx := context.Background()
	job, _, w, reqs := buddyJob(t, db, d, poster, address, 1)
	if _, err := d.ConfirmBuddyRequest(ctx, buddy(reqs[0].Buddy), reqs[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := d.DropOut(ctx, worker(w), job); err != nil {
		t.Fatal(err)
	}
	if c := count(t, db, `SELECT count(*) FROM notifications WHERE kind = 'buddy_request_closed' AND user_id = $1`, reqs[0].Buddy); c != 1 {
		t.Fatal("the buddy was not told that they need not go")
	}
	acc, err := d.MyAccompaniments(ctx, buddy(reqs[0].Buddy))
	if err != nil || len(acc) != 0 {
		t.Fatalf("the buddy still goes along: %+v %v", acc, err)
	}
}

// A buddy who still has a request on screen after the worker dropped out is told the worker
// no longer goes (409 cancelled), and the request stays on record.
func TestConfirmAfterWorkerDropOut(t *testing.T) {
	db, d, poster, address := seed(t)
	ctx := context.Background()
	job, _, w, reqs := buddyJob(t, db, d, poster, address, 1)
	if _, err := d.DropOut(ctx, worker(w), job); err != nil {
		t.Fatal(err)
	}
	if c := count(t, db, `SELECT count(*) FROM buddy_requests WHERE job_id = $1 AND state = 'withdrawn'`, job); c != len(reqs) {
		t.Fatalf("%d of %d requests kept as withdrawn", c, len(reqs))
	}
	_, err := d.ConfirmBuddyRequest(ctx, buddy(reqs[0].Buddy), reqs[0].ID)
	if e, ok := err.(*klusbuddy.Error); !ok || e.Reason != "cancelled" {
		t.Fatalf("confirm after the worker dropped out: %v", err)
	}
}

// Once a buddy goes along on one job, their open requests for jobs at the same time are
// withdrawn, so that those workers' searches go on at once.
func TestConfirmWithdrawsOverlappingRequests(t *testing.T) {
	db, d, poster, address := seed(t)
	ctx := context.Background()
	_, _, _, reqs1 := buddyJob(t, db, d, poster, address, 1)
	_, _, _, reqs2 := buddyJob(t, db, d, poster, address, 1)
	for _, x := range reqs1 {
		for _, y := range reqs2 {
			if x.Buddy != y.Buddy {
				continue
			}
			if _, err := d.ConfirmBuddyRequest(ctx, buddy(x.Buddy), x.ID); err != nil {
				t.Fatal(err)
			}
			if c := count(t, db, `SELECT count(*) FROM buddy_requests WHERE id = $1 AND state = 'pending'`, y.ID); c != 0 {
				t.Fatal("the buddy's request for a job at the same time is still open")
			}
			return
		}
	}
	t.Fatal("no buddy was asked for both jobs")
}

// The breakdown a coordinator reads names no buddy (ids are for their own people only), and
// the review lists the requests to buddies with their reasons.
func TestBreakdownNamesNoBuddy(t *testing.T) {
	db, d, poster, address := seed(t)
	ctx := context.Background()
	job, _, _, reqs := buddyJob(t, db, d, poster, address, 1)
	if err := d.DeclineBuddyRequest(ctx, buddy(reqs[0].Buddy), reqs[0].ID, klusbuddy.DeclineTooFar); err != nil {
		t.Fatal(err)
	}
	var org int64
	db.Get(&org, `SELECT min(id) FROM organisations`)
	rv, err := db.ReviewJob(ctx, job, org)
	if err != nil {
		t.Fatal(err)
	}
	// The coach sees why buddies said no, too.
	if len(rv.BuddyRequests) != len(reqs) || rv.BuddyRequests[0].DeclineReason != klusbuddy.DeclineTooFar {
		t.Fatalf("buddy requests in the review: %+v", rv.BuddyRequests)
	}
	for _, o := range rv.Offers {
		if _, ok := o.Breakdown["buddy_id"]; ok {
			t.Fatalf("a breakdown shows a buddy's id: %v", o.Breakdown)
		}
	}
}

// A worker who needs a buddy accepts when no buddy is free any more: they are told at once
// (409 no_buddy) rather than shown a place that is already gone.
func TestAcceptWhenNoBuddyIsLeft(t *testing.T) {
	db, d, poster, address := seed(t)
	ctx := context.Background()
	job := postWith(t, db, poster, address, "cleaning", 1, klusbuddy.BuddyRequired)
	if n, err := d.Wave(ctx, job); err != nil || n == 0 {
		t.Fatalf("wave: %d %v", n, err)
	}
	var o offerRow
	db.Get(&o, `SELECT id, worker_id FROM offers WHERE job_id = $1 ORDER BY score DESC LIMIT 1`, job)
	db.MustExec(`DELETE FROM availability WHERE user_id IN (SELECT user_id FROM buddy_profiles)`)
	_, err := d.Accept(ctx, worker(o.Worker), o.ID)
	if e, ok := err.(*klusbuddy.Error); !ok || e.Reason != "no_buddy" {
		t.Fatalf("accept with no buddy free: %v", err)
	}
	if c := count(t, db, `SELECT count(*) FROM assignments WHERE job_id = $1`, job); c != 0 {
		t.Fatal("the place is still held")
	}
}

// A buddy's no changes the match board (the request is no longer pending), so an instance
// that wakes its own sequencer (postgres.OpenOptions.WakesItsSequencer, as `serve` opens it)
// must be woken by it: its writes send no NOTIFY, and the sequencer's tick here is an hour.
func TestBuddyDeclineWakesTheSequencer(t *testing.T) {
	db, d, poster, address := seed(t)
	ctx := context.Background()
	job, _, _, reqs := buddyJob(t, db, d, poster, address, 1)
	own, err := postgres.Open(ctx, db.URL(), postgres.OpenOptions{WakesItsSequencer: true})
	if err != nil {
		t.Fatal(err)
	}
	defer own.Close()
	own.Now = db.clock.Now
	if _, err := own.SequenceNotifications(ctx); err != nil { // what the set-up queued
		t.Fatal(err)
	}
	l := pq.NewListener(db.URL(), 10*time.Millisecond, time.Second, nil)
	defer l.Close()
	if err := l.Listen(postgres.OutboxChannel); err != nil {
		t.Fatal(err)
	}
	ran := make(chan struct{}, 1)
	own.SequencerRan = func() {
		select {
		case ran <- struct{}{}:
		default:
		}
	}
	run, stop := context.WithCancel(ctx)
	stopped := make(chan error, 1)
	go func() { stopped <- own.RunSequencer(run, time.Hour) }()
	defer func() {
		stop()
		if err := <-stopped; err != nil {
			t.Error(err)
		}
	}()
	<-ran // its first pass is over: what follows can only be moved by a wake-up

	if err := own.DeclineBuddyRequest(ctx, reqs[0].Buddy, reqs[0].ID, klusbuddy.DeclineNotAvailable); err != nil {
		t.Fatal(err)
	}
	select {
	case <-l.Notify:
	case <-time.After(5 * time.Second):
		t.Fatal("the decline was not sequenced within 5 s: nothing woke the sequencer")
	}
	if c := count(t, db, `SELECT count(*) FROM notifications WHERE kind = 'board_changed' AND (data->>'job_id')::bigint = $1
AND created_at > now() - interval '1 minute'`, job); c == 0 {
		t.Fatal("no board event for the job after the decline")
	}
}
