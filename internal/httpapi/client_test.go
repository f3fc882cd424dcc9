package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/klusbuddy/klusbuddy/internal/app"
	"github.com/klusbuddy/klusbuddy/internal/clock"
	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/dispatch"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/password"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
	"github.com/klusbuddy/klusbuddy/internal/realtime"
)

var brussels, _ = time.LoadLocation("Europe/Brussels")

// cheap argon2id costs: the tests sign in hundreds of times; production uses password.Default.
var cheap = password.Params{Memory: 1024, Time: 1, Threads: 1}

// site is a complete Klusbuddy on a fresh database holding the demo data: srv is its first
// instance, wired as `klusbuddy serve` wires it (internal/app) but without its loops, which
// tests that need them start with run or running. More instances on the same database are
// more `klusbuddy serve` processes behind one load balancer.
type site struct {
	t     testing.TB
	db    *postgres.DB
	sql   *sqlx.DB // the test's own pool, for what it arranges or checks in SQL
	srv   *httptest.Server
	inst  *app.Instance // srv's
	data  klusbuddy.SeedData
	clock *clock.Manual // every instance's and the store's: tests move it, never sleep
}

func newApp(t testing.TB, mod ...func(*app.Options)) *site {
	t.Helper()
	return newAppOn(t, pgtest.NewDB(t), mod...)
}

// newAppOn is newApp on a database the test opened itself.
func newAppOn(t testing.TB, db *postgres.DB, mod ...func(*app.Options)) *site {
	t.Helper()
	data := demo.Data()
	data.PasswordHash, _ = password.Hash(demo.Password, cheap)
	data.PINHash, _ = password.Hash(demo.PIN, cheap)
	if err := db.Seed(context.Background(), data); err != nil {
		t.Fatal(err)
	}
	a := &site{t: t, db: db, sql: pgtest.SQL(t, db), data: data, clock: clock.NewManual(time.Now())}
	a.inst = a.wire(t, mod...)
	a.srv = a.serve(t, a.inst)
	return a
}

// wire makes another instance on the site's database, with the settings every test instance
// has and then mod's.
func (a *site) wire(t testing.TB, mod ...func(*app.Options)) *app.Instance {
	t.Helper()
	return a.wireOn(t, a.db, mod...)
}

// wireOn is wire on a pool of the instance's own (as each process of a deployment has).
func (a *site) wireOn(t testing.TB, db *postgres.DB, mod ...func(*app.Options)) *app.Instance {
	t.Helper()
	o := app.Options{
		Now:            a.clock.Now,
		PasswordParams: cheap,
		Dispatch:       dispatch.Settings{OfferTTL: 15 * time.Minute, WaveFactor: 3},
		PWA:            builtPWA,
		Version:        "test",
		PushHosts:      []string{"127.0.0.1"}, // the push service stand-in (internal/push/pushtest)
	}
	for _, m := range mod {
		m(&o)
	}
	inst, err := app.New(context.Background(), db, o)
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// serve puts an instance's API on a loopback port until the test ends.
func (a *site) serve(t testing.TB, inst *app.Instance) *httptest.Server {
	srv := httptest.NewServer(inst.API)
	t.Cleanup(srv.Close)
	return srv
}

// run runs an instance's loops (live updates, sequencer, dispatcher, push sender) until the
// test ends, and returns once it takes sockets.
func (a *site) run(t testing.TB, inst *app.Instance) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := inst.Run(ctx); err != nil {
			t.Errorf("instance: %v", err)
		}
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	waitStarted(t, inst.Hub)
}

// running wires, runs and serves another instance.
func (a *site) running(t testing.TB, mod ...func(*app.Options)) (*httptest.Server, *app.Instance) {
	t.Helper()
	inst := a.wire(t, mod...)
	a.run(t, inst)
	return a.serve(t, inst), inst
}

// live replaces the site's first instance by a running one.
func (a *site) live(t testing.TB, mod ...func(*app.Options)) *app.Instance {
	t.Helper()
	a.srv.Close()
	a.srv, a.inst = a.running(t, mod...)
	return a.inst
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

// person returns the n-th demo person of a role (in organisation org when given).
func (a *site) person(role klusbuddy.Role, org string, n int) klusbuddy.Person {
	for _, p := range a.data.People {
		if p.Role == role && (org == "" || p.OrganisationSlug == org) {
			if n == 0 {
				return p
			}
			n--
		}
	}
	a.t.Fatalf("no demo %s #%d in %q", role, n, org)
	return klusbuddy.Person{}
}

// idOf looks a demo person up by their login.
func (a *site) idOf(p klusbuddy.Person) int64 {
	var id int64
	if err := a.sql.Get(&id, `SELECT id FROM users WHERE email = NULLIF($1, '') OR (email IS NULL AND phone = $2)`, p.Email, p.Phone); err != nil {
		a.t.Fatal(err)
	}
	return id
}

// client is one browser: a cookie jar, the CSRF token of its session and our Origin.
type client struct {
	t    testing.TB
	base string
	http *http.Client
	csrf string
}

func (a *site) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: a.t, base: a.srv.URL, http: &http.Client{Jar: jar}}
}

// signedIn returns a client signed in as p with the demo secret.
func (a *site) signedIn(p klusbuddy.Person) *client {
	c := a.client()
	login, secret := p.Email, demo.Password
	if p.Role == klusbuddy.RoleWorker || p.Role == klusbuddy.RoleBuddy {
		login, secret = p.Phone, demo.PIN
	}
	res, body := c.do("POST", "/api/v1/login", map[string]string{"login": login, "secret": secret})
	if res.StatusCode != 200 {
		a.t.Fatalf("login as %s: %d %s", login, res.StatusCode, body)
	}
	return c
}

// do sends a request with a JSON body (nil for none) and returns the response with its body.
// It keeps the CSRF token of the newest session answer.
func (c *client) do(method, path string, body any, headers ...string) (*http.Response, []byte) {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		if s, ok := body.(string); ok {
			rd = strings.NewReader(s)
		} else {
			b, _ := json.Marshal(body)
			rd = bytes.NewReader(b)
		}
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Origin", c.base)
	if c.csrf != "" {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "" {
			req.Header.Del(headers[i])
		} else {
			req.Header.Set(headers[i], headers[i+1])
		}
	}
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	checkResponse(c.t, req, res, b)
	var s struct {
		CSRFToken string `json:"csrf_token"`
	}
	if json.Unmarshal(b, &s) == nil && s.CSRFToken != "" {
		c.csrf = s.CSRFToken
	}
	return res, b
}

// count returns a number from the database, to check that a refused request changed nothing.
func (a *site) count(q string, args ...any) int {
	// Events wait in the queue until sequenced; count what a reader would see.
	if _, err := a.db.SequenceNotifications(context.Background()); err != nil {
		a.t.Fatal(err)
	}
	var n int
	if err := a.sql.Get(&n, q, args...); err != nil {
		a.t.Fatal(err)
	}
	return n
}

// worker is who a worker is to the services, for a test that acts as one without the API.
func (a *site) worker(id int) klusbuddy.Principal {
	return klusbuddy.Principal{User: klusbuddy.User{ID: int64(id), Role: klusbuddy.RoleWorker}}
}
