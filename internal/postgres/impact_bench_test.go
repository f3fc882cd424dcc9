package postgres_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/httpapi"
	"github.com/klusbuddy/klusbuddy/internal/impact"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
)

// benchHistory is the generated history of the impact benchmarks: IMPACT_BENCH_JOBS jobs
// (default 1,000,000, about five places each) over three years to 2026-12-01, kept between runs.
func benchHistory(b *testing.B) *postgres.DB {
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("IMPACT_BENCH_JOBS")); err == nil && v > 0 {
		n = v
	}
	return pgtest.History(b, pgtest.HistoryOptions{Jobs: n})
}

// BenchmarkImpactYear measures a coordinator's impact figures for a year (2026, by month) of the
// organisation with the most jobs, through the service (one statement), against a week of the
// same organisation in the same run.
//
//	go test -run '^$' -bench BenchmarkImpactYear -benchtime 50x ./internal/postgres
func BenchmarkImpactYear(b *testing.B) {
	ctx := context.Background()
	db := benchHistory(b)
	sq := pgtest.SQL(b, db)
	loc, _ := time.LoadLocation("Europe/Brussels")
	var org int64
	var jobs int
	row := sq.QueryRow(`SELECT organisation_id, count(*) FROM jobs WHERE organisation_id IS NOT NULL
		AND lower(during) >= '2026-01-01' AND lower(during) < '2027-01-01' GROUP BY 1 ORDER BY 2 DESC LIMIT 1`)
	if err := row.Scan(&org, &jobs); err != nil {
		b.Fatal(err)
	}
	svc := impact.New(db, loc)
	svc.Now = func() time.Time { return time.Date(2026, 11, 20, 12, 0, 0, 0, loc) }
	coach := klusbuddy.Principal{User: klusbuddy.User{ID: 1, Role: klusbuddy.RoleCoordinator, OrganisationID: org}}
	if os.Getenv("IMPACT_EXPLAIN") != "" {
		var plan []string
		sq.Select(&plan, `EXPLAIN (ANALYZE, BUFFERS) `+postgres.ImpactQueryForBench, time.Date(2026, 1, 1, 0, 0, 0, 0, loc),
			time.Date(2027, 1, 1, 0, 0, 0, 0, loc), org, 0, "", "{2026-01-01,2026-02-01}")
		// go test truncates a long log: the plan goes to the file IMPACT_EXPLAIN names
		if err := os.WriteFile(os.Getenv("IMPACT_EXPLAIN"), []byte(strings.Join(plan, "\n")), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	run := func(q klusbuddy.ImpactQuery) (time.Duration, klusbuddy.ImpactReport) {
		start := time.Now()
		r, err := svc.Impact(ctx, coach, q)
		if err != nil {
			b.Fatal(err)
		}
		return time.Since(start), r
	}
	_, r := run(klusbuddy.ImpactQuery{Period: "year", Date: "2026-06-01"})
	if r.Total.JobsPosted != jobs || r.Total.PeopleWorked == 0 {
		b.Fatalf("the year counts %d jobs (want %d) and %d people", r.Total.JobsPosted, jobs, r.Total.PeopleWorked)
	}
	b.Logf("organisation %d, 2026: %d jobs, %d done, %.0f hours, %d people, %d new", org, r.Total.JobsPosted, r.Total.JobsDone,
		r.Total.HoursWorked, r.Total.PeopleWorked, r.Total.NewPeople)
	for range 3 {
		run(klusbuddy.ImpactQuery{Period: "year", Date: "2026-06-01"})
		run(klusbuddy.ImpactQuery{Period: "week", Date: "2026-06-10"})
	}
	var year, week []time.Duration
	b.ResetTimer()
	for b.Loop() {
		d, _ := run(klusbuddy.ImpactQuery{Period: "year", Date: "2026-06-01"})
		year = append(year, d)
		d, _ = run(klusbuddy.ImpactQuery{Period: "week", Date: "2026-06-10"})
		week = append(week, d)
	}
	b.StopTimer()
	b.ReportMetric(ms(pct(year, 50)), "year-p50-ms")
	b.ReportMetric(ms(pct(year, 99)), "year-p99-ms")
	b.ReportMetric(ms(pct(week, 50)), "week-p50-ms")
	b.ReportMetric(ms(pct(week, 99)), "week-p99-ms")
	b.ReportMetric(float64(pct(year, 99))/float64(pct(week, 99)), "p99-ratio")
}

// BenchmarkImpactPublicPage measures GET /impact (this year, a municipality's page, drawn by the
// server from the figures kept for a minute) through the HTTP handler, against GET /healthz in
// the same run. The first request of each minute counts the figures; the clock stands still, so
// the loop measures the cached page as nearly every visitor gets it, and the cold count is
// reported apart.
//
//	go test -run '^$' -bench BenchmarkImpactPublicPage -benchtime 2000x ./internal/postgres
func BenchmarkImpactPublicPage(b *testing.B) {
	db := benchHistory(b)
	loc, _ := time.LoadLocation("Europe/Brussels")
	now := func() time.Time { return time.Date(2026, 11, 20, 12, 0, 0, 0, loc) }
	svc := impact.New(db, loc)
	svc.Now = now
	api, err := httpapi.New(httpapi.Deps{Impact: svc, Now: now, PWA: os.DirFS(b.TempDir())})
	if err != nil {
		b.Fatal(err)
	}
	get := func(path string) time.Duration {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Accept-Language", "nl-BE,nl;q=0.9")
		w := httptest.NewRecorder()
		start := time.Now()
		api.ServeHTTP(w, req)
		d := time.Since(start)
		if w.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", path, w.Code, w.Body.String())
		}
		return d
	}
	cold := get("/impact?municipality=Genk") // counts the platform's year (ResetTimer clears metrics: reported below)
	var page, health []time.Duration
	b.ResetTimer()
	for b.Loop() {
		page = append(page, get("/impact?municipality=Genk"))
		health = append(health, get("/healthz"))
	}
	b.StopTimer()
	b.ReportMetric(ms(cold), "cold-ms")
	b.ReportMetric(ms(pct(page, 50)), "page-p50-ms")
	b.ReportMetric(ms(pct(page, 99)), "page-p99-ms")
	b.ReportMetric(ms(pct(health, 99)), "healthz-p99-ms")
	b.ReportMetric(float64(pct(page, 99))/float64(pct(health, 99)), "p99-ratio")
}
