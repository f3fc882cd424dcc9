package postgres_test

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/pgcluster"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
)

// The backup docs/operations.md describes, tested (issue 15): pg_dump in the custom format of a
// database with history, pg_restore into an empty database, and Klusbuddy finds it current
// (nothing to migrate, every stored function and trigger as in this binary), every table with
// the same rows, and new rows take new ids (the identities' positions came along).
func TestBackupRestoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	bin, err := pgcluster.FindBinaries()
	if err != nil {
		t.Fatalf("PostgreSQL's programs (pg_dump, pg_restore) are needed: %v", err)
	}
	db, sq := newDB(t)
	if err := db.Seed(ctx, demo.Data()); err != nil {
		t.Fatal(err)
	}
	genImpact(t, sq, 5, 60, time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC))

	dump := filepath.Join(t.TempDir(), "klusbuddy.dump")
	run := func(name string, args ...string) {
		t.Helper()
		if out, err := exec.CommandContext(ctx, filepath.Join(bin, name), args...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
	}
	run("pg_dump", "--format=custom", "--no-owner", "--file="+dump, db.URL())
	target := emptyDatabase(t)
	run("pg_restore", "--no-owner", "--exit-on-error", "--dbname="+target, dump)

	restored, err := postgres.Open(ctx, target, postgres.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	if applied, err := restored.Migrate(ctx); err != nil || len(applied) != 0 {
		t.Fatalf("migrating the restored database: %d applied, %v; want nothing to do", len(applied), err)
	}
	if stale, err := restored.StaleSchemaParts(ctx); err != nil || len(stale) > 0 {
		t.Fatalf("restored schema: %v %v", stale, err)
	}
	rq := pgtest.SQL(t, restored)
	counts := func(x interface {
		Select(dest any, query string, args ...any) error
	}) map[string]int64 {
		var rows []struct {
			Table string `db:"relname"`
			N     int64  `db:"n"`
		}
		if err := x.Select(&rows, `SELECT c.relname, (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I', c.relname), false, true, '')))[1]::text::bigint AS n
FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public' AND c.relkind = 'r'`); err != nil {
			t.Fatal(err)
		}
		out := map[string]int64{}
		for _, r := range rows {
			out[r.Table] = r.N
		}
		return out
	}
	before, after := counts(sq), counts(rq)
	if len(before) < 30 || before["jobs"] == 0 || before["timesheets"] == 0 {
		t.Fatalf("the source holds too little to prove anything: %v", before)
	}
	for table, n := range before {
		if after[table] != n {
			t.Errorf("%s: %d rows restored, %d dumped", table, after[table], n)
		}
	}
	var triggers [2]int
	sq.Get(&triggers[0], `SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal`)
	rq.Get(&triggers[1], `SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal`)
	if triggers[0] != triggers[1] || triggers[0] == 0 {
		t.Errorf("triggers: %d dumped, %d restored", triggers[0], triggers[1])
	}
	var user int64
	rq.Get(&user, `SELECT id FROM users ORDER BY id LIMIT 1`)
	if _, err := rq.Exec(`INSERT INTO notifications (user_id, kind) VALUES ($1, 'job_status')`, user); err != nil {
		t.Errorf("a new row in the restored database: %v", err)
	}
}
