package httpapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/klusbuddy/klusbuddy/internal/accounts"
	"github.com/klusbuddy/klusbuddy/internal/board"
	"github.com/klusbuddy/klusbuddy/internal/catalogue"
	"github.com/klusbuddy/klusbuddy/internal/dispatch"
	"github.com/klusbuddy/klusbuddy/internal/httpapi"
	"github.com/klusbuddy/klusbuddy/internal/jobs"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/realtime"
)

// withHub gives a server its own real-time hub on the app's database, stopped when the test ends.
func withHub(t testing.TB, a *app, set realtime.Settings, hub **realtime.Hub) func(*httpapi.Deps) {
	return func(d *httpapi.Deps) {
		h := realtime.New(a.db, nil, set)
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			if err := h.Run(ctx, a.db.URL()); err != nil {
				t.Errorf("hub: %v", err)
			}
		}()
		t.Cleanup(func() {
			cancel()
			<-h.Done()
		})
		waitStarted(t, h)
		d.Live = h
		if hub != nil {
			*hub = h
		}
	}
}

// waitStarted waits until the hub takes sockets (it reads its place in the outbox first).
func waitStarted(t testing.TB, h *realtime.Hub) {
	t.Helper()
	select {
	case <-h.Started():
	case <-h.Done():
		t.Fatal("the hub stopped before it started")
	case <-time.After(10 * time.Second):
		t.Fatal("the hub did not start")
	}
}

// instance starts another complete server on the app's database: a second `klusbuddy serve`
// behind the same load balancer.
func (a *app) instance(t testing.TB, mod ...func(*httpapi.Deps)) *httptest.Server {
	acc, err := accounts.New(a.db, nil, cheap)
	if err != nil {
		t.Fatal(err)
	}
	mods := append([]func(*httpapi.Deps){func(d *httpapi.Deps) {
		dispatcher := dispatch.New(a.db, nil, brussels, dispatch.Settings{OfferTTL: 15 * time.Minute, WaveFactor: 3})
		d.Accounts, d.People, d.Offers, d.Idempotency = acc, accounts.NewPeople(a.db, dispatcher.Released), dispatcher, a.db
		jobService := jobs.New(a.db, dispatcher.Posted)
		d.Jobs, d.Blocks = jobService, jobService
		d.Buddies, d.Board, d.CategoryAdmin = dispatcher, board.New(a.db, dispatcher.Posted), catalogue.New(a.db)
	}}, mod...)
	return newServer(t, a.db, builtPWA, mods...)
}

// on points a signed-in client at another instance (the cookie works on both: one database).
func (c *client) on(base string) *client {
	return &client{t: c.t, base: base, http: c.http, csrf: c.csrf}
}

type wsMessage struct {
	Type   string
	LastID int64 `json:"last_id"`
	klusbuddy.Notification
}

type wsClient struct {
	t    testing.TB
	conn *websocket.Conn
}

// dial opens the client's WebSocket on its server, after id `after` (none when nil).
func (c *client) dial(after *int64) (*wsClient, *http.Response, error) {
	u := "ws" + strings.TrimPrefix(c.base, "http") + "/api/v1/ws"
	if after != nil {
		u += "?after=" + strconv.FormatInt(*after, 10)
	}
	d := websocket.Dialer{Jar: c.http.Jar, HandshakeTimeout: 5 * time.Second}
	conn, res, err := d.Dial(u, http.Header{"Origin": {c.base}})
	if err != nil {
		return nil, res, err
	}
	c.t.Cleanup(func() { conn.Close() })
	return &wsClient{t: c.t, conn: conn}, res, nil
}

func (c *client) mustDial(after *int64) *wsClient {
	c.t.Helper()
	ws, res, err := c.dial(after)
	if err != nil {
		status := 0
		if res != nil {
			status = res.StatusCode
		}
		c.t.Fatalf("dial: %v (HTTP %d)", err, status)
	}
	return ws
}

// next reads the next message, failing the test when none comes in time.
func (w *wsClient) next(wait time.Duration) wsMessage {
	w.t.Helper()
	m, err := w.read(wait)
	if err != nil {
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			// Nothing came: what every goroutine was doing says why.
			var stacks strings.Builder
			_ = pprof.Lookup("goroutine").WriteTo(&stacks, 1)
			w.t.Logf("goroutines when the socket stayed silent:\n%s", stacks.String())
		}
		w.t.Fatalf("reading the socket: %v", err)
	}
	return m
}

func (w *wsClient) read(wait time.Duration) (wsMessage, error) {
	_ = w.conn.SetReadDeadline(time.Now().Add(wait))
	var m wsMessage
	_, b, err := w.conn.ReadMessage()
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		w.t.Fatalf("not JSON: %s", b)
	}
	return m, nil
}

// until reads events until one satisfies ok, returning everything read.
func (w *wsClient) until(wait time.Duration, ok func(wsMessage) bool) []wsMessage {
	w.t.Helper()
	deadline := time.Now().Add(wait)
	var got []wsMessage
	for {
		m, err := w.read(time.Until(deadline))
		if err != nil {
			w.t.Fatalf("no matching message within %v (read %d: %+v): %v", wait, len(got), got, err)
		}
		got = append(got, m)
		if ok(m) {
			return got
		}
	}
}

func jobOf(m wsMessage) int64 {
	id, _ := m.Data["job_id"].(float64)
	return int64(id)
}

// postCleaning posts the demo poster's standard job and returns its id.
func postCleaning(t testing.TB, poster *client, start time.Time, needed int) int64 {
	t.Helper()
	var prof profileDoc
	_, body := poster.do("GET", "/api/v1/me/profile", nil)
	json.Unmarshal(body, &prof)
	res, body := poster.do("POST", "/api/v1/jobs", map[string]any{"category": "cleaning", "address_id": prof.Poster.Addresses[0].ID,
		"start": start.Format(time.RFC3339), "minutes": 120, "workers_needed": needed})
	var job jobDoc
	json.Unmarshal(body, &job)
	if res.StatusCode != 201 {
		t.Fatalf("posting: %d %s", res.StatusCode, body)
	}
	return job.ID
}

// An offer posted through instance A reaches the worker's socket on instance B, and the
// worker's accept on B reaches the poster's socket on A.
func TestLiveAcrossInstances(t *testing.T) {
	a := newApp(t)
	a.srv.Close()
	srvA := a.instance(t, withHub(t, a, realtime.Settings{}, nil))
	srvB := a.instance(t, withHub(t, a, realtime.Settings{}, nil))
	a.srv = srvA

	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 8))
	// Who is the best worker for this kind of job? Ask once, then take that job back.
	first := postCleaning(t, poster, nextTuesday10(), 3)
	w, _ := a.offeredWorker(t, first)
	poster.do("POST", "/api/v1/jobs/"+itoa(first)+"/cancel", nil)

	worker := w.c.on(srvB.URL).mustDial(nil)
	if m := worker.next(5 * time.Second); m.Type != "ready" {
		t.Fatalf("first message %+v, want ready", m)
	}
	posterWS := poster.mustDial(nil)
	if m := posterWS.next(5 * time.Second); m.Type != "ready" {
		t.Fatalf("poster's first message %+v, want ready", m)
	}

	job := postCleaning(t, poster, nextTuesday10(), 3)
	got := worker.until(5*time.Second, func(m wsMessage) bool { return m.Kind == "offer_new" && jobOf(m) == job })
	offer := int64(got[len(got)-1].Data["offer_id"].(float64))

	if res, body := w.c.on(srvB.URL).do("POST", "/api/v1/offers/"+itoa(offer)+"/accept", nil); res.StatusCode != 200 {
		t.Fatalf("accept: %d %s", res.StatusCode, body)
	}
	posterWS.until(5*time.Second, func(m wsMessage) bool { return m.Kind == "job_status" && jobOf(m) == job })
	worker.until(5*time.Second, func(m wsMessage) bool { return m.Kind == "assignment_confirmed" && jobOf(m) == job })
}

// A client that was away while events happened gets them all when it comes back with the
// last id it saw, in order; coming back with an older id repeats some, which the client drops
// by id so that it has each exactly once.
func TestLiveReplayAfterReconnect(t *testing.T) {
	a := newApp(t)
	a.srv.Close()
	a.srv = a.instance(t, withHub(t, a, realtime.Settings{}, nil))
	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 8))
	first := postCleaning(t, poster, nextTuesday10(), 3)
	w, _ := a.offeredWorker(t, first)

	ws := w.c.mustDial(nil)
	ready := ws.next(5 * time.Second)
	if ready.Type != "ready" || ready.LastID == 0 {
		t.Fatalf("%+v: want ready with the newest id (the first offer)", ready)
	}
	ws.conn.Close()

	// While the worker is away: two jobs posted and one cancelled.
	second := postCleaning(t, poster, nextTuesday10(), 3)
	third := postCleaning(t, poster, nextTuesday10(), 3)
	poster.do("POST", "/api/v1/jobs/"+itoa(second)+"/cancel", nil)
	var want []int64
	if _, err := a.db.SequenceNotifications(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := a.db.Select(&want, `SELECT n.id FROM notifications n WHERE n.user_id = $1 AND n.id > $2 ORDER BY n.id`, w.id, ready.LastID); err != nil {
		t.Fatal(err)
	}
	if len(want) < 3 {
		t.Fatalf("only %d events while away; the test needs offers on both jobs and a withdrawal", len(want))
	}

	back := w.c.mustDial(&ready.LastID)
	var got []int64
	kinds := map[string]bool{}
	for {
		m := back.next(5 * time.Second)
		if m.Type == "ready" {
			if m.LastID != want[len(want)-1] {
				t.Fatalf("ready.last_id %d, want %d", m.LastID, want[len(want)-1])
			}
			break
		}
		got = append(got, m.ID)
		kinds[m.Kind+"/"+itoa(jobOf(m))] = true
	}
	if !equalIDs(got, want) {
		t.Fatalf("replayed %v, want %v", got, want)
	}
	if !kinds["offer_new/"+itoa(second)] || !kinds["offer_new/"+itoa(third)] || !kinds["offer_withdrawn/"+itoa(second)] {
		t.Fatalf("replay lacks an offer or the withdrawal: %v", kinds)
	}
	back.conn.Close()

	// Coming back with an older id: the replay repeats what the client had, and dropping by
	// id leaves each event once.
	seen := map[int64]int{}
	for _, id := range got[:1] {
		seen[id]++
	}
	again := w.c.mustDial(&ready.LastID)
	for {
		m := again.next(5 * time.Second)
		if m.Type == "ready" {
			break
		}
		if seen[m.ID] == 0 {
			seen[m.ID]++
		}
	}
	for _, id := range want {
		if seen[id] != 1 {
			t.Fatalf("after dropping duplicates event %d is there %d times", id, seen[id])
		}
	}
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// The database connection the hub listens on breaks; events committed before it is back are
// delivered all the same, from the outbox. The hub's timer is off (an hour) and the listener
// waits a second before reconnecting, so the NOTIFYs are lost and only the catch-up after the
// reconnect can deliver the events.
func TestLiveSurvivesABrokenListener(t *testing.T) {
	a := newApp(t)
	a.srv.Close()
	a.srv = a.instance(t, withHub(t, a, realtime.Settings{Tick: time.Hour, Reconnect: time.Second}, nil))
	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 8))
	first := postCleaning(t, poster, nextTuesday10(), 3)
	w, _ := a.offeredWorker(t, first)
	poster.do("POST", "/api/v1/jobs/"+itoa(first)+"/cancel", nil)
	ws := w.c.mustDial(nil)
	ws.next(5 * time.Second) // ready

	// End the listener's connection and, before pq reconnects, commit events.
	var killed int
	if err := a.db.Get(&killed, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = current_database() AND query LIKE 'LISTEN %'`); err != nil || killed == 0 {
		t.Fatalf("no listener connection to break (%d): %v", killed, err)
	}
	job := postCleaning(t, poster, nextTuesday10(), 3)
	ws.until(10*time.Second, func(m wsMessage) bool { return m.Kind == "offer_new" && jobOf(m) == job })
}

// Shutting down says 1001 (going away) to every socket, so that apps reconnect at once.
func TestLiveGoingAway(t *testing.T) {
	a := newApp(t)
	h := realtime.New(a.db, nil, realtime.Settings{})
	ctx, cancel := context.WithCancel(context.Background())
	go h.Run(ctx, a.db.URL())
	waitStarted(t, h)
	a.srv.Close()
	a.srv = a.instance(t, func(d *httpapi.Deps) { d.Live = h })
	ws := a.signedIn(a.person(klusbuddy.RolePoster, "", 8)).mustDial(nil)
	ws.next(5 * time.Second)
	cancel()
	select {
	case <-h.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the hub did not stop")
	}
	_, err := ws.read(5 * time.Second)
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != websocket.CloseGoingAway {
		t.Fatalf("closed with %v, want 1001", err)
	}
}

// Who may open a socket: only a signed-in person, only from our own pages.
func TestLiveRefusals(t *testing.T) {
	a := newApp(t)
	a.srv.Close()
	a.srv = a.instance(t, withHub(t, a, realtime.Settings{Recheck: 200 * time.Millisecond}, nil))
	if _, res, err := a.client().dial(nil); err == nil || res == nil || res.StatusCode != 401 {
		t.Fatalf("without a session: %v, %v", err, res)
	}
	c := a.signedIn(a.person(klusbuddy.RolePoster, "", 8))
	u := "ws" + strings.TrimPrefix(c.base, "http") + "/api/v1/ws"
	d := websocket.Dialer{Jar: c.http.Jar}
	if _, res, err := d.Dial(u, http.Header{"Origin": {"https://evil.example"}}); err == nil || res == nil || res.StatusCode != 403 {
		t.Fatalf("from another site: %v, %v", err, res)
	}
	if _, res, err := d.Dial(u+"?after=-1", http.Header{"Origin": {c.base}}); err == nil || res == nil || res.StatusCode != 422 {
		t.Fatalf("with a bad after: %v, %v", err, res)
	}
	if res, body := c.do("GET", "/api/v1/ws", nil); res.StatusCode != 422 || !strings.Contains(string(body), "WebSocket") {
		t.Fatalf("plain GET: %d %s", res.StatusCode, body)
	}
	// Signing out everywhere ends the socket at its next check.
	ws := c.mustDial(nil)
	ws.next(5 * time.Second)
	if res, body := c.do("POST", "/api/v1/logout-all", nil); res.StatusCode >= 300 {
		t.Fatalf("logout-all: %d %s", res.StatusCode, body)
	}
	_, err := ws.read(5 * time.Second)
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != websocket.ClosePolicyViolation {
		t.Fatalf("after signing out everywhere the socket ends with %v, want 1008", err)
	}
}

// Sockets open with a long history to replay while new events keep coming for the same
// person: each socket must get every event exactly once and in order, and the server must
// never write to a socket from two goroutines at once.
func TestLiveReplayWhileEventsFlow(t *testing.T) {
	a := newApp(t)
	a.srv.Close()
	a.srv = a.instance(t, withHub(t, a, realtime.Settings{}, nil))
	p := a.person(klusbuddy.RolePoster, "", 8)
	user := a.idOf(p)
	c := a.signedIn(p)
	// A history of 450 events: the replay takes three pages.
	a.db.MustExec(`INSERT INTO notification_queue (user_id, kind, data) SELECT $1, 'job_status', jsonb_build_object('n', g) FROM generate_series(1, 450) g`, user)
	if _, err := a.db.SequenceNotifications(context.Background()); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	written := make(chan struct{})
	go func() {
		defer close(written)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			a.db.MustExec(`INSERT INTO notification_queue (user_id, kind, data) VALUES ($1, 'job_status', jsonb_build_object('live', $2::int))`, user, i)
			time.Sleep(2 * time.Millisecond)
		}
	}()
	const sockets = 20
	got := make([][]int64, sockets)
	var wg sync.WaitGroup
	var drops atomic.Int32
	for i := range sockets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// As the app does: a socket that is dropped (too slow for this flood on two
			// cores) comes back with the last id it saw; what it gets must still be every
			// event once, in order.
			last := int64(0)
			for {
				ws, _, err := c.dial(&last)
				if err != nil {
					t.Errorf("socket %d: dial: %v", i, err)
					return
				}
				for {
					m, err := ws.read(3 * time.Second) // quiet for 3 s: everything has arrived
					if ne, ok := err.(net.Error); ok && ne.Timeout() {
						return
					}
					if err != nil {
						drops.Add(1)
						break
					}
					if m.Type == "event" {
						if m.ID <= last {
							t.Errorf("socket %d: id %d after %d", i, m.ID, last)
						}
						got[i] = append(got[i], m.ID)
						last = m.ID
					}
				}
			}
		}()
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	close(stop)
	<-written
	wg.Wait()
	if _, err := a.db.SequenceNotifications(context.Background()); err != nil {
		t.Fatal(err)
	}
	var want []int64
	if err := a.db.Select(&want, `SELECT id FROM notifications WHERE user_id = $1 ORDER BY id`, user); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d sockets dropped as too slow and reconnected", drops.Load())
	for i, ids := range got {
		if !equalIDs(ids, want) {
			t.Fatalf("socket %d got %d events (first %v), want all %d in order", i, len(ids), ids[:min(5, len(ids))], len(want))
		}
	}
}

// A client that says it saw more than the server has (a restored database) is told the
// server's newest id, and gets what comes next.
func TestLiveCursorBeyondHistory(t *testing.T) {
	a := newApp(t)
	a.srv.Close()
	a.srv = a.instance(t, withHub(t, a, realtime.Settings{}, nil))
	p := a.person(klusbuddy.RolePoster, "", 8)
	user := a.idOf(p)
	a.db.MustExec(`INSERT INTO notification_queue (user_id, kind, data) VALUES ($1, 'job_status', '{}')`, user)
	a.db.SequenceNotifications(context.Background())
	last, _ := a.db.LastNotificationID(context.Background(), user)
	far := int64(1 << 40)
	ws := a.signedIn(p).mustDial(&far)
	if m := ws.next(5 * time.Second); m.Type != "ready" || m.LastID != last {
		t.Fatalf("%+v, want ready with the server's newest id %d", m, last)
	}
	a.db.MustExec(`INSERT INTO notification_queue (user_id, kind, data) VALUES ($1, 'job_status', '{"next": true}')`, user)
	if m := ws.next(5 * time.Second); m.Type != "event" || m.Data["next"] != true {
		t.Fatalf("%+v, want the next event", m)
	}
}

// A socket that arrives before the hub has started is asked to come back (1013) rather than
// served from an outbox position the hub does not know yet.
func TestLiveBeforeTheHubRuns(t *testing.T) {
	a := newApp(t)
	h := realtime.New(a.db, nil, realtime.Settings{})
	a.srv.Close()
	a.srv = a.instance(t, func(d *httpapi.Deps) { d.Live = h })
	ws := a.signedIn(a.person(klusbuddy.RolePoster, "", 8)).mustDial(nil)
	_, err := ws.read(5 * time.Second)
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != websocket.CloseTryAgainLater {
		t.Fatalf("closed with %v, want 1013", err)
	}
}

// The access log says 101 for an upgrade, which is written on the taken-over connection.
func TestLiveAccessLog(t *testing.T) {
	a := newApp(t)
	var buf syncBuffer
	a.srv.Close()
	a.srv = a.instance(t, withHub(t, a, realtime.Settings{}, nil), func(d *httpapi.Deps) {
		d.Logger = slog.New(slog.NewJSONHandler(&buf, nil))
	})
	ws := a.signedIn(a.person(klusbuddy.RolePoster, "", 8)).mustDial(nil)
	ws.next(5 * time.Second)
	// The line is written when the request's goroutine ends, just after "ready".
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		for _, line := range strings.Split(buf.String(), "\n") {
			if strings.Contains(line, `"path":"/api/v1/ws"`) {
				if !strings.Contains(line, `"status":101`) {
					t.Fatalf("logged %s", line)
				}
				return
			}
		}
	}
	t.Fatalf("no access log line for the socket in %s", buf.String())
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A client that stops reading is dropped rather than waited for: the person's other socket
// keeps getting every event (a burst larger than its queue is read again from the outbox),
// and the slow one is closed once a write to it has waited WriteWait.
func TestLiveSlowClientDropped(t *testing.T) {
	a := newApp(t)
	var hub *realtime.Hub
	a.srv.Close()
	a.srv = a.instance(t, withHub(t, a, realtime.Settings{SendBuffer: 4, WriteWait: 2 * time.Second}, &hub))
	p := a.person(klusbuddy.RolePoster, "", 8)
	user := a.idOf(p)
	c := a.signedIn(p)
	slow := c.mustDial(nil)
	slow.next(5 * time.Second) // ready; then it reads no more
	fast := c.mustDial(nil)
	fast.next(5 * time.Second)
	// The fast one reads all the time, as an app does.
	const events = 120
	received := make(chan error, 1)
	go func() {
		for n := 0; n < events; {
			m, err := fast.read(20 * time.Second)
			if err != nil {
				received <- fmt.Errorf("after %d events: %w", n, err)
				return
			}
			if m.Type == "event" {
				n++
			}
		}
		received <- nil
	}()
	// Events of 60 KB each: a few MB fill the socket buffers of the one that does not read.
	for range events {
		a.db.MustExec(`INSERT INTO notification_queue (user_id, kind, data) VALUES ($1, 'job_status', jsonb_build_object('pad', repeat('x', 60000)))`, user)
	}
	if err := <-received; err != nil {
		var stacks strings.Builder
		_ = pprof.Lookup("goroutine").WriteTo(&stacks, 1)
		var sequenced, queued int
		a.db.Get(&sequenced, `SELECT count(*) FROM notifications WHERE user_id = $1`, user)
		a.db.Get(&queued, `SELECT count(*) FROM notification_queue`)
		t.Fatalf("the socket that reads: %v (%d sequenced, %d queued, %d sockets)\n%s", err, sequenced, queued, hub.Connections(), stacks.String())
	}
	deadline := time.Now().Add(10 * time.Second)
	for hub.Connections() > 1 {
		if time.Now().After(deadline) {
			t.Fatalf("%d sockets still open: the one that stopped reading was not dropped", hub.Connections())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// The server's deadlines and limits: a client that answers no pings is closed once PongWait has
// passed while one that answers stays; a message over the read limit closes the socket (1009).
func TestLiveDeadlinesAndLimits(t *testing.T) {
	a := newApp(t)
	var hub *realtime.Hub
	a.srv.Close()
	a.srv = a.instance(t, withHub(t, a, realtime.Settings{PingInterval: 100 * time.Millisecond, PongWait: 400 * time.Millisecond}, &hub))
	c := a.signedIn(a.person(klusbuddy.RolePoster, "", 8))

	answering := c.mustDial(nil)
	answering.next(5 * time.Second)
	go func() { // reading is what makes gorilla answer pings
		for {
			if _, err := answering.read(time.Minute); err != nil {
				return
			}
		}
	}()
	silent := c.mustDial(nil)
	silent.next(5 * time.Second)
	silent.conn.SetPingHandler(func(string) error { return nil }) // no pong
	start := time.Now()
	for {
		_, err := silent.read(5 * time.Second)
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			t.Fatal("a client that answers no pings was kept for 5 s")
		}
		if err != nil {
			break
		}
	}
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Fatalf("closed after %v, before PongWait", d)
	}
	time.Sleep(time.Second) // several ping intervals
	if n := hub.Connections(); n != 1 {
		t.Fatalf("%d sockets open; the one that answers pings should be", n)
	}

	big := c.mustDial(nil)
	big.next(5 * time.Second)
	if err := big.conn.WriteMessage(websocket.TextMessage, []byte(`{"type":"ack","id":1,"pad":"`+strings.Repeat("x", 1000)+`"}`)); err != nil {
		t.Fatal(err)
	}
	for {
		_, err := big.read(5 * time.Second)
		if err == nil {
			continue
		}
		var ce *websocket.CloseError
		if !errors.As(err, &ce) || ce.Code != websocket.CloseMessageTooBig {
			t.Fatalf("after a message over the limit: %v, want 1009", err)
		}
		break
	}
}
