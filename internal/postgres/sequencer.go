package postgres

import (
	"context"
	"time"

	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/pgnotify"
)

// RunSequencer keeps the outbox moving until ctx ends: it sequences what writers queued when
// this DB's transactions commit (OpenOptions.WakesItsSequencer) or other writers announce it on
// QueueChannel, and every `every` as a safety net (a NOTIFY sent while the listener was
// reconnecting is lost, as is the wake-up of a write outside a transaction; the queue is not).
// Every instance runs one, whether or not it holds sockets: sockets (internal/realtime) and
// pushes (internal/push) read only what has been sequenced. Sequencers take turns on an advisory lock (SequenceNotifications). It returns
// nil when ctx ends, or the error that stopped it from listening at all.
func (db *DB) RunSequencer(ctx context.Context, every time.Duration) error {
	if every <= 0 {
		every = 5 * time.Second
	}
	l := pq.NewListener(db.url, 100*time.Millisecond, 5*time.Second, func(ev pq.ListenerEventType, err error) {
		switch ev {
		case pq.ListenerEventDisconnected:
			db.log.Warn("outbox: lost the sequencer's listener; reconnecting", "error", err)
		case pq.ListenerEventConnectionAttemptFailed:
			db.log.Warn("outbox: the sequencer's listener cannot connect", "error", err)
		}
	})
	defer pgnotify.Close(l)
	if err := l.Listen(QueueChannel); err != nil {
		return err
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	pinging := make(chan struct{}, 1)
	var vacuumed time.Time
	moved := 0
	for {
		// Whatever was queued before we listened, after a NOTIFY, a reconnection (nil) or a tick.
		if n, err := db.SequenceNotifications(ctx); err != nil && ctx.Err() == nil {
			db.log.Warn("outbox: sequencing", "error", err)
		} else if err == nil {
			moved += n
			if db.SequencerRan != nil {
				db.SequencerRan()
			}
		}
		if moved > 0 && time.Since(vacuumed) >= queueVacuumEvery {
			db.vacuumQueues(ctx)
			vacuumed, moved = time.Now(), 0
		}
		select {
		case <-ctx.Done():
			return nil
		case <-l.Notify:
			// Writers that notify (other processes) do so once per transaction: those that
			// committed during the run are in the queue for the next one, which is one run,
			// not one per notification.
			drain(l.Notify)
		case <-db.committed:
			// A transaction of this process committed (OpenOptions.WakesItsSequencer).
		case <-tick.C:
			// pq's advice for noticing a dead listener connection; one ping at a time, since on
			// a connection that hangs they would pile up.
			select {
			case pinging <- struct{}{}:
				go func() { defer func() { <-pinging }(); _ = l.Ping() }()
			default:
			}
		}
	}
}

// drain takes the notifications already waiting on c, without waiting for more.
func drain(c <-chan *pq.Notification) {
	for {
		select {
		case <-c:
		default:
			return
		}
	}
}

// queueVacuumEvery is how often a busy sequencer vacuums the queues it empties.
const queueVacuumEvery = 2 * time.Second

// vacuumQueues clears the dead rows out of the queues: every pass reads a queue whole, and
// autovacuum comes by once a minute at most, by when a busy queue is tens of thousands of dead
// rows that each pass reads again (at 500 accepts a second that made a pass cost milliseconds).
// No truncation: it would lock the writers out for a moment. A queue that another instance is
// vacuuming is skipped.
func (db *DB) vacuumQueues(ctx context.Context) {
	if _, err := db.x.ExecContext(ctx, `VACUUM (TRUNCATE false, SKIP_LOCKED) notification_queue, board_queue`); err != nil && ctx.Err() == nil {
		db.log.Warn("outbox: vacuuming the queues", "error", err)
	}
}
