package e2e_test

import (
	"strconv"
	"testing"
	"time"
)

// Under the radar, in the browser: a coordinator has "Opvolgen" open on their phone (360 px);
// the server's clock moves past the three days an invite may wait unused, the sweep puts the
// invited worker on the list and the coordinator's screen shows them without a reload; the
// coordinator notes a call and the entry shows it. The clock is moved, never slept: the
// browser script says when it has checked the list (GET /healthz, counted here) and only then
// does the clock move.
func TestFollowUpLive(t *testing.T) {
	srv := startInProcess(t)
	var coachLogin string
	var org int64
	if err := srv.DB.QueryRow(`SELECT email, organisation_id FROM users WHERE role = 'coordinator' ORDER BY id LIMIT 1`).Scan(&coachLogin, &org); err != nil {
		t.Fatal(err)
	}
	coach := signIn(t, srv.URL, coachLogin, "klusbuddy-demo")
	var created struct{ Person struct{ ID int64 } } // created with an invite
	coach.call("POST", "/api/v1/org/people", map[string]any{"role": "worker", "first_name": "Radar", "last_name": "Testpersoon",
		"phone": "+32491987654", "language": "nl",
		"worker": map[string]any{"postcode": "3600", "municipality": "Genk", "travel_mode": "bike", "max_travel_minutes": 20}}, &created)
	person := created.Person

	moved := make(chan struct{})
	go func() {
		defer close(moved)
		deadline := time.Now().Add(3 * time.Minute)
		for srv.count("GET", "/healthz") == 0 {
			if time.Now().After(deadline) {
				return
			}
			time.Sleep(50 * time.Millisecond) // waits for the browser, not for the rule: the clock is moved below
		}
		srv.Clock.offset.Store(int64(3*24*time.Hour + time.Minute))
	}()
	runBrowserScript(t, "followup.test.mjs", srv.URL, "E2E_COACH="+coachLogin, "E2E_PERSON="+strconv.FormatInt(person.ID, 10))
	<-moved

	var kind, note string
	if err := srv.DB.QueryRow(`SELECT kind, note FROM follow_up_actions WHERE person_id = $1 ORDER BY id DESC LIMIT 1`, person.ID).Scan(&kind, &note); err != nil {
		t.Fatalf("no follow-up action: %v", err)
	}
	if kind != "call" || note != "Gebeld: komt morgen langs" {
		t.Errorf("the action %s %q", kind, note)
	}
	var audited int
	srv.DB.QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'follow_up.act' AND subject_id = $1`, person.ID).Scan(&audited)
	if audited != 1 {
		t.Errorf("%d audit rows for the call", audited)
	}
}
