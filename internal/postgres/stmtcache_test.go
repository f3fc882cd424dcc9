package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"github.com/klusbuddy/klusbuddy/internal/postgres"
	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
)

// oneConn is one connection of db's own pool (the one the program's statements go through).
func oneConn(t *testing.T, pool *sql.DB) *sql.Conn {
	t.Helper()
	conn, err := pool.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// preparedCount is how many statements the connection holds prepared with the given text (or
// all of them, for "").
func preparedCount(t *testing.T, conn *sql.Conn, text string) int {
	t.Helper()
	var n int
	if err := conn.QueryRowContext(context.Background(), `SELECT count(*) FROM pg_prepared_statements WHERE $1 IN (statement, '')`, text).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A statement run again on a connection is bound to the statement prepared the first time, not
// parsed and planned anew (lib/pq alone sends it unnamed each time).
func TestPoolKeepsStatementsPrepared(t *testing.T) {
	db, _ := newDB(t)
	conn := oneConn(t, db.Pool())
	ctx := context.Background()
	const q = `SELECT $1::int + 1`
	for i := range 3 {
		var got int
		if err := conn.QueryRowContext(ctx, q, i).Scan(&got); err != nil || got != i+1 {
			t.Fatalf("run %d: %d, %v", i, got, err)
		}
	}
	if n := preparedCount(t, conn, q); n != 1 {
		t.Errorf("%q is prepared %d times on the connection, want once", q, n)
	}
	// Several statements in one text without parameters still go as one simple query.
	if _, err := conn.ExecContext(ctx, `CREATE TEMPORARY TABLE scratch (id int); INSERT INTO scratch VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	// In a transaction too, and a statement that fails there leaves the rest as it was.
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO scratch VALUES ($1)`, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO scratch VALUES ($1::int / 0)`, 3); err == nil {
		t.Fatal("division by zero went through")
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	var rows int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM scratch WHERE id > $1`, 0).Scan(&rows); err != nil || rows != 1 {
		t.Errorf("after the rollback: %d rows, %v; want the first one alone", rows, err)
	}
}

// A connection keeps a bounded number of statements: the least recently used are deallocated.
func TestPreparedStatementsAreBounded(t *testing.T) {
	db, _ := newDB(t)
	conn := oneConn(t, db.Pool())
	for i := range 400 {
		var got int
		if err := conn.QueryRowContext(context.Background(), fmt.Sprintf(`SELECT $1::int + %d`, i), 1).Scan(&got); err != nil || got != i+1 {
			t.Fatalf("statement %d: %d, %v", i, got, err)
		}
	}
	if n := preparedCount(t, conn, ""); n > 260 || n < 200 {
		t.Errorf("%d statements prepared after 400 different ones; want the cache's size (256)", n)
	}
}

// A migration that changes what a prepared statement returns makes its next run fail
// ("cached plan must not change result type"); the run after it prepares the statement again.
func TestPreparedStatementAfterASchemaChange(t *testing.T) {
	db, sq := newDB(t)
	conn := oneConn(t, db.Pool())
	ctx := context.Background()
	sq.MustExec(`CREATE TABLE scratch (id int); INSERT INTO scratch VALUES (1)`)
	const q = `SELECT * FROM scratch WHERE id = $1`
	columns := func() (int, error) {
		rows, err := conn.QueryContext(ctx, q, 1)
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		cols, err := rows.Columns()
		return len(cols), err
	}
	if n, err := columns(); err != nil || n != 1 {
		t.Fatalf("before: %d columns, %v", n, err)
	}
	sq.MustExec(`ALTER TABLE scratch ADD COLUMN name text`)
	n, err := columns()
	if err != nil {
		n, err = columns() // the statement is prepared anew
	}
	if err != nil || n != 2 {
		t.Errorf("after the change: %d columns, %v; want 2", n, err)
	}
}

// With Prepared negative (KLUSBUDDY_DB_PREPARED=0, behind a pooler in transaction mode) the
// pool prepares nothing under a name.
func TestPoolWithoutPreparedStatements(t *testing.T) {
	db, err := postgres.Open(context.Background(), pgtest.NewDatabaseURL(t), postgres.OpenOptions{Prepared: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn := oneConn(t, db.Pool())
	const q = `SELECT $1::int + 1`
	for i := range 3 {
		var got int
		if err := conn.QueryRowContext(context.Background(), q, i).Scan(&got); err != nil || got != i+1 {
			t.Fatalf("run %d: %d, %v", i, got, err)
		}
	}
	if n := preparedCount(t, conn, ""); n != 0 {
		t.Errorf("%d statements prepared on the connection, want none", n)
	}
}
