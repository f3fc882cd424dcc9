// Package postgres stores Klusbuddy's data in PostgreSQL through sqlx and lib/pq: one file per
// resource, SQL next to the method that runs it, constraint violations mapped onto domain errors.
package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// DB is the Klusbuddy database. The pool stays inside this package: the rest of the program
// speaks to storage through its methods, in domain types (Pool hands it out only to be watched).
type DB struct {
	x     *sqlx.DB
	log   *slog.Logger
	grace time.Duration // see OpenOptions.PushGrace
	url   string        // for LISTEN, which needs a connection of its own

	// Now is the clock every time-dependent statement reads (as a parameter, never the
	// server's now()), so that tests move time instead of sleeping or editing rows.
	Now func() time.Time
	// SequencerRan is called after each pass of RunSequencer without error (metrics; nil: none).
	SequencerRan func()

	// committed wakes this DB's sequencer (RunSequencer) after each transaction it commits:
	// with OpenOptions.WakesItsSequencer, its writers send no NOTIFY.
	committed chan struct{}
}

// OpenOptions tunes Open.
type OpenOptions struct {
	MaxConns int           // most open connections; 0 means 20
	Wait     time.Duration // keep trying to connect this long (a container may start before its database)
	Logger   *slog.Logger
	// PushGrace is how long a push waits for the open app to acknowledge its event over the
	// WebSocket; 0 means DefaultPushGrace.
	PushGrace time.Duration
	// Now is the clock (default time.Now); see DB.Now.
	Now func() time.Time
	// StatementTimeout ends any statement that runs longer (0 means 30 s), and a transaction
	// left idle as long (idle_in_transaction_session_timeout): the server then closes the
	// session, so a connection the driver lost its place on comes back (docs/decisions.md).
	StatementTimeout time.Duration
	// ReadTimeout is the most a read from the database may wait (0 means twice the statement
	// timeout): the last resort for a connection that would otherwise hang forever.
	ReadTimeout time.Duration
	// WakesItsSequencer says that this process runs RunSequencer on this DB: then a
	// transaction that queues events wakes it directly when it commits, instead of sending a
	// NOTIFY (functions/notification_queued.sql). PostgreSQL serialises every notifying commit
	// on one lock across the database, which was the first wait of accepts at 500 a second
	// (docs/decisions.md). Writers that do not set it (other tools, psql) still notify, and
	// every sequencer still listens.
	WakesItsSequencer bool
	// Prepared is how many statements each connection keeps prepared (stmtcache.go); 0 means
	// 256, negative none: behind a pooler in transaction mode (PgBouncer before 1.21, or
	// without max_prepared_statements) a statement prepared on one server connection is
	// missing on the next.
	Prepared int
}

// Open connects to the database at url, retrying until opts.Wait has passed. The error never
// contains the password.
func Open(ctx context.Context, url string, opts OpenOptions) (*DB, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.MaxConns == 0 {
		opts.MaxConns = 20
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.StatementTimeout <= 0 {
		opts.StatementTimeout = 30 * time.Second
	}
	if opts.ReadTimeout <= 0 {
		opts.ReadTimeout = 2 * opts.StatementTimeout
	}
	cfg, err := pq.NewConfig(url)
	if err != nil {
		return nil, fmt.Errorf("database URL: %s", pqErrorText(err))
	}
	if cfg.Runtime == nil {
		cfg.Runtime = map[string]string{}
	}
	// Set unless the URL sets them (an operator's choice wins).
	for k, v := range map[string]time.Duration{"statement_timeout": opts.StatementTimeout, "idle_in_transaction_session_timeout": opts.StatementTimeout} {
		if _, set := cfg.Runtime[k]; !set {
			cfg.Runtime[k] = fmt.Sprintf("%dms", v.Milliseconds())
		}
	}
	if opts.WakesItsSequencer {
		cfg.Runtime[localSequencerSetting] = "on"
	}
	connector, err := pq.NewConnectorConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("database URL: %s", pqErrorText(err))
	}
	connector.Dialer(readDeadlineDialer{timeout: opts.ReadTimeout})
	if opts.Prepared == 0 {
		opts.Prepared = defaultPrepared
	}
	var conns driver.Connector = connector
	if opts.Prepared > 0 {
		conns = cachingConnector{Connector: connector, size: opts.Prepared}
	}
	db := sqlx.NewDb(sql.OpenDB(conns), "postgres")
	db.SetMaxOpenConns(opts.MaxConns)
	db.SetMaxIdleConns(opts.MaxConns)
	db.SetConnMaxIdleTime(5 * time.Minute)

	deadline := time.Now().Add(opts.Wait)
	for attempt := 1; ; attempt++ {
		pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err = db.PingContext(pingCtx)
		cancel()
		if err == nil {
			return &DB{x: db, log: opts.Logger, grace: opts.PushGrace, url: url, Now: opts.Now, committed: make(chan struct{}, 1)}, nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil || !retryable(err) {
			db.Close()
			return nil, fmt.Errorf("cannot reach the database: %s", pqErrorText(err))
		}
		if attempt == 1 {
			opts.Logger.Info("waiting for the database", "error", pqErrorText(err), "wait", opts.Wait)
		}
		select {
		case <-ctx.Done():
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// retryable tells a database that is not up yet from one that refuses us for good (bad
// password, missing database): only the first is worth waiting for.
func retryable(err error) bool {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		// 57P03: the database system is starting up.
		return pqErr.Code == "57P03"
	}
	return true // network errors: refused, reset, timeout
}

// pqErrorText turns a driver error into one line without secrets: lib/pq's messages hold no
// password, but a URL parse error may echo the URL, so those are replaced.
func pqErrorText(err error) string {
	s := err.Error()
	if strings.Contains(s, "://") {
		return "the URL is malformed"
	}
	return strings.TrimPrefix(s, "pq: ")
}

// Live reports whether the pool can still hand out a connection within ctx. It fails only
// when every connection is held and none came back in time, which a restart mends (a driver
// that lost its place, requests stuck behind a lock); a database that cannot be reached is
// Ready's business, since restarting every instance would not bring it back.
func (db *DB) Live(ctx context.Context) error {
	c, err := db.x.Conn(ctx)
	if err == nil {
		return c.Close()
	}
	if st := db.x.Stats(); st.InUse >= st.MaxOpenConnections {
		return &klusbuddy.Error{Code: klusbuddy.EUNAVAILABLE, Message: "Every database connection is held and none comes back."}
	}
	return nil
}

// Ready reports whether the database answers within ctx.
func (db *DB) Ready(ctx context.Context) error {
	var one int
	if err := db.x.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
		return unavailable()
	}
	return nil
}

// mapError turns PostgreSQL errors into domain errors; anything else is internal. The original
// error stays in the chain (for logs); callers show only the domain message.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) {
		if lostConnection(err) {
			return fmt.Errorf("%w (%v)", unavailable(), err)
		}
		return err
	}
	var code, msg string
	switch pqErr.Code {
	case "53300", "53000", "57014", "25P03": // too many connections, resources, statement timeout, idle in transaction
		return fmt.Errorf("%w (%v)", unavailable(), err)
	case "KB002": // audit_log_append_only
		code, msg = klusbuddy.EFORBIDDEN, "The audit log cannot be changed."
	case "KB001": // job_state_guard: a move klusbuddy.JobTransitions does not list
		code, msg = klusbuddy.ECONFLICT, "This job cannot take that step now."
	case "23505": // unique_violation
		code, msg = klusbuddy.ECONFLICT, "This already exists."
	case "23P01": // exclusion_violation
		code, msg = klusbuddy.ECONFLICT, "This overlaps with something that exists."
	case "23503": // foreign_key_violation
		code, msg = klusbuddy.EINVALID, "This refers to something that does not exist."
	case "23514", "23502", "22P02", "22001": // check, not null, invalid text, too long
		code, msg = klusbuddy.EINVALID, "Some values are not valid."
	case "57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006":
		return fmt.Errorf("%w (%v)", unavailable(), err)
	case "22021", "22008", "22007", "22003": // bad encoding, date out of range, bad date, number out of range
		code, msg = klusbuddy.EINVALID, "Some values are not valid."
	default:
		return err
	}
	return fmt.Errorf("%w (%v)", &klusbuddy.Error{Code: code, Message: msg}, err)
}

// unavailable is the error for a database that cannot be reached now: the API answers 503
// with Retry-After.
func unavailable() *klusbuddy.Error {
	return &klusbuddy.Error{Code: klusbuddy.EUNAVAILABLE, Message: "The database is not reachable.", RetryAfter: 5 * time.Second}
}

// lostConnection reports whether err means the database could not be reached or the
// connection broke: refused, reset, closed, timed out, or no connection came from the pool
// before the request's deadline.
func lostConnection(err error) bool {
	var netErr net.Error
	return errors.As(err, &netErr) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, driver.ErrBadConn) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, context.DeadlineExceeded)
}

// dbtx is what the statements inside a transaction need: a *sqlx.Tx (helpers take it so
// that they can run in any caller's transaction), or the pool for a statement run alone.
type dbtx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	SelectContext(ctx context.Context, dest any, query string, args ...any) error
	GetContext(ctx context.Context, dest any, query string, args ...any) error
}

// inTx runs fn in a transaction, committing when it returns nil and rolling back otherwise.
func (db *DB) inTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	return db.transact(ctx, true, fn)
}

// alone runs fn, whose writes are one statement, without BEGIN and COMMIT: the statement is its
// own transaction and commits before its answer leaves the server. In BEGIN … COMMIT its row
// locks stay held across the trip back for COMMIT, which under load waits for a core for the
// client too, while others queue behind them. A staff action still runs in a transaction, for
// the audit row that must commit with the change. wake: the statement may queue events that
// should go out now (wakeSequencer).
func (db *DB) alone(ctx context.Context, wake bool, fn func(q dbtx) error) error {
	if klusbuddy.AuditFrom(ctx) != nil {
		return db.transact(ctx, wake, func(tx *sqlx.Tx) error { return fn(tx) })
	}
	if err := fn(db.x); err != nil {
		return mapError(err)
	}
	if wake {
		db.wakeSequencer()
	}
	return nil
}

// transact is inTx; wake says whether its commit wakes the sequencer (not the sequencer's own).
func (db *DB) transact(ctx context.Context, wake bool, fn func(tx *sqlx.Tx) error) error {
	tx, err := db.x.BeginTxx(ctx, nil)
	if err != nil {
		return mapError(err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return mapError(err)
	}
	// The staff action the request carries goes into the audit log with the change it made,
	// or neither does.
	pending := klusbuddy.AuditFrom(ctx)
	e, write := pending.Take()
	if write {
		if err := db.writeAudit(ctx, tx, e); err != nil {
			_ = tx.Rollback()
			return mapError(err)
		}
	}
	if err := tx.Commit(); err != nil {
		return mapError(err)
	}
	if wake {
		db.wakeSequencer()
	}
	if write {
		pending.Done(true)
	}
	return nil
}

// localSequencerSetting is the session setting that tells the queue's trigger not to notify
// (OpenOptions.WakesItsSequencer).
const localSequencerSetting = "klusbuddy.local_sequencer"

// wakeSequencer tells this DB's sequencer that a transaction committed, which may have queued
// events; a wake-up already waiting covers this one too.
func (db *DB) wakeSequencer() {
	select {
	case db.committed <- struct{}{}:
	default:
	}
}

// SetMaxConns changes the most open connections (a benchmark with many clients wants more).
func (db *DB) SetMaxConns(n int) {
	db.x.SetMaxOpenConns(n)
	db.x.SetMaxIdleConns(n)
}

// Warm opens n connections at once and keeps them in the pool, so that what follows does not
// wait for the server to start backends (one at a time, 25 ms each on a small machine).
func (db *DB) Warm(ctx context.Context, n int) error {
	conns := make([]*sql.Conn, 0, n)
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range n {
		c, err := db.x.Conn(ctx)
		if err != nil {
			return mapError(err)
		}
		if err := c.PingContext(ctx); err != nil {
			return mapError(err)
		}
		conns = append(conns, c)
	}
	return nil
}

// Close closes the pool.
func (db *DB) Close() error { return db.x.Close() }

// Pool is the connection pool underneath, for watching its use (metrics); queries go through DB.
func (db *DB) Pool() *sql.DB { return db.x.DB }

// now is the clock's time, for the statements' $n parameters.
func (db *DB) now() time.Time { return db.Now() }

// URL is the connection string the pool was opened with (it may hold a password: never log it).
func (db *DB) URL() string { return db.url }

func (db *DB) pushGrace() time.Duration {
	if db.grace <= 0 {
		return DefaultPushGrace
	}
	return db.grace
}
