package pgcluster

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindBinaries(t *testing.T) {
	notFound := func(string) (string, error) { return "", errors.New("not found") }

	t.Run("NoneInstalled", func(t *testing.T) {
		_, err := findBinaries(notFound, []string{filepath.Join(t.TempDir(), "*", "bin")})
		if !errors.Is(err, ErrNoBinaries) || !strings.Contains(err.Error(), "apt-get install postgresql") {
			t.Fatalf("err = %v, want a message naming what to install", err)
		}
	})
	t.Run("NewestVersionFolder", func(t *testing.T) {
		root := t.TempDir()
		for _, v := range []string{"13", "16", "9"} {
			dir := filepath.Join(root, v, "bin")
			os.MkdirAll(dir, 0o755)
			for _, b := range []string{"initdb", "postgres"} {
				os.WriteFile(filepath.Join(dir, b), nil, 0o755)
			}
		}
		got, err := findBinaries(notFound, []string{filepath.Join(root, "*", "bin")})
		if err != nil || got != filepath.Join(root, "16", "bin") {
			t.Fatalf("got %q, %v", got, err)
		}
	})
	t.Run("ThisMachine", func(t *testing.T) {
		// The test suite itself needs PostgreSQL's binaries, so they must be found here.
		dir, err := FindBinaries()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(dir, "initdb")); err != nil {
			t.Fatal(err)
		}
	})
}

func TestVersionOf(t *testing.T) {
	for path, want := range map[string]int{"/usr/lib/postgresql/15/bin": 15, "/usr/pgsql-16/bin": 16, "/opt/homebrew/opt/postgresql@17/bin": 17, "/usr/bin": 0} {
		if got := versionOf(path); got != want {
			t.Errorf("versionOf(%q) = %d, want %d", path, got, want)
		}
	}
}

// Halted and resumed on the same folder and socket, the cluster keeps what was committed and a
// pool that was open before serves again with the same URL.
func TestRestart(t *testing.T) {
	root, err := os.MkdirTemp("", "klusbuddy-pgcluster-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	os.Chmod(root, 0o755) // the cluster may run as another user (when we are root)
	ctx := context.Background()
	c, err := Start(ctx, Options{Dir: filepath.Join(root, "pg"), Throwaway: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Stop(context.Background()) })
	db, err := sql.Open("postgres", c.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)`); err != nil {
		t.Fatal(err)
	}
	if err := c.Halt(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.PingContext(ctx); err == nil {
		t.Fatal("the database answers while halted")
	}
	if err := c.Resume(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.Resume(ctx); err == nil {
		t.Fatal("Resume of a running cluster did not refuse")
	}
	var n int
	for range 3 { // the pool's connections from before fail once each
		if err = db.QueryRowContext(ctx, `SELECT n FROM kept`).Scan(&n); err == nil {
			break
		}
	}
	if err != nil || n != 42 {
		t.Fatalf("after the restart: %d, %v", n, err)
	}
	if err := c.Restart(ctx); err != nil {
		t.Fatal(err)
	}
}
