// Package clock gives tests a time they move by hand: services and storage read the time from a
// Now func() time.Time (time.Now in production), and a test passes a Manual's Now instead, so
// that expiry, waves and deadlines are tested by moving time, never by sleeping or editing rows.
package clock

import (
	"sync"
	"time"
)

// Manual is a clock that moves only when told. It is safe for concurrent use.
type Manual struct {
	mu sync.Mutex
	t  time.Time
}

// NewManual returns a clock standing at t.
func NewManual(t time.Time) *Manual { return &Manual{t: t} }

// Now is the clock's time.
func (c *Manual) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock d forward (or back, for a negative d).
func (c *Manual) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Set puts the clock at t.
func (c *Manual) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}
