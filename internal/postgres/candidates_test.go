package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/password"
)

// What matching learns of a worker's history: recent worked hours for fairness (approved
// where final), worked hours in the job's month and year for the caps, jobs done (all, per category, for this poster) and bookings
// near the job.
func TestWorkersForMatchingHistory(t *testing.T) {
	db, sq := newDB(t)
	ctx := context.Background()
	data := demo.Data()
	data.PINHash, _ = password.Hash(demo.PIN, password.Params{Memory: 1024, Time: 1, Threads: 1})
	data.PasswordHash = data.PINHash
	if err := db.Seed(ctx, data); err != nil {
		t.Fatal(err)
	}
	var poster, address, w int64
	sq.QueryRow(`SELECT poster_id, id FROM poster_addresses ORDER BY id LIMIT 1`).Scan(&poster, &address)
	sq.Get(&w, `SELECT s.worker_id FROM worker_skills s JOIN categories c ON c.id = s.category_id WHERE c.slug = 'cleaning' AND s.level >= 1 ORDER BY s.worker_id LIMIT 1`)
	brussels, _ := time.LoadLocation("Europe/Brussels")
	now := time.Now()
	// Three past jobs of 2 hours in the last 30 days for this poster, one 4 weeks ahead.
	future := time.Date(now.Year(), now.Month(), now.Day(), 10, 0, 0, 0, brussels).AddDate(0, 0, 28)
	starts := []time.Time{now.AddDate(0, 0, -3), now.AddDate(0, 0, -10), now.AddDate(0, 0, -20), future}
	var jobs []int64
	for _, s := range starts {
		var job int64
		if err := sq.QueryRow(`INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, state, unit, unit_price_cents)
			VALUES ($1, $2, (SELECT id FROM categories WHERE slug = 'cleaning'), tstzrange($3, $4), 1, 'filled', 'hour', 2500) RETURNING id`,
			poster, address, s, s.Add(2*time.Hour)).Scan(&job); err != nil {
			t.Fatal(err)
		}
		sq.MustExec(`INSERT INTO assignments (job_id, workers_needed, place, worker_id, during) SELECT id, 1, 1, $2, during FROM jobs WHERE id = $1`, job, w)
		jobs = append(jobs, job)
	}
	// Worked hours, not booked ones: the first job's sheet was approved at 1 hour, the second's
	// waits for the poster at 3 hours (the booked 2 count until then).
	sq.MustExec(`INSERT INTO timesheets (job_id, person_id, role, place, unit, proposed, state, confirmed, approved)
		VALUES ($1, $2, 'worker', 1, 'minutes', 120, 'approved', 60, 60)`, jobs[0], w)
	sq.MustExec(`INSERT INTO timesheets (job_id, person_id, role, place, unit, proposed, state, confirmed, waiting_since)
		VALUES ($1, $2, 'worker', 1, 'minutes', 180, 'confirmed', 180, now())`, jobs[1], w)
	target := future.Add(3 * time.Hour) // the job being matched: the same day as the future booking
	facts, err := db.WorkersForMatching(ctx, postgresJob(poster, target))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range facts {
		if f.ID != w {
			continue
		}
		if f.HoursLast30Days != 5 || f.JobsDone != 3 || f.CategoryDone["cleaning"] != 3 || f.PosterJobs != 3 {
			t.Fatalf("history %+v", f)
		}
		if len(f.Busy) == 0 {
			t.Fatal("the booking on the job's day is missing")
		}
		monthHours := 2.0 // the future booking, in the job's month
		for i, s := range starts[:3] {
			if s.In(brussels).Month() == target.In(brussels).Month() && s.In(brussels).Year() == target.In(brussels).Year() {
				monthHours += map[bool]float64{true: 1, false: 2}[i == 0]
			}
		}
		if f.HoursThisMonth != monthHours {
			t.Fatalf("hours this month %v, want %v", f.HoursThisMonth, monthHours)
		}
		return
	}
	t.Fatal("the worker is not a candidate")
}

func postgresJob(poster int64, start time.Time) klusbuddy.JobFacts {
	return klusbuddy.JobFacts{PosterID: poster, Category: "cleaning", Level: 1, Start: start, End: start.Add(2 * time.Hour), Buddy: klusbuddy.BuddyAllowed}
}

// Reliability's counts for workers and buddies: places done (checked out, an outcome done, or a
// job done without one), no-shows by the place's newest outcome, late drop-outs only.
func TestReliabilityRecords(t *testing.T) {
	db, sq := newDB(t)
	ctx := context.Background()
	data := demo.Data()
	data.PINHash, _ = password.Hash(demo.PIN, password.Params{Memory: 1024, Time: 1, Threads: 1})
	data.PasswordHash = data.PINHash
	if err := db.Seed(ctx, data); err != nil {
		t.Fatal(err)
	}
	sq.MustExec(`INSERT INTO buddy_categories (buddy_id, category_id) SELECT user_id, (SELECT id FROM categories WHERE slug = 'cleaning')
FROM buddy_profiles ON CONFLICT DO NOTHING`)
	var poster, address, w, b int64
	sq.QueryRow(`SELECT poster_id, id FROM poster_addresses ORDER BY id LIMIT 1`).Scan(&poster, &address)
	sq.Get(&w, `SELECT s.worker_id FROM worker_skills s JOIN categories c ON c.id = s.category_id WHERE c.slug = 'cleaning' AND s.level >= 1 ORDER BY s.worker_id LIMIT 1`)
	sq.Get(&b, `SELECT user_id FROM buddy_profiles ORDER BY user_id LIMIT 1`)
	n := 0
	past := func(state, outcome string, withBuddy bool) int64 {
		t.Helper()
		n++
		start := time.Now().AddDate(0, 0, -40-n)
		var job int64
		if err := sq.QueryRow(`INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, state, unit, unit_price_cents)
			VALUES ($1, $2, (SELECT id FROM categories WHERE slug = 'cleaning'), tstzrange($3, $4), 1, $5, 'hour', 2500) RETURNING id`,
			poster, address, start, start.Add(2*time.Hour), state).Scan(&job); err != nil {
			t.Fatal(err)
		}
		var buddy *int64
		if withBuddy {
			buddy = &b
		}
		sq.MustExec(`INSERT INTO assignments (job_id, workers_needed, place, worker_id, buddy_id, buddy_state, during)
			SELECT id, 1, 1, $2, $3, CASE WHEN $3::bigint IS NULL THEN 'none' ELSE 'confirmed' END, during FROM jobs WHERE id = $1`, job, w, buddy)
		if outcome != "" {
			sq.MustExec(`INSERT INTO outcomes (job_id, place, outcome, by_role, at) VALUES ($1, 1, $2, 'system', $3)`, job, outcome, start)
		}
		return job
	}
	past("done", "done", true)
	past("hours_confirmed", "", false)
	past("done", "worker_no_show", true)
	j := past("done", "buddy_no_show", true)
	past("filled", "", false) // not ended: counts neither way
	sq.MustExec(`INSERT INTO dropouts (job_id, worker_id, late, at) VALUES ($1, $2, true, now()), ($1, $2, false, now())`, j, w)
	sq.MustExec(`INSERT INTO dropouts (job_id, worker_id, late, role, at) VALUES ($1, $2, true, 'buddy', now())`, j, b)

	job := postgresJob(poster, time.Now().AddDate(0, 0, 10))
	workers, err := db.WorkersForMatching(ctx, job)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range workers {
		if f.ID == w {
			found = true
			// done, hours confirmed without an outcome: 2 done; 1 no-show; 1 late. A place that ended
			// otherwise (the buddy did not come) counts neither way unless they checked out.
			if want := (klusbuddy.ReliabilityRecord{Done: 2, NoShows: 1, LateDropouts: 1}); f.Record != want {
				t.Fatalf("worker record %+v, want %+v", f.Record, want)
			}
		}
	}
	buddies, err := db.BuddiesForMatching(ctx, job)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range buddies {
		if f.ID == b {
			// done, worker no-show (the buddy came): 2 done; 1 no-show; 1 late.
			if want := (klusbuddy.ReliabilityRecord{Done: 2, NoShows: 1, LateDropouts: 1}); f.Record != want {
				t.Fatalf("buddy record %+v, want %+v", f.Record, want)
			}
			if !found {
				t.Fatal("the worker is not a candidate")
			}
			return
		}
	}
	t.Fatal("the buddy is not a candidate")
}
