package httpapi

// Fuzz tests (issue 15): their seed corpora run with every `go test`; `go test -fuzz FuzzX
// ./internal/httpapi` searches further.

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// A JSON merge patch (RFC 7386) is idempotent, and a key the patch sets to null is gone.
func FuzzMergePatch(f *testing.F) {
	for _, s := range [][2]string{
		{`{"a":1}`, `{"a":null}`},
		{`{"a":{"b":1}}`, `{"a":{"c":2}}`},
		{`{}`, `{"a":[1,null]}`},
		{`{"a":"x"}`, `[1]`},
		{`{"a":{"b":{"c":1}}}`, `{"a":{"b":null,"d":{"e":null}}}`},
		{`[]`, `{"a":{"b":null}}`},
		{`{"a":1}`, `null`},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, target, patch string) {
		var tv, pv any
		if json.Unmarshal([]byte(target), &tv) != nil || json.Unmarshal([]byte(patch), &pv) != nil {
			return
		}
		once := mergePatch(cloneJSON(t, tv), pv)
		twice := mergePatch(cloneJSON(t, once), pv)
		if !reflect.DeepEqual(once, twice) {
			t.Fatalf("patch %s on %s: once %v, twice %v", patch, target, once, twice)
		}
		if p, ok := pv.(map[string]any); ok {
			m, _ := once.(map[string]any)
			for k, v := range p {
				if _, there := m[k]; v == nil && there {
					t.Fatalf("patch %s on %s kept %q, which it removes", patch, target, k)
				}
			}
		}
	})
}

func cloneJSON(t *testing.T, v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

type fuzzBody struct {
	Name  string            `json:"name"`
	N     int               `json:"n"`
	Flag  *bool             `json:"flag"`
	Tags  []string          `json:"tags"`
	Inner *struct{ X int8 } `json:"inner"`
	Notes map[string]string `json:"notes"`
}

// A body is decoded whole or refused as invalid (422), never half: what is accepted holds only
// valid UTF-8, and decodes again to the same value.
func FuzzJSONBody(f *testing.F) {
	for _, s := range []string{`{"name":"Anna","n":3,"tags":["a"]}`, `{"name":"\ud800"}`, "{\"name\":\"\xff\"}", `{"n":"3"}`,
		`{"unknown":1}`, `{"inner":{"X":300}}`, `{} {}`, ``, `[]`, `{"notes":{"a":"\u0000"}}`, `{"name":"é"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		var v fuzzBody
		err := decodeJSON(r, &v)
		if err != nil {
			if code := klusbuddy.ErrorCode(err); code != klusbuddy.EINVALID {
				t.Fatalf("%q refused with %s (%v), want invalid", body, code, err)
			}
			return
		}
		texts := append([]string{v.Name}, v.Tags...)
		for k, s := range v.Notes {
			texts = append(texts, k, s)
		}
		for _, s := range texts {
			if !utf8.ValidString(s) {
				t.Fatalf("%q accepted with invalid UTF-8 %q", body, s)
			}
		}
		again, _ := json.Marshal(v)
		var w fuzzBody
		if err := decodeStrict(again, &w); err != nil || !reflect.DeepEqual(v, w) {
			t.Fatalf("%q: decoded %+v does not decode again (%v)", body, v, err)
		}
	})
}

// Every error becomes a problem document with the status of its code (500 for an unknown one),
// and the text of an error that is not a domain error never reaches the client.
func FuzzProblem(f *testing.F) {
	f.Add(klusbuddy.EINVALID, "Some fields are not valid.", "address.postcode", "Give a postcode.", "nl", false)
	f.Add(klusbuddy.ECONFLICT, "Taken.", "", "", "fr-BE,fr;q=0.9", false)
	f.Add("no-such-code", "x", "a..b", "y", "*", false)
	f.Add(klusbuddy.EINTERNAL, "password=hunter2", "", "", "en", true)
	f.Fuzz(func(t *testing.T, code, message, field, detail, accept string, plain bool) {
		err := error(&klusbuddy.Error{Code: code, Message: message})
		if field != "" {
			err = &klusbuddy.Error{Code: code, Message: message, Fields: map[string]string{field: detail}}
		}
		if plain {
			err = errors.New("secret " + message)
		}
		r := httptest.NewRequest(http.MethodGet, "/api/v1/x", nil)
		r.Header.Set("Accept-Language", accept)
		rec := httptest.NewRecorder()
		writeError(rec, r, slog.New(slog.NewTextHandler(io.Discard, nil)), err)
		want, ok := statusOf[code]
		if !ok || plain {
			want = http.StatusInternalServerError
		}
		if rec.Code != want {
			t.Fatalf("%v: status %d, want %d", err, rec.Code, want)
		}
		if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
			t.Fatalf("content type %q", ct)
		}
		var p problem
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Status != rec.Code {
			t.Fatalf("body %s (%v)", rec.Body, err)
		}
		if plain && strings.Contains(rec.Body.String(), "secret ") {
			t.Fatalf("an internal error's text reached the client: %s", rec.Body)
		}
		for _, e := range p.Errors {
			if !strings.HasPrefix(e.Pointer, "#/") {
				t.Fatalf("field %q has pointer %q", e.Field, e.Pointer)
			}
		}
	})
}
