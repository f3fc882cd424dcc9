package postgres_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/statements"
)

func TestSeed(t *testing.T) {
	t.Run("DemoDataLoads", func(t *testing.T) {
		db, sq := newDB(t)
		ctx := context.Background()
		if empty, err := db.IsEmpty(ctx); err != nil || !empty {
			t.Fatalf("new database: empty=%v err=%v", empty, err)
		}
		if err := db.Seed(ctx, demo.Data()); err != nil {
			t.Fatal(err)
		}
		counts, err := db.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{
			"organisations": 2, "categories": len(demo.Categories), "admin": 1, "coordinator": 4,
			"worker": 2 * demo.WorkersPerOrganisation, "buddy": demo.Buddies, "poster": demo.Posters,
		}
		for k, n := range want {
			if counts[k] != n {
				t.Errorf("%s: %d, want %d", k, counts[k], n)
			}
		}
		if empty, _ := db.IsEmpty(ctx); empty {
			t.Fatal("seeded database reports empty")
		}
		cats, err := db.ListCategories(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(cats) != len(demo.Categories) || cats[0].Slug != demo.Categories[0].Slug || cats[0].Names.FR == "" {
			t.Fatalf("categories = %+v", cats)
		}
		// Every poster address lies on the map, taken from the postcode table.
		var off int
		if err := sq.GetContext(ctx, &off, `SELECT count(*) FROM poster_addresses a LEFT JOIN postcodes p USING (postcode, municipality) WHERE p.lat IS NULL`); err != nil || off != 0 {
			t.Fatalf("addresses off the map: %d (%v)", off, err)
		}
	})

	t.Run("AllOrNothingWithHistory", func(t *testing.T) {
		db, _ := newDB(t)
		ctx := context.Background()
		data := demo.Data()
		data.History = demo.History(data)
		// The last job names a worker nobody is: no person, job or rate may be left behind.
		last := &data.History.Jobs[len(data.History.Jobs)-1]
		last.Places[0].Worker = "+32400000000"
		if err := db.Seed(ctx, data); err == nil {
			t.Fatal("seed with an unknown worker in its history succeeded")
		}
		if empty, err := db.IsEmpty(ctx); err != nil || !empty {
			t.Fatalf("after a failed seed: empty=%v err=%v", empty, err)
		}
	})

	t.Run("AllOrNothing", func(t *testing.T) {
		db, _ := newDB(t)
		ctx := context.Background()
		data := demo.Data()
		// The last poster lives at a postcode that does not exist: nothing may be left behind.
		last := &data.People[len(data.People)-1]
		last.Poster.Addresses[0].Postcode, last.Poster.Addresses[0].Municipality = "9999", "Nergens"
		if err := db.Seed(ctx, data); err == nil {
			t.Fatal("seed with an unknown postcode succeeded")
		}
		if empty, err := db.IsEmpty(ctx); err != nil || !empty {
			t.Fatalf("after a failed seed: empty=%v err=%v", empty, err)
		}
	})
}

// The demo's history (demo.History), seeded at two moments (early in a month and on its last
// day): about eight weeks of past jobs whose rows hold together as the app leaves them, and
// something on every screen of the demo logins.
func TestSeedHistory(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	for _, now := range []time.Time{
		time.Date(2026, time.December, 2, 15, 40, 0, 0, time.UTC),
		time.Date(2027, time.March, 31, 20, 0, 0, 0, time.UTC),  // the last evening of a month
		time.Date(2027, time.March, 31, 22, 30, 0, 0, time.UTC), // half past midnight on the 1st
	} {
		t.Run(now.Format("2006-01-02T15:04Z"), func(t *testing.T) {
			db, sq := newDB(t)
			db.Now = func() time.Time { return now }
			ctx := context.Background()
			data := demo.Data()
			data.History = demo.History(data)
			if err := db.Seed(ctx, data); err != nil {
				t.Fatal(err)
			}
			one := func(q string, args ...any) int {
				t.Helper()
				var n int
				if err := sq.GetContext(ctx, &n, q, args...); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
				return n
			}
			if n := one(`SELECT count(*) FROM jobs`); n < 30 || n > 60 {
				t.Errorf("%d past jobs, want 30 to 60", n)
			}
			if n := one(`SELECT count(*) FROM jobs WHERE upper(during) > $1 OR lower(during) < $2`, now, now.AddDate(0, 0, -demo.HistoryDays-1)); n != 0 {
				t.Errorf("%d jobs outside the last %d days", n, demo.HistoryDays)
			}
			// Nothing happened after the clock.
			if n := one(`SELECT (SELECT count(*) FROM timesheet_steps WHERE at > $1) + (SELECT count(*) FROM feedback WHERE at > $1)
                + (SELECT count(*) FROM job_transitions WHERE at > $1) + (SELECT count(*) FROM attendance WHERE out_at > $1)
                + (SELECT count(*) FROM dropouts WHERE at > $1) + (SELECT count(*) FROM favourites WHERE created_at > $1)`, now); n != 0 {
				t.Errorf("%d rows after the seed's clock", n)
			}
			if n := one(`SELECT count(DISTINCT category_id) FROM jobs`); n < 4 {
				t.Errorf("jobs in %d categories", n)
			}
			if n := one(`SELECT count(*) FROM jobs WHERE unit = 'item'`); n == 0 {
				t.Error("no job per item")
			}
			// Every job is done, its hours confirmed exactly when all its workers' sheets are final;
			// its moves lead from its posting to its state, each one allowed.
			if n := one(`SELECT count(*) FROM jobs j WHERE j.state <> CASE WHEN EXISTS (SELECT 1 FROM timesheets t WHERE t.job_id = j.id AND t.state NOT IN ('approved', 'decided'))
                THEN 'done' ELSE 'hours_confirmed' END`); n != 0 {
				t.Errorf("%d jobs in a state their sheets do not give", n)
			}
			if n := one(`SELECT count(*) FROM jobs j WHERE j.state <> (SELECT to_state FROM job_transitions m WHERE m.job_id = j.id ORDER BY at DESC, id DESC LIMIT 1)
                OR (SELECT count(*) FROM job_transitions m WHERE m.job_id = j.id AND m.from_state IS NULL) <> 1`); n != 0 {
				t.Errorf("%d jobs whose moves do not lead to their state", n)
			}
			if n := one(`SELECT count(*) FROM job_transitions m WHERE m.from_state IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM job_state_transitions a WHERE a.from_state = m.from_state AND a.to_state = m.to_state)`); n != 0 {
				t.Errorf("%d moves that are not allowed", n)
			}
			// Everyone who came checked in and out and has a sheet; the no-show neither.
			if n := one(`SELECT count(*) FROM assignments s WHERE NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.job_id = s.job_id AND o.place = s.place AND o.outcome = 'worker_no_show')
                AND NOT EXISTS (SELECT 1 FROM attendance a JOIN timesheets t USING (job_id, person_id) WHERE a.job_id = s.job_id AND a.person_id = s.worker_id AND a.out_at IS NOT NULL)`); n != 0 {
				t.Errorf("%d places done without attendance or sheet", n)
			}
			states := map[string]int{}
			var rows []struct {
				State string `db:"state"`
				N     int    `db:"n"`
			}
			if err := sq.SelectContext(ctx, &rows, `SELECT t.state || coalesce('/' || (SELECT p.by_role FROM timesheet_steps p WHERE p.sheet_id = t.id AND p.step = 'approve'), '') AS state, count(*) AS n
FROM timesheets t WHERE t.role = 'worker' GROUP BY 1`); err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				states[r.State] = r.N
			}
			if states["approved/poster"] < 20 || states["approved/system"] < 3 || states["decided"] != 1 || states["confirmed"] != 1 || len(states) != 4 {
				t.Errorf("worker sheets by state: %v", states)
			}
			if n := one(`SELECT count(*) FROM timesheets WHERE role = 'buddy' AND state = 'approved'`); n < 2 {
				t.Errorf("%d buddies' sheets", n)
			}
			logins := map[string]string{}
			for _, l := range demo.Logins(data) {
				key := l.Role // the household among the posters, and the company
				if strings.Contains(l.Who, "(") && l.Role == "poster" {
					key = "company"
				}
				if _, ok := logins[key]; !ok {
					logins[key] = l.Login
				}
			}
			// The household's hours of yesterday wait for its approval.
			if n := one(`SELECT count(*) FROM timesheets t JOIN jobs j ON j.id = t.job_id JOIN users p ON p.id = j.poster_id
                WHERE t.state = 'confirmed' AND p.email = $1 AND t.waiting_since BETWEEN $2 AND $3 AND j.state = 'done'`,
				logins["poster"], now.AddDate(0, 0, -2), now); n != 1 {
				t.Errorf("%d sheets of the household (%s) waiting since yesterday", n, logins["poster"])
			}
			// Both demo workers have approved hours, none after now, and far from the caps.
			for _, l := range demo.Logins(data) {
				if l.Role != "worker" {
					continue
				}
				var id int64
				if err := sq.GetContext(ctx, &id, `SELECT id FROM users WHERE phone = $1`, l.Login); err != nil {
					t.Fatal(err)
				}
				if n := one(`SELECT count(*) FROM timesheets WHERE person_id = $1 AND state = 'approved'`, id); n < 3 {
					t.Errorf("demo worker %s: %d approved sheets", l.Who, n)
				}
				if h := one(`SELECT coalesce(ceil(sum(hours)), 0) FROM worked_hours(ARRAY[$1::bigint]) WHERE starts >= $2`, id, now.AddDate(0, 0, -31)); h > 30 {
					t.Errorf("demo worker %s: %d hours in the last month", l.Who, h)
				}
				if n := one(`SELECT count(*) FROM assignments WHERE worker_id = $1 AND upper(during) > $2`, id, now); n != 0 {
					t.Errorf("demo worker %s booked in the future", l.Who)
				}
			}
			// The company's statement of last month: several jobs, its VAT number, and the total
			// Σ price × approved quantity.
			var company int64
			if err := sq.GetContext(ctx, &company, `SELECT id FROM users WHERE email = $1`, logins["company"]); err != nil {
				t.Fatal(err)
			}
			last := klusbuddy.MonthOf(now, loc)
			last = klusbuddy.MonthOf(last.Start(loc).Add(-time.Hour), loc)
			st, err := statements.New(db, loc).MonthStatement(ctx, klusbuddy.Principal{User: klusbuddy.User{ID: company, Role: klusbuddy.RolePoster}}, last)
			if err != nil {
				t.Fatal(err)
			}
			want := one(`SELECT coalesce(sum(round(CASE j.unit WHEN 'hour' THEN j.unit_price_cents::numeric * t.approved / 60 ELSE j.unit_price_cents::numeric * t.approved END)), 0)::bigint
FROM timesheets t JOIN jobs j ON j.id = t.job_id WHERE j.poster_id = $1 AND t.role = 'worker' AND t.state IN ('approved', 'decided')
AND lower(j.during) >= $2 AND lower(j.during) < $3`, company, last.Start(loc), last.End(loc))
			t.Logf("%d jobs; worker sheets %v; the company's %s: %d jobs, %d cents", one(`SELECT count(*) FROM jobs`), states, last, len(st.Jobs), st.Amount.Total)
			if len(st.Jobs) < 4 || st.Poster.VATNumber == "" || st.Amount.Total != want || want == 0 {
				t.Errorf("the company's statement of %s: %d jobs, VAT %q, total %d (want %d)", last, len(st.Jobs), st.Poster.VATNumber, st.Amount.Total, want)
			}
			// Outcomes: a no-show and a late drop-out, of the same worker; feedback both ways; a
			// favourite; Genk's pay and none in Hasselt.
			if n := one(`SELECT count(*) FROM outcomes o JOIN assignments s ON s.job_id = o.job_id AND s.place = o.place
                JOIN dropouts d ON d.worker_id = s.worker_id AND d.late WHERE o.outcome = 'worker_no_show'`); n != 1 {
				t.Errorf("%d workers with a no-show and a late drop-out", n)
			}
			if n := one(`SELECT count(*) FROM feedback WHERE from_role = 'poster' AND again AND tags <> '{}'`); n < 10 {
				t.Errorf("%d yes with tags", n)
			}
			if n := one(`SELECT count(*) FROM feedback WHERE from_role = 'poster' AND NOT again AND comment IS NOT NULL`); n != 1 {
				t.Errorf("%d no with a comment", n)
			}
			if n := one(`SELECT count(*) FROM feedback WHERE from_role = 'worker' AND face IS NOT NULL`); n < 10 {
				t.Errorf("%d workers' faces", n)
			}
			// The household's favourite goes alone and never on Tuesdays, so the household's new
			// jobs on a Tuesday (the browser tests') go to everyone, not to the favourite first.
			if n := one(`SELECT count(*) FROM favourites f JOIN users p ON p.id = f.poster_id JOIN worker_profiles w ON w.user_id = f.worker_id
                WHERE p.email = $1 AND w.buddy_need = 'never' AND NOT EXISTS (SELECT 1 FROM availability a WHERE a.user_id = f.worker_id AND a.weekday = 2)
                AND EXISTS (SELECT 1 FROM timesheets t JOIN jobs j ON j.id = t.job_id WHERE t.person_id = f.worker_id AND j.poster_id = p.id)`, logins["poster"]); n != 1 {
				t.Errorf("the household has %d favourites who worked for it, go alone and never on Tuesdays", n)
			}
			if n := one(`SELECT count(*) FROM organisations WHERE worker_rate_cents = $1 AND slug = 'kompas-genk'`, demo.GenkWorkerRateCents); n != 1 {
				t.Error("Genk sets no pay")
			}
			if n := one(`SELECT count(*) FROM organisations WHERE worker_rate_cents IS NULL`); n != 1 {
				t.Errorf("%d organisations without pay, want 1", n)
			}
			// Seeding runs once: the seeded database is not empty, and a second seed changes nothing.
			if empty, _ := db.IsEmpty(ctx); empty {
				t.Fatal("seeded database reports empty")
			}
			jobs := one(`SELECT count(*) FROM jobs`)
			if err := db.Seed(ctx, data); err == nil {
				t.Error("a second seed succeeded")
			}
			if n := one(`SELECT count(*) FROM jobs`); n != jobs {
				t.Errorf("a second seed left %d jobs, had %d", n, jobs)
			}
		})
	}
}
