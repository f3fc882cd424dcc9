package e2e_test

import (
	"fmt"
	"strconv"
	"testing"
	"time"
)

// After the job, in the browser: the worker checks out on their phone (360 px), confirms the
// proposed hours, the poster approves them on the job's page, the worker sees them among their
// hours and the poster finds the amount on the month's statement. The clock is moved, never
// slept: the server's here, the browsers' with Playwright's clock.
func TestAfterTheJob(t *testing.T) {
	srv := startInProcess(t)
	posterLogin := householdLogin()
	poster := signIn(t, srv.URL, posterLogin, "klusbuddy-demo")
	jobID := poster.postCleaning(map[string]any{"workers_needed": 1})

	var offer int64
	var phone, name string
	if err := srv.DB.QueryRow(`SELECT o.id, u.phone, u.first_name FROM offers o JOIN users u ON u.id = o.worker_id
		WHERE o.job_id = $1 AND o.state = 'pending' AND NOT o.needs_buddy ORDER BY o.score DESC LIMIT 1`, jobID).Scan(&offer, &phone, &name); err != nil {
		t.Fatalf("no open offer after posting: %v", err)
	}
	worker := signIn(t, srv.URL, phone, "358024")
	worker.call("POST", fmt.Sprintf("/api/v1/offers/%d/accept", offer), nil, nil)

	var start, end time.Time
	if err := srv.DB.QueryRow(`SELECT lower(during), upper(during) FROM jobs WHERE id = $1`, jobID).Scan(&start, &end); err != nil {
		t.Fatal(err)
	}
	// Five minutes late in, then the clock stands three minutes after the end: 1 h 58 worked,
	// proposed as 2 hours.
	srv.Clock.offset.Store(int64(start.Add(5 * time.Minute).Sub(time.Now())))
	worker.call("POST", fmt.Sprintf("/api/v1/me/assignments/%d/check-in", jobID),
		map[string]any{"at": srv.Clock.Now().Format(time.RFC3339Nano)}, nil)
	offset := end.Add(3 * time.Minute).Sub(time.Now())
	srv.Clock.offset.Store(int64(offset))
	// What the poster pays for two approved hours: the price the job was posted at (VAT
	// included) × 2.
	var priceCents int
	if err := srv.DB.QueryRow(`SELECT unit_price_cents FROM jobs WHERE id = $1`, jobID).Scan(&priceCents); err != nil {
		t.Fatal(err)
	}

	runBrowserScript(t, "hours.test.mjs", srv.URL, "E2E_WORKER="+phone, "E2E_WORKER_NAME="+name, "E2E_POSTER="+posterLogin,
		fmt.Sprintf("E2E_JOB=%d", jobID), "E2E_MONTH="+start.In(brussels(t)).Format("2006-01"),
		"E2E_CLOCK_OFFSET_MS="+strconv.FormatInt(offset.Milliseconds(), 10), "E2E_TOTAL_CENTS="+strconv.Itoa(2*priceCents))

	var state string
	var approved, steps int
	if err := srv.DB.QueryRow(`SELECT s.state, coalesce(s.approved, 0), (SELECT count(*) FROM timesheet_steps p WHERE p.sheet_id = s.id)
		FROM timesheets s WHERE s.job_id = $1 AND s.role = 'worker'`, jobID).Scan(&state, &approved, &steps); err != nil {
		t.Fatalf("no worker's sheet: %v", err)
	}
	if state != "approved" || approved != 120 || steps != 3 {
		t.Errorf("sheet %s with %d minutes after %d steps; want approved, 120, propose+confirm+approve", state, approved, steps)
	}
}

func brussels(t *testing.T) *time.Location {
	t.Helper()
	l, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	return l
}
