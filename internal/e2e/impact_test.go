package e2e_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
)

// Impact in the browser: the public page (no sign-in, a 360 px phone) shows the platform's
// figures and Genk's (six people), hides Hasselt's numbers about two people and says why, in
// Dutch and in French; and a coordinator reads their figures with charts and tables and finds
// the CSV. axe-core checks every page.
func TestImpactPages(t *testing.T) {
	srv := startInProcess(t)
	now := time.Now()
	done := func(municipality string, workers int, offset int) {
		for i := range workers {
			from := time.Date(now.Year(), now.Month(), now.Day(), 9, 0, 0, 0, time.UTC).AddDate(0, 0, -3-i)
			if from.Year() != now.Year() {
				from = time.Date(now.Year(), 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(offset+i) * time.Hour * 3)
			}
			var job int64
			if err := srv.DB.QueryRow(`INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, state, unit, unit_price_cents, created_at)
				SELECT a.poster_id, a.id, (SELECT min(id) FROM categories), tstzrange($2, $3), 1, 'done', 'hour', 2450, $4
				FROM poster_addresses a JOIN postcodes p USING (postcode, municipality) WHERE p.main_municipality = $1
				ORDER BY a.id LIMIT 1 RETURNING id`, municipality, from, from.Add(2*time.Hour), from.Add(-48*time.Hour)).Scan(&job); err != nil {
				t.Fatalf("a job in %s: %v", municipality, err)
			}
			for k, m := range [][2]any{{nil, "open"}, {"open", "offering"}, {"offering", "filled"}, {"filled", "in_progress"}, {"in_progress", "done"}} {
				srv.DB.Exec(`INSERT INTO job_transitions (job_id, from_state, to_state, at) VALUES ($1, $2, $3, $4)`, job, m[0], m[1],
					from.Add(-48*time.Hour+time.Duration(k)*time.Hour))
			}
			var w int64
			if err := srv.DB.QueryRow(`SELECT user_id FROM worker_profiles ORDER BY user_id OFFSET $1 LIMIT 1`, offset+i).Scan(&w); err != nil {
				t.Fatal(err)
			}
			srv.DB.Exec(`INSERT INTO assignments (job_id, workers_needed, place, worker_id, during) VALUES ($1, 1, 1, $2, tstzrange($3, $4))`, job, w, from, from.Add(2*time.Hour))
			if _, err := srv.DB.Exec(`INSERT INTO timesheets (job_id, person_id, role, place, unit, proposed, state, confirmed, approved)
				VALUES ($1, $2, 'worker', 1, 'minutes', 120, 'approved', 120, 120)`, job, w); err != nil {
				t.Fatal(err)
			}
		}
	}
	done("Genk", 6, 0)
	done("Hasselt", 2, 20)
	var coach string
	for _, l := range demo.Logins(demo.Data()) {
		if l.Role == "coordinator" && coach == "" {
			coach = l.Login
		}
	}
	runBrowserScript(t, "impact.test.mjs", srv.URL, "E2E_COACH="+coach, fmt.Sprintf("E2E_YEAR=%d", now.Year()))
}
