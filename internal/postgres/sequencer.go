package postgres

import (
	"context"
	"time"

	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/pgnotify"
)

// RunSequencer keeps the outbox moving until ctx ends: it sequences what writers queued when
// they announce it on QueueChannel, and every `every` as a safety net (a NOTIFY sent while the
// listener was reconnecting is lost; the queue is not). Every instance runs one, whether or not
// it holds sockets: sockets (internal/realtime) and pushes (internal/push) read only what has
// been sequenced. Sequencers take turns on an advisory lock (SequenceNotifications). It returns
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
	for {
		// Whatever was queued before we listened, after a NOTIFY, a reconnection (nil) or a tick.
		if _, err := db.SequenceNotifications(ctx); err != nil && ctx.Err() == nil {
			db.log.Warn("outbox: sequencing", "error", err)
		} else if err == nil && db.SequencerRan != nil {
			db.SequencerRan()
		}
		select {
		case <-ctx.Done():
			return nil
		case <-l.Notify:
			// Every writing transaction notifies: those that committed during the run are
			// in the queue for the next one, which is one run, not one per notification.
			drain(l.Notify)
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
