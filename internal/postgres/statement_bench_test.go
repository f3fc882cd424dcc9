package postgres_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
	"github.com/klusbuddy/klusbuddy/internal/statements"
)

// BenchmarkMonthStatement measures a company's monthly statement with 2,000 jobs in the month
// (each with an approved worker's sheet, 2,000 lines), among 60,000 jobs of eight posters over
// a year, through the service (the query by jobs_poster_start_idx and the domain's amounts).
// The baseline in the same run is a household's statement of 20 jobs in the same month; it
// reports both p50 and p99 and their ratio.
//
//	go test -run '^$' -bench BenchmarkMonthStatement -benchtime 200x ./internal/postgres
func BenchmarkMonthStatement(b *testing.B) {
	ctx := context.Background()
	db, sq := newDB(b)
	if err := db.Seed(ctx, demo.Data()); err != nil {
		b.Fatal(err)
	}
	loc, _ := time.LoadLocation("Europe/Brussels")
	month := klusbuddy.Month{Year: 2026, Month: time.November}
	var company, household int64
	sq.Get(&company, `SELECT min(poster_id) FROM poster_addresses`)
	sq.Get(&household, `SELECT max(poster_id) FROM poster_addresses`)
	sq.MustExec(`UPDATE poster_profiles SET kind = 'company', company_name = 'Bench NV', vat_number = 'BE0123456749' WHERE user_id = $1`, company)
	sq.MustExec(`INSERT INTO users (role, organisation_id, first_name, phone, activated_at)
		SELECT 'worker', (SELECT min(id) FROM organisations), 'Bench', '+32462' || lpad(g::text, 6, '0'), now()
		FROM generate_series(1, 500) g`)
	// 56,000 jobs of every poster spread over the year before, 2,000 of the company
	// and 20 of the household in November (Brussels).
	jobs := func(poster int64, n int, from time.Time, every time.Duration) {
		sq.MustExec(`INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, state, unit, unit_price_cents)
		SELECT a.poster_id, a.id, (SELECT min(id) FROM categories),
		       tstzrange($2::timestamptz + g * $4::interval, $2::timestamptz + g * $4::interval + interval '2 hours'), 1, 'done', 'hour', 2450
		FROM generate_series(0, $3 - 1) g
		JOIN LATERAL (SELECT id, poster_id FROM poster_addresses WHERE $1 = 0 OR poster_id = $1 ORDER BY id OFFSET CASE WHEN $1 = 0 THEN g % 8 ELSE 0 END LIMIT 1) a ON true`,
			poster, from, n, every.String())
	}
	jobs(0, 56000, month.Start(loc).AddDate(-1, 0, 0), 9*time.Minute) // until mid-October
	jobs(company, 2000, month.Start(loc), 20*time.Minute)
	jobs(household, 20, month.Start(loc).Add(time.Hour), 30*time.Hour)
	sq.MustExec(`INSERT INTO timesheets (job_id, person_id, role, place, unit, proposed, state, confirmed, approved)
		SELECT j.id, w.id, 'worker', 1, 'minutes', 120, 'approved', 135, 135
		FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM jobs) j
		JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM users WHERE first_name = 'Bench') w ON w.k = j.n % 500`)
	sq.MustExec(`ANALYZE`)
	svc := statements.New(db, loc)
	if os.Getenv("STATEMENT_EXPLAIN") != "" {
		var plan []string
		sq.Select(&plan, `EXPLAIN (ANALYZE, BUFFERS) `+postgres.StatementQueryForBench, company, month.Start(loc), month.End(loc))
		b.Log(strings.Join(plan, "\n"))
	}
	as := func(id int64) klusbuddy.Principal {
		return klusbuddy.Principal{User: klusbuddy.User{ID: id, Role: klusbuddy.RolePoster}}
	}
	run := func(id int64, want int) time.Duration {
		start := time.Now()
		st, err := svc.MonthStatement(ctx, as(id), month)
		if err != nil {
			b.Fatal(err)
		}
		d := time.Since(start)
		if len(st.Jobs) != want {
			b.Fatalf("%d jobs in the statement, want %d", len(st.Jobs), want)
		}
		return d
	}
	if err := db.Warm(ctx, 4); err != nil {
		b.Fatal(err)
	}
	for range 5 {
		run(company, 2000)
		run(household, 20)
	}
	var big, small []time.Duration
	b.ResetTimer()
	for b.Loop() {
		big = append(big, run(company, 2000))
		small = append(small, run(household, 20))
	}
	b.StopTimer()
	b.ReportMetric(ms(pct(big, 50)), "2000jobs-p50-ms")
	b.ReportMetric(ms(pct(big, 99)), "2000jobs-p99-ms")
	b.ReportMetric(ms(pct(small, 50)), "20jobs-p50-ms")
	b.ReportMetric(ms(pct(small, 99)), "20jobs-p99-ms")
	b.ReportMetric(float64(pct(big, 99))/float64(pct(small, 99)), "p99-ratio")
}
