package postgres_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The postcode search (issue 15's fuzzing): whatever a person types, the answer is up to 20
// places that match what they typed, or a refusal of the text (invalid), never a database error
// — PostgreSQL refuses invalid UTF-8 and NUL bytes, which must not reach it.
func FuzzSearchPlaces(f *testing.F) {
	db, _ := newDB(f)
	for _, s := range []string{"3500", "hass", "Genk", "%", "_", `\`, "3 5", "é", "\xff", "ab\x00", "\xed\xa0\x80", "'; --", " ", "Sint-", "ST. TRUIDEN", "３５００"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		places, err := db.SearchPlaces(context.Background(), q)
		if !utf8.ValidString(q) || strings.ContainsRune(q, 0) {
			if klusbuddy.ErrorCode(err) != klusbuddy.EINVALID {
				t.Fatalf("%q: %v, want invalid", q, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if len(places) > 20 {
			t.Fatalf("%q: %d places", q, len(places))
		}
		// Digits find postcodes that start with them (no name starts with a digit).
		if want := strings.TrimSpace(q); want != "" && strings.Trim(want, "0123456789") == "" {
			for _, p := range places {
				if !strings.HasPrefix(p.Postcode, want) {
					t.Fatalf("%q found %s %s", q, p.Postcode, p.Municipality)
				}
			}
		}
	})
}
