package e2e_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
)

// Exports for funders, in the browser: the coordinator of the job's organisation opens the
// exports screen from their home (360 px), downloads the jobs export for the coming month and
// the file holds the header row and the organisation's jobs; the download is in the audit log.
func TestFundersExportDownload(t *testing.T) {
	srv := startInProcess(t)
	poster := signIn(t, srv.URL, householdLogin(), demo.Password)
	jobID := poster.postCleaning(map[string]any{"workers_needed": 1})

	var coach string
	var org int64
	if err := srv.DB.QueryRow(`SELECT u.email, u.organisation_id FROM users u JOIN jobs j ON j.organisation_id = u.organisation_id
		WHERE j.id = $1 AND u.role = 'coordinator' ORDER BY u.id LIMIT 1`, jobID).Scan(&coach, &org); err != nil {
		t.Fatalf("no coordinator for the job's organisation: %v", err)
	}
	today := time.Now().In(brussels(t))
	from, to := today.Format("2006-01-02"), today.AddDate(0, 1, 0).Format("2006-01-02")
	var rows int
	if err := srv.DB.QueryRow(`SELECT count(*) FROM jobs WHERE organisation_id = $1 AND lower(during) >= $2::date AND lower(during) < $3::date + 1`,
		org, from, to).Scan(&rows); err != nil || rows < 1 {
		t.Fatalf("%d jobs to export: %v", rows, err)
	}

	runBrowserScript(t, "exports.test.mjs", srv.URL, "E2E_COACH="+coach, "E2E_FROM="+from, "E2E_TO="+to, "E2E_ROWS="+strconv.Itoa(rows))

	var audited int
	if err := srv.DB.QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'export.jobs' AND organisation_id = $1`, org).Scan(&audited); err != nil || audited != 1 {
		t.Errorf("%d export.jobs rows in the audit log (%v)", audited, err)
	}
}
