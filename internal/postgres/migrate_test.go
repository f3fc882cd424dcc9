package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/postgres"
	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
	"github.com/klusbuddy/klusbuddy/migrations"
)

func TestMigrate(t *testing.T) {
	t.Run("TemplateIsUpToDate", func(t *testing.T) {
		db, _ := newDB(t)
		v, err := db.SchemaVersion(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		// The newest migration's number (helpers working at once are given numbers ahead, so
		// a branch may skip some until they merge).
		files, _ := migrations.FS.ReadDir(".")
		newest := 0
		for _, f := range files {
			var n int
			if _, err := fmt.Sscanf(f.Name(), "%05d_", &n); err == nil && len(f.Name()) > 4 && f.Name()[len(f.Name())-4:] == ".sql" {
				newest = max(newest, n)
			}
		}
		if v.Behind() || v.Target != int64(newest) {
			t.Fatalf("schema version %+v, want current = target = %d", v, newest)
		}
	})

	t.Run("ConcurrentInstancesTakeTurns", func(t *testing.T) {
		// Five instances start at once on an empty database: the advisory lock lets one migrate
		// and the others find nothing left to do; none fails.
		url := emptyDatabase(t)
		var wg sync.WaitGroup
		applied := make([]int, 5)
		errs := make([]error, 5)
		for i := range 5 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				db, err := postgres.Open(context.Background(), url, postgres.OpenOptions{MaxConns: 2})
				if err != nil {
					errs[i] = err
					return
				}
				defer db.Close()
				res, err := db.Migrate(context.Background())
				applied[i], errs[i] = len(res), err
			}()
		}
		wg.Wait()
		total := 0
		for i := range 5 {
			if errs[i] != nil {
				t.Fatalf("instance %d: %v", i, errs[i])
			}
			total += applied[i]
		}
		files, _ := migrations.FS.ReadDir(".")
		if want := len(files); total != want {
			t.Fatalf("migrations applied in all = %d, want each of the %d once", total, want)
		}
	})

	t.Run("ALongMigrationOutlastsTheRequestTimeout", func(t *testing.T) {
		// Requests get a statement timeout; a migration backfilling a large table must not (00031
		// on a million jobs ran past 30 s). With a timeout far shorter than the migrations (on the
		// pool's connections they fail), they still pass.
		ctx := context.Background()
		db, err := postgres.Open(ctx, emptyDatabase(t), postgres.OpenOptions{StatementTimeout: 20 * time.Millisecond,
			ReadTimeout: 30 * time.Second}) // by default twice the statement timeout: 40 ms, which a busy machine's first ping overran
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Migrate(ctx); err != nil {
			t.Fatalf("migrating under a 20 ms request timeout: %v", err)
		}
	})

	t.Run("StatusListsPendingThenApplied", func(t *testing.T) {
		db, err := postgres.Open(context.Background(), emptyDatabase(t), postgres.OpenOptions{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		st, err := db.MigrationStatuses(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(st) == 0 || !st[0].AppliedAt.IsZero() {
			t.Fatalf("fresh database: status %+v, want all pending", st)
		}
		if v, _ := db.SchemaVersion(context.Background()); !v.Behind() {
			t.Fatalf("fresh database reports not behind: %+v", v)
		}
		if _, err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		st, _ = db.MigrationStatuses(context.Background())
		for _, s := range st {
			if s.AppliedAt.IsZero() {
				t.Fatalf("after migrate, %s still pending", s.Name)
			}
		}
	})
}

// Every stored function's live source is its file in migrations/functions: the database holds
// exactly those, as written, and the list of job moves is the Go one. The check notices a
// function changed behind the files' back, one no file holds, and a changed list; a migration
// run puts them right.
func TestStoredFunctionsAreTheirFiles(t *testing.T) {
	db, sq := newDB(t)
	ctx := context.Background()
	stale, err := db.StaleSchemaParts(ctx)
	if err != nil || len(stale) != 0 {
		t.Fatalf("fresh database: stale %v (%v)", stale, err)
	}
	sq.MustExec(`CREATE OR REPLACE FUNCTION move_job(p_job bigint, p_to text, p_actor bigint, p_at timestamptz, p_late boolean DEFAULT false)
RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN UPDATE jobs SET state = p_to WHERE id = p_job; END $fn$`)
	sq.MustExec(`CREATE FUNCTION stray() RETURNS int LANGUAGE sql AS 'SELECT 1'`)
	sq.MustExec(`DELETE FROM job_state_transitions WHERE from_state = 'filled' AND to_state = 'offering'`)
	stale, err = db.StaleSchemaParts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"function move_job differs from migrations/functions/move_job.sql",
		"function stray has no file in migrations/functions",
		"job_state_transitions differs from klusbuddy.JobTransitions",
	}
	if !slices.Equal(stale, want) {
		t.Fatalf("stale parts\n%q\nwant\n%q", stale, want)
	}
	sq.MustExec(`DROP FUNCTION stray()`)
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if stale, err := db.StaleSchemaParts(ctx); err != nil || len(stale) != 0 {
		t.Fatalf("after migrating: stale %v (%v)", stale, err)
	}
}

// emptyDatabase makes a database without the schema, dropped when t ends.
func emptyDatabase(t *testing.T) string {
	t.Helper()
	url := pgtest.NewDatabaseURL(t)
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`); err != nil {
		t.Fatal(err)
	}
	return url
}
