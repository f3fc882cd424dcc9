package pgtest

import (
	"testing"
	"time"
)

func TestMain(m *testing.M) { Main(m) }

// The generated history is what the app would have left: every recorded job move replays
// against the one list of allowed moves, nobody is booked twice at once (the exclusion
// constraints held while it was written), and the sizes are what the options promise.
func TestHistoryIsWhatTheAppLeaves(t *testing.T) {
	end := time.Date(2026, time.June, 1, 0, 0, 0, 0, time.UTC)
	db := History(t, HistoryOptions{Jobs: 20000, Organisations: 4, Years: 1, End: end, Throwaway: true})
	checkJobMoves(t, db.URL())
	x := SQL(t, db)
	var jobs, orgs, places, done, sheets int
	var last time.Time
	if err := x.QueryRow(`SELECT count(*), count(DISTINCT organisation_id), max(upper(during)) FROM jobs WHERE poster_id IN
		(SELECT user_id FROM poster_profiles p JOIN users u ON u.id = p.user_id WHERE u.email LIKE 'bench-%')`).Scan(&jobs, &orgs, &last); err != nil {
		t.Fatal(err)
	}
	if jobs != 20000 || orgs != 4 || last.After(end) {
		t.Errorf("%d jobs of %d organisations ending %s; want 20000 of 4 by %s", jobs, orgs, last, end)
	}
	if err := x.QueryRow(`SELECT (SELECT count(*) FROM assignments a JOIN users u ON u.id = a.worker_id WHERE u.first_name = 'Werker'),
		(SELECT count(*) FROM jobs j JOIN users u ON u.id = j.poster_id WHERE j.state IN ('done', 'hours_confirmed') AND u.email LIKE 'bench-%'),
		(SELECT count(*) FROM timesheets t JOIN users u ON u.id = t.person_id WHERE u.first_name IN ('Werker', 'Buddy'))`).Scan(&places, &done, &sheets); err != nil {
		t.Fatal(err)
	}
	// About five places a job that took place (1 to 9, evenly), a sheet for nearly each.
	if ratio := float64(places) / float64(done); ratio < 4.5 || ratio > 5.5 {
		t.Errorf("%d places on %d done jobs: %.2f a job, want about 5", places, done, ratio)
	}
	if sheets < places*9/10 {
		t.Errorf("%d sheets for %d places", sheets, places)
	}
	// The facts the triggers keep while the app runs hold for the generated rows too.
	var wrongPlace, wrongFill, wrongFirst, firsts, wrongMonths int
	if err := x.QueryRow(`SELECT
	(SELECT count(*) FROM jobs j JOIN poster_addresses a ON a.id = j.address_id
	   JOIN postcodes pc ON pc.postcode = a.postcode AND pc.municipality = a.municipality
	 WHERE j.main_municipality IS DISTINCT FROM pc.main_municipality),
	(SELECT count(*) FROM jobs j WHERE j.first_filled_at IS DISTINCT FROM
	   (SELECT min(at) FROM job_transitions x WHERE x.job_id = j.id AND x.to_state = 'filled')),
	(SELECT count(*) FROM (SELECT t.person_id, min(lower(j.during)) AS first_at FROM timesheets t JOIN jobs j ON j.id = t.job_id
	   WHERE t.role = 'worker' AND t.state IN ('approved', 'decided') GROUP BY 1) f
	 FULL JOIN worker_first_work w ON w.person_id = f.person_id WHERE w.first_at IS DISTINCT FROM f.first_at),
	(SELECT count(*) FROM worker_first_work),
	(SELECT count(*) FROM (SELECT coalesce(j.organisation_id, 0) AS organisation_id,
	       date_trunc('month', lower(j.during), 'Europe/Brussels') AS starts, t.person_id, t.role,
	       sum(CASE WHEN t.unit = 'minutes' THEN t.approved::float8 / 60
	                ELSE extract(epoch FROM upper(j.during) - lower(j.during))::float8 / 3600 END) AS hours
	     FROM timesheets t JOIN jobs j ON j.id = t.job_id WHERE t.state IN ('approved', 'decided') GROUP BY 1, 2, 3, 4) w
	 FULL JOIN impact_person_months m USING (organisation_id, starts, person_id, role)
	 WHERE w.hours IS NULL OR m.hours IS NULL OR abs(w.hours - m.hours) > 1e-9)`).Scan(&wrongPlace, &wrongFill, &wrongFirst, &firsts, &wrongMonths); err != nil {
		t.Fatal(err)
	}
	if wrongPlace+wrongFill+wrongFirst+wrongMonths > 0 || firsts == 0 {
		t.Errorf("impact facts: %d jobs with another municipality, %d with another first fill, %d workers with another first work (of %d), %d person-months with other hours",
			wrongPlace, wrongFill, wrongFirst, firsts, wrongMonths)
	}
}
