package postgres_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/postgres"
)

func newPoster(t *testing.T, sq *sqlx.DB, email string) int64 {
	t.Helper()
	var id int64
	if err := sq.Get(&id, `INSERT INTO users (role, first_name, email) VALUES ('poster', 'P', $1) RETURNING id`, email); err != nil {
		t.Fatal(err)
	}
	return id
}

// Ids must follow the order in which events become visible: a client that saw id n and asks
// for what came after n must get an event that committed later, even when its transaction
// began (and queued it) first. With the identity column alone, A's event would get the lower
// id and never be read after B's.
func TestOutboxIDsFollowCommitOrder(t *testing.T) {
	db, sq := newDB(t)
	ctx := context.Background()
	user := newPoster(t, sq, "order@example.be")

	a, err := sq.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Rollback()
	if _, err := a.Exec(`INSERT INTO notification_queue (user_id, kind, data) VALUES ($1, 'job_status', '{"n":"A"}')`, user); err != nil {
		t.Fatal(err)
	}
	if _, err := sq.Exec(`INSERT INTO notification_queue (user_id, kind, data) VALUES ($1, 'job_status', '{"n":"B"}')`, user); err != nil {
		t.Fatal(err)
	}
	seen, err := db.Notifications(ctx, user, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 1 || seen[0].Data["n"] != "B" {
		t.Fatalf("before A commits the reader sees %v, want only B", seen)
	}
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	after, err := db.Notifications(ctx, user, seen[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != 1 || after[0].Data["n"] != "A" {
		t.Fatalf("after id %d the reader gets %v, want A (committed later)", seen[0].ID, after)
	}
}

// One NOTIFY per writing transaction, however many events it queues, and one per sequencing
// with the newest id as payload.
func TestOutboxNotifiesOncePerTransaction(t *testing.T) {
	db, sq := newDB(t)
	ctx := context.Background()
	user := newPoster(t, sq, "notify@example.be")
	l := pq.NewListener(db.URL(), 10*time.Millisecond, time.Second, nil)
	defer l.Close()
	for _, ch := range []string{postgres.QueueChannel, postgres.OutboxChannel} {
		if err := l.Listen(ch); err != nil {
			t.Fatal(err)
		}
	}
	tx, err := sq.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if _, err := tx.Exec(`INSERT INTO notification_queue (user_id, kind, data) VALUES ($1, 'job_status', jsonb_build_object('i', $2::int))`, user, i); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	n, err := db.SequenceNotifications(ctx)
	if err != nil || n != 3 {
		t.Fatalf("sequenced %d, %v; want 3", n, err)
	}
	last, err := db.LastEventID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Nothing queued: an empty sequencing announces nothing.
	if n, err := db.SequenceNotifications(ctx); err != nil || n != 0 {
		t.Fatalf("second sequencing moved %d, %v", n, err)
	}
	got := map[string][]string{}
	timeout := time.After(2 * time.Second)
	for done := false; !done; {
		select {
		case m := <-l.Notify:
			got[m.Channel] = append(got[m.Channel], m.Extra)
		case <-time.After(300 * time.Millisecond):
			done = true
		case <-timeout:
			done = true
		}
	}
	if len(got[postgres.QueueChannel]) != 1 {
		t.Errorf("queue notifications: %q, want exactly one for one transaction", got[postgres.QueueChannel])
	}
	if want := []string{fmt.Sprint(last)}; len(got[postgres.OutboxChannel]) != 1 || got[postgres.OutboxChannel][0] != want[0] {
		t.Errorf("outbox notifications: %q, want %q", got[postgres.OutboxChannel], want)
	}
}

// Writers and several sequencers at once (as with several instances): every event is
// sequenced exactly once, and each user's events keep the order they were written in.
func TestOutboxConcurrentSequencers(t *testing.T) {
	db, sq := newDB(t)
	ctx := context.Background()
	users := []int64{newPoster(t, sq, "c1@example.be"), newPoster(t, sq, "c2@example.be")}
	const writers, each = 8, 40
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := db.SequenceNotifications(ctx); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	var writes sync.WaitGroup
	for w := range writers {
		writes.Add(1)
		go func() {
			defer writes.Done()
			for i := range each {
				if _, err := sq.Exec(`INSERT INTO notification_queue (user_id, kind, data) VALUES ($1, 'job_status', jsonb_build_object('w', $2::int, 'i', $3::int))`,
					users[w%2], w, i); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	writes.Wait()
	close(stop)
	wg.Wait()
	if _, err := db.SequenceNotifications(ctx); err != nil {
		t.Fatal(err)
	}
	var total, distinct, queued int
	sq.Get(&total, `SELECT count(*) FROM notifications`)
	sq.Get(&distinct, `SELECT count(DISTINCT (data->>'w', data->>'i')) FROM notifications`)
	sq.Get(&queued, `SELECT count(*) FROM notification_queue`)
	if total != writers*each || distinct != writers*each || queued != 0 {
		t.Fatalf("%d events, %d distinct, %d still queued; want %d, %d, 0", total, distinct, queued, writers*each, writers*each)
	}
	// A writer's events were committed one after another, so they must come out in that order.
	var disorder int
	sq.Get(&disorder, `SELECT count(*) FROM (
    SELECT (data->>'i')::int - lag((data->>'i')::int) OVER (PARTITION BY data->>'w' ORDER BY id) AS step FROM notifications) s
WHERE step <= 0`)
	if disorder != 0 {
		t.Fatalf("%d events came out before one written earlier by the same writer", disorder)
	}
}

// Queueing an event takes no lock on the person it is for. With a foreign key it took KEY
// SHARE on their row, and every accept queued board events for the same few coordinators: many
// transactions sharing one row lock made PostgreSQL create a multixact for each, which stalled
// accepts at 500 a second (migration 00035).
func TestQueueingLocksNoPerson(t *testing.T) {
	_, sq := newDB(t)
	ctx := context.Background()
	user := newPoster(t, sq, "nolock@example.be")
	a, err := sq.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Rollback()
	if _, err := a.Exec(`INSERT INTO notification_queue (user_id, kind, data) VALUES ($1, 'board_changed', '{"job_id": 1}')`, user); err != nil {
		t.Fatal(err)
	}
	b, err := sq.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Rollback()
	if _, err := b.Exec(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE NOWAIT`, user); err != nil {
		t.Fatalf("the person's row is locked by a queued event: %v", err)
	}
}

// The queue has no foreign key, so an event can outlive the person it is for (erased while it
// waited); the sequencer drops it and moves the rest.
func TestSequencerDropsEventsOfErasedPeople(t *testing.T) {
	db, sq := newDB(t)
	ctx := context.Background()
	gone := newPoster(t, sq, "gone@example.be")
	kept := newPoster(t, sq, "kept@example.be")
	for _, u := range []int64{gone, kept} {
		if _, err := sq.Exec(`INSERT INTO notification_queue (user_id, kind, data) VALUES ($1, 'job_status', '{}')`, u); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := sq.Exec(`DELETE FROM users WHERE id = $1`, gone); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SequenceNotifications(ctx); err != nil {
		t.Fatalf("sequencing with an erased person's event: %v", err)
	}
	var queued, delivered int
	if err := sq.Get(&queued, `SELECT count(*) FROM notification_queue`); err != nil {
		t.Fatal(err)
	}
	if err := sq.Get(&delivered, `SELECT count(*) FROM notifications WHERE user_id = $1`, kept); err != nil {
		t.Fatal(err)
	}
	if queued != 0 || delivered != 1 {
		t.Fatalf("%d events left in the queue, %d delivered to the person still there; want 0 and 1", queued, delivered)
	}
}
