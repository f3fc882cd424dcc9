package httpapi_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The match board names the organisation a job belongs to and whether it shares its pool
// (issue 10), so that a coach sees why only one organisation's people were asked.
func TestBoardShowsTheJobsOrganisation(t *testing.T) {
	a := newApp(t)
	a.sql.MustExec(`UPDATE organisations SET shared_pool = false WHERE slug = 'kompas-genk'`)
	coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, "de-schakel-hasselt", 0))
	posterIn := func(municipality string) *client {
		for _, p := range a.data.People {
			if p.Poster != nil && p.Poster.Addresses[0].Municipality == municipality {
				return a.signedIn(p)
			}
		}
		t.Fatalf("no demo poster in %s", municipality)
		return nil
	}
	genk := postJob(t, posterIn("Genk"), nextTuesday10(), 1, klusbuddy.BuddyAllowed)
	as := postJob(t, posterIn("As"), nextTuesday10().Add(time.Hour), 1, klusbuddy.BuddyAllowed) // no organisation is based in As

	type organisation struct {
		ID         int64
		Name       string
		SharedPool bool `json:"shared_pool"`
	}
	var board struct {
		Jobs []struct {
			ID           int64
			Organisation *organisation
		}
	}
	_, body := coach.do("GET", "/api/v1/org/jobs?filter=all", nil)
	if err := json.Unmarshal(body, &board); err != nil {
		t.Fatal(err)
	}
	found := map[int64]*organisation{}
	for _, j := range board.Jobs {
		found[j.ID] = j.Organisation
	}
	if o, ok := found[genk.ID]; !ok || o == nil || o.Name != "Kompas Maatwerk Genk" || o.SharedPool {
		t.Errorf("Genk's job on the board with organisation %+v, want Kompas Maatwerk Genk, not shared", o)
	}
	if o, ok := found[as.ID]; !ok || o != nil {
		t.Errorf("a platform job on the board with organisation %+v, want null", o)
	}
	var review struct {
		Job struct{ Organisation *organisation }
	}
	_, body = coach.do("GET", "/api/v1/org/jobs/"+itoa(genk.ID), nil)
	if err := json.Unmarshal(body, &review); err != nil || review.Job.Organisation == nil || review.Job.Organisation.Name != "Kompas Maatwerk Genk" {
		t.Errorf("review of Genk's job: %s", body)
	}
}
