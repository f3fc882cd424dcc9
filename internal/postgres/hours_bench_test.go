package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// BenchmarkApprovalSweep measures the sweep that approves hours nobody answered, with 100,000
// done jobs whose worker's confirmed hours wait for the poster (5,000 workers; the
// confirmations spread evenly over the approval days, one every 3.5 s). Each iteration moves
// the clock 60 s (the sweep's interval) and approves what came due (a batch of up to 500 per
// transaction, one statement locking the due sheets' jobs with FOR UPDATE SKIP LOCKED,
// then the jobs moved to hours confirmed); it reports the p50 and p99 of one sweep against a
// round trip (SELECT 1) in the same run. Then the clock jumps past every deadline (an outage of
// days): it reports the p99 of one batch of 500 and how long approving everything left takes.
//
//	go test -run '^$' -bench BenchmarkApprovalSweep -benchtime 400x ./internal/postgres
func BenchmarkApprovalSweep(b *testing.B) {
	ctx := context.Background()
	db, sq := newDB(b)
	if err := db.Seed(ctx, demo.Data()); err != nil {
		b.Fatal(err)
	}
	wait := klusbuddy.ApprovalSettings{}.Wait()
	t0 := time.Date(2027, 5, 10, 9, 0, 0, 0, time.UTC)
	now := t0
	db.Now = func() time.Time { return now }
	sq.MustExec(`INSERT INTO users (role, organisation_id, first_name, phone, activated_at)
		SELECT 'worker', (SELECT min(id) FROM organisations), 'Bench', '+32461' || lpad(g::text, 6, '0'), now()
		FROM generate_series(1, 5000) g`)
	sq.MustExec(`INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, state, unit, unit_price_cents)
		SELECT a.poster_id, a.id, (SELECT min(id) FROM categories),
		       tstzrange($1::timestamptz - interval '5 days' + g * interval '3456 milliseconds',
		                 $1::timestamptz - interval '5 days' + g * interval '3456 milliseconds' + interval '2 hours'),
		       1, 'done', 'hour', 2500
		FROM generate_series(1, 100000) g
		JOIN LATERAL (SELECT id, poster_id FROM poster_addresses ORDER BY id OFFSET g % 8 LIMIT 1) a ON true`, t0)
	sq.MustExec(`INSERT INTO timesheets (job_id, person_id, role, place, unit, proposed, state, confirmed, waiting_since)
		SELECT j.id, w.id, 'worker', 1, 'minutes', 120, 'confirmed', 120, lower(j.during) + interval '1 day'
		FROM (SELECT id, during, row_number() OVER (ORDER BY id) AS n FROM jobs WHERE state = 'done') j
		JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM users WHERE first_name = 'Bench') w ON w.k = j.n % 5000`)
	sq.MustExec(`ANALYZE`)
	var waiting int
	sq.Get(&waiting, `SELECT count(*) FROM timesheets WHERE state = 'confirmed'`)
	b.ReportMetric(float64(waiting), "sheets-waiting")

	sweep := func() (batches []time.Duration, approved int) {
		before := now.Add(-wait)
		for {
			start := time.Now()
			n, seen, err := db.TakeDueSteps(ctx, before, 500)
			if err != nil {
				b.Fatal(err)
			}
			batches = append(batches, time.Since(start))
			approved += n
			if seen < 500 {
				return batches, approved
			}
		}
	}
	sweep() // what was due at the start
	if err := db.Warm(ctx, 4); err != nil {
		b.Fatal(err)
	}
	var trips []time.Duration
	for range 400 {
		start := time.Now()
		if _, err := sq.Exec(`SELECT 1`); err != nil {
			b.Fatal(err)
		}
		trips = append(trips, time.Since(start))
	}

	var sweeps []time.Duration
	total := 0
	b.ResetTimer()
	for b.Loop() {
		now = now.Add(time.Minute)
		start := time.Now()
		_, n := sweep()
		sweeps = append(sweeps, time.Since(start))
		total += n
	}
	b.StopTimer()
	b.ReportMetric(ms(pct(sweeps, 50)), "sweep-p50-ms")
	b.ReportMetric(ms(pct(sweeps, 99)), "sweep-p99-ms")
	b.ReportMetric(ms(pct(trips, 99)), "roundtrip-p99-ms")
	b.ReportMetric(float64(total)/float64(len(sweeps)), "approved/sweep")

	// Every deadline passed at once: batches of 500 until none is left.
	now = now.Add(10 * wait)
	start := time.Now()
	batches, n := sweep()
	b.ReportMetric(ms(pct(batches, 99)), "burst-batch-p99-ms")
	b.ReportMetric(time.Since(start).Seconds(), "burst-s")
	b.ReportMetric(float64(n), "burst-approved")
	var left int
	sq.Get(&left, `SELECT count(*) FROM timesheets WHERE state <> 'approved'`)
	if left != 0 {
		b.Fatalf("%d sheets left after the burst", left)
	}
}
