package httpapi_test

import (
	"strings"
	"testing"

	"github.com/klusbuddy/klusbuddy/internal/app"
	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// In production with an https public URL every answer tells browsers to use https only
// (HSTS); in development, or behind plain http, it does not (a browser would then refuse the
// site).
func TestHSTS(t *testing.T) {
	for _, tc := range []struct {
		name       string
		production bool
		public     string
		want       bool
	}{
		{"ProductionOverHTTPS", true, "https://klusbuddy.example", true},
		{"ProductionOverHTTP", true, "http://klusbuddy.example", false},
		{"Development", false, "https://klusbuddy.example", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := newApp(t, func(o *app.Options) { o.Production, o.PublicURL = tc.production, tc.public })
			for _, path := range []string{"/healthz", "/api/v1/categories", "/", "/api/v1/nothing"} {
				res, _ := get(t, "GET", a.srv.URL+path, nil)
				h := res.Header.Get("Strict-Transport-Security")
				if got := strings.Contains(h, "max-age=63072000") && strings.Contains(h, "includeSubDomains"); got != tc.want {
					t.Errorf("%s: Strict-Transport-Security %q", path, h)
				}
			}
		})
	}
}

// A state-changing request must come from our own origin, scheme included: http:// of our
// https host is another origin (a page served over plain http could be anyone's).
func TestOriginScheme(t *testing.T) {
	a := newApp(t, func(o *app.Options) { o.PublicURL = "https://klusbuddy.example" })
	p := a.person(klusbuddy.RolePoster, "", 0)
	login := map[string]string{"login": p.Email, "secret": demo.Password}
	for origin, want := range map[string]int{
		"https://klusbuddy.example":     200,
		"http://klusbuddy.example":      403,
		"https://klusbuddy.example:444": 403,
		"https://evil.example":          403,
	} {
		if res, body := a.client().do("POST", "/api/v1/login", login, "Origin", origin); res.StatusCode != want {
			t.Errorf("Origin %s: %d %s", origin, res.StatusCode, body)
		}
	}
	// Reached by another name (development): the request's own scheme and host.
	b := newApp(t)
	if res, body := b.client().do("POST", "/api/v1/login", login, "Origin", strings.Replace(b.srv.URL, "http://", "https://", 1)); res.StatusCode != 403 {
		t.Errorf("https Origin on an http server: %d %s", res.StatusCode, body)
	}
	if res, body := b.client().do("POST", "/api/v1/login", login); res.StatusCode != 200 {
		t.Errorf("our own origin: %d %s", res.StatusCode, body)
	}
}
