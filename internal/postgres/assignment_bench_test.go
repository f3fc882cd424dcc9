package postgres_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
)

// BenchmarkAssign measures accepts from 200 concurrent clients: random workers on random jobs
// of 5 places, at times that do not overlap, so that places, not bookings, run out. It reports
// accepts per second and the p50/p99 latency of one accept (taken or refused).
//
//	go test -run '^$' -bench BenchmarkAssign -benchtime 20000x ./internal/postgres
func BenchmarkAssign(b *testing.B) {
	db := pgtest.NewDB(b)
	ctx := context.Background()
	if err := db.Seed(ctx, demo.Data()); err != nil {
		b.Fatal(err)
	}
	db.MustExec(`INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed)
		SELECT a.poster_id, a.id, (SELECT min(id) FROM categories),
		       tstzrange(timestamptz '2027-01-04 09:00+01' + g * interval '4 hours', timestamptz '2027-01-04 12:00+01' + g * interval '4 hours'), 5
		FROM generate_series(0, 4999) g, LATERAL (SELECT id, poster_id FROM poster_addresses ORDER BY id LIMIT 1) a`)
	var jobs, workers []int64
	db.Select(&jobs, `SELECT id FROM jobs`)
	db.Select(&workers, `SELECT user_id FROM worker_profiles`)
	db.SetMaxOpenConns(50)

	const clients = 200
	work := make(chan [2]int64)
	lat := make([][]time.Duration, clients)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				start := time.Now()
				db.Assign(ctx, p[0], p[1])
				lat[c] = append(lat[c], time.Since(start))
			}
		}()
	}
	r := rand.New(rand.NewPCG(3, 4))
	b.ResetTimer()
	begin := time.Now()
	for b.Loop() {
		work <- [2]int64{jobs[r.IntN(len(jobs))], workers[r.IntN(len(workers))]}
	}
	close(work)
	wg.Wait()
	elapsed := time.Since(begin)
	b.StopTimer()
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	slices.Sort(all)
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "accepts/s")
	b.ReportMetric(float64(all[len(all)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99-ms")
}
