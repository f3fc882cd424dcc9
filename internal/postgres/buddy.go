package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// A worker who needs a buddy holds their place (assignments.buddy_state 'searching') while
// buddies get requests in waves, like offers; the first buddy to confirm goes along, and the
// assignment, and then the job, is confirmed. When no buddy is left to ask, the place is
// released and the worker's coaches are alerted.

// BuddySearchFor loads an assignment's search for a buddy.
func (db *DB) BuddySearchFor(ctx context.Context, assignmentID int64) (klusbuddy.BuddySearch, error) {
	s := klusbuddy.BuddySearch{AssignmentID: assignmentID, Asked: map[int64]bool{}}
	var jobID int64
	err := db.x.QueryRowContext(ctx, `SELECT job_id, worker_id, buddy_state = 'searching' FROM assignments WHERE id = $1`, assignmentID).
		Scan(&jobID, &s.WorkerID, &s.Searching)
	if errors.Is(err, sql.ErrNoRows) {
		return s, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such assignment.")
	}
	if err != nil {
		return s, mapError(err)
	}
	if s.Job, err = db.JobForMatching(ctx, jobID); err != nil {
		return s, err
	}
	// Those whose request was only taken by another buddy (who dropped out since) may be asked
	// again; anyone else asked for this assignment is not.
	rows, err := db.x.QueryContext(ctx, `SELECT buddy_id, wave, state <> 'taken' FROM buddy_requests WHERE assignment_id = $1`, assignmentID)
	if err != nil {
		return s, mapError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var wave int
		var exclude bool
		if err := rows.Scan(&id, &wave, &exclude); err != nil {
			return s, err
		}
		if exclude {
			s.Asked[id] = true
		}
		s.LastWave = max(s.LastWave, wave)
	}
	return s, mapError(rows.Err())
}

// lockSearch locks a job, then one of its assignments, and reports whether the assignment still
// searches for a buddy and whether requests are out. ENOTFOUND when the assignment is gone.
func lockSearch(ctx context.Context, tx *sqlx.Tx, assignmentID int64, now time.Time) (jobID, workerID int64, searching, live bool, err error) {
	if err = tx.QueryRowContext(ctx, `SELECT job_id FROM assignments WHERE id = $1`, assignmentID).Scan(&jobID); errors.Is(err, sql.ErrNoRows) {
		return 0, 0, false, false, klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such assignment.")
	} else if err != nil {
		return
	}
	if _, _, _, _, err = lockJob(ctx, tx, jobID); err != nil {
		return
	}
	err = tx.QueryRowContext(ctx, `SELECT worker_id, buddy_state = 'searching',
       EXISTS (SELECT 1 FROM buddy_requests r WHERE r.assignment_id = s.id AND r.state = 'pending' AND r.expires_at > $2)
FROM assignments s WHERE s.id = $1 FOR UPDATE`, assignmentID, now).Scan(&workerID, &searching, &live)
	if errors.Is(err, sql.ErrNoRows) { // released while we waited for the job
		err = klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such assignment.")
	}
	return
}

// CreateBuddyWave sends requests to buddies for an assignment still searching, unless another
// instance sent this wave already. It returns how many went out.
func (db *DB) CreateBuddyWave(ctx context.Context, assignmentID int64, wave int, reqs []klusbuddy.NewBuddyRequest, expires time.Time) (int, error) {
	n := 0
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		now := db.now()
		jobID, _, searching, live, err := lockSearch(ctx, tx, assignmentID, now)
		if err != nil || !searching || live {
			return err
		}
		var lastWave int
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(wave), 0) FROM buddy_requests WHERE assignment_id = $1`, assignmentID).Scan(&lastWave); err != nil {
			return err
		}
		if lastWave != wave-1 {
			return nil
		}
		for _, r := range reqs {
			const q = `INSERT INTO buddy_requests (assignment_id, job_id, buddy_id, wave, travel_minutes, expires_at, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (assignment_id, buddy_id) DO UPDATE SET wave = EXCLUDED.wave, travel_minutes = EXCLUDED.travel_minutes,
    expires_at = EXCLUDED.expires_at, state = 'pending', created_at = EXCLUDED.created_at, answered_at = NULL
WHERE buddy_requests.state = 'taken'
RETURNING id`
			var id int64
			err := tx.QueryRowContext(ctx, q, assignmentID, jobID, r.BuddyID, wave, r.TravelMinutes, expires, now).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return err
			}
			if err := notify(ctx, tx, r.BuddyID, klusbuddy.EventBuddyRequest, map[string]any{"request_id": id, "job_id": jobID, "expires_at": expires}); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// BuddySearchFailed releases a worker's place when no buddy is left to ask: the place opens for
// other workers, the worker and poster are told and the worker's coaches alerted. Nothing
// happens while requests are out or once a buddy confirmed.
func (db *DB) BuddySearchFailed(ctx context.Context, assignmentID int64) error {
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		now := db.now()
		jobID, workerID, searching, live, err := lockSearch(ctx, tx, assignmentID, now)
		if err != nil || !searching || live {
			return err
		}
		var posterID int64
		if err := tx.QueryRowContext(ctx, `SELECT poster_id FROM jobs WHERE id = $1`, jobID).Scan(&posterID); err != nil {
			return err
		}
		// Requests past their time that the ticker has not expired yet end now.
		if err := closeBuddyRequests(ctx, tx, assignmentID, klusbuddy.OfferExpired, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM assignments WHERE id = $1`, assignmentID); err != nil {
			return err
		}
		data := map[string]any{"job_id": jobID}
		if err := notify(ctx, tx, workerID, klusbuddy.EventBuddyMissing, data); err != nil {
			return err
		}
		if err := notify(ctx, tx, posterID, klusbuddy.EventBuddyMissing, data); err != nil {
			return err
		}
		return alertCoaches(ctx, tx, workerID, map[string]any{"job_id": jobID, "worker_id": workerID, "reason": "no_buddy"})
	})
	if klusbuddy.ErrorCode(err) == klusbuddy.ENOTFOUND {
		return nil // released meanwhile (a drop-out, a cancellation)
	}
	return err
}

// alertCoaches tells the coordinators of a person's organisation.
func alertCoaches(ctx context.Context, tx *sqlx.Tx, personID int64, data map[string]any) error {
	var coaches []int64
	if err := tx.SelectContext(ctx, &coaches, `SELECT c.id FROM users c JOIN users p ON p.organisation_id = c.organisation_id
WHERE p.id = $1 AND c.role = 'coordinator' AND c.deleted_at IS NULL`, personID); err != nil {
		return err
	}
	for _, c := range coaches {
		if err := notify(ctx, tx, c, klusbuddy.EventCoordinatorAlert, data); err != nil {
			return err
		}
	}
	return nil
}

// AssignmentsNeedingABuddyWave returns assignments still searching for a buddy with no request
// open to answer, on jobs still to come.
func (db *DB) AssignmentsNeedingABuddyWave(ctx context.Context, limit int) ([]int64, error) {
	var ids []int64
	const q = `
SELECT s.id FROM assignments s JOIN jobs j ON j.id = s.job_id
WHERE s.buddy_state = 'searching' AND j.state IN ('offering', 'unfilled') AND lower(j.during) > $2
  AND NOT EXISTS (SELECT 1 FROM buddy_requests r WHERE r.assignment_id = s.id AND r.state = 'pending' AND r.expires_at > $2)
ORDER BY lower(s.during) LIMIT $1`
	err := db.x.SelectContext(ctx, &ids, q, limit, db.now())
	return ids, mapError(err)
}

// ExpireBuddyRequests marks requests past their time as expired and tells their buddies;
// requests another instance is expiring are skipped.
func (db *DB) ExpireBuddyRequests(ctx context.Context) (int, error) {
	n := 0
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var expired []struct {
			ID    int64 `db:"id"`
			Buddy int64 `db:"buddy_id"`
			Job   int64 `db:"job_id"`
		}
		if err := tx.SelectContext(ctx, &expired, `
WITH due AS (SELECT id FROM buddy_requests WHERE state = 'pending' AND expires_at <= $1 ORDER BY expires_at LIMIT 1000 FOR UPDATE SKIP LOCKED)
UPDATE buddy_requests r SET state = 'expired', answered_at = $1 FROM due WHERE r.id = due.id RETURNING r.id, r.buddy_id, r.job_id`, db.now()); err != nil {
			return err
		}
		for _, e := range expired {
			if err := notify(ctx, tx, e.Buddy, klusbuddy.EventBuddyRequestClosed, map[string]any{"request_id": e.ID, "job_id": e.Job, "state": "expired"}); err != nil {
				return err
			}
		}
		n = len(expired)
		return nil
	})
	return n, err
}

// closeBuddyRequests ends the pending requests of an assignment in state and tells each buddy,
// in one statement.
func closeBuddyRequests(ctx context.Context, tx *sqlx.Tx, assignmentID int64, state klusbuddy.OfferState, now time.Time) error {
	_, err := tx.ExecContext(ctx, `WITH closed AS (
    UPDATE buddy_requests SET state = $2, answered_at = $3 WHERE assignment_id = $1 AND state = 'pending'
    RETURNING id, buddy_id, job_id)
INSERT INTO notification_queue (user_id, kind, data)
SELECT buddy_id, 'buddy_request_closed', jsonb_build_object('request_id', id, 'job_id', job_id, 'state', $2::text) FROM closed`,
		assignmentID, state, now)
	return err
}

// releaseBuddies, before assignments are deleted, withdraws their open requests and tells the
// buddies who were to come along that they need not.
func releaseBuddies(ctx context.Context, tx *sqlx.Tx, jobID int64, workerID int64, now time.Time) error {
	var as []struct {
		ID    int64         `db:"id"`
		Buddy sql.NullInt64 `db:"buddy_id"`
	}
	q := `SELECT id, buddy_id FROM assignments WHERE job_id = $1 AND ($2 = 0 OR worker_id = $2)`
	if err := tx.SelectContext(ctx, &as, q, jobID, workerID); err != nil {
		return err
	}
	for _, a := range as {
		if err := closeBuddyRequests(ctx, tx, a.ID, klusbuddy.OfferWithdrawn, now); err != nil {
			return err
		}
		if a.Buddy.Valid {
			if err := notify(ctx, tx, a.Buddy.Int64, klusbuddy.EventBuddyRequestClosed, map[string]any{"job_id": jobID, "assignment_id": a.ID, "state": "withdrawn"}); err != nil {
				return err
			}
		}
	}
	return nil
}

// ConfirmBuddyRequest gives the buddy the assignment if the request is theirs and still open
// and the assignment still needs a buddy, in one transaction with the job and the assignment
// locked: the first buddy to confirm goes along, the others' requests are taken; the database
// refuses a buddy on two overlapping jobs. Confirming twice gives the same answer. It returns
// the assignment.
func (db *DB) ConfirmBuddyRequest(ctx context.Context, buddyID, requestID int64) (int64, error) {
	var assignmentID int64
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var assignment sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT assignment_id FROM buddy_requests WHERE id = $1 AND buddy_id = $2`, requestID, buddyID).Scan(&assignment)
		if errors.Is(err, sql.ErrNoRows) {
			return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such request.")
		}
		if err != nil {
			return err
		}
		if !assignment.Valid { // the worker's place was released
			return klusbuddy.Conflict("cancelled", "The worker no longer goes to this job.")
		}
		assignmentID = assignment.Int64
		now := db.now()
		jobID, workerID, searching, _, err := lockSearch(ctx, tx, assignmentID, now)
		if klusbuddy.ErrorCode(err) == klusbuddy.ENOTFOUND {
			return klusbuddy.Conflict("cancelled", "The worker no longer goes to this job.")
		}
		if err != nil {
			return err
		}
		var state string
		var live, started bool
		var current sql.NullInt64
		var jobState klusbuddy.JobState
		err = tx.QueryRowContext(ctx, `SELECT r.state, r.expires_at > $2, lower(j.during) <= $2, s.buddy_id, j.state
FROM buddy_requests r JOIN assignments s ON s.id = r.assignment_id JOIN jobs j ON j.id = r.job_id
WHERE r.id = $1 FOR UPDATE OF r`, requestID, now).Scan(&state, &live, &started, &current, &jobState)
		if err != nil {
			return err
		}
		switch {
		case state == string(klusbuddy.OfferAccepted) && current.Valid && current.Int64 == buddyID:
			return nil // confirmed before: the same answer
		case jobState == klusbuddy.JobExpired:
			return klusbuddy.Conflict("expired", "This request has expired.")
		case jobState == klusbuddy.JobCancelled:
			return klusbuddy.Conflict("cancelled", "The worker no longer goes to this job.")
		case state == string(klusbuddy.OfferWithdrawn): // the place is still there: withdrawn as the buddy goes along elsewhere then
			return klusbuddy.Conflict("booked", "You already go along on another job at that time.")
		case state == string(klusbuddy.OfferTaken) || !searching:
			return klusbuddy.Conflict("taken", "Another buddy goes along already.")
		case state != string(klusbuddy.OfferPending) || !live || started:
			return klusbuddy.Conflict("expired", "This request has expired.")
		}
		_, err = tx.ExecContext(ctx, `UPDATE assignments SET buddy_id = $2, buddy_state = 'confirmed' WHERE id = $1`, assignmentID, buddyID)
		var pqErr *pq.Error
		if errors.As(err, &pqErr) && pqErr.Constraint == "assignments_buddy_no_double_booking" {
			return klusbuddy.Conflict("booked", "You already go along on another job at that time.")
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE buddy_requests SET state = 'accepted', answered_at = $2 WHERE id = $1`, requestID, now); err != nil {
			return err
		}
		if err := closeBuddyRequests(ctx, tx, assignmentID, klusbuddy.OfferTaken, now); err != nil {
			return err
		}
		// The buddy cannot go along elsewhere at the same time: their open requests for jobs
		// that overlap end now, so that those searches go on at once. Requests another
		// transaction holds are left to their expiry (waiting for them could deadlock).
		if _, err := tx.ExecContext(ctx, `WITH mine AS (SELECT during FROM assignments WHERE id = $2),
gone AS (
    UPDATE buddy_requests r SET state = 'withdrawn', answered_at = $4
    WHERE r.id IN (SELECT r2.id FROM buddy_requests r2 JOIN assignments s ON s.id = r2.assignment_id, mine
                   WHERE r2.buddy_id = $1 AND r2.state = 'pending' AND s.id <> $2 AND s.job_id <> $3 AND s.during && mine.during
                   FOR UPDATE OF r2 SKIP LOCKED)
    RETURNING r.id, r.job_id)
INSERT INTO notification_queue (user_id, kind, data)
SELECT $1, 'buddy_request_closed', jsonb_build_object('request_id', id, 'job_id', job_id, 'state', 'withdrawn') FROM gone`,
			buddyID, assignmentID, jobID, now); err != nil {
			return err
		}
		var posterID int64
		var needed, taken int
		if err := tx.QueryRowContext(ctx, `SELECT poster_id, workers_needed, (SELECT count(*) FROM assignments WHERE job_id = $1) FROM jobs WHERE id = $1`,
			jobID).Scan(&posterID, &needed, &taken); err != nil {
			return err
		}
		data := map[string]any{"job_id": jobID}
		if err := notify(ctx, tx, workerID, klusbuddy.EventBuddyConfirmed, data); err != nil {
			return err
		}
		if err := notify(ctx, tx, posterID, klusbuddy.EventBuddyConfirmed, data); err != nil {
			return err
		}
		return fillIfComplete(ctx, tx, jobID, jobState, needed, taken, now)
	})
	return assignmentID, err
}

// DeclineBuddyRequest records a buddy's no, with an optional reason.
func (db *DB) DeclineBuddyRequest(ctx context.Context, buddyID, requestID int64, reason klusbuddy.DeclineReason) error {
	const q = `UPDATE buddy_requests SET state = 'declined', decline_reason = NULLIF($3, ''), answered_at = $4
WHERE id = $1 AND buddy_id = $2 AND state = 'pending' RETURNING id`
	// In a transaction, though it is one statement: the match board's note it leaves wakes the
	// sequencer when the transaction commits (inTx); a statement on its own would wait for the
	// sequencer's tick.
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, q, requestID, buddyID, reason, db.now()).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			var exists bool
			if err := tx.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM buddy_requests WHERE id = $1 AND buddy_id = $2)`, requestID, buddyID); err != nil {
				return err
			}
			if exists {
				return klusbuddy.Conflict("closed", "This request is no longer open.")
			}
			return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "There is no such request.")
		}
		return err
	})
}

// BuddyDropOut takes a buddy off an assignment before the start: the worker waits for a buddy
// again (their job is no longer filled), they and the poster are told, and a late drop-out
// alerts the worker's coaches. It returns the job and whether it was late.
func (db *DB) BuddyDropOut(ctx context.Context, buddyID, assignmentID int64, window time.Duration) (int64, bool, error) {
	var jobID int64
	var late bool
	err := db.inTx(ctx, buddyDropOut(ctx, buddyID, assignmentID, window, db.now(), &jobID, &late))
	return jobID, late, err
}

// buddyDropOut is BuddyDropOut's transaction, to run by itself or within a larger one (an
// erasure).
func buddyDropOut(ctx context.Context, buddyID, assignmentID int64, window time.Duration, now time.Time, jobID *int64, late *bool) func(tx *sqlx.Tx) error {
	return func(tx *sqlx.Tx) error {
		// Only the buddy who goes along may take the job's lock for this.
		var mine bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM assignments WHERE id = $1 AND buddy_id = $2)`, assignmentID, buddyID).Scan(&mine); err != nil {
			return err
		}
		if !mine {
			return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "You do not go along on this job.")
		}
		var err error
		var workerID int64
		if *jobID, workerID, _, _, err = lockSearch(ctx, tx, assignmentID, now); err != nil {
			return err
		}
		var start time.Time
		var state klusbuddy.JobState
		var posterID int64
		err = tx.QueryRowContext(ctx, `UPDATE assignments s SET buddy_id = NULL, meeting_place = NULL, meeting_at = NULL, buddy_state = 'searching' FROM jobs j
WHERE s.id = $1 AND s.buddy_id = $2 AND j.id = s.job_id RETURNING lower(s.during), j.state, j.poster_id`, assignmentID, buddyID).Scan(&start, &state, &posterID)
		if errors.Is(err, sql.ErrNoRows) {
			return klusbuddy.Errorf(klusbuddy.ENOTFOUND, "You do not go along on this job.")
		}
		if err != nil {
			return err
		}
		if !start.After(now) {
			return klusbuddy.Conflict("started", "This job has started; tell your coach instead.")
		}
		*late = start.Sub(now) < window
		if state == klusbuddy.JobFilled {
			if err := moveJob(ctx, tx, *jobID, klusbuddy.JobOffering, buddyID, now, false); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO dropouts (job_id, worker_id, late, role, at) VALUES ($1, $2, $3, 'buddy', $4)`, *jobID, buddyID, *late, now); err != nil {
			return err
		}
		data := map[string]any{"job_id": *jobID}
		if err := notify(ctx, tx, workerID, klusbuddy.EventBuddyDropout, data); err != nil {
			return err
		}
		if err := notify(ctx, tx, posterID, klusbuddy.EventJobStatus, map[string]any{"job_id": *jobID, "buddy": klusbuddy.BuddySearching}); err != nil {
			return err
		}
		if *late {
			return alertCoaches(ctx, tx, workerID, map[string]any{"job_id": *jobID, "worker_id": workerID, "buddy_id": buddyID, "reason": "dropout"})
		}
		return nil
	}
}

type buddyRequestRow struct {
	ID            int64     `db:"id"`
	AssignmentID  int64     `db:"assignment_id"`
	JobID         int64     `db:"job_id"`
	Category      string    `db:"category"`
	Description   string    `db:"description"`
	Municipality  string    `db:"municipality"`
	Starts        time.Time `db:"starts"`
	Ends          time.Time `db:"ends"`
	TravelMinutes float64   `db:"travel_minutes"`
	WorkerName    string    `db:"worker_name"`
	State         string    `db:"state"`
	ExpiresAt     time.Time `db:"expires_at"`
}

// BuddyRequests returns a buddy's requests still open to answer, the soonest to expire first.
func (db *DB) BuddyRequests(ctx context.Context, buddyID int64) ([]klusbuddy.BuddyRequest, error) {
	const q = `SELECT r.id, r.assignment_id, r.job_id, c.slug AS category, j.description, a.municipality, lower(j.during) AS starts,
       upper(j.during) AS ends, r.travel_minutes, w.first_name AS worker_name, r.state, r.expires_at
FROM buddy_requests r JOIN assignments s ON s.id = r.assignment_id JOIN users w ON w.id = s.worker_id
JOIN jobs j ON j.id = r.job_id JOIN categories c ON c.id = j.category_id JOIN poster_addresses a ON a.id = j.address_id
WHERE r.buddy_id = $1 AND r.state = 'pending' AND r.expires_at > $2 ORDER BY r.expires_at, r.id`
	var rows []buddyRequestRow
	if err := db.x.SelectContext(ctx, &rows, q, buddyID, db.now()); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.BuddyRequest, len(rows))
	for i, r := range rows {
		out[i] = klusbuddy.BuddyRequest{ID: r.ID, AssignmentID: r.AssignmentID, JobID: r.JobID, Category: r.Category, Description: r.Description,
			Municipality: r.Municipality, Start: r.Starts, End: r.Ends, TravelMinutes: r.TravelMinutes, WorkerName: r.WorkerName,
			State: klusbuddy.OfferState(r.State), ExpiresAt: r.ExpiresAt}
	}
	return out, nil
}

// Accompaniments returns the jobs a buddy goes along on that have not ended (or did within a
// day), soonest first, or only the one assignment when assignmentID is not 0.
func (db *DB) Accompaniments(ctx context.Context, buddyID, assignmentID int64) ([]klusbuddy.Accompaniment, error) {
	var rows []struct {
		ID         int64  `db:"id"`
		JobID      int64  `db:"job_id"`
		WorkerName string `db:"worker_name"`
	}
	const q = `SELECT s.id, s.job_id, w.first_name AS worker_name FROM assignments s JOIN users w ON w.id = s.worker_id
WHERE s.buddy_id = $1 AND upper(s.during) > $3 AND ($2 = 0 OR s.id = $2) ORDER BY lower(s.during), s.id`
	if err := db.x.SelectContext(ctx, &rows, q, buddyID, assignmentID, db.now().Add(-klusbuddy.ContactWindow)); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.Accompaniment, 0, len(rows))
	for _, r := range rows {
		job, err := db.Job(ctx, r.JobID)
		if err != nil {
			return nil, err
		}
		day, err := db.onTheDay(ctx, klusbuddy.RoleBuddy, buddyID, r.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, klusbuddy.Accompaniment{ID: r.ID, JobID: r.JobID, WorkerName: r.WorkerName, Job: job, OnTheDay: day})
	}
	return out, nil
}

// BuddyRequestRecords returns every request made to a buddy and how it ended, for their data
// export.
func (db *DB) BuddyRequestRecords(ctx context.Context, buddyID int64) ([]klusbuddy.BuddyRequestRecord, error) {
	var rows []struct {
		ID            int64          `db:"id"`
		JobID         int64          `db:"job_id"`
		AssignmentID  *int64         `db:"assignment_id"`
		Category      string         `db:"category"`
		Municipality  string         `db:"municipality"`
		Starts        time.Time      `db:"starts"`
		Ends          time.Time      `db:"ends"`
		Wave          int            `db:"wave"`
		State         string         `db:"state"`
		Reason        sql.NullString `db:"decline_reason"`
		TravelMinutes float64        `db:"travel_minutes"`
		CreatedAt     time.Time      `db:"created_at"`
		ExpiresAt     time.Time      `db:"expires_at"`
		AnsweredAt    *time.Time     `db:"answered_at"`
	}
	const q = `SELECT r.id, r.job_id, r.assignment_id, c.slug AS category, a.municipality, lower(j.during) AS starts, upper(j.during) AS ends,
       r.wave, r.state, r.decline_reason, r.travel_minutes, r.created_at, r.expires_at, r.answered_at
FROM buddy_requests r JOIN jobs j ON j.id = r.job_id JOIN categories c ON c.id = j.category_id JOIN poster_addresses a ON a.id = j.address_id
WHERE r.buddy_id = $1 ORDER BY r.id`
	if err := db.x.SelectContext(ctx, &rows, q, buddyID); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.BuddyRequestRecord, len(rows))
	for i, r := range rows {
		out[i] = klusbuddy.BuddyRequestRecord{ID: r.ID, JobID: r.JobID, AssignmentID: r.AssignmentID, Category: r.Category,
			Municipality: r.Municipality, Start: r.Starts, End: r.Ends, Wave: r.Wave, State: klusbuddy.OfferState(r.State),
			DeclineReason: declineReason(r.Reason), TravelMinutes: r.TravelMinutes, CreatedAt: r.CreatedAt, ExpiresAt: r.ExpiresAt,
			AnsweredAt: r.AnsweredAt}
	}
	return out, nil
}

// AccompanimentRecords returns every worker's place a buddy goes or went along on, past and to
// come, for their data export.
func (db *DB) AccompanimentRecords(ctx context.Context, buddyID int64) ([]klusbuddy.AccompanimentRecord, error) {
	var rows []struct {
		AssignmentID int64     `db:"id"`
		JobID        int64     `db:"job_id"`
		Category     string    `db:"category"`
		Municipality string    `db:"municipality"`
		Starts       time.Time `db:"starts"`
		Ends         time.Time `db:"ends"`
		JobState     string    `db:"job_state"`
	}
	const q = `SELECT s.id, s.job_id, c.slug AS category, a.municipality, lower(s.during) AS starts, upper(s.during) AS ends, j.state AS job_state
FROM assignments s JOIN jobs j ON j.id = s.job_id JOIN categories c ON c.id = j.category_id JOIN poster_addresses a ON a.id = j.address_id
WHERE s.buddy_id = $1 ORDER BY lower(s.during), s.id`
	if err := db.x.SelectContext(ctx, &rows, q, buddyID); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.AccompanimentRecord, len(rows))
	for i, r := range rows {
		out[i] = klusbuddy.AccompanimentRecord{AssignmentID: r.AssignmentID, JobID: r.JobID, Category: r.Category, Municipality: r.Municipality,
			Start: r.Starts, End: r.Ends, JobState: klusbuddy.JobState(r.JobState)}
	}
	return out, nil
}
