package httpapi_test

import (
	"bytes"
	"io"
	"net/http"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/clock"
	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/password"
	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
)

// BenchmarkFundersExport streams the admin's places export through the real HTTP handler on
// loopback, on a generated history of 230,000 jobs with about 4.4 places each: every place
// of the three years (just over 1,000,000 rows) against a baseline of twelve days (about
// 10,000 rows) and four months (about 100,000) in the same run. It reports rows/s and the
// heap growth: the largest HeapInuse seen during the stream (sampled every 20 ms) less
// HeapInuse before it, after a GC (garbage not yet collected included: the collector lets the
// heap reach twice the live heap), and what is left after a GC at the end (heap-kept). The
// client reads the body into io.Discard in the same process, so its buffers count too: the
// figures are an upper bound for the server's.
//
//	go test -run '^$' -bench BenchmarkFundersExport -benchtime 1x ./internal/httpapi/
func BenchmarkFundersExport(b *testing.B) {
	db := pgtest.History(b, pgtest.HistoryOptions{Jobs: 230_000})
	data := demo.Data()
	a := &site{t: b, db: db, sql: pgtest.SQL(b, db), data: data, clock: clock.NewManual(time.Now())}
	// The kept history is seeded without secrets: give the demo admin the demo password.
	admin := a.person(klusbuddy.RoleAdmin, "", 0)
	hash, _ := password.Hash(demo.Password, cheap)
	a.sql.MustExec(`UPDATE users SET secret_hash = $1, secret_kind = $2, activated_at = coalesce(activated_at, now()) WHERE email = $3`,
		hash, klusbuddy.SecretPassword, admin.Email)
	a.inst = a.wire(b)
	a.srv = a.serve(b, a.inst)
	c := a.signedIn(admin)

	for _, bc := range []struct{ name, query string }{
		{"baseline-12-days", "from=2026-11-01&to=2026-11-12"},
		{"4-months", "from=2026-07-01&to=2026-10-31"},
		{"all-3-years", "from=2023-01-01&to=2026-12-31"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var rows, bytesRead int64
			var growth, kept uint64
			var took time.Duration
			for b.Loop() {
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				base := ms.HeapInuse
				var peak uint64
				stop, sampled := make(chan struct{}), sync.WaitGroup{}
				sampled.Add(1)
				go func() {
					defer sampled.Done()
					t := time.NewTicker(20 * time.Millisecond)
					defer t.Stop()
					for {
						var m runtime.MemStats
						runtime.ReadMemStats(&m)
						peak = max(peak, m.HeapInuse)
						select {
						case <-stop:
							return
						case <-t.C:
						}
					}
				}()
				began := time.Now()
				req, _ := http.NewRequest("GET", c.base+"/api/v1/admin/exports/assignments.csv?"+bc.query, nil)
				req.Header.Set("Origin", c.base)
				res, err := c.http.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				if res.StatusCode != 200 {
					body, _ := io.ReadAll(res.Body)
					b.Fatalf("%d %s", res.StatusCode, body)
				}
				lines := &lineCounter{}
				n, err := io.Copy(lines, res.Body)
				res.Body.Close()
				took = time.Since(began)
				close(stop)
				sampled.Wait()
				if err != nil {
					b.Fatal(err)
				}
				rows, bytesRead = lines.n-1, n
				if peak > base {
					growth = max(growth, peak-base)
				}
				runtime.GC() // what the export left behind, garbage collected
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > base {
					kept = max(kept, ms.HeapInuse-base)
				}
				if got := res.Header.Get("X-Total-Rows"); got != itoa(rows) {
					b.Fatalf("X-Total-Rows %s, %d rows", got, rows)
				}
			}
			b.ReportMetric(float64(rows), "rows")
			b.ReportMetric(float64(rows)/took.Seconds(), "rows/s")
			b.ReportMetric(float64(growth)/(1<<20), "heap-growth-MB")
			b.ReportMetric(float64(kept)/(1<<20), "heap-kept-MB")
			b.ReportMetric(float64(bytesRead)/(1<<20), "csv-MB")
		})
	}
}

// lineCounter counts line ends (no field of an export holds one).
type lineCounter struct{ n int64 }

func (l *lineCounter) Write(p []byte) (int, error) {
	l.n += int64(bytes.Count(p, []byte{'\n'}))
	return len(p), nil
}
