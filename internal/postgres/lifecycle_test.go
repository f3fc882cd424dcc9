package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
)

// Data lifecycle (issue 15): positions from check-ins and check-outs are kept as long as the
// setting says, then blanked (the distance and the "far" flag stay: the coach's facts, not a
// place); a safety report keeps its position until a coordinator has acknowledged it; old
// notifications go. Moved by the injectable clock.
func TestPruneHistory(t *testing.T) {
	ctx := context.Background()
	db, sq := newDB(t)
	if err := db.Seed(ctx, demo.Data()); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	genImpact(t, sq, 3, 20, day.AddDate(0, 0, -7))
	var job, worker, buddy, org int64
	if err := sq.QueryRow(`SELECT t.job_id, t.person_id, u.organisation_id FROM timesheets t JOIN users u ON u.id = t.person_id
		WHERE t.role = 'worker' AND u.organisation_id IS NOT NULL ORDER BY t.id LIMIT 1`).Scan(&job, &worker, &org); err != nil {
		t.Fatal(err)
	}
	sq.Get(&buddy, `SELECT user_id FROM buddy_profiles ORDER BY user_id LIMIT 1`)
	sq.MustExec(`DELETE FROM attendance WHERE job_id = $1`, job)
	sq.MustExec(`DELETE FROM safety_reports WHERE job_id = $1`, job)
	sq.MustExec(`INSERT INTO attendance (job_id, person_id, role, place, in_at, in_received, in_lat, in_lon, in_accuracy, distance_m, far,
		out_at, out_received, out_lat, out_lon, out_accuracy) VALUES ($1, $2, 'worker', 1, $3, $3, 50.96, 5.5, 20, 30, false,
		$3::timestamptz + interval '2 hours', $3::timestamptz + interval '2 hours', 50.96, 5.5, 15)`, job, worker, day)
	sq.MustExec(`INSERT INTO safety_reports (job_id, person_id, role, place, organisation_id, at, received, lat, lon, accuracy, distance_m)
		VALUES ($1, $2, 'worker', 1, $3, $4, $4, 50.96, 5.5, 20, 30)`, job, worker, org, day)
	sq.MustExec(`INSERT INTO safety_reports (job_id, person_id, role, place, organisation_id, at, received, lat, lon, accuracy, distance_m,
		acknowledged_at, acknowledged_by, follow_up) VALUES ($1, $2, 'buddy', 1, $3, $4, $4, 50.96, 5.5, 20, 30, $4, $2, 'Gebeld.')`, job, buddy, org, day)
	sq.MustExec(`INSERT INTO notifications (user_id, kind, data, created_at) VALUES ($1, 'job_status', '{}', $2), ($1, 'job_status', '{}', $3)`,
		worker, day, day.AddDate(0, 5, 0))

	keep := struct{ Positions, Notifications time.Duration }{30 * 24 * time.Hour, 180 * 24 * time.Hour}
	count := func() (positions, reports, notifications int) {
		sq.Get(&positions, `SELECT count(*) FROM attendance WHERE job_id = $1 AND (in_lat IS NOT NULL OR out_lat IS NOT NULL)`, job)
		sq.Get(&reports, `SELECT count(*) FROM safety_reports WHERE job_id = $1 AND lat IS NOT NULL`, job)
		sq.Get(&notifications, `SELECT count(*) FROM notifications WHERE user_id = $1 AND created_at IN ($2, $3)`, worker, day, day.AddDate(0, 5, 0))
		return
	}
	for _, step := range []struct {
		now                               time.Time
		positions, reports, notifications int
	}{
		{day.AddDate(0, 0, 29), 1, 2, 2}, // within the 30 days: all kept
		{day.AddDate(0, 0, 31), 0, 1, 2}, // positions gone, but the unacknowledged report's
		{day.AddDate(0, 6, 1), 0, 1, 1},  // the first notification is over 180 days old
	} {
		db.Now = func() time.Time { return step.now }
		if _, err := db.PruneHistory(ctx, keep.Positions, keep.Notifications); err != nil {
			t.Fatal(err)
		}
		if p, r, n := count(); p != step.positions || r != step.reports || n != step.notifications {
			t.Errorf("at %s: %d check-ins with a position, %d reports with one, %d notifications; want %d, %d, %d",
				step.now.Format(time.DateOnly), p, r, n, step.positions, step.reports, step.notifications)
		}
	}
	var distance float64
	sq.Get(&distance, `SELECT distance_m FROM attendance WHERE job_id = $1`, job)
	if distance != 30 {
		t.Errorf("the check-in's distance is %v after pruning, want 30 (kept)", distance)
	}
}
