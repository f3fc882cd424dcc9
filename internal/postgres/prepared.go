package postgres

import (
	"context"
	"database/sql"
	"sync"

	"github.com/jmoiron/sqlx"
)

// dbtx is what the statements inside a transaction need: a plain *sqlx.Tx, or a preparedTx.
type dbtx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	SelectContext(ctx context.Context, dest any, query string, args ...any) error
	GetContext(ctx context.Context, dest any, query string, args ...any) error
}

// statements caches prepared statements by their text for the hot paths (accepting an offer):
// lib/pq otherwise sends every statement unnamed, and PostgreSQL parses and plans it on each
// call, which for the accept's caps query costs more than running it.
type statements struct {
	m         sync.Map // query → *sqlx.Stmt
	preparing sync.Map // query → true while it is being prepared
}

// preparedTx runs statements in tx through db's prepared statements (prepared once per
// connection by database/sql, then planned once by PostgreSQL).
type preparedTx struct {
	tx *sqlx.Tx
	db *DB
}

func (db *DB) prepared(tx *sqlx.Tx) preparedTx { return preparedTx{tx: tx, db: db} }

// stmt returns q's prepared statement bound to the transaction, or nil the first time: the
// statement is then prepared in the background, since preparing it on the pool here would wait
// for a free connection while this transaction holds one (with every connection in an accept,
// nothing would move).
func (p preparedTx) stmt(ctx context.Context, q string) *sqlx.Stmt {
	s, ok := p.db.stmts.m.Load(q)
	if !ok {
		if _, busy := p.db.stmts.preparing.LoadOrStore(q, true); !busy {
			go func() {
				if prepared, err := p.db.x.PreparexContext(context.Background(), q); err == nil {
					p.db.stmts.m.Store(q, prepared)
				} else {
					p.db.stmts.preparing.Delete(q) // try again another time
				}
			}()
		}
		return nil
	}
	return p.tx.StmtxContext(ctx, s.(*sqlx.Stmt))
}

func (p preparedTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if s := p.stmt(ctx, q); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return p.tx.ExecContext(ctx, q, args...)
}

func (p preparedTx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if s := p.stmt(ctx, q); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return p.tx.QueryContext(ctx, q, args...)
}

func (p preparedTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if s := p.stmt(ctx, q); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return p.tx.QueryRowContext(ctx, q, args...)
}

func (p preparedTx) SelectContext(ctx context.Context, dest any, q string, args ...any) error {
	if s := p.stmt(ctx, q); s != nil {
		return s.SelectContext(ctx, dest, args...)
	}
	return p.tx.SelectContext(ctx, dest, q, args...)
}

func (p preparedTx) GetContext(ctx context.Context, dest any, q string, args ...any) error {
	if s := p.stmt(ctx, q); s != nil {
		return s.GetContext(ctx, dest, args...)
	}
	return p.tx.GetContext(ctx, dest, q, args...)
}
