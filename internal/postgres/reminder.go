package postgres

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// SendReminders sends the reminders of kind k that have come due: for up to limit jobs after
// the kind's cursor that start before dueBefore (klusbuddy.ReminderSettings.DueBefore), in
// order of start, it queues a reminder for everyone booked (the evening before and hours
// before: workers, their buddies and the poster, for a job still to start; the nudge: workers
// not checked in, and an alert to their coach), then moves the cursor past them. The cursor's
// row is locked for the sweep: instances take turns and each reminder goes out once. A job
// cancelled, or a person who dropped out, is no longer booked, so nothing goes to them. The
// first sweep of a kind starts its cursor at dueBefore: what came due before Klusbuddy knew
// about reminders is not sent. It returns how many jobs the cursor moved past.
func (db *DB) SendReminders(ctx context.Context, k klusbuddy.ReminderKind, dueBefore time.Time, limit int) (int, error) {
	var n int
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO reminder_cursors (kind, start, job_id) VALUES ($1, $2, 0) ON CONFLICT (kind) DO NOTHING`,
			k, dueBefore); err != nil {
			return err
		}
		var cursor struct {
			Start time.Time `db:"start"`
			JobID int64     `db:"job_id"`
		}
		if err := tx.GetContext(ctx, &cursor, `SELECT start, job_id FROM reminder_cursors WHERE kind = $1 FOR UPDATE`, k); err != nil {
			return err
		}
		q := remindersQuery
		if k == klusbuddy.ReminderNudge {
			q = nudgesQuery
		}
		var last struct {
			Start  *time.Time `db:"start"`
			JobID  *int64     `db:"id"`
			Jobs   int        `db:"jobs"`
			Queued int        `db:"queued"`
		}
		if err := tx.GetContext(ctx, &last, q, cursor.Start, cursor.JobID, dueBefore, limit, db.now(), k); err != nil {
			return err
		}
		n = last.Jobs
		if n == 0 {
			return nil
		}
		_, err := tx.ExecContext(ctx, `UPDATE reminder_cursors SET start = $2, job_id = $3 WHERE kind = $1`, k, *last.Start, *last.JobID)
		return err
	})
	return n, err
}

// The jobs after the cursor that came due, by the index on (lower(during), id); their state is
// looked at after the batch is taken, so that the cursor moves past cancelled ones too.
const reminderBatch = `WITH batch AS (
    SELECT j.id, lower(j.during) AS start, upper(j.during) AS ends, j.state, j.poster_id
    FROM jobs j
    WHERE (lower(j.during), j.id) > ($1::timestamptz, $2::bigint) AND lower(j.during) < $3
    ORDER BY lower(j.during), j.id LIMIT $4),
last AS (SELECT start, id FROM batch ORDER BY start DESC, id DESC LIMIT 1),
`

// remindersQuery queues the evening-before and hours-before reminders ($6) of a batch: for the
// workers booked (not waiting for a buddy), their buddies and the poster, on jobs still to
// start.
const remindersQuery = reminderBatch + `booked AS (
    SELECT s.worker_id AS user_id, 'worker' AS role, b.id, b.start FROM batch b JOIN assignments s ON s.job_id = b.id
    WHERE b.start > $5 AND b.state IN ('offering', 'filled', 'unfilled') AND s.buddy_state <> 'searching'
    UNION ALL
    SELECT s.buddy_id, 'buddy', b.id, b.start FROM batch b JOIN assignments s ON s.job_id = b.id
    WHERE b.start > $5 AND b.state IN ('offering', 'filled', 'unfilled') AND s.buddy_id IS NOT NULL),
told AS (
    SELECT user_id, role, id, start FROM booked
    UNION ALL
    SELECT DISTINCT b.poster_id, 'poster', b.id, b.start FROM batch b JOIN booked k ON k.id = b.id AND k.role = 'worker'),
queued AS (
    INSERT INTO notification_queue (user_id, kind, data)
    SELECT user_id, 'reminder', jsonb_build_object('job_id', id, 'reminder', $6::text, 'role', role, 'starts_at', start, 'expires_at', start)
    FROM told ORDER BY start, id, role, user_id
    RETURNING 1)
SELECT (SELECT start FROM last) AS start, (SELECT id FROM last) AS id, (SELECT count(*) FROM batch) AS jobs,
       (SELECT count(*) FROM queued) AS queued`

// nudgesQuery queues the nudge to check in for workers booked on a started job who have not
// checked in nor left, and tells their coaches on the board (coordinator_alert, not_arrived).
const nudgesQuery = reminderBatch + `missing AS (
    SELECT s.worker_id, b.id, b.ends FROM batch b JOIN assignments s ON s.job_id = b.id
    WHERE b.ends > $5 AND b.state IN ('filled', 'in_progress') AND s.buddy_state <> 'searching' AND $6::text = 'nudge'
      AND NOT EXISTS (SELECT 1 FROM attendance t WHERE t.job_id = b.id AND t.person_id = s.worker_id)
      AND NOT EXISTS (SELECT 1 FROM safety_reports r WHERE r.job_id = b.id AND r.person_id = s.worker_id)),
told AS (
    SELECT worker_id AS user_id, 'checkin_nudge' AS kind, jsonb_build_object('job_id', id, 'expires_at', ends) AS data, id FROM missing
    UNION ALL
    SELECT c.id, 'coordinator_alert', jsonb_build_object('job_id', m.id, 'worker_id', m.worker_id, 'reason', 'not_arrived'), m.id
    FROM missing m JOIN users w ON w.id = m.worker_id
    JOIN users c ON c.organisation_id = w.organisation_id AND c.role = 'coordinator' AND c.deleted_at IS NULL),
queued AS (
    INSERT INTO notification_queue (user_id, kind, data) SELECT user_id, kind, data FROM told ORDER BY id, kind DESC, user_id
    RETURNING 1)
SELECT (SELECT start FROM last) AS start, (SELECT id FROM last) AS id, (SELECT count(*) FROM batch) AS jobs,
       (SELECT count(*) FROM queued) AS queued`
