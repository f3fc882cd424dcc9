package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
)

// BenchmarkWorkersForMatching: the facts a wave reads about every worker with the job's skill
// (WorkersForMatching), with the demo data and n more such workers, each with a working week,
// an exception and two past jobs (so that hours, records and category counts have rows to add
// up). Reported: p50 and p99 of one read, which every wave makes. (Its eight queries, seven of
// them side by side, against one statement of CTEs that gathered the same facts: 10–13 ms
// against 12 ms at 200 workers, but 96–107 ms against 146 ms at 2,000, where the queries use
// both cores; BENCHMARKS.md.)
//
//	go run ./cmd/pgtmp -- go test -run '^$' -bench BenchmarkWorkersForMatching -benchtime 200x ./internal/postgres
func BenchmarkWorkersForMatching(b *testing.B) {
	for _, n := range []int{200, 2000} {
		b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) {
			ctx := context.Background()
			db, sq := newDB(b)
			if err := db.Seed(ctx, demo.Data()); err != nil {
				b.Fatal(err)
			}
			sq.MustExec(`INSERT INTO users (role, organisation_id, first_name, phone, activated_at)
				SELECT 'worker', (SELECT min(id) FROM organisations), 'Bench', '+32461' || lpad(g::text, 6, '0'), now()
				FROM generate_series(1, $1) g`, n)
			sq.MustExec(`INSERT INTO worker_profiles (user_id, postcode, municipality, travel_mode, max_travel_minutes)
				SELECT id, '3600', 'Genk', 'bike', 30 FROM users WHERE first_name = 'Bench'`)
			sq.MustExec(`INSERT INTO worker_skills (worker_id, category_id, level)
				SELECT id, (SELECT id FROM categories WHERE slug = 'cleaning'), 1 FROM users WHERE first_name = 'Bench'`)
			sq.MustExec(`INSERT INTO availability (user_id, weekday, starts, ends)
				SELECT id, d, '08:00', '17:00' FROM users, generate_series(1, 5) d WHERE first_name = 'Bench'`)
			sq.MustExec(`INSERT INTO availability_exceptions (user_id, on_date, available)
				SELECT id, current_date + 30, false FROM users WHERE first_name = 'Bench'`)
			// Two past jobs each, done.
			sq.MustExec(`WITH w AS (SELECT id, row_number() OVER (ORDER BY id) AS i FROM users WHERE first_name = 'Bench'),
				a AS (SELECT id, poster_id FROM poster_addresses ORDER BY id LIMIT 1),
				j AS (
				    INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, state, unit, unit_price_cents)
				    SELECT a.poster_id, a.id, (SELECT id FROM categories WHERE slug = 'cleaning'),
				           tstzrange(date_trunc('hour', now()) - (k * 7 + 3) * interval '1 day' + (w.i % 500) * interval '1 minute',
				                     date_trunc('hour', now()) - (k * 7 + 3) * interval '1 day' + (w.i % 500) * interval '1 minute' + interval '2 hours'),
				           1, 'done', 'hour', 2500
				    FROM w, a, generate_series(1, 2) k
				    RETURNING id, during)
				INSERT INTO assignments (job_id, workers_needed, place, worker_id, during, buddy_state)
				SELECT j.id, 1, 1, w.id, j.during, 'none'
				FROM (SELECT id, during, row_number() OVER (ORDER BY id) AS r FROM j) j
				JOIN w ON w.i = (j.r + 1) / 2`)
			var jobID int64
			if err := sq.Get(&jobID, `INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, state, unit, unit_price_cents)
				SELECT a.poster_id, a.id, (SELECT id FROM categories WHERE slug = 'cleaning'),
				       tstzrange(date_trunc('day', now()) + interval '8 days 10 hours', date_trunc('day', now()) + interval '8 days 12 hours'),
				       1, 'open', 'hour', 2500
				FROM poster_addresses a ORDER BY a.id LIMIT 1 RETURNING id`); err != nil {
				b.Fatal(err)
			}
			sq.MustExec(`VACUUM ANALYZE`)
			job, err := db.JobForMatching(ctx, jobID)
			if err != nil {
				b.Fatal(err)
			}
			// Warm: the connection's statements prepared and past their first (custom) plans.
			for range 8 {
				if _, err := db.WorkersForMatching(ctx, job); err != nil {
					b.Fatal(err)
				}
			}
			lat := make([]time.Duration, 0, b.N)
			var got int
			b.ResetTimer()
			for b.Loop() {
				start := time.Now()
				ws, err := db.WorkersForMatching(ctx, job)
				lat = append(lat, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
				got = len(ws)
			}
			b.StopTimer()
			if got < n {
				b.Fatalf("%d workers read, want at least %d", got, n)
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}
