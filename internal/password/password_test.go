package password_test

import (
	"strings"
	"testing"

	"github.com/klusbuddy/klusbuddy/internal/password"
)

func TestHashAndVerify(t *testing.T) {
	h, err := password.Hash("correct horse", password.Default)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q", h)
	}
	if ok, err := password.Verify(h, "correct horse"); !ok || err != nil {
		t.Fatalf("right secret: %v %v", ok, err)
	}
	if ok, _ := password.Verify(h, "correct horsE"); ok {
		t.Fatal("wrong secret accepted")
	}
	h2, _ := password.Hash("correct horse", password.Default)
	if h2 == h {
		t.Fatal("two hashes of one secret are equal: no salt")
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=1,t=1,p=1$c2FsdA$aGFzaA", "$argon2id$v=19$m=x$a$b", "plain"} {
		if _, err := password.Verify(bad, "x"); err == nil {
			t.Errorf("malformed %q accepted", bad)
		}
	}
}

func BenchmarkHash(b *testing.B) {
	for b.Loop() {
		password.Hash("correct horse battery", password.Default)
	}
}
