package postgres_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
)

// An error message over 30,000 bytes makes lib/pq lose its place in the protocol, and the
// rollback that follows waits for bytes that never come (docs/decisions.md). The domain and
// the schema's length checks keep such text away; should a value get through all the same,
// the connection comes back: the server ends the transaction left idle, the read fails, the
// pool opens another. Here a column's length check is dropped and the storage is handed a
// buddy's 40,000-character municipality, which the foreign key on postcodes quotes whole in
// its error, more times at once than the pool has connections.
func TestLongErrorDoesNotHoldAConnection(t *testing.T) {
	url := pgtest.NewDatabaseURL(t)
	db, err := postgres.Open(context.Background(), url, postgres.OpenOptions{MaxConns: 2, StatementTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sq := pgtest.SQL(t, db)
	if err := db.Seed(context.Background(), demo.Data()); err != nil {
		t.Fatal(err)
	}
	sq.MustExec(`ALTER TABLE buddy_profiles DROP CONSTRAINT buddy_profiles_area_length`)
	var buddy int64
	sq.Get(&buddy, `SELECT user_id FROM buddy_profiles ORDER BY user_id LIMIT 1`)
	p, err := db.Person(context.Background(), buddy)
	if err != nil {
		t.Fatal(err)
	}
	p.Buddy.Municipality = strings.Repeat("x", 40_000)

	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			_, err := db.SavePerson(context.Background(), p, 0)
			errs <- err
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("writes with a 40,000-character value still hold their connections after 30 s")
	}
	close(errs)
	for err := range errs {
		if err == nil {
			t.Fatal("a 40,000-character municipality was stored")
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := db.Ready(ctx); err != nil {
		t.Fatalf("the pool does not serve afterwards: %v", err)
	}
	if _, err := db.Person(ctx, buddy); err != nil {
		t.Fatalf("the pool does not serve afterwards: %v", err)
	}
}
