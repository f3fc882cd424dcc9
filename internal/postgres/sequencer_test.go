package postgres_test

import (
	"context"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
)

// The sequencer stops when asked while NOTIFYs pour in and its listener is being pinged.
// lib/pq's Listener hands notifications over under its lock: with nobody reading them any
// more, a ping waits for an answer that never comes and Close waits for the ping, so an
// instance's shutdown hung (seen in BenchmarkPostToSocket at 50 posts a second).
func TestSequencerStopsUnderNotifications(t *testing.T) {
	db := pgtest.NewDB(t)
	sq := pgtest.SQL(t, db)
	for round := range 20 {
		ctx, cancel := context.WithCancel(context.Background())
		stopped := make(chan error, 1)
		go func() { stopped <- db.RunSequencer(ctx, time.Millisecond) }() // a ping every tick
		flood, quiet := context.WithCancel(context.Background())
		var sent atomic.Int64
		go func() {
			for flood.Err() == nil {
				sq.ExecContext(flood, `SELECT pg_notify($1, ''), pg_notify($1, ''), pg_notify($1, ''), pg_notify($1, '')`, postgres.QueueChannel)
				sent.Add(4)
			}
		}()
		for sent.Load() < 200 { // the flood under way (the pings run every millisecond)
			runtime.Gosched()
		}
		cancel()
		select {
		case err := <-stopped:
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		case <-time.After(15 * time.Second):
			quiet()
			t.Fatalf("round %d: the sequencer did not stop within 15 s of being asked", round)
		}
		quiet()
	}
}

// An instance that runs its own sequencer (OpenOptions.WakesItsSequencer) sends no NOTIFY when
// it queues events: it wakes its sequencer itself when the transaction commits, and the event
// is sequenced at once, with the safety net's tick an hour away. Every notifying commit waits
// for one lock across the database (docs/decisions.md). Other writers still notify.
func TestSequencerWokenByItsOwnCommits(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabaseURL(t)
	db, err := postgres.Open(ctx, url, postgres.OpenOptions{WakesItsSequencer: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sq := pgtest.SQL(t, db)
	user := newPoster(t, sq, "wakes@example.be")

	l := pq.NewListener(url, 10*time.Millisecond, time.Second, nil)
	defer l.Close()
	for _, ch := range []string{postgres.QueueChannel, postgres.OutboxChannel} {
		if err := l.Listen(ch); err != nil {
			t.Fatal(err)
		}
	}
	run, stop := context.WithCancel(ctx)
	stopped := make(chan error, 1)
	go func() { stopped <- db.RunSequencer(run, time.Hour) }()
	defer func() {
		stop()
		if err := <-stopped; err != nil {
			t.Error(err)
		}
	}()
	next := func() *pq.Notification {
		select {
		case n := <-l.Notify:
			return n
		case <-time.After(10 * time.Second):
			t.Fatal("no notification within 10 s")
			return nil
		}
	}
	// The sequencer's first pass runs as it starts, on an empty queue: nothing to announce.
	if err := db.QueueForTest(ctx, user, klusbuddy.EventJobStatus); err != nil {
		t.Fatal(err)
	}
	// Notifications arrive in commit order: had the write notified, its NOTIFY would come
	// before the outbox's announcement of the event it queued.
	if n := next(); n.Channel != postgres.OutboxChannel {
		t.Fatalf("first notification on %s %q, want the outbox's announcement (the write must not notify)", n.Channel, n.Extra)
	}
	events, err := db.Notifications(ctx, user, 0)
	if err != nil || len(events) != 1 || events[0].Kind != klusbuddy.EventJobStatus {
		t.Fatalf("sequenced: %v (%v), want the one job_status event", events, err)
	}

	// A writer without the setting (another tool, psql) still notifies.
	if _, err := sq.Exec(`INSERT INTO notification_queue (user_id, kind, data) VALUES ($1, 'job_status', '{}')`, user); err != nil {
		t.Fatal(err)
	}
	if n := next(); n.Channel != postgres.QueueChannel {
		t.Fatalf("after a plain write: a notification on %s, want %s", n.Channel, postgres.QueueChannel)
	}
	if n := next(); n.Channel != postgres.OutboxChannel {
		t.Fatalf("after a plain write: %s, want the outbox's announcement", n.Channel)
	}
}
