package postgres_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// BenchmarkNearestSQL is the baseline for internal/match's BenchmarkRank: the plain SQL ways to
// find the ten nearest workers with a skill, over the same spread of workers over Limburg.
// Both are prepared statements. They check far less than Rank (no availability, bookings, caps or buddies, no score), so
// they bound what a database round trip costs.
//
//   - box: a bounding box on a GiST index (earthdistance), then sorted by distance;
//
//   - knn: PostgreSQL's nearest-neighbour search, `ORDER BY location <-> point LIMIT k` walking
//     a GiST index on (skill, location) (btree_gist), the skill filter inside the index and
//     each worker's own reach checked on the way; the fairest SQL rival to Rank.
//
//     go test -run '^$' -bench 'BenchmarkRank|BenchmarkNearestSQL' -benchtime 500x ./internal/match ./internal/postgres
func BenchmarkNearestSQL(b *testing.B) {
	const box = `
SELECT id FROM bench_workers
WHERE category = $1 AND level >= $2
  AND earth_box(ll_to_earth($3, $4), 25000) @> ll_to_earth(lat, lon)
  AND earth_distance(ll_to_earth($3, $4), ll_to_earth(lat, lon)) < max_km * 1000
ORDER BY earth_distance(ll_to_earth($3, $4), ll_to_earth(lat, lon)) LIMIT 10`
	// cube's <-> is the straight-line distance through the earth, which orders points as the
	// great-circle distance does; the GiST index answers it nearest first.
	const knn = `
SELECT id FROM bench_workers
WHERE category = $1 AND level >= $2
  AND earth_distance(ll_to_earth($3, $4), ll_to_earth(lat, lon)) < max_km * 1000
ORDER BY ll_to_earth(lat, lon) <-> ll_to_earth($3, $4) LIMIT 10`
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) {
			_, sq := newDB(b)
			ctx := context.Background()
			sq.MustExec(`CREATE EXTENSION IF NOT EXISTS cube; CREATE EXTENSION IF NOT EXISTS earthdistance; CREATE EXTENSION IF NOT EXISTS btree_gist`)
			sq.MustExec(`CREATE TABLE bench_workers (id bigint PRIMARY KEY, lat float8, lon float8, category text, level int, max_km float8)`)
			sq.MustExec(`INSERT INTO bench_workers
				SELECT g, 50.70 + random() * 0.6, 4.95 + random() * 0.9,
				       (ARRAY['cleaning','garden','flatpack','moving','ironing','painting','windows','errands'])[1 + floor(random() * 8)::int],
				       1 + floor(random() * 3)::int, 3 + random() * 20
				FROM generate_series(1, $1) g`, n)
			sq.MustExec(`CREATE INDEX ON bench_workers USING gist (ll_to_earth(lat, lon))`)
			sq.MustExec(`CREATE INDEX ON bench_workers USING gist (category, ll_to_earth(lat, lon))`)
			sq.MustExec(`ANALYZE bench_workers`)
			for _, q := range []struct{ name, sql string }{{"box", box}, {"knn", knn}} {
				b.Run("query="+q.name, func(b *testing.B) {
					// Prepared, as an application would: each call plans nothing.
					stmt, err := sq.PrepareContext(ctx, q.sql)
					if err != nil {
						b.Fatal(err)
					}
					defer stmt.Close()
					r := rand.New(rand.NewPCG(uint64(n), 1))
					cats := []string{"cleaning", "garden", "flatpack", "moving", "ironing", "painting", "windows", "errands"}
					durations := make([]time.Duration, 0, b.N)
					found := 0
					b.ResetTimer()
					for b.Loop() {
						start := time.Now()
						rows, err := stmt.QueryContext(ctx, cats[r.IntN(len(cats))], 1+r.IntN(2), 50.75+r.Float64()*0.5, 5.05+r.Float64()*0.75)
						if err != nil {
							b.Fatal(err)
						}
						for rows.Next() {
							found++
						}
						if err := rows.Close(); err != nil {
							b.Fatal(err)
						}
						durations = append(durations, time.Since(start))
					}
					b.StopTimer()
					slices.Sort(durations)
					b.ReportMetric(float64(durations[len(durations)/2].Microseconds()), "p50-µs/job")
					b.ReportMetric(float64(durations[len(durations)*99/100].Microseconds()), "p99-µs/job")
					b.ReportMetric(float64(found)/float64(len(durations)), "candidates/job")
				})
			}
		})
	}
}
