package klusbuddy_test

import (
	"regexp"
	"testing"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Pseudonyms link within one export (the same id, the same code; different ids or kinds,
// different codes) and not across two.
func TestPseudonyms(t *testing.T) {
	a, b := klusbuddy.NewPseudonyms(), klusbuddy.NewPseudonyms()
	w := a.Of('W', 42)
	if !regexp.MustCompile(`^W[A-Z2-7]{12}$`).MatchString(w) {
		t.Fatalf("pseudonym %q", w)
	}
	if a.Of('W', 42) != w || a.Of('W', 43) == w || a.Of('B', 42)[1:] == w[1:] || b.Of('W', 42) == w {
		t.Errorf("W42 %s, again %s, W43 %s, B42 %s, in another export %s", w, a.Of('W', 42), a.Of('W', 43), a.Of('B', 42), b.Of('W', 42))
	}
	if a.Of('J', 0) != "" {
		t.Error("no id, no pseudonym")
	}
	seen := map[string]bool{}
	for id := int64(1); id <= 100_000; id++ {
		p := a.Of('W', id)
		if seen[p] {
			t.Fatalf("collision at %d", id)
		}
		seen[p] = true
	}
}
