package httpapi_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// What a worker worked (issue 12): their hours this month and year against their caps, per job
// and in their history, counted by the rule the caps use (approved where final, booked
// otherwise); their pay only where their organisation sets a rate; never the poster's price. A
// buddy's approved volunteer hours; the organisation's figures.

type workedDoc struct {
	Month         string
	MonthHours    float64 `json:"month_hours"`
	YearHours     float64 `json:"year_hours"`
	MonthCap      float64 `json:"month_cap"`
	YearCap       float64 `json:"year_cap"`
	RateCents     *int    `json:"rate_cents"`
	MonthPayCents *int    `json:"month_pay_cents"`
	Jobs, History []workedJobDoc
}

type workedJobDoc struct {
	JobID        int64    `json:"job_id"`
	BookedHours  float64  `json:"booked_hours"`
	Hours        float64  `json:"hours"`
	Final        bool     `json:"final"`
	SheetState   *string  `json:"sheet_state"`
	PendingHours *float64 `json:"pending_hours"`
	PayCents     *int     `json:"pay_cents"`
}

func workedOf(t *testing.T, c *client, month string) (workedDoc, string) {
	t.Helper()
	res, body := c.do("GET", "/api/v1/me/hours?month="+month, nil)
	var out workedDoc
	if err := json.Unmarshal(body, &out); err != nil || res.StatusCode != 200 {
		t.Fatalf("my hours: %d %s", res.StatusCode, body)
	}
	return out, string(body)
}

// noPosterPrice fails when a worker's answer holds the poster's price.
func noPosterPrice(t *testing.T, what, body string) {
	t.Helper()
	if strings.Contains(body, "unit_price_cents") || strings.Contains(body, `"price"`) || strings.Contains(body, "2500") {
		t.Errorf("%s holds the poster's price: %.400s", what, body)
	}
}

func TestWorkedHours(t *testing.T) {
	a := newApp(t)
	start := nextTuesday10()
	month := start.In(brussels).Format("2006-01")
	d := a.checkedOut(t, start, start.Add(2*time.Hour)) // 120 minutes proposed for both
	a.sql.MustExec(`UPDATE jobs SET unit_price_cents = 2500 WHERE id = $1`, d.job.ID)

	// Proposed, not approved: the booked 2 hours count, 2 pending; no rate, no amounts.
	w, body := workedOf(t, d.worker, month)
	if len(w.Jobs) != 1 || w.Jobs[0].JobID != d.job.ID || w.Jobs[0].Hours != 2 || w.Jobs[0].Final || w.Jobs[0].SheetState == nil ||
		*w.Jobs[0].SheetState != "proposed" || w.Jobs[0].PendingHours == nil || *w.Jobs[0].PendingHours != 2 || w.Jobs[0].PayCents != nil ||
		w.RateCents != nil || w.MonthPayCents != nil || w.MonthHours != 2 || w.MonthCap != 60 || w.YearCap != 630 {
		t.Fatalf("before approval: %s", body)
	}
	if len(w.History) != 1 || w.History[0].JobID != d.job.ID {
		t.Fatalf("the history: %s", body)
	}
	noPosterPrice(t, "GET /me/hours", body)
	_, assignments := d.worker.do("GET", "/api/v1/me/assignments", nil)
	noPosterPrice(t, "GET /me/assignments", string(assignments))
	_, accompaniments := d.bud.do("GET", "/api/v1/me/accompaniments", nil)
	noPosterPrice(t, "GET /me/accompaniments", string(accompaniments))
	if other, _ := workedOf(t, a.signedIn(a.person(klusbuddy.RoleWorker, "kompas-genk", 0)), month); d.workerID != a.idOf(a.person(klusbuddy.RoleWorker, "kompas-genk", 0)) && len(other.Jobs) != 0 {
		t.Fatalf("another worker sees these hours: %+v", other)
	}
	// Another month is empty; the default month is the clock's.
	if w, _ = workedOf(t, d.worker, start.In(brussels).AddDate(0, 2, 0).Format("2006-01")); len(w.Jobs) != 0 || w.MonthHours != 0 {
		t.Fatalf("another month: %+v", w)
	}
	if w, _ = workedOf(t, d.worker, ""); w.Month != a.clock.Now().In(brussels).Format("2006-01") {
		t.Fatalf("the default month %q", w.Month)
	}

	// The worker's coordinator sets a rate of € 12,50 an hour; the worker corrects to 1½ hours,
	// the poster approves: 1.5 hours count and pay € 18,75.
	var org string
	a.sql.Get(&org, `SELECT o.slug FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`, d.workerID)
	coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, org, 0))
	if res, body := coach.do("GET", "/api/v1/org/settings", nil); res.StatusCode != 200 || !strings.Contains(string(body), `"worker_rate_cents":null`) {
		t.Fatalf("settings: %d %s", res.StatusCode, body)
	}
	if res, body := coach.do("PATCH", "/api/v1/org/settings", map[string]any{"worker_rate_cents": 1250}); res.StatusCode != 200 || !strings.Contains(string(body), `"worker_rate_cents":1250`) {
		t.Fatalf("setting the rate: %d %s", res.StatusCode, body)
	}
	if res, body := coach.do("PATCH", "/api/v1/org/settings", map[string]any{}); res.StatusCode != 200 || !strings.Contains(string(body), `"worker_rate_cents":1250`) {
		t.Fatalf("an empty patch: %d %s", res.StatusCode, body)
	}
	mine := "/api/v1/me/assignments/" + itoa(d.job.ID) + "/hours"
	res, sheetBody := d.worker.do("POST", mine+"/confirm", map[string]any{"minutes": 90, "reason": "Een half uur pauze"})
	s := sheetOf(t, res.StatusCode, sheetBody)
	if w, body = workedOf(t, d.worker, month); w.Jobs[0].Hours != 2 || *w.Jobs[0].PendingHours != 1.5 || *w.Jobs[0].PayCents != 2500 {
		t.Fatalf("confirmed, not approved: %s", body)
	}
	if res, body := d.poster.do("POST", "/api/v1/jobs/"+itoa(d.job.ID)+"/hours/"+itoa(s.ID)+"/approve", nil); res.StatusCode != 200 {
		t.Fatalf("approving: %d %s", res.StatusCode, body)
	}
	w, body = workedOf(t, d.worker, month)
	if j := w.Jobs[0]; j.Hours != 1.5 || !j.Final || j.BookedHours != 2 || j.PendingHours != nil || j.PayCents == nil || *j.PayCents != 1875 ||
		w.MonthHours != 1.5 || *w.MonthPayCents != 1875 || *w.RateCents != 1250 || w.History[0].Hours != 1.5 {
		t.Fatalf("approved: %s", body)
	}
	if start.In(brussels).Year() == a.clock.Now().In(brussels).Year() && w.YearHours != 1.5 {
		t.Fatalf("the year: %s", body)
	}
	noPosterPrice(t, "GET /me/hours with a rate", body)

	// The offer: the worker's pay estimate (rate × hours), never the poster's price.
	next := postJob(t, d.poster, start.AddDate(0, 0, 7), 1, klusbuddy.BuddyAllowed)
	a.sql.MustExec(`UPDATE organisations SET worker_rate_cents = 1300`)
	ow, _ := a.offeredWorker(t, next.ID)
	_, offers := ow.c.do("GET", "/api/v1/offers", nil)
	noPosterPrice(t, "GET /offers", string(offers))
	if !strings.Contains(string(offers), `"pay_estimate_cents":2600`) {
		t.Fatalf("the offer's pay estimate: %s", offers)
	}
	a.sql.MustExec(`UPDATE organisations SET worker_rate_cents = NULL`)
	if _, offers = ow.c.do("GET", "/api/v1/offers", nil); !strings.Contains(string(offers), `"pay_estimate_cents":null`) {
		t.Fatalf("an offer without a rate: %s", offers)
	}

	// The buddy confirms; their coordinator approves: 2 volunteer hours, counted in the figures.
	res, body2 := d.bud.do("POST", "/api/v1/me/accompaniments/"+itoa(d.accompaniment)+"/hours/confirm", map[string]any{"minutes": 120})
	bs := sheetOf(t, res.StatusCode, body2)
	var budOrg string
	a.sql.Get(&budOrg, `SELECT o.slug FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`, d.buddyID)
	budCoach := a.signedIn(a.person(klusbuddy.RoleCoordinator, budOrg, 0))
	var before struct {
		VolunteerHours float64 `json:"volunteer_hours"`
		WorkedHours    float64 `json:"worked_hours"`
	}
	_, fig := budCoach.do("GET", "/api/v1/org/figures", nil)
	json.Unmarshal(fig, &before)
	if res, body := budCoach.do("POST", "/api/v1/org/hours/"+itoa(bs.ID)+"/approve", nil); res.StatusCode != 200 {
		t.Fatalf("approving the buddy's hours: %d %s", res.StatusCode, body)
	}
	res, vbody := d.bud.do("GET", "/api/v1/me/volunteer-hours", nil)
	var v struct {
		YearHours  float64 `json:"year_hours"`
		TotalHours float64 `json:"total_hours"`
		Jobs       []struct {
			JobID int64 `json:"job_id"`
			Hours float64
		}
	}
	if json.Unmarshal(vbody, &v); res.StatusCode != 200 || v.TotalHours != 2 || len(v.Jobs) != 1 || v.Jobs[0].JobID != d.job.ID || v.Jobs[0].Hours != 2 {
		t.Fatalf("volunteer hours: %d %s", res.StatusCode, vbody)
	}
	sameYear := start.In(brussels).Year() == a.clock.Now().In(brussels).Year()
	if sameYear && v.YearHours != 2 {
		t.Fatalf("volunteer hours this year: %s", vbody)
	}
	noPosterPrice(t, "GET /me/volunteer-hours", string(vbody))
	var after struct {
		VolunteerHours float64 `json:"volunteer_hours"`
		WorkedHours    float64 `json:"worked_hours"`
	}
	_, fig = budCoach.do("GET", "/api/v1/org/figures", nil)
	if json.Unmarshal(fig, &after); sameYear && after.VolunteerHours-before.VolunteerHours != 2 {
		t.Fatalf("the figures' volunteer hours: before %+v, after %s", before, fig)
	}
	_, fig = coach.do("GET", "/api/v1/org/figures", nil)
	if json.Unmarshal(fig, &after); sameYear && after.WorkedHours < 1.5 {
		t.Fatalf("the figures' worked hours: %s", fig)
	}
}
