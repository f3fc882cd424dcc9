package realtime

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorilla/websocket"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// outbox is a Source holding one person's events, ids 1..n; only what a socket's writer reads.
type outbox struct {
	Source
	n int64
}

func (o outbox) Notifications(_ context.Context, _, after int64) ([]klusbuddy.Notification, error) {
	var page []klusbuddy.Notification
	for id := after + 1; id <= o.n && len(page) < 2; id++ {
		page = append(page, klusbuddy.Notification{ID: id, Kind: "job_status"})
	}
	return page, nil
}

// socketPair gives the server's end of a WebSocket and the client's.
func socketPair(t *testing.T) (server, client *websocket.Conn) {
	t.Helper()
	ends := make(chan *websocket.Conn, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := upgrader.Upgrade(w, r, nil)
		if err != nil {
			t.Error(err)
			return
		}
		ends <- ws
	}))
	t.Cleanup(srv.Close)
	client, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(srv.URL, "http"), nil)
	if err != nil {
		t.Fatal(err)
	}
	server = <-ends
	t.Cleanup(func() { client.Close(); server.Close() })
	return server, client
}

// A frame left out of a full queue is read again from the outbox, so a later frame must not
// overtake it through the queue: the writer would then have "sent" past the one left out and
// the catch-up, which reads after the newest id sent, would never send it. Here frames 1–4
// fill the queue, 5 and 6 are left out, the writer takes 1 and 7 is offered into the room it
// made; the client must still get 1–7 in order.
func TestLeftOutFrameIsNotOvertaken(t *testing.T) {
	server, client := socketPair(t)
	hub := New(outbox{n: 7}, nil, Settings{SendBuffer: 4})
	c := &conn{hub: hub, ws: server, user: 1, send: make(chan frame, 4), gone: make(chan struct{})}
	c.writing.Store(true) // the writer is busy: offer starts none
	frameOf := func(id int64) frame { return encode(klusbuddy.Notification{ID: id, Kind: "job_status"}) }

	for id := int64(1); id <= 6; id++ {
		c.offer(frameOf(id))
	}
	f := <-c.send // the writer takes frame 1 …
	c.offer(frameOf(7))
	if !c.write(f.id, f.body) { // … writes it …
		t.Fatal("write failed")
	}
	go c.drain() // … and goes on

	for want := int64(1); want <= 7; want++ {
		_, msg, err := client.ReadMessage()
		if err != nil {
			t.Fatal(err)
		}
		var m struct{ ID int64 }
		if err := json.Unmarshal(msg, &m); err != nil {
			t.Fatal(err)
		}
		if m.ID != want {
			t.Fatalf("got event %d, want %d: a frame left out of the queue was overtaken and never sent", m.ID, want)
		}
	}
}
