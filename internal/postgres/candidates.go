package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/lib/pq"
	"golang.org/x/sync/errgroup"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// JobForMatching loads a job's facts.
func (db *DB) JobForMatching(ctx context.Context, jobID int64) (klusbuddy.JobFacts, error) {
	const q = `
SELECT j.id, j.poster_id, c.slug, j.level, a.lat, a.lon, lower(j.during), upper(j.during), j.buddy, j.workers_needed,
       (SELECT count(*) FROM assignments s WHERE s.job_id = j.id), j.state, j.round, j.window_days,
       coalesce(j.organisation_id, 0), coalesce(o.shared_pool, true), j.offer_from, coalesce(j.series_id, 0)
FROM jobs j JOIN categories c ON c.id = j.category_id JOIN poster_addresses a ON a.id = j.address_id
LEFT JOIN organisations o ON o.id = j.organisation_id WHERE j.id = $1`
	var f klusbuddy.JobFacts
	var from sql.NullTime
	err := db.x.QueryRowContext(ctx, q, jobID).Scan(&f.ID, &f.PosterID, &f.Category, &f.Level, &f.Where.Lat, &f.Where.Lon,
		&f.Start, &f.End, &f.Buddy, &f.Needed, &f.Taken, &f.State, &f.Round, &f.WindowDays, &f.OrganisationID, &f.SharedPool, &from, &f.SeriesID)
	f.OfferFrom = from.Time
	return f, mapError(err)
}

// WorkersForMatching loads every active worker with a skill in the job's category at the
// level it needs, with what the rules and the score look at. Hours are worked hours (the
// stored function worked_hours, which accept_offer uses too), by the job's month and year in
// Belgium.
func (db *DB) WorkersForMatching(ctx context.Context, job klusbuddy.JobFacts) ([]klusbuddy.WorkerFacts, error) {
	const q = `
SELECT u.id, u.organisation_id, coalesce(w.home_lat, p.lat) AS lat, coalesce(w.home_lon, p.lon) AS lon, w.travel_mode,
       w.max_travel_minutes, w.buddy_need, w.buddy_first_jobs,
       coalesce(w.month_hour_cap, o.month_hour_cap) AS month_cap, coalesce(w.year_hour_cap, o.year_hour_cap) AS year_cap, false
FROM worker_profiles w
JOIN users u ON u.id = w.user_id AND u.deleted_at IS NULL AND u.activated_at IS NOT NULL
JOIN organisations o ON o.id = u.organisation_id
JOIN postcodes p ON p.postcode = w.postcode AND p.municipality = w.municipality
WHERE EXISTS (SELECT 1 FROM worker_skills s JOIN categories c ON c.id = s.category_id
              WHERE s.worker_id = w.user_id AND c.slug = $1 AND s.level >= $2 AND ($2 < 2 OR s.verified_at IS NOT NULL))
  AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.poster_id = $3 AND b.person_id = w.user_id) -- never again, either way`
	return db.workersForMatching(ctx, job, q, job.Category, job.Level, job.PosterID)
}

// OrgWorkersForMatching loads every active worker of an organisation, whatever their skills and
// blocks (Blocked says whether the job's poster and they do not work together again), for a
// coordinator choosing one by hand: matching's rules then say who may take the job.
func (db *DB) OrgWorkersForMatching(ctx context.Context, job klusbuddy.JobFacts, org int64) ([]klusbuddy.WorkerFacts, error) {
	const q = `
SELECT u.id, u.organisation_id, coalesce(w.home_lat, p.lat) AS lat, coalesce(w.home_lon, p.lon) AS lon, w.travel_mode,
       w.max_travel_minutes, w.buddy_need, w.buddy_first_jobs,
       coalesce(w.month_hour_cap, o.month_hour_cap) AS month_cap, coalesce(w.year_hour_cap, o.year_hour_cap) AS year_cap,
       EXISTS (SELECT 1 FROM blocks b WHERE b.poster_id = $2 AND b.person_id = w.user_id)
FROM worker_profiles w
JOIN users u ON u.id = w.user_id AND u.deleted_at IS NULL AND u.activated_at IS NOT NULL
JOIN organisations o ON o.id = u.organisation_id
JOIN postcodes p ON p.postcode = w.postcode AND p.municipality = w.municipality
WHERE u.organisation_id = $1`
	return db.workersForMatching(ctx, job, q, org, job.PosterID)
}

// workersForMatching runs q (the workers' rows) and loads the rest of their facts.
func (db *DB) workersForMatching(ctx context.Context, job klusbuddy.JobFacts, q string, args ...any) ([]klusbuddy.WorkerFacts, error) {
	rows, err := db.x.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapError(err)
	}
	byID := map[int64]*klusbuddy.WorkerFacts{}
	var out []*klusbuddy.WorkerFacts
	for rows.Next() {
		f := &klusbuddy.WorkerFacts{Skills: map[string]klusbuddy.Skill{}, CategoryDone: map[string]int{}}
		var minutes int
		if err := rows.Scan(&f.ID, &f.OrganisationID, &f.Home.Lat, &f.Home.Lon, &f.Mode, &minutes, &f.BuddyNeed, &f.BuddyFirst, &f.MonthCap, &f.YearCap, &f.Blocked); err != nil {
			rows.Close()
			return nil, err
		}
		f.MaxMinutes = float64(minutes)
		byID[f.ID] = f
		out = append(out, f)
	}
	rows.Close()
	if len(out) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(out))
	for i, f := range out {
		ids[i] = f.ID
	}
	each := func(q string, args []any, scan func(r interface{ Scan(...any) error }) error) error {
		rows, err := db.x.QueryContext(ctx, q, args...)
		if err != nil {
			return mapError(err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	// The rest of their facts: independent queries, each filling its own fields, run side
	// by side on a few connections (a post waits for the slowest, not for the sum).
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(4)
	g.Go(func() error {
		var id int64
		return each(`SELECT s.worker_id, c.slug, s.level, s.verified_at IS NOT NULL FROM worker_skills s JOIN categories c ON c.id = s.category_id
WHERE s.worker_id = ANY($1)`, []any{pq.Array(ids)}, func(r interface{ Scan(...any) error }) error {
			var cat string
			var sk klusbuddy.Skill
			if err := r.Scan(&id, &cat, &sk.Level, &sk.Verified); err != nil {
				return err
			}
			sk.Category = cat
			byID[id].Skills[cat] = sk
			return nil
		})
	})
	g.Go(func() error {
		var id int64
		return each(`SELECT user_id, weekday, to_char(starts, 'HH24:MI'), to_char(ends, 'HH24:MI') FROM availability WHERE user_id = ANY($1)`,
			[]any{pq.Array(ids)}, func(r interface{ Scan(...any) error }) error {
				var s klusbuddy.WeeklySlot
				if err := r.Scan(&id, &s.Weekday, &s.Start, &s.End); err != nil {
					return err
				}
				byID[id].Availability = append(byID[id].Availability, s)
				return nil
			})
	})
	g.Go(func() error {
		var id int64
		return each(`SELECT user_id, to_char(on_date, 'YYYY-MM-DD'), available, coalesce(to_char(starts, 'HH24:MI'), ''), coalesce(to_char(ends, 'HH24:MI'), '')
FROM availability_exceptions WHERE user_id = ANY($1)`, []any{pq.Array(ids)}, func(r interface{ Scan(...any) error }) error {
			var e klusbuddy.AvailabilityException
			if err := r.Scan(&id, &e.Date, &e.Available, &e.Start, &e.End); err != nil {
				return err
			}
			byID[id].Exceptions = append(byID[id].Exceptions, e)
			return nil
		})
	})
	g.Go(func() error {
		// Bookings that may clash: those within a day of the job.
		var id int64
		return each(`
SELECT s.worker_id, lower(s.during), upper(s.during)
FROM assignments s JOIN jobs j ON j.id = s.job_id
WHERE s.worker_id = ANY($1) AND j.state <> 'cancelled'
  AND s.during && tstzrange($2::timestamptz - interval '1 day', $3::timestamptz + interval '1 day')`,
			[]any{pq.Array(ids), job.Start, job.LastEnd()}, func(r interface{ Scan(...any) error }) error {
				var start, end time.Time
				if err := r.Scan(&id, &start, &end); err != nil {
					return err
				}
				byID[id].Busy = append(byID[id].Busy, [2]time.Time{start, end})
				return nil
			})
	})
	g.Go(func() error {
		// The history, added up in the database rather than sent over row by row: hours in the
		// last 30 days (fairness), in the job's month and year in Belgium (caps), jobs done.
		var id int64
		return each(`
WITH b AS (
    SELECT w.worker_id, w.poster_id, w.hours, w.starts, w.ends < $4 AS done, w.starts AT TIME ZONE 'Europe/Brussels' AS local_start
    FROM worked_hours($1) w) -- the one rule: approved hours where final, booked hours otherwise
SELECT worker_id,
       coalesce(sum(hours) FILTER (WHERE done AND starts > $4::timestamptz - interval '30 days'), 0),
       coalesce(sum(hours) FILTER (WHERE date_trunc('month', local_start) = date_trunc('month', $2::timestamptz AT TIME ZONE 'Europe/Brussels')), 0),
       coalesce(sum(hours) FILTER (WHERE date_trunc('year', local_start) = date_trunc('year', $2::timestamptz AT TIME ZONE 'Europe/Brussels')), 0),
       count(*) FILTER (WHERE done),
       count(*) FILTER (WHERE done AND poster_id = $3)
FROM b GROUP BY worker_id`, []any{pq.Array(ids), job.Start, job.PosterID, db.now()}, func(r interface{ Scan(...any) error }) error {
			var last30, month, year float64
			var done, poster int
			if err := r.Scan(&id, &last30, &month, &year, &done, &poster); err != nil {
				return err
			}
			f := byID[id]
			f.HoursLast30Days, f.HoursThisMonth, f.HoursThisYear, f.JobsDone, f.PosterJobs = last30, month, year, done, poster
			return nil
		})
	})
	g.Go(func() error {
		var id int64
		return each(`
SELECT s.worker_id, c.slug, count(*)
FROM assignments s JOIN jobs j ON j.id = s.job_id JOIN categories c ON c.id = j.category_id
WHERE s.worker_id = ANY($1) AND j.state <> 'cancelled' AND upper(s.during) < $2
GROUP BY s.worker_id, c.slug`, []any{pq.Array(ids), db.now()}, func(r interface{ Scan(...any) error }) error {
			var cat string
			var n int
			if err := r.Scan(&id, &cat, &n); err != nil {
				return err
			}
			byID[id].CategoryDone[cat] = n
			return nil
		})
	})
	g.Go(func() error {
		// Reliability: the places they did (checked out of, or ended done), did not come to
		// (the place's newest outcome), and their late drop-outs; one query for everyone.
		var id int64
		return each(`
WITH p AS (
    SELECT s.worker_id AS id, j.state,
           (SELECT o.outcome FROM outcomes o WHERE o.job_id = s.job_id AND o.place = s.place ORDER BY o.id DESC LIMIT 1) AS outcome,
           EXISTS (SELECT 1 FROM attendance t WHERE t.job_id = s.job_id AND t.person_id = s.worker_id AND t.out_at IS NOT NULL) AS left_done
    FROM assignments s JOIN jobs j ON j.id = s.job_id
    WHERE s.worker_id = ANY($1)),
r AS (
    SELECT id,
           (outcome IS DISTINCT FROM 'worker_no_show' AND (left_done OR outcome IS NOT DISTINCT FROM 'done' OR (outcome IS NULL AND state IN ('done', 'hours_confirmed'))))::int AS done,
           (outcome IS NOT DISTINCT FROM 'worker_no_show')::int AS no_show, 0 AS late
    FROM p
    UNION ALL
    SELECT worker_id, 0, 0, 1 FROM dropouts WHERE worker_id = ANY($1) AND role = 'worker' AND late)
SELECT id, sum(done), sum(no_show), sum(late) FROM r GROUP BY id`, []any{pq.Array(ids)}, func(r interface{ Scan(...any) error }) error {
			var rec klusbuddy.ReliabilityRecord
			if err := r.Scan(&id, &rec.Done, &rec.NoShows, &rec.LateDropouts); err != nil {
				return err
			}
			byID[id].Record = rec
			return nil
		})
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	res := make([]klusbuddy.WorkerFacts, len(out))
	for i, f := range out {
		res[i] = *f
	}
	return res, nil
}

// unmarshalFact decodes a JSON column into dst; NULL (nothing to aggregate) leaves it as it is.
func unmarshalFact(raw []byte, dst any) error {
	if raw == nil {
		return nil
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return fmt.Errorf("matching facts: %w", err)
	}
	return nil
}

// BuddiesForMatching loads the active buddies who can accompany the job's category, with
// their facts, in one statement (five queries in a row were most of a wave's reads). The
// workers' facts stay separate queries side by side: at scale they use both cores
// (BenchmarkWorkersForMatching).
func (db *DB) BuddiesForMatching(ctx context.Context, job klusbuddy.JobFacts) ([]klusbuddy.BuddyFacts, error) {
	const q = `
WITH b AS MATERIALIZED (
    SELECT u.id, u.organisation_id, p.lat, p.lon, b.travel_mode, b.max_travel_minutes
    FROM buddy_profiles b
    JOIN users u ON u.id = b.user_id AND u.deleted_at IS NULL AND u.activated_at IS NOT NULL
    JOIN postcodes p ON p.postcode = b.postcode AND p.municipality = b.municipality
    WHERE EXISTS (SELECT 1 FROM buddy_categories bc JOIN categories c ON c.id = bc.category_id WHERE bc.buddy_id = b.user_id AND c.slug = $1)
      AND NOT EXISTS (SELECT 1 FROM blocks x WHERE x.poster_id = $2 AND x.person_id = b.user_id)),
ids AS (SELECT array_agg(id) AS a FROM b),
slots AS (
    SELECT user_id AS id, json_agg(json_build_object('weekday', weekday, 'start', to_char(starts, 'HH24:MI'), 'end', to_char(ends, 'HH24:MI'))) AS j
    FROM availability WHERE user_id = ANY ((SELECT a FROM ids)::bigint[]) GROUP BY user_id),
exceptions AS (
    SELECT user_id AS id, json_agg(json_build_object('date', to_char(on_date, 'YYYY-MM-DD'), 'available', available,
           'start', coalesce(to_char(starts, 'HH24:MI'), ''), 'end', coalesce(to_char(ends, 'HH24:MI'), ''))) AS j
    FROM availability_exceptions WHERE user_id = ANY ((SELECT a FROM ids)::bigint[]) GROUP BY user_id),
places AS ( -- reliability: the jobs they went along on that ended (checked out, or the job done without a buddy no-show)
    SELECT s.buddy_id AS id, j.state,
           (SELECT o.outcome FROM outcomes o WHERE o.job_id = s.job_id AND o.place = s.place ORDER BY o.id DESC LIMIT 1) AS outcome,
           EXISTS (SELECT 1 FROM attendance t WHERE t.job_id = s.job_id AND t.person_id = s.buddy_id AND t.out_at IS NOT NULL) AS left_done
    FROM assignments s JOIN jobs j ON j.id = s.job_id
    WHERE s.buddy_id = ANY ((SELECT a FROM ids)::bigint[])),
record AS ( -- their no-shows, their late drop-outs
    SELECT id, sum(done) AS done, sum(no_show) AS no_show, sum(late) AS late
    FROM (SELECT id,
                 (outcome IS DISTINCT FROM 'buddy_no_show' AND (left_done OR state IN ('done', 'hours_confirmed')))::int AS done,
                 (outcome IS NOT DISTINCT FROM 'buddy_no_show')::int AS no_show, 0 AS late
          FROM places
          UNION ALL
          SELECT worker_id, 0, 0, 1 FROM dropouts WHERE worker_id = ANY ((SELECT a FROM ids)::bigint[]) AND role = 'buddy' AND late) r
    GROUP BY id),
busy AS ( -- within a day of the job; on this job a buddy may go along with several workers
    SELECT s.buddy_id AS id, json_agg(json_build_array(lower(s.during), upper(s.during))) AS j
    FROM assignments s
    WHERE s.buddy_id = ANY ((SELECT a FROM ids)::bigint[]) AND s.job_id <> $5
      AND s.during && tstzrange($3::timestamptz - interval '1 day', $4::timestamptz + interval '1 day')
    GROUP BY s.buddy_id)
SELECT b.id, b.organisation_id, b.lat, b.lon, b.travel_mode, b.max_travel_minutes, slots.j, exceptions.j, busy.j,
       coalesce(record.done, 0), coalesce(record.no_show, 0), coalesce(record.late, 0)
FROM b
LEFT JOIN slots ON slots.id = b.id LEFT JOIN exceptions ON exceptions.id = b.id
LEFT JOIN busy ON busy.id = b.id LEFT JOIN record ON record.id = b.id
ORDER BY b.id`
	rows, err := db.x.QueryContext(ctx, q, job.Category, job.PosterID, job.Start, job.LastEnd(), job.ID)
	if err != nil {
		return nil, mapError(err)
	}
	defer rows.Close()
	var out []klusbuddy.BuddyFacts
	for rows.Next() {
		f := klusbuddy.BuddyFacts{Categories: map[string]bool{job.Category: true}}
		var minutes int
		var slots, exceptions, busy []byte
		if err := rows.Scan(&f.ID, &f.OrganisationID, &f.Home.Lat, &f.Home.Lon, &f.Mode, &minutes, &slots, &exceptions, &busy,
			&f.Record.Done, &f.Record.NoShows, &f.Record.LateDropouts); err != nil {
			return nil, err
		}
		f.MaxMinutes = float64(minutes)
		if err := errors.Join(unmarshalFact(slots, &f.Availability), unmarshalFact(exceptions, &f.Exceptions), unmarshalFact(busy, &f.Busy)); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, mapError(rows.Err())
}
