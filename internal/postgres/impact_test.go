package postgres_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/impact"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
)

// genImpact writes n jobs with a fixed seed over the demo's people (two organisations, their
// posters in Genk, As, Hasselt and Kuringen, and one address in Beringen, which no organisation
// is based in): jobs in every state, places, final and open sheets of workers (minutes and
// items, approved, decided, disputed, confirmed) and buddies, filled moves (some twice, some
// before a job ended unfilled), outcomes (no-shows, some overruled by a later outcome) and
// drop-outs, late and early, of workers and buddies. Jobs sit in distinct 27-hour slots from
// start, so that nobody is booked twice at once.
func genImpact(t testing.TB, sq *sqlx.DB, seed uint64, n int, start time.Time) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 13))
	var posters, workers, buddies, cats []int64
	must := func(err error) {
		if err != nil {
			t.Helper()
			t.Fatal(err)
		}
	}
	must(sq.Select(&workers, `SELECT user_id FROM worker_profiles ORDER BY user_id`))
	must(sq.Select(&buddies, `SELECT user_id FROM buddy_profiles ORDER BY user_id`))
	must(sq.Select(&cats, `SELECT id FROM categories ORDER BY id`))
	sq.MustExec(`INSERT INTO poster_addresses (poster_id, street, postcode, municipality, lat, lon)
		SELECT (SELECT min(user_id) FROM poster_profiles), 'Markt 1', postcode, municipality, lat, lon
		FROM postcodes WHERE postcode = '3580' ORDER BY municipality LIMIT 1`)
	type addr struct {
		ID     int64 `db:"id"`
		Poster int64 `db:"poster_id"`
	}
	var addrs []addr
	must(sq.Select(&addrs, `SELECT id, poster_id FROM poster_addresses ORDER BY id`))
	_ = posters
	states := []string{"done", "done", "done", "hours_confirmed", "hours_confirmed", "unfilled", "expired", "cancelled",
		"filled", "offering", "in_progress", "open"}
	slots := r.Perm(n)
	tx := sq.MustBegin()
	for i := range n {
		a := addrs[r.IntN(len(addrs))]
		st := states[r.IntN(len(states))]
		from := start.Add(time.Duration(slots[i]) * 27 * time.Hour).Add(time.Duration(r.IntN(8)) * time.Hour)
		hours := 1 + r.IntN(4)
		to := from.Add(time.Duration(hours) * time.Hour)
		created := from.Add(-time.Duration(1+r.IntN(300)) * time.Hour)
		need := 1 + r.IntN(3)
		var job int64
		must(tx.Get(&job, `INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, state, unit, unit_price_cents, created_at)
			VALUES ($1, $2, $3, tstzrange($4, $5), $6, $7, 'hour', 2450, $8) RETURNING id`,
			a.Poster, a.ID, cats[r.IntN(len(cats))], from, to, need, st, created))
		booked := st == "filled" || st == "in_progress" || st == "done" || st == "hours_confirmed"
		everFilled := booked || ((st == "cancelled" || st == "unfilled") && r.IntN(3) == 0)
		// the moves, in order, ending where the job stands
		path := []string{"open"}
		if st != "open" {
			path = append(path, "offering")
		}
		if everFilled {
			path = append(path, "filled")
			if r.IntN(5) == 0 { // filled again after a drop-out: the first time counts
				path = append(path, "offering", "filled")
			}
		}
		switch st {
		case "in_progress":
			path = append(path, "in_progress")
		case "done":
			path = append(path, "in_progress", "done")
		case "hours_confirmed":
			path = append(path, "in_progress", "done", "hours_confirmed")
		case "unfilled", "expired", "cancelled":
			if path[len(path)-1] == "filled" && st != "cancelled" {
				path = append(path, "offering")
			}
			path = append(path, st)
		}
		at := created
		var prev any
		for _, to := range path {
			tx.MustExec(`INSERT INTO job_transitions (job_id, from_state, to_state, at) VALUES ($1, $2, $3, $4)`, job, prev, to, at)
			prev = to
			at = at.Add(time.Duration(1+r.IntN(3600*30)) * time.Second)
		}
		if r.IntN(6) == 0 {
			tx.MustExec(`INSERT INTO dropouts (job_id, worker_id, late, at, role) VALUES ($1, $2, $3, $4, 'worker')`,
				job, workers[r.IntN(len(workers))], r.IntN(2) == 0, from.Add(-time.Hour))
		}
		if r.IntN(15) == 0 {
			tx.MustExec(`INSERT INTO dropouts (job_id, worker_id, late, at, role) VALUES ($1, $2, true, $3, 'buddy')`,
				job, buddies[r.IntN(len(buddies))], from.Add(-time.Hour))
		}
		if !booked && !(st == "cancelled" && r.IntN(4) == 0) {
			continue
		}
		// places (a cancelled job keeps some: its sheets must not count)
		ws := r.Perm(len(workers))[:need]
		for p, wi := range ws {
			w := workers[wi]
			tx.MustExec(`INSERT INTO assignments (job_id, workers_needed, place, worker_id, during) VALUES ($1, $2, $3, $4, tstzrange($5, $6))`,
				job, need, p+1, w, from, to)
			if st != "done" && st != "hours_confirmed" && st != "cancelled" {
				continue
			}
			switch k := r.IntN(10); {
			case k < 5:
				m := 15 * (1 + r.IntN(4*hours+4))
				tx.MustExec(`INSERT INTO timesheets (job_id, person_id, role, place, unit, proposed, state, confirmed, approved)
					VALUES ($1, $2, 'worker', $3, 'minutes', $4, 'approved', $4, $4)`, job, w, p+1, m)
			case k == 5:
				tx.MustExec(`INSERT INTO timesheets (job_id, person_id, role, place, unit, state, confirmed, approved)
					VALUES ($1, $2, 'worker', $3, 'items', 'approved', 7, 7)`, job, w, p+1)
			case k == 6:
				tx.MustExec(`INSERT INTO timesheets (job_id, person_id, role, place, unit, proposed, state, confirmed, dispute_reason, approved, decision_note)
					VALUES ($1, $2, 'worker', $3, 'minutes', 120, 'decided', 135, 'te veel', 90, 'besproken')`, job, w, p+1)
			case k == 7:
				tx.MustExec(`INSERT INTO timesheets (job_id, person_id, role, place, unit, proposed, state, confirmed, dispute_reason)
					VALUES ($1, $2, 'worker', $3, 'minutes', 120, 'disputed', 135, 'te veel')`, job, w, p+1)
			case k == 8:
				tx.MustExec(`INSERT INTO timesheets (job_id, person_id, role, place, unit, proposed, state, confirmed, waiting_since)
					VALUES ($1, $2, 'worker', $3, 'minutes', 120, 'confirmed', 120, $4)`, job, w, p+1, to)
			}
			if r.IntN(5) == 0 {
				b := buddies[r.IntN(len(buddies))]
				state, approved := "approved", any(15*(1+r.IntN(12)))
				if r.IntN(3) == 0 {
					state, approved = "confirmed", nil
				}
				var waiting any
				if state == "confirmed" {
					waiting = to
				}
				tx.MustExec(`INSERT INTO timesheets (job_id, person_id, role, place, unit, proposed, state, confirmed, approved, waiting_since)
					VALUES ($1, $2, 'buddy', $3, 'minutes', 60, $4, 60, $5, $6) ON CONFLICT DO NOTHING`, job, b, p+1, state, approved, waiting)
			}
			if r.IntN(8) == 0 {
				tx.MustExec(`INSERT INTO outcomes (job_id, place, outcome, by_role, at) VALUES ($1, $2, 'worker_no_show', 'system', $3)`, job, p+1, to)
				if r.IntN(3) == 0 { // overruled: the newest outcome counts
					tx.MustExec(`INSERT INTO outcomes (job_id, place, outcome, by_role, at) VALUES ($1, $2, 'done', 'system', $3)`, job, p+1, to.Add(time.Hour))
				}
			}
		}
	}
	must(tx.Commit())
	sq.MustExec(`ANALYZE`)
}

// rawImpact is every row the figures come from, read back from the tables.
type rawImpact struct {
	jobs []struct {
		ID       int64     `db:"id"`
		Poster   int64     `db:"poster_id"`
		Org      *int64    `db:"organisation_id"`
		Category int64     `db:"category_id"`
		Start    time.Time `db:"starts"`
		End      time.Time `db:"ends"`
		State    string    `db:"state"`
		Created  time.Time `db:"created_at"`
		Address  int64     `db:"address_id"`
	}
	addresses map[int64][2]string // postcode, municipality
	mains     map[[2]string]string
	kinds     map[int64]string
	sheets    []struct {
		Job      int64  `db:"job_id"`
		Person   int64  `db:"person_id"`
		Role     string `db:"role"`
		Unit     string `db:"unit"`
		State    string `db:"state"`
		Approved *int   `db:"approved"`
	}
	moves []struct {
		Job int64     `db:"job_id"`
		To  string    `db:"to_state"`
		At  time.Time `db:"at"`
	}
	outcomes []struct {
		ID      int64  `db:"id"`
		Job     int64  `db:"job_id"`
		Place   int    `db:"place"`
		Outcome string `db:"outcome"`
	}
	places []struct {
		Job    int64 `db:"job_id"`
		Place  int   `db:"place"`
		Worker int64 `db:"worker_id"`
	}
	dropouts []struct {
		Job    int64  `db:"job_id"`
		Worker int64  `db:"worker_id"`
		Late   bool   `db:"late"`
		Role   string `db:"role"`
	}
}

func readRaw(t testing.TB, sq *sqlx.DB) *rawImpact {
	t.Helper()
	r := &rawImpact{addresses: map[int64][2]string{}, mains: map[[2]string]string{}, kinds: map[int64]string{}}
	for q, dst := range map[string]any{
		`SELECT id, poster_id, organisation_id, category_id, lower(during) AS starts, upper(during) AS ends, state, created_at, address_id FROM jobs`: &r.jobs,
		`SELECT job_id, person_id, role, unit, state, approved FROM timesheets`:                                                                       &r.sheets,
		`SELECT job_id, to_state, at FROM job_transitions`:                                                                                            &r.moves,
		`SELECT id, job_id, place, outcome FROM outcomes`:                                                                                             &r.outcomes,
		`SELECT job_id, place, worker_id FROM assignments`:                                                                                            &r.places,
		`SELECT job_id, worker_id, late, role FROM dropouts`:                                                                                          &r.dropouts,
	} {
		if err := sq.Select(dst, q); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := sq.Query(`SELECT id, postcode, municipality FROM poster_addresses`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var pc, m string
		rows.Scan(&id, &pc, &m)
		r.addresses[id] = [2]string{pc, m}
	}
	rows, _ = sq.Query(`SELECT postcode, municipality, main_municipality FROM postcodes`)
	for rows.Next() {
		var pc, m, main string
		rows.Scan(&pc, &m, &main)
		r.mains[[2]string{pc, m}] = main
	}
	rows, _ = sq.Query(`SELECT user_id, kind FROM poster_profiles`)
	for rows.Next() {
		var id int64
		var k string
		rows.Scan(&id, &k)
		r.kinds[id] = k
	}
	return r
}

// percentileCont is PostgreSQL's percentile_cont: linear between the two nearest ranks.
func percentileCont(xs []float64, p float64) float64 {
	slices.Sort(xs)
	pos := p * float64(len(xs)-1)
	lo := math.Floor(pos)
	if int(lo)+1 >= len(xs) {
		return xs[int(lo)]
	}
	return xs[int(lo)] + (pos-lo)*(xs[int(lo)+1]-xs[int(lo)])
}

// recount counts the figures of sc, from the raw rows, as the definitions say.
func (r *rawImpact) recount(sc klusbuddy.ImpactScope) klusbuddy.ImpactFigures {
	var f klusbuddy.ImpactFigures
	in := map[int64]bool{}
	jobByID := map[int64]int{}
	for i, j := range r.jobs {
		jobByID[j.ID] = i
		if j.Start.Before(sc.From) || !j.Start.Before(sc.To) {
			continue
		}
		if sc.OrganisationID != 0 && (j.Org == nil || *j.Org != sc.OrganisationID) {
			continue
		}
		if sc.CategoryID != 0 && j.Category != sc.CategoryID {
			continue
		}
		if sc.Municipality != "" && r.mains[r.addresses[j.Address]] != sc.Municipality {
			continue
		}
		in[j.ID] = true
	}
	firstFilled := map[int64]time.Time{}
	for _, m := range r.moves {
		if m.To == "filled" && (firstFilled[m.Job].IsZero() || m.At.Before(firstFilled[m.Job])) {
			firstFilled[m.Job] = m.At
		}
	}
	households, companies := map[int64]bool{}, map[int64]bool{}
	var fill []float64
	for _, j := range r.jobs {
		if !in[j.ID] {
			continue
		}
		f.JobsPosted++
		done := j.State == "done" || j.State == "hours_confirmed"
		if done {
			f.JobsDone++
			if r.kinds[j.Poster] == "company" {
				companies[j.Poster] = true
			} else {
				households[j.Poster] = true
			}
		}
		if j.State == "unfilled" || j.State == "expired" {
			f.JobsUnfilled++
		} else if at, ok := firstFilled[j.ID]; ok {
			f.JobsFilled++
			fill = append(fill, at.Sub(j.Created).Hours())
		}
		if j.State == "cancelled" {
			f.JobsCancelled++
		}
	}
	f.Households, f.Companies = len(households), len(companies)
	if len(fill) > 0 {
		m, p := percentileCont(fill, 0.5), percentileCont(fill, 0.9)
		f.FillMedian, f.FillP90 = &m, &p
	}
	final := func(s string) bool { return s == "approved" || s == "decided" }
	first := map[int64]time.Time{} // each worker's first final sheet's job start, ever
	for _, s := range r.sheets {
		j := r.jobs[jobByID[s.Job]]
		if s.Role == "worker" && final(s.State) && j.State != "cancelled" && (first[s.Person].IsZero() || j.Start.Before(first[s.Person])) {
			first[s.Person] = j.Start
		}
	}
	people, fresh, buddies := map[int64]bool{}, map[int64]bool{}, map[int64]bool{}
	for _, s := range r.sheets {
		j := r.jobs[jobByID[s.Job]]
		if !in[s.Job] || !final(s.State) || j.State == "cancelled" {
			continue
		}
		h := float64(*s.Approved) / 60
		if s.Unit == "items" {
			h = j.End.Sub(j.Start).Hours()
		}
		if s.Role == "worker" {
			f.HoursWorked += h
			people[s.Person] = true
			if !first[s.Person].Before(sc.From) {
				fresh[s.Person] = true
			}
		} else {
			f.BuddyHours += h
			buddies[s.Person] = true
		}
	}
	f.PeopleWorked, f.NewPeople, f.Buddies = len(people), len(fresh), len(buddies)
	newest := map[[2]int64]int{}
	for i, o := range r.outcomes {
		k := [2]int64{o.Job, int64(o.Place)}
		if p, ok := newest[k]; o.Place > 0 && (!ok || o.ID > r.outcomes[p].ID) {
			newest[k] = i
		}
	}
	noShow := map[int64]bool{}
	for k, i := range newest {
		if !in[k[0]] || r.outcomes[i].Outcome != "worker_no_show" {
			continue
		}
		f.NoShows++
		for _, p := range r.places {
			if p.Job == k[0] && int64(p.Place) == k[1] {
				noShow[p.Worker] = true
			}
		}
	}
	f.NoShowPeople = len(noShow)
	dropped := map[int64]bool{}
	for _, d := range r.dropouts {
		if !in[d.Job] || d.Role != "worker" {
			continue
		}
		if d.Late {
			f.DropoutsLate++
		} else {
			f.DropoutsEarly++
		}
		dropped[d.Worker] = true
	}
	f.DropoutPeople = len(dropped)
	return f
}

func sameFigures(t *testing.T, what string, got, want klusbuddy.ImpactFigures) {
	t.Helper()
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-6 }
	nearP := func(a, b *float64) bool { return (a == nil) == (b == nil) && (a == nil || near(*a, *b)) }
	g, w := got, want
	g.HoursWorked, w.HoursWorked, g.BuddyHours, w.BuddyHours = 0, 0, 0, 0
	g.FillMedian, w.FillMedian, g.FillP90, w.FillP90 = nil, nil, nil, nil
	if g != w || !near(got.HoursWorked, want.HoursWorked) || !near(got.BuddyHours, want.BuddyHours) ||
		!nearP(got.FillMedian, want.FillMedian) || !nearP(got.FillP90, want.FillP90) {
		t.Errorf("%s:\n got %s\nwant %s", what, show(got), show(want))
	}
}

func show(f klusbuddy.ImpactFigures) string {
	p := func(x *float64) string {
		if x == nil {
			return "nil"
		}
		return fmt.Sprintf("%.4f", *x)
	}
	return fmt.Sprintf("%+v median=%s p90=%s", f, p(f.FillMedian), p(f.FillP90))
}

// TestImpactRecount recounts every figure from the raw rows of a generated data set and
// compares it with the service's, for several periods, organisations, categories and
// municipalities, in total and for every step of the series.
func TestImpactRecount(t *testing.T) {
	ctx := context.Background()
	db, sq := newDB(t)
	if err := db.Seed(ctx, demo.Data()); err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation("Europe/Brussels")
	genImpact(t, sq, 1, 500, time.Date(2025, 9, 20, 6, 0, 0, 0, loc))
	raw := readRaw(t, sq)
	svc := impact.New(db, loc)
	svc.Now = func() time.Time { return time.Date(2026, 6, 15, 12, 0, 0, 0, loc) }
	var orgs []int64
	sq.Select(&orgs, `SELECT id FROM organisations ORDER BY id`)
	var cat string
	sq.Get(&cat, `SELECT c.slug FROM categories c JOIN jobs j ON j.category_id = c.id GROUP BY c.slug ORDER BY count(*) DESC LIMIT 1`)
	admin := klusbuddy.Principal{User: klusbuddy.User{ID: 1, Role: klusbuddy.RoleAdmin}}
	coordinator := klusbuddy.Principal{User: klusbuddy.User{ID: 2, Role: klusbuddy.RoleCoordinator, OrganisationID: orgs[1]}}
	cases := []struct {
		name  string
		actor klusbuddy.Principal
		q     klusbuddy.ImpactQuery
	}{
		{"year, all", admin, klusbuddy.ImpactQuery{}},
		{"last year, all", admin, klusbuddy.ImpactQuery{Date: "2025-12-31"}},
		{"year, one organisation", admin, klusbuddy.ImpactQuery{OrganisationID: orgs[0]}},
		{"coordinator's year", coordinator, klusbuddy.ImpactQuery{OrganisationID: orgs[0]}}, // replaced by their own
		{"quarter", admin, klusbuddy.ImpactQuery{Period: "quarter", Date: "2026-02-10"}},
		{"month, category", admin, klusbuddy.ImpactQuery{Period: "month", Date: "2026-03-01", Category: cat}},
		{"week", admin, klusbuddy.ImpactQuery{Period: "week", Date: "2026-02-18"}},
		{"range, Hasselt (with Kuringen)", admin, klusbuddy.ImpactQuery{Period: "range", From: "2025-10-01", To: "2026-09-30", Municipality: "hasselt"}},
		{"range, Beringen (no organisation)", admin, klusbuddy.ImpactQuery{Period: "range", From: "2025-09-01", To: "2026-12-31", Municipality: "Beringen"}},
		{"range by day", coordinator, klusbuddy.ImpactQuery{Period: "range", From: "2026-01-01", To: "2026-01-20"}},
	}
	checked := 0
	for _, c := range cases {
		rep, err := svc.Impact(ctx, c.actor, c.q)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if c.actor.Role == klusbuddy.RoleCoordinator && rep.Scope.OrganisationID != c.actor.OrganisationID {
			t.Fatalf("%s: a coordinator counted organisation %d", c.name, rep.Scope.OrganisationID)
		}
		sameFigures(t, c.name+", total", rep.Total, raw.recount(rep.Scope))
		if rep.Total.PeopleWorked == 0 || rep.Total.JobsPosted == 0 {
			t.Errorf("%s: nothing counted (%+v): the case tests nothing", c.name, rep.Total)
		}
		for i, b := range rep.Series {
			sc := rep.Scope
			sc.From, sc.To = b.From, b.To
			if i > 0 && !b.From.Equal(rep.Series[i-1].To) || i == 0 && !b.From.Equal(rep.Scope.From) {
				t.Fatalf("%s: the series has a gap before step %d", c.name, i)
			}
			sameFigures(t, fmt.Sprintf("%s, step %d (%s)", c.name, i, b.From.Format(time.DateOnly)), b.Figures, raw.recount(sc))
			checked++
		}
		if last := rep.Series[len(rep.Series)-1]; !last.To.Equal(rep.Scope.To) {
			t.Fatalf("%s: the series ends at %s, not at the period's end", c.name, last.To)
		}
	}
	// Per municipality, as the public page counts.
	year := klusbuddy.ImpactScope{From: time.Date(2026, 1, 1, 0, 0, 0, 0, loc), To: time.Date(2027, 1, 1, 0, 0, 0, 0, loc)}
	total, names, figs, err := db.ImpactByMunicipality(ctx, year)
	if err != nil {
		t.Fatal(err)
	}
	sameFigures(t, "platform", total, raw.recount(year))
	if len(names) < 3 {
		t.Fatalf("only %v municipalities", names)
	}
	for i, n := range names {
		sc := year
		sc.Municipality = n
		sameFigures(t, "municipality "+n, figs[i], raw.recount(sc))
	}
	t.Logf("%d steps and %d municipalities agree", checked, len(names))
}

var _ = postgres.ImpactQueryForBench

// The facts kept for the figures follow the sheets as the app moves them: a sheet approved or
// decided later adds its hours to its person's month once, and a later change to a final sheet
// (erasure's) adds nothing. Compared with the same facts recounted from the raw rows.
func TestImpactFactsFollowTheSheets(t *testing.T) {
	ctx := context.Background()
	db, sq := newDB(t)
	if err := db.Seed(ctx, demo.Data()); err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation("Europe/Brussels")
	genImpact(t, sq, 2, 200, time.Date(2025, 12, 20, 6, 0, 0, 0, loc))
	var moved int64
	for _, q := range []string{
		`UPDATE timesheets SET state = 'approved', approved = confirmed, waiting_since = NULL WHERE state = 'confirmed' AND confirmed IS NOT NULL`,
		`UPDATE timesheets SET state = 'decided', approved = coalesce(confirmed, proposed, 60), decision_note = 'Nagekeken.' WHERE state = 'disputed'`,
		`UPDATE timesheets SET reason = CASE WHEN reason IS NOT NULL THEN '-' END WHERE state IN ('approved', 'decided')`,
	} {
		res, err := sq.ExecContext(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		n, _ := res.RowsAffected()
		moved += n
	}
	if moved == 0 {
		t.Fatal("no sheet moved: the test checks nothing")
	}
	var wrong, rows int
	if err := sq.QueryRow(`WITH want AS (
    SELECT coalesce(j.organisation_id, 0) AS organisation_id, date_trunc('month', lower(j.during), 'Europe/Brussels') AS starts,
           t.person_id, t.role,
           sum(CASE WHEN t.unit = 'minutes' THEN t.approved::float8 / 60
                    ELSE extract(epoch FROM upper(j.during) - lower(j.during))::float8 / 3600 END) AS hours
    FROM timesheets t JOIN jobs j ON j.id = t.job_id
    WHERE t.state IN ('approved', 'decided') AND j.state <> 'cancelled'
    GROUP BY 1, 2, 3, 4)
SELECT count(*) FILTER (WHERE w.hours IS NULL OR m.hours IS NULL OR abs(w.hours - m.hours) > 1e-9),
       (SELECT count(*) FROM impact_person_months)
FROM want w FULL JOIN impact_person_months m USING (organisation_id, starts, person_id, role)`).Scan(&wrong, &rows); err != nil {
		t.Fatal(err)
	}
	if wrong > 0 || rows == 0 {
		t.Errorf("%d of %d person-months differ from the sheets", wrong, rows)
	}
}
