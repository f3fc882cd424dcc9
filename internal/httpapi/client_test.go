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

	"github.com/klusbuddy/klusbuddy/internal/accounts"
	"github.com/klusbuddy/klusbuddy/internal/board"
	"github.com/klusbuddy/klusbuddy/internal/catalogue"
	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/dispatch"
	"github.com/klusbuddy/klusbuddy/internal/httpapi"
	"github.com/klusbuddy/klusbuddy/internal/jobs"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/password"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
)

var brussels, _ = time.LoadLocation("Europe/Brussels")

// cheap argon2id costs: the tests sign in hundreds of times; production uses password.Default.
var cheap = password.Params{Memory: 1024, Time: 1, Threads: 1}

// app is a complete server on a fresh database holding the demo data.
type app struct {
	t    testing.TB
	db   *postgres.DB
	srv  *httptest.Server
	data klusbuddy.SeedData
}

func newApp(t testing.TB, mod ...func(*httpapi.Deps)) *app {
	t.Helper()
	db := pgtest.NewDB(t)
	data := demo.Data()
	data.PasswordHash, _ = password.Hash(demo.Password, cheap)
	data.PINHash, _ = password.Hash(demo.PIN, cheap)
	if err := db.Seed(context.Background(), data); err != nil {
		t.Fatal(err)
	}
	acc, err := accounts.New(db, nil, cheap)
	if err != nil {
		t.Fatal(err)
	}
	mods := append([]func(*httpapi.Deps){func(d *httpapi.Deps) {
		dispatcher := dispatch.New(db, nil, brussels, dispatch.Settings{OfferTTL: 15 * time.Minute, WaveFactor: 3})
		d.Accounts, d.People, d.Offers, d.Idempotency = acc, accounts.NewPeople(db, dispatcher.Released), dispatcher, db
		jobService := jobs.New(db, dispatcher.Posted)
		d.Jobs, d.Blocks = jobService, jobService
		d.Buddies, d.Board, d.CategoryAdmin = dispatcher, board.New(db, dispatcher.Posted), catalogue.New(db)
	}}, mod...)
	return &app{t: t, db: db, srv: newServer(t, db, builtPWA, mods...), data: data}
}

// person returns the n-th demo person of a role (in organisation org when given).
func (a *app) person(role klusbuddy.Role, org string, n int) klusbuddy.Person {
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
func (a *app) idOf(p klusbuddy.Person) int64 {
	var id int64
	if err := a.db.Get(&id, `SELECT id FROM users WHERE email = NULLIF($1, '') OR (email IS NULL AND phone = $2)`, p.Email, p.Phone); err != nil {
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

func (a *app) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: a.t, base: a.srv.URL, http: &http.Client{Jar: jar}}
}

// signedIn returns a client signed in as p with the demo secret.
func (a *app) signedIn(p klusbuddy.Person) *client {
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
func (a *app) count(q string, args ...any) int {
	// Events wait in the queue until sequenced; count what a reader would see.
	if _, err := a.db.SequenceNotifications(context.Background()); err != nil {
		a.t.Fatal(err)
	}
	var n int
	if err := a.db.Get(&n, q, args...); err != nil {
		a.t.Fatal(err)
	}
	return n
}
