package httpapi_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Feedback both ways after the job (issue 12): only once the job is done, only by the people
// on it, one answer per person per job (the same again answers it, another is a 409); comments
// and "no" answers reach the coordinator only, never the worker, and a "no" blocks nobody.

type feedbackDoc struct {
	ID    int64
	JobID int64 `json:"job_id"`
	Place int
	From  struct {
		ID   int64
		Role string
		Name string
	}
	About struct {
		ID   int64
		Name string
	}
	Again   *bool
	Face    *string
	Tags    []string
	Comment *string
}

func feedbackOf(t *testing.T, status int, body []byte) feedbackDoc {
	t.Helper()
	var out struct{ Feedback feedbackDoc }
	if err := json.Unmarshal(body, &out); err != nil || status != 200 {
		t.Fatalf("feedback: %d %s", status, body)
	}
	return out.Feedback
}

func TestFeedback(t *testing.T) {
	a := newApp(t)
	start := nextTuesday10()
	d := a.bookWithBuddy(t, start)
	job := "/api/v1/jobs/" + itoa(d.job.ID) + "/feedback"
	mine := "/api/v1/me/assignments/" + itoa(d.job.ID)
	buddys := "/api/v1/me/accompaniments/" + itoa(d.accompaniment)
	no := map[string]any{"place": 1, "again": false, "tags": []string{"on_time", "friendly"}, "comment": "  Kwam een half uur te laat.  "}

	// Before the job is done: 409 for everyone, nothing stored.
	if res, body := d.poster.do("POST", job, no); res.StatusCode != 409 {
		t.Fatalf("poster before done: %d %s", res.StatusCode, body)
	}
	if res, body := d.worker.do("POST", mine+"/feedback", map[string]any{"face": "good"}); res.StatusCode != 409 {
		t.Fatalf("worker before done: %d %s", res.StatusCode, body)
	}
	a.clock.Set(start.Add(-5 * time.Minute))
	d.worker.do("POST", mine+"/check-in", arrival(a.clock.Now()))
	d.bud.do("POST", buddys+"/check-in", arrival(a.clock.Now()))
	a.clock.Set(start.Add(2 * time.Hour))
	d.worker.do("POST", mine+"/check-out", arrival(a.clock.Now()))
	d.bud.do("POST", buddys+"/check-out", arrival(a.clock.Now()))
	if n := a.count(`SELECT count(*) FROM jobs WHERE id = $1 AND state = 'done'`, d.job.ID); n != 1 {
		t.Fatal("the job is not done after everyone checked out")
	}
	if n := a.count(`SELECT count(*) FROM feedback`); n != 0 {
		t.Fatalf("%d answers stored before the job was done", n)
	}

	// The poster: about a worker on the job only; then once.
	if res, body := d.poster.do("POST", job, map[string]any{"place": 2, "again": true}); res.StatusCode != 422 ||
		!strings.Contains(string(body), `"place"`) {
		t.Fatalf("about someone not working on the job: %d %s", res.StatusCode, body)
	}
	res, body := d.poster.do("POST", job, no)
	f := feedbackOf(t, res.StatusCode, body)
	if f.Again == nil || *f.Again || strings.Join(f.Tags, ",") != "friendly,on_time" || f.Comment == nil || *f.Comment != "Kwam een half uur te laat." ||
		f.About.ID != 0 || f.Place != 1 || f.From.Role != "poster" {
		t.Fatalf("the poster's answer: %s", body)
	}
	// A poster sees a worker's first name only, never their last name's initial.
	var first string
	a.sql.Get(&first, `SELECT first_name FROM users WHERE id = $1`, d.workerID)
	if f.About.Name != first {
		t.Fatalf("the poster sees the worker as %q; want the first name %q", f.About.Name, first)
	}
	res, body = d.poster.do("GET", job, nil)
	var read struct{ Feedback []feedbackDoc }
	if json.Unmarshal(body, &read); res.StatusCode != 200 || len(read.Feedback) != 1 || read.Feedback[0].About.Name != first {
		t.Fatalf("the poster's answers read back: %d %s", res.StatusCode, body)
	}
	res, body = d.poster.do("POST", job, no)
	if again := feedbackOf(t, res.StatusCode, body); again.ID != f.ID {
		t.Fatalf("the same answer again: %s", body)
	}
	if res, body = d.poster.do("POST", job, map[string]any{"place": 1, "again": true}); res.StatusCode != 409 {
		t.Fatalf("another answer: %d %s", res.StatusCode, body)
	}
	other := a.signedIn(a.person(klusbuddy.RolePoster, "", 1))
	if res, body = other.do("POST", job, map[string]any{"place": 1, "again": true}); res.StatusCode != 403 {
		t.Fatalf("the poster of another job: %d %s", res.StatusCode, body)
	}
	if res, body = other.do("GET", job, nil); res.StatusCode != 403 {
		t.Fatalf("the poster of another job reads: %d %s", res.StatusCode, body)
	}

	// The worker and the buddy answer about the job.
	res, body = d.worker.do("POST", mine+"/feedback", map[string]any{"face": "good", "tags": []string{"safe", "clear_instructions"}, "comment": "Duidelijke uitleg gekregen."})
	if wf := feedbackOf(t, res.StatusCode, body); wf.Face == nil || *wf.Face != "good" || wf.Again != nil || wf.From.Role != "worker" {
		t.Fatalf("the worker's answer: %s", body)
	}
	if res, body = d.worker.do("POST", mine+"/feedback", map[string]any{"face": "bad"}); res.StatusCode != 409 {
		t.Fatalf("the worker answering again otherwise: %d %s", res.StatusCode, body)
	}
	res, body = d.bud.do("POST", buddys+"/feedback", map[string]any{"face": "bad", "tags": []string{}})
	if bf := feedbackOf(t, res.StatusCode, body); bf.Face == nil || *bf.Face != "bad" || bf.From.Role != "buddy" {
		t.Fatalf("the buddy's answer: %s", body)
	}
	if n := a.count(`SELECT count(*) FROM feedback WHERE job_id = $1`, d.job.ID); n != 3 {
		t.Fatalf("%d answers stored, want 3", n)
	}

	// Nobody reads what the other side said: the worker reads their own answer only, the poster theirs.
	res, body = d.worker.do("GET", mine+"/feedback", nil)
	if own := feedbackOf(t, res.StatusCode, body); own.Face == nil || strings.Contains(string(body), "te laat") {
		t.Fatalf("the worker's own answer: %s", body)
	}
	if res, body = d.worker.do("GET", job, nil); res.StatusCode != 403 {
		t.Fatalf("the worker reads the poster's answers: %d %s", res.StatusCode, body)
	}
	res, body = d.poster.do("GET", job, nil)
	if res.StatusCode != 200 || strings.Contains(string(body), "Duidelijke") || !strings.Contains(string(body), "te laat") {
		t.Fatalf("the poster's own answers: %d %s", res.StatusCode, body)
	}

	// The coordinator of the worker's organisation reads it all; another organisation's does not.
	var slug string
	a.sql.Get(&slug, `SELECT o.slug FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`, d.workerID)
	coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, slug, 0))
	var otherCoach *client
	for _, p := range a.data.People {
		if p.Role == klusbuddy.RoleCoordinator && p.OrganisationSlug != slug {
			otherCoach = a.signedIn(p)
			break
		}
	}
	res, body = coach.do("GET", "/api/v1/org/people/"+itoa(d.workerID)+"/feedback", nil)
	var lists struct{ Received, Given []feedbackDoc }
	if err := json.Unmarshal(body, &lists); err != nil || res.StatusCode != 200 || len(lists.Received) != 1 || len(lists.Given) != 1 ||
		*lists.Received[0].Again || *lists.Received[0].Comment != "Kwam een half uur te laat." || lists.Received[0].About.ID != d.workerID ||
		*lists.Given[0].Face != "good" {
		t.Fatalf("the person's feedback: %d %s", res.StatusCode, body)
	}
	res, body = coach.do("GET", "/api/v1/org/posters/"+itoa(f.From.ID)+"/feedback", nil)
	if err := json.Unmarshal(body, &lists); err != nil || res.StatusCode != 200 || len(lists.Given) != 1 || len(lists.Received) == 0 {
		t.Fatalf("the poster's feedback: %d %s", res.StatusCode, body)
	}
	for _, r := range lists.Received {
		if r.About.ID != f.From.ID || r.Face == nil {
			t.Fatalf("received about the poster: %+v", r)
		}
	}
	if res, body = otherCoach.do("GET", "/api/v1/org/people/"+itoa(d.workerID)+"/feedback", nil); res.StatusCode != 404 {
		t.Fatalf("another organisation's coordinator: %d %s", res.StatusCode, body)
	}

	// Their data export holds what they said, not what the poster said about them.
	res, body = d.worker.do("GET", "/api/v1/me/export", nil)
	if res.StatusCode != 200 || !strings.Contains(string(body), "Duidelijke uitleg gekregen.") || strings.Contains(string(body), "te laat") {
		t.Fatalf("the worker's export: %d %.500s", res.StatusCode, body)
	}

	// A "no" is a signal for the worker's coordinators (once), not a block.
	if n := a.count(`SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'coordinator_alert'
		AND n.data->>'reason' = 'feedback_no' AND (n.data->>'worker_id')::bigint = $1 AND u.role = 'coordinator'`, d.workerID); n == 0 {
		t.Fatal("no coordinator was told of the no")
	}
	if n := a.count(`SELECT count(*) FROM notifications WHERE data->>'reason' = 'feedback_no' AND user_id IN ($1, $2)`, d.workerID, d.buddyID); n != 0 {
		t.Fatal("the worker or buddy was told of the no")
	}
	if n := a.count(`SELECT count(*) FROM blocks WHERE person_id = $1`, d.workerID); n != 0 {
		t.Fatalf("a no blocked the worker")
	}
}
