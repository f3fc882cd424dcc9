package postgres

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Funders' exports (issue 13): one query per export, read row by row with rows.Next so that
// memory stays flat however many rows there are (lib/pq reads the result from the socket as
// the rows are asked for). The count and the rows come from one read-only, repeatable-read
// transaction, so the count the screen shows progress against is exact.

// exportTx runs count then rows in a read-only snapshot with the export's own timeouts.
func (db *DB) exportTx(ctx context.Context, f klusbuddy.ExportFilter, countQ, rowsQ string, begin func(int) error, each func(*sql.Rows) error) error {
	tx, err := db.x.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return mapError(err)
	}
	defer func() { _ = tx.Rollback() }() // read only: nothing to commit
	// The connection's usual timeouts (seconds) would cut a long export short.
	ms := klusbuddy.ExportMaxDuration.Milliseconds()
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`SET LOCAL statement_timeout = %d; SET LOCAL idle_in_transaction_session_timeout = %d`, ms, ms)); err != nil {
		return mapError(err)
	}
	if f.OrganisationID != 0 {
		var ok bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM organisations WHERE id = $1)`, f.OrganisationID).Scan(&ok); err != nil {
			return mapError(err)
		}
		if !ok {
			return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such organisation.")
		}
	}
	var total int
	if err := tx.QueryRowContext(ctx, countQ, f.From, f.To, f.OrganisationID).Scan(&total); err != nil {
		return mapError(err)
	}
	if err := begin(total); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, rowsQ, f.From, f.To, f.OrganisationID, string(f.Language))
	if err != nil {
		return mapError(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return mapError(rows.Err())
}

// The category's name in the caller's language ($4).
const exportCategoryName = `coalesce(CASE $4 WHEN 'fr' THEN c.name_fr WHEN 'en' THEN c.name_en WHEN 'tr' THEN nullif(c.name_tr, '') WHEN 'ar' THEN nullif(c.name_ar, '') END, c.name_nl)`

const exportJobsCount = `
SELECT count(*) FROM jobs j
WHERE lower(j.during) >= $1 AND lower(j.during) < $2 AND ($3 = 0 OR j.organisation_id = $3)`

// The hours of a job: its places' booked windows; the approved hours of the final worker sheets
// (per hour; a per-item sheet counts items) and of the buddies' (volunteer hours). No-shows are
// the places whose last outcome says so; the job's own outcome is that of place 0.
const exportJobsRows = `
SELECT j.id, coalesce(o.name, ''), coalesce(pc.main_municipality, a.municipality), ` + exportCategoryName + `,
       coalesce(pp.kind, ''), lower(j.during), j.state, j.workers_needed, s.booked, j.buddy, s.buddies, s.hours,
       t.approved, t.places, t.volunteer, oc.no_shows, oc.buddy_no_shows, d.late, d.early, d.buddy, oc.job_outcome,
       extract(epoch FROM (SELECT min(x.at) FROM job_transitions x WHERE x.job_id = j.id AND x.to_state = 'filled') - j.created_at) / 3600,
       EXISTS (SELECT 1 FROM job_transitions x WHERE x.job_id = j.id AND x.to_state = 'cancelled' AND x.late)
FROM jobs j
JOIN categories c ON c.id = j.category_id
JOIN poster_addresses a ON a.id = j.address_id
LEFT JOIN postcodes pc ON pc.postcode = a.postcode AND pc.municipality = a.municipality
LEFT JOIN poster_profiles pp ON pp.user_id = j.poster_id
LEFT JOIN organisations o ON o.id = j.organisation_id
CROSS JOIN LATERAL (
    SELECT count(*) AS booked, count(s.buddy_id) AS buddies,
           coalesce(sum(extract(epoch FROM upper(s.during) - lower(s.during)) / 3600), 0) AS hours
    FROM assignments s WHERE s.job_id = j.id) s
CROSS JOIN LATERAL (
    SELECT coalesce(sum(t.approved::float8 / 60) FILTER (WHERE t.role = 'worker' AND t.unit = 'minutes'), 0) AS approved,
           count(*) FILTER (WHERE t.role = 'worker') AS places,
           coalesce(sum(t.approved::float8 / 60) FILTER (WHERE t.role = 'buddy'), 0) AS volunteer
    FROM timesheets t WHERE t.job_id = j.id AND t.state IN ('approved', 'decided')) t
CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE l.place > 0 AND l.outcome = 'worker_no_show') AS no_shows,
           count(*) FILTER (WHERE l.place > 0 AND l.outcome = 'buddy_no_show') AS buddy_no_shows,
           coalesce(max(l.outcome) FILTER (WHERE l.place = 0), '') AS job_outcome
    FROM (SELECT DISTINCT ON (x.place) x.place, x.outcome FROM outcomes x WHERE x.job_id = j.id ORDER BY x.place, x.id DESC) l) oc
CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE x.role = 'worker' AND x.late) AS late,
           count(*) FILTER (WHERE x.role = 'worker' AND NOT x.late) AS early,
           count(*) FILTER (WHERE x.role = 'buddy') AS buddy
    FROM dropouts x WHERE x.job_id = j.id) d
WHERE lower(j.during) >= $1 AND lower(j.during) < $2 AND ($3 = 0 OR j.organisation_id = $3)
ORDER BY lower(j.during), j.id`

// ExportJobs streams the jobs f selects, by start.
func (db *DB) ExportJobs(ctx context.Context, f klusbuddy.ExportFilter, begin func(int) error, row func(*klusbuddy.JobExportRow) error) error {
	var r klusbuddy.JobExportRow
	var fill sql.NullFloat64
	return db.exportTx(ctx, f, exportJobsCount, exportJobsRows, begin, func(rows *sql.Rows) error {
		if err := rows.Scan(&r.JobID, &r.Organisation, &r.Municipality, &r.Category, &r.PosterKind, &r.Start, &r.State, &r.WorkersNeeded,
			&r.WorkersBooked, &r.Buddy, &r.BuddiesBooked, &r.HoursBooked, &r.HoursApproved, &r.PlacesApproved, &r.VolunteerHours,
			&r.NoShows, &r.BuddyNoShows, &r.DropoutsLate, &r.DropoutsEarly, &r.BuddyDropouts, &r.Outcome, &fill, &r.CancelledLate); err != nil {
			return mapError(err)
		}
		r.TimeToFill = nil
		if fill.Valid {
			r.TimeToFill = &fill.Float64
		}
		return row(&r)
	})
}

const exportAssignmentsCount = `
SELECT (SELECT count(*) FROM assignments s JOIN jobs j ON j.id = s.job_id JOIN users u ON u.id = s.worker_id
        WHERE lower(j.during) >= $1 AND lower(j.during) < $2 AND ($3 = 0 OR u.organisation_id = $3))
     + (SELECT count(*) FROM dropouts x JOIN jobs j ON j.id = x.job_id JOIN users u ON u.id = x.worker_id
        WHERE lower(j.during) >= $1 AND lower(j.during) < $2 AND ($3 = 0 OR u.organisation_id = $3))`

// A place's hours are worked_hours' (migrations/functions/worked_hours.sql), the one rule for
// them; it leaves out cancelled jobs, whose places then have none. Drop-outs have no hours.
const exportAssignmentsRows = `
SELECT s.job_id, s.worker_id, coalesce(s.buddy_id, 0), 'booked', coalesce(uo.name, ''), coalesce(o.name, ''),
       coalesce(pc.main_municipality, a.municipality), ` + exportCategoryName + `, coalesce(pp.kind, ''), lower(j.during), j.state,
       extract(epoch FROM upper(s.during) - lower(s.during)) / 3600, w.hours, coalesce(w.final, false),
       (SELECT t.approved::float8 / 60 FROM timesheets t WHERE t.job_id = s.job_id AND t.person_id = s.buddy_id AND t.role = 'buddy'
           AND t.state IN ('approved', 'decided')),
       coalesce((SELECT x.outcome FROM outcomes x WHERE x.job_id = s.job_id AND x.place = s.place ORDER BY x.id DESC LIMIT 1), ''),
       EXISTS (SELECT 1 FROM attendance x WHERE x.job_id = s.job_id AND x.person_id = s.worker_id AND x.role = 'worker')
FROM assignments s
JOIN jobs j ON j.id = s.job_id
JOIN users u ON u.id = s.worker_id
LEFT JOIN organisations uo ON uo.id = u.organisation_id
JOIN categories c ON c.id = j.category_id
JOIN poster_addresses a ON a.id = j.address_id
LEFT JOIN postcodes pc ON pc.postcode = a.postcode AND pc.municipality = a.municipality
LEFT JOIN poster_profiles pp ON pp.user_id = j.poster_id
LEFT JOIN organisations o ON o.id = j.organisation_id
LEFT JOIN LATERAL (SELECT w.hours, w.final FROM worked_hours(ARRAY[s.worker_id]) w WHERE w.job_id = s.job_id) w ON true
WHERE lower(j.during) >= $1 AND lower(j.during) < $2 AND ($3 = 0 OR u.organisation_id = $3)
UNION ALL
SELECT x.job_id, CASE WHEN x.role = 'worker' THEN x.worker_id ELSE 0 END, CASE WHEN x.role = 'buddy' THEN x.worker_id ELSE 0 END,
       CASE WHEN x.role = 'buddy' THEN 'buddy_' ELSE '' END || CASE WHEN x.late THEN 'dropped_out_late' ELSE 'dropped_out_early' END,
       coalesce(uo.name, ''), coalesce(o.name, ''), coalesce(pc.main_municipality, a.municipality), ` + exportCategoryName + `,
       coalesce(pp.kind, ''), lower(j.during), j.state, NULL, NULL, false, NULL, '', false
FROM dropouts x
JOIN jobs j ON j.id = x.job_id
JOIN users u ON u.id = x.worker_id
LEFT JOIN organisations uo ON uo.id = u.organisation_id
JOIN categories c ON c.id = j.category_id
JOIN poster_addresses a ON a.id = j.address_id
LEFT JOIN postcodes pc ON pc.postcode = a.postcode AND pc.municipality = a.municipality
LEFT JOIN poster_profiles pp ON pp.user_id = j.poster_id
LEFT JOIN organisations o ON o.id = j.organisation_id
WHERE lower(j.during) >= $1 AND lower(j.during) < $2 AND ($3 = 0 OR u.organisation_id = $3)`

// ExportAssignments streams the booked places and drop-outs f selects, in no set order (a
// sort would hold the first row back until every row is read).
func (db *DB) ExportAssignments(ctx context.Context, f klusbuddy.ExportFilter, begin func(int) error, row func(*klusbuddy.AssignmentExportRow) error) error {
	var r klusbuddy.AssignmentExportRow
	var booked, worked, volunteer sql.NullFloat64
	opt := func(v sql.NullFloat64) *float64 {
		if !v.Valid {
			return nil
		}
		x := v.Float64
		return &x
	}
	return db.exportTx(ctx, f, exportAssignmentsCount, exportAssignmentsRows, begin, func(rows *sql.Rows) error {
		if err := rows.Scan(&r.JobID, &r.WorkerID, &r.BuddyID, &r.Status, &r.WorkerOrganisation, &r.JobOrganisation, &r.Municipality,
			&r.Category, &r.PosterKind, &r.Start, &r.JobState, &booked, &worked, &r.Final, &volunteer, &r.Outcome, &r.CheckedIn); err != nil {
			return mapError(err)
		}
		r.HoursBooked, r.HoursWorked, r.VolunteerHours = opt(booked), opt(worked), opt(volunteer)
		return row(&r)
	})
}
