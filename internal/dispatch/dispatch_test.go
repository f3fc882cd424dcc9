package dispatch_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/klusbuddy/klusbuddy/internal/clock"
	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/dispatch"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/password"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var brussels, _ = time.LoadLocation("Europe/Brussels")

// nextTuesday is 10:00 in Belgium on the Tuesday after next (from when the test started),
// when most demo workers work.
func nextTuesday() time.Time {
	d := time.Now().In(brussels).AddDate(0, 0, 7)
	for d.Weekday() != time.Tuesday {
		d = d.AddDate(0, 0, 1)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 10, 0, 0, 0, brussels)
}

// testDB is the store with what a test needs beside it: a pool of its own for what it
// arranges or checks in SQL, and the clock that the store and the dispatcher read.
type testDB struct {
	*postgres.DB
	sql   *sqlx.DB
	clock *clock.Manual
}

func (db *testDB) MustExec(q string, args ...any)            { db.sql.MustExec(q, args...) }
func (db *testDB) Get(dest any, q string, args ...any) error { return db.sql.Get(dest, q, args...) }
func (db *testDB) Select(dest any, q string, args ...any) error {
	return db.sql.Select(dest, q, args...)
}
func (db *testDB) QueryRow(q string, args ...any) *sql.Row { return db.sql.QueryRow(q, args...) }
func (db *testDB) Beginx() (*sqlx.Tx, error)               { return db.sql.Beginx() }

// setup seeds the demo data with every worker going alone, so that an accept settles a place
// (buddies_test.go follows workers who need a buddy, with seed).
func setup(t *testing.T) (*testDB, *dispatch.Dispatcher, int64, int64) {
	t.Helper()
	db, d, poster, address := seed(t)
	db.MustExec(`UPDATE worker_profiles SET buddy_need = 'never'`)
	return db, d, poster, address
}

func seed(t *testing.T) (*testDB, *dispatch.Dispatcher, int64, int64) {
	t.Helper()
	store := pgtest.NewDB(t)
	db := &testDB{DB: store, sql: pgtest.SQL(t, store), clock: clock.NewManual(time.Now())}
	store.Now = db.clock.Now
	data := demo.Data()
	// Only people who signed in (activated) get offers: give everyone the demo secrets.
	data.PasswordHash, _ = password.Hash(demo.Password, password.Params{Memory: 1024, Time: 1, Threads: 1})
	data.PINHash = data.PasswordHash
	if err := db.Seed(context.Background(), data); err != nil {
		t.Fatal(err)
	}
	var poster, address int64
	if err := db.QueryRow(`SELECT a.poster_id, a.id FROM poster_addresses a WHERE a.municipality = 'Genk' ORDER BY a.id LIMIT 1`).Scan(&poster, &address); err != nil {
		t.Fatal(err)
	}
	d := dispatch.New(store, nil, brussels, dispatch.Settings{OfferTTL: offerTTL, WaveFactor: 3})
	d.Now = db.clock.Now
	return db, d, poster, address
}

// offerTTL is how long the tests' workers and buddies have to answer.
const offerTTL = 10 * time.Minute

func post(t *testing.T, db *testDB, poster, address int64, category string, needed int) int64 {
	t.Helper()
	return postWith(t, db, poster, address, category, needed, klusbuddy.BuddyAllowed)
}

func postWith(t *testing.T, db *testDB, poster, address int64, category string, needed int, buddy klusbuddy.BuddyPolicy) int64 {
	t.Helper()
	id, err := db.CreateJob(context.Background(), poster, klusbuddy.NewJob{Category: category, AddressID: address, Start: nextTuesday(),
		Minutes: 120, WorkersNeeded: needed, Level: 1, Buddy: buddy, LanguageHints: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func worker(id int64) klusbuddy.Principal {
	return klusbuddy.Principal{User: klusbuddy.User{ID: id, Role: klusbuddy.RoleWorker}}
}

func count(t *testing.T, db *testDB, q string, args ...any) int {
	t.Helper()
	// Events wait in the queue until sequenced; count what a reader would see.
	if _, err := db.SequenceNotifications(context.Background()); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.Get(&n, q, args...); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestWavesAcceptsAndExpiry(t *testing.T) {
	db, d, poster, address := setup(t)
	ctx := context.Background()
	job := post(t, db, poster, address, "cleaning", 2)

	n, err := d.Wave(ctx, job)
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 || n > 6 {
		t.Fatalf("first wave sent %d offers, want 1 to 6 (three per place)", n)
	}
	if s := count(t, db, `SELECT count(*) FROM jobs WHERE id = $1 AND state = 'offering'`, job); s != 1 {
		t.Fatal("job not offering after the first wave")
	}
	if c := count(t, db, `SELECT count(*) FROM notifications WHERE kind = 'offer_new'`); c != n {
		t.Fatalf("%d offer notifications for %d offers", c, n)
	}
	// Every offer keeps why: the score's breakdown.
	if c := count(t, db, `SELECT count(*) FROM offers WHERE job_id = $1 AND breakdown ? 'fairness' AND breakdown ? 'travel_minutes'`, job); c != n {
		t.Fatalf("offers without a breakdown")
	}
	var offered []struct {
		ID     int64 `db:"id"`
		Worker int64 `db:"worker_id"`
	}
	db.Select(&offered, `SELECT id, worker_id FROM offers WHERE job_id = $1 ORDER BY score DESC`, job)

	t.Run("FirstAcceptsWinUpToThePlaces", func(t *testing.T) {
		if len(offered) < 3 {
			t.Fatalf("only %d candidates for this job in the demo data", len(offered))
		}
		for i, o := range offered[:2] {
			a, err := d.Accept(ctx, worker(o.Worker), o.ID)
			if err != nil || a.Place != i+1 {
				t.Fatalf("accept %d: place %d, %v", i, a.Place, err)
			}
		}
		// Accepting again is the same answer.
		if a, err := d.Accept(ctx, worker(offered[0].Worker), offered[0].ID); err != nil || a.Place != 1 {
			t.Fatalf("repeated accept: %+v %v", a, err)
		}
		_, err := d.Accept(ctx, worker(offered[2].Worker), offered[2].ID)
		if klusbuddy.ErrorCode(err) != klusbuddy.ECONFLICT {
			t.Fatalf("third accept on a job of two places: %v", err)
		}
		if s := count(t, db, `SELECT count(*) FROM jobs WHERE id = $1 AND state = 'filled'`, job); s != 1 {
			t.Fatal("job not filled")
		}
		if c := count(t, db, `SELECT count(*) FROM offers WHERE job_id = $1 AND state = 'taken'`, job); c != len(offered)-2 {
			t.Fatalf("%d offers taken, want %d", c, len(offered)-2)
		}
		if c := count(t, db, `SELECT count(*) FROM notifications WHERE kind = 'offer_taken'`); c != len(offered)-2 {
			t.Fatalf("%d taken notifications", c)
		}
		// Someone else's offer is not theirs to accept.
		if _, err := d.Accept(ctx, worker(offered[1].Worker), offered[0].ID); klusbuddy.ErrorCode(err) != klusbuddy.ENOTFOUND {
			t.Fatalf("accepting another worker's offer: %v", err)
		}
	})

	t.Run("ExpiryBringsTheNextWave", func(t *testing.T) {
		job := post(t, db, poster, address, "garden", 1)
		first, err := d.Wave(ctx, job)
		if err != nil || first == 0 {
			t.Fatalf("no garden candidates in the demo data (%d, %v)", first, err)
		}
		db.clock.Advance(offerTTL) // nobody answers in time
		if err := d.Tick(ctx); err != nil {
			t.Fatal(err)
		}
		if c := count(t, db, `SELECT count(*) FROM offers WHERE job_id = $1 AND state = 'expired'`, job); c != first {
			t.Fatalf("%d of %d offers expired", c, first)
		}
		// Either a second wave to other workers, or, with nobody left, the job goes unfilled.
		second := count(t, db, `SELECT count(*) FROM offers WHERE job_id = $1 AND wave = 2 AND state = 'pending'`, job)
		unfilled := count(t, db, `SELECT count(*) FROM jobs WHERE id = $1 AND state = 'unfilled'`, job)
		if second == 0 && unfilled == 0 {
			t.Fatal("after the wave expired: no second wave and not unfilled")
		}
		if c := count(t, db, `SELECT count(*) FROM (SELECT worker_id FROM offers WHERE job_id = $1 GROUP BY worker_id HAVING count(*) > 1) x`, job); c != 0 {
			t.Fatal("a worker got the same job twice")
		}
	})

	t.Run("DeclineWithAReason", func(t *testing.T) {
		job := post(t, db, poster, address, "cleaning", 1)
		if n, _ := d.Wave(ctx, job); n == 0 {
			t.Fatal("no candidates")
		}
		var o struct {
			ID     int64 `db:"id"`
			Worker int64 `db:"worker_id"`
		}
		db.Get(&o, `SELECT id, worker_id FROM offers WHERE job_id = $1 LIMIT 1`, job)
		if err := d.Decline(ctx, worker(o.Worker), o.ID, "sleepy"); klusbuddy.ErrorCode(err) != klusbuddy.EINVALID {
			t.Fatalf("unknown reason: %v", err)
		}
		if err := d.Decline(ctx, worker(o.Worker), o.ID, klusbuddy.DeclineTooFar); err != nil {
			t.Fatal(err)
		}
		if c := count(t, db, `SELECT count(*) FROM offers WHERE id = $1 AND state = 'declined' AND decline_reason = 'too_far'`, o.ID); c != 1 {
			t.Fatal("reason not stored")
		}
		if _, err := d.Accept(ctx, worker(o.Worker), o.ID); klusbuddy.ErrorCode(err) != klusbuddy.ECONFLICT {
			t.Fatalf("accept after decline: %v", err)
		}
	})
}

func TestNoCandidatesGoesToTheCoordinators(t *testing.T) {
	db, d, poster, _ := setup(t)
	ctx := context.Background()
	// An address in Lommel, far beyond every demo worker's reach.
	var far int64
	if err := db.Get(&far, `INSERT INTO poster_addresses (poster_id, street, postcode, municipality, lat, lon)
		SELECT $1, 'Stationsstraat 1', postcode, municipality, lat, lon FROM postcodes WHERE postcode = '3920' RETURNING id`, poster); err != nil {
		t.Fatal(err)
	}
	job := post(t, db, poster, far, "cleaning", 1)
	if n, err := d.Wave(ctx, job); err != nil || n != 0 {
		t.Fatalf("offers for a job nobody can reach: %d %v", n, err)
	}
	if s := count(t, db, `SELECT count(*) FROM jobs WHERE id = $1 AND state = 'unfilled'`, job); s != 1 {
		t.Fatal("job not unfilled")
	}
	if c := count(t, db, `SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'coordinator_alert' AND u.role = 'coordinator'`); c == 0 {
		t.Fatal("no coordinator alerted")
	}
	if c := count(t, db, `SELECT count(*) FROM job_transitions WHERE job_id = $1 AND to_state = 'unfilled' AND actor_id IS NULL`, job); c != 1 {
		t.Fatal("the move to unfilled is not recorded as Klusbuddy's")
	}
}

// A worker who drops out of a filled job: the job offers the place again at once, to workers
// not offered before, and the next acceptor takes the freed place while the other stays.
func TestDropOutReOffers(t *testing.T) {
	db, d, poster, address := setup(t)
	ctx := context.Background()
	job := post(t, db, poster, address, "cleaning", 2)
	if n, err := d.Wave(ctx, job); err != nil || n < 3 {
		t.Fatalf("first wave: %d offers, %v (the test needs three candidates)", n, err)
	}
	var offered []struct {
		ID     int64 `db:"id"`
		Worker int64 `db:"worker_id"`
	}
	db.Select(&offered, `SELECT id, worker_id FROM offers WHERE job_id = $1 ORDER BY score DESC`, job)
	for _, o := range offered[:2] {
		if _, err := d.Accept(ctx, worker(o.Worker), o.ID); err != nil {
			t.Fatal(err)
		}
	}

	late, err := d.DropOut(ctx, worker(offered[0].Worker), job)
	if err != nil || late {
		t.Fatalf("drop-out: late=%v %v", late, err)
	}
	if s := count(t, db, `SELECT count(*) FROM jobs WHERE id = $1 AND state = 'offering'`, job); s != 1 {
		t.Fatal("a filled job with a place open again is not offering")
	}
	if c := count(t, db, `SELECT count(*) FROM dropouts WHERE job_id = $1 AND worker_id = $2 AND NOT late`, job, offered[0].Worker); c != 1 {
		t.Fatal("drop-out not recorded")
	}
	newOffers := count(t, db, `SELECT count(*) FROM offers WHERE job_id = $1 AND state = 'pending'`, job)
	// Those who lost the first race (their offers were taken) are asked again, others newly.
	if newOffers == 0 {
		t.Fatal("no re-offer after the drop-out")
	}
	if c := count(t, db, `SELECT count(*) FROM offers WHERE job_id = $1 AND worker_id = $2 AND state = 'pending'`, job, offered[0].Worker); c != 0 {
		t.Fatal("the worker who dropped out was offered the job again")
	}
	// The third worker's offer was taken by the other two: the same offer is open to them
	// again, and they are told so once more.
	lost := offered[2]
	if c := count(t, db, `SELECT count(*) FROM offers WHERE id = $1 AND state = 'pending' AND wave = 2`, lost.ID); c != 1 {
		t.Fatal("the worker whose offer was taken was not asked again")
	}
	if c := count(t, db, `SELECT count(*) FROM notifications WHERE user_id = $1 AND kind = 'offer_new' AND (data->>'offer_id')::bigint = $2`,
		lost.Worker, lost.ID); c != 2 {
		t.Fatalf("the worker whose offer was taken got %d offer_new events for it, want 2", c)
	}
	var next struct {
		ID     int64 `db:"id"`
		Worker int64 `db:"worker_id"`
	}
	db.Get(&next, `SELECT id, worker_id FROM offers WHERE job_id = $1 AND state = 'pending' ORDER BY score DESC LIMIT 1`, job)
	a, err := d.Accept(ctx, worker(next.Worker), next.ID)
	if err != nil || a.Place != 1 {
		t.Fatalf("the freed place: %+v %v", a, err)
	}
	if s := count(t, db, `SELECT count(*) FROM jobs WHERE id = $1 AND state = 'filled'`, job); s != 1 {
		t.Fatal("job not filled again")
	}
	if _, err := d.DropOut(ctx, worker(offered[0].Worker), job); klusbuddy.ErrorCode(err) != klusbuddy.ENOTFOUND {
		t.Fatalf("dropping out twice: %v", err)
	}
}

// declineAll has every worker with an open offer for the job say no.
func declineAll(t *testing.T, db *testDB, d *dispatch.Dispatcher, job int64) {
	t.Helper()
	var open []offerRow
	db.Select(&open, `SELECT id, worker_id FROM offers WHERE job_id = $1 AND state = 'pending'`, job)
	for _, o := range open {
		if err := d.Decline(context.Background(), worker(o.Worker), o.ID, klusbuddy.DeclineNotAvailable); err != nil {
			t.Fatal(err)
		}
	}
}
