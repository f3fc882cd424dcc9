package httpapi_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

type jobDoc struct {
	ID      int64
	State   string
	Start   time.Time
	End     time.Time
	Level   int
	Coming  []string
	Address struct{ Municipality string }
}

func TestJobs(t *testing.T) {
	a := newApp(t)
	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 6))
	var prof profileDoc
	_, body := poster.do("GET", "/api/v1/me/profile", nil)
	json.Unmarshal(body, &prof)
	address := prof.Poster.Addresses[0].ID
	post := func(c *client, start time.Time, mod func(map[string]any)) (int, []byte) {
		in := map[string]any{"category": "garden", "address_id": address, "description": "Haag snoeien en gras maaien",
			"start": start.Format(time.RFC3339), "minutes": 180, "workers_needed": 2}
		if mod != nil {
			mod(in)
		}
		res, body := c.do("POST", "/api/v1/jobs", in)
		return res.StatusCode, body
	}
	soon := time.Now().Add(6 * time.Hour).Truncate(time.Minute)
	later := nextTuesday10()

	var job jobDoc
	t.Run("PostAndFollow", func(t *testing.T) {
		status, body := post(poster, later, nil)
		if status != 201 {
			t.Fatalf("%d %s", status, body)
		}
		json.Unmarshal(body, &job)
		// The first wave goes out as the job is posted.
		if job.State != "offering" || !job.Start.Equal(later) || job.End.Sub(job.Start) != 3*time.Hour || len(job.Coming) != 0 {
			t.Fatalf("%s", body)
		}
		_, body = poster.do("GET", "/api/v1/jobs", nil)
		if !strings.Contains(string(body), `"id":`+itoa(job.ID)) {
			t.Fatalf("job not listed: %s", body)
		}
		if n := a.count(`SELECT count(*) FROM job_transitions WHERE job_id = $1 AND to_state = 'open' AND from_state IS NULL`, job.ID); n != 1 {
			t.Fatalf("posting not recorded as a transition: %d", n)
		}
	})
	t.Run("WhoIsComingByFirstName", func(t *testing.T) {
		w, offer := a.offeredWorker(t, job.ID)
		if res, body := w.c.do("POST", "/api/v1/offers/"+itoa(offer)+"/accept", nil); res.StatusCode != 200 {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		_, body := poster.do("GET", "/api/v1/jobs/"+itoa(job.ID), nil)
		json.Unmarshal(body, &job)
		if len(job.Coming) != 1 || job.Coming[0] != w.firstName || strings.Contains(string(body), w.phone) || strings.Contains(string(body), w.lastName) {
			t.Fatalf("%s", body)
		}
	})
	t.Run("OnlyTheirOwn", func(t *testing.T) {
		other := a.signedIn(a.person(klusbuddy.RolePoster, "", 7))
		if res, _ := other.do("GET", "/api/v1/jobs/"+itoa(job.ID), nil); res.StatusCode != 404 {
			t.Fatalf("another poster sees the job: %d", res.StatusCode)
		}
		if res, _ := other.do("POST", "/api/v1/jobs/"+itoa(job.ID)+"/cancel", nil); res.StatusCode != 404 {
			t.Fatalf("another poster cancels the job: %d", res.StatusCode)
		}
		if status, body := post(other, later, nil); status != 422 || !strings.Contains(string(body), `"address_id"`) {
			t.Fatalf("posted at someone else's address: %d %s", status, body)
		}
		worker := a.signedIn(a.person(klusbuddy.RoleWorker, "", 1))
		if status, _ := post(worker, later, nil); status != 403 {
			t.Fatalf("a worker posted a job: %d", status)
		}
	})
	t.Run("BadInput", func(t *testing.T) {
		before := a.count(`SELECT count(*) FROM jobs`)
		status, body := post(poster, time.Now().Add(10*time.Minute), func(m map[string]any) {
			m["minutes"], m["workers_needed"], m["category"], m["buddy"] = 5, 0, "juggling", "maybe"
		})
		if status != 422 {
			t.Fatalf("%d %s", status, body)
		}
		for _, f := range []string{`"start"`, `"minutes"`, `"workers_needed"`, `"buddy"`} {
			if !strings.Contains(string(body), `"field":`+f) {
				t.Errorf("%s not named: %s", f, body)
			}
		}
		if status, body := post(poster, later, func(m map[string]any) { m["category"] = "juggling" }); status != 422 || !strings.Contains(string(body), `"field":"category"`) {
			t.Errorf("unknown category: %d %s", status, body)
		}
		if a.count(`SELECT count(*) FROM jobs`) != before {
			t.Fatal("refused posts stored jobs")
		}
	})
	t.Run("CancelFreeAndLate", func(t *testing.T) {
		res, body := poster.do("POST", "/api/v1/jobs/"+itoa(job.ID)+"/cancel", nil)
		if res.StatusCode != 200 || !strings.Contains(string(body), `"late":false`) || !strings.Contains(string(body), `"state":"cancelled"`) {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		if n := a.count(`SELECT count(*) FROM assignments WHERE job_id = $1`, job.ID); n != 0 {
			t.Fatal("the booked worker was not freed")
		}
		if res, _ := poster.do("POST", "/api/v1/jobs/"+itoa(job.ID)+"/cancel", nil); res.StatusCode != 409 {
			t.Fatalf("cancelled twice: %d", res.StatusCode)
		}
		status, body := post(poster, soon, nil)
		var j jobDoc
		json.Unmarshal(body, &j)
		if status != 201 {
			t.Fatalf("%d %s", status, body)
		}
		_, body = poster.do("POST", "/api/v1/jobs/"+itoa(j.ID)+"/cancel", nil)
		if !strings.Contains(string(body), `"late":true`) {
			t.Fatalf("a cancellation 6 hours ahead is not late: %s", body)
		}
		if n := a.count(`SELECT count(*) FROM job_transitions WHERE job_id = $1 AND to_state = 'cancelled' AND late`, j.ID); n != 1 {
			t.Fatal("late cancellation not recorded")
		}
	})
}

// nextTuesday10 is 10:00 in Belgium on the Tuesday after next, when most demo workers work.
func nextTuesday10() time.Time {
	d := time.Now().In(brussels).AddDate(0, 0, 7)
	for d.Weekday() != time.Tuesday {
		d = d.AddDate(0, 0, 1)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 10, 0, 0, 0, brussels)
}

type signedInWorker struct {
	c                          *client
	id                         int64
	firstName, lastName, phone string
}

// offeredWorker signs in the worker of the best open offer on a job.
func (a *site) offeredWorker(t testing.TB, jobID int64) (signedInWorker, int64) {
	t.Helper()
	var w signedInWorker
	var offer int64
	err := a.sql.QueryRow(`SELECT o.id, u.id, u.first_name, u.last_name, u.phone FROM offers o JOIN users u ON u.id = o.worker_id
		WHERE o.job_id = $1 AND o.state = 'pending' ORDER BY o.score DESC LIMIT 1`, jobID).Scan(&offer, &w.id, &w.firstName, &w.lastName, &w.phone)
	if err != nil {
		t.Fatalf("no open offer for job %d: %v", jobID, err)
	}
	w.c = a.client()
	if res, body := w.c.do("POST", "/api/v1/login", map[string]string{"login": w.phone, "secret": demo.PIN}); res.StatusCode != 200 {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	return w, offer
}

// A level of 0 is not a level: 422, as the API description's minimum says, where it used to be
// stored as 1. Left out (or null in an edit), it is 1.
func TestJobLevelZero(t *testing.T) {
	a := newApp(t)
	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 8))
	body := func(level any) map[string]any {
		b := map[string]any{"category": "cleaning", "address_id": profileOf(t, poster).Poster.Addresses[0].ID,
			"start": nextTuesday10().Format(time.RFC3339), "minutes": 120, "workers_needed": 1}
		if level != nil {
			b["level"] = level
		}
		return b
	}
	res, b := poster.do("POST", "/api/v1/jobs", body(0))
	if p := decodeProblem(t, res, b); res.StatusCode != 422 || len(p.Errors) != 1 || p.Errors[0].Field != "level" {
		t.Fatalf("level 0: %d %s", res.StatusCode, b)
	}
	res, b = poster.do("POST", "/api/v1/jobs", body(nil))
	var j jobDoc
	json.Unmarshal(b, &j)
	if res.StatusCode != 201 || j.Level != 1 {
		t.Fatalf("no level: %d %s", res.StatusCode, b)
	}
	res, b = poster.do("PATCH", "/api/v1/jobs/"+itoa(j.ID), map[string]any{"level": 0}, "Content-Type", "application/merge-patch+json")
	if p := decodeProblem(t, res, b); res.StatusCode != 422 || len(p.Errors) != 1 || p.Errors[0].Field != "level" {
		t.Fatalf("edit to level 0: %d %s", res.StatusCode, b)
	}
	poster.do("PATCH", "/api/v1/jobs/"+itoa(j.ID), map[string]any{"level": 2}, "Content-Type", "application/merge-patch+json")
	res, b = poster.do("PATCH", "/api/v1/jobs/"+itoa(j.ID), map[string]any{"level": nil}, "Content-Type", "application/merge-patch+json")
	json.Unmarshal(b, &j)
	if res.StatusCode != 200 || j.Level != 1 {
		t.Fatalf("edit to level null: %d %s", res.StatusCode, b)
	}
}
