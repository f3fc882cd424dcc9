package httpapi_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

type jobDoc struct {
	ID      int64
	State   string
	Start   time.Time
	End     time.Time
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
	later := time.Now().Add(72 * time.Hour).Truncate(time.Minute)

	var job jobDoc
	t.Run("PostAndFollow", func(t *testing.T) {
		status, body := post(poster, later, nil)
		if status != 201 {
			t.Fatalf("%d %s", status, body)
		}
		json.Unmarshal(body, &job)
		if job.State != "open" || !job.Start.Equal(later) || job.End.Sub(job.Start) != 3*time.Hour || len(job.Coming) != 0 {
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
		w := a.person(klusbuddy.RoleWorker, "", 0)
		if _, err := a.db.Assign(t.Context(), job.ID, a.idOf(w)); err != nil {
			t.Fatal(err)
		}
		_, body := poster.do("GET", "/api/v1/jobs/"+itoa(job.ID), nil)
		json.Unmarshal(body, &job)
		if len(job.Coming) != 1 || job.Coming[0] != w.FirstName || strings.Contains(string(body), w.Phone) || strings.Contains(string(body), w.LastName+`"`) {
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
