package httpapi_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/httpapi"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// impactJobs writes n done jobs at an address in municipality, each worked by its own worker
// (the next n of workers) with an approved sheet of two hours, starting on day.
func (a *site) impactJobs(t *testing.T, municipality string, workers []int64, day time.Time) {
	t.Helper()
	var address int64
	if err := a.sql.Get(&address, `SELECT min(a.id) FROM poster_addresses a JOIN postcodes p USING (postcode, municipality)
		WHERE p.main_municipality = $1`, municipality); err != nil || address == 0 {
		t.Fatalf("no address in %s: %v", municipality, err)
	}
	for i, w := range workers {
		from := day.Add(time.Duration(i) * 24 * time.Hour)
		var job int64
		a.sql.Get(&job, `INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, state, unit, unit_price_cents, created_at)
			SELECT poster_id, id, (SELECT min(id) FROM categories), tstzrange($2, $3), 1, 'done', 'hour', 2450, $4
			FROM poster_addresses WHERE id = $1 RETURNING id`, address, from, from.Add(2*time.Hour), from.Add(-48*time.Hour))
		for k, m := range [][2]any{{nil, "open"}, {"open", "offering"}, {"offering", "filled"}, {"filled", "in_progress"}, {"in_progress", "done"}} {
			a.sql.MustExec(`INSERT INTO job_transitions (job_id, from_state, to_state, at) VALUES ($1, $2, $3, $4)`, job, m[0], m[1],
				from.Add(-48*time.Hour+time.Duration(k)*time.Hour))
		}
		a.sql.MustExec(`INSERT INTO assignments (job_id, workers_needed, place, worker_id, during) VALUES ($1, 1, 1, $2, tstzrange($3, $4))`,
			job, w, from, from.Add(2*time.Hour))
		a.sql.MustExec(`INSERT INTO timesheets (job_id, person_id, role, place, unit, proposed, state, confirmed, approved)
			VALUES ($1, $2, 'worker', 1, 'minutes', 120, 'approved', 120, 120)`, job, w)
	}
}

// The public figures hide every number about fewer than 5 people, and say so; the platform's
// (8 people) are shown; the page and the JSON hold no names.
func TestPublicImpactHidesSmallNumbers(t *testing.T) {
	a := newApp(t)
	a.clock.Set(time.Date(2027, 6, 15, 12, 0, 0, 0, time.UTC))
	var workers []int64
	a.sql.Select(&workers, `SELECT user_id FROM worker_profiles ORDER BY user_id LIMIT 8`)
	var names []string
	a.sql.Select(&names, `SELECT first_name || ' ' || last_name FROM users WHERE id = ANY ($1)`, pq.Array(workers))
	a.impactJobs(t, "Genk", workers[:6], time.Date(2027, 3, 2, 9, 0, 0, 0, time.UTC))
	a.impactJobs(t, "Hasselt", workers[6:], time.Date(2027, 4, 6, 9, 0, 0, 0, time.UTC))

	anon := a.client()
	res, body := anon.do("GET", "/api/v1/impact?date=2027-02-01", nil)
	if res.StatusCode != 200 {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	var pi struct {
		Platform       map[string]any   `json:"platform"`
		Municipalities []map[string]any `json:"municipalities"`
	}
	json.Unmarshal(body, &pi)
	if pi.Platform["people_worked"] != 8.0 || pi.Platform["hours_worked"] != 16.0 || pi.Platform["jobs_done"] != 8.0 {
		t.Fatalf("the platform's figures: %v", pi.Platform)
	}
	by := map[string]map[string]any{}
	for _, m := range pi.Municipalities {
		by[m["municipality"].(string)] = m
	}
	if g := by["Genk"]; g == nil || g["people_worked"] != 6.0 || g["hours_worked"] != 12.0 {
		t.Fatalf("Genk (6 people) shows: %v", g)
	}
	h := by["Hasselt"]
	if h == nil || h["people_worked"] != nil || h["hours_worked"] != nil || h["jobs_done"] != 2.0 {
		t.Fatalf("Hasselt (2 people) shows: %v", h)
	}
	if hidden, _ := h["hidden"].([]any); len(hidden) < 2 {
		t.Fatalf("Hasselt names no hidden numbers: %v", h)
	}
	etag := res.Header.Get("ETag")
	if etag == "" || !strings.Contains(res.Header.Get("Cache-Control"), "public") {
		t.Fatalf("not cacheable: %v", res.Header)
	}
	if res, _ := anon.do("GET", "/api/v1/impact?date=2027-02-01", nil, "If-None-Match", etag); res.StatusCode != 304 {
		t.Fatalf("the same ETag again: %d, want 304", res.StatusCode)
	}

	for _, c := range []struct{ path, lang, hidden, why string }{
		{"/impact?municipality=hasselt&date=2027-01-01", "", "verborgen", "minder dan 5 mensen"},
		{"/impact?municipality=Hasselt&date=2027-01-01&lang=fr", "", "masqué", "moins de 5 personnes"},
		{"/impact?municipality=Hasselt&date=2027-01-01", "en-GB,en;q=0.8", "hidden", "fewer than 5 people"},
		{"/impact?municipality=Hasselt&date=2027-01-01", "tr-TR", "gizli", "5 kişiden az"},
		{"/impact?municipality=Hasselt&date=2027-01-01&lang=ar", "", "مخفي", "أقل من 5 أشخاص"},
	} {
		var hdr []string
		if c.lang != "" {
			hdr = []string{"Accept-Language", c.lang}
		}
		res, page := anon.do("GET", c.path, nil, hdr...)
		if res.StatusCode != 200 || !strings.Contains(string(page), c.hidden) || !strings.Contains(string(page), c.why) {
			t.Fatalf("%s: %d, the hidden numbers are not said to be hidden: %s", c.path, res.StatusCode, page)
		}
		for _, n := range names {
			if strings.Contains(string(page), n) {
				t.Fatalf("%s names %q", c.path, n)
			}
		}
		if res.Header.Get("X-Frame-Options") != "DENY" {
			t.Fatalf("%s may be framed: %v", c.path, res.Header)
		}
		// Arabic is written right to left; the other languages left to right.
		if rtl := strings.Contains(string(page), `<html lang="ar" dir="rtl">`); rtl != strings.Contains(c.path, "lang=ar") {
			t.Fatalf("%s: right to left %v", c.path, rtl)
		}
	}
	res, _ = anon.do("GET", "/impact/embed?municipality=Genk", nil)
	if res.StatusCode != 200 || res.Header.Get("X-Frame-Options") != "" || !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors *") {
		t.Fatalf("the embed cannot be framed: %d %v", res.StatusCode, res.Header)
	}
	if res, page := anon.do("GET", "/impact?municipality=Atlantis", nil); res.StatusCode != 422 || !strings.Contains(string(page), "gemeente") {
		t.Fatalf("an unknown municipality: %d %s", res.StatusCode, page)
	}
}

// The coordinator's figures, their values applied, and the CSV whose download is audited.
func TestImpactValuesAndCSV(t *testing.T) {
	a := newApp(t)
	a.clock.Set(time.Date(2027, 6, 15, 12, 0, 0, 0, time.UTC))
	var workers []int64
	a.sql.Select(&workers, `SELECT user_id FROM worker_profiles ORDER BY user_id LIMIT 3`)
	a.impactJobs(t, "Genk", workers, time.Date(2027, 3, 2, 9, 0, 0, 0, time.UTC))
	coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, "kompas-genk", 0))
	res, body := coach.do("PUT", "/api/v1/org/impact/values", map[string]any{"values": []any{
		map[string]any{"label": "Vermeden leefloon", "basis": "hour", "cents": 1000, "source": "Eigen raming"},
		map[string]any{"label": "=Per persoon", "basis": "person", "cents": 50000, "source": "Studie X"}}})
	if res.StatusCode != 200 {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	res, body = coach.do("GET", "/api/v1/org/impact?date=2027-03-10&period=quarter", nil)
	var rep struct {
		Total     map[string]any   `json:"total"`
		Series    []map[string]any `json:"series"`
		Estimates []map[string]any `json:"estimates"`
	}
	json.Unmarshal(body, &rep)
	if res.StatusCode != 200 || rep.Total["hours_worked"] != 6.0 || len(rep.Estimates) != 2 {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	if rep.Estimates[0]["total_cents"] != 6000.0 || rep.Estimates[1]["total_cents"] != 150000.0 || rep.Estimates[1]["source"] != "Studie X" {
		t.Fatalf("estimates: %v", rep.Estimates)
	}
	if len(rep.Series) != 14 { // 1 January to 31 March by week: 13 Mondays plus the first days
		t.Fatalf("%d steps in the quarter", len(rep.Series))
	}
	res, body = coach.do("GET", "/api/v1/org/impact?date=2027-03-10&period=quarter", nil, "Accept", "text/csv", "Accept-Language", "en")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") || !strings.Contains(string(body), "hours worked;") ||
		!strings.Contains(string(body), "\ntotal;;6;") {
		t.Fatalf("CSV: %d %s", res.StatusCode, body)
	}
	if n := a.count(`SELECT count(*) FROM audit_log WHERE action = 'impact.export' AND details->>'period' = 'quarter'`); n != 1 {
		t.Fatalf("%d impact.export rows", n)
	}
}

// Every interface language has every word of the public page.
func TestImpactPageIsTranslated(t *testing.T) {
	keys := httpapi.ImpactPageKeys(klusbuddy.Dutch)
	if len(keys) < 20 {
		t.Fatalf("only %d words", len(keys))
	}
	for _, l := range klusbuddy.Languages {
		got := httpapi.ImpactPageKeys(l)
		if strings.Join(got, ",") != strings.Join(keys, ",") {
			t.Errorf("%s has %v, Dutch %v", l, got, keys)
		}
	}
}
