// Package realtime delivers each person's events to their open apps over WebSocket, whichever
// instance they are connected to, and to apps that poll instead. Events come from the
// database's outbox, which the store's sequencer fills (postgres.DB.RunSequencer, on every
// instance, with or without sockets): PostgreSQL's LISTEN/NOTIFY says that something new was
// sequenced, every instance reads what came after the last id it handed out and gives it to the
// sockets it holds. Nothing lives only in memory: a client that reconnects says the last id it
// saw and is sent the rest from the outbox.
package realtime

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/pgnotify"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Source is the outbox, as the hub needs it (postgres.DB).
type Source interface {
	// EventsAfter returns everyone's events after id, oldest first.
	EventsAfter(ctx context.Context, after int64, limit int) ([]klusbuddy.Event, error)
	LastEventID(ctx context.Context) (int64, error)
	// Notifications returns one person's events after id, oldest first (a page at a time).
	Notifications(ctx context.Context, userID, after int64) ([]klusbuddy.Notification, error)
	// LatestNotifications returns one person's newest n events, newest first.
	LatestNotifications(ctx context.Context, userID int64, n int) ([]klusbuddy.Notification, error)
	LastNotificationID(ctx context.Context, userID int64) (int64, error)
	// Acknowledge says that the person's open app has their events up to id.
	Acknowledge(ctx context.Context, userID, id int64) error
	// LiveSessions returns which of the sessions still stand.
	LiveSessions(ctx context.Context, ids []int64) ([]int64, error)
}

// Settings tune the hub; zero values take the defaults.
type Settings struct {
	PingInterval time.Duration // how often a socket is pinged (default 25 s: under most NAT timeouts)
	PongWait     time.Duration // a socket silent this long is dead (default 2 × PingInterval)
	WriteWait    time.Duration // one write may take this long; a client slower than that is dropped (default 10 s)
	SendBuffer   int           // events queued per socket; more are read again from the outbox (default 64)
	Recheck      time.Duration // how often the sockets' sessions are checked again (default 1 min)
	Tick         time.Duration // how often the outbox is read without a NOTIFY (default 5 s)
	Reconnect    time.Duration // first wait before the listener reconnects (default 100 ms)
}

func (s *Settings) defaults() {
	if s.PingInterval <= 0 {
		s.PingInterval = 25 * time.Second
	}
	if s.PongWait <= 0 {
		s.PongWait = 2 * s.PingInterval
	}
	if s.WriteWait <= 0 {
		s.WriteWait = 10 * time.Second
	}
	if s.SendBuffer <= 0 {
		s.SendBuffer = 64
	}
	if s.Recheck <= 0 {
		s.Recheck = time.Minute
	}
	if s.Tick <= 0 {
		s.Tick = 5 * time.Second
	}
	if s.Reconnect <= 0 {
		s.Reconnect = 100 * time.Millisecond
	}
}

// frame is an event encoded once for every socket it goes to.
type frame struct {
	id   int64
	body []byte
}

// Hub holds this instance's sockets by person and feeds them from the outbox.
type Hub struct {
	src Source
	log *slog.Logger
	set Settings

	mu      sync.RWMutex
	users   map[int64]map[*conn]struct{}
	closing bool
	running bool // Run has read its place in the outbox

	last    atomic.Int64  // the newest outbox id this instance has handed out
	fetch   chan struct{} // "the outbox has something": coalesced
	acks    chan ack
	ctx     atomic.Pointer[context.Context] // Run's, for the sockets' database calls
	wg      sync.WaitGroup
	started chan struct{} // closed once Run knows its place in the outbox
	done    chan struct{}
}

type ack struct{ user, id int64 }

// New makes a hub; Run starts it.
func New(src Source, log *slog.Logger, set Settings) *Hub {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	set.defaults()
	return &Hub{src: src, log: log, set: set, users: map[int64]map[*conn]struct{}{},
		fetch: make(chan struct{}, 1), acks: make(chan ack, 4096), started: make(chan struct{}), done: make(chan struct{})}
}

func poke(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// Run listens on the database at url and delivers until ctx ends; then it closes every socket
// with 1001 (going away). It returns once the sockets are closed.
func (h *Hub) Run(ctx context.Context, url string) error {
	defer close(h.done)
	h.ctx.Store(&ctx)
	last, err := h.src.LastEventID(ctx)
	if err != nil {
		return err
	}
	h.last.Store(last)

	l := pq.NewListener(url, h.set.Reconnect, max(h.set.Reconnect, 5*time.Second), func(ev pq.ListenerEventType, err error) {
		switch ev {
		case pq.ListenerEventDisconnected:
			h.log.Warn("real-time: lost the database listener; reconnecting", "error", err)
		case pq.ListenerEventReconnected:
			h.log.Info("real-time: database listener back; catching up from the outbox")
		case pq.ListenerEventConnectionAttemptFailed:
			h.log.Warn("real-time: database listener cannot connect", "error", err)
		}
	})
	defer pgnotify.Close(l)
	// The channel of postgres.OutboxChannel (this package does not import the database's; the
	// live tests fail if they differ).
	if err := l.Listen("klusbuddy_outbox"); err != nil {
		return err
	}

	// Sockets only now: before the LISTENs, a NOTIFY would be missed and an event would wait
	// for the next tick.
	h.mu.Lock()
	h.running = true
	h.mu.Unlock()
	close(h.started)

	h.wg.Add(3)
	go h.fetcher(ctx)
	go h.acknowledger(ctx)
	go h.keeper(ctx)
	poke(h.fetch) // what was sequenced since LastEventID
	tick := time.NewTicker(h.set.Tick)
	defer tick.Stop()
	var pinging atomic.Bool
	for {
		select {
		case <-ctx.Done():
			h.closeAll()
			h.wg.Wait()
			return nil
		case <-l.Notify:
			// A NOTIFY, or nil after a reconnection: NOTIFYs sent meanwhile are lost, the
			// outbox is not.
			poke(h.fetch)
		case <-tick.C:
			// A safety net, and pq's advice for noticing a dead listener connection (one ping
			// at a time: on a connection that hangs, pings would pile up).
			if pinging.CompareAndSwap(false, true) {
				go func() { defer pinging.Store(false); _ = l.Ping() }()
			}
			poke(h.fetch)
		}
	}
}

// fetcher reads the outbox after the last id handed out and gives each event to its sockets.
func (h *Hub) fetcher(ctx context.Context) {
	defer h.wg.Done()
	for {
		select {
		case <-ctx.Done():
			return
		case <-h.fetch:
		}
		for {
			events, err := h.src.EventsAfter(ctx, h.last.Load(), 500)
			if err != nil {
				if ctx.Err() == nil {
					h.log.Warn("real-time: reading the outbox", "error", err)
				}
				break
			}
			for _, e := range events {
				h.deliver(e)
				h.last.Store(e.ID)
			}
			if len(events) < 500 {
				break
			}
		}
	}
}

// context is Run's context (Background before Run).
func (h *Hub) context() context.Context {
	if p := h.ctx.Load(); p != nil {
		return *p
	}
	return context.Background()
}

// ack passes an acknowledgement on to the database without making the socket wait; when too
// many are waiting it is dropped, and a push may go out that was not needed.
func (h *Hub) ack(a ack) {
	select {
	case h.acks <- a:
	default:
	}
}

func (h *Hub) acknowledger(ctx context.Context) {
	defer h.wg.Done()
	for {
		select {
		case <-ctx.Done():
			return
		case a := <-h.acks:
			if err := h.src.Acknowledge(ctx, a.user, a.id); err != nil && ctx.Err() == nil {
				h.log.Warn("real-time: recording an ack", "error", err)
			}
		}
	}
}

// keeper pings every socket (a dead phone is noticed by its missing pong) and closes the
// sockets whose session has ended, for all sockets at once rather than a timer each.
func (h *Hub) keeper(ctx context.Context) {
	defer h.wg.Done()
	ping := time.NewTicker(h.set.PingInterval)
	defer ping.Stop()
	recheck := time.NewTicker(h.set.Recheck)
	defer recheck.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ping.C:
			h.each(func(c *conn) {
				if c.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(h.set.WriteWait)) != nil {
					c.close()
				}
			})
		case <-recheck.C:
			h.recheck(ctx)
		}
	}
}

// each runs fn for every socket, a few at a time (a write to a stuck socket can take up to
// WriteWait).
func (h *Hub) each(fn func(*conn)) {
	conns := h.snapshot()
	work := make(chan *conn)
	var wg sync.WaitGroup
	for range min(8, len(conns)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range work {
				fn(c)
			}
		}()
	}
	for _, c := range conns {
		work <- c
	}
	close(work)
	wg.Wait()
}

func (h *Hub) recheck(ctx context.Context) {
	conns := h.snapshot()
	if len(conns) == 0 {
		return
	}
	ids := make([]int64, 0, len(conns))
	for _, c := range conns {
		ids = append(ids, c.session)
	}
	live, err := h.src.LiveSessions(ctx, ids)
	if err != nil {
		if ctx.Err() == nil {
			h.log.Warn("real-time: checking the sockets' sessions", "error", err)
		}
		return
	}
	standing := make(map[int64]bool, len(live))
	for _, id := range live {
		standing[id] = true
	}
	for _, c := range conns {
		if !standing[c.session] {
			go c.closeWith(websocket.ClosePolicyViolation, "signed out")
		}
	}
}

func (h *Hub) snapshot() []*conn {
	h.mu.RLock()
	defer h.mu.RUnlock()
	var all []*conn
	for _, m := range h.users {
		for c := range m {
			all = append(all, c)
		}
	}
	return all
}

// eventJSON is what a socket receives: the item of GET /notifications, with a type.
type eventJSON struct {
	Type string `json:"type"`
	klusbuddy.Notification
}

func encode(n klusbuddy.Notification) frame {
	b, _ := json.Marshal(eventJSON{Type: "event", Notification: n})
	return frame{id: n.ID, body: b}
}

func (h *Hub) deliver(e klusbuddy.Event) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	conns := h.users[e.UserID]
	if len(conns) == 0 {
		return
	}
	f := encode(e.Notification)
	for c := range conns {
		c.offer(f)
	}
}

type registration int

const (
	registered registration = iota
	registerClosing
	registerNotStarted
)

func (h *Hub) register(c *conn) registration {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closing {
		return registerClosing
	}
	// Before Run knows its place in the outbox, an event sequenced now could fall between the
	// socket's replay and the first fetch.
	if !h.running {
		return registerNotStarted
	}
	m := h.users[c.user]
	if m == nil {
		m = map[*conn]struct{}{}
		h.users[c.user] = m
	}
	m[c] = struct{}{}
	return registered
}

func (h *Hub) unregister(c *conn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if m := h.users[c.user]; m != nil {
		delete(m, c)
		if len(m) == 0 {
			delete(h.users, c.user)
		}
	}
}

// Notifications returns the person's events after the last id they saw, a page at a time: what
// an app that cannot keep a socket open polls.
func (h *Hub) Notifications(ctx context.Context, actor klusbuddy.Principal, after int64) ([]klusbuddy.Notification, error) {
	return h.src.Notifications(ctx, actor.ID, after)
}

// LatestNotifications is a person's newest n events, newest first: the app's list.
func (h *Hub) LatestNotifications(ctx context.Context, actor klusbuddy.Principal, n int) ([]klusbuddy.Notification, error) {
	return h.src.LatestNotifications(ctx, actor.ID, n)
}

// Delivered is the newest outbox id this instance has handed out to its sockets.
func (h *Hub) Delivered() int64 { return h.last.Load() }

// Connections counts this instance's sockets.
func (h *Hub) Connections() int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	n := 0
	for _, m := range h.users {
		n += len(m)
	}
	return n
}

// closeAll says goodbye (1001) to every socket and closes it: http.Server.Shutdown does not
// know about connections taken over by a WebSocket.
func (h *Hub) closeAll() {
	h.mu.Lock()
	h.closing = true
	h.mu.Unlock()
	h.each(func(c *conn) { c.closeWith(websocket.CloseGoingAway, "server restarting") })
}

// Done is closed once Run has returned and every socket is closed.
func (h *Hub) Done() <-chan struct{} { return h.done }

// Started is closed once Run takes sockets; before, they are asked to come back (1013).
func (h *Hub) Started() <-chan struct{} { return h.started }
