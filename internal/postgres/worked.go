package postgres

import (
	"github.com/jmoiron/sqlx"

	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// What a worker worked, a buddy's volunteer hours and an organisation's figures (issue 12).
// Worked hours are the stored function worked_hours's (migrations/functions/worked_hours.sql),
// the rule the caps use.

// WorkerPay is a worker's caps and their organisation's hourly pay (nil: none set).
func (db *DB) WorkerPay(ctx context.Context, workerID int64) (monthCap, yearCap float64, rate *int, err error) {
	const q = `
SELECT coalesce(p.month_hour_cap, g.month_hour_cap), coalesce(p.year_hour_cap, g.year_hour_cap), g.worker_rate_cents
FROM users u JOIN worker_profiles p ON p.user_id = u.id JOIN organisations g ON g.id = u.organisation_id
WHERE u.id = $1 AND u.deleted_at IS NULL`
	err = db.x.QueryRowContext(ctx, q, workerID).Scan(&monthCap, &yearCap, &rate)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, nil, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such worker.")
	}
	return monthCap, yearCap, rate, mapError(err)
}

const workedSelect = `
SELECT w.job_id, c.slug, w.starts, w.ends, w.booked, w.hours, w.final, coalesce(t.state, ''), coalesce(t.unit, ''),
       t.proposed, t.confirmed, t.approved
FROM worked_hours(ARRAY[$1::bigint]) w JOIN jobs j ON j.id = w.job_id JOIN categories c ON c.id = j.category_id
LEFT JOIN timesheets t ON t.job_id = w.job_id AND t.person_id = w.worker_id AND t.role = 'worker'
`

// WorkedJobs lists a worker's places on jobs not cancelled that start in [from, to), by start,
// with the hours each counts.
func (db *DB) WorkedJobs(ctx context.Context, workerID int64, from, to time.Time) ([]klusbuddy.WorkedJob, error) {
	const q = workedSelect + `WHERE w.starts >= $2 AND w.starts < $3 ORDER BY w.starts, w.job_id`
	return db.workedJobs(ctx, q, workerID, from, to)
}

// WorkedHistory lists a worker's jobs that ended before now, the latest first, at most limit.
func (db *DB) WorkedHistory(ctx context.Context, workerID int64, limit int) ([]klusbuddy.WorkedJob, error) {
	const q = workedSelect + `WHERE w.ends <= $2 ORDER BY w.starts DESC, w.job_id DESC LIMIT $3`
	return db.workedJobs(ctx, q, workerID, db.now(), limit)
}

func (db *DB) workedJobs(ctx context.Context, q string, args ...any) ([]klusbuddy.WorkedJob, error) {
	rows, err := db.x.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapError(err)
	}
	defer rows.Close()
	out := []klusbuddy.WorkedJob{}
	for rows.Next() {
		var j klusbuddy.WorkedJob
		var state, unit string
		var proposed, confirmed, approved *int
		if err := rows.Scan(&j.JobID, &j.Category, &j.Start, &j.End, &j.BookedHours, &j.Hours, &j.Final, &state, &unit,
			&proposed, &confirmed, &approved); err != nil {
			return nil, err
		}
		j.Sheet, j.Unit = klusbuddy.SheetState(state), klusbuddy.SheetUnit(unit)
		waiting := confirmed
		if waiting == nil {
			waiting = proposed
		}
		switch {
		case j.Unit == klusbuddy.SheetItems && j.Final:
			j.Items = approved
		case j.Unit == klusbuddy.SheetItems:
			j.Items = confirmed
		case state != "" && !j.Final:
			j.Pending = waiting
		}
		out = append(out, j)
	}
	return out, mapError(rows.Err())
}

// BuddyHours lists the jobs (not cancelled) a buddy has a timesheet on, the latest first (at
// most limit), and their approved hours in [yearFrom, yearTo) and of all time.
func (db *DB) BuddyHours(ctx context.Context, buddyID int64, yearFrom, yearTo time.Time, limit int) (year, total float64, jobs []klusbuddy.VolunteerJob, err error) {
	const sums = `
SELECT coalesce(sum(t.approved) FILTER (WHERE lower(j.during) >= $2 AND lower(j.during) < $3), 0)::double precision / 60,
       coalesce(sum(t.approved), 0)::double precision / 60
FROM timesheets t JOIN jobs j ON j.id = t.job_id
WHERE t.person_id = $1 AND t.role = 'buddy' AND t.state IN ('approved', 'decided') AND j.state <> 'cancelled'`
	if err = db.x.QueryRowContext(ctx, sums, buddyID, yearFrom, yearTo).Scan(&year, &total); err != nil {
		return 0, 0, nil, mapError(err)
	}
	const q = `
SELECT t.job_id, c.slug, lower(j.during), upper(j.during), coalesce(t.approved, 0)::double precision / 60, t.state
FROM timesheets t JOIN jobs j ON j.id = t.job_id JOIN categories c ON c.id = j.category_id
WHERE t.person_id = $1 AND t.role = 'buddy' AND j.state <> 'cancelled'
ORDER BY lower(j.during) DESC, t.job_id DESC LIMIT $2`
	rows, err := db.x.QueryContext(ctx, q, buddyID, limit)
	if err != nil {
		return 0, 0, nil, mapError(err)
	}
	defer rows.Close()
	jobs = []klusbuddy.VolunteerJob{}
	for rows.Next() {
		var v klusbuddy.VolunteerJob
		var state string
		if err := rows.Scan(&v.JobID, &v.Category, &v.Start, &v.End, &v.Hours, &state); err != nil {
			return 0, 0, nil, err
		}
		v.Sheet = klusbuddy.SheetState(state)
		jobs = append(jobs, v)
	}
	return year, total, jobs, mapError(rows.Err())
}

const orgSettingsColumns = `worker_rate_cents, follow_inactive_days, follow_expired_in_row, follow_declines_in_row,
       follow_invite_days, follow_unseen_days`

func scanOrgSettings(r interface{ Scan(...any) error }) (klusbuddy.OrgSettings, error) {
	var s klusbuddy.OrgSettings
	f := &s.FollowUp
	err := r.Scan(&s.WorkerRateCents, &f.InactiveDays, &f.ExpiredInRow, &f.DeclinesInRow, &f.InviteDays, &f.UnseenDays)
	if errors.Is(err, sql.ErrNoRows) {
		return s, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such organisation.")
	}
	return s, err
}

// OrgSettings reads an organisation's settings.
func (db *DB) OrgSettings(ctx context.Context, org int64) (klusbuddy.OrgSettings, error) {
	s, err := scanOrgSettings(db.x.QueryRowContext(ctx, `SELECT `+orgSettingsColumns+` FROM organisations WHERE id = $1`, org))
	return s, mapError(err)
}

// UpdateOrgSettings changes the settings p names and returns them all.
func (db *DB) UpdateOrgSettings(ctx context.Context, org int64, p klusbuddy.OrgSettingsPatch) (klusbuddy.OrgSettings, error) {
	var s klusbuddy.OrgSettings
	const q = `UPDATE organisations SET worker_rate_cents = CASE WHEN $2 THEN $3::integer ELSE worker_rate_cents END,
    follow_inactive_days = coalesce($4::smallint, follow_inactive_days),
    follow_expired_in_row = coalesce($5::smallint, follow_expired_in_row),
    follow_declines_in_row = coalesce($6::smallint, follow_declines_in_row),
    follow_invite_days = coalesce($7::smallint, follow_invite_days),
    follow_unseen_days = coalesce($8::smallint, follow_unseen_days)
WHERE id = $1
RETURNING ` + orgSettingsColumns
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var err error
		s, err = scanOrgSettings(tx.QueryRowContext(ctx, q, org, p.SetRate, p.Rate, p.InactiveDays, p.ExpiredInRow, p.DeclinesInRow,
			p.InviteDays, p.UnseenDays))
		return err
	})
	return s, err
}

// OrgFigures adds up an organisation's year [from, to): its buddies' approved hours, and its
// workers' worked hours (by the rule) on jobs that ended by now.
func (db *DB) OrgFigures(ctx context.Context, org int64, from, to time.Time) (volunteer, worked float64, err error) {
	const q = `
SELECT (SELECT coalesce(sum(t.approved), 0)::double precision / 60
        FROM timesheets t JOIN jobs j ON j.id = t.job_id JOIN users u ON u.id = t.person_id
        WHERE u.organisation_id = $1 AND t.role = 'buddy' AND t.state IN ('approved', 'decided') AND j.state <> 'cancelled'
          AND lower(j.during) >= $2 AND lower(j.during) < $3),
       (SELECT coalesce(sum(w.hours), 0)
        FROM worked_hours(ARRAY(SELECT id FROM users WHERE organisation_id = $1 AND role = 'worker')) w
        WHERE w.starts >= $2 AND w.starts < $3 AND w.ends <= $4)`
	err = db.x.QueryRowContext(ctx, q, org, from, to, db.now()).Scan(&volunteer, &worked)
	return volunteer, worked, mapError(err)
}

// WorkerRate is the hourly pay of the worker's organisation (nil: none set).
func (db *DB) WorkerRate(ctx context.Context, workerID int64) (*int, error) {
	var rate *int
	err := db.x.QueryRowContext(ctx, `SELECT g.worker_rate_cents FROM users u JOIN organisations g ON g.id = u.organisation_id WHERE u.id = $1`,
		workerID).Scan(&rate)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return rate, mapError(err)
}
