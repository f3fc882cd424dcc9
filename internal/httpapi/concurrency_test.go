package httpapi_test

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Two people editing one profile at once: each edit either lands or is refused with 409; an
// edit that was answered 200 is never silently overwritten by the other.
func TestConcurrentEditsLoseNothing(t *testing.T) {
	a := newApp(t)
	target := a.person(klusbuddy.RoleWorker, "kompas-genk", 4)
	path := "/api/v1/org/people/" + itoa(a.idOf(target))
	one := a.signedIn(a.person(klusbuddy.RoleCoordinator, "kompas-genk", 0))
	two := a.signedIn(a.person(klusbuddy.RoleCoordinator, "kompas-genk", 1))
	conflicts := 0
	for round := range 20 {
		name := fmt.Sprintf("Naam%d", round)
		minutes := 20 + round
		var wg sync.WaitGroup
		var s1, s2 int
		wg.Add(2)
		go func() {
			defer wg.Done()
			r, _ := one.do("PATCH", path, map[string]any{"first_name": name})
			s1 = r.StatusCode
		}()
		go func() {
			defer wg.Done()
			r, _ := two.do("PATCH", path, map[string]any{"worker": map[string]any{"max_travel_minutes": minutes}})
			s2 = r.StatusCode
		}()
		wg.Wait()
		for _, s := range []int{s1, s2} {
			if s != 200 && s != 409 {
				t.Fatalf("round %d: status %d", round, s)
			}
			if s == 409 {
				conflicts++
			}
		}
		_, body := one.do("GET", path, nil)
		var p struct {
			FirstName string `json:"first_name"`
			Worker    struct {
				MaxTravelMinutes int `json:"max_travel_minutes"`
			}
		}
		json.Unmarshal(body, &p)
		if s1 == 200 && p.FirstName != name {
			t.Fatalf("round %d: the name change was answered 200 and then lost", round)
		}
		if s2 == 200 && p.Worker.MaxTravelMinutes != minutes {
			t.Fatalf("round %d: the travel change was answered 200 and then lost", round)
		}
	}
	t.Logf("%d of 40 edits refused with 409", conflicts)
}

// Saving a profile keeps when and by whom each skill was verified.
func TestVerificationSurvivesOtherEdits(t *testing.T) {
	a := newApp(t)
	target := a.person(klusbuddy.RoleWorker, "kompas-genk", 5)
	id := a.idOf(target)
	coach := a.signedIn(a.person(klusbuddy.RoleCoordinator, "kompas-genk", 0))
	coachID := a.idOf(a.person(klusbuddy.RoleCoordinator, "kompas-genk", 0))
	path := "/api/v1/org/people/" + itoa(id)
	if res, body := coach.do("PATCH", path, map[string]any{"worker": map[string]any{"skills": []map[string]any{{"category": "garden", "level": 2, "verified": true}}}}); res.StatusCode != 200 {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	var at1 time.Time
	var by *int64
	q := `SELECT s.verified_at, s.verified_by FROM worker_skills s JOIN categories c ON c.id = s.category_id WHERE s.worker_id = $1 AND c.slug = 'garden'`
	if err := a.sql.QueryRow(q, id).Scan(&at1, &by); err != nil {
		t.Fatal(err)
	}
	if by == nil || *by != coachID {
		t.Fatalf("verified_by = %v, want the coordinator %d", by, coachID)
	}
	time.Sleep(10 * time.Millisecond)
	worker := a.signedIn(target)
	if res, body := worker.do("PATCH", "/api/v1/me/profile", map[string]any{"language": "fr"}); res.StatusCode != 200 {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	if res, body := coach.do("PATCH", path, map[string]any{"worker": map[string]any{"skills": []map[string]any{
		{"category": "garden", "level": 3, "verified": true}, {"category": "cleaning", "level": 1}}}}); res.StatusCode != 200 {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	var at2 time.Time
	if err := a.sql.QueryRow(q, id).Scan(&at2, &by); err != nil {
		t.Fatal(err)
	}
	if !at2.Equal(at1) {
		t.Fatalf("verification moved from %v to %v by unrelated edits", at1, at2)
	}
}
