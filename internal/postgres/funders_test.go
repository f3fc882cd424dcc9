package postgres_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// TestExportLetsGoWhenTheClientDoes: an export whose context ends mid-stream (the client went
// away) returns at once and leaves no session behind in the database — neither a query still
// running nor a transaction left open — and an unknown organisation is ENOTFOUND before any
// row.
func TestExportLetsGoWhenTheClientDoes(t *testing.T) {
	db, sq := newDB(t)
	data := demo.Data()
	data.History = demo.History(data)
	if err := db.Seed(context.Background(), data); err != nil {
		t.Fatal(err)
	}
	f := klusbuddy.ExportFilter{Kind: klusbuddy.ExportAssignments, From: time.Now().AddDate(-1, 0, 0), To: time.Now().AddDate(0, 0, 1),
		Language: klusbuddy.Dutch}
	ctx, cancel := context.WithCancel(context.Background())
	var total, rows int
	err := db.ExportAssignments(ctx, f, func(n int) error { total = n; return nil }, func(*klusbuddy.AssignmentExportRow) error {
		if rows++; rows == 2 {
			cancel() // the client is gone
		}
		return ctx.Err()
	})
	if !errors.Is(err, context.Canceled) || total < 5 || rows != 2 {
		t.Fatalf("err %v after %d of %d rows", err, rows, total)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		var left int
		if err := sq.Get(&left, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
			AND (state LIKE 'idle in transaction%' OR (state = 'active' AND query LIKE '%FROM assignments s%'))`); err != nil {
			t.Fatal(err)
		}
		if left == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d sessions still busy with the abandoned export", left)
		}
		time.Sleep(50 * time.Millisecond)
	}

	f.OrganisationID = 999_999
	err = db.ExportJobs(context.Background(), f, func(int) error { t.Error("begun for an unknown organisation"); return nil },
		func(*klusbuddy.JobExportRow) error { return nil })
	if e, ok := err.(*klusbuddy.Error); !ok || e.Code != klusbuddy.ENOTFOUND {
		t.Errorf("unknown organisation: %v", err)
	}
}
