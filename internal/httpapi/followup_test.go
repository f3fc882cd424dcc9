package httpapi_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Under the radar (issue 13, part 5): each rule just under and just over its threshold, by
// moving the clock over a history made at the clock's times; snooze, resolve and entering
// again; the sweep announcing entries once across two instances; no organisation sees
// another's people; last activity written at most once per window.

type followUpReasonDoc struct {
	Code  string    `json:"code"`
	Since time.Time `json:"since"`
	Count *int      `json:"count"`
	JobID *int64    `json:"job_id"`
	Days  *int      `json:"days"`
}

type followUpPersonDoc struct {
	PersonID     int64               `json:"person_id"`
	Reasons      []followUpReasonDoc `json:"reasons"`
	LastActiveAt *time.Time          `json:"last_active_at"`
	LatestAction *struct {
		Kind string `json:"kind"`
		Note string `json:"note"`
	} `json:"latest_action"`
}

// followUpOf returns a person's reasons on the coordinator's list, by code; nil when they are
// not on it.
func followUpOf(t *testing.T, c *client, id int64) map[string]followUpReasonDoc {
	t.Helper()
	res, body := c.do("GET", "/api/v1/org/follow-up", nil)
	var doc struct{ People []followUpPersonDoc }
	if err := json.Unmarshal(body, &doc); err != nil || res.StatusCode != 200 {
		t.Fatalf("the follow-up list: %d %s", res.StatusCode, body)
	}
	for _, p := range doc.People {
		if p.PersonID == id {
			out := map[string]followUpReasonDoc{}
			for _, r := range p.Reasons {
				out[r.Code] = r
			}
			return out
		}
	}
	return nil
}

func TestFollowUpRules(t *testing.T) {
	a := newApp(t)
	a.clock.Set(a.clock.Now().Truncate(time.Second)) // PostgreSQL keeps microseconds
	coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, "kompas-genk", 0))
	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 0))
	step := func(d time.Duration) { a.clock.Advance(d) }
	has := func(id int64, code string) (followUpReasonDoc, bool) {
		r, ok := followUpOf(t, coach, id)[code]
		return r, ok
	}

	// Last activity: a request writes it; another within the window does not; one after it does.
	wp := a.person(klusbuddy.RoleWorker, "kompas-genk", 0)
	wid := a.idOf(wp)
	w := a.signInByID(wid)
	activeAt := func() time.Time {
		var at time.Time
		a.sql.Get(&at, `SELECT last_active_at FROM users WHERE id = $1`, wid)
		return at
	}
	t0 := a.clock.Now()
	w.do("GET", "/api/v1/session", nil)
	if !activeAt().Equal(t0) {
		t.Fatalf("last activity %v, want %v", activeAt(), t0)
	}
	step(time.Minute)
	w.do("GET", "/api/v1/session", nil)
	if !activeAt().Equal(t0) {
		t.Fatalf("a second request within the window wrote: %v", activeAt())
	}
	// Another instance (no memory of the first write) is held back by the database's guard.
	other := a.serve(t, a.wire(t))
	w2 := a.signedInFrom(wp, other.URL)
	w2.do("GET", "/api/v1/session", nil)
	if !activeAt().Equal(t0) {
		t.Fatalf("another instance wrote within the window: %v", activeAt())
	}
	step(5 * time.Minute)
	w.do("GET", "/api/v1/session", nil)
	seen := a.clock.Now()
	if !activeAt().Equal(seen) {
		t.Fatalf("after the window: %v, want %v", activeAt(), seen)
	}

	// Notifications off (no push subscription) and not seen for 7 days; no activity for 21.
	step(7*24*time.Hour - time.Minute)
	if _, ok := has(wid, "notifications_off"); ok {
		t.Fatal("notifications off a minute before 7 days")
	}
	step(2 * time.Minute)
	if r, ok := has(wid, "notifications_off"); !ok || !r.Since.Equal(seen.Add(7*24*time.Hour)) || r.Days == nil || *r.Days != 7 {
		t.Fatalf("notifications off after 7 days: %+v %v", r, ok)
	}
	if _, ok := has(wid, "inactive"); ok {
		t.Fatal("inactive after 7 days")
	}
	step(14*24*time.Hour - 2*time.Minute)
	if _, ok := has(wid, "inactive"); ok {
		t.Fatal("inactive a minute before 21 days")
	}
	step(2 * time.Minute)
	if r, ok := has(wid, "inactive"); !ok || !r.Since.Equal(seen.Add(21*24*time.Hour)) {
		t.Fatalf("inactive after 21 days: %+v %v", r, ok)
	}
	// The organisation's setting moves the threshold.
	if res, body := coach.do("PATCH", "/api/v1/org/settings", map[string]any{"follow_inactive_days": 30}); res.StatusCode != 200 {
		t.Fatalf("setting the days: %d %s", res.StatusCode, body)
	}
	if _, ok := has(wid, "inactive"); ok {
		t.Fatal("inactive after 21 days with 30 set")
	}
	coach.do("PATCH", "/api/v1/org/settings", map[string]any{"follow_inactive_days": 21})

	// Offers expiring unanswered 3 times in a row (their latest answers), declines 5 times.
	d := a.clock.Now().In(brussels).AddDate(0, 0, 7)
	for d.Weekday() != time.Tuesday {
		d = d.AddDate(0, 0, 1)
	}
	job := postJob(t, poster, time.Date(d.Year(), d.Month(), d.Day(), 10, 0, 0, 0, brussels), 1, klusbuddy.BuddyNotAllowed)
	round := 100
	answer := func(worker int64, state string) {
		round++
		now := a.clock.Now()
		a.sql.MustExec(`INSERT INTO offers (job_id, worker_id, wave, score, breakdown, travel_minutes, state, created_at, expires_at, answered_at, round)
VALUES ($1, $2, 1, 1, '{}', 10, $3, $4::timestamptz - interval '15 minutes', $4, $4, $5)`, job.ID, worker, state, now, round)
		step(time.Minute)
	}
	ep := a.person(klusbuddy.RoleWorker, "kompas-genk", 1)
	eid := a.idOf(ep)
	answer(eid, "accepted")
	answer(eid, "expired")
	answer(eid, "expired")
	if _, ok := has(eid, "offers_expired"); ok {
		t.Fatal("two offers expired in a row count as three")
	}
	answer(eid, "expired")
	if r, ok := has(eid, "offers_expired"); !ok || r.Count == nil || *r.Count != 3 {
		t.Fatalf("three offers expired in a row: %+v %v", r, ok)
	}
	answer(eid, "declined")
	if _, ok := has(eid, "offers_expired"); ok {
		t.Fatal("a decline did not end the run of expired offers")
	}
	for range 3 {
		answer(eid, "declined")
	}
	if _, ok := has(eid, "declines"); ok {
		t.Fatal("four declines in a row count as five")
	}
	answer(eid, "declined")
	if r, ok := has(eid, "declines"); !ok || *r.Count != 5 {
		t.Fatalf("five declines in a row: %+v %v", r, ok)
	}

	// Did not come: the place's outcome; a late drop-out; both count for 30 days.
	booked := a.acceptBest(t, job.ID)
	a.sql.MustExec(`INSERT INTO outcomes (job_id, place, outcome, by_role, at) VALUES ($1, 1, 'worker_no_show', 'system', $2)`, job.ID, a.clock.Now())
	noShowAt := a.clock.Now()
	var bookedOrg string
	a.sql.Get(&bookedOrg, `SELECT o.slug FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`, booked)
	bookedCoach := a.signedIn(a.person(klusbuddy.RoleCoordinator, bookedOrg, 0))
	if r, ok := followUpOf(t, bookedCoach, booked)["no_show"]; !ok || r.JobID == nil || *r.JobID != job.ID || !r.Since.Equal(noShowAt) {
		t.Fatalf("did not come: %+v %v", r, ok)
	}
	lp := a.person(klusbuddy.RoleWorker, "kompas-genk", 2)
	lid := a.idOf(lp)
	a.sql.MustExec(`INSERT INTO dropouts (job_id, worker_id, late, at) VALUES ($1, $2, false, $3)`, job.ID, lid, a.clock.Now())
	if _, ok := has(lid, "late_dropout"); ok {
		t.Fatal("a drop-out in time counts as late")
	}
	a.sql.MustExec(`INSERT INTO dropouts (job_id, worker_id, late, at) VALUES ($1, $2, true, $3)`, job.ID, lid, a.clock.Now())
	dropAt := a.clock.Now()
	if r, ok := has(lid, "late_dropout"); !ok || *r.Count != 1 {
		t.Fatalf("a late drop-out: %+v %v", r, ok)
	}

	// An invite not used after 3 days.
	res, body := coach.do("POST", "/api/v1/org/people", map[string]any{"role": "worker", "first_name": "Nieuw", "last_name": "Persoon",
		"phone": "+32491234999", "language": "nl", "worker": map[string]any{"postcode": "3600", "municipality": "Genk", "travel_mode": "bike", "max_travel_minutes": 20}})
	var made struct{ Person struct{ ID int64 } }
	if json.Unmarshal(body, &made); res.StatusCode != 201 || made.Person.ID == 0 {
		t.Fatalf("creating a worker: %d %s", res.StatusCode, body)
	}
	created := made.Person // invited as they are created; invited again now
	if res, body := coach.do("POST", "/api/v1/org/people/"+itoa(created.ID)+"/invite", map[string]any{}); res.StatusCode != 201 {
		t.Fatalf("inviting: %d %s", res.StatusCode, body)
	}
	step(3*24*time.Hour - time.Minute)
	if _, ok := has(created.ID, "invite_unused"); ok {
		t.Fatal("an invite unused a minute before 3 days")
	}
	step(2 * time.Minute)
	if _, ok := has(created.ID, "invite_unused"); !ok {
		t.Fatal("an invite unused after 3 days")
	}

	// The no-show and the late drop-out stop counting after 30 days.
	a.clock.Set(dropAt.Add(klusbuddy.FollowUpLookback - time.Minute))
	if _, ok := has(lid, "late_dropout"); !ok {
		t.Fatal("a late drop-out forgotten before 30 days")
	}
	a.clock.Set(noShowAt.Add(klusbuddy.FollowUpLookback + time.Minute))
	bookedCoach = a.signedIn(a.person(klusbuddy.RoleCoordinator, bookedOrg, 0)) // a month on: signed in again
	if _, ok := followUpOf(t, bookedCoach, booked)["no_show"]; ok {
		t.Fatal("a no-show still counts after 30 days")
	}
}

func TestFollowUpSnoozeResolveAndEntering(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, "kompas-genk", 0))
	foreign := a.signedIn(a.person(klusbuddy.RoleCoordinator, "de-schakel-hasselt", 0))
	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 0))
	job := postJob(t, poster, nextTuesday10(), 1, klusbuddy.BuddyNotAllowed)
	wid := a.idOf(a.person(klusbuddy.RoleWorker, "kompas-genk", 1))
	round := 100
	expire := func() {
		round++
		now := a.clock.Now()
		a.sql.MustExec(`INSERT INTO offers (job_id, worker_id, wave, score, breakdown, travel_minutes, state, created_at, expires_at, answered_at, round)
VALUES ($1, $2, 1, 1, '{}', 10, 'expired', $3::timestamptz - interval '15 minutes', $3, $3, $4)`, job.ID, wid, now, round)
		a.clock.Advance(time.Minute)
	}
	for range 3 {
		expire()
	}
	if followUpOf(t, coach, wid) == nil {
		t.Fatal("not on the list after three expired offers")
	}
	// Another organisation sees nothing of them.
	if followUpOf(t, foreign, wid) != nil {
		t.Fatal("another organisation's coordinator sees them")
	}
	if res, _ := foreign.do("GET", "/api/v1/org/people/"+itoa(wid)+"/follow-up", nil); res.StatusCode != 404 {
		t.Fatalf("another organisation's history: %d", res.StatusCode)
	}
	if res, _ := foreign.do("POST", "/api/v1/org/follow-up/"+itoa(wid)+"/actions", map[string]any{"kind": "resolve"}); res.StatusCode != 404 {
		t.Fatalf("another organisation resolving: %d", res.StatusCode)
	}

	// The sweep announces the entry to the organisation's coordinators, once, though two
	// instances sweep at once.
	var coaches int
	a.sql.Get(&coaches, `SELECT count(*) FROM users WHERE role = 'coordinator' AND organisation_id = (SELECT organisation_id FROM users WHERE id = $1)`, wid)
	second := a.wire(t)
	var wg sync.WaitGroup
	for _, inst := range []interface {
		Sweep(context.Context) (int, error)
	}{a.inst.FollowUp, second.FollowUp} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := inst.Sweep(ctx); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	announced := func() int {
		return a.count(`SELECT count(*) FROM notification_queue WHERE kind = 'follow_up' AND (data->>'person_id')::bigint = $1`, wid) +
			a.count(`SELECT count(*) FROM notifications WHERE kind = 'follow_up' AND (data->>'person_id')::bigint = $1`, wid)
	}
	if n := announced(); n != coaches || coaches == 0 {
		t.Fatalf("%d announcements to %d coordinators", n, coaches)
	}
	if n := a.count(`SELECT count(*) FROM notification_queue q JOIN users u ON u.id = q.user_id WHERE q.kind = 'follow_up' AND u.organisation_id <> (SELECT organisation_id FROM users WHERE id = $1) AND (q.data->>'person_id')::bigint = $1`, wid); n != 0 {
		t.Fatalf("%d announcements to another organisation", n)
	}
	if n, _ := a.inst.FollowUp.Sweep(ctx); n != 0 || announced() != coaches {
		t.Fatalf("sweeping again: %d entered, %d announcements", n, announced())
	}

	// A call with a note: the latest action, in the person's history, audited without the note.
	res, body := coach.do("POST", "/api/v1/org/follow-up/"+itoa(wid)+"/actions", map[string]any{"kind": "call", "note": "  Gebeld, komt volgende week terug  "})
	if res.StatusCode != 201 {
		t.Fatalf("noting a call: %d %s", res.StatusCode, body)
	}
	res, body = coach.do("GET", "/api/v1/org/follow-up", nil)
	var list struct{ People []followUpPersonDoc }
	json.Unmarshal(body, &list)
	found := false
	for _, p := range list.People {
		if p.PersonID == wid {
			found = p.LatestAction != nil && p.LatestAction.Kind == "call" && p.LatestAction.Note == "Gebeld, komt volgende week terug"
		}
	}
	if !found {
		t.Fatalf("the call as latest action: %s", body)
	}
	if n := a.count(`SELECT count(*) FROM audit_log WHERE action = 'follow_up.act' AND subject_id = $1 AND details->>'kind' = 'call' AND details::text NOT LIKE '%Gebeld%'`, wid); n != 1 {
		t.Fatalf("%d audit rows for the call", n)
	}

	// Snoozed until tomorrow: hidden today, back tomorrow (and announced again).
	tomorrow := a.clock.Now().In(brussels).AddDate(0, 0, 1)
	day := tomorrow.Format("2006-01-02")
	if res, body := coach.do("POST", "/api/v1/org/follow-up/"+itoa(wid)+"/actions", map[string]any{"kind": "snooze", "until": day}); res.StatusCode != 201 {
		t.Fatalf("snoozing: %d %s", res.StatusCode, body)
	}
	if followUpOf(t, coach, wid) != nil {
		t.Fatal("on the list while snoozed")
	}
	a.clock.Set(time.Date(tomorrow.Year(), tomorrow.Month(), tomorrow.Day(), 0, 0, 0, 0, brussels).Add(-time.Minute))
	if followUpOf(t, coach, wid) != nil {
		t.Fatal("back a minute before the day")
	}
	a.clock.Advance(2 * time.Minute)
	if followUpOf(t, coach, wid) == nil {
		t.Fatal("not back on the day")
	}
	if n, _ := a.inst.FollowUp.Sweep(ctx); n != 1 || announced() != 2*coaches {
		t.Fatalf("back from a snooze: %d entered, %d announcements", n, announced())
	}

	// Resolved: hidden while nothing new happens, back for a new reason.
	if res, body := coach.do("POST", "/api/v1/org/follow-up/"+itoa(wid)+"/actions", map[string]any{"kind": "resolve"}); res.StatusCode != 201 {
		t.Fatalf("resolving: %d %s", res.StatusCode, body)
	}
	a.clock.Advance(time.Hour)
	if followUpOf(t, coach, wid) != nil {
		t.Fatal("on the list after being resolved")
	}
	if n, _ := a.inst.FollowUp.Sweep(ctx); n != 0 {
		t.Fatalf("%d entered after a resolution without a new reason", n)
	}
	expire()
	if followUpOf(t, coach, wid) == nil {
		t.Fatal("not back after a new expired offer")
	}
	if n, _ := a.inst.FollowUp.Sweep(ctx); n != 1 {
		t.Fatalf("%d entered for a new reason", n)
	}

	// The person's history: their place, reasons, and every action, the latest first.
	res, body = coach.do("GET", "/api/v1/org/people/"+itoa(wid)+"/follow-up", nil)
	var h struct {
		State   *string
		Reasons []followUpReasonDoc
		Actions []struct{ Kind string }
	}
	if json.Unmarshal(body, &h); res.StatusCode != 200 || h.State == nil || *h.State != "open" || len(h.Reasons) == 0 || len(h.Actions) != 3 ||
		h.Actions[0].Kind != "resolve" || h.Actions[2].Kind != "call" {
		t.Fatalf("the history: %d %s", res.StatusCode, body)
	}
}
