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

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
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

type conn struct {
	hub    *Hub
	ws     *websocket.Conn
	user   int64
	send   chan frame
	gone   chan struct{} // closed when the socket is finished with
	once   sync.Once
	acked  atomic.Int64
	sentTo atomic.Int64 // the newest id written to this socket
}

// offer queues a frame for the socket without ever waiting: a client too slow to keep up is
// dropped, and gets what it missed from the outbox when it reconnects.
func (c *conn) offer(f frame) {
	select {
	case c.send <- f:
	case <-c.gone:
	default:
		c.hub.log.Info("real-time: dropping a socket that does not keep up", "user_id", c.user)
		c.close()
	}
}

func (c *conn) close() {
	c.once.Do(func() {
		close(c.gone)
		c.ws.Close()
	})
}

// goAway tells the client that the server is going away (1001), then closes.
func (c *conn) goAway() {
	msg := websocket.FormatCloseMessage(websocket.CloseGoingAway, "server restarting")
	_ = c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
	c.close()
}

// Serve takes over the request as a WebSocket for the person userID. With after set, the
// client first gets every event after that id; then a "ready" message with the newest id;
// then events as they come. stillValid is asked every Settings.Recheck whether the session
// still stands: when it answers an EUNAUTHORIZED error (signed out elsewhere, revoked), the
// socket is closed with 1008. The caller has authenticated the request and checked its Origin.
func (h *Hub) Serve(w http.ResponseWriter, r *http.Request, userID int64, after *int64, stillValid func(context.Context) error) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader has answered with an HTTP error
	}
	c := &conn{hub: h, ws: ws, user: userID, send: make(chan frame, h.set.SendBuffer), gone: make(chan struct{})}
	if !h.register(c) {
		c.goAway()
		return
	}
	defer h.unregister(c)
	defer c.close()
	// Not the request's context: its timeout is for ordinary requests.
	ctx, cancel := context.WithCancel(context.WithoutCancel(r.Context()))
	defer cancel()
	go c.writer(ctx, after, stillValid)
	c.reader(ctx)
}

// reader reads acks until the socket fails; it also notices pongs, which keep it alive.
func (c *conn) reader(ctx context.Context) {
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
		actx, cancel := context.WithTimeout(ctx, 5*time.Second)
		if err := c.hub.src.Acknowledge(actx, c.user, m.ID); err != nil && ctx.Err() == nil {
			c.hub.log.Warn("real-time: recording an ack", "error", err)
		}
		cancel()
	}
}

// writer is the socket's only writer (gorilla allows one): the replay, then live events, pings
// and the session check.
func (c *conn) writer(ctx context.Context, after *int64, stillValid func(context.Context) error) {
	defer c.close()
	write := func(body []byte) bool {
		_ = c.ws.SetWriteDeadline(time.Now().Add(c.hub.set.WriteWait))
		return c.ws.WriteMessage(websocket.TextMessage, body) == nil
	}
	last, err := c.replay(ctx, after, write)
	if errors.Is(err, errGone) {
		return
	}
	if err != nil {
		c.hub.log.Warn("real-time: replaying the outbox", "error", err)
		_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseTryAgainLater, ""), time.Now().Add(time.Second))
		return
	}
	ready, _ := json.Marshal(struct {
		Type   string `json:"type"`
		LastID int64  `json:"last_id"`
	}{"ready", last})
	if !write(ready) {
		return
	}
	ping := time.NewTicker(c.hub.set.PingInterval)
	defer ping.Stop()
	recheck := time.NewTicker(c.hub.set.Recheck)
	defer recheck.Stop()
	for {
		select {
		case <-c.gone:
			return
		case f := <-c.send:
			if f.id <= last {
				continue // already in the replay
			}
			c.sentTo.Store(f.id) // before the write: the client may ack before Write returns
			if !write(f.body) {
				return
			}
			last = f.id
		case <-ping.C:
			if c.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(c.hub.set.WriteWait)) != nil {
				return
			}
		case <-recheck.C:
			if stillValid == nil {
				continue
			}
			vctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			err := stillValid(vctx)
			cancel()
			if klusbuddy.ErrorCode(err) == klusbuddy.EUNAUTHORIZED {
				_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.ClosePolicyViolation, "signed out"), time.Now().Add(time.Second))
				return
			}
		}
	}
}

var errGone = errors.New("client gone during the replay")

// replay writes the person's events after *after, page by page, and returns the newest id the
// client now has (the person's newest when after is nil: the client starts from there).
func (c *conn) replay(ctx context.Context, after *int64, write func([]byte) bool) (int64, error) {
	if after == nil {
		return c.hub.src.LastNotificationID(ctx, c.user)
	}
	last := *after
	for {
		page, err := c.hub.src.Notifications(ctx, c.user, last)
		if err != nil {
			return 0, err
		}
		for _, n := range page {
			c.sentTo.Store(n.ID)
			if !write(encode(n).body) {
				return 0, errGone
			}
			last = n.ID
		}
		if len(page) == 0 {
			return last, nil
		}
	}
}
