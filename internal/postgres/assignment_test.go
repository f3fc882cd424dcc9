package postgres_test

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
)

// jobsWorld loads the demo data and adds jobs with few places at overlapping times: every
// worker who takes two of them at once would be double-booked. It returns the job and worker ids.
func jobsWorld(t *testing.T, db *postgres.DB, sq *sqlx.DB, jobs int) ([]int64, []int64) {
	t.Helper()
	ctx := context.Background()
	if err := db.Seed(ctx, demo.Data()); err != nil {
		t.Fatal(err)
	}
	var poster, address, category int64
	if err := sq.QueryRowContext(ctx, `SELECT poster_id, id FROM poster_addresses ORDER BY id LIMIT 1`).Scan(&poster, &address); err != nil {
		t.Fatal(err)
	}
	sq.Get(&category, `SELECT id FROM categories ORDER BY id LIMIT 1`)
	base := time.Now().Add(7 * 24 * time.Hour).Truncate(time.Hour)
	var jobIDs []int64
	for i := range jobs {
		// Three-hour jobs starting every hour: each overlaps the two before and after it.
		start := base.Add(time.Duration(i%6) * time.Hour)
		var id int64
		err := sq.QueryRowContext(ctx, `INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, unit, unit_price_cents)
			VALUES ($1, $2, $3, tstzrange($4, $5), $6, 'hour', 2500) RETURNING id`, poster, address, category, start, start.Add(3*time.Hour), 1+i%3).Scan(&id)
		if err != nil {
			t.Fatal(err)
		}
		jobIDs = append(jobIDs, id)
	}
	var workers []int64
	sq.Select(&workers, `SELECT user_id FROM worker_profiles ORDER BY user_id`)
	// Every worker gets an offer for every job, so that any accept may race any other.
	offers := make([]klusbuddy.NewOffer, len(workers))
	for i, w := range workers {
		offers[i] = klusbuddy.NewOffer{WorkerID: w, Score: 1, Breakdown: map[string]any{}, TravelMinutes: 10}
	}
	for _, job := range jobIDs {
		if _, err := db.CreateWave(ctx, job, 1, 1, offers, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	return jobIDs, workers
}

// offerIDs maps (job, worker) to the offer between them.
func offerIDs(t testing.TB, sq *sqlx.DB) map[[2]int64]int64 {
	t.Helper()
	var rows []struct {
		ID     int64 `db:"id"`
		Job    int64 `db:"job_id"`
		Worker int64 `db:"worker_id"`
	}
	if err := sq.Select(&rows, `SELECT id, job_id, worker_id FROM offers`); err != nil {
		t.Fatal(err)
	}
	out := make(map[[2]int64]int64, len(rows))
	for _, r := range rows {
		out[[2]int64{r.Job, r.Worker}] = r.ID
	}
	return out
}

// invariantViolations counts overfilled jobs and double bookings.
func invariantViolations(t *testing.T, sq *sqlx.DB) (overfilled, doubleBooked int) {
	t.Helper()
	sq.Get(&overfilled, `SELECT count(*) FROM (SELECT a.job_id FROM assignments a JOIN jobs j ON j.id = a.job_id
		GROUP BY a.job_id, j.workers_needed HAVING count(*) > j.workers_needed) o`)
	sq.Get(&doubleBooked, `SELECT count(*) FROM assignments a JOIN assignments b
		ON a.worker_id = b.worker_id AND a.id < b.id AND a.during && b.during`)
	return
}

// accepts runs n accepts at once, random workers on random jobs, and returns how many succeeded
// and how many were refused as conflicts; any other error fails the test.
func accepts(t *testing.T, n int, jobs, workers []int64, accept func(ctx context.Context, job, worker int64) error) (ok, refused int) {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	type pair struct{ job, worker int64 }
	pairs := make([]pair, n)
	for i := range pairs {
		pairs[i] = pair{jobs[r.IntN(len(jobs))], workers[r.IntN(len(workers))]}
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, p := range pairs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			err := accept(context.Background(), p.job, p.worker)
			mu.Lock()
			defer mu.Unlock()
			switch klusbuddy.ErrorCode(err) {
			case "":
				ok++
			case klusbuddy.ECONFLICT:
				refused++
			default:
				t.Errorf("accept job %d worker %d: %v", p.job, p.worker, err)
			}
		}()
	}
	close(start)
	wg.Wait()
	return ok, refused
}

// Hundreds of accepts at once on jobs with few places, by workers whose jobs overlap, through
// the accept the API uses: none overfills a job or double-books a worker.
func TestAcceptInvariants(t *testing.T) {
	db, sq := newDB(t)
	jobs, workers := jobsWorld(t, db, sq, 30)
	offer := offerIDs(t, sq)
	ok, refused := accepts(t, 600, jobs, workers, func(ctx context.Context, job, worker int64) error {
		_, _, err := db.AcceptOffer(ctx, worker, offer[[2]int64{job, worker}])
		return err
	})
	over, double := invariantViolations(t, sq)
	var rows int
	sq.Get(&rows, `SELECT count(*) FROM assignments`)
	t.Logf("%d accepted (%d places booked), %d refused", ok, rows, refused)
	if over != 0 || double != 0 {
		t.Fatalf("%d overfilled jobs, %d double bookings", over, double)
	}
	if refused == 0 || rows == 0 {
		t.Fatal("the load did not contend: nothing was refused or nothing booked")
	}
	var places int
	sq.Get(&places, `SELECT sum(workers_needed) FROM jobs`)
	if rows > places {
		t.Fatalf("%d bookings for %d places", rows, places)
	}
}

// The same load through a naive accept (check, then insert) on a schema without the guards must
// break the invariants: it shows that the test above can catch the bug it is about.
func TestNaiveAcceptIsCaught(t *testing.T) {
	db, sq := newDB(t)
	jobs, workers := jobsWorld(t, db, sq, 30)
	sq.MustExec(`ALTER TABLE assignments DROP CONSTRAINT assignments_no_double_booking,
		DROP CONSTRAINT assignments_job_id_place_key, DROP CONSTRAINT assignments_check`)
	naive := func(ctx context.Context, job, worker int64) error {
		var taken, needed int
		var clash bool
		sq.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM assignments WHERE job_id = $1), workers_needed,
			EXISTS (SELECT 1 FROM assignments a WHERE a.worker_id = $2 AND a.during && j.during)
			FROM jobs j WHERE id = $1`, job, worker).Scan(&taken, &needed, &clash)
		if taken >= needed || clash {
			return klusbuddy.Errorf(klusbuddy.ECONFLICT, "taken")
		}
		_, err := sq.ExecContext(ctx, `INSERT INTO assignments (job_id, workers_needed, place, worker_id, during)
			SELECT id, workers_needed, $3, $2, during FROM jobs WHERE id = $1`, job, worker, taken+1)
		if err != nil {
			return klusbuddy.Errorf(klusbuddy.ECONFLICT, "%v", err) // the one key left: a worker twice on one job
		}
		return nil
	}
	accepts(t, 600, jobs, workers, naive)
	over, double := invariantViolations(t, sq)
	t.Logf("naive accept: %d overfilled jobs, %d double bookings", over, double)
	if over+double == 0 {
		t.Fatal("the naive accept broke no invariant under this load: the invariant test cannot tell a correct accept from a broken one")
	}
}
