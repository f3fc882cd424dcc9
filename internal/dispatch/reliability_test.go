package dispatch_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/match"
)

// Reliability from what happened: three workers equal in everything matching looks at except
// their history. The one with jobs done ranks first, the newcomer (½: no history is no
// punishment) second, the one who did not come and dropped out late last; the breakdown the
// coordinator reads carries the share and the counts.
func TestReliabilityRanksFromOutcomes(t *testing.T) {
	db, d, poster, address := setup(t)
	ctx := context.Background()
	job := post(t, db, poster, address, "cleaning", 1)
	good := eligibleWorker(t, db, d, job)
	var others []int64
	if err := db.Select(&others, `SELECT w.user_id FROM worker_profiles w JOIN users u ON u.id = w.user_id
		WHERE u.organisation_id = (SELECT organisation_id FROM users WHERE id = $1) AND u.activated_at IS NOT NULL
		  AND u.deleted_at IS NULL AND w.user_id <> $1 ORDER BY w.user_id LIMIT 2`, good); err != nil || len(others) < 2 {
		t.Fatalf("two more workers of the organisation: %v %v", others, err)
	}
	bad, newcomer := others[0], others[1]
	// Make them equal: the same home, travel, skill, week; nobody else can do cleaning.
	for _, w := range others {
		db.MustExec(`UPDATE worker_profiles w SET (postcode, municipality, home_lat, home_lon, travel_mode, max_travel_minutes, buddy_need) =
			(SELECT postcode, municipality, home_lat, home_lon, travel_mode, max_travel_minutes, buddy_need FROM worker_profiles WHERE user_id = $1)
			WHERE w.user_id = $2`, good, w)
		db.MustExec(`DELETE FROM availability WHERE user_id = $1`, w)
		db.MustExec(`DELETE FROM availability_exceptions WHERE user_id = $1`, w)
		db.MustExec(`INSERT INTO availability (user_id, weekday, starts, ends) SELECT $2, weekday, starts, ends FROM availability WHERE user_id = $1`, good, w)
		db.MustExec(`INSERT INTO availability_exceptions (user_id, on_date, available, starts, ends)
			SELECT $2, on_date, available, starts, ends FROM availability_exceptions WHERE user_id = $1`, good, w)
	}
	db.MustExec(`DELETE FROM worker_skills WHERE category_id = (SELECT id FROM categories WHERE slug = 'cleaning')`)
	for _, w := range []int64{good, bad, newcomer} {
		db.MustExec(`INSERT INTO worker_skills (worker_id, category_id, level) SELECT $1, id, 1 FROM categories WHERE slug = 'cleaning'`, w)
	}
	// History more than 30 days ago (no fairness difference) for another poster (no familiarity).
	var other, otherAddress int64
	if err := db.QueryRow(`SELECT poster_id, id FROM poster_addresses WHERE poster_id <> $1 ORDER BY id LIMIT 1`, poster).Scan(&other, &otherAddress); err != nil {
		t.Fatal(err)
	}
	past := func(worker int64, daysAgo int, outcome string) int64 {
		t.Helper()
		start := time.Now().AddDate(0, 0, -daysAgo)
		var id int64
		if err := db.QueryRow(`INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, state, unit, unit_price_cents)
			VALUES ($1, $2, (SELECT id FROM categories WHERE slug = 'cleaning'), tstzrange($3, $4), 1, 'done', 'hour', 2500) RETURNING id`,
			other, otherAddress, start, start.Add(2*time.Hour)).Scan(&id); err != nil {
			t.Fatal(err)
		}
		db.MustExec(`INSERT INTO assignments (job_id, workers_needed, place, worker_id, during) SELECT id, 1, 1, $2, during FROM jobs WHERE id = $1`, id, worker)
		if outcome != "" {
			db.MustExec(`INSERT INTO outcomes (job_id, place, outcome, by_role, at) VALUES ($1, 1, $2, 'system', $3)`, id, outcome, start.Add(2*time.Hour))
		}
		return id
	}
	past(good, 40, "done")
	past(good, 50, "done")
	past(good, 60, "") // closed done without a place's outcome: counts as done
	past(bad, 40, "worker_no_show")
	past(bad, 50, "worker_no_show")
	past(bad, 60, "done")
	j := past(bad, 70, "done")
	db.MustExec(`INSERT INTO dropouts (job_id, worker_id, late, at) VALUES ($1, $2, true, now())`, j, bad)
	db.MustExec(`INSERT INTO dropouts (job_id, worker_id, late, at) VALUES ($1, $2, false, now())`, j, newcomer) // early: counts for nothing

	if n, err := d.Wave(ctx, job); err != nil || n != 3 {
		t.Fatalf("wave: %d offers, %v", n, err)
	}
	var rows []struct {
		Worker    int64   `db:"worker_id"`
		Score     float64 `db:"score"`
		Breakdown []byte  `db:"breakdown"`
	}
	if err := db.Select(&rows, `SELECT worker_id, score, breakdown FROM offers WHERE job_id = $1 ORDER BY score DESC`, job); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0].Worker != good || rows[1].Worker != newcomer || rows[2].Worker != bad {
		t.Fatalf("order %+v, want %d (done), %d (newcomer), %d (no-shows)", rows, good, newcomer, bad)
	}
	want := map[int64]match.Breakdown{
		good:     {ReliabilityShare: 0.714, DoneJobs: 3},                              // (3+2)/(3+4)
		newcomer: {ReliabilityShare: 0.5},                                             // the prior
		bad:      {ReliabilityShare: 0.471, DoneJobs: 2, NoShows: 2, LateDropouts: 1}, // (2+2)/(2+2.5+4)
	}
	var parts []float64
	for _, r := range rows {
		var b match.Breakdown
		if err := json.Unmarshal(r.Breakdown, &b); err != nil {
			t.Fatal(err)
		}
		w := want[r.Worker]
		if b.ReliabilityShare != w.ReliabilityShare || b.DoneJobs != w.DoneJobs || b.NoShows != w.NoShows || b.LateDropouts != w.LateDropouts {
			t.Errorf("worker %d breakdown %+v, want %+v", r.Worker, b, w)
		}
		parts = append(parts, b.Reliability)
		// Everything else is equal: the difference in score is the reliability's alone.
		if b.Travel != 0 && rows[0].Score-r.Score-(parts[0]-b.Reliability) > 1e-9 {
			t.Errorf("worker %d: the score differs by more than reliability", r.Worker)
		}
	}
	if !(parts[0] > parts[1] && parts[1] > parts[2]) {
		t.Fatalf("reliability parts %v not decreasing", parts)
	}
}
