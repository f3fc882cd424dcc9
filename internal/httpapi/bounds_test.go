package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	yaml "github.com/pb33f/go-yaml"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// textField is a string in a request body as the API description has it: where it is (dotted,
// "*" for a list's items), its maximum length and pattern.
type textField struct {
	method, path, media string
	field               string
	maxLength           int
	pattern             string
}

// requestTextFields lists every free string (no enum, not a date) of every request body in
// docs/openapi.yaml.
func requestTextFields(t *testing.T) []textField {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	var out []textField
	var walk func(s any, at []string, emit func(field string, s map[string]any))
	walk = func(s any, at []string, emit func(string, map[string]any)) {
		m, ok := s.(map[string]any)
		if !ok {
			return
		}
		for ref, ok := m["$ref"].(string); ok; ref, ok = m["$ref"].(string) {
			m = schemas[ref[strings.LastIndex(ref, "/")+1:]].(map[string]any)
		}
		for _, k := range []string{"allOf", "oneOf", "anyOf"} {
			subs, _ := m[k].([]any)
			for _, sub := range subs {
				walk(sub, at, emit)
			}
		}
		types := fmt.Sprint(m["type"])
		switch {
		case m["properties"] != nil:
			props := m["properties"].(map[string]any)
			names := make([]string, 0, len(props))
			for n := range props {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				walk(props[n], append(slices.Clone(at), n), emit)
			}
		case strings.Contains(types, "array"):
			walk(m["items"], append(slices.Clone(at), "*"), emit)
		case strings.Contains(types, "string") && m["enum"] == nil && m["const"] == nil && m["format"] != "date-time" && m["format"] != "date":
			emit(strings.Join(at, "."), m)
		}
	}
	paths := doc["paths"].(map[string]any)
	for p, item := range paths {
		for method, op := range item.(map[string]any) {
			o, ok := op.(map[string]any) // not the path's own parameters, summary or description
			if !ok {
				continue
			}
			rb, _ := o["requestBody"].(map[string]any)
			if rb == nil {
				continue
			}
			for media, c := range rb["content"].(map[string]any) {
				walk(c.(map[string]any)["schema"], nil, func(field string, s map[string]any) {
					f := textField{method: strings.ToUpper(method), path: p, media: media, field: field}
					if n, err := strconv.Atoi(fmt.Sprint(s["maxLength"])); err == nil {
						f.maxLength = n
					}
					f.pattern, _ = s["pattern"].(string)
					out = append(out, f)
				})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].path+out[i].method+out[i].media+out[i].field < out[j].path+out[j].method+out[j].media+out[j].field
	})
	return out
}

// nested turns "worker.skills.*.category" and a value into {"worker": {"skills": [{"category": v}]}}.
func nested(field string, v any) any {
	parts := strings.Split(field, ".")
	for i := len(parts) - 1; i >= 0; i-- {
		if parts[i] == "*" {
			v = []any{v}
		} else {
			v = map[string]any{parts[i]: v}
		}
	}
	return v
}

// Every free text field of every write endpoint has a maximum length, in the API description
// and in the code, checked before any query: one character more is refused with 422 naming
// the field, and so are 40,000 characters, which once made lib/pq lose its place in the
// protocol and hold the connection forever (docs/decisions.md). Afterwards the instance still
// serves, its database pool free.
func TestEveryTextFieldIsBounded(t *testing.T) {
	a := newApp(t, behindProxy) // each request from an address of its own: the rate limits are not tested here
	fields := requestTextFields(t)
	for _, f := range fields {
		if f.maxLength == 0 && f.pattern == "" {
			t.Errorf("%s %s (%s): %s has neither maxLength nor pattern in docs/openapi.yaml", f.method, f.path, f.media, f.field)
		}
	}
	// Who sends each body, and where.
	worker := a.person(klusbuddy.RoleWorker, "kompas-genk", 0)
	buddy := a.person(klusbuddy.RoleBuddy, "kompas-genk", 0)
	posterP := a.person(klusbuddy.RolePoster, "", 0)
	as := map[string]*client{
		"anonymous":   a.client(),
		"worker":      a.signedIn(worker),
		"buddy":       a.signedIn(buddy),
		"poster":      a.signedIn(posterP),
		"coordinator": a.signedIn(a.person(klusbuddy.RoleCoordinator, "kompas-genk", 0)),
		"admin":       a.signedIn(a.person(klusbuddy.RoleAdmin, "", 0)),
	}
	for _, c := range as {
		c.http.Timeout = 20 * time.Second // a request that hangs fails the test instead
	}
	job := postCleaning(t, as["poster"], nextTuesday10(), 1)
	target := func(f textField) (who, path string) {
		section, _, _ := strings.Cut(f.field, ".")
		switch f.path {
		case "/api/v1/signup", "/api/v1/login", "/api/v1/invites/lookup", "/api/v1/invites/accept":
			return "anonymous", f.path
		case "/api/v1/me/push-subscription":
			return "worker", f.path
		case "/api/v1/me/profile":
			switch section {
			case "buddy":
				return "buddy", f.path
			case "poster":
				return "poster", f.path
			}
			return "worker", f.path
		case "/api/v1/me/addresses", "/api/v1/jobs":
			return "poster", f.path
		case "/api/v1/jobs/{id}":
			return "poster", "/api/v1/jobs/" + itoa(job)
		case "/api/v1/org/people", "/api/v1/org/impact/values":
			return "coordinator", f.path
		case "/api/v1/org/people/{id}":
			if section == "buddy" {
				return "coordinator", "/api/v1/org/people/" + itoa(a.idOf(buddy))
			}
			return "coordinator", "/api/v1/org/people/" + itoa(a.idOf(worker))
		case "/api/v1/admin/categories/{slug}":
			return "admin", "/api/v1/admin/categories/cleaning"
		case "/api/v1/me/accompaniments/{id}/meeting": // checked before the accompaniment is looked up
			return "buddy", "/api/v1/me/accompaniments/1/meeting"
		case "/api/v1/org/safety/{id}/ack":
			return "coordinator", "/api/v1/org/safety/1/ack"
		case "/api/v1/org/follow-up/{person}/actions": // lengths are checked before the person is looked up
			return "coordinator", "/api/v1/org/follow-up/1/actions"
		case "/api/v1/org/jobs/{id}/assign", "/api/v1/org/jobs/{id}/offers", "/api/v1/org/jobs/{id}/cancel", "/api/v1/org/posters/{id}/jobs":
			return "coordinator", strings.Replace(f.path, "{id}", "1", 1) // lengths are checked before the job is looked up
		case "/api/v1/org/posters":
			return "coordinator", f.path
		case "/api/v1/me/assignments/{id}/hours/confirm": // lengths are checked before the sheet is looked up
			return "worker", "/api/v1/me/assignments/1/hours/confirm"
		case "/api/v1/me/accompaniments/{id}/hours/confirm":
			return "buddy", "/api/v1/me/accompaniments/1/hours/confirm"
		case "/api/v1/jobs/{id}/hours/{sheet}/dispute":
			return "poster", "/api/v1/jobs/" + itoa(job) + "/hours/1/dispute"
		case "/api/v1/org/hours/{id}/decide":
			return "coordinator", "/api/v1/org/hours/1/decide"
		case "/api/v1/org/hours/{id}/confirm":
			return "coordinator", "/api/v1/org/hours/1/confirm"
		case "/api/v1/jobs/{id}/feedback": // lengths are checked before the job is looked up
			return "poster", "/api/v1/jobs/1/feedback"
		case "/api/v1/me/assignments/{id}/feedback":
			return "worker", "/api/v1/me/assignments/1/feedback"
		case "/api/v1/me/accompaniments/{id}/feedback":
			return "buddy", "/api/v1/me/accompaniments/1/feedback"
		}
		if strings.HasPrefix(f.path, "/api/v1/admin/") {
			return "admin", f.path
		}
		t.Fatalf("no sender for %s %s", f.method, f.path)
		return "", ""
	}
	named := func(body []byte, field string) bool {
		var p problemDoc
		json.Unmarshal(body, &p)
		want := strings.ReplaceAll(field, "*", "0")
		for _, e := range p.Errors {
			if e.Field == want || strings.HasPrefix(want, e.Field+".") { // or the section that may not be sent
				return true
			}
		}
		return false
	}
	long := strings.Repeat("é", 40_000)
	var wg sync.WaitGroup
	hung := make(chan string, 10*len(fields))
	for _, f := range fields {
		who, path := target(f)
		over := long
		if f.maxLength > 0 {
			over = strings.Repeat("é", f.maxLength+1)
		}
		for _, v := range []string{over, long} {
			res, body := as[who].do(f.method, path, nested(f.field, v), "Content-Type", f.media, "X-Forwarded-For", nextIP())
			if res.StatusCode != 422 || !named(body, f.field) {
				t.Errorf("%s %s (%s) with %d characters in %s: %d %.300s", f.method, path, f.media, len([]rune(v)), f.field, res.StatusCode, body)
			}
		}
		// The same at once, more than the pool holds: nobody waits for a connection that never
		// comes back.
		for range 3 {
			wg.Go(func() {
				if status, err := as[who].raw(f.method, path, nested(f.field, long), f.media); err != nil || status != 422 {
					hung <- fmt.Sprintf("%s %s %s: %d %v", f.method, path, f.field, status, err)
				}
			})
		}
	}
	wg.Wait()
	close(hung)
	for h := range hung {
		t.Error(h)
	}
	c := &http.Client{Timeout: 5 * time.Second}
	if res, err := c.Get(a.srv.URL + "/readyz"); err != nil || res.StatusCode != 200 {
		t.Fatalf("after the long texts the instance is not ready: %v %v", res, err)
	}
	for range 30 { // more requests than the pool has connections
		if res, body := as["worker"].do("GET", "/api/v1/me/profile", nil); res.StatusCode != 200 {
			t.Fatalf("after the long texts: %d %s", res.StatusCode, body)
		}
	}
}

// raw sends a JSON request without checking the answer against the API description (for
// requests sent from other goroutines) and returns its status.
func (c *client) raw(method, path string, body any, media string) (int, error) {
	b, _ := json.Marshal(body)
	req, err := http.NewRequest(method, c.base+path, bytes.NewReader(b))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", media)
	req.Header.Set("Origin", c.base)
	req.Header.Set("X-CSRF-Token", c.csrf)
	req.Header.Set("X-Forwarded-For", nextIP())
	res, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	io.Copy(io.Discard, res.Body)
	return res.StatusCode, nil
}
