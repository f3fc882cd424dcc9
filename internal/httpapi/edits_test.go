package httpapi_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

func TestEditJob(t *testing.T) {
	a := newApp(t)
	a.sql.MustExec(`UPDATE worker_profiles SET buddy_need = 'never'`) // an accept settles the place here
	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 6))
	var prof profileDoc
	_, body := poster.do("GET", "/api/v1/me/profile", nil)
	json.Unmarshal(body, &prof)
	address := prof.Poster.Addresses[0].ID
	post := func(needed int) int64 {
		res, body := poster.do("POST", "/api/v1/jobs", map[string]any{"category": "garden", "address_id": address,
			"start": nextTuesday10().Format(time.RFC3339), "minutes": 180, "workers_needed": needed})
		if res.StatusCode != 201 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		var j struct{ ID int64 }
		json.Unmarshal(body, &j)
		return j.ID
	}
	patch := func(id int64, p map[string]any) (int, []byte) {
		res, body := poster.do("PATCH", "/api/v1/jobs/"+itoa(id), p, "Content-Type", "application/merge-patch+json")
		return res.StatusCode, body
	}

	t.Run("MaterialChangeStartsANewRound", func(t *testing.T) {
		id := post(1)
		declined := a.count(`SELECT min(worker_id) FROM offers WHERE job_id = $1`, id)
		if err := a.inst.Dispatcher.Decline(context.Background(), a.worker(declined), int64(a.count(`SELECT id FROM offers WHERE job_id = $1 AND worker_id = $2`, id, declined)), klusbuddy.DeclineNotAvailable); err != nil {
			t.Fatal(err)
		}
		pending := a.count(`SELECT count(*) FROM offers WHERE job_id = $1 AND state = 'pending'`, id)
		later := nextTuesday10().Add(2 * time.Hour)
		status, body := patch(id, map[string]any{"start": later.Format(time.RFC3339), "description": "Een uur later"})
		if status != 200 {
			t.Fatalf("%d %s", status, body)
		}
		var j struct {
			Start       time.Time
			Description string
			Editable    bool
		}
		json.Unmarshal(body, &j)
		if !j.Start.Equal(later) || j.Description != "Een uur later" || !j.Editable {
			t.Fatalf("%s", body)
		}
		if c := a.count(`SELECT count(*) FROM offers WHERE job_id = $1 AND round = 1 AND state = 'withdrawn'`, id); c != pending {
			t.Fatalf("%d of %d open offers withdrawn", c, pending)
		}
		// The new round asks again, the one who said no to the old time included.
		if c := a.count(`SELECT count(*) FROM offers WHERE job_id = $1 AND round = 2 AND state = 'pending' AND worker_id = $2`, id, declined); c != 1 {
			t.Fatal("the worker who declined the old time was not asked for the new one")
		}
		if c := a.count(`SELECT count(*) FROM notifications WHERE kind = 'offer_withdrawn' AND data->>'job_id' = $1`, itoa(id)); c != pending {
			t.Fatalf("%d withdrawal notifications for %d offers", c, pending)
		}
	})

	t.Run("OnlySomeFieldsOnceSomeoneIsBooked", func(t *testing.T) {
		id := post(2)
		w, offer := a.offeredWorker(t, id)
		if res, body := w.c.do("POST", "/api/v1/offers/"+itoa(offer)+"/accept", nil); res.StatusCode != 200 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		before := a.count(`SELECT count(*) FROM offers WHERE job_id = $1 AND state = 'pending'`, id)
		status, body := patch(id, map[string]any{"start": nextTuesday10().Add(time.Hour).Format(time.RFC3339)})
		if status != 409 || !strings.Contains(string(body), `"reason":"booked"`) {
			t.Fatalf("moving a job someone is booked on: %d %s", status, body)
		}
		if status, body := patch(id, map[string]any{"workers_needed": 0}); status != 422 || !strings.Contains(string(body), `"workers_needed"`) {
			t.Fatalf("%d %s", status, body)
		}
		if a.count(`SELECT count(*) FROM offers WHERE job_id = $1 AND state = 'pending'`, id) != before {
			t.Fatal("a refused edit changed the offers")
		}
		// Down to the one booked: the job is filled and the other offers are taken.
		status, body = patch(id, map[string]any{"workers_needed": 1, "description": "Toch maar één persoon"})
		if status != 200 || !strings.Contains(string(body), `"state":"filled"`) {
			t.Fatalf("%d %s", status, body)
		}
		if c := a.count(`SELECT count(*) FROM offers WHERE job_id = $1 AND state = 'pending'`, id); c != 0 {
			t.Fatalf("%d offers still open on a filled job", c)
		}
		if status, body := patch(id, map[string]any{"description": "Nog iets"}); status != 409 || !strings.Contains(string(body), `"reason":"closed"`) {
			t.Fatalf("editing a filled job: %d %s", status, body)
		}
		// Never again, from the poster by place: recorded once, whoever asks again.
		for _, c := range []*client{poster, w.c} {
			in := map[string]any{}
			if c == poster {
				in["place"] = 1
			}
			if res, body := c.do("POST", "/api/v1/jobs/"+itoa(id)+"/never-again", in); res.StatusCode != 204 {
				t.Fatalf("%d %s", res.StatusCode, body)
			}
		}
		if c := a.count(`SELECT count(*) FROM blocks WHERE person_id = $1`, w.id); c != 1 {
			t.Fatalf("%d blocks", c)
		}
		// The worker's coach sees the block and lifts it.
		var org string
		a.sql.Get(&org, `SELECT o.slug FROM organisations o JOIN users u ON u.organisation_id = o.id WHERE u.id = $1`, w.id)
		coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, org, 0))
		var posterID int64
		a.sql.Get(&posterID, `SELECT poster_id FROM jobs WHERE id = $1`, id)
		_, body = coach.do("GET", "/api/v1/org/people/"+itoa(w.id)+"/blocks", nil)
		if !strings.Contains(string(body), `"id":`+itoa(posterID)) || !strings.Contains(string(body), `"by":"poster"`) {
			t.Fatalf("the coach's list: %s", body)
		}
		path := "/api/v1/org/people/" + itoa(w.id) + "/blocks/" + itoa(posterID)
		if res, body := coach.do("DELETE", path, nil); res.StatusCode != 204 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		if res, _ := coach.do("DELETE", path, nil); res.StatusCode != 404 {
			t.Fatal("lifting a block twice")
		}
	})

	t.Run("BadInputNamesTheField", func(t *testing.T) {
		id := post(1)
		for _, c := range []struct {
			patch map[string]any
			field string
		}{
			{map[string]any{"minutes": 5}, "minutes"},
			{map[string]any{"start": time.Now().Add(-time.Hour).Format(time.RFC3339)}, "start"},
			{map[string]any{"address_id": 999999}, "address_id"},
			{map[string]any{"category": "no-such-work"}, "category"},
			{map[string]any{"color": "red"}, "color"},
			{map[string]any{"window_days": 15}, "window_days"},
		} {
			status, body := patch(id, c.patch)
			if status != 422 || !strings.Contains(string(body), `"`+c.field+`"`) {
				t.Fatalf("%v: %d %s", c.patch, status, body)
			}
		}
	})

	t.Run("ThePriceIsTheOneWhenPosted", func(t *testing.T) {
		id := post(1)
		admin := a.signedIn(a.person(klusbuddy.RoleAdmin, "", 0))
		if res, body := admin.do("PATCH", "/api/v1/admin/categories/garden", map[string]any{"unit_price_cents": 9900}); res.StatusCode != 200 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		_, body := poster.do("GET", "/api/v1/jobs/"+itoa(id), nil)
		if strings.Contains(string(body), `"unit_price_cents":9900`) {
			t.Fatalf("a posted job took the new price: %s", body)
		}
		id2 := post(1)
		_, body = poster.do("GET", "/api/v1/jobs/"+itoa(id2), nil)
		if !strings.Contains(string(body), `"unit_price_cents":9900`) {
			t.Fatalf("a new job did not take the new price: %s", body)
		}
	})
}

// Whether a job can still be changed follows the service's clock: once it has started, the
// poster's page offers no edit, even before the dispatcher has moved it on.
func TestNotEditableOnceStarted(t *testing.T) {
	a := newApp(t)
	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 6))
	start := nextTuesday10()
	j := postJob(t, poster, start, 3, klusbuddy.BuddyAllowed)
	editable := func() bool {
		_, body := poster.do("GET", "/api/v1/jobs/"+itoa(j.ID), nil)
		var doc struct{ Editable bool }
		json.Unmarshal(body, &doc)
		return doc.Editable
	}
	if !editable() {
		t.Fatal("a job that has not started is not editable")
	}
	a.clock.Set(start.Add(time.Minute))
	if editable() {
		t.Fatal("the job started a minute ago (by the clock) and is still offered for editing")
	}
}

func TestAdminCategories(t *testing.T) {
	a := newApp(t)
	admin := a.signedIn(a.person(klusbuddy.RoleAdmin, "", 0))
	names := map[string]any{"nl": "Hond uitlaten", "fr": "Promener le chien", "en": "Dog walking"}
	res, body := admin.do("POST", "/api/v1/admin/categories", map[string]any{"slug": "dogs", "icon": "leaf", "names": names,
		"unit": "hour", "unit_price_cents": 2300})
	if res.StatusCode != 201 || !strings.Contains(string(body), `"active":true`) {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	res, body = admin.do("POST", "/api/v1/admin/categories", map[string]any{"slug": "dogs", "icon": "leaf", "names": names,
		"unit": "hour", "unit_price_cents": 2300})
	if res.StatusCode != 409 || !strings.Contains(string(body), `"reason":"exists"`) || !strings.Contains(string(body), `"slug"`) {
		t.Fatalf("a slug in use: %d %s", res.StatusCode, body)
	}
	before := a.count(`SELECT count(*) FROM categories`)
	res, body = admin.do("POST", "/api/v1/admin/categories", map[string]any{"slug": "X", "icon": "", "names": map[string]any{"nl": ""},
		"unit": "day", "unit_price_cents": 0})
	for _, f := range []string{"slug", "icon", "names.nl", "names.fr", "names.en", "unit", "unit_price_cents"} {
		if res.StatusCode != 422 || !strings.Contains(string(body), `"field":"`+f+`"`) {
			t.Fatalf("no message for %s: %d %s", f, res.StatusCode, body)
		}
	}
	if a.count(`SELECT count(*) FROM categories`) != before {
		t.Fatal("a refused category was stored")
	}
	// Retire it: the public price list no longer shows it, the admin's list still does.
	if res, body := admin.do("PATCH", "/api/v1/admin/categories/dogs", map[string]any{"active": false, "unit_price_cents": 2500}); res.StatusCode != 200 ||
		!strings.Contains(string(body), `"active":false`) || !strings.Contains(string(body), `"unit_price_cents":2500`) ||
		!strings.Contains(string(body), `"Hond uitlaten"`) {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	if _, body := a.client().do("GET", "/api/v1/categories", nil); strings.Contains(string(body), `"dogs"`) {
		t.Fatal("a retired category is on the public price list")
	}
	if _, body := admin.do("GET", "/api/v1/admin/categories", nil); !strings.Contains(string(body), `"dogs"`) {
		t.Fatal("the admin lost the retired category")
	}
	if res, body := admin.do("PATCH", "/api/v1/admin/categories/dogs", map[string]any{"slug": "cats"}); res.StatusCode != 422 {
		t.Fatalf("renaming the slug: %d %s", res.StatusCode, body)
	}
	if res, _ := admin.do("PATCH", "/api/v1/admin/categories/nothing-here", map[string]any{}); res.StatusCode != 404 {
		t.Fatalf("an unknown category: %d", res.StatusCode)
	}

	// Turkish and Arabic names are optional, stored when given and shown on the price list.
	res, body = admin.do("POST", "/api/v1/admin/categories", map[string]any{"slug": "shopping", "icon": "bag", "unit": "hour", "unit_price_cents": 2000,
		"names": map[string]any{"nl": "Winkelen", "fr": "Shopping", "en": "Shopping", "tr": "Alışveriş", "ar": "التسوّق"}})
	if res.StatusCode != 201 || !strings.Contains(string(body), `"tr":"Alışveriş"`) || !strings.Contains(string(body), `"ar":"التسوّق"`) {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	if res, body := admin.do("PATCH", "/api/v1/admin/categories/shopping", map[string]any{"names": map[string]any{"ar": nil}}); res.StatusCode != 200 ||
		strings.Contains(string(body), `"ar"`) || !strings.Contains(string(body), `"tr":"Alışveriş"`) {
		t.Fatalf("removing the Arabic name: %d %s", res.StatusCode, body)
	}
	if _, body := a.client().do("GET", "/api/v1/categories", nil); !strings.Contains(string(body), `"tr":"Alışveriş"`) {
		t.Fatalf("the price list lacks the Turkish name: %s", body)
	}
	if res, body := admin.do("PATCH", "/api/v1/admin/categories/shopping", map[string]any{"names": map[string]any{"ar": strings.Repeat("ت", 61)}}); res.StatusCode != 422 ||
		!strings.Contains(string(body), `"field":"names.ar"`) {
		t.Fatalf("a long Arabic name: %d %s", res.StatusCode, body)
	}
}

func TestMatchBoard(t *testing.T) {
	a := newApp(t)
	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 6))
	var prof profileDoc
	_, body := poster.do("GET", "/api/v1/me/profile", nil)
	json.Unmarshal(body, &prof)
	res, body := poster.do("POST", "/api/v1/jobs", map[string]any{"category": "cleaning", "address_id": prof.Poster.Addresses[0].ID,
		"start": nextTuesday10().Format(time.RFC3339), "minutes": 120, "workers_needed": 1})
	if res.StatusCode != 201 {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	var job struct{ ID int64 }
	json.Unmarshal(body, &job)
	w, offer := a.offeredWorker(t, job.ID)
	if res, body := w.c.do("POST", "/api/v1/offers/"+itoa(offer)+"/decline", map[string]any{"reason": "too_far"}); res.StatusCode != 204 {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	var org string
	a.sql.Get(&org, `SELECT o.slug FROM organisations o JOIN users u ON u.organisation_id = o.id WHERE u.id = $1`, w.id)
	own := a.signedIn(a.person(klusbuddy.RoleCoordinator, org, 0))
	var otherOrg string
	a.sql.Get(&otherOrg, `SELECT slug FROM organisations WHERE slug <> $1 ORDER BY id LIMIT 1`, org)
	other := a.signedIn(a.person(klusbuddy.RoleCoordinator, otherOrg, 0))

	var review struct {
		Offers []struct {
			State         string
			DeclineReason *string `json:"decline_reason"`
			Breakdown     map[string]any
			Worker        struct {
				ID           int64
				Name         string
				Organisation string
			}
		}
		Transitions []struct{ To, By string }
	}
	_, body = own.do("GET", "/api/v1/org/jobs/"+itoa(job.ID), nil)
	json.Unmarshal(body, &review)
	found := false
	for _, o := range review.Offers {
		if o.Worker.ID == w.id {
			found = true
			if o.State != "declined" || o.DeclineReason == nil || *o.DeclineReason != "too_far" || o.Breakdown["fairness"] == nil ||
				!strings.HasPrefix(o.Worker.Name, w.firstName) {
				t.Fatalf("the declined offer as the worker's coach sees it: %+v", o)
			}
		}
	}
	if !found || len(review.Transitions) < 2 || review.Transitions[0].By != "poster" {
		t.Fatalf("%s", body)
	}
	// Another organisation's coach sees why, but not who.
	_, body = other.do("GET", "/api/v1/org/jobs/"+itoa(job.ID), nil)
	if strings.Contains(string(body), w.firstName) || strings.Contains(string(body), `"id":`+itoa(w.id)) {
		t.Fatalf("another organisation's coach sees the worker: %s", body)
	}

	// Nobody answers, wave after wave, until no one is left: unfilled, on the board, and a coach
	// can offer it again.
	for range 20 {
		if a.count(`SELECT count(*) FROM jobs WHERE id = $1 AND state = 'unfilled'`, job.ID) == 1 {
			break
		}
		a.clock.Advance(15 * time.Minute)
		if err := a.inst.Dispatcher.Tick(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	_, body = own.do("GET", "/api/v1/org/jobs", nil)
	if !strings.Contains(string(body), `"id":`+itoa(job.ID)) {
		t.Fatalf("an unfilled job is not on the attention board: %s", body)
	}
	if res, body := own.do("GET", "/api/v1/org/jobs?filter=mine", nil); res.StatusCode != 422 || !strings.Contains(string(body), `"filter"`) {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	res, body = own.do("POST", "/api/v1/org/jobs/"+itoa(job.ID)+"/reoffer", nil)
	if res.StatusCode != 200 || !strings.Contains(string(body), `"state":"offering"`) {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	// Who said no stays out; who let it expire is asked again.
	if c := a.count(`SELECT count(*) FROM offers WHERE job_id = $1 AND round = 2 AND worker_id = $2`, job.ID, w.id); c != 0 {
		t.Fatal("the worker who declined was asked again")
	}
	if c := a.count(`SELECT count(*) FROM offers WHERE job_id = $1 AND round = 2 AND state = 'pending'`, job.ID); c == 0 {
		t.Fatal("nobody was asked again")
	}
	if res, body := own.do("POST", "/api/v1/org/jobs/"+itoa(job.ID)+"/reoffer", nil); res.StatusCode != 409 {
		t.Fatalf("re-offering a job that is offering: %d %s", res.StatusCode, body)
	}
}
