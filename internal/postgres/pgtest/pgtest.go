// Package pgtest gives every test its own fresh, migrated PostgreSQL database.
//
// The server is TEST_DATABASE_URL's when it is set and reachable, otherwise a private cluster
// started once for the test binary (see internal/pgcluster; `make test` starts one for the whole
// run and passes it down as TEST_DATABASE_URL). Migrations run once, into a template database;
// each test then gets `CREATE DATABASE … TEMPLATE`, which takes milliseconds, and its database is
// dropped when the test ends. Call Main from TestMain so that the template and the cluster go
// away when the package's tests are done.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/pgcluster"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
)

// A test binary is one process with one set of databases; this state is what Main cleans up.
var (
	mainCalled bool
	setupOnce  sync.Once
	setupErr   error
	adminURL   string
	template   string
	cluster    *pgcluster.Cluster
	clusterDir string
)

// Main runs the tests of a package that uses NewDB and then removes what they left: the
// template database and, when one was started, the private cluster.
func Main(m *testing.M) { os.Exit(Run(m)) }

// Run is Main for a TestMain that has more to clean up: it returns the exit code.
func Run(m *testing.M) int {
	mainCalled = true
	code := m.Run()
	teardown()
	return code
}

func setup() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		if err := ping(ctx, u); err == nil {
			adminURL = u
		} else {
			fmt.Fprintf(os.Stderr, "pgtest: TEST_DATABASE_URL is not reachable (%v); starting a private cluster instead\n", err)
		}
	}
	if adminURL == "" {
		var err error
		// The cluster may run as another user (when we are root), who must be able to enter it.
		if clusterDir, err = os.MkdirTemp("", "klusbuddy-test-"); err != nil {
			return err
		}
		if err := os.Chmod(clusterDir, 0o755); err != nil {
			return err
		}
		cluster, err = pgcluster.Start(ctx, pgcluster.Options{Dir: clusterDir + "/pg", Throwaway: true})
		if err != nil {
			return fmt.Errorf("starting a private PostgreSQL cluster for the tests: %w", err)
		}
		adminURL = cluster.URL("postgres")
	}
	template = "kbtest_tmpl_" + randomHex()
	if err := exec(ctx, adminURL, "CREATE DATABASE "+pq.QuoteIdentifier(template)); err != nil {
		return fmt.Errorf("creating the template database: %w", err)
	}
	db, err := postgres.Open(ctx, withDatabase(adminURL, template), postgres.OpenOptions{MaxConns: 2})
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return fmt.Errorf("migrating the template database: %w", err)
	}
	return nil
}

func teardown() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if template != "" {
		if err := exec(ctx, adminURL, "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(template)+" WITH (FORCE)"); err != nil {
			fmt.Fprintf(os.Stderr, "pgtest: dropping the template: %v\n", err)
		}
	}
	if cluster != nil {
		if err := cluster.Stop(ctx); err != nil {
			fmt.Fprintf(os.Stderr, "pgtest: stopping the private cluster: %v\n", err)
		}
		os.RemoveAll(clusterDir)
	}
}

// NewDatabaseURL creates a fresh, migrated database for t and returns its URL; the database is
// dropped (and any connection to it ended) when t finishes.
func NewDatabaseURL(t testing.TB) string {
	t.Helper()
	if !mainCalled {
		t.Fatal("pgtest: call pgtest.Main(m) from TestMain in this package")
	}
	setupOnce.Do(func() { setupErr = setup() })
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	name := "kbtest_" + randomHex()
	ctx := context.Background()
	if err := exec(ctx, adminURL, "CREATE DATABASE "+pq.QuoteIdentifier(name)+" TEMPLATE "+pq.QuoteIdentifier(template)); err != nil {
		t.Fatalf("pgtest: creating database: %v", err)
	}
	t.Cleanup(func() {
		if err := exec(context.Background(), adminURL, "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(name)+" WITH (FORCE)"); err != nil {
			t.Errorf("pgtest: dropping database %s: %v", name, err)
		}
	})
	return withDatabase(adminURL, name)
}

// NewDB returns an open connection pool on a fresh, migrated database for t.
func NewDB(t testing.TB) *postgres.DB {
	t.Helper()
	u := NewDatabaseURL(t)
	db, err := postgres.Open(context.Background(), u, postgres.OpenOptions{MaxConns: 20, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("pgtest: opening database: %v", err)
	}
	t.Cleanup(func() { db.Close() }) // runs before the drop: cleanups run last-in first-out
	t.Cleanup(func() { checkJobMoves(t, u) })
	return db
}

// checkJobMoves replays every move of a job that the test recorded against the one list of
// allowed moves (klusbuddy.JobTransitions): each move is allowed, each starts where the one
// before ended, and the last ends where the job stands. Every test database is checked before
// it is dropped, so a whole test run, busy as it is, is replayed.
func checkJobMoves(t testing.TB, u string) {
	x, err := sqlx.Open("postgres", u)
	if err != nil {
		t.Errorf("pgtest: %v", err)
		return
	}
	defer x.Close()
	var moves []struct {
		Job   int64          `db:"job_id"`
		From  sql.NullString `db:"from_state"`
		To    string         `db:"to_state"`
		State string         `db:"state"`
	}
	if err := x.Select(&moves, `SELECT t.job_id, t.from_state, t.to_state, j.state
FROM job_transitions t JOIN jobs j ON j.id = t.job_id ORDER BY t.job_id, t.id`); err != nil {
		t.Errorf("pgtest: reading the recorded job moves: %v", err)
		return
	}
	for i, m := range moves {
		first := i == 0 || moves[i-1].Job != m.Job
		last := i == len(moves)-1 || moves[i+1].Job != m.Job
		switch {
		case !m.From.Valid && (m.To != string(klusbuddy.JobOpen) || !first):
			t.Errorf("job %d: recorded as posted into %s", m.Job, m.To)
		case m.From.Valid && !klusbuddy.JobState(m.From.String).CanMoveTo(klusbuddy.JobState(m.To)):
			t.Errorf("job %d: recorded a move from %s to %s, which klusbuddy.JobTransitions does not allow", m.Job, m.From.String, m.To)
		case !first && m.From.Valid && m.From.String != moves[i-1].To:
			t.Errorf("job %d: moved from %s after it was recorded in %s", m.Job, m.From.String, moves[i-1].To)
		case last && m.To != m.State:
			t.Errorf("job %d: the last recorded move is to %s, the job is %s", m.Job, m.To, m.State)
		}
	}
}

// SQL returns a pool of its own on db's database, for what a test arranges or checks in SQL
// directly; the program itself reaches the database only through postgres.DB's methods.
func SQL(t testing.TB, db *postgres.DB) *sqlx.DB {
	t.Helper()
	x, err := sqlx.Open("postgres", db.URL())
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	x.SetMaxOpenConns(10)
	t.Cleanup(func() { x.Close() })
	return x
}

func withDatabase(rawURL, name string) string {
	u, err := url.Parse(rawURL)
	if err != nil || !strings.HasPrefix(u.Scheme, "postgres") {
		panic("pgtest: TEST_DATABASE_URL must be a postgres:// URL")
	}
	u.Path = "/" + name
	return u.String()
}

func ping(ctx context.Context, u string) error {
	db, err := sql.Open("postgres", u)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	return db.PingContext(ctx)
}

func exec(ctx context.Context, u, stmt string) error {
	db, err := sql.Open("postgres", u)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, stmt)
	return err
}

func randomHex() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}
