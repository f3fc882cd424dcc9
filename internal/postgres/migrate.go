package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/pressly/goose/v3"

	"github.com/klusbuddy/klusbuddy/migrations"
)

// migrationLockID is the advisory lock key that serialises migrations across instances that
// start at once ("klusbuddy" in ASCII, as a number).
const migrationLockID = 0x6b6c757362756479

// MigrationStatus is one migration and whether it has been applied.
type MigrationStatus struct {
	Version   int64
	Name      string
	AppliedAt time.Time // zero when pending
}

// SchemaVersion is where the database stands against the migrations in this binary.
type SchemaVersion struct {
	Current, Target int64
}

// Behind reports whether migrations are pending.
func (v SchemaVersion) Behind() bool { return v.Current < v.Target }

func (db *DB) provider() (*goose.Provider, error) {
	return db.providerOn(db.x.DB)
}

func (db *DB) providerOn(x *sql.DB) (*goose.Provider, error) {
	return goose.NewProvider(goose.DialectPostgres, x, migrations.FS, goose.WithDisableGlobalRegistry(true))
}

// migrationConns opens one connection to the database without the pool's statement timeout and
// socket read deadline: a migration that backfills a column of a large table takes minutes,
// where a request must never (00031 on a million jobs failed at the 30 s timeout).
func (db *DB) migrationConns() (*sql.DB, error) {
	cfg, err := pq.NewConfig(db.url)
	if err != nil {
		return nil, fmt.Errorf("database URL: %s", pqErrorText(err))
	}
	if cfg.Runtime == nil {
		cfg.Runtime = map[string]string{}
	}
	cfg.Runtime["statement_timeout"] = "0"
	cfg.Runtime["idle_in_transaction_session_timeout"] = "0"
	connector, err := pq.NewConnectorConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("database URL: %s", pqErrorText(err))
	}
	x := sql.OpenDB(connector)
	x.SetMaxOpenConns(1)
	return x, nil
}

// Migrate applies every pending migration, then the stored functions and the list of job moves
// (functions.go), all under one advisory lock so that instances starting together take turns;
// each migration runs in its own transaction.
func (db *DB) Migrate(ctx context.Context) ([]MigrationStatus, error) {
	unlock, err := db.lockMigrations(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	mx, err := db.migrationConns()
	if err != nil {
		return nil, err
	}
	defer mx.Close()
	p, err := db.providerOn(mx)
	if err != nil {
		return nil, err
	}
	results, err := p.Up(ctx)
	if err != nil {
		var partial *goose.PartialError
		if errors.As(err, &partial) && partial.Failed != nil {
			return nil, fmt.Errorf("migration %s failed: %v", partial.Failed.Source.Path, partial.Err)
		}
		return nil, fmt.Errorf("migrating: %w", err)
	}
	applied := make([]MigrationStatus, 0, len(results))
	for _, r := range results {
		applied = append(applied, MigrationStatus{Version: r.Source.Version, Name: r.Source.Path, AppliedAt: time.Now()})
	}
	if err := applyFunctions(ctx, sqlx.NewDb(mx, "postgres")); err != nil {
		return applied, err
	}
	return applied, nil
}

// lockMigrations takes the migration lock on a connection of its own, waiting up to five
// minutes for another instance's migration (checked every second); unlock gives it back.
func (db *DB) lockMigrations(ctx context.Context) (unlock func(), err error) {
	conn, err := db.x.Conn(ctx)
	if err != nil {
		return nil, mapError(err)
	}
	for attempt := 0; ; attempt++ {
		var got bool
		if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, int64(migrationLockID)).Scan(&got); err != nil {
			conn.Close()
			return nil, mapError(err)
		}
		if got {
			break
		}
		if attempt >= 300 {
			conn.Close()
			return nil, errors.New("another instance has been migrating the database for five minutes; giving up")
		}
		select {
		case <-ctx.Done():
			conn.Close()
			return nil, ctx.Err()
		case <-time.After(time.Second):
		}
	}
	return func() {
		// A connection that went away has released the lock with it.
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(migrationLockID))
		conn.Close()
	}, nil
}

// MigrationStatuses lists every migration of this binary with when it was applied.
func (db *DB) MigrationStatuses(ctx context.Context) ([]MigrationStatus, error) {
	p, err := db.provider()
	if err != nil {
		return nil, err
	}
	st, err := p.Status(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]MigrationStatus, 0, len(st))
	for _, s := range st {
		out = append(out, MigrationStatus{Version: s.Source.Version, Name: s.Source.Path, AppliedAt: s.AppliedAt})
	}
	return out, nil
}

// SchemaVersion returns the database's schema version and the one this binary needs.
func (db *DB) SchemaVersion(ctx context.Context) (SchemaVersion, error) {
	p, err := db.provider()
	if err != nil {
		return SchemaVersion{}, err
	}
	cur, target, err := p.GetVersions(ctx)
	return SchemaVersion{Current: cur, Target: target}, err
}

// WriteStatus prints the migration status as a table.
func WriteStatus(w io.Writer, st []MigrationStatus) {
	for _, s := range st {
		when := "pending"
		if !s.AppliedAt.IsZero() {
			when = s.AppliedAt.UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(w, "%05d  %-40s  %s\n", s.Version, s.Name, when)
	}
}
