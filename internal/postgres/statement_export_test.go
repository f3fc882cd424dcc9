package postgres

import (
	"context"

	"github.com/jmoiron/sqlx"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// StatementQueryForBench is the monthly statement's query, for EXPLAIN in the benchmark.
var StatementQueryForBench = posterStatementQuery

// QueueForTest queues an event for a person in a transaction of db's own, as its writers do.
func (db *DB) QueueForTest(ctx context.Context, userID int64, kind klusbuddy.EventKind) error {
	return db.inTx(ctx, func(tx *sqlx.Tx) error { return notify(ctx, tx, userID, kind, map[string]any{}) })
}
