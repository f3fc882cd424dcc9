package postgres_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/statements"
)

// statementCategories adds categories per hour and per item at every VAT rate, with prices
// chosen so that quarters of an hour fall on fractions of a cent; it returns their ids.
func statementCategories(t testing.TB, sq *sqlx.DB, r *rand.Rand) []int64 {
	t.Helper()
	var ids []int64
	for i, rate := range klusbuddy.VATRates {
		for _, unit := range []string{"hour", "item"} {
			var id int64
			price := 1 + r.IntN(9999)
			if err := sq.Get(&id, `INSERT INTO categories (slug, icon, name_nl, name_fr, name_en, unit, unit_price_cents, vat_rate)
VALUES ($1, 'generic', $1, $1, $1, $2, $3, $4) RETURNING id`, fmt.Sprintf("prop-%s-%d", unit, i), unit, price, rate); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
	}
	return ids
}

// TestStatementsSumToTheRows is a property test: over a random set of jobs (several posters,
// categories per hour and per item at every VAT rate, workers' sheets in every state, buddies'
// approved sheets beside them, starts spread over months and around midnight at the months'
// ends), the monthly statements of every poster add up, cent for cent, to Σ unit price ×
// approved quantity (VAT included) computed by SQL from the rows with its own rounding; no
// sheet that is not final, and no buddy's, is billed; and the history's months say the same.
// The seed is logged; STATEMENT_SEED replays one.
func TestStatementsSumToTheRows(t *testing.T) {
	ctx := context.Background()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("STATEMENT_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d (STATEMENT_SEED=%d replays it)", seed, seed)
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))

	db, sq := newDB(t)
	if err := db.Seed(ctx, demo.Data()); err != nil {
		t.Fatal(err)
	}
	cats := statementCategories(t, sq, r)
	var addresses []struct {
		ID     int64 `db:"id"`
		Poster int64 `db:"poster_id"`
	}
	if err := sq.Select(&addresses, `SELECT DISTINCT ON (poster_id) id, poster_id FROM poster_addresses ORDER BY poster_id, id`); err != nil || len(addresses) < 3 {
		t.Fatalf("posters: %v (%d)", err, len(addresses))
	}
	var workers, buddies []int64
	sq.Select(&workers, `SELECT id FROM users WHERE role = 'worker' ORDER BY id`)
	sq.Select(&buddies, `SELECT id FROM users WHERE role = 'buddy' ORDER BY id`)
	if len(workers) < 3 || len(buddies) < 1 {
		t.Fatalf("%d workers, %d buddies", len(workers), len(buddies))
	}

	loc, _ := time.LoadLocation("Europe/Brussels")
	first := klusbuddy.Month{Year: 2026, Month: time.September}
	months := []klusbuddy.Month{first, {Year: 2026, Month: time.October}, {Year: 2026, Month: time.November}, {Year: 2026, Month: time.December}}
	states := []klusbuddy.SheetState{klusbuddy.SheetProposed, klusbuddy.SheetConfirmed, klusbuddy.SheetDisputed, klusbuddy.SheetApproved, klusbuddy.SheetDecided}
	jobs := 150 + r.IntN(150)
	for range jobs {
		a := addresses[r.IntN(len(addresses))]
		cat := cats[r.IntN(len(cats))]
		m := months[r.IntN(len(months))]
		// any quarter of the month, and often the last or first hours of one (Brussels vs UTC)
		start := m.Start(loc).Add(time.Duration(r.IntN(int(m.End(loc).Sub(m.Start(loc))/(15*time.Minute)))) * 15 * time.Minute)
		if r.IntN(4) == 0 {
			start = m.End(loc).Add(-time.Duration(1+r.IntN(8)) * 15 * time.Minute)
		}
		var unit string
		var jobID int64
		if err := sq.QueryRow(`INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, state, unit, unit_price_cents)
SELECT $1, $2, c.id, tstzrange($3, $3::timestamptz + interval '3 hours'), 3, 'done', c.unit, c.unit_price_cents FROM categories c WHERE c.id = $4
RETURNING id, unit`, a.Poster, a.ID, start, cat).Scan(&jobID, &unit); err != nil {
			t.Fatal(err)
		}
		for place, w := range r.Perm(len(workers))[:1+r.IntN(3)] {
			st := states[r.IntN(len(states))]
			su := "minutes"
			var v int
			if unit == "item" {
				su, v = "items", 1+r.IntN(999)
			} else {
				v = 15 * r.IntN(241) // 0 to 60 hours: a price × quarters overflows no int
			}
			insertSheet(t, sq, jobID, workers[w], "worker", place+1, su, st, v, start)
		}
		if r.IntN(3) == 0 {
			insertSheet(t, sq, jobID, buddies[r.IntN(len(buddies))], "buddy", 1, "minutes", klusbuddy.SheetApproved, 15*r.IntN(17), start)
		}
	}
	// A later change of the catalogue changes no statement.
	sq.MustExec(`UPDATE categories SET vat_rate = 0, unit_price_cents = 1`)

	// Independently, by SQL from the rows: per line round(price × minutes / 60) (or × items),
	// half up, and the net from it; the sheets that are final and a worker's only.
	var want []struct {
		Poster int64 `db:"poster_id"`
		Total  int   `db:"total"`
		Net    int   `db:"net"`
		Final  int   `db:"final"`
		Open   int   `db:"open"`
	}
	if err := sq.Select(&want, `WITH lines AS (
    SELECT j.poster_id, j.vat_rate, t.state,
           CASE WHEN t.state IN ('approved', 'decided') THEN
               round(CASE j.unit WHEN 'hour' THEN j.unit_price_cents::numeric * t.approved / 60 ELSE j.unit_price_cents::numeric * t.approved END)
           END AS total
    FROM timesheets t JOIN jobs j ON j.id = t.job_id WHERE t.role = 'worker')
SELECT poster_id, coalesce(sum(total), 0)::bigint AS total, coalesce(sum(round(total * 100 / (100 + vat_rate))), 0)::bigint AS net,
       count(total) AS final, count(*) - count(total) AS open
FROM lines GROUP BY poster_id ORDER BY poster_id`); err != nil {
		t.Fatal(err)
	}
	svc := statements.New(db, loc)
	checked := 0
	for _, w := range want {
		p := klusbuddy.Principal{User: klusbuddy.User{ID: w.Poster, Role: klusbuddy.RolePoster}}
		var sum klusbuddy.Amount
		billed, pending := 0, 0
		for _, m := range append([]klusbuddy.Month{{Year: 2026, Month: time.August}}, append(months, klusbuddy.Month{Year: 2027, Month: time.January})...) {
			st, err := svc.MonthStatement(ctx, p, m)
			if err != nil {
				t.Fatal(err)
			}
			sum = sum.Add(st.Amount)
			pending += st.Pending
			for _, j := range st.Jobs {
				if j.Job.PosterID != w.Poster || klusbuddy.MonthOf(j.Job.Start, loc) != m {
					t.Fatalf("poster %d, %s: job %d of poster %d starting %s", w.Poster, m, j.Job.ID, j.Job.PosterID, j.Job.Start)
				}
				for _, l := range j.Lines {
					if l.Billed {
						billed++
						if !l.State.Final() {
							t.Fatalf("seed %d: a %s sheet is billed: %+v", seed, l.State, l)
						}
					} else if l.Total != 0 || l.State.Final() {
						t.Fatalf("seed %d: line %+v", seed, l)
					}
				}
			}
		}
		if sum.Total != w.Total || sum.Net != w.Net || sum.Net+sum.VAT != sum.Total || billed != w.Final || pending != w.Open {
			t.Fatalf("seed %d, poster %d: the statements say %+v (%d billed, %d pending); the rows %d total, %d net (%d final, %d open)",
				seed, w.Poster, sum, billed, pending, w.Total, w.Net, w.Final, w.Open)
		}
		history, err := svc.StatementMonths(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		var hist klusbuddy.Amount
		for _, m := range history {
			hist = hist.Add(m.Amount)
		}
		if hist != sum {
			t.Fatalf("seed %d, poster %d: the history says %+v, the months %+v", seed, w.Poster, hist, sum)
		}
		checked++
	}
	if checked < 2 {
		t.Fatalf("only %d posters with sheets", checked)
	}
	t.Logf("%d jobs, %d posters checked", jobs, checked)
}

// insertSheet writes a sheet in a state as the hours' steps leave it (the table's constraints
// hold whoever writes).
func insertSheet(t testing.TB, sq *sqlx.DB, job, person int64, role string, place int, unit string, st klusbuddy.SheetState, v int, at time.Time) {
	t.Helper()
	var proposed, confirmed, approved *int
	var since *time.Time
	var dispute, note *string
	val := v
	if unit == "minutes" {
		proposed = &val
	}
	if st != klusbuddy.SheetProposed {
		confirmed = &val
	}
	if st == klusbuddy.SheetProposed && unit == "minutes" || st == klusbuddy.SheetConfirmed {
		since = &at
	}
	if st == klusbuddy.SheetDisputed || st == klusbuddy.SheetDecided {
		s := "Te lang"
		dispute = &s
	}
	if st.Final() {
		approved = &val
	}
	if st == klusbuddy.SheetDecided {
		s := "Gebeld"
		note = &s
	}
	sq.MustExec(`INSERT INTO timesheets (job_id, person_id, role, place, unit, proposed, state, confirmed, waiting_since, dispute_reason, approved, decision_note)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, job, person, role, place, unit, proposed, st, confirmed, since, dispute, approved, note)
}
