package httpapi_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// TestAuthorizationMatrix calls every endpoint as every kind of caller and checks the status:
// anonymous, a worker, another worker, a buddy, a poster, a coordinator of the target's
// organisation, a coordinator of another organisation, and an admin. The target of the
// per-person endpoints is a worker of the first organisation.
func TestAuthorizationMatrix(t *testing.T) {
	a := newApp(t)
	const orgA, orgB = "kompas-genk", "de-schakel-hasselt"
	target := a.person(klusbuddy.RoleWorker, orgA, 1)
	targetID := a.idOf(target)

	callers := []struct {
		name string
		c    *client
	}{
		{"anonymous", a.client()},
		{"worker", a.signedIn(a.person(klusbuddy.RoleWorker, orgA, 0))},
		{"target", a.signedIn(target)},
		{"buddy", a.signedIn(a.person(klusbuddy.RoleBuddy, orgA, 0))},
		{"poster", a.signedIn(a.person(klusbuddy.RolePoster, "", 0))},
		{"coordinator", a.signedIn(a.person(klusbuddy.RoleCoordinator, orgA, 0))},
		{"otherCoordinator", a.signedIn(a.person(klusbuddy.RoleCoordinator, orgB, 0))},
		{"admin", a.signedIn(a.person(klusbuddy.RoleAdmin, "", 0))},
	}
	var seq atomic.Int64
	unique := func() int64 { return seq.Add(1) }
	newWorker := func() any {
		n := unique()
		return map[string]any{"role": "worker", "first_name": "Nieuw", "last_name": fmt.Sprint(n), "phone": fmt.Sprintf("+3249%07d", n), "language": "nl",
			"worker": map[string]any{"postcode": "3600", "municipality": "Genk", "travel_mode": "bike", "max_travel_minutes": 20}}
	}
	person := fmt.Sprintf("/api/v1/org/people/%d", targetID)
	var address int64
	if err := a.sql.Get(&address, `SELECT min(a.id) FROM poster_addresses a JOIN users u ON u.id = a.poster_id WHERE u.email = $1`,
		a.person(klusbuddy.RolePoster, "", 0).Email); err != nil {
		t.Fatal(err)
	}
	newJob := func() any {
		return map[string]any{"category": "cleaning", "address_id": address, "workers_needed": 1, "minutes": 120,
			"start": time.Now().Add(48*time.Hour + time.Duration(unique())*time.Hour).Format(time.RFC3339)}
	}
	var jobID int64
	if err := a.sql.Get(&jobID, `INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, unit, unit_price_cents)
		SELECT poster_id, id, (SELECT min(id) FROM categories), tstzrange(now() + interval '3 days', now() + interval '3 days 2 hours'), 1,
		       'hour', 2500
		FROM poster_addresses WHERE id = $1 RETURNING id`, address); err != nil {
		t.Fatal(err)
	}
	job := fmt.Sprintf("/api/v1/jobs/%d", jobID)
	var posterID int64
	if err := a.sql.Get(&posterID, `SELECT poster_id FROM jobs WHERE id = $1`, jobID); err != nil {
		t.Fatal(err)
	}
	// The job's statement is its organisation's coordinators' too.
	jobCoach := 403
	if a.count(`SELECT count(*) FROM jobs j JOIN organisations o ON o.id = j.organisation_id WHERE j.id = $1 AND o.slug = $2`, jobID, orgA) == 1 {
		jobCoach = 200
	}
	// A job starting in ten minutes with the target booked on it, of the first organisation.
	var today int64
	if err := a.sql.Get(&today, `INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, unit, unit_price_cents, state)
		SELECT poster_id, id, (SELECT min(id) FROM categories), tstzrange($2::timestamptz + interval '10 minutes', $2::timestamptz + interval '2 hours'), 1,
		       'hour', 2500, 'offering'
		FROM poster_addresses WHERE id = $1 RETURNING id`, address, a.clock.Now()); err != nil {
		t.Fatal(err)
	}
	a.sql.MustExec(`UPDATE jobs SET organisation_id = (SELECT id FROM organisations WHERE slug = $2) WHERE id = $1`, today, orgA)
	a.sql.MustExec(`INSERT INTO assignments (job_id, workers_needed, place, worker_id, during) SELECT id, 1, 1, $2, during FROM jobs WHERE id = $1`, today, targetID)
	a.sql.MustExec(`SELECT move_job($1, 'filled', NULL, $2)`, today, a.clock.Now())
	booked := fmt.Sprintf("/api/v1/me/assignments/%d", today)
	tap := func() any { return map[string]any{"at": a.clock.Now().Format(time.RFC3339)} }

	// Stepping in: a cancelled job of the first organisation (a choice for it is refused for
	// its coach, 409, while the other organisation's coach does not know the target: 404), an
	// offer to the target on it, and a household the first organisation keeps.
	var orgAID int64
	a.sql.Get(&orgAID, `SELECT id FROM organisations WHERE slug = $1`, orgA)
	var stepJob, stepOffer, kept, keptAddress int64
	if err := a.sql.Get(&stepJob, `INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, unit, unit_price_cents, state)
		SELECT poster_id, id, (SELECT min(id) FROM categories), tstzrange(now() + interval '5 days', now() + interval '5 days 2 hours'), 1,
		       'hour', 2500, 'cancelled'
		FROM poster_addresses WHERE id = $1 RETURNING id`, address); err != nil {
		t.Fatal(err)
	}
	a.sql.MustExec(`UPDATE jobs SET organisation_id = $2 WHERE id = $1`, stepJob, orgAID)
	a.sql.Get(&stepOffer, `INSERT INTO offers (job_id, worker_id, wave, score, breakdown, travel_minutes, expires_at, created_at)
		VALUES ($1, $2, 1, 0.5, '{}', 10, now() + interval '1 hour', now()) RETURNING id`, stepJob, targetID)
	a.sql.Get(&kept, `INSERT INTO users (role, first_name, last_name, phone, kept_by) VALUES ('poster', 'Maria', 'Belt', '+32470000001', $1) RETURNING id`, orgAID)
	a.sql.MustExec(`INSERT INTO poster_profiles (user_id, kind) VALUES ($1, 'household')`, kept)
	a.sql.Get(&keptAddress, `INSERT INTO poster_addresses (poster_id, street, postcode, municipality, lat, lon)
		SELECT $1, 'Stationsstraat 1', postcode, municipality, lat, lon FROM postcodes WHERE postcode = '3600' AND municipality = 'Genk' RETURNING id`, kept)
	stepIn := func(what string) string { return fmt.Sprintf("/api/v1/org/jobs/%d/%s", stepJob, what) }
	chooseTarget := func() any { return map[string]any{"worker": targetID} }
	newPhoned := func() any {
		return map[string]any{"first_name": "Jos", "last_name": "Belt", "phone": "0470 12 34 56",
			"address": map[string]any{"street": "Molenstraat 4", "postcode": "3600", "municipality": "Genk"}}
	}
	newJobFor := func() any {
		return map[string]any{"category": "cleaning", "address_id": keptAddress, "workers_needed": 1, "minutes": 120,
			"start": time.Now().Add(48*time.Hour + time.Duration(unique())*time.Hour).Format(time.RFC3339)}
	}

	// Expected status per caller, in the order of callers above.
	type row struct {
		method, path string
		body         func() any
		want         [8]int
	}
	empty := func() any { return map[string]any{} }
	rows := []row{
		{"GET", "/api/v1/categories", nil, [8]int{200, 200, 200, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/postcodes?q=36", nil, [8]int{200, 200, 200, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/session", nil, [8]int{401, 200, 200, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/sessions", nil, [8]int{401, 200, 200, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/me/profile", nil, [8]int{401, 200, 200, 200, 200, 200, 200, 200}},
		{"PATCH", "/api/v1/me/profile", empty, [8]int{401, 200, 200, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/me/export", nil, [8]int{401, 200, 200, 200, 200, 200, 200, 200}},
		{"POST", "/api/v1/me/addresses", func() any {
			return map[string]any{"label": "Werk", "street": "Stalenstraat 1", "postcode": "3600", "municipality": "Genk"}
		}, [8]int{401, 403, 403, 403, 201, 403, 403, 403}},
		{"DELETE", "/api/v1/me/addresses/999999", nil, [8]int{401, 403, 403, 403, 404, 403, 403, 403}},
		{"POST", "/api/v1/jobs", newJob, [8]int{401, 403, 403, 403, 201, 403, 403, 403}},
		{"GET", "/api/v1/jobs", nil, [8]int{401, 403, 403, 403, 200, 403, 403, 403}},
		{"GET", job, nil, [8]int{401, 403, 403, 403, 200, 403, 403, 403}},
		{"PATCH", job, func() any { return map[string]any{"description": "Ook de ramen"} }, [8]int{401, 403, 403, 403, 200, 403, 403, 403}},
		{"POST", job + "/never-again", func() any { return map[string]any{"place": 1} }, [8]int{401, 404, 404, 404, 404, 404, 404, 403}},
		// Repeat work (issue 12): only posters repost, see series and mark favourites; the target never
		// did a job for the poster (422 naming worker_id).
		{"POST", job + "/repost", func() any {
			return map[string]any{"start": time.Now().Add(96*time.Hour + time.Duration(unique())*time.Hour).Format(time.RFC3339)}
		}, [8]int{401, 403, 403, 403, 201, 403, 403, 403}},
		{"GET", "/api/v1/series/999999", nil, [8]int{401, 403, 403, 403, 404, 403, 403, 403}},
		{"POST", "/api/v1/series/999999/cancel", nil, [8]int{401, 403, 403, 403, 404, 403, 403, 403}},
		{"GET", "/api/v1/me/favourites", nil, [8]int{401, 403, 403, 403, 200, 403, 403, 403}},
		{"PUT", fmt.Sprintf("/api/v1/me/favourites/%d", targetID), nil, [8]int{401, 403, 403, 403, 422, 403, 403, 403}},
		{"DELETE", fmt.Sprintf("/api/v1/me/favourites/%d", targetID), nil, [8]int{401, 403, 403, 403, 204, 403, 403, 403}},
		{"GET", "/api/v1/offers", nil, [8]int{401, 200, 200, 403, 403, 403, 403, 403}},
		{"GET", "/api/v1/me/assignments", nil, [8]int{401, 200, 200, 403, 403, 403, 403, 403}},
		{"POST", "/api/v1/offers/999999/accept", nil, [8]int{401, 404, 404, 403, 403, 403, 403, 403}},
		{"POST", "/api/v1/me/assignments/999999/drop-out", nil, [8]int{401, 404, 404, 403, 403, 403, 403, 403}},
		{"GET", "/api/v1/me/buddy-requests", nil, [8]int{401, 403, 403, 200, 403, 403, 403, 403}},
		{"POST", "/api/v1/me/buddy-requests/999999/confirm", nil, [8]int{401, 403, 403, 404, 403, 403, 403, 403}},
		{"POST", "/api/v1/me/buddy-requests/999999/decline", nil, [8]int{401, 403, 403, 404, 403, 403, 403, 403}},
		{"GET", "/api/v1/me/accompaniments", nil, [8]int{401, 403, 403, 200, 403, 403, 403, 403}},
		{"POST", "/api/v1/me/accompaniments/999999/drop-out", nil, [8]int{401, 403, 403, 404, 403, 403, 403, 403}},
		{"POST", booked + "/check-in", tap, [8]int{401, 403, 200, 403, 403, 403, 403, 403}},
		{"POST", booked + "/check-out", tap, [8]int{401, 403, 200, 403, 403, 403, 403, 403}},
		{"POST", booked + "/safety", tap, [8]int{401, 403, 201, 403, 403, 403, 403, 403}},
		{"POST", "/api/v1/me/assignments/999999/check-in", tap, [8]int{401, 404, 404, 403, 403, 403, 403, 403}},
		{"POST", "/api/v1/me/accompaniments/999999/check-in", tap, [8]int{401, 403, 403, 404, 403, 403, 403, 403}},
		{"POST", "/api/v1/me/accompaniments/999999/check-out", tap, [8]int{401, 403, 403, 404, 403, 403, 403, 403}},
		{"POST", "/api/v1/me/accompaniments/999999/safety", tap, [8]int{401, 403, 403, 404, 403, 403, 403, 403}},
		{"PUT", "/api/v1/me/accompaniments/999999/meeting", func() any {
			return map[string]any{"place": "", "at": a.clock.Now().Add(time.Hour).Format(time.RFC3339)}
		}, [8]int{401, 403, 403, 404, 403, 403, 403, 403}},
		{"GET", "/api/v1/org/safety", nil, [8]int{401, 403, 403, 403, 403, 200, 200, 403}},
		{"POST", "/api/v1/org/safety/999999/ack", func() any { return map[string]any{"follow_up": "Gebeld"} }, [8]int{401, 403, 403, 403, 403, 404, 404, 403}},
		{"POST", fmt.Sprintf("/api/v1/org/jobs/%d/outcome", today), func() any { return map[string]any{"outcome": "poster_absent"} },
			[8]int{401, 403, 403, 403, 403, 200, 403, 403}},
		// Hours (issue 12): the target checked in and out on today's job above (0 minutes proposed).
		{"GET", booked + "/hours", nil, [8]int{401, 403, 200, 403, 403, 403, 403, 403}},
		{"POST", booked + "/hours/confirm", func() any { return map[string]any{"minutes": 0} }, [8]int{401, 403, 200, 403, 403, 403, 403, 403}},
		{"GET", "/api/v1/me/accompaniments/999999/hours", nil, [8]int{401, 403, 403, 404, 403, 403, 403, 403}},
		{"POST", "/api/v1/me/accompaniments/999999/hours/confirm", func() any { return map[string]any{"minutes": 120} },
			[8]int{401, 403, 403, 404, 403, 403, 403, 403}},
		{"GET", job + "/hours", nil, [8]int{401, 403, 403, 403, 200, 403, 403, 403}},
		{"POST", job + "/hours/999999/approve", nil, [8]int{401, 403, 403, 403, 404, 403, 403, 403}},
		{"POST", job + "/hours/999999/dispute", func() any { return map[string]any{"reason": "Te lang"} }, [8]int{401, 403, 403, 403, 404, 403, 403, 403}},
		{"GET", "/api/v1/org/hours?state=disputed", nil, [8]int{401, 403, 403, 403, 403, 200, 200, 403}},
		{"GET", job + "/statement", nil, [8]int{401, 403, 403, 403, 200, jobCoach, 403, 403}},
		{"GET", "/api/v1/me/statements", nil, [8]int{401, 403, 403, 403, 200, 403, 403, 403}},
		{"GET", "/api/v1/me/statements/2026-11", nil, [8]int{401, 403, 403, 403, 200, 403, 403, 403}},
		{"GET", "/api/v1/me/statements/2026-11?format=csv", nil, [8]int{401, 403, 403, 403, 200, 403, 403, 403}},
		{"POST", "/api/v1/org/hours/999999/approve", nil, [8]int{401, 403, 403, 403, 403, 404, 404, 403}},
		{"POST", "/api/v1/org/hours/999999/confirm", func() any { return map[string]any{"items": 3} }, [8]int{401, 403, 403, 403, 403, 404, 404, 403}},
		{"POST", "/api/v1/org/hours/999999/decide", func() any { return map[string]any{"minutes": 60, "note": "Gebeld"} },
			[8]int{401, 403, 403, 403, 403, 404, 404, 403}},
		// Feedback (issue 12): today's job is done after the target's check-out above.
		{"GET", fmt.Sprintf("/api/v1/jobs/%d/feedback", today), nil, [8]int{401, 403, 403, 403, 200, 403, 403, 403}},
		{"POST", fmt.Sprintf("/api/v1/jobs/%d/feedback", today), func() any { return map[string]any{"place": 1, "again": true} },
			[8]int{401, 403, 403, 403, 200, 403, 403, 403}},
		{"GET", booked + "/feedback", nil, [8]int{401, 403, 200, 403, 403, 403, 403, 403}},
		{"POST", booked + "/feedback", func() any { return map[string]any{"face": "good"} }, [8]int{401, 403, 200, 403, 403, 403, 403, 403}},
		{"GET", "/api/v1/me/accompaniments/999999/feedback", nil, [8]int{401, 403, 403, 404, 403, 403, 403, 403}},
		{"POST", "/api/v1/me/accompaniments/999999/feedback", func() any { return map[string]any{"face": "ok"} },
			[8]int{401, 403, 403, 404, 403, 403, 403, 403}},
		{"GET", person + "/feedback", nil, [8]int{401, 403, 403, 403, 403, 200, 404, 403}},
		{"GET", fmt.Sprintf("/api/v1/org/posters/%d/feedback", posterID), nil, [8]int{401, 403, 403, 403, 403, 200, 404, 403}},
		{"GET", "/api/v1/notifications", nil, [8]int{401, 200, 200, 200, 200, 200, 200, 200}},
		// What a worker worked, a buddy's volunteer hours, the organisation's settings and figures.
		{"GET", "/api/v1/me/hours", nil, [8]int{401, 200, 200, 403, 403, 403, 403, 403}},
		{"GET", "/api/v1/me/hours?month=2026-05", nil, [8]int{401, 200, 200, 403, 403, 403, 403, 403}},
		{"GET", "/api/v1/me/volunteer-hours", nil, [8]int{401, 403, 403, 200, 403, 403, 403, 403}},
		{"GET", "/api/v1/org/settings", nil, [8]int{401, 403, 403, 403, 403, 200, 200, 403}},
		{"PATCH", "/api/v1/org/settings", empty, [8]int{401, 403, 403, 403, 403, 200, 200, 403}},
		{"GET", "/api/v1/org/figures", nil, [8]int{401, 403, 403, 403, 403, 200, 200, 403}},
		{"GET", "/api/v1/org/jobs?filter=all", nil, [8]int{401, 403, 403, 403, 403, 200, 200, 403}},
		{"GET", fmt.Sprintf("/api/v1/org/jobs?filter=today&ids=%d", jobID), nil, [8]int{401, 403, 403, 403, 403, 200, 200, 403}},
		{"GET", fmt.Sprintf("/api/v1/org/jobs/%d", jobID), nil, [8]int{401, 403, 403, 403, 403, 200, 200, 403}},
		{"POST", fmt.Sprintf("/api/v1/org/jobs/%d/reoffer", jobID), nil, [8]int{401, 403, 403, 403, 403, 409, 409, 403}},
		{"GET", fmt.Sprintf("/api/v1/org/jobs/%d/candidates", jobID), nil, [8]int{401, 403, 403, 403, 403, 200, 200, 403}},
		{"POST", stepIn("assign"), chooseTarget, [8]int{401, 403, 403, 403, 403, 409, 404, 403}},
		{"POST", stepIn("offers"), chooseTarget, [8]int{401, 403, 403, 403, 403, 409, 404, 403}},
		{"POST", stepIn("cancel"), func() any { return map[string]any{"reason": "De klant belde af"} }, [8]int{401, 403, 403, 403, 403, 409, 403, 403}},
		{"POST", fmt.Sprintf("/api/v1/org/offers/%d/accept", stepOffer), nil, [8]int{401, 403, 403, 403, 403, 409, 404, 403}},
		{"POST", fmt.Sprintf("/api/v1/org/offers/%d/decline", stepOffer), empty, [8]int{401, 403, 403, 403, 403, 200, 404, 403}},
		{"GET", "/api/v1/org/posters", nil, [8]int{401, 403, 403, 403, 403, 200, 200, 403}},
		{"POST", "/api/v1/org/posters", newPhoned, [8]int{401, 403, 403, 403, 403, 201, 422, 403}},
		{"POST", fmt.Sprintf("/api/v1/org/posters/%d/jobs", kept), newJobFor, [8]int{401, 403, 403, 403, 403, 201, 404, 403}},
		{"GET", "/api/v1/org/people", nil, [8]int{401, 403, 403, 403, 403, 200, 200, 403}},
		{"POST", "/api/v1/org/people", newWorker, [8]int{401, 403, 403, 403, 403, 201, 201, 403}},
		{"GET", person, nil, [8]int{401, 403, 403, 403, 403, 200, 404, 403}},
		{"PATCH", person, empty, [8]int{401, 403, 403, 403, 403, 200, 404, 403}},
		{"POST", person + "/invite", empty, [8]int{401, 403, 403, 403, 403, 201, 404, 403}},
		{"GET", person + "/blocks", nil, [8]int{401, 403, 403, 403, 403, 200, 404, 403}},
		// The follow-up list (issue 13, part 5): the coordinator's own people only.
		{"GET", "/api/v1/org/follow-up", nil, [8]int{401, 403, 403, 403, 403, 200, 200, 403}},
		{"POST", fmt.Sprintf("/api/v1/org/follow-up/%d/actions", targetID), func() any { return map[string]any{"kind": "call", "note": "Gebeld"} },
			[8]int{401, 403, 403, 403, 403, 201, 404, 403}},
		{"POST", "/api/v1/org/follow-up/999999/actions", func() any { return map[string]any{"kind": "visit"} },
			[8]int{401, 403, 403, 403, 403, 404, 404, 403}},
		{"GET", person + "/follow-up", nil, [8]int{401, 403, 403, 403, 403, 200, 404, 403}},
		{"DELETE", person + "/blocks/999999", nil, [8]int{401, 403, 403, 403, 403, 404, 404, 403}},
		{"GET", "/api/v1/admin/organisations", nil, [8]int{401, 403, 403, 403, 403, 403, 403, 200}},
		{"POST", "/api/v1/admin/organisations", func() any {
			return map[string]any{"slug": fmt.Sprintf("org-%d", unique()), "name": "Nieuwe Werkplaats", "municipality": "Hasselt"}
		}, [8]int{401, 403, 403, 403, 403, 403, 403, 201}},
		{"GET", "/api/v1/admin/categories", nil, [8]int{401, 403, 403, 403, 403, 403, 403, 200}},
		{"POST", "/api/v1/admin/categories", func() any {
			return map[string]any{"slug": fmt.Sprintf("dogs-%d", unique()), "icon": "leaf", "unit": "hour", "unit_price_cents": 2300,
				"names": map[string]any{"nl": "Hond uitlaten", "fr": "Promener le chien", "en": "Dog walking"}}
		}, [8]int{401, 403, 403, 403, 403, 403, 403, 201}},
		{"PATCH", "/api/v1/admin/categories/cleaning", empty, [8]int{401, 403, 403, 403, 403, 403, 403, 200}},
		{"POST", "/api/v1/admin/invites", func() any {
			return map[string]any{"role": "admin", "first_name": "Ann", "last_name": "Beheer", "email": fmt.Sprintf("ann%d@example.be", unique())}
		}, [8]int{401, 403, 403, 403, 403, 403, 403, 201}},
		// The audit log: a coordinator their organisation's, an admin all of it.
		{"GET", "/api/v1/org/audit", nil, [8]int{401, 403, 403, 403, 403, 200, 200, 403}},
		{"GET", "/api/v1/org/audit?format=csv", nil, [8]int{401, 403, 403, 403, 403, 200, 200, 403}},
		{"GET", "/api/v1/admin/audit", nil, [8]int{401, 403, 403, 403, 403, 403, 403, 200}},
		{"GET", "/api/v1/admin/audit?format=csv", nil, [8]int{401, 403, 403, 403, 403, 403, 403, 200}},
		// Impact figures: a coordinator their organisation's (naming another is refused), an admin
		// any; the social-return values their organisation's; the public figures anyone's.
		{"GET", "/api/v1/org/impact", nil, [8]int{401, 403, 403, 403, 403, 200, 200, 403}},
		{"GET", "/api/v1/org/impact?format=csv", nil, [8]int{401, 403, 403, 403, 403, 200, 200, 403}},
		{"GET", "/api/v1/org/impact?organisation=1", nil, [8]int{401, 403, 403, 403, 403, 422, 422, 403}},
		{"GET", "/api/v1/org/impact/values", nil, [8]int{401, 403, 403, 403, 403, 200, 200, 403}},
		{"PUT", "/api/v1/org/impact/values", func() any {
			return map[string]any{"values": []any{map[string]any{"label": "Vermeden uitkering", "basis": "hour", "cents": 1200, "source": "Eigen raming 2025"}}}
		}, [8]int{401, 403, 403, 403, 403, 200, 200, 403}},
		{"GET", "/api/v1/admin/impact", nil, [8]int{401, 403, 403, 403, 403, 403, 403, 200}},
		{"GET", "/api/v1/admin/impact?format=csv", nil, [8]int{401, 403, 403, 403, 403, 403, 403, 200}},
		{"GET", "/api/v1/impact", nil, [8]int{200, 200, 200, 200, 200, 200, 200, 200}},
		{"GET", "/impact", nil, [8]int{200, 200, 200, 200, 200, 200, 200, 200}},
		{"GET", "/impact/embed", nil, [8]int{200, 200, 200, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/org/exports/jobs.csv?from=2026-01-01&to=2026-12-31", nil, [8]int{401, 403, 403, 403, 403, 200, 200, 403}},
		{"GET", "/api/v1/org/exports/assignments.csv?from=2026-01-01&to=2026-12-31", nil, [8]int{401, 403, 403, 403, 403, 200, 200, 403}},
		{"GET", "/api/v1/admin/exports/jobs.csv?from=2026-01-01&to=2026-12-31", nil, [8]int{401, 403, 403, 403, 403, 403, 403, 200}},
		{"GET", "/api/v1/admin/exports/assignments.csv?from=2026-01-01&to=2026-12-31&organisation=1", nil, [8]int{401, 403, 403, 403, 403, 403, 403, 200}},
		{"GET", "/api/v1/admin/exports/jobs.csv?from=2026-01-01&to=2026-12-31&organisation=999999", nil, [8]int{401, 403, 403, 403, 403, 403, 403, 404}},
		// A calendar feed: the people with jobs of their own; the feed itself by its token alone.
		{"GET", "/api/v1/me/calendar", nil, [8]int{401, 200, 200, 200, 200, 403, 403, 403}},
		{"POST", "/api/v1/me/calendar", nil, [8]int{401, 201, 201, 201, 201, 403, 403, 403}},
		{"DELETE", "/api/v1/me/calendar", nil, [8]int{401, 204, 204, 204, 204, 403, 403, 403}},
		{"GET", "/calendar/" + strings.Repeat("A", 43) + ".ics", nil, [8]int{404, 404, 404, 404, 404, 404, 404, 404}},
	}
	for _, r := range rows {
		for i, caller := range callers {
			t.Run(fmt.Sprintf("%s %s as %s", r.method, strings.SplitN(r.path, "?", 2)[0], caller.name), func(t *testing.T) {
				var body any
				if r.body != nil {
					body = r.body()
				}
				res, got := caller.c.do(r.method, r.path, body)
				if res.StatusCode != r.want[i] {
					t.Fatalf("status %d, want %d: %s", res.StatusCode, r.want[i], got)
				}
				if res.StatusCode >= 400 {
					decodeProblem(t, res, got)
				}
			})
		}
	}

	t.Run("CoordinatorListsOnlyTheirOrganisation", func(t *testing.T) {
		_, body := callers[6].c.do("GET", "/api/v1/org/people?q="+target.LastName, nil)
		if strings.Contains(string(body), target.Phone) {
			t.Fatalf("a coordinator of another organisation sees the target: %s", body)
		}
		_, body = callers[5].c.do("GET", "/api/v1/org/people?role=worker", nil)
		if !strings.Contains(string(body), target.Phone) {
			t.Fatalf("the target's own coordinator does not see them: %.300s", body)
		}
	})
	t.Run("CoordinatorSeesOnlyTheirOrganisationsImpact", func(t *testing.T) {
		for i, slug := range map[int]string{5: orgA, 6: orgB} {
			var want int64
			a.sql.Get(&want, `SELECT id FROM organisations WHERE slug = $1`, slug)
			_, body := callers[i].c.do("GET", "/api/v1/org/impact", nil)
			var rep struct {
				OrganisationID int64 `json:"organisation_id"`
				Values         []any `json:"values"`
			}
			json.Unmarshal(body, &rep)
			if rep.OrganisationID != want {
				t.Fatalf("%s reads the figures of organisation %d, want %d: %.300s", callers[i].name, rep.OrganisationID, want, body)
			}
		}
	})
	t.Run("CoordinatorSeesOnlyTheirOrganisationsAudit", func(t *testing.T) {
		var orgAID int64
		a.sql.Get(&orgAID, `SELECT id FROM organisations WHERE slug = $1`, orgA)
		for i, want := range map[int]bool{5: true, 6: false} {
			_, body := callers[i].c.do("GET", "/api/v1/org/audit?limit=200", nil)
			var page struct {
				Entries []struct {
					OrganisationID *int64 `json:"organisation_id"`
				}
			}
			json.Unmarshal(body, &page)
			seen := false
			for _, e := range page.Entries {
				if e.OrganisationID == nil {
					t.Fatalf("%s sees a row of no organisation: %s", callers[i].name, body)
				}
				seen = seen || *e.OrganisationID == orgAID
			}
			if seen != want || len(page.Entries) == 0 {
				t.Fatalf("%s sees organisation A's rows: %v, want %v (%d rows)", callers[i].name, seen, want, len(page.Entries))
			}
		}
	})
	t.Run("WorkerSeesOnlyTheirOwnHours", func(t *testing.T) {
		mine := fmt.Sprintf(`"job_id":%d`, today)
		if _, body := callers[2].c.do("GET", "/api/v1/me/hours", nil); !strings.Contains(string(body), mine) {
			t.Fatalf("the target does not see their own job: %s", body)
		}
		if _, body := callers[1].c.do("GET", "/api/v1/me/hours", nil); strings.Contains(string(body), mine) {
			t.Fatalf("another worker sees the target's hours: %s", body)
		}
	})
	t.Run("WorkerSeesOnlyThemselves", func(t *testing.T) {
		_, body := callers[1].c.do("GET", "/api/v1/me/profile", nil)
		if strings.Contains(string(body), target.Phone) || strings.Contains(string(body), `"`+target.FirstName+`"`) && target.FirstName != a.person(klusbuddy.RoleWorker, orgA, 0).FirstName {
			t.Fatalf("another worker's data in a worker's profile: %s", body)
		}
	})
}
