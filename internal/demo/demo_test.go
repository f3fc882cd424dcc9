package demo_test

import (
	"testing"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The demo data must pass the same checks as data people type in.
func TestDataIsValid(t *testing.T) {
	d := demo.Data()
	phones, emails := map[string]bool{}, map[string]bool{}
	for _, p := range d.People {
		if p.Phone != "" {
			if n, ok := klusbuddy.NormalizePhone(p.Phone); !ok || n != p.Phone {
				t.Errorf("%s %s: phone %q is not canonical E.164 (%q %v)", p.FirstName, p.LastName, p.Phone, n, ok)
			}
			if phones[p.Phone] {
				t.Errorf("phone %s used twice", p.Phone)
			}
			phones[p.Phone] = true
		}
		if p.Email != "" {
			if emails[p.Email] {
				t.Errorf("email %s used twice", p.Email)
			}
			emails[p.Email] = true
		}
		fe := klusbuddy.FieldErrors{}
		switch {
		case p.Worker != nil:
			p.Worker.Validate(fe, "worker.")
		case p.Buddy != nil:
			p.Buddy.Validate(fe, "buddy.")
		case p.Poster != nil && p.Poster.Kind == klusbuddy.Company:
			if _, ok := klusbuddy.NormalizeBelgianVAT(p.Poster.VATNumber); !ok {
				fe.Add("vat_number", "invalid")
			}
		}
		if err := fe.Err(); err != nil {
			t.Errorf("%s %s: %v", p.FirstName, p.LastName, err)
		}
	}
	if msg := klusbuddy.PINProblem(demo.PIN); msg != "" {
		t.Errorf("demo PIN: %s", msg)
	}
	if msg := klusbuddy.PasswordProblem(demo.Password); msg != "" {
		t.Errorf("demo password: %s", msg)
	}
	if len(demo.Logins(d)) < 8 {
		t.Errorf("too few demo logins: %v", demo.Logins(d))
	}
}
