// Package pgnotify holds what lib/pq's LISTEN support needs around it to stop cleanly.
package pgnotify

import "github.com/lib/pq"

// Close closes l while draining its notifications. pq's Listener hands each notification to
// Notify while holding its connection's lock, so once nobody reads Notify, a Ping in flight
// waits for an answer that is never read and Close waits for the Ping: the program's shutdown
// hangs (decisions.md, "lib/pq's listener at shutdown").
func Close(l *pq.Listener) {
	done := make(chan struct{})
	go func() {
		for {
			select {
			case _, ok := <-l.Notify:
				if !ok {
					return
				}
			case <-done:
				return
			}
		}
	}()
	_ = l.Close()
	close(done)
}
