package postgres

import (
	"context"
	"database/sql"
	"errors"
)

// IdempotentResult returns the stored answer to an earlier request with this key, if any.
func (db *DB) IdempotentResult(ctx context.Context, userID int64, key string) (int, []byte, bool, error) {
	var status int
	var body []byte
	err := db.x.QueryRowContext(ctx, `SELECT status, body FROM idempotency_keys WHERE user_id = $1 AND key = $2`, userID, key).Scan(&status, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, false, nil
	}
	return status, body, err == nil, mapError(err)
}

// StoreIdempotentResult keeps the answer to a request with this key (the first one stored wins).
func (db *DB) StoreIdempotentResult(ctx context.Context, userID int64, key string, status int, body []byte) error {
	_, err := db.x.ExecContext(ctx, `INSERT INTO idempotency_keys (user_id, key, status, body) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
		userID, key, status, body)
	return mapError(err)
}
