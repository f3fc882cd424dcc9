package push_test

import (
	"encoding/json"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/push"
)

// Every push the outbox can build fits what push services carry (push.MaxPayload), whatever
// the texts within the schema's bounds (a category's name up to 80 characters, a municipality,
// a first name up to 80), and reaches the service worker as it was sent. JSON escapes some
// characters six bytes to one, so this is not only a matter of counting characters.
func FuzzPushPayload(f *testing.F) {
	f.Add("Poetsen", "Genk", "Sara", "worker", int64(1), int64(2))
	f.Add("\u2028\u2029\x00\"\\<>&", "Sint-Pieters-Woluwe", "\x01\x02\x03", "buddy", int64(-1), int64(1<<62))
	f.Add("تنظيف", "Maasmechelen", "Şule", "", int64(0), int64(0))
	f.Add("🧹🧹🧹", "😀", "\U0010FFFF", "worker", int64(9), int64(9))
	f.Fuzz(func(t *testing.T, category, municipality, person, role string, id, job int64) {
		bound := func(s string, n int) string {
			if !utf8.ValidString(s) { // the database holds only valid UTF-8
				s = string([]rune(s))
			}
			if r := []rune(s); len(r) > n {
				s = string(r[:n])
			}
			return s
		}
		// The widest text each field can hold: its characters repeated to the bound.
		widest := func(s string, n int) string {
			s = bound(s, n)
			if s == "" {
				return s
			}
			r := []rune(s)
			for len(r) < n {
				r = append(r, r...)
			}
			return string(r[:n])
		}
		at := time.Date(2026, 12, 3, 9, 30, 0, 0, time.UTC)
		p := klusbuddy.PushPayload{V: 1, ID: id, Kind: klusbuddy.EventKind("hours_to_approve"), Lang: "ar", Tag: "job-9223372036854775807",
			OfferID: id, JobID: job, RequestID: id, Category: widest(category, 80), Icon: "broom",
			Municipality: widest(municipality, 80), Person: widest(person, 80), Role: bound(role, 10), StartsAt: &at, ExpiresAt: &at}
		body, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(body) > push.MaxPayload {
			t.Fatalf("a push of %d bytes, more than %d: %s", len(body), push.MaxPayload, body)
		}
		var back klusbuddy.PushPayload
		if err := json.Unmarshal(body, &back); err != nil || back.Category != p.Category || back.Person != p.Person || back.Municipality != p.Municipality {
			t.Fatalf("sent %+v, the service worker reads %+v (%v)", p, back, err)
		}
	})
}
