package httpapi_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The live match board (issue 13, part 8): who is booked and whether they came, the filters,
// what a coordinator of the other organisation sees of a cross-organisation match, and the
// board events that reach the coordinators of both organisations and no one else.

type boardPersonDoc struct {
	Place  int
	Role   string
	Person struct {
		ID           *int64
		Name         *string
		Organisation string
	}
	Arrival     string
	CheckedInAt *time.Time `json:"checked_in_at"`
}

type boardJobDoc struct {
	ID         int64
	NotArrived int `json:"not_arrived"`
	People     []boardPersonDoc
	Others     []struct {
		ID           int64
		Name         string
		Coordinators []contactDoc
	} `json:"other_organisations"`
}

func boardOf(t *testing.T, c *client, query string) map[int64]boardJobDoc {
	t.Helper()
	res, body := c.do("GET", "/api/v1/org/jobs?"+query, nil)
	if res.StatusCode != 200 {
		t.Fatalf("board %s: %d %s", query, res.StatusCode, body)
	}
	var doc struct{ Jobs []boardJobDoc }
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[int64]boardJobDoc{}
	for _, j := range doc.Jobs {
		out[j.ID] = j
	}
	return out
}

// crossOrganisation books a job needing a buddy and gives it to the organisation that is not
// the worker's: a cross-organisation match. It returns the job, the worker's organisation (slug,
// id) and the job's.
func (a *site) crossOrganisation(t *testing.T, start time.Time) (d dayOfAJob, workerOrg, jobOrg string, workerOrgID, jobOrgID int64) {
	t.Helper()
	d = a.bookWithBuddy(t, start)
	if err := a.sql.QueryRow(`SELECT o.slug, o.id FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`, d.workerID).
		Scan(&workerOrg, &workerOrgID); err != nil {
		t.Fatal(err)
	}
	if err := a.sql.QueryRow(`SELECT slug, id FROM organisations WHERE id <> $1 ORDER BY id LIMIT 1`, workerOrgID).Scan(&jobOrg, &jobOrgID); err != nil {
		t.Fatal(err)
	}
	a.sql.MustExec(`UPDATE jobs SET organisation_id = $1 WHERE id = $2`, jobOrgID, d.job.ID)
	return d, workerOrg, jobOrg, workerOrgID, jobOrgID
}

func TestBoardShowsWhoIsBookedAndWhetherTheyCame(t *testing.T) {
	a := newApp(t)
	start := nextTuesday10()
	d, workerOrg, jobOrg, workerOrgID, jobOrgID := a.crossOrganisation(t, start)
	own := a.signedIn(a.person(klusbuddy.RoleCoordinator, workerOrg, 0))
	other := a.signedIn(a.person(klusbuddy.RoleCoordinator, jobOrg, 0))
	var first, last, phone, workerOrgName, jobOrgName string
	a.sql.QueryRow(`SELECT first_name, last_name, phone FROM users WHERE id = $1`, d.workerID).Scan(&first, &last, &phone)
	a.sql.Get(&workerOrgName, `SELECT name FROM organisations WHERE id = $1`, workerOrgID)
	a.sql.Get(&jobOrgName, `SELECT name FROM organisations WHERE id = $1`, jobOrgID)
	var buddyOrgID int64
	a.sql.Get(&buddyOrgID, `SELECT organisation_id FROM users WHERE id = $1`, d.buddyID)

	a.clock.Set(start.Add(-time.Hour))
	check := func(c *client, org int64, wantArrival map[string]string) boardJobDoc {
		t.Helper()
		j, ok := boardOf(t, c, "filter=all")[d.job.ID]
		if !ok {
			t.Fatalf("job %d not on the board", d.job.ID)
		}
		if len(j.People) != 2 {
			t.Fatalf("people %+v, want the worker and their buddy", j.People)
		}
		for _, p := range j.People {
			personOrg := workerOrgID
			if p.Role == "buddy" {
				personOrg = buddyOrgID
			}
			named := p.Person.ID != nil && p.Person.Name != nil
			if named != (personOrg == org) {
				t.Errorf("%s of organisation %d named %v for a coordinator of %d: %+v", p.Role, personOrg, named, org, p.Person)
			}
			if p.Place != 1 || p.Person.Organisation == "" || p.Arrival != wantArrival[p.Role] {
				t.Errorf("%s: %+v, want place 1, an organisation, arrival %q", p.Role, p, wantArrival[p.Role])
			}
		}
		return j
	}
	expected := map[string]string{"worker": "expected", "buddy": "expected"}
	mine := check(own, workerOrgID, expected)
	if w := mine.People[0]; w.Role != "worker" || *w.Person.Name != first+" "+last[:1]+"." || *w.Person.ID != d.workerID {
		t.Errorf("own worker %+v, want %s %s.", w, first, last[:1])
	}
	// Each coordinator learns whom to call at the other organisation, never their own.
	wantOther := func(j boardJobDoc, id int64, name string) {
		t.Helper()
		if len(j.Others) != 1 || j.Others[0].ID != id || j.Others[0].Name != name || len(j.Others[0].Coordinators) == 0 {
			t.Fatalf("other organisations %+v, want %s with its coordinators", j.Others, name)
		}
		for _, c := range j.Others[0].Coordinators {
			if c.Role != "coordinator" || c.Phone == "" || c.FirstName == "" {
				t.Errorf("coordinator contact %+v", c)
			}
		}
	}
	if buddyOrgID == workerOrgID {
		wantOther(mine, jobOrgID, jobOrgName)
	}
	theirs := check(other, jobOrgID, expected)
	if buddyOrgID == workerOrgID {
		wantOther(theirs, workerOrgID, workerOrgName)
	}
	if w := theirs.People[0]; w.Person.Organisation != workerOrgName {
		t.Errorf("the other organisation's worker %+v, want only %q", w.Person, workerOrgName)
	}
	// Nothing personal of another organisation's worker on the other coordinator's board.
	_, body := other.do("GET", "/api/v1/org/jobs?filter=all", nil)
	for _, s := range []string{first, last, phone} {
		if strings.Contains(string(body), s) {
			t.Errorf("the job organisation's board holds %q of the other organisation's worker", s)
		}
	}

	// The buddy comes early, the worker late.
	a.clock.Set(start.Add(-10 * time.Minute))
	d.bud.do("POST", "/api/v1/me/accompaniments/"+itoa(d.accompaniment)+"/check-in", arrival(a.clock.Now()))
	a.clock.Set(start.Add(16 * time.Minute))
	check(own, workerOrgID, map[string]string{"worker": "not_arrived", "buddy": "checked_in"})
	for _, f := range []string{"not_arrived", "attention", "today"} {
		if _, ok := boardOf(t, other, "filter="+f)[d.job.ID]; !ok {
			t.Errorf("filter %s lacks the job with a worker not arrived", f)
		}
	}
	if _, ok := boardOf(t, other, "filter=safety")[d.job.ID]; ok {
		t.Error("filter safety has a job without a safety report")
	}
	if res, body := d.worker.do("POST", "/api/v1/me/assignments/"+itoa(d.job.ID)+"/check-in", arrival(a.clock.Now())); res.StatusCode != 200 {
		t.Fatalf("check-in: %d %s", res.StatusCode, body)
	}
	j := check(other, jobOrgID, map[string]string{"worker": "late", "buddy": "checked_in"})
	if j.People[0].CheckedInAt == nil || j.NotArrived != 0 {
		t.Errorf("after the late check-in: %+v", j)
	}
	if _, ok := boardOf(t, other, "filter=not_arrived")[d.job.ID]; ok {
		t.Error("filter not_arrived still has the job after the check-in")
	}

	// A safety report puts it on the safety filter.
	d.worker.do("POST", "/api/v1/me/assignments/"+itoa(d.job.ID)+"/safety", map[string]any{"at": a.clock.Now().Format(time.RFC3339)})
	if _, ok := boardOf(t, own, "filter=safety")[d.job.ID]; !ok {
		t.Error("filter safety lacks the job with an open report")
	}

	// A live board asks for the jobs that changed: those, no others.
	got := boardOf(t, own, "filter=all&ids="+itoa(d.job.ID)+",999999")
	if _, ok := got[d.job.ID]; !ok || len(got) != 1 {
		t.Errorf("ids: %v", got)
	}
	if got := boardOf(t, own, "filter=all&ids="); len(got) != 0 {
		t.Errorf("no ids: %v", got)
	}
	// The day of tomorrow is not today's.
	a.clock.Set(start.Add(-24 * time.Hour))
	if _, ok := boardOf(t, own, "filter=today")[d.job.ID]; ok {
		t.Error("filter today has tomorrow's job")
	}
}

// A board event reaches, over the WebSocket, the coordinators of the job's organisation and of
// the worker's, with nothing but the job's id; a job of one organisation alone never reaches
// the other's coordinators; the sequencer folds a coordinator's events for one job into one.
func TestBoardEventsReachBothOrganisationsAndNoOneElse(t *testing.T) {
	a := newApp(t)
	start := nextTuesday10()
	a.live(t)
	d, workerOrg, jobOrg, workerOrgID, jobOrgID := a.crossOrganisation(t, start)
	ownWS := a.signedIn(a.person(klusbuddy.RoleCoordinator, workerOrg, 0)).mustDial(nil)
	otherWS := a.signedIn(a.person(klusbuddy.RoleCoordinator, jobOrg, 0)).mustDial(nil)
	for _, ws := range []*wsClient{ownWS, otherWS} {
		if m := ws.next(5 * time.Second); m.Type != "ready" {
			t.Fatalf("first message %+v, want ready", m)
		}
	}

	// A job of the job organisation alone: it shares nobody, so only its people are asked.
	a.sql.MustExec(`UPDATE organisations SET shared_pool = false WHERE id = $1`, jobOrgID)
	var municipality string
	a.sql.Get(&municipality, `SELECT municipality FROM organisations WHERE id = $1`, jobOrgID)
	var alone jobDoc
	for _, p := range a.data.People {
		if p.Poster != nil && strings.EqualFold(p.Poster.Addresses[0].Municipality, municipality) {
			alone = postJob(t, a.signedIn(p), start.Add(2*time.Hour), 1, klusbuddy.BuddyAllowed)
			break
		}
	}
	if alone.ID == 0 {
		t.Fatalf("no demo poster in %s", municipality)
	}
	if n := a.count(`SELECT count(*) FROM offers o JOIN users u ON u.id = o.worker_id WHERE o.job_id = $1 AND u.organisation_id <> $2`, alone.ID, jobOrgID); n != 0 {
		t.Fatalf("%d offers of the job organisation's own job went to others", n)
	}
	otherWS.until(5*time.Second, func(m wsMessage) bool { return m.Kind == "board_changed" && jobOf(m) == alone.ID })

	// The cross-organisation match changes: the worker checks in.
	a.clock.Set(start.Add(-5 * time.Minute))
	if res, body := d.worker.do("POST", "/api/v1/me/assignments/"+itoa(d.job.ID)+"/check-in", arrival(a.clock.Now())); res.StatusCode != 200 {
		t.Fatalf("check-in: %d %s", res.StatusCode, body)
	}
	for who, ws := range map[string]*wsClient{"the worker's coordinator": ownWS, "the job's coordinator": otherWS} {
		got := ws.until(5*time.Second, func(m wsMessage) bool { return m.Kind == "board_changed" && jobOf(m) == d.job.ID })
		last := got[len(got)-1]
		if len(last.Data) != 1 {
			t.Errorf("%s's board event carries %v, want only the job's id", who, last.Data)
		}
		if who == "the worker's coordinator" {
			for _, m := range got {
				if jobOf(m) == alone.ID {
					t.Errorf("the worker's coordinator was told of the other organisation's own job: %+v", m)
				}
			}
		}
	}
	// In the outbox: the coordinators of both organisations, no one else.
	var wrong int
	a.sql.Get(&wrong, `SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id
WHERE n.kind = 'board_changed' AND (n.data->>'job_id')::bigint = $1 AND (u.role <> 'coordinator' OR u.organisation_id NOT IN ($2, $3))`,
		d.job.ID, workerOrgID, jobOrgID)
	var missing int
	a.sql.Get(&missing, `SELECT count(*) FROM users c WHERE c.role = 'coordinator' AND c.organisation_id IN ($2, $3) AND NOT EXISTS (
    SELECT 1 FROM notifications n WHERE n.user_id = c.id AND n.kind = 'board_changed' AND (n.data->>'job_id')::bigint = $1)`,
		d.job.ID, workerOrgID, jobOrgID)
	if wrong != 0 || missing != 0 {
		t.Errorf("board events of the match: %d to others, %d coordinators of the two organisations without", wrong, missing)
	}
	if n := a.count(`SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id
WHERE n.kind = 'board_changed' AND (n.data->>'job_id')::bigint = $1 AND u.organisation_id <> $2`, alone.ID, jobOrgID); n != 0 {
		t.Errorf("%d board events of the job organisation's own job went to others", n)
	}
	// Not news: the app's list leaves them out.
	var listed int
	for _, n := range a.latest(t, a.person(klusbuddy.RoleCoordinator, jobOrg, 0)) {
		if n.Kind == klusbuddy.EventBoardChanged {
			listed++
		}
	}
	if listed != 0 {
		t.Errorf("%d board events in the list of news", listed)
	}
}

// latest is the app's list of news of a person.
func (a *site) latest(t *testing.T, p klusbuddy.Person) []klusbuddy.Notification {
	t.Helper()
	var list []klusbuddy.Notification
	var u int64
	a.sql.Get(&u, `SELECT id FROM users WHERE email = $1`, p.Email)
	list, err := a.db.LatestNotifications(context.Background(), u, 500)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// Many changes of one job before the sequencer runs are one event per coordinator.
func TestBoardEventsFold(t *testing.T) {
	a := newApp(t)
	start := nextTuesday10()
	d, _, jobOrg, _, _ := a.crossOrganisation(t, start)
	ctx := context.Background()
	if _, err := a.db.SequenceNotifications(ctx); err != nil {
		t.Fatal(err)
	}
	var coach int64
	a.sql.Get(&coach, `SELECT id FROM users WHERE email = $1`, a.person(klusbuddy.RoleCoordinator, jobOrg, 0).Email)
	var before int64
	a.sql.Get(&before, `SELECT coalesce(max(id), 0) FROM notifications`)
	// Five changes, each in its own transaction: a place's buddy search and the job's level.
	for i := 0; i < 5; i++ {
		a.sql.MustExec(`UPDATE jobs SET level = 1 + (level % 3) WHERE id = $1`, d.job.ID)
	}
	// A write that changes nothing the board shows is no event.
	a.sql.MustExec(`UPDATE jobs SET language_hints = language_hints WHERE id = $1`, d.job.ID)
	if n := a.count(`SELECT count(*) FROM notifications WHERE id > $1 AND user_id = $2 AND kind = 'board_changed'`, before, coach); n != 1 {
		t.Fatalf("%d board events for five changes, want them folded into one", n)
	}
	a.sql.MustExec(`UPDATE jobs SET language_hints = language_hints WHERE id = $1`, d.job.ID)
	if n := a.count(`SELECT count(*) FROM notifications WHERE id > $1 AND user_id = $2 AND kind = 'board_changed'`, before, coach); n != 1 {
		t.Fatalf("%d board events after a write that changed nothing, want still 1", n)
	}
	// A day later they are pruned; other events stay.
	others := a.count(`SELECT count(*) FROM notifications WHERE kind <> 'board_changed'`)
	a.clock.Set(time.Now().Add(25 * time.Hour))
	if _, err := a.db.PurgeSentPushes(ctx); err != nil {
		t.Fatal(err)
	}
	if n := a.count(`SELECT count(*) FROM notifications WHERE kind = 'board_changed'`); n != 0 {
		t.Errorf("%d board events a day later", n)
	}
	if n := a.count(`SELECT count(*) FROM notifications WHERE kind <> 'board_changed'`); n != others {
		t.Errorf("%d other events after pruning, want %d", n, others)
	}
}
