package postgres_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
)

// BenchmarkAccept measures the accept the API uses (AcceptOffer) from 200 concurrent clients:
// 1,000 workers, 400 jobs of 5 places at times that do not overlap, each job offered to 50
// random workers; each client accepts a random offer, as soon as its last one was answered (a
// closed loop). Caps are high enough that places, not hours, run out. It reports accepts per
// second and the p50/p99 latency of one accept (taken or refused).
//
//	go test -run '^$' -bench BenchmarkAccept -benchtime 20000x ./internal/postgres
func BenchmarkAccept(b *testing.B) {
	ctx := context.Background()
	db, pairs, offer := acceptFixture(b)

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
				db.AcceptOffer(ctx, p[1], offer[p])
				lat[c] = append(lat[c], time.Since(start))
			}
		}()
	}
	r := rand.New(rand.NewPCG(3, 4))
	seq := sequencing(b, db)
	defer seq.stop()
	warmBackends(ctx, db, pairs, offer)
	seq.measureFromNow(ctx)
	b.ResetTimer()
	begin := time.Now()
	for b.Loop() {
		work <- pairs[r.IntN(len(pairs))]
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

// BenchmarkAcceptOpenLoop sends accepts at a fixed rate, spread over 200 clients (phones),
// whatever the answers take: the latency at a given load, measured from when each accept was
// due, so that a slow answer delaying the next one counts against it too (no coordinated
// omission). The same data as BenchmarkAccept.
//
//	go test -run '^$' -bench BenchmarkAcceptOpenLoop -benchtime 3000x ./internal/postgres
func BenchmarkAcceptOpenLoop(b *testing.B) {
	for _, rate := range []int{100, 250, 500, 1000} {
		b.Run(fmt.Sprintf("rate=%d", rate), func(b *testing.B) {
			ctx := context.Background()
			db, pairs, offer := acceptFixture(b)
			const clients = 200
			n := b.N
			every := time.Second / time.Duration(rate)
			r := rand.New(rand.NewPCG(5, uint64(rate)))
			picks := make([][2]int64, n)
			for i := range picks {
				picks[i] = pairs[r.IntN(len(pairs))]
			}
			lat := make([]time.Duration, n)
			var wg sync.WaitGroup
			seq := sequencing(b, db)
			defer seq.stop() // on a failure; stopped below otherwise
			warmBackends(ctx, db, pairs, offer)
			seq.measureFromNow(ctx)
			b.ResetTimer()
			begin := time.Now()
			for c := range clients {
				wg.Go(func() {
					for i := c; i < n; i += clients {
						due := begin.Add(time.Duration(i) * every)
						time.Sleep(time.Until(due))
						db.AcceptOffer(ctx, picks[i][1], offer[picks[i]])
						lat[i] = time.Since(due)
					}
				})
			}
			wg.Wait()
			elapsed := time.Since(begin)
			b.StopTimer()
			seq.stop()
			slices.Sort(lat)
			b.ReportMetric(float64(n)/elapsed.Seconds(), "accepts/s")
			b.ReportMetric(float64(lat[n/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[n*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}

// sequencing runs the outbox's sequencer beside the accepts, as every instance does: it moves
// what the accepts queue (their events, the match board's notes) into the outbox. It runs
// through the warm-up too, as an instance's sequencer is running before the load comes: started
// with the measured run, its first pass met the warm-up's thousand events and the first
// half-second's accepts queued behind it (most of a run's slow accepts at 500/s).
func sequencing(b *testing.B, db *postgres.DB) *sequencer {
	ctx, cancel := context.WithCancel(context.Background())
	s := &sequencer{b: b, cancel: cancel, done: make(chan error, 1), begin: time.Now()}
	db.SequencerRan = func() { s.runs.Add(1) }
	s.db = db
	go func() { s.done <- db.RunSequencer(ctx, time.Second) }()
	return s
}

// sequencer is a sequencer running for a benchmark.
type sequencer struct {
	b      *testing.B
	db     *postgres.DB
	cancel context.CancelFunc
	done   chan error
	runs   atomic.Int64
	begin  time.Time
	once   sync.Once
}

// measureFromNow waits until what was queued so far is sequenced, then counts passes from now.
func (s *sequencer) measureFromNow(ctx context.Context) {
	for {
		n, err := s.db.SequenceNotifications(ctx)
		if err != nil {
			s.b.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	s.runs.Store(0)
	s.begin = time.Now()
}

// stop reports the passes a second and stops the sequencer (once).
func (s *sequencer) stop() {
	s.once.Do(func() {
		s.b.ReportMetric(float64(s.runs.Load())/time.Since(s.begin).Seconds(), "sequencings/s")
		s.cancel()
		if err := <-s.done; err != nil {
			s.b.Errorf("sequencer: %v", err)
		}
	})
}

// warmBackends runs accepts on every pool connection before the measured run: a backend's
// first accept compiles the PL/pgSQL and plans each statement, about 20–30 ms of CPU, and 50
// of them at once stalled the first second of a run (BENCHMARKS.md). A running instance pays
// that once per connection; the figures are for an instance past it.
func warmBackends(ctx context.Context, db *postgres.DB, pairs [][2]int64, offer map[[2]int64]int64) {
	r := rand.New(rand.NewPCG(9, 9))
	var wg sync.WaitGroup
	for range 50 {
		p := make([][2]int64, 4)
		for i := range p {
			p[i] = pairs[r.IntN(len(pairs))]
		}
		wg.Go(func() {
			for _, pair := range p {
				db.AcceptOffer(ctx, pair[1], offer[pair])
			}
		})
	}
	wg.Wait()
}

// acceptFixture: 1,000 workers, 400 jobs of 5 places at times that do not overlap, each offered
// to 50 random workers; caps high enough that places, not hours, run out. It returns the
// (job, worker) pairs offered and their offers.
func acceptFixture(b *testing.B) (*postgres.DB, [][2]int64, map[[2]int64]int64) {
	db, sq := newDB(b)
	ctx := context.Background()
	if err := db.Seed(ctx, demo.Data()); err != nil {
		b.Fatal(err)
	}
	sq.MustExec(`UPDATE organisations SET month_hour_cap = 744, year_hour_cap = 8784`)
	// 960 more workers, so that 200 clients are mostly different people, as in real life.
	sq.MustExec(`INSERT INTO users (role, organisation_id, first_name, phone, activated_at)
		SELECT 'worker', (SELECT min(id) FROM organisations), 'Bench', '+32460' || lpad(g::text, 6, '0'), now()
		FROM generate_series(1, 960) g`)
	sq.MustExec(`INSERT INTO worker_profiles (user_id, postcode, municipality, travel_mode, max_travel_minutes)
		SELECT id, '3600', 'Genk', 'bike', 30 FROM users WHERE first_name = 'Bench'`)
	sq.MustExec(`INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, state, unit, unit_price_cents)
		SELECT a.poster_id, a.id, (SELECT min(id) FROM categories),
		       tstzrange(date_trunc('hour', now()) + interval '7 days' + g * interval '4 hours',
		                 date_trunc('hour', now()) + interval '7 days 3 hours' + g * interval '4 hours'), 5, 'offering', 'hour', 2500
		FROM generate_series(0, 399) g, LATERAL (SELECT id, poster_id FROM poster_addresses ORDER BY id LIMIT 1) a`)
	sq.MustExec(`INSERT INTO offers (job_id, worker_id, wave, score, breakdown, travel_minutes, expires_at)
		SELECT j.id, w.user_id, 1, 1, '{}', 10, now() + interval '2 hours'
		FROM jobs j CROSS JOIN LATERAL (SELECT user_id FROM worker_profiles WHERE j.id > 0 ORDER BY random() LIMIT 50) w`)
	offer := offerIDs(b, sq)
	pairs := make([][2]int64, 0, len(offer))
	for p := range offer {
		pairs = append(pairs, p)
	}
	slices.SortFunc(pairs, func(x, y [2]int64) int { return int(x[0]-y[0])*1_000_000 + int(x[1]-y[1]) })
	// The bulk load above settled as a running database's would be: statistics for the
	// planner (autovacuum would otherwise analyse the fresh tables in the middle of the run,
	// and the plans before it are guesses) and its dirty pages written (a checkpoint would
	// otherwise fall inside the run).
	sq.MustExec(`VACUUM ANALYZE`)
	sq.MustExec(`CHECKPOINT`)
	// The accepts run on a pool opened as an instance opens its own: it runs the sequencer
	// (sequencing), which its commits wake without a NOTIFY. KLUSBUDDY_BENCH_NOTIFY=1 makes
	// them notify instead, as before (BENCHMARKS.md compares the two).
	//
	// Its size is the usual rule for a database's pool, twice its cores plus one (the
	// database has this machine's): the accepts beyond it wait in the pool, not as more
	// backends taking turns on the cores. At 500/s on two cores, 5 connections gave p99
	// 10–14 ms, 20 gave 46–100 ms and 50 gave 440–620 ms (BENCHMARKS.md).
	// KLUSBUDDY_BENCH_CONNS sets another size.
	conns := 2*runtime.NumCPU() + 1
	if v, err := strconv.Atoi(os.Getenv("KLUSBUDDY_BENCH_CONNS")); err == nil && v > 0 {
		conns = v
	}
	inst, err := postgres.Open(ctx, db.URL(), postgres.OpenOptions{MaxConns: conns, WakesItsSequencer: os.Getenv("KLUSBUDDY_BENCH_NOTIFY") == ""})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { inst.Close() })
	// Measured warm, as a running instance is: opening 50 backends at once took over a second
	// on this machine (the server forks them one at a time), which the first accepts would wait for.
	if err := inst.Warm(ctx, conns); err != nil {
		b.Fatal(err)
	}
	return inst, pairs, offer
}
