package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The channels of PostgreSQL's LISTEN/NOTIFY that real-time delivery uses. Payloads are small:
// nothing on the queue channel, the newest sequenced id on the outbox channel.
const (
	QueueChannel  = "klusbuddy_queue"  // an event was queued (one NOTIFY per writing transaction)
	OutboxChannel = "klusbuddy_outbox" // events were sequenced up to the id in the payload
)

// sequencerLock is the advisory lock that lets one sequencer run at a time, across instances.
const sequencerLock = 0x6b6c7573 // "klus"

// DefaultPushGrace is how long a push waits for the open app to acknowledge the event over its
// WebSocket before it goes out.
const DefaultPushGrace = 2 * time.Second

// pushTopic names what a push is about, so that a newer push replaces an older one at the push
// service and on the phone (RFC 8030 Topic): the offer, the buddy request, the job's reminder
// (which its nudge to check in, or its cancellation, replaces), the safety report or the
// timesheet waiting for an answer. It is ""
// for an event whose push replaces nothing.
func pushTopic(kind klusbuddy.EventKind, data map[string]any) string {
	key, prefix := "offer_id", "offer-"
	switch kind {
	case klusbuddy.EventBuddyRequest, klusbuddy.EventBuddyRequestClosed:
		key, prefix = "request_id", "buddy-"
	case klusbuddy.EventReminder, klusbuddy.EventCheckinNudge:
		key, prefix = "job_id", "job-"
	case klusbuddy.EventJobStatus:
		if data["state"] != string(klusbuddy.JobCancelled) {
			return ""
		}
		key, prefix = "job_id", "job-"
	case klusbuddy.EventSafetyAlert:
		key, prefix = "report_id", "safety-"
	case klusbuddy.EventHoursToConfirm, klusbuddy.EventHoursToApprove, klusbuddy.EventHoursDisputed:
		key, prefix = "sheet_id", "hours-"
	}
	if id, ok := data[key].(float64); ok && id > 0 {
		return prefix + strconv.FormatInt(int64(id), 10)
	}
	return ""
}

// SequenceNotifications moves the events that have committed to the queue into notifications,
// in queue order, and queues their pushes; then it announces the newest id on OutboxChannel.
// Callers take turns on an advisory lock, so ids are handed out in the order they become
// visible. It returns how many events moved.
func (db *DB) SequenceNotifications(ctx context.Context) (int, error) {
	moved := 0
	err := db.transact(ctx, false, func(tx *sqlx.Tx) error {
		// The lock, the move and the announcement in one call (functions/sequence_events.sql);
		// the pushes below join the same transaction.
		rows, err := tx.QueryContext(ctx, `SELECT o_id, o_user, o_kind, o_data FROM sequence_events($1, $2)`, sequencerLock, OutboxChannel)
		if err != nil {
			return err
		}
		var openers, closers struct {
			ids, users        []int64
			topics, urgencies []string
			expires           []time.Time
			atOnce            []bool
		}
		for rows.Next() {
			var id, user int64
			var kind klusbuddy.EventKind
			var raw []byte
			if err := rows.Scan(&id, &user, &kind, &raw); err != nil {
				rows.Close()
				return err
			}
			moved++
			if !kind.OpensPush() && !kind.ClosesPush() {
				continue
			}
			var data map[string]any
			_ = json.Unmarshal(raw, &data)
			topic := pushTopic(kind, data)
			if topic == "" {
				continue
			}
			if kind.OpensPush() {
				exp, err := time.Parse(time.RFC3339Nano, stringOf(data["expires_at"]))
				if err != nil {
					exp = db.now().Add(klusbuddy.DefaultPushTTL)
				}
				openers.ids, openers.users, openers.topics, openers.expires = append(openers.ids, id), append(openers.users, user), append(openers.topics, topic), append(openers.expires, exp)
				openers.urgencies = append(openers.urgencies, kind.PushUrgency())
				openers.atOnce = append(openers.atOnce, kind.PushAtOnce())
			} else {
				closers.ids, closers.users, closers.topics = append(closers.ids, id), append(closers.users, user), append(closers.topics, topic)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if moved == 0 {
			return nil
		}
		if len(openers.ids) > 0 {
			// One push per device of the person, held back for the grace period (unless it
			// goes at once, and then it stays when the app acknowledges its event).
			if _, err := tx.ExecContext(ctx, `INSERT INTO push_outbox (subscription_id, user_id, notification_id, topic, urgency, expires_at, not_before, stays)
SELECT s.id, s.user_id, x.id, x.topic, x.urgency, x.expires_at,
       $6::timestamptz + CASE WHEN x.at_once THEN interval '0' ELSE $5 * interval '1 millisecond' END, x.at_once
FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::timestamptz[], $7::text[], $8::boolean[]) AS x(id, user_id, topic, expires_at, urgency, at_once)
JOIN push_subscriptions s ON s.user_id = x.user_id
WHERE x.expires_at > $6`, pq.Array(openers.ids), pq.Array(openers.users), pq.Array(openers.topics), pq.Array(openers.expires),
				db.pushGrace().Milliseconds(), db.now(), pq.Array(openers.urgencies), pq.Array(openers.atOnce)); err != nil {
				return err
			}
		}
		if len(closers.ids) > 0 {
			// A push not yet taken by a sender is simply dropped. One that went out (push_sent),
			// or may have (in a claim, or tried before: attempts), is followed by a push with the
			// same topic, which replaces it on the phone or at the push service; the sender never
			// sends an older push for a topic once a newer one waits (ClaimPushes). A claim
			// whose sender died counts as one that may have gone out.
			if _, err := tx.ExecContext(ctx, `WITH x AS (
    SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS x(id, user_id, topic)),
dropped AS (
    DELETE FROM push_outbox p USING x WHERE p.user_id = x.user_id AND p.topic = x.topic AND p.sent_at IS NULL AND p.attempts = 0
        AND p.id NOT IN (SELECT unnest(pushes) FROM push_claims))
INSERT INTO push_outbox (subscription_id, user_id, notification_id, topic, urgency, expires_at, not_before, stays)
SELECT DISTINCT ON (p.subscription_id, x.topic) p.subscription_id, x.user_id, x.id, x.topic, 'normal', $4::timestamptz + interval '1 day', $4, true
FROM x CROSS JOIN LATERAL (
    SELECT p.subscription_id FROM push_outbox p WHERE p.user_id = x.user_id AND p.topic = x.topic
        AND (p.sent_at IS NOT NULL OR p.attempts > 0 OR p.id IN (SELECT unnest(pushes) FROM push_claims))
    UNION ALL
    SELECT t.subscription_id FROM push_subscriptions s JOIN push_sent t ON t.subscription_id = s.id AND t.topic = x.topic WHERE s.user_id = x.user_id) p
ORDER BY p.subscription_id, x.topic, x.id DESC`, pq.Array(closers.ids), pq.Array(closers.users), pq.Array(closers.topics), db.now()); err != nil {
				return err
			}
		}
		return nil
	})
	return moved, err
}

func stringOf(v any) string {
	s, _ := v.(string)
	return s
}

// flushFor sequences the queue first when it holds events for the user, so that a read right
// after a write sees it (the background sequencer would a moment later).
func (db *DB) flushFor(ctx context.Context, userID int64) error {
	var pending bool
	if err := db.x.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM notification_queue WHERE user_id = $1)`, userID).Scan(&pending); err != nil {
		return mapError(err)
	}
	if !pending {
		return nil
	}
	_, err := db.SequenceNotifications(ctx)
	return err
}

// EventsAfter returns up to limit sequenced events for anyone, after id `after`, oldest first:
// what an instance hands to the sockets it holds.
func (db *DB) EventsAfter(ctx context.Context, after int64, limit int) ([]klusbuddy.Event, error) {
	rows, err := db.x.QueryContext(ctx, `SELECT id, user_id, kind, data, created_at FROM notifications WHERE id > $1 ORDER BY id LIMIT $2`, after, limit)
	if err != nil {
		return nil, mapError(err)
	}
	defer rows.Close()
	var out []klusbuddy.Event
	for rows.Next() {
		var e klusbuddy.Event
		var data []byte
		if err := rows.Scan(&e.ID, &e.UserID, &e.Kind, &data, &e.CreatedAt); err != nil {
			return nil, err
		}
		_ = json.Unmarshal(data, &e.Data)
		out = append(out, e)
	}
	return out, mapError(rows.Err())
}

// LastEventID is the newest sequenced id, for anyone (0 when there is none).
func (db *DB) LastEventID(ctx context.Context) (int64, error) {
	var id sql.NullInt64
	err := db.x.QueryRowContext(ctx, `SELECT max(id) FROM notifications`).Scan(&id)
	return id.Int64, mapError(err)
}

// LastNotificationID is the newest id of one person (0 when there is none), after sequencing
// what they have waiting: a socket that opens now starts after everything committed before.
func (db *DB) LastNotificationID(ctx context.Context, userID int64) (int64, error) {
	if err := db.flushFor(ctx, userID); err != nil {
		return 0, err
	}
	var id sql.NullInt64
	err := db.x.QueryRowContext(ctx, `SELECT max(id) FROM notifications WHERE user_id = $1`, userID).Scan(&id)
	return id.Int64, mapError(err)
}

// Acknowledge records that the person's open app got their events up to id: the pushes that
// have not gone out are not needed. Pushes that replace one already sent stay (another of the
// person's phones may be showing it), and so do those that go at once (safety alerts).
func (db *DB) Acknowledge(ctx context.Context, userID, id int64) error {
	_, err := db.x.ExecContext(ctx, `DELETE FROM push_outbox WHERE user_id = $1 AND notification_id <= $2 AND sent_at IS NULL AND attempts = 0 AND NOT stays`, userID, id)
	return mapError(err)
}

// notify writes an event to a person's outbox, in the caller's transaction.
func notify(ctx context.Context, tx dbtx, userID int64, kind klusbuddy.EventKind, data map[string]any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO notification_queue (user_id, kind, data) VALUES ($1, $2, $3)`, userID, kind, b)
	return err
}

// Notifications returns a person's events after id `after`, oldest first, a page at a time.
func (db *DB) Notifications(ctx context.Context, userID, after int64) ([]klusbuddy.Notification, error) {
	return db.personEvents(ctx, userID, after, 200)
}

// NotificationRecords returns every event in a person's outbox, oldest first, for their data
// export.
func (db *DB) NotificationRecords(ctx context.Context, userID int64) ([]klusbuddy.Notification, error) {
	return db.personEvents(ctx, userID, 0, 0)
}

// LatestNotifications returns a person's newest n events, newest first (the app's list), without
// the board's (a coordinator's screen reloading a job is no news).
func (db *DB) LatestNotifications(ctx context.Context, userID int64, n int) ([]klusbuddy.Notification, error) {
	if err := db.flushFor(ctx, userID); err != nil {
		return nil, err
	}
	rows, err := db.x.QueryContext(ctx, `SELECT id, kind, data, created_at FROM notifications WHERE user_id = $1 AND kind <> 'board_changed'
ORDER BY id DESC LIMIT $2`, userID, n)
	if err != nil {
		return nil, mapError(err)
	}
	return scanNotifications(rows)
}

// personEvents reads a person's events after id `after`, up to limit (0: all), after
// sequencing what they have waiting so that a read right after a write sees it.
func (db *DB) personEvents(ctx context.Context, userID, after int64, limit int) ([]klusbuddy.Notification, error) {
	if err := db.flushFor(ctx, userID); err != nil {
		return nil, err
	}
	rows, err := db.x.QueryContext(ctx, `SELECT id, kind, data, created_at FROM notifications WHERE user_id = $1 AND id > $2 ORDER BY id
LIMIT CASE WHEN $3 > 0 THEN $3 END`, userID, after, limit)
	if err != nil {
		return nil, mapError(err)
	}
	return scanNotifications(rows)
}

func scanNotifications(rows *sql.Rows) ([]klusbuddy.Notification, error) {
	defer rows.Close()
	out := []klusbuddy.Notification{}
	for rows.Next() {
		var n klusbuddy.Notification
		var data []byte
		if err := rows.Scan(&n.ID, &n.Kind, &data, &n.CreatedAt); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(data, &n.Data); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, mapError(rows.Err())
}
