package klusbuddy_test

import (
	"testing"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

func TestNormalizeBelgianVAT(t *testing.T) {
	valid := map[string]string{
		"BE0412345614":     "BE0412345614", // 04123456 mod 97 = 83, 97 - 83 = 14
		"be 0412.345.614":  "BE0412345614",
		"0412.345.614":     "BE0412345614",
		"412345614":        "BE0412345614", // old nine-digit form
		"BE 1012.345.6-46": "BE1012345646",
	}
	for in, want := range valid {
		if got, ok := klusbuddy.NormalizeBelgianVAT(in); !ok || got != want {
			t.Errorf("%q: got %q %v, want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "BE0412345615", "BE2412345614", "BE04123456", "NL0412345614", "BE0412345614X", "BE04123456141"} {
		if got, ok := klusbuddy.NormalizeBelgianVAT(in); ok {
			t.Errorf("%q accepted as %q", in, got)
		}
	}
}
