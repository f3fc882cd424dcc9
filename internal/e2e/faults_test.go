package e2e_test

// Faults (issue 15): real klusbuddy processes and a real PostgreSQL, broken the way production
// breaks them: an instance killed with SIGKILL during offers, PostgreSQL restarted under two
// running instances, a client that stops reading. Each test checks that nothing is lost (every
// offer in the database reaches its worker's socket), that nothing is overdone (no job gets more
// people than it needs, every accept answered 200 is booked) and that the instances recover by
// themselves. Waiting is polling for a condition with a deadline, never a sleep that moves time.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/pgcluster"
)

// waitUntil polls cond until it holds, failing the test with what when it has not within d.
func waitUntil(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// status is the HTTP status of a GET, 0 when no answer came.
func status(url string) int {
	c := http.Client{Timeout: 5 * time.Second}
	res, err := c.Get(url)
	if err != nil {
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}

// liveWorker is a worker's phone with the app open: a WebSocket on an instance that, when it
// breaks, is opened again with the last event id seen (on the same instance, or on the
// fallback when that one no longer answers, as a load balancer would send it), and that
// accepts every offer it gets.
type liveWorker struct {
	t        *testing.T
	c        *apiClient
	fallback string // where to go when the instance is gone
	accept   bool

	mu       sync.Mutex
	base     string
	ws       *websocket.Conn
	last     int64
	offers   map[int64]int64 // offer id → job id, from offer_new events
	seen     map[int64]bool  // event ids
	problems []string        // duplicates, events out of order
	accepts  []acceptResult
	dials    int
	stop     bool
	offline  chan struct{}  // when set, a broken socket is opened again only once it is closed
	wg       sync.WaitGroup // the reader
	acc      sync.WaitGroup // accepts under way
}

type acceptResult struct {
	offer, job int64
	status     int
}

// connect opens the socket on base and keeps it open (and reading) until the test ends.
func (w *liveWorker) connect(base string) {
	w.t.Helper()
	w.mu.Lock()
	w.base = base
	w.mu.Unlock()
	ws, err := w.dial()
	if err != nil {
		w.t.Fatalf("worker %d: %v", w.c.id, err)
	}
	w.wg.Add(1)
	go w.run(ws)
}

func (w *liveWorker) dial() (*websocket.Conn, error) {
	w.mu.Lock()
	base, last, dials := w.base, w.last, w.dials
	w.dials++
	w.mu.Unlock()
	u := "ws" + strings.TrimPrefix(base, "http") + "/api/v1/ws"
	if dials > 0 { // a reconnection: the rest after the last event seen
		u += "?after=" + strconv.FormatInt(last, 10)
	}
	d := websocket.Dialer{Jar: w.c.http.Jar, HandshakeTimeout: 5 * time.Second}
	ws, _, err := d.Dial(u, http.Header{"Origin": {base}})
	if err != nil {
		return nil, err
	}
	w.mu.Lock()
	w.ws = ws
	w.mu.Unlock()
	return ws, nil
}

func (w *liveWorker) run(ws *websocket.Conn) {
	defer w.wg.Done()
	for {
		err := w.read(ws)
		ws.Close()
		w.mu.Lock()
		stop, offline := w.stop, w.offline
		w.mu.Unlock()
		if stop {
			return
		}
		if offline != nil { // the phone is out of reach for a while
			<-offline
		}
		// Reconnect as the app does: the same instance while it answers, else the fallback.
		deadline := time.Now().Add(30 * time.Second)
		for {
			if ws, err = w.dial(); err == nil {
				break
			}
			w.mu.Lock()
			if w.fallback != "" && status(w.base+"/healthz") == 0 {
				w.base = w.fallback
			}
			stop := w.stop
			w.mu.Unlock()
			if stop || time.Now().After(deadline) {
				w.fail(fmt.Sprintf("could not reconnect: %v", err))
				return
			}
			time.Sleep(50 * time.Millisecond) // pacing the redials, as the app's backoff does
		}
	}
}

func (w *liveWorker) fail(p string) {
	w.mu.Lock()
	w.problems = append(w.problems, p)
	w.mu.Unlock()
}

// read handles the socket's messages until it fails.
func (w *liveWorker) read(ws *websocket.Conn) error {
	for {
		_, b, err := ws.ReadMessage()
		if err != nil {
			return err
		}
		var m struct {
			Type   string `json:"type"`
			LastID int64  `json:"last_id"`
			klusbuddy.Notification
		}
		if err := json.Unmarshal(b, &m); err != nil {
			w.fail(fmt.Sprintf("not JSON: %s", b))
			continue
		}
		if m.Type == "ready" {
			w.mu.Lock()
			if w.last == 0 { // no id yet: the newest is where the app starts (pwa/src/live.ts)
				w.last = m.LastID
			}
			w.mu.Unlock()
		}
		if m.Type != "event" {
			continue
		}
		w.mu.Lock()
		switch {
		case w.seen[m.ID]:
			w.problems = append(w.problems, fmt.Sprintf("event %d twice", m.ID))
		case m.ID < w.last:
			w.problems = append(w.problems, fmt.Sprintf("event %d after %d", m.ID, w.last))
		}
		w.seen[m.ID] = true
		w.last = max(w.last, m.ID)
		var offer, job int64
		if m.Kind == klusbuddy.EventOfferNew {
			offer, job = int64Of(m.Data["offer_id"]), int64Of(m.Data["job_id"])
			w.offers[offer] = job
			select {
			case offerArrived <- struct{}{}:
			default: // a wake-up is waiting already
			}
		}
		if w.accept && offer != 0 {
			w.acc.Add(1) // under the lock: stopAccepting waits for every one started
			go w.acceptOffer(offer, job)
		}
		w.mu.Unlock()
	}
}

func int64Of(v any) int64 {
	f, _ := v.(float64)
	return int64(f)
}

// acceptOffer accepts as the app does: with an Idempotency-Key, sent again (to the fallback
// when the instance is gone) while no answer comes or the answer is 503.
func (w *liveWorker) acceptOffer(offer, job int64) {
	defer w.acc.Done()
	key := http.Header{"Idempotency-Key": {fmt.Sprintf("accept-%d-%d", w.c.id, offer)}}
	deadline := time.Now().Add(30 * time.Second)
	for {
		w.mu.Lock()
		base := w.base
		w.mu.Unlock()
		res, _, err := w.c.on(base).do("POST", fmt.Sprintf("/api/v1/offers/%d/accept", offer), nil, key)
		if err == nil && res.StatusCode != http.StatusServiceUnavailable {
			w.mu.Lock()
			w.accepts = append(w.accepts, acceptResult{offer: offer, job: job, status: res.StatusCode})
			w.mu.Unlock()
			return
		}
		if time.Now().After(deadline) {
			w.fail(fmt.Sprintf("accepting offer %d: no answer for 30 s (%v)", offer, err))
			return
		}
		w.mu.Lock()
		if w.fallback != "" && status(base+"/healthz") == 0 {
			w.base = w.fallback
		}
		w.mu.Unlock()
		time.Sleep(50 * time.Millisecond) // the app's retry pacing
	}
}

// stopAccepting lets the worker accept no more offers and waits for the accepts under way.
func (w *liveWorker) stopAccepting() {
	w.mu.Lock()
	w.accept = false
	w.mu.Unlock()
	w.acc.Wait()
}

// close stops the worker's socket and waits for its reader.
func (w *liveWorker) close() {
	w.mu.Lock()
	w.stop = true
	ws := w.ws
	w.mu.Unlock()
	if ws != nil {
		ws.Close()
	}
	w.wg.Wait()
}

// moveTo closes the socket and opens it on another instance, with the last event id seen.
func (w *liveWorker) moveTo(base string) {
	w.t.Helper()
	w.close()
	w.mu.Lock()
	w.stop = false
	w.base = base
	w.mu.Unlock()
	ws, err := w.dial()
	if err != nil {
		w.t.Fatalf("worker %d moving to %s: %v", w.c.id, base, err)
	}
	w.wg.Add(1)
	go w.run(ws)
}

func (w *liveWorker) hasOffers(ids []int64) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, id := range ids {
		if _, ok := w.offers[id]; !ok {
			return false
		}
	}
	return true
}

// signInWorkers signs every demo worker in on base, each from a phone of their own (the
// instances trust 127.0.0.1 as their proxy: fewer sign-ins per address than the limit), and
// returns them with no socket yet.
func signInWorkers(t *testing.T, base string, accept bool) []*liveWorker {
	t.Helper()
	var ws []*liveWorker
	for i, p := range demo.Data().People {
		if p.Role != klusbuddy.RoleWorker {
			continue
		}
		w := &liveWorker{t: t, c: signInFrom(t, base, p.Phone, demo.PIN, fmt.Sprintf("192.0.2.%d", i%250+1)), accept: accept,
			offers: map[int64]int64{}, seen: map[int64]bool{}}
		t.Cleanup(w.close)
		ws = append(ws, w)
	}
	return ws
}

// offersOf reads from the database every offer made to the workers from offer id from on:
// worker id → offer ids.
func offersOf(t *testing.T, db *sql.DB, workers []*liveWorker, from int64) map[int64][]int64 {
	t.Helper()
	ids := make([]string, len(workers))
	for i, w := range workers {
		ids[i] = strconv.FormatInt(w.c.id, 10)
	}
	rows, err := db.Query(`SELECT worker_id, id FROM offers WHERE worker_id = ANY($1::bigint[]) AND id >= $2 ORDER BY id`, "{"+strings.Join(ids, ",")+"}", from)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64][]int64{}
	for rows.Next() {
		var worker, id int64
		if err := rows.Scan(&worker, &id); err != nil {
			t.Fatal(err)
		}
		out[worker] = append(out[worker], id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// offerArrived wakes everyOfferDelivered when an offer reaches any worker's socket. Shared by
// every worker, so a wake-up may be for another test's worker: it then only checks again.
var offerArrived = make(chan struct{}, 1)

// everyOfferDelivered waits until each worker's socket has had every offer the database holds
// for them from offer id from on (the sockets were open by then), and fails naming what is
// missing.
func everyOfferDelivered(t *testing.T, db *sql.DB, workers []*liveWorker, from int64, within time.Duration) int {
	t.Helper()
	var made map[int64][]int64
	deadline := time.Now().Add(within)
	for {
		made = offersOf(t, db, workers, from)
		all := true
		for _, w := range workers {
			if !w.hasOffers(made[w.c.id]) {
				all = false
				break
			}
		}
		if all {
			break
		}
		if time.Now().After(deadline) {
			for _, w := range workers {
				w.mu.Lock()
				var missing []int64
				for _, id := range made[w.c.id] {
					if _, ok := w.offers[id]; !ok {
						missing = append(missing, id)
					}
				}
				if len(missing) > 0 {
					t.Errorf("worker %d (socket on %s): offers %v are in the database but never reached the socket", w.c.id, w.base, missing)
				}
				w.mu.Unlock()
			}
			t.FailNow()
		}
		// Only an offer reaching a socket can make the check pass: wait for the next one.
		select {
		case <-offerArrived:
		case <-time.After(time.Until(deadline)):
		}
	}
	n := 0
	for _, w := range workers {
		n += len(made[w.c.id])
		w.mu.Lock()
		for id, job := range w.offers {
			var exists bool
			if err := db.QueryRow(`SELECT EXISTS (SELECT 1 FROM offers WHERE id = $1 AND job_id = $2 AND worker_id = $3)`, id, job, w.c.id).Scan(&exists); err != nil || !exists {
				t.Errorf("worker %d got offer %d of job %d, which the database does not hold (%v)", w.c.id, id, job, err)
			}
		}
		for _, p := range w.problems {
			t.Errorf("worker %d: %s", w.c.id, p)
		}
		w.mu.Unlock()
	}
	return n
}

// ids runs q, which selects one bigint column, and returns its values.
func ids(t *testing.T, db *sql.DB, q string, args ...any) []int64 {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// nothingOverdone checks that no job has more workers than it needs and that every accept
// answered 200 is booked; it returns how many accepts were answered 200.
func nothingOverdone(t *testing.T, db *sql.DB, workers []*liveWorker) int {
	t.Helper()
	over := ids(t, db, `SELECT j.id FROM jobs j JOIN assignments a ON a.job_id = j.id GROUP BY j.id HAVING count(*) > max(j.workers_needed)`)
	if len(over) > 0 {
		t.Errorf("jobs %v have more workers than they need", over)
	}
	ok := 0
	for _, w := range workers {
		w.mu.Lock()
		accepts := append([]acceptResult(nil), w.accepts...)
		w.mu.Unlock()
		for _, a := range accepts {
			if a.status != 200 {
				continue
			}
			ok++
			var booked bool
			if err := db.QueryRow(`SELECT EXISTS (SELECT 1 FROM assignments WHERE job_id = $1 AND worker_id = $2)
				AND EXISTS (SELECT 1 FROM offers WHERE id = $3 AND state = 'accepted')`, a.job, w.c.id, a.offer).Scan(&booked); err != nil || !booked {
				t.Errorf("worker %d was answered 200 on offer %d but is not booked on job %d (%v)", w.c.id, a.offer, a.job, err)
			}
		}
	}
	return ok
}

// poster is a household posting cleaning jobs through the API, each at its own hour so that the
// workers who took one stay free for the next.
type poster struct {
	*apiClient
	address int64
	next    int
}

func newPoster(t *testing.T, base string) *poster {
	t.Helper()
	c := signIn(t, base, householdLogin(), demo.Password)
	var profile struct {
		Poster struct{ Addresses []struct{ ID int64 } }
	}
	c.call("GET", "/api/v1/me/profile", nil, &profile)
	return &poster{apiClient: c, address: profile.Poster.Addresses[0].ID}
}

// post sends the next job (10:00 on the Tuesdays from next week on, then 13:00, …) and returns
// the answer.
func (p *poster) post(needed int) (*http.Response, []byte, error) {
	brussels, _ := time.LoadLocation("Europe/Brussels")
	d := time.Now().In(brussels).AddDate(0, 0, 7*(1+p.next%8))
	for d.Weekday() != time.Tuesday {
		d = d.AddDate(0, 0, 1)
	}
	start := time.Date(d.Year(), d.Month(), d.Day(), 10+3*(p.next/8%3), 0, 0, 0, brussels)
	p.next++
	return p.do("POST", "/api/v1/jobs", map[string]any{"category": "cleaning", "address_id": p.address,
		"start": start.Format(time.RFC3339), "minutes": 120, "workers_needed": needed}, nil)
}

func (p *poster) mustPost(needed int) int64 {
	p.t.Helper()
	res, body, err := p.post(needed)
	if err != nil {
		p.t.Fatalf("posting on %s: %v", p.base, err)
	}
	if res.StatusCode != http.StatusCreated {
		p.t.Fatalf("posting on %s: %s %s", p.base, res.Status, body)
	}
	var job struct{ ID int64 }
	json.Unmarshal(body, &job)
	return job.ID
}

// behindProxy is the setting of instances behind a proxy on this machine, which passes each
// phone's address on.
// Favourites-first is off, so that every job goes to a wave of several workers at once.
var behindProxy = []string{"KLUSBUDDY_TRUSTED_PROXIES=127.0.0.1", "KLUSBUDDY_FAVOURITES_FIRST=0"}

// everyWorkerCleans makes every demo worker a candidate for the poster's cleaning jobs on
// Tuesdays, so that each job goes to a wave of several workers, on both instances' sockets.
func everyWorkerCleans(t *testing.T, db *sql.DB) {
	t.Helper()
	for _, q := range []string{
		`INSERT INTO worker_skills (worker_id, category_id, level) SELECT user_id, (SELECT id FROM categories WHERE slug = 'cleaning'), 1
		 FROM worker_profiles ON CONFLICT DO NOTHING`,
		`DELETE FROM availability WHERE user_id IN (SELECT user_id FROM worker_profiles) AND weekday = 2`,
		`INSERT INTO availability (user_id, weekday, starts, ends) SELECT user_id, 2, '07:00', '20:00' FROM worker_profiles`,
		`DELETE FROM availability_exceptions WHERE user_id IN (SELECT user_id FROM worker_profiles)`,
		`UPDATE worker_profiles SET travel_mode = 'car', max_travel_minutes = 180, buddy_need = 'never', buddy_first_jobs = 0,
		 month_hour_cap = NULL, year_hour_cap = NULL`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

func openDB(t *testing.T, url string) *sql.DB {
	t.Helper()
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Two instances on one database, workers' sockets on both, a poster posting on A while the
// workers accept; B is killed with SIGKILL in the middle. The workers whose socket was on B
// reconnect to A with the last event id they saw and get every offer made to them; no job is
// overfilled and every accept answered 200 is booked; A serves throughout; B, started again on
// the same database, takes sockets and delivers again.
func TestKillAnInstanceDuringOffers(t *testing.T) {
	a := startServerWith(t, serverOptions{Env: behindProxy})
	b := startServerWith(t, serverOptions{DB: a.DB, NoDemo: true, Env: behindProxy})
	db := openDB(t, a.DB)
	everyWorkerCleans(t, db)

	workers := signInWorkers(t, a.URL, true)
	var onB []*liveWorker
	for i, w := range workers {
		w.fallback = a.URL
		if i%2 == 1 {
			w.connect(b.URL)
			onB = append(onB, w)
		} else {
			w.connect(a.URL)
		}
	}
	p := newPoster(t, a.URL)

	// B's workers stay out of reach after the kill until a job has been offered to one of them
	// meanwhile: only the last id they saw can bring them that offer.
	offline := make(chan struct{})
	for _, w := range onB {
		w.mu.Lock()
		w.offline = offline
		w.mu.Unlock()
	}
	const jobs = 16
	posted := 0
	for ; posted < jobs/2; posted++ {
		p.mustPost(1 + posted%2)
	}
	// Mid-stream: the offers of the jobs just posted are on their way to B's sockets, some
	// accepts are in flight on B.
	b.kill(t)
	last := 0
	db.QueryRow(`SELECT coalesce(max(id), 0) FROM offers`).Scan(&last)
	for offeredMeanwhile := false; posted < jobs || !offeredMeanwhile; posted++ {
		if posted == 3*jobs {
			t.Fatal("none of the workers whose instance was killed got an offer while out of reach")
		}
		p.mustPost(1 + posted%2) // A serves: every post is answered 201
		waitUntil(t, 10*time.Second, "A to be ready after B was killed", func() bool { return status(a.URL+"/readyz") == 200 })
		for _, w := range onB {
			var n int
			db.QueryRow(`SELECT count(*) FROM offers WHERE worker_id = $1 AND id > $2`, w.c.id, last).Scan(&n)
			offeredMeanwhile = offeredMeanwhile || n > 0
		}
	}
	close(offline)
	made := everyOfferDelivered(t, db, workers, 0, 30*time.Second)
	movedToA := 0
	for _, w := range onB {
		w.mu.Lock()
		if w.base == a.URL && w.dials > 1 {
			movedToA++
		}
		w.mu.Unlock()
	}
	if movedToA != len(onB) {
		t.Fatalf("%d of the %d workers on B reconnected to A", movedToA, len(onB))
	}

	// B again, on the same database: it starts from the outbox's end and sockets opened on it
	// with the last id seen get what came meanwhile, then what comes next.
	b2Metrics := freeAddr(t)
	b2 := startServerWith(t, serverOptions{DB: a.DB, NoDemo: true, Env: append([]string{"KLUSBUDDY_METRICS_ADDR=" + b2Metrics}, behindProxy...)})
	for _, w := range onB {
		w.mu.Lock()
		w.fallback = ""
		w.mu.Unlock()
		w.moveTo(b2.URL)
	}
	var sinceB2 int64
	db.QueryRow(`SELECT coalesce(max(id), 0) + 1 FROM offers`).Scan(&sinceB2)
	for range 4 {
		p.mustPost(2)
	}
	made = everyOfferDelivered(t, db, workers, 0, 30*time.Second)
	if len(offersOf(t, db, onB, sinceB2)) == 0 {
		t.Fatal("no offer went to a socket on the new B: the test proves nothing of it")
	}
	waitUntil(t, 30*time.Second, "the new B to have handed out the whole outbox", func() bool {
		return metric(b2Metrics, "klusbuddy_outbox_lag") == 0
	})
	// Every accept has had its answer before the books are checked.
	for _, w := range workers {
		w.stopAccepting()
	}
	accepted := nothingOverdone(t, db, workers)
	onBOffers := 0
	for _, w := range onB {
		w.mu.Lock()
		onBOffers += len(w.offers)
		w.mu.Unlock()
	}
	t.Logf("%d jobs, %d offers delivered to %d sockets (%d of them to the %d workers moved from the killed instance to A and then to its successor), %d accepts answered 200",
		posted+4, made, len(workers), onBOffers, len(onB), accepted)
	if made == 0 || accepted == 0 {
		t.Fatal("nothing was offered or accepted: the test proves nothing")
	}
	if status(b2.URL+"/readyz") != 200 || status(a.URL+"/readyz") != 200 {
		t.Fatal("an instance is not ready at the end")
	}
}

// privateCluster starts a PostgreSQL of the test's own, which it may stop and start: never the
// shared TEST_DATABASE_URL server, which other tests use. It returns the URL of a database on it.
func privateCluster(t *testing.T) (*pgcluster.Cluster, string) {
	t.Helper()
	root, err := os.MkdirTemp("", "klusbuddy-faults-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(root, 0o755) // the cluster runs as an unprivileged user when we are root
	ctx := context.Background()
	c, err := pgcluster.Start(ctx, pgcluster.Options{Dir: filepath.Join(root, "pg"), Throwaway: true})
	if err != nil {
		os.RemoveAll(root)
		t.Fatal(err)
	}
	t.Cleanup(func() { // after the instances, whose cleanups were registered later
		c.Stop(context.Background())
		os.RemoveAll(root)
	})
	if err := c.CreateDatabase(ctx, "klusbuddy"); err != nil {
		t.Fatal(err)
	}
	return c, c.URL("klusbuddy")
}

// problem is the answer of a request made while the database is down.
func outageAnswer(t *testing.T, c *apiClient, method, path string, body any) string {
	t.Helper()
	res, b, err := c.do(method, path, body, nil)
	if err != nil {
		return fmt.Sprintf("%s %s on %s: no answer: %v", method, path, c.base, err)
	}
	var p struct{ Code string }
	json.Unmarshal(b, &p)
	if res.StatusCode != http.StatusServiceUnavailable || p.Code != klusbuddy.EUNAVAILABLE || res.Header.Get("Retry-After") == "" {
		return fmt.Sprintf("%s %s on %s with the database down: %s %s (Retry-After %q)", method, path, c.base, res.Status, b, res.Header.Get("Retry-After"))
	}
	return ""
}

// burst sends n reads at once (as many as an instance's pool has connections, and more) and
// returns the answers that were not 200.
func burst(c *apiClient, n int) []string {
	var mu sync.Mutex
	var bad []string
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			res, b, err := c.do("GET", "/api/v1/jobs", nil, nil)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				bad = append(bad, err.Error())
			} else if res.StatusCode != 200 {
				bad = append(bad, fmt.Sprintf("%s %s", res.Status, b))
			}
		})
	}
	wg.Wait()
	return bad
}

// listeners counts the database sessions listening for NOTIFYs: each instance has two, its
// sequencer's and its hub's.
func listeners(db *sql.DB) int {
	var n int
	// A listener's last statement is its LISTEN, or the empty query lib/pq pings it with (the
	// sequencer pings on every tick): the pools' connections never send an empty query.
	if db.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND (query LIKE 'LISTEN %' OR query = '')`).Scan(&n) != nil {
		return -1
	}
	return n
}

// PostgreSQL restarts (a fast stop, then a start on the same folder and socket) under two
// running instances with workers' sockets on both. While it is down the API answers 503
// unavailable with Retry-After and /healthz stays 200; afterwards both instances recover by
// themselves, without a restart of their own: ready again, posts work, both listen for NOTIFYs
// again, offers reach the sockets on both, and nothing committed before is lost.
func TestPostgresRestartUnderTwoInstances(t *testing.T) {
	cluster, url := privateCluster(t)
	a := startServerWith(t, serverOptions{DB: url, Env: behindProxy})
	b := startServerWith(t, serverOptions{DB: url, NoDemo: true, Env: behindProxy})
	db := openDB(t, url)
	everyWorkerCleans(t, db)
	workers := signInWorkers(t, a.URL, true)
	for i, w := range workers {
		w.connect([]string{a.URL, b.URL}[i%2])
	}
	p := newPoster(t, a.URL)
	var before []int64
	for i := range 4 {
		if i%2 == 0 {
			before = append(before, p.mustPost(2))
		} else {
			before = append(before, (&poster{apiClient: p.on(b.URL), address: p.address, next: 10 + i}).mustPost(2))
		}
	}
	everyOfferDelivered(t, db, workers, 0, 30*time.Second)
	waitUntil(t, 10*time.Second, "both instances to listen", func() bool { return listeners(db) == 4 })
	var offersBefore int
	db.QueryRow(`SELECT count(*) FROM offers`).Scan(&offersBefore)

	ctx := context.Background()
	// A quick restart, which no request sees happen: the connections the pools hold from
	// before are dead, and are replaced without a request being answered 503 for it.
	for _, s := range []*server{a, b} {
		if bad := burst(p.on(s.URL), 30); len(bad) > 0 {
			t.Fatalf("before the restart, on %s: %v", s.URL, bad)
		}
	}
	if err := cluster.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	for _, s := range []*server{a, b} {
		if bad := burst(p.on(s.URL), 30); len(bad) > 0 {
			t.Errorf("right after a restart of the database, on %s: %v", s.URL, bad)
		}
	}

	// A longer outage, which requests do see.
	if err := cluster.Halt(ctx); err != nil {
		t.Fatal(err)
	}
	for _, s := range []*server{a, b} {
		c := p.on(s.URL)
		for _, msg := range []string{
			outageAnswer(t, c, "GET", "/api/v1/jobs", nil),
			outageAnswer(t, c, "GET", "/api/v1/me/profile", nil),
			outageAnswer(t, c, "POST", "/api/v1/jobs", map[string]any{"category": "cleaning", "address_id": p.address,
				"start": time.Now().AddDate(0, 0, 14).Truncate(time.Hour).Format(time.RFC3339), "minutes": 120, "workers_needed": 1}),
		} {
			if msg != "" {
				t.Error(msg)
			}
		}
		if got := status(s.URL + "/healthz"); got != 200 {
			t.Errorf("%s/healthz answers %d with the database down: an orchestrator would restart an instance that a restart does not help", s.URL, got)
		}
		if got := status(s.URL + "/readyz"); got != 503 {
			t.Errorf("%s/readyz answers %d with the database down", s.URL, got)
		}
	}
	if err := cluster.Resume(ctx); err != nil {
		t.Fatal(err)
	}

	for _, s := range []*server{a, b} {
		waitUntil(t, 30*time.Second, s.URL+" to be ready again", func() bool { return status(s.URL+"/readyz") == 200 })
	}
	waitUntil(t, 30*time.Second, "both instances to listen again", func() bool { return listeners(db) == 4 })
	var after []int64
	for i := range 4 {
		q := &poster{apiClient: p.on([]string{a.URL, b.URL}[i%2]), address: p.address, next: 20 + i}
		after = append(after, q.mustPost(2))
	}
	made := everyOfferDelivered(t, db, workers, 0, 30*time.Second)
	for _, w := range workers {
		w.stopAccepting()
	}
	accepted := nothingOverdone(t, db, workers)
	for _, s := range []*server{a, b} {
		select {
		case <-s.exited:
			t.Fatalf("%s stopped: %v", s.URL, s.err)
		default:
		}
	}
	var kept, offersAfter int
	db.QueryRow(`SELECT count(*) FROM jobs WHERE id = ANY($1::bigint[])`, pqArray(before)).Scan(&kept)
	db.QueryRow(`SELECT count(*) FROM offers`).Scan(&offersAfter)
	if kept != len(before) || offersAfter <= offersBefore {
		t.Fatalf("after the restart: %d of the %d jobs posted before, %d offers (%d before)", kept, len(before), offersAfter, offersBefore)
	}
	t.Logf("%d jobs before the restart and %d after, %d offers delivered to %d sockets on two instances, %d accepts answered 200",
		len(before), len(after), made, len(workers), accepted)
}

func pqArray(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return "{" + strings.Join(s, ",") + "}"
}

// freeAddr is a loopback address with a port free a moment ago, for a listener the server
// opens but does not report (its metrics).
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// metric reads one unlabelled value from the server's /metrics; -1 when it cannot.
func metric(addr, name string) float64 {
	c := http.Client{Timeout: 5 * time.Second}
	res, err := c.Get("http://" + addr + "/metrics")
	if err != nil {
		return -1
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err == nil {
				return f
			}
		}
	}
	return -1
}

// memoryKB reads a process's memory from /proc: VmRSS (now) or VmHWM (the most it ever had).
func memoryKB(t *testing.T, pid int, field string) int {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatalf("reading the server's memory (Linux's /proc): %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}

// A worker's phone holds its socket open but stops reading while far more events are sent to
// it than any buffer holds. The server neither waits for it nor keeps what it cannot send:
// every other socket (the worker's other phone among them) gets every offer, the server's
// memory grows by much less than what was sent, and the slow socket is dropped. Once the phone
// reads again and reconnects with the last id it saw, it has every event, offers included.
func TestSlowClient(t *testing.T) {
	metricsAddr := freeAddr(t)
	a := startServerWith(t, serverOptions{Env: append([]string{"KLUSBUDDY_METRICS_ADDR=" + metricsAddr}, behindProxy...)})
	db := openDB(t, a.DB)
	everyWorkerCleans(t, db)
	p := newPoster(t, a.URL)

	// The worker the poster's jobs go to first: the one who will stop reading. (A probe job,
	// taken back, says who that is; nobody accepts, so every job goes to them.)
	probe := p.mustPost(1)
	var slowID int64
	if err := db.QueryRow(`SELECT worker_id FROM offers WHERE job_id = $1 ORDER BY score DESC LIMIT 1`, probe).Scan(&slowID); err != nil {
		t.Fatal(err)
	}
	p.call("POST", fmt.Sprintf("/api/v1/jobs/%d/cancel", probe), nil, nil)

	workers := signInWorkers(t, a.URL, false)
	var slow *liveWorker
	var others []*liveWorker // every socket that reads, the slow worker's other phone among them
	for _, w := range workers {
		if w.c.id == slowID {
			slow = w
		}
		w.connect(a.URL)
		others = append(others, w)
	}
	if slow == nil {
		t.Fatalf("worker %d is not among the demo workers", slowID)
	}
	stalled := &liveWorker{t: t, c: slow.c, base: a.URL, offers: map[int64]int64{}, seen: map[int64]bool{}}
	ws, err := stalled.dial()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	if _, _, err := ws.ReadMessage(); err != nil { // ready; then it reads nothing for a while
		t.Fatal(err)
	}
	var last, firstOffer int64
	db.QueryRow(`SELECT coalesce(max(id), 0) FROM notifications WHERE user_id = $1`, slowID).Scan(&last)
	db.QueryRow(`SELECT coalesce(max(id), 0) + 1 FROM offers`).Scan(&firstOffer)
	stalled.last, stalled.dials = last, 1
	sockets := len(workers) + 1
	waitUntil(t, 10*time.Second, "the sockets to be counted", func() bool {
		return metric(metricsAddr, "klusbuddy_websocket_connections") == float64(sockets)
	})
	// The peak so far (the sign-ins' password hashing, the demo data) is forgotten: from here
	// VmHWM is the most memory the server holds while the events flow.
	if err := os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", a.cmd.Process.Pid), []byte("5"), 0); err != nil {
		t.Fatalf("resetting the server's peak memory (Linux's /proc): %v", err)
	}
	rssBefore := memoryKB(t, a.cmd.Process.Pid, "VmRSS")

	// Offers, then 64 MB of events for the worker (16 KB each, as a long job description
	// might make them), then offers again.
	const events, size = 4000, 16000
	for range 3 {
		p.mustPost(2)
	}
	if _, err := db.Exec(`INSERT INTO notification_queue (user_id, kind, data)
		SELECT $1, 'job_status', jsonb_build_object('n', g, 'pad', repeat('x', $2)) FROM generate_series(1, $3) g`, slowID, size, events); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		p.mustPost(2)
	}

	// Everyone else is served, the slow worker's other phone with every one of their events.
	made := everyOfferDelivered(t, db, others, firstOffer, 60*time.Second)
	want := ids(t, db, `SELECT id FROM notifications WHERE user_id = $1 AND id > $2 ORDER BY id`, slowID, last)
	if len(want) < events {
		t.Fatalf("%d events for the worker in the outbox, want at least %d", len(want), events)
	}
	waitUntil(t, 60*time.Second, "the slow worker's other phone to get all their events", func() bool {
		slow.mu.Lock()
		defer slow.mu.Unlock()
		return slow.last >= want[len(want)-1]
	})
	// The one that does not read is dropped once a write to it has waited too long.
	waitUntil(t, 60*time.Second, "the socket that does not read to be dropped", func() bool {
		return metric(metricsAddr, "klusbuddy_websocket_connections") == float64(sockets-1)
	})
	sent := events * size / 1024
	peak := memoryKB(t, a.cmd.Process.Pid, "VmHWM")
	t.Logf("memory: %d MB resident before, at most %d MB after %d MB of events for the socket that did not read",
		rssBefore/1024, peak/1024, sent/1024)
	if peak-rssBefore > sent/2 {
		t.Errorf("the server's memory grew by %d MB while %d MB of events went to a socket that did not read: it keeps what it cannot send",
			(peak-rssBefore)/1024, sent/1024)
	}

	// The phone reads again: what was in the buffers, then (dropped) it reconnects with the
	// last id it saw and gets the rest.
	ws.SetReadDeadline(time.Now().Add(60 * time.Second)) // it was dropped: the buffers end
	stalled.read(ws)
	ws.Close()
	ws2, err := stalled.dial()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws2.Close() })
	go stalled.read(ws2)
	waitUntil(t, 60*time.Second, "the phone that stopped reading to have every event", func() bool {
		stalled.mu.Lock()
		defer stalled.mu.Unlock()
		return stalled.last >= want[len(want)-1]
	})
	ws2.Close()
	stalled.mu.Lock()
	defer stalled.mu.Unlock()
	for _, id := range want {
		if !stalled.seen[id] {
			t.Errorf("event %d never reached the phone that stopped reading", id)
		}
	}
	for _, p := range stalled.problems {
		t.Error(p)
	}
	offers := 0
	for _, id := range offersOf(t, db, []*liveWorker{slow}, firstOffer)[slowID] {
		if _, ok := stalled.offers[id]; !ok {
			t.Errorf("offer %d never reached the phone that stopped reading", id)
		}
		offers++
	}
	if offers == 0 {
		t.Fatal("the worker who stopped reading was offered nothing: the test proves nothing")
	}
	t.Logf("%d offers to %d sockets; %d events (%d MB) for the one that stopped reading, all received after it reconnected, %d of them offers",
		made, len(others), len(want), sent/1024, offers)
}
