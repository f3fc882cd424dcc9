package loadtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// frame is what a socket receives: "ready" once the replay is done, then an "event" per
// notification (the item of GET /notifications).
type frame struct {
	Type      string         `json:"type"`
	ID        int64          `json:"id"`
	Kind      string         `json:"kind"`
	Data      map[string]any `json:"data"`
	CreatedAt time.Time      `json:"created_at"`
}

// socket is one open WebSocket of a worker's.
type socket struct {
	w    *worker
	conn *websocket.Conn
	wmu  sync.Mutex // gorilla allows one writer at a time
}

// events is where a socket's frames go: the running load step, or nowhere.
type events interface {
	event(s *socket, f frame, at time.Time)
}

// dial opens a socket for w on its instance and waits for "ready".
func dial(ctx context.Context, w *worker) (*websocket.Conn, error) {
	u := "ws" + strings.TrimPrefix(w.c.base, "http") + "/api/v1/ws"
	d := websocket.Dialer{HandshakeTimeout: 20 * time.Second, ReadBufferSize: 1024, WriteBufferSize: 256}
	hdr := http.Header{"Origin": {w.c.base}, "X-Forwarded-For": {w.c.ip}}
	var cookie []string
	for _, k := range w.c.cookies() {
		cookie = append(cookie, k.Name+"="+k.Value)
	}
	hdr.Set("Cookie", strings.Join(cookie, "; "))
	conn, res, err := d.DialContext(ctx, u, hdr)
	if err != nil {
		if res != nil {
			return nil, fmt.Errorf("%w (%s)", err, res.Status)
		}
		return nil, err
	}
	conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			conn.Close()
			return nil, fmt.Errorf("waiting for ready: %w", err)
		}
		var f frame
		if json.Unmarshal(msg, &f) == nil && f.Type == "ready" {
			conn.SetReadDeadline(time.Time{})
			return conn, nil
		}
	}
}

// Sockets holds the workers' sockets, one each.
type Sockets struct {
	all    []*socket
	sink   atomic.Pointer[sinkBox]
	closed atomic.Bool
	lost   atomic.Int64 // sockets that closed while the test ran
	wg     sync.WaitGroup
}

type sinkBox struct{ e events }

// Connect opens one socket per worker, each on the worker's own instance, parallel at a time.
func (p *Population) Connect(ctx context.Context, parallelism int) (*Sockets, error) {
	s := &Sockets{}
	if err := s.Add(ctx, p, parallelism); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Add opens sockets for the population's workers who have none yet (those added since).
func (s *Sockets) Add(ctx context.Context, p *Population, parallelism int) error {
	first := len(s.all)
	more := make([]*socket, len(p.workers)-first)
	err := parallel(ctx, len(more), parallelism, func(ctx context.Context, i int) error {
		conn, err := dial(ctx, p.workers[first+i])
		if err != nil {
			return fmt.Errorf("worker %d's socket: %w", first+i, err)
		}
		more[i] = &socket{w: p.workers[first+i], conn: conn}
		return nil
	})
	for _, so := range more {
		if so != nil {
			s.all = append(s.all, so)
			s.wg.Add(1)
			go s.read(so)
		}
	}
	return err
}

func (s *Sockets) read(so *socket) {
	defer s.wg.Done()
	for {
		_, msg, err := so.conn.ReadMessage() // also answers the server's pings
		at := time.Now()
		if err != nil {
			if !s.closed.Load() {
				s.lost.Add(1)
			}
			return
		}
		var f frame
		if json.Unmarshal(msg, &f) != nil || f.Type != "event" {
			continue
		}
		if b := s.sink.Load(); b != nil {
			b.e.event(so, f, at)
		}
	}
}

// ack tells the server the app showed the event (the PWA does so for offers on screen), so that
// no Web Push follows for it.
func (so *socket) ack(id int64) {
	so.wmu.Lock()
	defer so.wmu.Unlock()
	so.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
	_ = so.conn.WriteMessage(websocket.TextMessage, fmt.Appendf(nil, `{"type":"ack","id":%d}`, id))
}

// Close closes every socket and waits for the readers.
func (s *Sockets) Close() {
	s.closed.Store(true)
	for _, so := range s.all {
		if so != nil {
			so.conn.Close()
		}
	}
	s.wg.Wait()
}

// PerInstance counts the open sockets on each instance.
func (s *Sockets) PerInstance(n int) []int {
	out := make([]int, n)
	for _, so := range s.all {
		if so != nil {
			out[so.w.instance]++
		}
	}
	return out
}
