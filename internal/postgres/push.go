package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// maxPushAttempts bounds the retries of one push (with backoff, about a day in all).
const maxPushAttempts = 12

// SavePushSubscription stores the device's subscription for the session, replacing the one it
// had. An endpoint belongs to one browser: when it was another session's (signed in again on
// the same phone), that one loses it.
func (db *DB) SavePushSubscription(ctx context.Context, userID, sessionID int64, s klusbuddy.PushSubscription) error {
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM push_subscriptions WHERE endpoint = $1 AND session_id <> $2`, s.Endpoint, sessionID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO push_subscriptions (user_id, session_id, endpoint, p256dh, auth) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (session_id) DO UPDATE SET endpoint = EXCLUDED.endpoint, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, updated_at = $6`,
			userID, sessionID, s.Endpoint, s.Keys.P256dh, s.Keys.Auth, db.now())
		return err
	})
}

// DeletePushSubscription forgets the session's subscription; it reports whether there was one.
func (db *DB) DeletePushSubscription(ctx context.Context, sessionID int64) (bool, error) {
	res, err := db.x.ExecContext(ctx, `DELETE FROM push_subscriptions WHERE session_id = $1`, sessionID)
	if err != nil {
		return false, mapError(err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// pushClaimLock is the advisory lock claims of pushes take turns on (functions/claim_push_batch.sql).
const pushClaimLock = 0x6b6c7570 // "klup"

// ClaimPushes takes up to limit pushes that are due as one claim, for lease: another sender
// (instance) skips them meanwhile, and takes them over if this one dies before it reports.
// CompletePushes gives the claim back.
func (db *DB) ClaimPushes(ctx context.Context, limit int, lease time.Duration) ([]klusbuddy.Push, error) {
	rows, err := db.x.QueryContext(ctx, `SELECT * FROM claim_push_batch($1, $2, $3, $4, $5)`, // functions/claim_push_batch.sql
		pushClaimLock, limit, lease.Milliseconds(), maxPushAttempts, db.now())
	if err != nil {
		return nil, mapError(err)
	}
	defer rows.Close()
	var out []klusbuddy.Push
	for rows.Next() {
		var p klusbuddy.Push
		var raw []byte
		var starts sql.NullTime
		pl := &p.Payload
		if err := rows.Scan(&p.Claim, &p.ID, &p.Endpoint, &p.P256dh, &p.Auth, &p.Topic, &p.Urgency, &p.ExpiresAt, &p.Attempts,
			&pl.ID, &pl.Kind, &raw, &pl.Lang, &pl.Category, &pl.Icon, &pl.Municipality, &starts); err != nil {
			return nil, err
		}
		var data map[string]any
		_ = json.Unmarshal(raw, &data)
		pl.V, pl.Tag = 1, p.Topic
		pl.OfferID, pl.JobID, pl.RequestID = idOf(data["offer_id"]), idOf(data["job_id"]), idOf(data["request_id"])
		pl.Person, pl.Role = stringOf(data["first_name"]), stringOf(data["role"])
		if starts.Valid {
			pl.StartsAt = &starts.Time
		}
		if t, err := time.Parse(time.RFC3339Nano, stringOf(data["expires_at"])); err == nil {
			pl.ExpiresAt = &t
		} else if p.Payload.Kind.OpensPush() {
			pl.ExpiresAt = &p.ExpiresAt // no expiry of its own (hours to answer): the push's
		}
		out = append(out, p)
	}
	return out, mapError(rows.Err())
}

func idOf(v any) int64 {
	f, _ := v.(float64)
	return int64(f)
}

// CompletePushes records what became of claimed pushes, in one statement
// (functions/record_pushes.sql): sent ones leave the outbox for push_sent, which keeps a day
// which topic each device was sent (a later "taken" needs to know), retries wait, gone
// subscriptions are deleted with their pushes, and the rest are dropped. It gives back the
// claims done, all of whose pushes are recorded (by this call or before).
func (db *DB) CompletePushes(ctx context.Context, outcomes []klusbuddy.PushOutcome, done []int64) error {
	sent := map[int][]int64{} // by the push service's status: one group nearly always (201)
	var retry, retryStatus, gone, dropped []int64
	var retryAt []time.Time
	var goneEndpoints []string
	for _, o := range outcomes {
		switch o.Result {
		case klusbuddy.PushSent:
			sent[o.Status] = append(sent[o.Status], o.ID)
		case klusbuddy.PushRetry:
			retry, retryStatus, retryAt = append(retry, o.ID), append(retryStatus, int64(o.Status)), append(retryAt, o.RetryAt)
		case klusbuddy.PushGone:
			gone, goneEndpoints = append(gone, o.ID), append(goneEndpoints, o.Endpoint)
		default:
			dropped = append(dropped, o.ID)
		}
	}
	var sentIDs, sentStatus, sentCount []int64
	for _, status := range slices.Sorted(maps.Keys(sent)) {
		sentIDs = append(sentIDs, sent[status]...)
		sentStatus, sentCount = append(sentStatus, int64(status)), append(sentCount, int64(len(sent[status])))
	}
	// One round trip, without BEGIN and COMMIT: the function's statements are one transaction.
	return db.alone(ctx, false, func(q dbtx) error {
		_, err := q.ExecContext(ctx, `SELECT record_pushes($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
			db.now(), maxPushAttempts, pq.Array(sentIDs), pq.Array(sentStatus), pq.Array(sentCount),
			pq.Array(retry), pq.Array(retryStatus), pq.Array(retryAt), pq.Array(gone), pq.Array(goneEndpoints),
			pq.Array(dropped), pq.Array(done))
		return err
	})
}

// PurgeSentPushes forgets pushes sent more than a day ago, and pushes that will never go out:
// out of attempts (a sender died with them too often), past their TTL, or replaced by a
// newer push on the same topic. With them go the match board's events older than a day: an
// open board has taken them, and one opened later loads the whole board anyway.
func (db *DB) PurgeSentPushes(ctx context.Context) (int64, error) {
	if _, err := db.x.ExecContext(ctx, `DELETE FROM notifications WHERE kind = 'board_changed' AND created_at < $1::timestamptz - interval '1 day'`,
		db.now()); err != nil {
		return 0, mapError(err)
	}
	sent, err := db.x.ExecContext(ctx, `DELETE FROM push_sent t WHERE sent_at < $1::timestamptz - interval '1 day'
OR NOT EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.id = t.subscription_id)`, db.now())
	if err != nil {
		return 0, mapError(err)
	}
	// sent_at: pushes marked sent by an instance of the version before push_sent.
	res, err := db.x.ExecContext(ctx, `DELETE FROM push_outbox p WHERE sent_at < $2::timestamptz - interval '1 day'
OR (sent_at IS NULL AND not_before < $2 AND coalesce(leased_until, '-infinity') < $2
    AND id NOT IN (SELECT unnest(pushes) FROM push_claims WHERE until > $2) AND (attempts >= $1 OR expires_at < $2
    OR EXISTS (SELECT 1 FROM push_outbox q WHERE q.subscription_id = p.subscription_id AND q.topic = p.topic AND q.id > p.id)))`, maxPushAttempts, db.now())
	if err != nil {
		return 0, mapError(err)
	}
	n, _ := sent.RowsAffected()
	m, _ := res.RowsAffected()
	return n + m, nil
}

var errNoVAPID = errors.New("no VAPID keys stored")

// VAPIDKeys returns the stored key pair, creating it with generate when there is none; every
// instance ends up with the one that was stored first.
func (db *DB) VAPIDKeys(ctx context.Context, generate func() (public, private string, err error)) (public, private string, err error) {
	err = db.x.QueryRowContext(ctx, `SELECT public_key, private_key FROM vapid_keys`).Scan(&public, &private)
	if err == nil {
		return public, private, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", "", mapError(err)
	}
	pub, priv, err := generate()
	if err != nil {
		return "", "", err
	}
	if _, err := db.x.ExecContext(ctx, `INSERT INTO vapid_keys (public_key, private_key) VALUES ($1, $2) ON CONFLICT DO NOTHING`, pub, priv); err != nil {
		return "", "", mapError(err)
	}
	err = db.x.QueryRowContext(ctx, `SELECT public_key, private_key FROM vapid_keys`).Scan(&public, &private)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", errNoVAPID
	}
	return public, private, mapError(err)
}

// PushSubscriptionRecords returns the person's push subscriptions (where pushes go, without the
// keys), for their data export.
func (db *DB) PushSubscriptionRecords(ctx context.Context, userID int64) ([]klusbuddy.PushSubscriptionRecord, error) {
	var rows []struct {
		Endpoint  string    `db:"endpoint"`
		CreatedAt time.Time `db:"created_at"`
		UpdatedAt time.Time `db:"updated_at"`
	}
	const q = `SELECT endpoint, created_at, updated_at FROM push_subscriptions WHERE user_id = $1 ORDER BY id`
	if err := db.x.SelectContext(ctx, &rows, q, userID); err != nil {
		return nil, mapError(err)
	}
	out := make([]klusbuddy.PushSubscriptionRecord, len(rows))
	for i, r := range rows {
		out[i] = klusbuddy.PushSubscriptionRecord{Endpoint: r.Endpoint, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	}
	return out, nil
}
