package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// WorkerAssignments returns the jobs a worker is booked on that have not ended (or did within
// a day: the day's contacts and outcome stay in view), soonest first, or only their place on
// one job when jobID is not 0.
func (db *DB) WorkerAssignments(ctx context.Context, workerID, jobID int64) ([]klusbuddy.Assignment, error) {
	var rows []struct {
		ID         int64     `db:"id"`
		JobID      int64     `db:"job_id"`
		Place      int       `db:"place"`
		Created    time.Time `db:"created_at"`
		BuddyState string    `db:"buddy_state"`
		BuddyName  string    `db:"buddy_name"`
	}
	const q = `SELECT s.id, s.job_id, s.place, s.created_at, s.buddy_state, coalesce(b.first_name, '') AS buddy_name
FROM assignments s LEFT JOIN users b ON b.id = s.buddy_id
WHERE s.worker_id = $1 AND upper(s.during) > $3 AND ($2 = 0 OR s.job_id = $2) ORDER BY lower(s.during)`
	if err := db.x.SelectContext(ctx, &rows, q, workerID, jobID, db.now().Add(-klusbuddy.ContactWindow)); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.Assignment, 0, len(rows))
	for _, r := range rows {
		job, err := db.Job(ctx, r.JobID)
		if err != nil {
			return nil, err
		}
		day, err := db.onTheDay(ctx, klusbuddy.RoleWorker, workerID, r.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, klusbuddy.Assignment{ID: r.ID, JobID: r.JobID, Place: r.Place, Job: job, Worker: workerID, Created: r.Created,
			BuddyState: klusbuddy.BuddyState(r.BuddyState), BuddyName: r.BuddyName, OnTheDay: day})
	}
	return out, nil
}

// DropOut takes a worker off a job they were booked on: the place opens again, a filled job goes
// back to offering (the next wave goes out with the ticker) and the poster is told. It returns
// whether it was late (within window of the start).
func (db *DB) DropOut(ctx context.Context, workerID, jobID int64, window time.Duration) (bool, error) {
	var late bool
	err := db.inTx(ctx, dropOut(ctx, workerID, jobID, window, db.now(), &late))
	return late, err
}

// dropOut is DropOut's transaction, to run by itself or within a larger one (an erasure).
func dropOut(ctx context.Context, workerID, jobID int64, window time.Duration, now time.Time, late *bool) func(tx *sqlx.Tx) error {
	return func(tx *sqlx.Tx) error {
		state, _, _, posterID, err := lockJob(ctx, tx, jobID)
		if err != nil {
			return err
		}
		if err := releaseBuddies(ctx, tx, jobID, workerID, now); err != nil {
			return err
		}
		var start time.Time
		err = tx.QueryRowContext(ctx, `DELETE FROM assignments WHERE job_id = $1 AND worker_id = $2 RETURNING lower(during)`, jobID, workerID).Scan(&start)
		if errors.Is(err, sql.ErrNoRows) {
			return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "You are not booked on this job.")
		}
		if err != nil {
			return err
		}
		if !start.After(now) {
			return klusbuddy.Conflict("started", "This job has started; tell your coach instead.")
		}
		*late = start.Sub(now) < window
		if state == klusbuddy.JobFilled {
			if err := moveJob(ctx, tx, jobID, klusbuddy.JobOffering, workerID, now, false); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO dropouts (job_id, worker_id, late, at) VALUES ($1, $2, $3, $4)`, jobID, workerID, *late, now); err != nil {
			return err
		}
		return notify(ctx, tx, posterID, klusbuddy.EventJobStatus, map[string]any{"job_id": jobID, "dropout": true})
	}
}

// WorkerAssignmentRecords returns every place a worker has or had on a job, past and to come,
// for their data export (a place they dropped out of is gone; the drop-out stays).
func (db *DB) WorkerAssignmentRecords(ctx context.Context, workerID int64) ([]klusbuddy.AssignmentRecord, error) {
	var rows []struct {
		ID           int64     `db:"id"`
		JobID        int64     `db:"job_id"`
		Place        int       `db:"place"`
		Category     string    `db:"category"`
		Municipality string    `db:"municipality"`
		Starts       time.Time `db:"starts"`
		Ends         time.Time `db:"ends"`
		JobState     string    `db:"job_state"`
		BuddyState   string    `db:"buddy_state"`
		CreatedAt    time.Time `db:"created_at"`
	}
	const q = `SELECT s.id, s.job_id, s.place, c.slug AS category, a.municipality, lower(s.during) AS starts, upper(s.during) AS ends,
       j.state AS job_state, s.buddy_state, s.created_at
FROM assignments s JOIN jobs j ON j.id = s.job_id JOIN categories c ON c.id = j.category_id JOIN poster_addresses a ON a.id = j.address_id
WHERE s.worker_id = $1 ORDER BY lower(s.during), s.id`
	if err := db.x.SelectContext(ctx, &rows, q, workerID); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.AssignmentRecord, len(rows))
	for i, r := range rows {
		out[i] = klusbuddy.AssignmentRecord{ID: r.ID, JobID: r.JobID, Place: r.Place, Category: r.Category, Municipality: r.Municipality,
			Start: r.Starts, End: r.Ends, JobState: klusbuddy.JobState(r.JobState), BuddyState: klusbuddy.BuddyState(r.BuddyState), CreatedAt: r.CreatedAt}
	}
	return out, nil
}

// DropoutRecords returns the jobs a worker or buddy dropped out of, for their data export.
func (db *DB) DropoutRecords(ctx context.Context, personID int64) ([]klusbuddy.DropoutRecord, error) {
	var rows []struct {
		JobID int64     `db:"job_id"`
		Role  string    `db:"role"`
		Late  bool      `db:"late"`
		At    time.Time `db:"at"`
	}
	const q = `SELECT job_id, role, late, at FROM dropouts WHERE worker_id = $1 ORDER BY at, id`
	if err := db.x.SelectContext(ctx, &rows, q, personID); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.DropoutRecord, len(rows))
	for i, r := range rows {
		out[i] = klusbuddy.DropoutRecord{JobID: r.JobID, Role: klusbuddy.Role(r.Role), Late: r.Late, At: r.At}
	}
	return out, nil
}
