package httpapi_test

import (
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/klusbuddy/klusbuddy/internal/httpapi"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// builtPWA stands in for pwa/dist with the files a Vite build makes.
var builtPWA = fstest.MapFS{
	"index.html":             {Data: []byte("<!doctype html><html lang=nl><title>Klusbuddy</title>" + strings.Repeat(" ", 600) + "</html>")},
	"sw.js":                  {Data: []byte("self.addEventListener('install',()=>{})")},
	"manifest.webmanifest":   {Data: []byte(`{"name":"Klusbuddy"}`)},
	"assets/index-3f2a1b.js": {Data: []byte("console.log('app')" + strings.Repeat(";", 2000))},
	"icons/icon-192.png":     {Data: []byte("\x89PNG fake")},
	".gitkeep":               {Data: nil},
}

// newServer starts the API on a loopback port over db (nil: no database at all).
func newServer(t testing.TB, db *postgres.DB, dist fs.FS, mod ...func(*httpapi.Deps)) *httptest.Server {
	t.Helper()
	deps := httpapi.Deps{PWA: dist, Version: "test"}
	if db != nil {
		deps.Categories = db
		deps.Ready = func(r *http.Request) error { return db.Ready(r.Context()) }
	}
	for _, m := range mod {
		m(&deps)
	}
	api, err := httpapi.New(deps)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	return srv
}

type problemDoc struct {
	Type, Title, Detail, Code, Instance, Reason string
	Status                                      int
	RequestID                                   string `json:"request_id"`
	Errors                                      []struct{ Field, Pointer, Detail string }
}

// get fetches url with optional header pairs and returns the response with its body read.
func get(t *testing.T, method, url string, body io.Reader, headers ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	// Ask for what a browser asks; Go's transport would otherwise add and strip gzip by itself.
	if req.Header.Get("Accept-Encoding") == "" {
		req.Header.Set("Accept-Encoding", "identity")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	checkResponse(t, req, res, b)
	return res, b
}

func decodeProblem(t *testing.T, res *http.Response, body []byte) problemDoc {
	t.Helper()
	if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type = %q, want application/problem+json; body %s", ct, body)
	}
	var p problemDoc
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("problem body %s: %v", body, err)
	}
	if p.Status != res.StatusCode || p.Code == "" || p.Title == "" || !strings.HasPrefix(p.Type, "urn:klusbuddy:problem:") {
		t.Fatalf("incomplete problem document %+v for status %d", p, res.StatusCode)
	}
	if p.RequestID == "" || p.RequestID != res.Header.Get("X-Request-Id") {
		t.Fatalf("problem request_id %q, header %q", p.RequestID, res.Header.Get("X-Request-Id"))
	}
	return p
}

// panicking is a category service that fails the way a bug does.
type panicking struct{}

func (panicking) ListCategories(context.Context) ([]klusbuddy.Category, error) { panic("boom") }
