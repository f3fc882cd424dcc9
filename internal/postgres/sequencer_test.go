package postgres_test

import (
	"context"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

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
