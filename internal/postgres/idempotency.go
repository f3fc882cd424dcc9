package postgres

import (
	"context"
	"database/sql"
	"errors"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// IdempotentResult returns the stored answer to an earlier request with this key, if any, with
// the fingerprint of that request (nil for answers stored before fingerprints were kept).
func (db *DB) IdempotentResult(ctx context.Context, userID int64, key string) (klusbuddy.StoredAnswer, bool, error) {
	var a klusbuddy.StoredAnswer
	err := db.x.QueryRowContext(ctx, `SELECT status, body, fingerprint FROM idempotency_keys WHERE user_id = $1 AND key = $2`, userID, key).
		Scan(&a.Status, &a.Body, &a.Fingerprint)
	if errors.Is(err, sql.ErrNoRows) {
		return a, false, nil
	}
	return a, err == nil, mapError(err)
}

// StoreIdempotentResult keeps the answer to a request with this key (the first one stored wins).
func (db *DB) StoreIdempotentResult(ctx context.Context, userID int64, key string, a klusbuddy.StoredAnswer) error {
	_, err := db.x.ExecContext(ctx, `INSERT INTO idempotency_keys (user_id, key, status, body, fingerprint, created_at)
VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`, userID, key, a.Status, a.Body, a.Fingerprint, db.now())
	return mapError(err)
}
