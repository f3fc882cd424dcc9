package httpapi_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/clock"
	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/password"
	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
)

// newAppWithHistory is newApp on the demo data with its 60 days of history (both
// organisations' jobs, places, sheets, outcomes, drop-outs, feedback).
func newAppWithHistory(t *testing.T) *site {
	t.Helper()
	db := pgtest.NewDB(t)
	data := demo.Data()
	data.History = demo.History(data)
	data.PasswordHash, _ = password.Hash(demo.Password, cheap)
	data.PINHash, _ = password.Hash(demo.PIN, cheap)
	if err := db.Seed(context.Background(), data); err != nil {
		t.Fatal(err)
	}
	a := &site{t: t, db: db, sql: pgtest.SQL(t, db), data: data, clock: clock.NewManual(time.Now())}
	a.inst = a.wire(t)
	a.srv = a.serve(t, a.inst)
	return a
}

// exportCSV downloads an export and returns its header row and rows, checking the envelope:
// BOM, semicolons, X-Total-Rows agreeing with the rows, a file name.
func exportCSV(t *testing.T, c *client, path string) ([]string, [][]string, string) {
	t.Helper()
	res, body := c.do("GET", path, nil, "Accept-Language", "en")
	if res.StatusCode != 200 {
		t.Fatalf("%s: %d %s", path, res.StatusCode, body)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := res.Header.Get("Content-Disposition"); !regexp.MustCompile(`^attachment; filename="klusbuddy-(jobs|assignments)-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv"$`).MatchString(cd) {
		t.Errorf("Content-Disposition %q", cd)
	}
	if !bytes.HasPrefix(body, []byte("\uFEFF")) {
		t.Fatal("no byte order mark")
	}
	r := csv.NewReader(bytes.NewReader(body[3:]))
	r.Comma = ';'
	all, err := r.ReadAll()
	if err != nil || len(all) == 0 {
		t.Fatalf("not CSV: %v\n%s", err, body)
	}
	if total, _ := strconv.Atoi(res.Header.Get("X-Total-Rows")); total != len(all)-1 {
		t.Errorf("X-Total-Rows %q, %d rows", res.Header.Get("X-Total-Rows"), len(all)-1)
	}
	return all[0], all[1:], string(body)
}

// column returns a function reading a named column of a row.
func column(t *testing.T, head []string) func(row []string, name string) string {
	at := map[string]int{}
	for i, h := range head {
		at[h] = i
	}
	return func(row []string, name string) string {
		i, ok := at[name]
		if !ok {
			t.Fatalf("no column %q in %v", name, head)
		}
		return row[i]
	}
}

func decimal(t *testing.T, s string) float64 {
	if s == "" {
		return 0
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil {
		t.Fatalf("not a decimal with a comma: %q", s)
	}
	return v
}

// TestFundersExports downloads both exports on the demo history as a coordinator of each
// organisation and as an admin, and recounts them from the raw tables: the organisation's rows
// only, the same sums, no personal data, pseudonyms that link within one export only.
func TestFundersExports(t *testing.T) {
	a := newAppWithHistory(t)
	const orgA, orgB = "kompas-genk", "de-schakel-hasselt"
	var idA, idB int64
	a.sql.Get(&idA, `SELECT id FROM organisations WHERE slug = $1`, orgA)
	a.sql.Get(&idB, `SELECT id FROM organisations WHERE slug = $1`, orgB)
	var nameA string
	a.sql.Get(&nameA, `SELECT name FROM organisations WHERE id = $1`, idA)
	coachA := a.signedIn(a.person(klusbuddy.RoleCoordinator, orgA, 0))
	coachB := a.signedIn(a.person(klusbuddy.RoleCoordinator, orgB, 0))
	admin := a.signedIn(a.person(klusbuddy.RoleAdmin, "", 0))

	today := time.Now().In(brussels)
	from, to := today.AddDate(0, 0, -demo.HistoryDays-2).Format("2006-01-02"), today.Format("2006-01-02")
	period := "?from=" + from + "&to=" + to
	lo, _ := time.ParseInLocation("2006-01-02", from, brussels)
	hi, _ := time.ParseInLocation("2006-01-02", to, brussels)
	hi = hi.AddDate(0, 0, 1)
	inPeriod := `lower(j.during) >= $1 AND lower(j.during) < $2`

	texts := []string{} // every personal value of the seed, to look for in the exports
	var people []struct {
		First, Last, Email, Phone string
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(a.sql.Select(&people, `SELECT first_name AS first, last_name AS last, coalesce(email, '') AS email, coalesce(phone, '') AS phone FROM users`))
	for _, p := range people {
		texts = append(texts, strings.TrimSpace(p.First+" "+p.Last), p.Email, p.Phone, strings.TrimPrefix(p.Phone, "+"))
		if len(p.Last) >= 4 {
			texts = append(texts, p.Last)
		}
	}
	var streets, free []string
	must(a.sql.Select(&streets, `SELECT street FROM poster_addresses`))
	must(a.sql.Select(&free, `SELECT description FROM jobs WHERE length(description) >= 8
		UNION SELECT comment FROM feedback WHERE length(comment) >= 8
		UNION SELECT coalesce(company_name, '') FROM poster_profiles
		UNION SELECT coalesce(vat_number, '') FROM poster_profiles`))
	if len(people) < 10 || len(streets) < 5 || len(free) < 3 {
		t.Fatalf("%d people, %d streets, %d texts to look for", len(people), len(streets), len(free))
	}
	texts = append(append(texts, streets...), free...)
	var postcodes []string
	must(a.sql.Select(&postcodes, `SELECT DISTINCT postcode FROM poster_addresses UNION SELECT postcode FROM worker_profiles UNION SELECT postcode FROM buddy_profiles`))
	noPersonalData := func(t *testing.T, body string, rows [][]string) {
		t.Helper()
		for _, s := range texts {
			if s != "" && strings.Contains(body, s) {
				t.Errorf("the export holds %q", s)
			}
		}
		isPostcode := map[string]bool{}
		for _, p := range postcodes {
			isPostcode[p] = true
		}
		for _, row := range rows {
			for _, f := range row {
				if isPostcode[f] {
					t.Errorf("a field is a postcode: %v", row)
				}
			}
		}
	}

	t.Run("Jobs", func(t *testing.T) {
		head, rows, body := exportCSV(t, coachA, "/api/v1/org/exports/jobs.csv"+period)
		col := column(t, head)
		if n := a.count(`SELECT count(*) FROM jobs j WHERE `+inPeriod+` AND j.organisation_id = $3`, lo, hi, idA); n != len(rows) || n < 5 {
			t.Fatalf("%d rows, %d jobs of the organisation in the period", len(rows), n)
		}
		var approved, booked, volunteer float64
		var noShows, late, early int
		keys := map[string]bool{}
		for _, r := range rows {
			if col(r, "organisation") != nameA {
				t.Errorf("a row of %q in %s's export", col(r, "organisation"), nameA)
			}
			if !regexp.MustCompile(`^J[A-Z2-7]{12}$`).MatchString(col(r, "job")) || keys[col(r, "job")] {
				t.Errorf("job key %q (twice, or not a pseudonym)", col(r, "job"))
			}
			keys[col(r, "job")] = true
			approved += decimal(t, col(r, "hours approved"))
			booked += decimal(t, col(r, "hours booked"))
			volunteer += decimal(t, col(r, "volunteer hours"))
			n, _ := strconv.Atoi(col(r, "no-shows"))
			noShows += n
			n, _ = strconv.Atoi(col(r, "late drop-outs"))
			late += n
			n, _ = strconv.Atoi(col(r, "early drop-outs"))
			early += n
			if k := col(r, "poster kind"); k != "household" && k != "company" {
				t.Errorf("poster kind %q", k)
			}
		}
		var want struct {
			Approved, Booked, Volunteer float64
			NoShows, Late, Early        int
		}
		if err := a.sql.Get(&want, `SELECT
			(SELECT coalesce(sum(t.approved), 0) / 60.0 FROM timesheets t JOIN jobs j ON j.id = t.job_id WHERE `+inPeriod+` AND j.organisation_id = $3
			   AND t.role = 'worker' AND t.unit = 'minutes' AND t.state IN ('approved', 'decided')) AS approved,
			(SELECT coalesce(sum(t.approved), 0) / 60.0 FROM timesheets t JOIN jobs j ON j.id = t.job_id WHERE `+inPeriod+` AND j.organisation_id = $3
			   AND t.role = 'buddy' AND t.state IN ('approved', 'decided')) AS volunteer,
			(SELECT coalesce(sum(extract(epoch FROM upper(s.during) - lower(s.during))), 0) / 3600 FROM assignments s JOIN jobs j ON j.id = s.job_id
			   WHERE `+inPeriod+` AND j.organisation_id = $3) AS booked,
			(SELECT count(*) FROM jobs j JOIN LATERAL (SELECT DISTINCT ON (place) outcome FROM outcomes o WHERE o.job_id = j.id AND o.place > 0
			   ORDER BY place, id DESC) o ON true WHERE `+inPeriod+` AND j.organisation_id = $3 AND o.outcome = 'worker_no_show') AS noshows,
			(SELECT count(*) FROM dropouts d JOIN jobs j ON j.id = d.job_id WHERE `+inPeriod+` AND j.organisation_id = $3 AND d.role = 'worker' AND d.late) AS late,
			(SELECT count(*) FROM dropouts d JOIN jobs j ON j.id = d.job_id WHERE `+inPeriod+` AND j.organisation_id = $3 AND d.role = 'worker' AND NOT d.late) AS early`,
			lo, hi, idA); err != nil {
			t.Fatal(err)
		}
		near := func(x, y float64) bool { return math.Abs(x-y) < 0.006*float64(len(rows)+1) }
		if !near(approved, want.Approved) || !near(booked, want.Booked) || !near(volunteer, want.Volunteer) || noShows != want.NoShows ||
			late != want.Late || early != want.Early {
			t.Errorf("sums: approved %.2f booked %.2f volunteer %.2f no-shows %d late %d early %d; the tables: %+v",
				approved, booked, volunteer, noShows, late, early, want)
		}
		if want.Approved == 0 || want.Late+want.Early == 0 {
			t.Errorf("the history lacks approved hours or drop-outs to check: %+v", want)
		}
		noPersonalData(t, body, rows)

		// The other organisation's coordinator gets theirs only; an admin every organisation's.
		_, rowsB, _ := exportCSV(t, coachB, "/api/v1/org/exports/jobs.csv"+period)
		for _, r := range rowsB {
			if col(r, "organisation") == nameA {
				t.Errorf("%s's job in the other organisation's export", nameA)
			}
		}
		_, all, _ := exportCSV(t, admin, "/api/v1/admin/exports/jobs.csv"+period)
		if n := a.count(`SELECT count(*) FROM jobs j WHERE `+inPeriod, lo, hi); len(all) != n || len(all) < len(rows)+len(rowsB) {
			t.Errorf("the admin's export: %d rows, %d jobs", len(all), n)
		}
		_, onlyA, _ := exportCSV(t, admin, "/api/v1/admin/exports/jobs.csv"+period+"&organisation="+strconv.FormatInt(idA, 10))
		if len(onlyA) != len(rows) {
			t.Errorf("the admin's export of %s: %d rows, the coordinator's %d", nameA, len(onlyA), len(rows))
		}
		if n := a.count(`SELECT count(*) FROM audit_log WHERE action = 'export.jobs' AND organisation_id = $1 AND (details->>'rows')::int = $2
			AND details->>'from' = $3`, idA, len(rows), from); n != 2 { // the coordinator's and the admin's of one organisation
			t.Errorf("%d export.jobs audit rows for %s", n, nameA)
		}
	})

	t.Run("Assignments", func(t *testing.T) {
		head, rows, body := exportCSV(t, coachA, "/api/v1/org/exports/assignments.csv"+period)
		col := column(t, head)
		var want struct {
			Places, Dropouts, Workers int
			Worked                    float64
		}
		if err := a.sql.Get(&want, `SELECT
			(SELECT count(*) FROM assignments s JOIN jobs j ON j.id = s.job_id JOIN users u ON u.id = s.worker_id
			   WHERE `+inPeriod+` AND u.organisation_id = $3) AS places,
			(SELECT count(*) FROM dropouts d JOIN jobs j ON j.id = d.job_id JOIN users u ON u.id = d.worker_id
			   WHERE `+inPeriod+` AND u.organisation_id = $3) AS dropouts,
			(SELECT count(DISTINCT s.worker_id) FROM assignments s JOIN jobs j ON j.id = s.job_id JOIN users u ON u.id = s.worker_id
			   WHERE `+inPeriod+` AND u.organisation_id = $3) AS workers,
			(SELECT coalesce(sum(w.hours), 0) FROM worked_hours(ARRAY(SELECT id FROM users WHERE organisation_id = $3 AND role = 'worker')) w
			   JOIN jobs j ON j.id = w.job_id WHERE `+inPeriod+`) AS worked`, lo, hi, idA); err != nil {
			t.Fatal(err)
		}
		if len(rows) != want.Places+want.Dropouts || want.Places < 5 {
			t.Fatalf("%d rows; %+v", len(rows), want)
		}
		var worked float64
		workers, booked := map[string]bool{}, 0
		for _, r := range rows {
			if col(r, "worker's organisation") != nameA {
				t.Errorf("a row of a worker of %q", col(r, "worker's organisation"))
			}
			worked += decimal(t, col(r, "hours worked"))
			if w := col(r, "worker"); w != "" {
				if !regexp.MustCompile(`^W[A-Z2-7]{12}$`).MatchString(w) {
					t.Errorf("worker pseudonym %q", w)
				}
				if col(r, "status") == "booked" {
					workers[w] = true
					booked++
				}
			}
		}
		if math.Abs(worked-want.Worked) > 0.006*float64(len(rows)) || len(workers) != want.Workers || booked != want.Places {
			t.Errorf("hours worked %.2f, %d workers, %d places; the tables: %+v", worked, len(workers), booked, want)
		}
		noPersonalData(t, body, rows)

		// Another export: the same people under other pseudonyms.
		_, again, _ := exportCSV(t, coachA, "/api/v1/org/exports/assignments.csv"+period)
		for _, r := range again {
			if workers[col(r, "worker")] {
				t.Fatalf("pseudonym %s in two exports", col(r, "worker"))
			}
		}
	})
}
