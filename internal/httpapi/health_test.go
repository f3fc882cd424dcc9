package httpapi_test

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// An instance whose every database connection is held, and none comes back, says so on
// /healthz (an orchestrator restarts it), while a reachable database keeps /healthz at 200; it
// recovers without a restart once the connections come back.
func TestLivenessWhenThePoolIsStuck(t *testing.T) {
	a := newApp(t)
	a.db.SetMaxConns(2)
	p := a.person(klusbuddy.RolePoster, "", 0)
	c := a.signedIn(p)
	health := func() int {
		res, body := get(t, "GET", a.srv.URL+"/healthz", nil)
		if res.StatusCode != 200 {
			decodeProblem(t, res, body)
		}
		return res.StatusCode
	}
	if s := health(); s != 200 {
		t.Fatalf("healthz %d before anything", s)
	}
	// Two edits of one profile wait for a lock the test holds: both connections are taken.
	lock, err := a.sql.Beginx()
	if err != nil {
		t.Fatal(err)
	}
	lock.MustExec(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, a.idOf(p))
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() { c.raw("PATCH", "/api/v1/me/profile", map[string]any{"first_name": "Anna"}, "application/json") })
	}
	waitFor(t, "both connections to wait for the lock", func() bool {
		var n int
		a.sql.Get(&n, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)
		return n == 2
	})
	start := time.Now()
	if s := health(); s != http.StatusServiceUnavailable {
		t.Fatalf("healthz %d with every connection held", s)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("healthz took %v", d)
	}
	lock.Rollback()
	wg.Wait()
	if s := health(); s != 200 {
		t.Fatalf("healthz %d once the connections came back", s)
	}
}
