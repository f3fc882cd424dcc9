package httpapi_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	yaml "github.com/pb33f/go-yaml"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// staffWrites lists every POST, PUT, PATCH and DELETE under /api/v1/org/ and /api/v1/admin/ in
// docs/openapi.yaml, as "METHOD /path".
func staffWrites(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var out []string
	for p, item := range doc["paths"].(map[string]any) {
		if !strings.HasPrefix(p, "/api/v1/org/") && !strings.HasPrefix(p, "/api/v1/admin/") {
			continue
		}
		for m := range item.(map[string]any) {
			switch m {
			case "post", "put", "patch", "delete":
				out = append(out, strings.ToUpper(m)+" "+p)
			}
		}
	}
	sort.Strings(out)
	return out
}

// lazyBody is a request body made when it is sent (after what the call arranges).
type lazyBody func() any

func (l lazyBody) MarshalJSON() ([]byte, error) { return json.Marshal(l()) }

type auditDoc struct {
	Entries []struct {
		ID             int64
		At             time.Time
		ActorID        int64  `json:"actor_id"`
		ActorRole      string `json:"actor_role"`
		ActorName      string `json:"actor_name"`
		OrganisationID *int64 `json:"organisation_id"`
		Action         string
		SubjectType    string `json:"subject_type"`
		SubjectID      *int64 `json:"subject_id"`
		SubjectName    string `json:"subject_name"`
		Details        map[string]any
	}
	NextBefore *int64 `json:"next_before"`
}

// A staff write endpoint that leaves no audit row fails this test: every coordinator and admin
// write in the API description is called once, successfully, as the right role, and must add
// at least one row to audit_log naming its actor. A new staff write route without an entry in
// the table below fails too.
func TestEveryStaffWriteIsAudited(t *testing.T) {
	a := newApp(t)
	start := nextTuesday10()

	// Job 1: checked out, both sheets proposed: the coaches confirm, approve and decide.
	d := a.checkedOut(t, start, start.Add(2*time.Hour))
	coachOf := func(user int64) (*client, int64) {
		var org string
		a.sql.Get(&org, `SELECT o.slug FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`, user)
		p := a.person(klusbuddy.RoleCoordinator, org, 0)
		return a.signedIn(p), a.idOf(p)
	}
	wc, wcID := coachOf(d.workerID)
	bc, bcID := coachOf(d.buddyID)
	var workerSheet, buddySheet int64
	a.sql.Get(&workerSheet, `SELECT id FROM timesheets WHERE job_id = $1 AND role = 'worker'`, d.job.ID)
	a.sql.Get(&buddySheet, `SELECT id FROM timesheets WHERE job_id = $1 AND role = 'buddy'`, d.job.ID)

	// Job 2, a day later: the worker checks in; the coach records an outcome, then a safety
	// report comes in that the coach acknowledges.
	d2 := a.bookWithBuddy(t, start.Add(24*time.Hour))
	wc2, wc2ID := coachOf(d2.workerID)

	// Job 3: unfilled, a week ahead, to offer again.
	job3 := postJob(t, d.poster, start.Add(7*24*time.Hour), 1, klusbuddy.BuddyNotAllowed)
	a.sql.MustExec(`SELECT move_job($1, 'unfilled', NULL, $2)`, job3.ID, a.clock.Now())
	var job3Coach int64
	a.sql.Get(&job3Coach, `SELECT coalesce(organisation_id, 0) FROM jobs WHERE id = $1`, job3.ID)

	// A block to lift.
	var posterID int64
	a.sql.Get(&posterID, `SELECT poster_id FROM jobs WHERE id = $1`, d.job.ID)
	a.sql.MustExec(`INSERT INTO blocks (poster_id, person_id, by_role) VALUES ($1, $2, 'poster')`, posterID, d.workerID)

	admin := a.signedIn(a.person(klusbuddy.RoleAdmin, "", 0))
	adminID := a.idOf(a.person(klusbuddy.RoleAdmin, "", 0))

	type call struct {
		c      *client
		actor  int64
		path   string
		body   any
		before func() // arranges what the call needs, just before it
	}
	sheet := func(id int64) string { return "/api/v1/org/hours/" + itoa(id) }
	calls := map[string]call{
		"POST /api/v1/org/people": {c: wc, actor: wcID, path: "/api/v1/org/people", body: map[string]any{"role": "worker", "first_name": "Nieuw",
			"last_name": "Persoon", "phone": "+32491234567", "language": "nl",
			"worker": map[string]any{"postcode": "3600", "municipality": "Genk", "travel_mode": "bike", "max_travel_minutes": 20}}},
		"PATCH /api/v1/org/people/{id}": {c: wc, actor: wcID, path: "/api/v1/org/people/" + itoa(d.workerID), body: map[string]any{"language": "fr",
			"worker": map[string]any{"skills": []map[string]any{{"category": "cleaning", "level": 2, "verified": true}}}},
			before: func() {
				a.sql.MustExec(`UPDATE worker_skills SET verified_at = NULL, verified_by = NULL WHERE worker_id = $1`, d.workerID)
			}},
		"POST /api/v1/org/people/{id}/invite":            {c: wc, actor: wcID, path: "/api/v1/org/people/" + itoa(d.workerID) + "/invite", body: map[string]any{}},
		"DELETE /api/v1/org/people/{id}/blocks/{poster}": {c: wc, actor: wcID, path: "/api/v1/org/people/" + itoa(d.workerID) + "/blocks/" + itoa(posterID)},
		"POST /api/v1/org/hours/{id}/confirm":            {c: bc, actor: bcID, path: sheet(buddySheet) + "/confirm", body: map[string]any{"minutes": 120, "reason": "Gebeld"}},
		"POST /api/v1/org/hours/{id}/approve": {c: bc, actor: bcID, path: sheet(buddySheet) + "/approve", before: func() {
			// the confirm above runs first (sorted: approve < confirm), so confirm here as the buddy
			if res, body := d.bud.do("POST", "/api/v1/me/accompaniments/"+itoa(d.accompaniment)+"/hours/confirm", map[string]any{"minutes": 120}); res.StatusCode != 200 {
				t.Fatalf("the buddy confirming: %d %s", res.StatusCode, body)
			}
		}},
		"POST /api/v1/org/hours/{id}/decide": {c: wc, actor: wcID, path: sheet(workerSheet) + "/decide", body: map[string]any{"minutes": 105, "note": "Gebeld"},
			before: func() {
				if res, body := d.worker.do("POST", "/api/v1/me/assignments/"+itoa(d.job.ID)+"/hours/confirm", map[string]any{"minutes": 120}); res.StatusCode != 200 {
					t.Fatalf("the worker confirming: %d %s", res.StatusCode, body)
				}
				if res, body := d.poster.do("POST", "/api/v1/jobs/"+itoa(d.job.ID)+"/hours/"+itoa(workerSheet)+"/dispute", map[string]any{"reason": "Te lang"}); res.StatusCode != 200 {
					t.Fatalf("the poster disputing: %d %s", res.StatusCode, body)
				}
			}},
		"POST /api/v1/org/jobs/{id}/outcome": {c: wc2, actor: wc2ID, path: "/api/v1/org/jobs/" + itoa(d2.job.ID) + "/outcome",
			body: map[string]any{"place": 1, "outcome": "buddy_no_show"}, before: func() {
				a.clock.Set(start.Add(24*time.Hour + 5*time.Minute))
				d2.worker.do("POST", "/api/v1/me/assignments/"+itoa(d2.job.ID)+"/check-in", arrival(a.clock.Now()))
			}},
		"POST /api/v1/org/safety/{id}/ack":   {c: wc2, actor: wc2ID, body: map[string]any{"follow_up": "Gebeld"}},
		"POST /api/v1/org/jobs/{id}/reoffer": {actor: job3Coach, path: "/api/v1/org/jobs/" + itoa(job3.ID) + "/reoffer"},
		"PATCH /api/v1/org/settings":         {c: wc, actor: wcID, path: "/api/v1/org/settings", body: map[string]any{"worker_rate_cents": 1450}},
		"PUT /api/v1/org/impact/values": {c: wc, actor: wcID, path: "/api/v1/org/impact/values", body: map[string]any{"values": []any{
			map[string]any{"label": "Vermeden leefloon", "basis": "hour", "cents": 1250, "source": "Raming OCMW Genk 2025"}}}},
		"POST /api/v1/org/follow-up/{person}/actions": {c: wc, actor: wcID, path: "/api/v1/org/follow-up/" + itoa(d.workerID) + "/actions",
			body: map[string]any{"kind": "call", "note": "Te lang niet gezien"}},
		"POST /api/v1/admin/organisations": {c: admin, actor: adminID, path: "/api/v1/admin/organisations",
			body: map[string]any{"slug": "nieuwe-werkplaats", "name": "Nieuwe Werkplaats", "municipality": "Hasselt"}},
		"POST /api/v1/admin/invites": {c: admin, actor: adminID, path: "/api/v1/admin/invites",
			body: map[string]any{"role": "admin", "first_name": "Ann", "last_name": "Beheer", "email": "ann.beheer@example.be"}},
		"POST /api/v1/admin/categories": {c: admin, actor: adminID, path: "/api/v1/admin/categories", body: map[string]any{"slug": "dogs", "icon": "leaf",
			"unit": "hour", "unit_price_cents": 2300, "names": map[string]any{"nl": "Hond uitlaten", "fr": "Promener le chien", "en": "Dog walking"}}},
		"PATCH /api/v1/admin/categories/{slug}": {c: admin, actor: adminID, path: "/api/v1/admin/categories/cleaning", body: map[string]any{"unit_price_cents": 3100}},
	}
	// The reoffer's coach: the job's organisation's (the poster's nearest).
	var org3 string
	a.sql.Get(&org3, `SELECT slug FROM organisations WHERE id = $1`, job3Coach)
	if org3 == "" {
		t.Fatal("job 3 has no organisation")
	}
	p3 := a.person(klusbuddy.RoleCoordinator, org3, 0)
	c := calls["POST /api/v1/org/jobs/{id}/reoffer"]
	c.c, c.actor = a.signedIn(p3), a.idOf(p3)
	calls["POST /api/v1/org/jobs/{id}/reoffer"] = c

	// Stepping in, by the coach of the jobs' organisation (p3): jobs to assign, offer and cancel
	// (two and three weeks ahead), two open offers to answer for their workers, a household
	// kept by the organisation.
	coach4, coach4ID := a.signedIn(p3), a.idOf(p3)
	a.sql.MustExec(`INSERT INTO worker_skills (worker_id, category_id, level)
SELECT id, (SELECT id FROM categories WHERE slug = 'cleaning'), 1 FROM users WHERE organisation_id = $1 AND role = 'worker'
ON CONFLICT DO NOTHING`, job3Coach)
	job4 := postJob(t, d.poster, start.Add(14*24*time.Hour), 1, klusbuddy.BuddyNotAllowed)
	job5 := postJob(t, d.poster, start.Add(21*24*time.Hour), 1, klusbuddy.BuddyNotAllowed)
	job6 := postJob(t, d.poster, start.Add(28*24*time.Hour), 1, klusbuddy.BuddyNotAllowed)
	job7 := postJob(t, d.poster, start.Add(35*24*time.Hour), 2, klusbuddy.BuddyNotAllowed)
	// The first of a job's candidates who may be chosen, looked up when the call is made.
	eligible := func(job int64) lazyBody {
		return func() any {
			res, body := coach4.do("GET", "/api/v1/org/jobs/"+itoa(job)+"/candidates", nil)
			var cs struct {
				Candidates []struct {
					WorkerID int64 `json:"worker_id"`
					Eligible bool
					Offer    *struct{ State string }
				}
			}
			json.Unmarshal(body, &cs)
			for _, c := range cs.Candidates {
				if c.Eligible && (c.Offer == nil || c.Offer.State != "pending") {
					return map[string]any{"worker": c.WorkerID, "reason": "Kent de klant"}
				}
			}
			t.Fatalf("nobody of the organisation may take job %d: %d %s", job, res.StatusCode, body)
			return nil
		}
	}
	var offers7 []struct {
		ID     int64 `db:"id"`
		Worker int64 `db:"worker_id"`
	}
	// Two open offers to workers of the organisation, whatever the waves did.
	a.sql.MustExec(`UPDATE offers SET state = 'withdrawn', answered_at = now() WHERE job_id = $1 AND state = 'pending'`, job7.ID)
	if a.count(`SELECT count(*) FROM jobs WHERE id = $1 AND state = 'offering'`, job7.ID) == 0 {
		a.sql.MustExec(`SELECT move_job($1, 'offering', NULL, $2)`, job7.ID, a.clock.Now())
	}
	a.sql.Select(&offers7, `INSERT INTO offers (job_id, worker_id, wave, score, breakdown, travel_minutes, expires_at, round, created_at)
SELECT $1, u.id, 9, 0.5, '{}', 10, (SELECT lower(during) FROM jobs WHERE id = $1), (SELECT round FROM jobs WHERE id = $1), $2
FROM users u WHERE u.organisation_id = $3 AND u.role = 'worker' AND u.activated_at IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.job_id = $1 AND o.worker_id = u.id)
ORDER BY u.id LIMIT 2 RETURNING id, worker_id`, job7.ID, a.clock.Now(), job3Coach)
	if len(offers7) < 2 {
		t.Fatalf("job 7 has %d open offers", len(offers7))
	}
	accC, accID := coachOf(offers7[0].Worker)
	decC, decID := coachOf(offers7[1].Worker)
	var postcode, municipality string
	a.sql.QueryRow(`SELECT p.postcode, p.municipality FROM postcodes p JOIN organisations o ON lower(o.municipality) = lower(p.municipality)
		WHERE o.id = $1 LIMIT 1`, job3Coach).Scan(&postcode, &municipality)
	var kept, keptAddress int64
	a.sql.Get(&kept, `INSERT INTO users (role, first_name, phone, kept_by) VALUES ('poster', 'Maria', '+32470000002', $1) RETURNING id`, job3Coach)
	a.sql.MustExec(`INSERT INTO poster_profiles (user_id, kind) VALUES ($1, 'household')`, kept)
	a.sql.Get(&keptAddress, `INSERT INTO poster_addresses (poster_id, street, postcode, municipality, lat, lon)
		SELECT $1, 'Kerkstraat 2', postcode, municipality, lat, lon FROM postcodes WHERE postcode = $2 AND municipality = $3 RETURNING id`, kept, postcode, municipality)
	calls["POST /api/v1/org/jobs/{id}/assign"] = call{c: coach4, actor: coach4ID, path: "/api/v1/org/jobs/" + itoa(job4.ID) + "/assign", body: eligible(job4.ID)}
	calls["POST /api/v1/org/jobs/{id}/offers"] = call{c: coach4, actor: coach4ID, path: "/api/v1/org/jobs/" + itoa(job5.ID) + "/offers", body: eligible(job5.ID)}
	calls["POST /api/v1/org/jobs/{id}/cancel"] = call{c: coach4, actor: coach4ID, path: "/api/v1/org/jobs/" + itoa(job6.ID) + "/cancel",
		body: map[string]any{"reason": "De klant belde af"}}
	calls["POST /api/v1/org/offers/{id}/accept"] = call{c: accC, actor: accID, path: "/api/v1/org/offers/" + itoa(offers7[0].ID) + "/accept"}
	calls["POST /api/v1/org/offers/{id}/decline"] = call{c: decC, actor: decID, path: "/api/v1/org/offers/" + itoa(offers7[1].ID) + "/decline",
		body: map[string]any{"reason": "not_available"}}
	calls["POST /api/v1/org/posters"] = call{c: coach4, actor: coach4ID, path: "/api/v1/org/posters", body: map[string]any{"first_name": "Jos",
		"phone": "0470 12 34 56", "address": map[string]any{"street": "Molenstraat 4", "postcode": postcode, "municipality": municipality}}}
	calls["POST /api/v1/org/posters/{id}/jobs"] = call{c: coach4, actor: coach4ID, path: "/api/v1/org/posters/" + itoa(kept) + "/jobs",
		body: map[string]any{"category": "cleaning", "address_id": keptAddress, "minutes": 120, "workers_needed": 1,
			"start": start.Add(42 * 24 * time.Hour).Format(time.RFC3339)}}

	routes := staffWrites(t)
	if len(routes) < 15 {
		t.Fatalf("only %d staff write routes in docs/openapi.yaml: %v", len(routes), routes)
	}
	for _, route := range routes {
		if _, ok := calls[route]; !ok {
			t.Errorf("%s: a staff write route with no call in TestEveryStaffWriteIsAudited; add one (and audit it)", route)
		}
	}
	// The outcome runs before the safety report is made; the rest in the description's order.
	order := append([]string{"POST /api/v1/org/jobs/{id}/outcome"}, routes...)
	done := map[string]bool{}
	for _, route := range order {
		cl, ok := calls[route]
		if !ok || done[route] {
			continue
		}
		done[route] = true
		if cl.before != nil {
			cl.before()
		}
		if route == "POST /api/v1/org/safety/{id}/ack" {
			res, body := d2.worker.do("POST", "/api/v1/me/assignments/"+itoa(d2.job.ID)+"/safety", arrival(a.clock.Now()))
			var ans struct {
				ReportID int64 `json:"report_id"`
			}
			if json.Unmarshal(body, &ans); res.StatusCode != 201 {
				t.Fatalf("reporting unsafe: %d %s", res.StatusCode, body)
			}
			cl.path = fmt.Sprintf("/api/v1/org/safety/%d/ack", ans.ReportID)
		}
		method, _, _ := strings.Cut(route, " ")
		before := a.count(`SELECT count(*) FROM audit_log WHERE actor_id = $1`, cl.actor)
		res, body := cl.c.do(method, cl.path, cl.body)
		if res.StatusCode < 200 || res.StatusCode > 299 {
			t.Errorf("%s: %d %s; the test needs a call that succeeds", route, res.StatusCode, body)
			continue
		}
		if after := a.count(`SELECT count(*) FROM audit_log WHERE actor_id = $1`, cl.actor); after <= before {
			t.Errorf("%s succeeded (%d) without an audit row naming its actor", route, res.StatusCode)
		}
	}

	// What the rows say: the profile edit with its change, no personal values, no secrets.
	var details string
	a.sql.Get(&details, `SELECT details::text FROM audit_log WHERE action = 'person.update' AND subject_id = $1`, d.workerID)
	if !strings.Contains(details, `"field": "language"`) || !strings.Contains(details, `"after": "fr"`) {
		t.Errorf("the profile edit's details: %s", details)
	}
	if n := a.count(`SELECT count(*) FROM audit_log WHERE action = 'person.update' AND details->'verified' = '["cleaning"]'`); n != 1 {
		t.Errorf("%d profile edits naming the verified skill", n)
	}
	var all string
	a.sql.Get(&all, `SELECT coalesce(string_agg(details::text, ' '), '') FROM audit_log`)
	if n := a.count(`SELECT count(*) FROM audit_log WHERE action = 'impact.values' AND details->'values' = '["hour:1250"]' AND organisation_id IS NOT NULL`); n != 1 {
		t.Errorf("%d impact.values rows with the values' bases and amounts", n)
	}
	for _, secret := range []string{"hash", "token", "Persoon", "+32491234567", "ann.beheer@example.be", "Te lang"} {
		if strings.Contains(all, secret) {
			t.Errorf("the audit log holds %q: %s", secret, all)
		}
	}
	if n := a.count(`SELECT count(*) FROM audit_log WHERE action = 'person.create' AND subject_id IS NOT NULL AND organisation_id IS NOT NULL`); n != 1 {
		t.Errorf("%d person.create rows naming the new person and the organisation", n)
	}
	if n := a.count(`SELECT count(*) FROM audit_log WHERE action = 'hours.decide' AND (details->>'minutes')::int = 105 AND subject_id = $1`, workerSheet); n != 1 {
		t.Errorf("%d hours.decide rows with the minutes", n)
	}
	if n := a.count(`SELECT count(*) FROM audit_log WHERE action = 'category.update' AND details->'changes' @> '[{"field": "unit_price_cents", "after": 3100}]'`); n != 1 {
		t.Errorf("%d category.update rows with the new price", n)
	}
	if n := a.count(`SELECT count(*) FROM audit_log WHERE at <> $1`, a.clock.Now()); n > 0 && a.count(`SELECT count(*) FROM audit_log WHERE at > $1`, a.clock.Now()) > 0 {
		t.Error("audit rows from the future: not the services' clock")
	}
}

// A failed staff write leaves no audit row; a refused one neither.
func TestFailedStaffWriteIsNotAudited(t *testing.T) {
	a := newApp(t)
	coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, "kompas-genk", 0))
	for _, r := range []struct{ method, path string }{
		{"POST", "/api/v1/org/hours/999999/approve"},
		{"DELETE", "/api/v1/org/people/999999/blocks/1"},
		{"PATCH", "/api/v1/org/settings"},
	} {
		var body any
		if r.method == "PATCH" {
			body = map[string]any{"worker_rate_cents": -1}
		}
		if res, b := coach.do(r.method, r.path, body); res.StatusCode < 400 {
			t.Fatalf("%s %s: %d %s", r.method, r.path, res.StatusCode, b)
		}
	}
	if n := a.count(`SELECT count(*) FROM audit_log`); n != 0 {
		t.Fatalf("%d audit rows after failed writes", n)
	}
}

// The audit log read back: a coordinator sees their organisation's rows only, an admin all,
// with filters, paging and CSV; bad filters are 422 naming the field.
func TestAuditLogReading(t *testing.T) {
	a := newApp(t)
	const orgA, orgB = "kompas-genk", "de-schakel-hasselt"
	coachA := a.signedIn(a.person(klusbuddy.RoleCoordinator, orgA, 0))
	coachB := a.signedIn(a.person(klusbuddy.RoleCoordinator, orgB, 0))
	admin := a.signedIn(a.person(klusbuddy.RoleAdmin, "", 0))
	workerA := a.idOf(a.person(klusbuddy.RoleWorker, orgA, 0))
	workerB := a.idOf(a.person(klusbuddy.RoleWorker, orgB, 0))
	for i := range 3 {
		if res, body := coachA.do("PATCH", "/api/v1/org/people/"+itoa(workerA), map[string]any{"worker": map[string]any{"max_travel_minutes": 30 + i}}); res.StatusCode != 200 {
			t.Fatalf("edit: %d %s", res.StatusCode, body)
		}
	}
	if res, body := coachB.do("PATCH", "/api/v1/org/people/"+itoa(workerB), map[string]any{"language": "fr"}); res.StatusCode != 200 {
		t.Fatalf("edit B: %d %s", res.StatusCode, body)
	}
	read := func(c *client, path string) auditDoc {
		t.Helper()
		res, body := c.do("GET", path, nil)
		var d auditDoc
		if err := json.Unmarshal(body, &d); err != nil || res.StatusCode != 200 {
			t.Fatalf("%s: %d %s", path, res.StatusCode, body)
		}
		return d
	}
	var orgAID int64
	a.sql.Get(&orgAID, `SELECT id FROM organisations WHERE slug = $1`, orgA)
	got := read(coachA, "/api/v1/org/audit")
	if len(got.Entries) != 3 {
		t.Fatalf("coach A sees %d entries, want 3", len(got.Entries))
	}
	for _, e := range got.Entries {
		if e.OrganisationID == nil || *e.OrganisationID != orgAID || e.SubjectID == nil || *e.SubjectID != workerA || e.Action != "person.update" ||
			e.ActorName == "" || e.SubjectName == "" {
			t.Fatalf("coach A sees %+v", e)
		}
	}
	if e := got.Entries[0]; !strings.Contains(fmt.Sprint(e.Details["changes"]), "worker.max_travel_minutes") {
		t.Errorf("the newest edit's changes: %v", e.Details)
	}
	if got := read(coachB, "/api/v1/org/audit"); len(got.Entries) != 1 || got.Entries[0].SubjectID == nil || *got.Entries[0].SubjectID != workerB {
		t.Fatalf("coach B sees %+v, want their own edit only", got.Entries)
	}
	if got := read(coachB, "/api/v1/org/audit?subject=person:"+itoa(workerA)); len(got.Entries) != 0 {
		t.Fatalf("coach B finds another organisation's rows by subject: %+v", got.Entries)
	}
	if got := read(admin, "/api/v1/admin/audit"); len(got.Entries) != 4 {
		t.Fatalf("the admin sees %d entries, want 4", len(got.Entries))
	}
	if got := read(admin, fmt.Sprintf("/api/v1/admin/audit?organisation=%d", orgAID)); len(got.Entries) != 3 {
		t.Fatalf("the admin's organisation filter: %d entries", len(got.Entries))
	}
	// Paging: two, then the one before.
	page := read(coachA, "/api/v1/org/audit?limit=2")
	if len(page.Entries) != 2 || page.NextBefore == nil {
		t.Fatalf("page 1: %+v", page)
	}
	rest := read(coachA, fmt.Sprintf("/api/v1/org/audit?limit=2&before=%d", *page.NextBefore))
	if len(rest.Entries) != 1 || rest.Entries[0].ID >= page.Entries[1].ID || rest.NextBefore != nil {
		t.Fatalf("page 2: %+v", rest)
	}
	// Filters.
	today := a.clock.Now().In(brussels).Format("2006-01-02")
	tomorrow := a.clock.Now().In(brussels).AddDate(0, 0, 1).Format("2006-01-02")
	if got := read(coachA, "/api/v1/org/audit?from="+today+"&to="+today+"&action=person.update&subject=person"); len(got.Entries) != 3 {
		t.Fatalf("today's edits: %d", len(got.Entries))
	}
	if got := read(coachA, "/api/v1/org/audit?from="+tomorrow); len(got.Entries) != 0 {
		t.Fatalf("tomorrow's: %d", len(got.Entries))
	}
	if got := read(coachA, "/api/v1/org/audit?action=job.reoffer"); len(got.Entries) != 0 {
		t.Fatalf("reoffers: %d", len(got.Entries))
	}
	if got := read(coachA, fmt.Sprintf("/api/v1/org/audit?actor=%d", a.idOf(a.person(klusbuddy.RoleCoordinator, orgB, 0)))); len(got.Entries) != 0 {
		t.Fatalf("coach B's rows through coach A: %d", len(got.Entries))
	}
	// CSV: every row, a header in the caller's language; the export itself is audited.
	res, body := coachA.do("GET", "/api/v1/org/audit?format=csv", nil, "Accept-Language", "nl")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") || strings.Count(string(body), "person.update") != 3 ||
		!strings.Contains(string(body), "tijdstip") {
		t.Fatalf("CSV: %d %s", res.StatusCode, body)
	}
	if n := a.count(`SELECT count(*) FROM audit_log WHERE action = 'audit.export' AND organisation_id = $1`, orgAID); n != 1 {
		t.Fatalf("%d audit.export rows", n)
	}
	if got := read(coachB, "/api/v1/org/audit"); len(got.Entries) != 1 {
		t.Fatalf("coach B sees coach A's export: %d", len(got.Entries))
	}
	// The export's row keeps the checked filter, never text the caller added to the address:
	// nothing in the log can be erased.
	if res, body = coachA.do("GET", "/api/v1/org/audit?format=csv&action=person.update&note=Jan+Peeters+0470123456", nil); res.StatusCode != 200 {
		t.Fatalf("CSV with a filter: %d %s", res.StatusCode, body)
	}
	var details string
	a.sql.Get(&details, `SELECT details::text FROM audit_log WHERE action = 'audit.export' ORDER BY id DESC LIMIT 1`)
	if strings.Contains(details, "Peeters") || !strings.Contains(details, "person.update") {
		t.Fatalf("the export's audit row: %s", details)
	}
}

// Erasing a person the log names works, and leaves the log as it was: its rows hold ids only,
// and the person's name is no longer shown.
func TestErasureLeavesTheAuditLog(t *testing.T) {
	a := newApp(t)
	coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, "kompas-genk", 0))
	p := a.person(klusbuddy.RoleWorker, "kompas-genk", 0)
	id := a.idOf(p)
	self := a.signedIn(p) // before the phone changes
	if res, body := coach.do("PATCH", "/api/v1/org/people/"+itoa(id), map[string]any{"phone": "+32470999888", "language": "en"}); res.StatusCode != 200 {
		t.Fatalf("edit: %d %s", res.StatusCode, body)
	}
	var before string
	a.sql.Get(&before, `SELECT row_to_json(l)::text FROM audit_log l WHERE subject_id = $1`, id)
	if strings.Contains(before, "+32470999888") || strings.Contains(before, p.Phone) || strings.Contains(before, p.FirstName) {
		t.Fatalf("the row holds personal data: %s", before)
	}
	if res, body := self.do("DELETE", "/api/v1/me", map[string]bool{"confirm": true}); res.StatusCode != 204 {
		t.Fatalf("erasing: %d %s", res.StatusCode, body)
	}
	var after string
	a.sql.Get(&after, `SELECT row_to_json(l)::text FROM audit_log l WHERE subject_id = $1`, id)
	if after != before {
		t.Fatalf("the row changed with the erasure:\n%s\n%s", before, after)
	}
	res, body := coach.do("GET", "/api/v1/org/audit?subject=person:"+itoa(id), nil)
	var page auditDoc
	if json.Unmarshal(body, &page); res.StatusCode != 200 || len(page.Entries) != 1 || page.Entries[0].SubjectName != "" {
		t.Fatalf("the log after the erasure: %d %s", res.StatusCode, body)
	}
}
