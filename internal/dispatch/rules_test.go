package dispatch_test

import (
	"context"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/match"
)

// booking is a worker's place on another job, hours from a start.
type booking struct {
	start     time.Time
	hours     float64
	cancelled bool // the job was cancelled: its hours count for nothing
	sheet     sheet
}

// sheet is the worker's timesheet of a booking (none when state is empty): worked hours count
// the approved minutes of a final sheet, the booked hours otherwise and for items.
type sheet struct {
	state string // proposed, confirmed, approved, decided
	value int    // minutes (or items), confirmed and, when final, approved
	items bool
}

func approved(minutes int) sheet { return sheet{state: "approved", value: minutes} }

// The rules that matching checks before offering (to avoid useless offers) and accepting
// checks again in the database (authoritative: hours and bookings change meanwhile): the hour
// caps by the job's month and year in Belgium, and no overlapping booking. One table of cases
// drives both: dispatch.Eligibility on the facts a wave loads, and accept_offer itself.
func TestRulesHoldOnBothSides(t *testing.T) {
	job := nextTuesday() // 10:00–12:00, 2 hours
	local := job.In(brussels)
	firstOfMonth := time.Date(local.Year(), local.Month(), 1, 0, 30, 0, 0, brussels) // still the month before in UTC
	otherMonth := local.AddDate(0, 1, 0)                                             // same year, another month
	if local.Month() == time.December {
		otherMonth = local.AddDate(0, -1, 0)
	}
	nextYear := local.AddDate(1, 0, 0)
	if nextYear.Month() == local.Month() && local.Month() == time.January {
		nextYear = local.AddDate(1, 1, 0)
	}
	cases := []struct {
		name              string
		monthCap, yearCap float64
		bookings          []booking
		want              match.Reason
	}{
		{"UnderBothCaps", 10, 100, []booking{{local.AddDate(0, 0, 1), 4, false, sheet{}}}, match.Eligible},
		{"ExactlyAtTheMonthCap", 6, 100, []booking{{local.AddDate(0, 0, 1), 4, false, sheet{}}}, match.Eligible},
		{"PastTheMonthCap", 5, 100, []booking{{local.AddDate(0, 0, 1), 4, false, sheet{}}}, match.MonthCapReached},
		{"AnotherMonthCountsForTheYearOnly", 5, 100, []booking{{otherMonth, 4, false, sheet{}}}, match.Eligible},
		{"PastTheYearCap", 100, 9, []booking{{otherMonth, 4, false, sheet{}}, {otherMonth.AddDate(0, 0, 1), 4, false, sheet{}}}, match.YearCapReached},
		{"AnotherYearCountsForNothing", 5, 5, []booking{{nextYear, 4, false, sheet{}}}, match.Eligible},
		{"TheMonthIsBelgiumsNotUTCs", 5, 100, []booking{{firstOfMonth, 4, false, sheet{}}}, match.MonthCapReached},
		{"CancelledJobsCountForNothing", 5, 100, []booking{{local.AddDate(0, 0, 1), 4, true, sheet{}}}, match.Eligible},
		// worked hours: approved minutes where the sheet is final, booked hours otherwise
		{"ApprovedFewerThanBookedKeepsUnderTheMonthCap", 5, 100, []booking{{local.AddDate(0, 0, 1), 4, false, approved(120)}}, match.Eligible},
		{"ApprovedMoreThanBookedPushesPastTheMonthCap", 6, 100, []booking{{local.AddDate(0, 0, 1), 4, false, approved(300)}}, match.MonthCapReached},
		{"DecidedAfterADisputeCounts", 5, 100, []booking{{local.AddDate(0, 0, 1), 4, false, sheet{state: "decided", value: 60}}}, match.Eligible},
		{"ConfirmedButNotApprovedCountsTheBooking", 5, 100, []booking{{local.AddDate(0, 0, 1), 4, false, sheet{state: "confirmed", value: 60}}}, match.MonthCapReached},
		{"ProposedCountsTheBooking", 5, 100, []booking{{local.AddDate(0, 0, 1), 4, false, sheet{state: "proposed", value: 60}}}, match.MonthCapReached},
		{"ItemsCountTheBookedHours", 5, 100, []booking{{local.AddDate(0, 0, 1), 4, false, sheet{state: "approved", value: 1, items: true}}}, match.MonthCapReached},
		{"ApprovedHoursCountForTheYear", 100, 9, []booking{{otherMonth, 4, false, approved(60)}, {otherMonth.AddDate(0, 0, 1), 4, false, sheet{}}}, match.Eligible},
		{"ApprovedHoursPastTheYearCap", 100, 9, []booking{{otherMonth, 4, false, approved(480)}}, match.YearCapReached},
		{"ApprovedOnACancelledJobCountsForNothing", 5, 100, []booking{{local.AddDate(0, 0, 1), 4, true, approved(300)}}, match.Eligible},
		{"Overlapping", 100, 1000, []booking{{job.Add(time.Hour), 2, false, sheet{}}}, match.Booked},
		{"EndToEnd", 100, 1000, []booking{{job.Add(2 * time.Hour), 2, false, sheet{}}, {job.Add(-time.Hour), 1, false, sheet{}}}, match.Eligible},
	}
	outcome := map[string]match.Reason{"ok": match.Eligible, "cap_month": match.MonthCapReached, "cap_year": match.YearCapReached,
		"booked": match.Booked}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db, d, poster, address := setup(t)
			ctx := context.Background()
			id := post(t, db, poster, address, "cleaning", 1)
			w := eligibleWorker(t, db, d, id)
			db.MustExec(`UPDATE worker_profiles SET month_hour_cap = $2, year_hour_cap = $3 WHERE user_id = $1`, w, tc.monthCap, tc.yearCap)
			for _, b := range tc.bookings {
				book(t, db, poster, address, w, b)
			}

			if got, err := d.Eligibility(ctx, id, w); err != nil || got != tc.want {
				t.Errorf("matching: %q (%v), want %q", got, err, tc.want)
			}
			if _, err := db.CreateWave(ctx, id, 1, 1, []klusbuddy.NewOffer{{WorkerID: w, Score: 1, Breakdown: map[string]any{}, TravelMinutes: 5}},
				db.clock.Now().Add(offerTTL)); err != nil {
				t.Fatal(err)
			}
			var offer int64
			db.Get(&offer, `SELECT id FROM offers WHERE job_id = $1 AND worker_id = $2`, id, w)
			var got string
			if err := db.QueryRow(`SELECT o_outcome FROM accept_offer($1, $2, $3)`, w, offer, db.clock.Now()).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if outcome[got] != tc.want {
				t.Errorf("accepting: %q, want the outcome of %q", got, tc.want)
			}
		})
	}
}

// eligibleWorker is a worker whom matching would offer the job as things stand.
func eligibleWorker(t *testing.T, db *testDB, d interface {
	Eligibility(context.Context, int64, int64) (match.Reason, error)
}, job int64) int64 {
	t.Helper()
	var workers []int64
	db.Select(&workers, `SELECT user_id FROM worker_profiles ORDER BY user_id`)
	for _, w := range workers {
		if r, err := d.Eligibility(context.Background(), job, w); err == nil && r == match.Eligible {
			return w
		}
	}
	t.Fatal("no demo worker can do the job")
	return 0
}

// book gives the worker a place on a job of the poster's at b.start.
func book(t *testing.T, db *testDB, poster, address, worker int64, b booking) {
	t.Helper()
	state := "filled"
	if b.cancelled {
		state = "cancelled"
	}
	end := b.start.Add(time.Duration(b.hours * float64(time.Hour)))
	var id int64
	if err := db.QueryRow(`INSERT INTO jobs (poster_id, address_id, category_id, during, workers_needed, state, unit, unit_price_cents)
		VALUES ($1, $2, (SELECT id FROM categories WHERE slug = 'cleaning'), tstzrange($3, $4), 1, $5, 'hour', 2500) RETURNING id`,
		poster, address, b.start, end, state).Scan(&id); err != nil {
		t.Fatal(err)
	}
	db.MustExec(`INSERT INTO assignments (job_id, workers_needed, place, worker_id, during) SELECT id, 1, 1, $2, during FROM jobs WHERE id = $1`, id, worker)
	if b.sheet.state == "" {
		return
	}
	unit, proposed, v := "minutes", any(b.sheet.value), b.sheet.value
	if b.sheet.items {
		unit, proposed = "items", nil
	}
	final := b.sheet.state == "approved" || b.sheet.state == "decided"
	db.MustExec(`INSERT INTO timesheets (job_id, person_id, role, place, unit, proposed, state, confirmed, waiting_since, dispute_reason, approved, decision_note)
VALUES ($1, $2, 'worker', 1, $3, $4, $5, CASE WHEN $5 <> 'proposed' THEN $6::int END, CASE WHEN NOT $7 THEN now() END,
        CASE WHEN $5 = 'decided' THEN 'too long' END, CASE WHEN $7 THEN $6::int END, CASE WHEN $5 = 'decided' THEN 'agreed' END)`,
		id, worker, unit, proposed, b.sheet.state, v, final)
}
