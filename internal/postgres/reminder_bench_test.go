package postgres_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// BenchmarkReminderSweep measures the reminders' sweep with 100,000 booked jobs in the window:
// jobs of two hours starting every 1.7 s over the next 48 hours, each with its worker (5,000
// workers, none booked twice at once) and one of the demo posters. Each iteration moves the
// clock 30 s (the sweep's interval) and sends what came due, of every kind; it reports the p50
// and p99 of one sweep, against a round trip (SELECT 1) in the same run. Then 18:00 comes, when
// the evening reminders of a whole day fall due at once: it reports the p99 of one batch
// (200 jobs, one statement) and how long the whole burst takes.
//
//	go test -run '^$' -bench BenchmarkReminderSweep -benchtime 400x ./internal/postgres
func BenchmarkReminderSweep(b *testing.B) {
	ctx := context.Background()
	db, sq := newDB(b)
	if err := db.Seed(ctx, demo.Data()); err != nil {
		b.Fatal(err)
	}
	brussels, _ := time.LoadLocation("Europe/Brussels")
	t0 := time.Date(2027, 5, 4, 9, 0, 0, 0, brussels)
	now := t0
	db.Now = func() time.Time { return now }
	sq.MustExec(`INSERT INTO users (role, organisation_id, first_name, phone, activated_at)
		SELECT 'worker', (SELECT min(id) FROM organisations), 'Bench', '+32461' || lpad(g::text, 6, '0'), now()
		FROM generate_series(1, 5000) g`)
	sq.MustExec(`INSERT INTO worker_profiles (user_id, postcode, municipality, travel_mode, max_travel_minutes)
		SELECT id, '3600', 'Genk', 'bike', 30 FROM users WHERE first_name = 'Bench'`)
	sq.MustExec(`INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, state, unit, unit_price_cents)
		SELECT a.poster_id, a.id, (SELECT min(id) FROM categories),
		       tstzrange($1::timestamptz + g * interval '1728 milliseconds', $1::timestamptz + g * interval '1728 milliseconds' + interval '2 hours'),
		       1, 'filled', 'hour', 2500
		FROM generate_series(1, 100000) g
		JOIN LATERAL (SELECT id, poster_id FROM poster_addresses ORDER BY id OFFSET g % 8 LIMIT 1) a ON true`, t0.Add(time.Minute))
	sq.MustExec(`INSERT INTO assignments (job_id, workers_needed, place, worker_id, during)
		SELECT j.id, 1, 1, w.id, j.during
		FROM (SELECT id, during, row_number() OVER (ORDER BY lower(during)) AS n FROM jobs) j
		JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM users WHERE first_name = 'Bench') w ON w.k = j.n % 5000`)
	sq.MustExec(`ANALYZE`)
	s := klusbuddy.DefaultReminders
	sweep := func() (batches []time.Duration) {
		for {
			start := time.Now()
			more, err := db.SendReminders(ctx, s.Due(now, brussels), 200)
			if err != nil {
				b.Fatal(err)
			}
			batches = append(batches, time.Since(start))
			if !more {
				return batches
			}
		}
	}
	sweep() // starts the cursors
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
	b.ResetTimer()
	for b.Loop() {
		now = now.Add(30 * time.Second)
		start := time.Now()
		sweep()
		sweeps = append(sweeps, time.Since(start))
	}
	b.StopTimer()
	b.ReportMetric(ms(pct(sweeps, 50)), "sweep-p50-ms")
	b.ReportMetric(ms(pct(sweeps, 99)), "sweep-p99-ms")
	b.ReportMetric(ms(pct(trips, 99)), "roundtrip-p99-ms")
	b.ReportMetric(pct(sweeps, 99).Seconds()/pct(trips, 99).Seconds(), "sweep/roundtrip-p99")

	// 18:00: tomorrow's evening reminders, about 50,000 jobs at once, in batches of 200.
	now = time.Date(2027, 5, 4, 18, 0, 0, 0, brussels)
	start := time.Now()
	batches := sweep()
	burst := time.Since(start)
	b.ReportMetric(ms(pct(batches, 99)), "burst-batch-p99-ms")
	b.ReportMetric(burst.Seconds(), "burst-s")
	var sent int
	sq.Get(&sent, `SELECT count(*) FROM notification_queue WHERE kind = 'reminder' AND data->>'reminder' = 'evening'`)
	b.ReportMetric(float64(sent), "evening-reminders")
}

func pct(d []time.Duration, p int) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
