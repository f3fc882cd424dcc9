package realtime

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// Small buffers: a socket mostly sits idle, and the only thing a client sends is an ack. Write
// buffers come from a pool and are held only while a message is being written.
var upgrader = websocket.Upgrader{
	ReadBufferSize:  256,
	WriteBufferPool: &sync.Pool{},
	// The caller has checked Origin against our own (httpapi.sameOrigin), which knows about
	// the public URL behind a proxy; gorilla's check would only compare with Host.
	CheckOrigin:      func(*http.Request) bool { return true },
	HandshakeTimeout: 10 * time.Second,
}

const maxClientMessage = 256 // {"type":"ack","id":…} and nothing else

// A socket costs one goroutine while idle: its reader. Writes happen on a goroutine started
// when there is something to write and gone when the queue is empty; pings, session checks
// and acks are done by the hub for all sockets. At 10,000 sockets that is the difference
// between about 40 KiB and under 10 KiB each (BenchmarkIdleSockets).
type conn struct {
	hub     *Hub
	ws      *websocket.Conn
	user    int64
	session int64
	send    chan frame
	gone    chan struct{} // closed when the socket is finished with
	once    sync.Once
	writing atomic.Bool  // a drain goroutine (or the replay) is the writer
	sentTo  atomic.Int64 // the newest id written (or being written) to this socket
	acked   atomic.Int64

	// Frames that do not fit the queue are left out and read again from the outbox by the
	// writer (the replay while it runs, then drain).
	mu        sync.Mutex
	replaying bool
	overflow  bool
}

// offer queues a frame for the socket without ever waiting. A frame that does not fit is not
// kept, nor are the ones after it: the socket's writer reads what it missed from the outbox
// once the queue is written (or the replay does, while it runs). A client too slow to take a
// write within WriteWait is dropped by the writer, and gets the rest from the outbox when it
// reconnects.
func (c *conn) offer(f frame) {
	select {
	case <-c.gone:
		return
	default:
	}
	c.mu.Lock()
	// Once a frame is left out, the ones after it are too until the writer has read from the
	// outbox: a later frame written from the queue would move sentTo past the one left out,
	// and the catch-up (which reads after sentTo) would never send it.
	if !c.overflow {
		select {
		case c.send <- f:
		default:
			c.overflow = true
		}
	}
	replaying := c.replaying
	c.mu.Unlock()
	if !replaying && c.writing.CompareAndSwap(false, true) {
		go c.drain()
	}
}

// drain is the socket's writer while there is something to write (gorilla allows one): the
// queue, then from the outbox what did not fit in it.
func (c *conn) drain() {
	for {
		select {
		case f := <-c.send:
			if !c.write(f.id, f.body) {
				return
			}
			continue
		case <-c.gone:
			return
		default:
		}
		if c.missed() {
			if _, err := c.catchUp(c.hub.context()); err != nil {
				if !errors.Is(err, errGone) {
					c.hub.log.Warn("real-time: reading the outbox for a socket", "error", err)
				}
				c.close()
				return
			}
			continue
		}
		c.writing.Store(false)
		// A frame queued (or left out) between the checks above and the Store would wait for
		// the next offer; look once more.
		if (len(c.send) == 0 && !c.overflowed()) || !c.writing.CompareAndSwap(false, true) {
			return
		}
	}
}

// write sends one event unless the socket has had it; false when the socket is finished.
func (c *conn) write(id int64, body []byte) bool {
	if id <= c.sentTo.Load() {
		return true // already sent (the replay or a catch-up had it)
	}
	c.sentTo.Store(id) // before the write: the client may ack before Write returns
	_ = c.ws.SetWriteDeadline(time.Now().Add(c.hub.set.WriteWait))
	if c.ws.WriteMessage(websocket.TextMessage, body) != nil {
		c.close()
		return false
	}
	return true
}

func (c *conn) close() {
	c.once.Do(func() {
		close(c.gone)
		c.ws.Close()
		c.hub.unregister(c) // never called with the hub's lock held: offer does not close

	})
}

// closeWith sends a close frame with code and reason, then closes.
func (c *conn) closeWith(code int, reason string) {
	_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), time.Now().Add(time.Second))
	c.close()
}

// Serve takes over the request as a WebSocket for the person userID signed in with session
// sessionID. With after set, the client first gets every event after that id; then a "ready"
// message with the newest id; then events as they come. The socket is closed with 1008 once
// the session no longer stands. The caller has authenticated the request and checked its
// Origin.
func (h *Hub) Serve(w http.ResponseWriter, r *http.Request, userID, sessionID int64, after *int64) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader has answered with an HTTP error
	}
	c := &conn{hub: h, ws: ws, user: userID, session: sessionID, send: make(chan frame, h.set.SendBuffer), gone: make(chan struct{}),
		replaying: true}
	c.writing.Store(true) // the replay is the writer until it hands over
	// Registered before the replay: what is sequenced meanwhile queues up and is sent after
	// it (or skipped, when the replay already had it).
	switch h.register(c) {
	case registerClosing:
		c.closeWith(websocket.CloseGoingAway, "server restarting")
		return
	case registerNotStarted:
		c.closeWith(websocket.CloseTryAgainLater, "starting")
		return
	}
	ctx := h.context()
	last, err := c.replay(ctx, after)
	if err != nil {
		if !errors.Is(err, errGone) {
			h.log.Warn("real-time: replaying the outbox", "error", err)
			c.closeWith(websocket.CloseTryAgainLater, "")
		}
		c.close()
		return
	}
	ready, _ := json.Marshal(struct {
		Type   string `json:"type"`
		LastID int64  `json:"last_id"`
	}{"ready", last})
	_ = ws.SetWriteDeadline(time.Now().Add(h.set.WriteWait))
	if ws.WriteMessage(websocket.TextMessage, ready) != nil {
		c.close()
		return
	}
	// Live frames queued during the replay that it already sent are skipped by drain.
	c.writing.Store(false)
	if (len(c.send) > 0 || c.overflowed()) && c.writing.CompareAndSwap(false, true) {
		go c.drain()
	}
	// The request's goroutine ends here, and with it what net/http kept for the request; the
	// reader starts on a fresh, small stack.
	go c.reader()
}

// reader reads acks until the socket fails; it also notices pongs, which keep it alive.
func (c *conn) reader() {
	defer c.close()
	c.ws.SetReadLimit(maxClientMessage)
	alive := func() { _ = c.ws.SetReadDeadline(time.Now().Add(c.hub.set.PongWait)) }
	alive()
	c.ws.SetPongHandler(func(string) error { alive(); return nil })
	for {
		_, msg, err := c.ws.ReadMessage()
		if err != nil {
			return
		}
		alive()
		var m struct {
			Type string `json:"type"`
			ID   int64  `json:"id"`
		}
		if json.Unmarshal(msg, &m) != nil || m.Type != "ack" {
			continue // not ours to understand; harmless
		}
		// Only what was sent can be acknowledged, and only once.
		if m.ID <= c.acked.Load() || m.ID > c.sentTo.Load() {
			continue
		}
		c.acked.Store(m.ID)
		c.hub.ack(ack{user: c.user, id: m.ID})
	}
}

var errGone = errors.New("client gone during the replay")

// replay writes the person's events after *after, until no event that came meanwhile was left
// out of the queue; it returns the newest id the client now has (the person's newest when
// after is nil, or when the client claims more than there is, as after a database restore:
// the client starts from there).
func (c *conn) replay(ctx context.Context, after *int64) (int64, error) {
	newest, err := c.hub.src.LastNotificationID(ctx, c.user)
	if err != nil {
		return 0, err
	}
	last := newest
	if after != nil && *after <= newest {
		last = *after
	}
	c.sentTo.Store(last)
	for first := after != nil; ; first = false {
		if first || c.missed() {
			if _, err := c.catchUp(ctx); err != nil {
				return 0, err
			}
		}
		if c.settle() {
			return c.sentTo.Load(), nil
		}
	}
}

// catchUp writes the person's events after the newest one the socket has, page by page, until
// there are no more.
func (c *conn) catchUp(ctx context.Context) (int64, error) {
	for {
		page, err := c.hub.src.Notifications(ctx, c.user, c.sentTo.Load())
		if err != nil {
			return 0, err
		}
		if len(page) == 0 {
			return c.sentTo.Load(), nil
		}
		for _, n := range page {
			if !c.write(n.ID, encode(n).body) {
				return 0, errGone
			}
		}
	}
}

// missed reports (and forgets) whether frames were left out while replaying.
func (c *conn) missed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.overflow
	c.overflow = false
	return m
}

// overflowed reports whether frames were left out, without forgetting it.
func (c *conn) overflowed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.overflow
}

// settle ends the replay unless frames were left out meanwhile; under the lock, so that no
// frame can be left out after the answer.
func (c *conn) settle() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.overflow {
		return false
	}
	c.replaying = false
	return true
}
