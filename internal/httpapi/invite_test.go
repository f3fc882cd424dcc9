package httpapi_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

func inviteToken(t *testing.T, body []byte) string {
	t.Helper()
	var out struct {
		Invite struct {
			URL string `json:"url"`
		} `json:"invite"`
		Person struct {
			ID int64 `json:"id"`
		} `json:"person"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatal(err)
	}
	base, token, ok := strings.Cut(out.Invite.URL, "/invite#")
	if !ok || !strings.HasPrefix(base, "http") || len(token) < 43 {
		t.Fatalf("invite url %q", out.Invite.URL)
	}
	return token
}

func TestOnboarding(t *testing.T) {
	a := newApp(t)
	coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, "kompas-genk", 0))
	res, body := coach.do("POST", "/api/v1/org/people", map[string]any{
		"role": "worker", "first_name": "Yonas", "last_name": "Tesfaye", "phone": "0470 99 88 77", "language": "en",
		"worker": map[string]any{"postcode": "3600", "municipality": "Genk", "travel_mode": "public_transport", "max_travel_minutes": 40,
			"spoken_languages": []string{"ti"}, "buddy_need": "first_jobs", "buddy_first_jobs": 3,
			"skills":       []map[string]any{{"category": "garden", "level": 2, "verified": true}},
			"availability": []map[string]any{{"weekday": 1, "start": "09:00", "end": "16:00"}, {"weekday": 3, "start": "13:00", "end": "17:30"}},
			"exceptions":   []map[string]any{{"date": "2026-12-24", "available": false}}},
	})
	if res.StatusCode != 201 {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	token := inviteToken(t, body)
	var created struct {
		Person struct {
			ID     int64
			Phone  string
			Status string
			Worker klusbuddy.WorkerProfile
		}
	}
	json.Unmarshal(body, &created)
	if created.Person.Phone != "+32470998877" || created.Person.Status != "invited" || len(created.Person.Worker.Availability) != 2 ||
		created.Person.Worker.Skills[0].Category != "garden" || !created.Person.Worker.Skills[0].Verified {
		t.Fatalf("created %s", body)
	}
	if n := a.count(`SELECT count(*) FROM invites WHERE token_hash = convert_to($1, 'UTF8')`, token); n != 0 {
		t.Fatal("invite token stored in the clear")
	}

	phone := a.client()
	t.Run("Lookup", func(t *testing.T) {
		res, body := phone.do("POST", "/api/v1/invites/lookup", map[string]string{"token": token})
		if res.StatusCode != 200 || !strings.Contains(string(body), `"first_name":"Yonas"`) ||
			!strings.Contains(string(body), `"Kompas Maatwerk Genk"`) || !strings.Contains(string(body), `["pin","password"]`) {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
	})
	t.Run("WeakPINIsRefusedAndTheLinkStillWorks", func(t *testing.T) {
		for _, pin := range []string{"123456", "111111", "12345", "abcdef"} {
			res, body := phone.do("POST", "/api/v1/invites/accept", map[string]string{"token": token, "pin": pin})
			if p := decodeProblem(t, res, body); res.StatusCode != 422 || len(p.Errors) != 1 || p.Errors[0].Field != "pin" {
				t.Fatalf("PIN %s: %d %s", pin, res.StatusCode, body)
			}
		}
	})
	t.Run("AcceptSignsInForAYear", func(t *testing.T) {
		res, body := phone.do("POST", "/api/v1/invites/accept", map[string]string{"token": token, "pin": "482913"})
		if res.StatusCode != 200 || !strings.Contains(string(body), `"role":"worker"`) || res.Cookies()[0].MaxAge < 360*24*3600 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		if res, body := phone.do("GET", "/api/v1/me/profile", nil); res.StatusCode != 200 || !strings.Contains(string(body), `"spoken_languages":["ti"]`) {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		if res, body := coach.do("GET", "/api/v1/org/people?q=tesfaye", nil); !strings.Contains(string(body), `"status":"active"`) {
			t.Fatalf("status not active after accepting: %d %s", res.StatusCode, body)
		}
	})
	t.Run("LinkWorksOnce", func(t *testing.T) {
		res, body := a.client().do("POST", "/api/v1/invites/accept", map[string]string{"token": token, "pin": "736150"})
		if p := decodeProblem(t, res, body); res.StatusCode != 404 || !strings.Contains(p.Detail, "nieuwe") {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
	})
	t.Run("SignInAgainWithPhoneAndPIN", func(t *testing.T) {
		res, _ := a.client().do("POST", "/api/v1/login", map[string]string{"login": "+32 470 99 88 77", "secret": "482913"})
		if res.StatusCode != 200 {
			t.Fatalf("%d", res.StatusCode)
		}
	})
	t.Run("LostPhone", func(t *testing.T) {
		path := "/api/v1/org/people/" + itoa(created.Person.ID) + "/invite"
		_, body := coach.do("POST", path, map[string]bool{"sign_out_devices": false})
		first := inviteToken(t, body)
		res, body := coach.do("POST", path, map[string]bool{"sign_out_devices": true})
		if res.StatusCode != 201 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		second := inviteToken(t, body)
		if res, _ := phone.do("GET", "/api/v1/session", nil); res.StatusCode != 401 {
			t.Fatal("the lost phone is still signed in")
		}
		if res, _ := a.client().do("POST", "/api/v1/invites/lookup", map[string]string{"token": first}); res.StatusCode != 404 {
			t.Fatal("an earlier link still works after a new one was made")
		}
		if res, _ := a.client().do("POST", "/api/v1/invites/accept", map[string]string{"token": second, "pin": "902174"}); res.StatusCode != 200 {
			t.Fatal("the new link does not work")
		}
	})
	t.Run("ConcurrentAcceptsOneWins", func(t *testing.T) {
		_, body := coach.do("POST", "/api/v1/org/people/"+itoa(created.Person.ID)+"/invite", map[string]bool{})
		tok := inviteToken(t, body)
		var wg sync.WaitGroup
		codes := make(chan int, 8)
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, _ := a.client().do("POST", "/api/v1/invites/accept", map[string]string{"token": tok, "pin": "602918"})
				codes <- res.StatusCode
			}()
		}
		wg.Wait()
		close(codes)
		won := 0
		for c := range codes {
			if c == 200 {
				won++
			} else if c != 404 {
				t.Errorf("status %d", c)
			}
		}
		if won != 1 {
			t.Fatalf("%d accepts of one link succeeded", won)
		}
	})
	t.Run("StaffChooseAPassword", func(t *testing.T) {
		admin := a.signedIn(a.person(klusbuddy.RoleAdmin, "", 0))
		res, body := admin.do("POST", "/api/v1/admin/invites", map[string]any{"role": "coordinator", "organisation_id": 1,
			"first_name": "Ine", "last_name": "Coach", "email": "ine.coach@example.be"})
		if res.StatusCode != 201 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		tok := inviteToken(t, body)
		res, body = a.client().do("POST", "/api/v1/invites/accept", map[string]string{"token": tok, "pin": "482913"})
		if res.StatusCode != 422 {
			t.Fatalf("a coordinator chose a PIN: %d %s", res.StatusCode, body)
		}
		c := a.client()
		if res, body := c.do("POST", "/api/v1/invites/accept", map[string]string{"token": tok, "password": "een lang wachtwoord"}); res.StatusCode != 200 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		if res, body := c.do("GET", "/api/v1/org/people", nil); res.StatusCode != 200 {
			t.Fatalf("new coordinator cannot list their people: %d %s", res.StatusCode, body)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
