package httpapi_test

import (
	"io"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// BenchmarkCalendarFeed measures GET /calendar/{token}.ics for a worker with 500 jobs in their
// feed (two-hour jobs every 18 hours from 80 days back to ten months ahead, one in ten dropped
// out of, so cancelled), as a calendar app fetches it: a plain GET, no cookie, each from another
// address behind the proxy (the feed's per-address limit stays out of the way), unchanged since
// the last fetch and changed before each. The baseline, interleaved with it in the same run, is
// a trivial authenticated GET (GET /api/v1/me/calendar: the session's lookup and one indexed
// row). It reports p50 and p99 of both and the feed's size.
//
//	go run ./cmd/pgtmp -- go test -run '^$' -bench BenchmarkCalendarFeed -benchtime 1000x ./internal/httpapi
func BenchmarkCalendarFeed(b *testing.B) {
	a := newApp(b, behindProxy)
	worker := a.person(klusbuddy.RoleWorker, "", 0)
	id := a.idOf(worker)
	start := a.clock.Now().Add(-80 * 24 * time.Hour).Truncate(time.Hour)
	a.sql.MustExec(`INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, state, unit, unit_price_cents)
		SELECT a.poster_id, a.id, (SELECT min(id) FROM categories),
		       tstzrange($1::timestamptz + g * interval '18 hours', $1::timestamptz + g * interval '18 hours' + interval '2 hours'),
		       1, 'filled', 'hour', 2500
		FROM generate_series(1, 500) g
		JOIN LATERAL (SELECT id, poster_id FROM poster_addresses ORDER BY id OFFSET g % 8 LIMIT 1) a ON true`, start)
	a.sql.MustExec(`INSERT INTO assignments (job_id, workers_needed, place, worker_id, during)
		SELECT id, 1, 1, $2, during FROM jobs WHERE lower(during) >= $1`, start, id)
	a.sql.MustExec(`DELETE FROM assignments WHERE worker_id = $1 AND job_id % 10 = 0`, id) // dropped out: cancelled in the feed
	a.sql.MustExec(`ANALYZE`)
	c := a.signedIn(worker)
	feed := makeFeed(b, c)
	res, body := fetchFeed(b, feed.URL, "X-Forwarded-For", nextIP())
	if res.StatusCode != 200 {
		b.Fatalf("feed: %d %s", res.StatusCode, body)
	}
	if n := len(parseGocalTB(b, body)); n != 500 {
		b.Fatalf("%d events in the feed, want 500", n)
	}
	get := func(req *http.Request) time.Duration {
		t0 := time.Now()
		res, err := c.http.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			b.Fatalf("%s: %d", req.URL.Path, res.StatusCode)
		}
		return time.Since(t0)
	}
	for range 20 { // warm the backends and the plans
		req, _ := http.NewRequest("GET", feed.URL, nil)
		req.Header.Set("X-Forwarded-For", nextIP())
		get(req)
	}
	// unchanged: what a calendar app polling a feed gets (the document written before is served
	// again); changed: one event of the feed changes before each fetch, so it is written anew.
	for _, changed := range []bool{false, true} {
		name := "unchanged"
		if changed {
			name = "changed"
		}
		b.Run(name, func(b *testing.B) {
			var feeds, base []time.Duration
			job := 0
			for b.Loop() {
				if changed {
					job++
					a.sql.MustExec(`UPDATE calendar_entries SET sequence = sequence + 1 WHERE user_id = $1
AND job_id = (SELECT job_id FROM calendar_entries WHERE user_id = $1 ORDER BY job_id OFFSET $2 LIMIT 1)`, id, job%500)
				}
				req, _ := http.NewRequest("GET", feed.URL, nil)
				req.Header.Set("X-Forwarded-For", nextIP())
				feeds = append(feeds, get(req))
				req, _ = http.NewRequest("GET", a.srv.URL+"/api/v1/me/calendar", nil)
				base = append(base, get(req))
			}
			slices.Sort(feeds)
			slices.Sort(base)
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			b.ReportMetric(ms(percentile(feeds, 0.5)), "feed-p50-ms")
			b.ReportMetric(ms(percentile(feeds, 0.99)), "feed-p99-ms")
			b.ReportMetric(ms(percentile(base, 0.5)), "baseline-p50-ms")
			b.ReportMetric(ms(percentile(base, 0.99)), "baseline-p99-ms")
			b.ReportMetric(float64(len(body))/1024, "feed-KiB")
			b.ReportMetric(0, "ns/op")
		})
	}
}
