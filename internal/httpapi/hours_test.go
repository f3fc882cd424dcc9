package httpapi_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Hours after the job (issue 12): proposed at check-out, confirmed or corrected by the worker,
// approved or disputed by the poster, decided by the coordinator, approved by Klusbuddy when
// nobody answers; with the clock moved, never slept.

type sheetDoc struct {
	ID            int64
	JobID         int64 `json:"job_id"`
	Role, Unit    string
	State         string
	Proposed      *int
	Confirmed     *int
	Approved      *int
	Reason        *string
	DueAt         *time.Time `json:"due_at"`
	DisputeReason *string    `json:"dispute_reason"`
	DecisionNote  *string    `json:"decision_note"`
	MaxMinutes    int        `json:"max_minutes"`
	Steps         []struct {
		Step, Role string
		At         time.Time
		Value      *int
	}
}

func sheetOf(t *testing.T, status int, body []byte) sheetDoc {
	t.Helper()
	var out struct{ Sheet sheetDoc }
	if err := json.Unmarshal(body, &out); err != nil || status != 200 {
		t.Fatalf("sheet: %d %s", status, body)
	}
	return out.Sheet
}

// checkedOut is a booked job with a buddy whose worker and buddy checked in five minutes before
// the start and out at out (the phone's time and the server's).
func (a *site) checkedOut(t *testing.T, start, out time.Time) dayOfAJob {
	t.Helper()
	d := a.bookWithBuddy(t, start)
	a.clock.Set(start.Add(-5 * time.Minute))
	for _, tap := range []struct {
		c    *client
		path string
	}{{d.worker, "/api/v1/me/assignments/" + itoa(d.job.ID)}, {d.bud, "/api/v1/me/accompaniments/" + itoa(d.accompaniment)}} {
		if res, body := tap.c.do("POST", tap.path+"/check-in", arrival(a.clock.Now())); res.StatusCode != 200 {
			t.Fatalf("check-in: %d %s", res.StatusCode, body)
		}
	}
	a.clock.Set(out)
	for _, tap := range []struct {
		c    *client
		path string
	}{{d.worker, "/api/v1/me/assignments/" + itoa(d.job.ID)}, {d.bud, "/api/v1/me/accompaniments/" + itoa(d.accompaniment)}} {
		if res, body := tap.c.do("POST", tap.path+"/check-out", arrival(out)); res.StatusCode != 200 {
			t.Fatalf("check-out: %d %s", res.StatusCode, body)
		}
	}
	return d
}

func intp(v int) *int { return &v }

func TestHours(t *testing.T) {
	a := newApp(t)
	start := nextTuesday10()
	d := a.bookWithBuddy(t, start)
	mine := "/api/v1/me/assignments/" + itoa(d.job.ID) + "/hours"
	if res, body := d.worker.do("GET", mine, nil); res.StatusCode != 404 {
		t.Fatalf("hours before the check-out: %d %s", res.StatusCode, body)
	}

	// The worker and the buddy check out 2 h 10 min after the start: 130 minutes, 135 proposed.

	a.clock.Set(start.Add(-5 * time.Minute))
	d.worker.do("POST", "/api/v1/me/assignments/"+itoa(d.job.ID)+"/check-in", arrival(a.clock.Now()))
	d.bud.do("POST", "/api/v1/me/accompaniments/"+itoa(d.accompaniment)+"/check-in", arrival(a.clock.Now()))
	out := start.Add(2*time.Hour + 10*time.Minute)
	a.clock.Set(out.Add(time.Minute))
	d.worker.do("POST", "/api/v1/me/assignments/"+itoa(d.job.ID)+"/check-out", arrival(out))
	d.bud.do("POST", "/api/v1/me/accompaniments/"+itoa(d.accompaniment)+"/check-out", arrival(out))

	res, body := d.worker.do("GET", mine, nil)
	s := sheetOf(t, res.StatusCode, body)
	if s.State != "proposed" || s.Unit != "minutes" || s.Proposed == nil || *s.Proposed != 135 || s.MaxMinutes != 180 ||
		s.DueAt == nil || !s.DueAt.Equal(out.Add(time.Minute+4*24*time.Hour)) || len(s.Steps) != 1 || s.Steps[0].Role != "system" {
		t.Fatalf("the proposal: %s", body)
	}
	if n := a.count(`SELECT count(*) FROM notifications WHERE kind = 'hours_to_confirm' AND user_id IN ($1, $2)`, d.workerID, d.buddyID); n != 2 {
		t.Errorf("%d hours_to_confirm events, want one for the worker and one for the buddy", n)
	}
	buddyHours := "/api/v1/me/accompaniments/" + itoa(d.accompaniment) + "/hours"
	res, body = d.bud.do("GET", buddyHours, nil)
	bs := sheetOf(t, res.StatusCode, body)
	if bs.Role != "buddy" || bs.Proposed == nil || *bs.Proposed != 135 {
		t.Fatalf("the buddy's proposal: %s", body)
	}

	// The poster cannot approve before the worker confirmed; another poster never.
	approve := "/api/v1/jobs/" + itoa(d.job.ID) + "/hours/" + itoa(s.ID) + "/approve"
	if res, body = d.poster.do("POST", approve, nil); res.StatusCode != 409 {
		t.Fatalf("approving unconfirmed hours: %d %s", res.StatusCode, body)
	}

	// Corrections: a reason is needed, the quarter and the window hold.
	for _, bad := range []map[string]any{{"minutes": 120}, {"minutes": 125, "reason": "x"}, {"minutes": 195, "reason": "x"}, {"minutes": -15, "reason": "x"}} {
		before := a.fingerprint()
		if res, body = d.worker.do("POST", mine+"/confirm", bad); res.StatusCode != 422 {
			t.Fatalf("confirming %v: %d %s", bad, res.StatusCode, body)
		}
		if a.fingerprint() != before {
			t.Fatalf("a refused confirmation changed something")
		}
	}
	res, body = d.worker.do("POST", mine+"/confirm", map[string]any{"minutes": 120, "reason": "Een kwartier pauze"})
	if s = sheetOf(t, res.StatusCode, body); s.State != "confirmed" || *s.Confirmed != 120 || s.Reason == nil || s.DueAt == nil ||
		!s.DueAt.Equal(a.clock.Now().Add(4*24*time.Hour)) {
		t.Fatalf("the correction: %s", body)
	}
	res, body = d.worker.do("POST", mine+"/confirm", map[string]any{"minutes": 120, "reason": "Een kwartier pauze"})
	if s2 := sheetOf(t, res.StatusCode, body); len(s2.Steps) != len(s.Steps) {
		t.Fatalf("confirming twice: %s", body)
	}
	if res, body = d.worker.do("POST", mine+"/confirm", map[string]any{"minutes": 90, "reason": "Toch korter"}); res.StatusCode != 409 {
		t.Fatalf("changing confirmed hours: %d %s", res.StatusCode, body)
	}
	if n := a.count(`SELECT count(*) FROM notifications n JOIN jobs j ON j.poster_id = n.user_id WHERE j.id = $1 AND n.kind = 'hours_to_approve'`, d.job.ID); n != 1 {
		t.Errorf("%d hours_to_approve events for the poster", n)
	}

	other := a.signedIn(a.person(klusbuddy.RolePoster, "", 0))
	if res, body = other.do("POST", approve, nil); res.StatusCode != 403 {
		t.Fatalf("another poster approving: %d %s", res.StatusCode, body)
	}
	if res, body = other.do("GET", "/api/v1/jobs/"+itoa(d.job.ID)+"/hours", nil); res.StatusCode != 403 {
		t.Fatalf("another poster reading: %d %s", res.StatusCode, body)
	}
	res, body = d.poster.do("GET", "/api/v1/jobs/"+itoa(d.job.ID)+"/hours", nil)
	var list struct{ Sheets []sheetDoc }
	if json.Unmarshal(body, &list); res.StatusCode != 200 || len(list.Sheets) != 1 || list.Sheets[0].ID != s.ID {
		t.Fatalf("the poster's list: %d %s", res.StatusCode, body)
	}

	// The poster disputes; approving is now the coordinator's decision; the coach decides.
	dispute := "/api/v1/jobs/" + itoa(d.job.ID) + "/hours/" + itoa(s.ID) + "/dispute"
	if res, body = d.poster.do("POST", dispute, map[string]any{"reason": ""}); res.StatusCode != 422 {
		t.Fatalf("a dispute without a reason: %d %s", res.StatusCode, body)
	}
	res, body = d.poster.do("POST", dispute, map[string]any{"reason": "Ze was er maar anderhalf uur"})
	if s = sheetOf(t, res.StatusCode, body); s.State != "disputed" || s.DueAt != nil {
		t.Fatalf("the dispute: %s", body)
	}
	if res, body = d.poster.do("POST", approve, nil); res.StatusCode != 409 {
		t.Fatalf("approving disputed hours: %d %s", res.StatusCode, body)
	}
	var org string
	a.sql.Get(&org, `SELECT o.slug FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`, d.workerID)
	coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, org, 0))
	res, body = coach.do("GET", "/api/v1/org/hours?state=disputed", nil)
	if json.Unmarshal(body, &list); res.StatusCode != 200 || len(list.Sheets) != 1 || list.Sheets[0].ID != s.ID {
		t.Fatalf("the coach's disputes: %d %s", res.StatusCode, body)
	}
	if n := a.count(`SELECT count(*) FROM notifications WHERE kind = 'hours_disputed' AND user_id = $1`, a.idOf(a.person(klusbuddy.RoleCoordinator, org, 0))); n != 1 {
		t.Errorf("the coach was told of the dispute %d times", n)
	}
	var otherOrg string
	a.sql.Get(&otherOrg, `SELECT slug FROM organisations WHERE slug <> $1 ORDER BY slug LIMIT 1`, org)
	decide := "/api/v1/org/hours/" + itoa(s.ID) + "/decide"
	if res, body = a.signedIn(a.person(klusbuddy.RoleCoordinator, otherOrg, 0)).do("POST", decide, map[string]any{"minutes": 90, "note": "x"}); res.StatusCode != 404 {
		t.Fatalf("a coach of another organisation deciding: %d %s", res.StatusCode, body)
	}
	if res, body = coach.do("POST", decide, map[string]any{"minutes": 100, "note": "x"}); res.StatusCode != 422 {
		t.Fatalf("deciding off the quarter: %d %s", res.StatusCode, body)
	}
	res, body = coach.do("POST", decide, map[string]any{"minutes": 105, "note": "Met beiden gebeld"})
	if s = sheetOf(t, res.StatusCode, body); s.State != "decided" || *s.Approved != 105 {
		t.Fatalf("the decision: %s", body)
	}
	if res, body = d.poster.do("POST", dispute, map[string]any{"reason": "Nog steeds niet"}); res.StatusCode != 409 {
		t.Fatalf("a dispute after the decision: %d %s", res.StatusCode, body)
	}
	if res, body = d.poster.do("POST", approve, nil); sheetOf(t, res.StatusCode, body).State != "decided" {
		t.Fatalf("approving decided hours: %s", body)
	}
	if j := posterJob(t, d.poster, d.job.ID); j.State != "hours_confirmed" {
		t.Fatalf("every worker's hours are final, the job is %s", j.State)
	}
	if n := a.count(`SELECT count(*) FROM notifications WHERE kind = 'hours_approved' AND user_id = $1`, d.workerID); n != 1 {
		t.Errorf("the worker was told %d times", n)
	}

	// The buddy confirms as proposed (no reason needed); their coordinator approves, twice.
	res, body = d.bud.do("POST", buddyHours+"/confirm", map[string]any{"minutes": 135})
	if bs = sheetOf(t, res.StatusCode, body); bs.State != "confirmed" {
		t.Fatalf("the buddy's confirmation: %s", body)
	}
	var budOrg string
	a.sql.Get(&budOrg, `SELECT o.slug FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`, d.buddyID)
	budCoach := a.signedIn(a.person(klusbuddy.RoleCoordinator, budOrg, 0))
	if res, body = d.poster.do("POST", "/api/v1/jobs/"+itoa(d.job.ID)+"/hours/"+itoa(bs.ID)+"/approve", nil); res.StatusCode != 403 {
		t.Fatalf("the poster approving the buddy's hours: %d %s", res.StatusCode, body)
	}
	for range 2 {
		res, body = budCoach.do("POST", "/api/v1/org/hours/"+itoa(bs.ID)+"/approve", nil)
		if bs = sheetOf(t, res.StatusCode, body); bs.State != "approved" || *bs.Approved != 135 {
			t.Fatalf("the coach approving the buddy's hours: %s", body)
		}
	}
	// Every step once, with who and when.
	if n := a.count(`SELECT count(*) FROM timesheet_steps WHERE sheet_id = $1`, s.ID); n != 4 {
		t.Errorf("%d steps on the worker's sheet, want propose, confirm, dispute, decide", n)
	}
	if n := a.count(`SELECT count(*) FROM timesheet_steps WHERE sheet_id = $1 AND step = 'approve' AND by_role = 'coordinator' AND by_user IS NOT NULL AND at = $2`,
		bs.ID, a.clock.Now()); n != 1 {
		t.Errorf("%d approvals of the buddy's sheet", n)
	}

	// The worker's data export holds their sheet with its steps.
	res, body = d.worker.do("GET", "/api/v1/me/export", nil)
	var export struct {
		Timesheets []struct {
			ID    int64
			Steps []struct{ Step string }
		}
	}
	if json.Unmarshal(body, &export); res.StatusCode != 200 || len(export.Timesheets) != 1 || export.Timesheets[0].ID != s.ID ||
		len(export.Timesheets[0].Steps) != 4 {
		t.Fatalf("the export's timesheets: %d %.300s", res.StatusCode, body)
	}
	// The worker erases their account: the hours stay, the words about them go.
	if res, body = d.worker.do("DELETE", "/api/v1/me", map[string]bool{"confirm": true}); res.StatusCode != 204 {
		t.Fatalf("erasing: %d %s", res.StatusCode, body)
	}
	if n := a.count(`SELECT count(*) FROM timesheets WHERE id = $1 AND approved = 105 AND reason = '-' AND dispute_reason = '-' AND decision_note = '-'`, s.ID); n != 1 {
		t.Error("the erased worker's sheet keeps what was written")
	}
	if n := a.count(`SELECT count(*) FROM timesheet_steps WHERE sheet_id = $1 AND text IS NOT NULL AND text <> '-'`, s.ID); n != 0 {
		t.Errorf("%d steps of the erased worker's sheet keep their text", n)
	}
}

// Without an answer, Klusbuddy confirms the proposal after the approval days, and approves it
// after as many again; two instances sweeping at once take each step once.
func TestHoursApprovedAutomatically(t *testing.T) {
	a := newApp(t)
	start := nextTuesday10()
	out := start.Add(2 * time.Hour)
	d := a.checkedOut(t, start, out)
	second := a.wire(t)
	sweepBoth := func() int {
		var wg sync.WaitGroup
		var mu sync.Mutex
		total := 0
		for _, inst := range []interface {
			Sweep(context.Context) (int, error)
		}{a.inst.Hours, second.Hours, a.inst.Hours, second.Hours} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				n, err := inst.Sweep(context.Background())
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				total += n
				mu.Unlock()
			}()
		}
		wg.Wait()
		return total
	}
	state := func() (w, b string) {
		a.sql.Get(&w, `SELECT state FROM timesheets WHERE job_id = $1 AND role = 'worker'`, d.job.ID)
		a.sql.Get(&b, `SELECT state FROM timesheets WHERE job_id = $1 AND role = 'buddy'`, d.job.ID)
		return
	}
	a.clock.Set(out.Add(4*24*time.Hour - time.Minute))
	if n := sweepBoth(); n != 0 {
		t.Fatalf("%d sheets moved before their deadline", n)
	}
	a.clock.Set(out.Add(4*24*time.Hour + time.Minute))
	if n := sweepBoth(); n != 2 {
		t.Fatalf("%d sheets confirmed by two instances, want 2", n)
	}
	if w, b := state(); w != "confirmed" || b != "confirmed" {
		t.Fatalf("after four days: %s, %s", w, b)
	}
	res, body := d.worker.do("GET", "/api/v1/me/assignments/"+itoa(d.job.ID)+"/hours", nil)
	if s := sheetOf(t, res.StatusCode, body); *s.Confirmed != 120 || s.Steps[1].Role != "system" || !s.DueAt.Equal(a.clock.Now().Add(4*24*time.Hour)) {
		t.Fatalf("confirmed by Klusbuddy: %s", body)
	}
	a.clock.Advance(4*24*time.Hour - time.Minute)
	if n := sweepBoth(); n != 0 {
		t.Fatalf("%d sheets approved before their deadline", n)
	}
	a.clock.Advance(2 * time.Minute)
	if n := sweepBoth(); n != 2 {
		t.Fatalf("%d sheets approved by two instances, want 2", n)
	}
	if n := sweepBoth(); n != 0 {
		t.Fatalf("%d sheets moved again", n)
	}
	if w, b := state(); w != "approved" || b != "approved" {
		t.Fatalf("after eight days: %s, %s", w, b)
	}
	if n := a.count(`SELECT count(*) FROM timesheet_steps s JOIN timesheets t ON t.id = s.sheet_id WHERE t.job_id = $1 AND s.by_role = 'system' AND s.step = 'approve'`, d.job.ID); n != 2 {
		t.Errorf("%d approvals by Klusbuddy, want one per sheet", n)
	}
	if n := a.count(`SELECT count(*) FROM notifications WHERE kind = 'hours_approved' AND user_id IN ($1, $2)`, d.workerID, d.buddyID); n != 2 {
		t.Errorf("%d hours_approved events, want one each", n)
	}
	if j := posterJob(t, d.poster, d.job.ID); j.State != "hours_confirmed" {
		t.Fatalf("the job is %s", j.State)
	}
	// A poster's late approval answers the sheet as it stands; a dispute is too late.
	var id int64
	a.sql.Get(&id, `SELECT id FROM timesheets WHERE job_id = $1 AND role = 'worker'`, d.job.ID)
	if res, body = d.poster.do("POST", "/api/v1/jobs/"+itoa(d.job.ID)+"/hours/"+itoa(id)+"/approve", nil); sheetOf(t, res.StatusCode, body).State != "approved" {
		t.Fatalf("approving after Klusbuddy: %s", body)
	}
	if res, body = d.poster.do("POST", "/api/v1/jobs/"+itoa(d.job.ID)+"/hours/"+itoa(id)+"/dispute", map[string]any{"reason": "Te laat gezien"}); res.StatusCode != 409 {
		t.Fatalf("a dispute after the approval: %d %s", res.StatusCode, body)
	}
	// The database itself refuses a second approval, and an approval of disputed hours.
	if _, err := a.sql.Exec(`INSERT INTO timesheet_steps (sheet_id, step, by_role, at) VALUES ($1, 'approve', 'system', now())`, id); err == nil {
		t.Error("the database took a second approval")
	}
	if _, err := a.sql.Exec(`UPDATE timesheets SET dispute_reason = 'x' WHERE id = $1`, id); err == nil {
		t.Error("the database took approved hours with a dispute and no decision")
	}
}

// A per-item job: nothing is proposed, the worker counts the items (no reason needed), and the
// sheet waits for them (Klusbuddy cannot confirm a count nobody gave); the buddy's hours are
// time, as on every job.
func TestHoursPerItem(t *testing.T) {
	a := newApp(t)
	start := nextTuesday10()
	d := a.bookWithBuddy(t, start)
	a.sql.MustExec(`UPDATE jobs SET unit = 'item' WHERE id = $1`, d.job.ID) // arranged: a flat-pack job
	a.clock.Set(start)
	d.worker.do("POST", "/api/v1/me/assignments/"+itoa(d.job.ID)+"/check-in", arrival(start))
	d.bud.do("POST", "/api/v1/me/accompaniments/"+itoa(d.accompaniment)+"/check-in", arrival(start))
	a.clock.Set(start.Add(time.Hour))
	d.worker.do("POST", "/api/v1/me/assignments/"+itoa(d.job.ID)+"/check-out", arrival(a.clock.Now()))
	d.bud.do("POST", "/api/v1/me/accompaniments/"+itoa(d.accompaniment)+"/check-out", arrival(a.clock.Now()))
	mine := "/api/v1/me/assignments/" + itoa(d.job.ID) + "/hours"
	res, body := d.worker.do("GET", mine, nil)
	if s := sheetOf(t, res.StatusCode, body); s.Unit != "items" || s.Proposed != nil || s.DueAt != nil {
		t.Fatalf("a per-item proposal: %s", body)
	}
	res, body = d.bud.do("GET", "/api/v1/me/accompaniments/"+itoa(d.accompaniment)+"/hours", nil)
	if s := sheetOf(t, res.StatusCode, body); s.Unit != "minutes" || *s.Proposed != 60 {
		t.Fatalf("the buddy's sheet on a per-item job: %s", body)
	}
	// Eight days on: the buddy's sheet is confirmed and approved by Klusbuddy, the worker's waits.
	for range 2 {
		a.clock.Advance(4*24*time.Hour + time.Minute)
		if _, err := a.inst.Hours.Sweep(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if n := a.count(`SELECT count(*) FROM timesheets WHERE job_id = $1 AND state = 'proposed' AND role = 'worker'`, d.job.ID); n != 1 {
		t.Fatal("Klusbuddy confirmed a count nobody gave")
	}
	for _, bad := range []map[string]any{{"minutes": 60}, {"items": 0}, {"items": 1000}} {
		if res, body = d.worker.do("POST", mine+"/confirm", bad); res.StatusCode != 422 {
			t.Fatalf("confirming %v: %d %s", bad, res.StatusCode, body)
		}
	}
	res, body = d.worker.do("POST", mine+"/confirm", map[string]any{"items": 4})
	s := sheetOf(t, res.StatusCode, body)
	if s.State != "confirmed" || *s.Confirmed != 4 || s.DueAt == nil {
		t.Fatalf("counting the items: %s", body)
	}
	res, body = d.poster.do("POST", "/api/v1/jobs/"+itoa(d.job.ID)+"/hours/"+itoa(s.ID)+"/approve", nil)
	if s = sheetOf(t, res.StatusCode, body); s.State != "approved" || *s.Approved != 4 {
		t.Fatalf("approving the items: %s", body)
	}
	if j := posterJob(t, d.poster, d.job.ID); j.State != "hours_confirmed" {
		t.Fatalf("the job is %s", j.State)
	}
}

// A per-item count nobody gives is never made up by Klusbuddy; the worker's coach, who calls
// them, enters it for them (a coach of another organisation cannot), and the step says who did.
func TestHoursCountedByTheCoach(t *testing.T) {
	a := newApp(t)
	start := nextTuesday10()
	d := a.bookWithBuddy(t, start)
	a.sql.MustExec(`UPDATE jobs SET unit = 'item' WHERE id = $1`, d.job.ID) // arranged: a flat-pack job
	a.clock.Set(start)
	d.worker.do("POST", "/api/v1/me/assignments/"+itoa(d.job.ID)+"/check-in", arrival(start))
	a.clock.Set(start.Add(time.Hour))
	d.worker.do("POST", "/api/v1/me/assignments/"+itoa(d.job.ID)+"/check-out", arrival(a.clock.Now()))
	var sheet int64
	a.sql.Get(&sheet, `SELECT id FROM timesheets WHERE job_id = $1 AND role = 'worker'`, d.job.ID)

	var org, otherOrg string
	a.sql.Get(&org, `SELECT o.slug FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`, d.workerID)
	a.sql.Get(&otherOrg, `SELECT slug FROM organisations WHERE slug <> $1 ORDER BY slug LIMIT 1`, org)
	coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, org, 0))
	res, body := coach.do("GET", "/api/v1/org/hours?state=proposed", nil)
	var list struct{ Sheets []sheetDoc }
	if json.Unmarshal(body, &list); res.StatusCode != 200 || len(list.Sheets) != 1 || list.Sheets[0].ID != sheet {
		t.Fatalf("the coach's sheets waiting for a count: %d %s", res.StatusCode, body)
	}
	confirm := "/api/v1/org/hours/" + itoa(sheet) + "/confirm"
	if res, body = a.signedIn(a.person(klusbuddy.RoleCoordinator, otherOrg, 0)).do("POST", confirm, map[string]any{"items": 3}); res.StatusCode != 404 {
		t.Fatalf("a coach of another organisation counting: %d %s", res.StatusCode, body)
	}
	if res, body = coach.do("POST", confirm, map[string]any{"minutes": 60}); res.StatusCode != 422 {
		t.Fatalf("minutes for a per-item job: %d %s", res.StatusCode, body)
	}
	res, body = coach.do("POST", confirm, map[string]any{"items": 3, "reason": "Gebeld: drie kasten"})
	if s := sheetOf(t, res.StatusCode, body); s.State != "confirmed" || *s.Confirmed != 3 || s.DueAt == nil {
		t.Fatalf("the coach's count: %s", body)
	}
	if n := a.count(`SELECT count(*) FROM timesheet_steps WHERE sheet_id = $1 AND step = 'confirm' AND by_role = 'coordinator'`, sheet); n != 1 {
		t.Errorf("%d confirm steps by the coordinator", n)
	}
	// The worker's own count comes too late now: the same answer only if it is the same.
	mine := "/api/v1/me/assignments/" + itoa(d.job.ID) + "/hours/confirm"
	if res, body = d.worker.do("POST", mine, map[string]any{"items": 3}); res.StatusCode != 200 {
		t.Fatalf("the worker confirming the same count: %d %s", res.StatusCode, body)
	}
	if res, body = d.worker.do("POST", mine, map[string]any{"items": 5}); res.StatusCode != 409 {
		t.Fatalf("the worker giving another count after the coach's: %d %s", res.StatusCode, body)
	}
}

// A worker who leaves for safety is proposed the time worked until the report.
func TestHoursAfterASafetyReport(t *testing.T) {
	a := newApp(t)
	start := nextTuesday10()
	d := a.bookWithBuddy(t, start)
	a.clock.Set(start.Add(-5 * time.Minute))
	d.worker.do("POST", "/api/v1/me/assignments/"+itoa(d.job.ID)+"/check-in", arrival(a.clock.Now()))
	a.clock.Set(start.Add(time.Hour))
	if res, body := d.worker.do("POST", "/api/v1/me/assignments/"+itoa(d.job.ID)+"/safety", arrival(a.clock.Now())); res.StatusCode != 201 {
		t.Fatalf("the safety report: %d %s", res.StatusCode, body)
	}
	res, body := d.worker.do("GET", "/api/v1/me/assignments/"+itoa(d.job.ID)+"/hours", nil)
	if s := sheetOf(t, res.StatusCode, body); s.State != "proposed" || *s.Proposed != 60 {
		t.Fatalf("hours after leaving for safety: %s", body)
	}
}
