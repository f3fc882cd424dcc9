package e2e_test

import (
	"context"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/loadtest"
	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
)

// The load test (cmd/klusload) keeps working: two real instances on one database, a few seconds
// of posts at a low rate, and every job reaches a worker's socket and gets its place taken, with
// no error. Timings are the benchmark's business (docs/BENCHMARKS.md), not this test's.
func TestLoadSmoke(t *testing.T) {
	db := pgtest.NewDatabaseURL(t)
	// Behind a "proxy", as in production: each simulated phone has an address of its own.
	env := []string{"KLUSBUDDY_TRUSTED_PROXIES=127.0.0.1/32"}
	a := startServerWith(t, serverOptions{DB: db, Env: env})
	b := startServerWith(t, serverOptions{DB: db, NoDemo: true, Env: env})
	var admin string
	for _, l := range demo.Logins(demo.Data()) {
		if l.Role == "admin" {
			admin = l.Login
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	pop, err := loadtest.Create(ctx, loadtest.Setup{URLs: []string{a.URL, b.URL}, AdminLogin: admin, AdminPassword: demo.Password,
		Workers: 30, Posters: 4, Parallel: 4, Run: 1}, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	socks, err := pop.Connect(ctx, 8)
	if err != nil {
		t.Fatal(err)
	}
	defer socks.Close()
	if got := socks.PerInstance(2); got[0] != 15 || got[1] != 15 {
		t.Fatalf("sockets per instance: %v, want 15 on each", got)
	}
	res := pop.Run(ctx, socks, loadtest.Load{Rate: 2, Duration: 3 * time.Second, WorkersNeeded: 1, Think: 200 * time.Millisecond, Drain: time.Minute}, 1)
	t.Logf("%s", res)
	if res.Posts != 6 || res.Post.N != 6 {
		t.Errorf("%d jobs posted (%d answers), want 6", res.Posts, res.Post.N)
	}
	if res.NoOffer != 0 || res.PostToOffer.N != res.Posts {
		t.Errorf("%d of %d jobs reached no worker's socket", res.NoOffer, res.Posts)
	}
	// One place each, offered to several workers who all tap accept: one wins, the others
	// are told someone was quicker.
	if res.Accepted != res.Posts {
		t.Errorf("%d places taken for %d jobs of one place", res.Accepted, res.Posts)
	}
	if res.Accept.N != res.Offers {
		t.Errorf("%d accepts answered for %d offers received", res.Accept.N, res.Offers)
	}
	if res.ErrorCount() != 0 || res.LostSockets != 0 {
		t.Errorf("errors: %v; sockets lost: %d", res.Errors, res.LostSockets)
	}
}
