package postgres

import (
	"context"

	"github.com/jmoiron/sqlx"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// SendReminders sends the reminders that have come due, of each kind in due (in that order,
// so that instances lock the cursors alike): for up to limit jobs after the kind's cursor that
// start before its bound (klusbuddy.ReminderSettings.DueBefore), in order of start, it queues a
// reminder for everyone booked (the evening before and hours before: workers, their buddies and
// the poster, for a job still to start; the nudge: workers not checked in, and an alert to their
// coach), and moves the cursor past them, in one statement that holds the cursor's row: several
// instances send each reminder once. A cancelled job, or a person who dropped out, is no longer
// booked, so nothing goes to them. The kinds go in one transaction (one commit per sweep). The
// first sweep of a kind starts its cursor at its bound: what came due before is not sent. It
// reports whether a kind had more than limit jobs due (sweep again).
func (db *DB) SendReminders(ctx context.Context, due []klusbuddy.DueReminders, limit int) (bool, error) {
	var more bool
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		now := db.now()
		for _, d := range due {
			q := remindersQuery
			if d.Kind == klusbuddy.ReminderNudge {
				q = nudgesQuery
			}
			var r struct {
				Cursor bool `db:"cursor"`
				Jobs   int  `db:"jobs"`
				Queued int  `db:"queued"`
			}
			if err := tx.GetContext(ctx, &r, q, d.Kind, d.Before, limit, now); err != nil {
				return err
			}
			if !r.Cursor { // the first sweep of this kind
				if _, err := tx.ExecContext(ctx, `INSERT INTO reminder_cursors (kind, start, job_id) VALUES ($1, $2, 0) ON CONFLICT (kind) DO NOTHING`,
					d.Kind, d.Before); err != nil {
					return err
				}
			}
			more = more || r.Jobs == limit
		}
		return nil
	})
	return more, err
}

// The cursor of kind $1, held until the transaction ends, and the jobs after it whose reminder
// came due (starting before $2), by the index on (lower(during), id); their state is looked at
// after the batch is taken, so that the cursor moves past cancelled ones too. The cursor moves
// to the last job of the batch.
const reminderBatch = `WITH cursor AS (SELECT start, job_id FROM reminder_cursors WHERE kind = $1 FOR UPDATE),
batch AS (
    SELECT j.id, lower(j.during) AS start, upper(j.during) AS ends, j.state, j.poster_id
    FROM jobs j -- the cursor as values (not a join), so that the index starts from it
    WHERE (lower(j.during), j.id) > ((SELECT start FROM cursor), (SELECT job_id FROM cursor)) AND lower(j.during) < $2
    ORDER BY lower(j.during), j.id LIMIT $3),
last AS (SELECT start, id FROM batch ORDER BY start DESC, id DESC LIMIT 1),
moved AS (UPDATE reminder_cursors r SET start = l.start, job_id = l.id FROM last l WHERE r.kind = $1),
`

// remindersResult reports whether the cursor exists, how many jobs the batch had and how many
// reminders went out.
const remindersResult = `
SELECT EXISTS (SELECT 1 FROM cursor) AS cursor, (SELECT count(*) FROM batch) AS jobs, (SELECT count(*) FROM queued) AS queued`

// remindersQuery queues the evening-before and hours-before reminders ($6) of a batch: for the
// workers booked (not waiting for a buddy), their buddies and the poster, on jobs still to
// start.
const remindersQuery = reminderBatch + `booked AS (
    SELECT s.worker_id AS user_id, 'worker' AS role, b.id, b.start FROM batch b JOIN assignments s ON s.job_id = b.id
    WHERE b.start > $4 AND b.state IN ('offering', 'filled', 'unfilled') AND s.buddy_state <> 'searching'
    UNION ALL
    SELECT s.buddy_id, 'buddy', b.id, b.start FROM batch b JOIN assignments s ON s.job_id = b.id
    WHERE b.start > $4 AND b.state IN ('offering', 'filled', 'unfilled') AND s.buddy_id IS NOT NULL),
told AS (
    SELECT user_id, role, id, start FROM booked
    UNION ALL
    SELECT DISTINCT b.poster_id, 'poster', b.id, b.start FROM batch b JOIN booked k ON k.id = b.id AND k.role = 'worker'),
queued AS (
    INSERT INTO notification_queue (user_id, kind, data)
    SELECT user_id, 'reminder', jsonb_build_object('job_id', id, 'reminder', $1::text, 'role', role, 'starts_at', start, 'expires_at', start)
    FROM told ORDER BY start, id, role, user_id
    RETURNING 1)` + remindersResult

// nudgesQuery queues the nudge to check in for workers booked on a started job who have not
// checked in nor left, and tells their coaches on the board (coordinator_alert, not_arrived).
const nudgesQuery = reminderBatch + `missing AS (
    SELECT s.worker_id, b.id, b.ends FROM batch b JOIN assignments s ON s.job_id = b.id
    WHERE b.ends > $4 AND b.state IN ('filled', 'in_progress') AND s.buddy_state <> 'searching'
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
    RETURNING 1)` + remindersResult
