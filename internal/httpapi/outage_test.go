package httpapi_test

import (
	"context"
	"io"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
)

// dbLink stands between an instance and its database on loopback, so that a test can cut the
// line (refused and reset connections, as when the database goes down) and mend it.
type dbLink struct {
	t               testing.TB
	addr            string // where the instance connects
	network, target string // where the database is
	mu              sync.Mutex
	ln              net.Listener
	conns           []net.Conn
}

// newDBLink opens a fresh database behind a link and returns the link and the URL through it.
func newDBLink(t testing.TB) (*dbLink, string) {
	u, err := url.Parse(pgtest.NewDatabaseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	l := &dbLink{t: t, network: "tcp", target: u.Host}
	q := u.Query()
	if dir := q.Get("host"); strings.HasPrefix(dir, "/") { // the private cluster's unix socket
		l.network, l.target = "unix", dir+"/.s.PGSQL."+q.Get("port")
		q.Del("host")
		q.Del("port")
	}
	l.mend()
	u.Host, u.RawQuery = l.addr, q.Encode()
	t.Cleanup(l.cut)
	return l, u.String()
}

// mend listens again (on the same port after a cut).
func (l *dbLink) mend() {
	addr := l.addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		l.t.Fatal(err)
	}
	l.mu.Lock()
	l.ln, l.addr = ln, ln.Addr().String()
	l.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			d, err := net.Dial(l.network, l.target)
			if err != nil {
				c.Close()
				continue
			}
			l.mu.Lock()
			l.conns = append(l.conns, c, d)
			l.mu.Unlock()
			go func() { io.Copy(d, c); d.Close() }()
			go func() { io.Copy(c, d); c.Close() }()
		}
	}()
}

// cut refuses new connections and resets the open ones.
func (l *dbLink) cut() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ln.Close()
	for _, c := range l.conns {
		c.Close()
	}
	l.conns = nil
}

// While the database cannot be reached, reads and writes answer 503 unavailable with
// Retry-After, as the API description promises, not 500; /readyz says not ready, /healthz
// still alive (a restart would not help). Once it is back, the same instance serves again.
func TestDatabaseOutageAnswers503(t *testing.T) {
	link, u := newDBLink(t)
	db, err := postgres.Open(context.Background(), u, postgres.OpenOptions{MaxConns: 5})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	a := newAppOn(t, db)
	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 8))
	requests := []struct {
		c            *client
		method, path string
		body         any
	}{
		{a.client(), "GET", "/api/v1/categories", nil},
		{poster, "GET", "/api/v1/jobs", nil},
		{poster, "POST", "/api/v1/jobs", map[string]any{"category": "cleaning", "address_id": profileOf(t, poster).Poster.Addresses[0].ID,
			"start": nextTuesday10().Format(time.RFC3339), "minutes": 120, "workers_needed": 1}},
		{a.client(), "POST", "/api/v1/login", map[string]string{"login": "0470 00 00 00", "secret": "123456"}},
	}
	link.cut()
	for _, r := range requests {
		res, body := r.c.do(r.method, r.path, r.body)
		p := decodeProblem(t, res, body)
		if res.StatusCode != 503 || p.Code != klusbuddy.EUNAVAILABLE || res.Header.Get("Retry-After") == "" {
			t.Errorf("%s %s with the database down: %d %s (Retry-After %q)", r.method, r.path, res.StatusCode, body, res.Header.Get("Retry-After"))
		}
	}
	if res, _ := get(t, "GET", a.srv.URL+"/readyz", nil); res.StatusCode != 503 {
		t.Errorf("readyz %d with the database down", res.StatusCode)
	}
	if res, _ := get(t, "GET", a.srv.URL+"/healthz", nil); res.StatusCode != 200 {
		t.Errorf("healthz %d with the database down: restarting would not bring it back", res.StatusCode)
	}
	link.mend()
	waitFor(t, "the instance to be ready again", func() bool {
		res, _ := get(t, "GET", a.srv.URL+"/readyz", nil)
		return res.StatusCode == 200
	})
	if res, body := poster.do("GET", "/api/v1/jobs", nil); res.StatusCode != 200 {
		t.Fatalf("after the outage: %d %s", res.StatusCode, body)
	}
}
