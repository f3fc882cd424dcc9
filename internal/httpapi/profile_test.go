package httpapi_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

type profileDoc struct {
	User   struct{ FirstName, Language string }
	Worker *klusbuddy.WorkerProfile
	Buddy  *klusbuddy.BuddyProfile
	Poster *klusbuddy.PosterProfile
}

func profileOf(t *testing.T, c *client) profileDoc {
	t.Helper()
	res, body := c.do("GET", "/api/v1/me/profile", nil)
	if res.StatusCode != 200 {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	var p profileDoc
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestProfiles(t *testing.T) {
	a := newApp(t)

	t.Run("WorkerEditsAvailabilityTravelAndLanguages", func(t *testing.T) {
		c := a.signedIn(a.person(klusbuddy.RoleWorker, "", 5))
		before := profileOf(t, c)
		res, body := c.do("PATCH", "/api/v1/me/profile", map[string]any{"language": "fr", "worker": map[string]any{
			"travel_mode": "ebike", "max_travel_minutes": 35, "languages": []string{"nl", "fr"},
			"availability": []map[string]any{{"weekday": 2, "start": "08:30", "end": "12:00"}, {"weekday": 2, "start": "13:00", "end": "17:00"}},
			"exceptions":   []map[string]any{{"date": "2026-12-31", "available": true, "start": "09:00", "end": "12:00"}},
		}})
		if res.StatusCode != 200 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		after := profileOf(t, c)
		w := after.Worker
		if after.User.Language != "fr" || w.TravelMode != "ebike" || w.MaxTravelMinutes != 35 || len(w.Availability) != 2 ||
			w.Availability[1].Start != "13:00" || w.Exceptions[0].End != "12:00" || len(w.Languages) != 2 {
			t.Fatalf("not stored: %+v", after)
		}
		// What the coordinator sets did not move.
		if !jsonEqual(w.Skills, before.Worker.Skills) || w.Postcode != before.Worker.Postcode || w.BuddyNeed != before.Worker.BuddyNeed {
			t.Fatalf("coordinator's fields changed: %+v -> %+v", before.Worker, w)
		}
	})
	t.Run("TurkishAndArabic", func(t *testing.T) {
		c := a.signedIn(a.person(klusbuddy.RoleWorker, "", 6))
		res, body := c.do("PATCH", "/api/v1/me/profile", map[string]any{"language": "ar", "worker": map[string]any{"languages": []string{"ar", "tr", "nl"}}})
		if res.StatusCode != 200 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		if p := profileOf(t, c); p.User.Language != "ar" || len(p.Worker.Languages) != 3 {
			t.Fatalf("not stored: %+v", p)
		}
		if res, body := c.do("PATCH", "/api/v1/me/profile", map[string]any{"language": "tr"}); res.StatusCode != 200 || profileOf(t, c).User.Language != "tr" {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		// Still only the interface languages; the message says which, in the asked language.
		res, body = c.do("PATCH", "/api/v1/me/profile", map[string]any{"language": "de"}, "Accept-Language", "tr")
		if res.StatusCode != 422 || !strings.Contains(string(body), "Felemenkçe, Fransızca, İngilizce, Türkçe veya Arapça seçin.") {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
	})
	t.Run("CoordinatorSetsSkillsAndVerification", func(t *testing.T) {
		target := a.person(klusbuddy.RoleWorker, "kompas-genk", 2)
		coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, "kompas-genk", 1))
		path := "/api/v1/org/people/" + itoa(a.idOf(target))
		res, body := coach.do("PATCH", path, map[string]any{"worker": map[string]any{
			"skills": []map[string]any{{"category": "painting", "level": 3, "verified": true}}, "buddy_need": "always", "month_hour_cap": 40}})
		if res.StatusCode != 200 || !strings.Contains(string(body), `"skills":[{"category":"painting","level":3,"verified":true}]`) ||
			!strings.Contains(string(body), `"month_hour_cap":40`) {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		w := profileOf(t, a.signedIn(target)).Worker
		if len(w.Skills) != 1 || w.Skills[0].Category != "painting" || w.BuddyNeed != "always" {
			t.Fatalf("worker sees %+v", w)
		}
	})
	t.Run("ListsAreReplacedWhole", func(t *testing.T) {
		// A PATCH is a JSON merge patch (RFC 7386): objects merge, a list replaces the old one
		// whole; nothing of an old list item may leak into a new one.
		target := a.person(klusbuddy.RoleWorker, "kompas-genk", 3)
		coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, "kompas-genk", 0))
		path := "/api/v1/org/people/" + itoa(a.idOf(target))
		res, body := coach.do("PATCH", path, map[string]any{"worker": map[string]any{
			"skills":       []map[string]any{{"category": "flatpack", "level": 2, "verified": true}},
			"availability": []map[string]any{{"weekday": 1, "start": "09:00", "end": "12:00"}},
			"exceptions":   []map[string]any{{"date": "2026-12-24", "available": true, "start": "09:00", "end": "12:00"}}}})
		if res.StatusCode != 200 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		res, body = coach.do("PATCH", path, map[string]any{"worker": map[string]any{
			"skills":       []map[string]any{{"category": "moving", "level": 1}},
			"availability": []map[string]any{{"weekday": 3, "start": "13:00", "end": "17:00"}},
			"exceptions":   []map[string]any{{"date": "2026-12-25", "available": false}}}})
		if res.StatusCode != 200 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		for _, want := range []string{`"skills":[{"category":"moving","level":1,"verified":false}]`,
			`"availability":[{"weekday":3,"start":"13:00","end":"17:00"}]`, `"exceptions":[{"date":"2026-12-25","available":false}]`} {
			if !strings.Contains(string(body), want) {
				t.Fatalf("want %s in %s", want, body)
			}
		}
		// null clears a value; a field left out keeps it.
		res, body = coach.do("PATCH", path, map[string]any{"email": nil, "worker": map[string]any{"home_point": map[string]any{"lat": 50.96, "lon": 5.5}}})
		if res.StatusCode != 200 || !strings.Contains(string(body), `"home_point":{"lat":50.96,"lon":5.5}`) || !strings.Contains(string(body), `"travel_mode"`) {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		_, body = coach.do("PATCH", path, map[string]any{"worker": map[string]any{"home_point": nil}})
		if !strings.Contains(string(body), `"home_point":null`) {
			t.Fatalf("home point not cleared: %s", body)
		}
	})
	t.Run("BuddyEditsTheirProfile", func(t *testing.T) {
		c := a.signedIn(a.person(klusbuddy.RoleBuddy, "", 1))
		res, body := c.do("PATCH", "/api/v1/me/profile", map[string]any{"buddy": map[string]any{
			"postcode": "3500", "municipality": "Hasselt", "travel_mode": "car", "max_travel_minutes": 45, "categories": []string{"garden", "moving"},
			"availability": []map[string]any{{"weekday": 6, "start": "10:00", "end": "16:00"}}}})
		if res.StatusCode != 200 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		b := profileOf(t, c).Buddy
		if b.Municipality != "Hasselt" || len(b.Categories) != 2 || b.Availability[0].Weekday != 6 {
			t.Fatalf("%+v", b)
		}
	})
	t.Run("PosterAddressesByPostcodeAndByPosition", func(t *testing.T) {
		c := a.signedIn(a.person(klusbuddy.RolePoster, "", 3))
		n := len(profileOf(t, c).Poster.Addresses)
		res, body := c.do("POST", "/api/v1/me/addresses", map[string]any{"label": "Moeder", "street": "Molenstraat 12", "postcode": "3600", "municipality": "Genk"})
		if res.StatusCode != 201 || !strings.Contains(string(body), `"lat":50.965`) {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		// A position near Zonhoven's centre lands in Zonhoven.
		res, body = c.do("POST", "/api/v1/me/addresses", map[string]any{"label": "Werf", "street": "Dorp 3", "lat": 50.992, "lon": 5.371})
		var added klusbuddy.Address
		json.Unmarshal(body, &added)
		if res.StatusCode != 201 || added.Postcode != "3520" || added.Municipality != "Zonhoven" {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		if got := len(profileOf(t, c).Poster.Addresses); got != n+2 {
			t.Fatalf("%d addresses, want %d", got, n+2)
		}
		if res, _ := c.do("DELETE", "/api/v1/me/addresses/"+itoa(added.ID), nil); res.StatusCode != 204 {
			t.Fatalf("delete %d", res.StatusCode)
		}
		other := a.signedIn(a.person(klusbuddy.RolePoster, "", 4))
		_, body = c.do("POST", "/api/v1/me/addresses", map[string]any{"street": "Kerkstraat 1", "postcode": "3500", "municipality": "Hasselt"})
		json.Unmarshal(body, &added)
		if res, _ := other.do("DELETE", "/api/v1/me/addresses/"+itoa(added.ID), nil); res.StatusCode != 404 {
			t.Fatalf("another poster deleted an address: %d", res.StatusCode)
		}
	})
	t.Run("Postcodes", func(t *testing.T) {
		c := a.client()
		_, body := c.do("GET", "/api/v1/postcodes?q=has", nil)
		if !strings.Contains(string(body), `"municipality":"Hasselt"`) || !strings.Contains(string(body), `"Kermt"`) {
			t.Fatalf("%s", body)
		}
		_, body = c.do("GET", "/api/v1/postcodes/nearest?lat=50.966&lon=5.49", nil)
		if !strings.Contains(string(body), `"postcode":"3600"`) {
			t.Fatalf("%s", body)
		}
	})
}

func TestExportAndErase(t *testing.T) {
	a := newApp(t)
	w := a.person(klusbuddy.RoleWorker, "", 6)
	id := a.idOf(w)
	c := a.signedIn(w)
	res, body := c.do("GET", "/api/v1/me/export", nil)
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") ||
		!strings.Contains(string(body), w.Phone) || !strings.Contains(string(body), `"devices"`) || !strings.Contains(string(body), `"travel_mode"`) {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	if res, body := c.do("DELETE", "/api/v1/me", map[string]bool{"confirm": true}); res.StatusCode != 204 {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	if res, _ := c.do("GET", "/api/v1/session", nil); res.StatusCode != 401 {
		t.Fatal("still signed in after erasing the account")
	}
	if res, _ := a.client().do("POST", "/api/v1/login", map[string]string{"login": w.Phone, "secret": demo.PIN}); res.StatusCode != 401 {
		t.Fatal("an erased account can sign in")
	}
	// The row stays for the history, with nothing personal left.
	var row struct {
		FirstName, LastName string
		Email, Phone        *string
		Org                 int64
	}
	if err := a.sql.QueryRow(`SELECT first_name, last_name, email, phone, organisation_id FROM users WHERE id = $1 AND deleted_at IS NOT NULL`, id).
		Scan(&row.FirstName, &row.LastName, &row.Email, &row.Phone, &row.Org); err != nil {
		t.Fatal(err)
	}
	if row.FirstName == w.FirstName || row.LastName != "" || row.Email != nil || row.Phone != nil || row.Org == 0 {
		t.Fatalf("erased row %+v", row)
	}
	// The profile row stays for the history it anchors (see TestEraseWithHistory), anonymised.
	if n := a.count(`SELECT count(*) FROM worker_profiles WHERE user_id = $1 AND erased_at IS NULL`, id) + a.count(`SELECT count(*) FROM availability WHERE user_id = $1`, id); n != 0 {
		t.Fatal("profile data left after erasing")
	}
	// Their coordinator no longer lists them.
	coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, "", 0))
	if _, body := coach.do("GET", "/api/v1/org/people?q="+w.LastName, nil); strings.Contains(string(body), w.Phone) {
		t.Fatal("erased worker still listed")
	}
}

func jsonEqual(x, y any) bool {
	a, _ := json.Marshal(x)
	b, _ := json.Marshal(y)
	return string(a) == string(b)
}
