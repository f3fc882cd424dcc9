package e2e_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/app"
	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/password"
	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
	"github.com/klusbuddy/klusbuddy/internal/push"
	"github.com/klusbuddy/klusbuddy/internal/push/pushtest"
	"github.com/klusbuddy/klusbuddy/pwa"
)

// shiftedClock is the real time moved by an offset the test sets: the day of a job lies a week
// ahead, and the test moves everyone's time there (the server's here, the browser's with
// Playwright's clock) instead of editing rows.
type shiftedClock struct{ offset atomic.Int64 }

func (c *shiftedClock) Now() time.Time { return time.Now().Add(time.Duration(c.offset.Load())) }

// inProcess is one Klusbuddy instance in the test's process, wired by internal/app as `serve`
// wires it, on a loopback port, with the built PWA, a clock the test moves and Web Push going
// to the push service stand-in. It counts the requests per route pattern.
type inProcess struct {
	URL    string
	DB     *sql.DB
	Clock  *shiftedClock
	Pushes *pushtest.Service

	mu     sync.Mutex
	counts map[string]int
}

func (s *inProcess) count(method, pattern string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[method+" "+pattern]
}

// edit, if given, changes the data before it is seeded (the demo's history, say).
func startInProcess(t *testing.T, edit ...func(*klusbuddy.SeedData)) *inProcess {
	t.Helper()
	if _, err := os.Stat(filepath.Join(repoRoot(t), "pwa", "dist", "index.html")); err != nil {
		t.Fatal("the PWA is not built (pwa/dist/index.html is missing): run `make pwa` first")
	}
	db := pgtest.NewDB(t)
	data := demo.Data()
	cheap := password.Params{Memory: 1024, Time: 1, Threads: 1}
	data.PasswordHash, _ = password.Hash(demo.Password, cheap)
	data.PINHash, _ = password.Hash(demo.PIN, cheap)
	for _, e := range edit {
		e(&data)
	}
	if err := db.Seed(context.Background(), data); err != nil {
		t.Fatal(err)
	}
	pub, priv, err := push.GenerateKeys()
	if err != nil {
		t.Fatal(err)
	}
	pushes := pushtest.New(pub)
	t.Cleanup(pushes.Close)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &inProcess{URL: "http://" + ln.Addr().String(), Clock: &shiftedClock{}, Pushes: pushes, counts: map[string]int{}}
	inst, err := app.New(context.Background(), db, app.Options{
		Now:            s.Clock.Now,
		PasswordParams: cheap,
		PWA:            pwa.Dist(),
		PublicURL:      s.URL,
		Version:        "e2e",
		PushKeys:       push.Keys{Public: pub, Private: priv, Subject: "mailto:ops@klusbuddy.example"},
		Push:           push.Settings{Client: pushes.Client(), Poll: 100 * time.Millisecond},
		PushHosts:      []string{"127.0.0.1"},
		RemindEvery:    time.Second,
		FollowUpEvery:  time.Second, // someone entering the follow-up list shows within a second
	})
	if err != nil {
		t.Fatal(err)
	}
	// The route pattern, not the path: /api/v1/me/assignments/{id}/check-in for any job.
	ids := regexp.MustCompile(`/[0-9]+(/|$)`)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.counts[r.Method+" "+ids.ReplaceAllString(r.URL.Path, "/{id}$1")]++
		s.mu.Unlock()
		inst.API.ServeHTTP(w, r)
	})}
	ctx, cancel := context.WithCancel(context.Background())
	served, ran := make(chan error, 1), make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	go func() { ran <- inst.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		sctx, done := context.WithTimeout(context.Background(), 10*time.Second)
		defer done()
		srv.Shutdown(sctx)
		if err := <-served; !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("serving: %v", err)
		}
		if err := <-ran; err != nil {
			t.Errorf("instance: %v", err)
		}
	})
	select {
	case <-inst.Hub.Started():
	case <-time.After(20 * time.Second):
		t.Fatal("the instance did not start taking sockets")
	}
	s.DB, err = sql.Open("postgres", db.URL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.DB.Close() })
	return s
}

// The day of the job on a worker's phone (360 px): offline, the booked job is still there after a
// reload; "Ik ben er" waits on the phone and reaches the server once, with the phone's time, when
// the connection returns; the lists recover by themselves. Then the worker does not feel safe:
// the coach's open board shows it at once, and the coach's phone gets a high-urgency push.
func TestTheDayOfTheJob(t *testing.T) {
	srv := startInProcess(t)
	var coachLogin string
	poster := signIn(t, srv.URL, householdLogin(), demo.Password)
	jobID := poster.postCleaning(map[string]any{"workers_needed": 1})

	var offer int64
	var phone, name string
	if err := srv.DB.QueryRow(`SELECT o.id, u.phone, u.first_name FROM offers o JOIN users u ON u.id = o.worker_id
		WHERE o.job_id = $1 AND o.state = 'pending' AND NOT o.needs_buddy ORDER BY o.score DESC LIMIT 1`, jobID).Scan(&offer, &phone, &name); err != nil {
		t.Fatalf("no open offer after posting: %v", err)
	}
	signIn(t, srv.URL, phone, demo.PIN).call("POST", fmt.Sprintf("/api/v1/offers/%d/accept", offer), nil, nil)
	// The worker's coach, with a phone subscribed to Web Push (the push service stand-in).
	if err := srv.DB.QueryRow(`SELECT c.email FROM users w JOIN users c ON c.organisation_id = w.organisation_id AND c.role = 'coordinator'
		WHERE w.phone = $1 ORDER BY c.id LIMIT 1`, phone).Scan(&coachLogin); err != nil {
		t.Fatalf("the worker's coach: %v", err)
	}
	coach := signIn(t, srv.URL, coachLogin, demo.Password)
	sub := srv.Pushes.Subscribe()
	coach.call("PUT", "/api/v1/me/push-subscription", map[string]any{"endpoint": sub.Endpoint, "keys": sub.Keys}, nil)

	// Everyone's time moves to 20 minutes before the start: check-in opens 30 minutes before.
	var start time.Time
	if err := srv.DB.QueryRow(`SELECT lower(during) FROM jobs WHERE id = $1`, jobID).Scan(&start); err != nil {
		t.Fatal(err)
	}
	offset := start.Add(-20 * time.Minute).Sub(time.Now())
	srv.Clock.offset.Store(int64(offset))

	runBrowserScript(t, "day.test.mjs", srv.URL, "E2E_WORKER="+phone, "E2E_WORKER_NAME="+name, "E2E_COACH="+coachLogin,
		fmt.Sprintf("E2E_JOB=%d", jobID), "E2E_CLOCK_OFFSET_MS="+strconv.FormatInt(offset.Milliseconds(), 10))

	t.Run("CheckedInOnceWithThePhonesTime", func(t *testing.T) {
		if n := srv.count("POST", "/api/v1/me/assignments/{id}/check-in"); n != 1 {
			t.Errorf("the check-in reached the server %d times; want once", n)
		}
		var phoneAt, received time.Time
		if err := srv.DB.QueryRow(`SELECT in_at, in_received FROM attendance WHERE job_id = $1`, jobID).Scan(&phoneAt, &received); err != nil {
			t.Fatalf("no check-in stored: %v", err)
		}
		// The tap waited on the phone while it was offline: the phone's time is the tap's, the
		// server's when it arrived; both lie in the check-in window.
		if !phoneAt.Before(received) {
			t.Errorf("phone time %s is not before the server's %s: the waiting tap's time was not kept", phoneAt, received)
		}
		if phoneAt.Before(start.Add(-klusbuddy.CheckInEarly)) || received.After(start) {
			t.Errorf("check-in at %s (received %s) outside [start−30 min, start] for a job at %s", phoneAt, received, start)
		}
		// The check-in started the job; the safety report, its only worker leaving, ended it.
		var moves, state, outcome string
		srv.DB.QueryRow(`SELECT string_agg(to_state, ' ' ORDER BY id) FROM job_transitions WHERE job_id = $1`, jobID).Scan(&moves)
		srv.DB.QueryRow(`SELECT state FROM jobs WHERE id = $1`, jobID).Scan(&state)
		srv.DB.QueryRow(`SELECT outcome FROM outcomes WHERE job_id = $1 AND place = 0`, jobID).Scan(&outcome)
		if !strings.HasSuffix(moves, "filled in_progress done") || outcome != string(klusbuddy.OutcomeLeftForSafety) {
			t.Errorf("job moves %q, state %s, outcome %q; want … filled in_progress done, left for safety", moves, state, outcome)
		}
	})
	t.Run("SafetyReportPushedToTheCoach", func(t *testing.T) {
		var reports int
		srv.DB.QueryRow(`SELECT count(*) FROM safety_reports WHERE job_id = $1`, jobID).Scan(&reports)
		if reports != 1 {
			t.Fatalf("%d safety reports stored; want 1", reports)
		}
		// The coach gets no other push that opens anything; wait for pushes until it is there.
		var msgs []pushtest.Message
		found := false
		for deadline := time.Now().Add(20 * time.Second); !found && time.Now().Before(deadline); {
			msgs = srv.Pushes.Wait(len(msgs)+1, time.Until(deadline))
			for _, m := range msgs {
				var p struct {
					Kind string `json:"kind"`
				}
				json.Unmarshal(m.Payload, &p)
				if p.Kind == string(klusbuddy.EventSafetyAlert) {
					found = true
					if m.Urgency != "high" {
						t.Errorf("safety alert pushed with urgency %q; want high", m.Urgency)
					}
				}
			}
		}
		if !found {
			t.Errorf("no safety alert at the push service; got %d pushes", len(msgs))
		}
	})
}
