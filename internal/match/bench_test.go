package match_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/match"
)

// BenchmarkRank ranks the best 10 candidates for random jobs among n workers spread over
// Limburg, and reports the p50 and p99 time per job beside the mean.
//
//	go test -run '^$' -bench BenchmarkRank -benchtime 2000x ./internal/match
func BenchmarkRank(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) {
			r := rand.New(rand.NewPCG(uint64(n), 1))
			ws, bs := limburg(r, n, n/100)
			p := match.NewPool(ws, bs, match.DefaultDistance(), match.DefaultWeights, brussels)
			jobs := make([]match.Job, 512)
			for i := range jobs {
				jobs[i] = randomJob(r)
				jobs[i].Where.Lat, jobs[i].Where.Lon = 50.75+r.Float64()*0.5, 5.05+r.Float64()*0.75
			}
			durations := make([]time.Duration, 0, b.N)
			found := 0
			// Collect what building the pool left behind now, not while ranking: with a million
			// workers, marking the heap takes one of the two cores for a while.
			runtime.GC()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				found += len(p.Rank(jobs[i%len(jobs)], 10))
				durations = append(durations, time.Since(start))
			}
			b.StopTimer()
			slices.Sort(durations)
			b.ReportMetric(float64(durations[len(durations)/2].Microseconds()), "p50-µs/job")
			b.ReportMetric(float64(durations[len(durations)*99/100].Microseconds()), "p99-µs/job")
			b.ReportMetric(float64(found)/float64(len(durations)), "candidates/job")
		})
	}
}

// limburg spreads n workers and m buddies over the province (about 2,400 km²).
func limburg(r *rand.Rand, n, m int) ([]match.Worker, []match.Buddy) {
	ws, bs := randomWorld(r, n, m)
	for i := range ws {
		ws[i].Home.Lat, ws[i].Home.Lon = 50.70+r.Float64()*0.6, 4.95+r.Float64()*0.9
	}
	for i := range bs {
		bs[i].Home.Lat, bs[i].Home.Lon = 50.70+r.Float64()*0.6, 4.95+r.Float64()*0.9
	}
	return ws, bs
}
