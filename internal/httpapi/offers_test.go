package httpapi_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

func TestOffers(t *testing.T) {
	a := newApp(t)
	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 8))
	var prof profileDoc
	_, body := poster.do("GET", "/api/v1/me/profile", nil)
	json.Unmarshal(body, &prof)
	res, body := poster.do("POST", "/api/v1/jobs", map[string]any{"category": "cleaning", "address_id": prof.Poster.Addresses[0].ID,
		"start": nextTuesday10().Format(time.RFC3339), "minutes": 120, "workers_needed": 1})
	var job jobDoc
	json.Unmarshal(body, &job)
	if res.StatusCode != 201 || job.State != "offering" {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	w, offer := a.offeredWorker(t, job.ID)
	path := "/api/v1/offers/" + itoa(offer)

	t.Run("TheWorkerSeesTheOfferWithoutTheAddress", func(t *testing.T) {
		_, body := w.c.do("GET", "/api/v1/offers", nil)
		if !strings.Contains(string(body), `"id":`+itoa(offer)) || !strings.Contains(string(body), `"travel_minutes"`) ||
			strings.Contains(string(body), "street") {
			t.Fatalf("%s", body)
		}
		_, body = w.c.do("GET", "/api/v1/notifications", nil)
		if !strings.Contains(string(body), `"kind":"offer_new"`) {
			t.Fatalf("no offer notification: %s", body)
		}
	})
	t.Run("OthersCannotTouchIt", func(t *testing.T) {
		if res, _ := poster.do("GET", "/api/v1/offers", nil); res.StatusCode != 403 {
			t.Fatalf("a poster lists offers: %d", res.StatusCode)
		}
		other := a.signedIn(a.person(klusbuddy.RoleWorker, "", 9))
		if res, _ := other.do("POST", path+"/accept", nil); res.StatusCode != 404 {
			t.Fatalf("another worker accepts the offer: %d", res.StatusCode)
		}
	})
	t.Run("AcceptIsIdempotent", func(t *testing.T) {
		r1, b1 := w.c.do("POST", path+"/accept", nil, "Idempotency-Key", "phone-retry-0001")
		r2, b2 := w.c.do("POST", path+"/accept", nil, "Idempotency-Key", "phone-retry-0001")
		if r1.StatusCode != 200 || r2.StatusCode != 200 || string(b1) != string(b2) || r2.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("%d %s / %d %s", r1.StatusCode, b1, r2.StatusCode, b2)
		}
		// Booked: the exact address is now theirs to see.
		_, body := w.c.do("GET", "/api/v1/me/assignments", nil)
		if !strings.Contains(string(body), `"street"`) || !strings.Contains(string(body), `"job_id":`+itoa(job.ID)) {
			t.Fatalf("%s", body)
		}
		_, body = poster.do("GET", "/api/v1/jobs/"+itoa(job.ID), nil)
		if !strings.Contains(string(body), `"state":"filled"`) || !strings.Contains(string(body), `"coming":["`+w.firstName+`"]`) {
			t.Fatalf("%s", body)
		}
	})
	t.Run("TakenForTheOthers", func(t *testing.T) {
		var other int64
		if err := a.sql.Get(&other, `SELECT id FROM offers WHERE job_id = $1 AND id <> $2 ORDER BY id LIMIT 1`, job.ID, offer); err != nil {
			t.Fatal("only one candidate for the job in the demo data")
		}
		var phone string
		a.sql.Get(&phone, `SELECT u.phone FROM offers o JOIN users u ON u.id = o.worker_id WHERE o.id = $1`, other)
		c := a.client()
		c.do("POST", "/api/v1/login", map[string]string{"login": phone, "secret": "358024"})
		res, body := c.do("POST", "/api/v1/offers/"+itoa(other)+"/accept", nil)
		if p := decodeProblem(t, res, body); res.StatusCode != 409 || !strings.Contains(p.Detail, "plaatsen") || p.Reason != "taken" {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		if res, body := c.do("POST", "/api/v1/offers/"+itoa(other)+"/decline", map[string]string{"reason": "too_far"}); res.StatusCode != 409 {
			t.Fatalf("declining a taken offer: %d %s", res.StatusCode, body)
		}
	})
	t.Run("KeyOfAnotherRequest", func(t *testing.T) {
		// The same key on another offer is a bug in the app: it must not believe it accepted.
		other := postCleaning(t, poster, nextTuesday10().AddDate(0, 0, 7), 3)
		offer2 := a.pendingOffer(t, other, w.id)
		before := a.count(`SELECT count(*) FROM assignments WHERE worker_id = $1`, w.id)
		res, body := w.c.do("POST", "/api/v1/offers/"+itoa(offer2)+"/accept", nil, "Idempotency-Key", "phone-retry-0001")
		if p := decodeProblem(t, res, body); res.StatusCode != 422 || len(p.Errors) != 1 || p.Errors[0].Field != "Idempotency-Key" ||
			res.Header.Get("Idempotent-Replayed") != "" {
			t.Fatalf("the key of an accept on another offer: %d %s", res.StatusCode, body)
		}
		if a.count(`SELECT count(*) FROM assignments WHERE worker_id = $1`, w.id) != before {
			t.Fatal("the refused accept booked the worker")
		}
	})
	t.Run("BadInput", func(t *testing.T) {
		if res, body := w.c.do("POST", path+"/accept", nil, "Idempotency-Key", "short"); res.StatusCode != 422 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		if res, body := w.c.do("GET", "/api/v1/notifications?after=-3", nil); res.StatusCode != 422 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
	})
}
