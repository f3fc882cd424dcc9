package e2e_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// Every screen of every role at 360 × 740 in Dutch, French, English, Turkish and Arabic
// (issue 14): axe-core clean, nothing wider than the phone, Arabic right to left and mirrored,
// a screenshot of each where E2E_ARTIFACTS names a folder. The demo data with its history, and
// one job posted now for two workers with a buddy, one place taken: a worker has its offer, a
// buddy its request, the poster and the coach a job with someone booked.
func TestEveryScreenInEveryLanguage(t *testing.T) {
	srv := startInProcess(t, func(d *klusbuddy.SeedData) { d.History = demo.History(*d) })
	logins := map[string]demo.Login{}
	for _, l := range demo.Logins(demo.Data()) {
		if _, ok := logins[l.Role]; !ok && (l.Role != "poster" || !strings.Contains(l.Who, "(")) {
			logins[l.Role] = l
		}
	}
	q := func(what, query string, args []any, dest ...any) {
		t.Helper()
		if err := srv.DB.QueryRow(query, args...).Scan(dest...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	// Every demo buddy can go along with cleaning on Tuesday mornings, within the hour, so that
	// a buddy has a request on their home screen.
	for _, s := range []string{
		`INSERT INTO buddy_categories (buddy_id, category_id) SELECT user_id, (SELECT id FROM categories WHERE slug = 'cleaning') FROM buddy_profiles ON CONFLICT DO NOTHING`,
		`DELETE FROM availability WHERE user_id IN (SELECT user_id FROM buddy_profiles) AND weekday = 2`,
		`INSERT INTO availability (user_id, weekday, starts, ends) SELECT user_id, 2, '08:00', '17:00' FROM buddy_profiles`,
		`UPDATE buddy_profiles SET max_travel_minutes = 60`,
	} {
		if _, err := srv.DB.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	poster := signIn(t, srv.URL, logins["poster"].Login, demo.Password)
	// A job a worker has taken, with a buddy asked to come along: the poster's job page and the
	// coach's have someone booked.
	jobID := poster.postCleaning(map[string]any{"workers_needed": 2, "buddy": "required"})
	var offer int64
	var taker, buddy string
	q("an offer of the job", `SELECT o.id, u.phone FROM offers o JOIN users u ON u.id = o.worker_id
		WHERE o.job_id = $1 AND o.state = 'pending' ORDER BY o.score DESC LIMIT 1`, []any{jobID}, &offer, &taker)
	signIn(t, srv.URL, taker, demo.PIN).call("POST", fmt.Sprintf("/api/v1/offers/%d/accept", offer), nil, nil)
	q("a buddy asked", `SELECT u.phone FROM buddy_requests r JOIN users u ON u.id = r.buddy_id
		WHERE r.job_id = $1 AND r.state = 'pending' ORDER BY r.travel_minutes LIMIT 1`, []any{jobID}, &buddy)

	// The worker on screen is one with an open offer (of this job's second place).
	var worker, coach string
	var posterID, org, person int64
	q("a worker with the job's offer", `SELECT u.phone FROM offers o JOIN users u ON u.id = o.worker_id
		WHERE o.job_id = $1 AND o.state = 'pending' ORDER BY o.needs_buddy, o.score DESC LIMIT 1`, []any{jobID}, &worker)
	q("the job's organisation", `SELECT poster_id, organisation_id FROM jobs WHERE id = $1`, []any{jobID}, &posterID, &org)
	q("its coordinator", `SELECT email FROM users WHERE role = 'coordinator' AND organisation_id = $1 ORDER BY id LIMIT 1`, []any{org}, &coach)
	q("a worker of theirs", `SELECT id FROM users WHERE role = 'worker' AND organisation_id = $1 ORDER BY id LIMIT 1`, []any{org}, &person)

	// A fresh invite link for the invite screen.
	var created struct{ Invite struct{ URL string } }
	signIn(t, srv.URL, coach, demo.Password).call("POST", "/api/v1/org/people", map[string]any{"role": "worker",
		"first_name": "Scherm", "last_name": "Testpersoon", "phone": "+32491987655", "language": "nl",
		"worker": map[string]any{"postcode": "3600", "municipality": "Genk", "travel_mode": "bike", "max_travel_minutes": 20}}, &created)
	_, token, ok := strings.Cut(created.Invite.URL, "#")
	if !ok {
		t.Fatalf("invite link without a token: %q", created.Invite.URL)
	}

	now := time.Now()
	lastMonth := time.Date(now.Year(), now.Month(), 1, 12, 0, 0, 0, time.Local).AddDate(0, -1, 0).Format("2006-01")
	runBrowserScriptWithin(t, 4*time.Minute, "screens.test.mjs", srv.URL,
		"E2E_WORKER="+worker, "E2E_BUDDY="+buddy, "E2E_POSTER="+logins["poster"].Login,
		"E2E_COACH="+coach, "E2E_ADMIN="+logins["admin"].Login, "E2E_INVITE_TOKEN="+token,
		fmt.Sprintf("E2E_JOB=%d", jobID), fmt.Sprintf("E2E_POSTER_ID=%d", posterID), fmt.Sprintf("E2E_PERSON=%d", person),
		"E2E_MONTH="+lastMonth)
}
