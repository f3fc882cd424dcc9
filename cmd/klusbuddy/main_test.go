package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/config"
	"github.com/klusbuddy/klusbuddy/internal/match"
	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
	"github.com/klusbuddy/klusbuddy/internal/push"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// envOf turns pairs into a getenv.
func envOf(pairs ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(pairs); i += 2 {
		m[pairs[i]] = pairs[i+1]
	}
	return func(k string) string { return m[k] }
}

func runCmd(t *testing.T, getenv func(string) string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, getenv, &out, &errOut)
	return out.String(), errOut.String(), err
}

// syncBuffer is a bytes.Buffer safe for a writer goroutine and a reading test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// startServe runs `serve` in the background and returns its base URL and a stop function that
// cancels it (as SIGTERM does) and returns run's error.
func startServe(t *testing.T, getenv func(string) string, args ...string) (url string, out *syncBuffer, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out = &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, append([]string{"serve"}, args...), getenv, out, out) }()
	re := regexp.MustCompile(`Klusbuddy is running at (http://\S+)`)
	deadline := time.Now().Add(60 * time.Second)
	for {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			url = m[1]
			break
		}
		select {
		case err := <-done:
			cancel()
			t.Fatalf("serve stopped early: %v\n%s", err, out.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve did not start:\n%s", out.String())
		}
	}
	var once sync.Once
	var stopErr error
	stop = func() error {
		once.Do(func() { cancel(); stopErr = <-done })
		return stopErr
	}
	t.Cleanup(func() { stop() })
	return url, out, stop
}

func TestHelp(t *testing.T) {
	for _, c := range commands() {
		t.Run(c.name, func(t *testing.T) {
			out, _, err := runCmd(t, envOf(), c.name, "--help")
			if !errors.Is(err, flag.ErrHelp) || !strings.Contains(out, "Usage: klusbuddy "+c.name) {
				t.Fatalf("err=%v out=%s", err, out)
			}
		})
	}
	t.Run("ServeListsSettings", func(t *testing.T) {
		out, _, _ := runCmd(t, envOf(), "serve", "--help")
		for _, v := range []string{"DATABASE_URL", "KLUSBUDDY_ADDR", "KLUSBUDDY_AUTO_MIGRATE"} {
			if !strings.Contains(out, v) {
				t.Errorf("serve --help does not mention %s", v)
			}
		}
	})
	t.Run("UnknownCommand", func(t *testing.T) {
		_, errOut, err := runCmd(t, envOf(), "frobnicate")
		if !errors.Is(err, errUsage) || !strings.Contains(errOut, "unknown command") {
			t.Fatalf("err=%v stderr=%s", err, errOut)
		}
	})
	t.Run("Version", func(t *testing.T) {
		out, _, err := runCmd(t, envOf(), "version")
		if err != nil || strings.TrimSpace(out) == "" {
			t.Fatalf("err=%v out=%q", err, out)
		}
	})
}

func TestBadConfiguration(t *testing.T) {
	cases := []struct {
		name  string
		env   []string
		wants []string
	}{
		{"PortOutOfRange", []string{"KLUSBUDDY_ADDR", "127.0.0.1:99999", "DATABASE_URL", "postgres://x@127.0.0.1/x"}, []string{"KLUSBUDDY_ADDR", "99999"}},
		{"PortNotANumber", []string{"KLUSBUDDY_ADDR", "127.0.0.1:http8080", "DATABASE_URL", "postgres://x@127.0.0.1/x"}, []string{"KLUSBUDDY_ADDR"}},
		{"NoPort", []string{"KLUSBUDDY_ADDR", "localhost", "DATABASE_URL", "postgres://x@127.0.0.1/x"}, []string{"host:port"}},
		{"BadDuration", []string{"KLUSBUDDY_SHUTDOWN_TIMEOUT", "soon", "DATABASE_URL", "postgres://x@127.0.0.1/x"}, []string{"KLUSBUDDY_SHUTDOWN_TIMEOUT"}},
		{"NotAPostgresURL", []string{"DATABASE_URL", "mysql://root:hunter2@127.0.0.1/x"}, []string{"DATABASE_URL", "postgres://"}},
		{"ProductionWithoutDatabase", []string{"KLUSBUDDY_ENV", "production"}, []string{"DATABASE_URL must be set"}},
		{"UnknownEnvironment", []string{"KLUSBUDDY_ENV", "staging", "DATABASE_URL", "postgres://x@127.0.0.1/x"}, []string{"KLUSBUDDY_ENV"}},
		// Nothing listens on port 1: the database is unreachable. The password must not show.
		{"UnreachableDatabase", []string{"DATABASE_URL", "postgres://kb:hunter2@127.0.0.1:1/kb?sslmode=disable", "KLUSBUDDY_DB_WAIT", "1s", "KLUSBUDDY_ADDR", "127.0.0.1:0"}, []string{"cannot reach the database"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := runCmd(t, envOf(tc.env...), "serve")
			if err == nil {
				t.Fatal("serve started with a bad configuration")
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") || strings.Contains(msg, "hunter2") || strings.Contains(msg, "goroutine") {
				t.Fatalf("not one clean line: %q", msg)
			}
			for _, w := range tc.wants {
				if !strings.Contains(msg, w) {
					t.Fatalf("%q does not mention %q", msg, w)
				}
			}
		})
	}
	t.Run("PortInUse", func(t *testing.T) {
		url, _, _ := startServe(t, envOf("DATABASE_URL", pgtest.NewDatabaseURL(t), "KLUSBUDDY_ADDR", "127.0.0.1:0"))
		addr := strings.TrimPrefix(url, "http://")
		_, _, err := runCmd(t, envOf("DATABASE_URL", pgtest.NewDatabaseURL(t), "KLUSBUDDY_ADDR", addr), "serve")
		if err == nil || !strings.Contains(err.Error(), "address already in use") {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestServe(t *testing.T) {
	dbURL := pgtest.NewDatabaseURL(t)
	env := envOf("DATABASE_URL", dbURL, "KLUSBUDDY_ADDR", "127.0.0.1:0", "KLUSBUDDY_SHUTDOWN_TIMEOUT", "5s")
	url, out, stop := startServe(t, env, "--demo")

	t.Run("ReadyAndSeeded", func(t *testing.T) {
		res, err := http.Get(url + "/api/v1/categories")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(body), `"cleaning"`) {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		if !strings.Contains(out.String(), "Demo data: 2 organisations") || !strings.Contains(out.String(), "past jobs") {
			t.Fatalf("no demo summary in output:\n%s", out.String())
		}
	})
	t.Run("Healthcheck", func(t *testing.T) {
		if o, _, err := runCmd(t, envOf(), "healthcheck", "--url", url+"/readyz"); err != nil || !strings.Contains(o, "ok") {
			t.Fatalf("healthcheck: %v %s", err, o)
		}
	})
	t.Run("GracefulStop", func(t *testing.T) {
		// An idle keep-alive connection must not hold the shutdown up.
		res, err := http.Get(url + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if err := stop(); err != nil {
			t.Fatalf("serve returned %v after the stop signal", err)
		}
		if !strings.Contains(out.String(), "msg=stopped") {
			t.Fatalf("no clean stop in the log:\n%s", out.String())
		}
		if _, _, err := runCmd(t, envOf(), "healthcheck", "--url", url+"/readyz", "--timeout", "1s"); err == nil {
			t.Fatal("healthcheck passes against a stopped server")
		}
	})
	t.Run("SecondStartKeepsData", func(t *testing.T) {
		_, out2, _ := startServe(t, env, "--demo")
		if strings.Contains(out2.String(), "demo data loaded") {
			t.Fatal("demo data loaded twice")
		}
	})
}

func TestSchemaBehind(t *testing.T) {
	dbURL := pgtest.NewDatabaseURL(t)
	db, err := sql.Open("postgres", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	_, _, err = runCmd(t, envOf("DATABASE_URL", dbURL, "KLUSBUDDY_ADDR", "127.0.0.1:0", "KLUSBUDDY_AUTO_MIGRATE", "false"), "serve")
	if err == nil || !strings.Contains(err.Error(), "klusbuddy migrate up") {
		t.Fatalf("serve on an unmigrated schema with auto-migrate off: %v", err)
	}
	env := envOf("DATABASE_URL", dbURL)
	if _, _, err := runCmd(t, env, "seed", "--demo"); err == nil || !strings.Contains(err.Error(), "migrate up") {
		t.Fatalf("seed on an unmigrated schema: %v", err)
	}
	out, _, err := runCmd(t, env, "migrate", "status")
	if err != nil || !strings.Contains(out, "pending") {
		t.Fatalf("status: %v\n%s", err, out)
	}
	out, _, err = runCmd(t, env, "migrate", "up")
	if err != nil || !strings.Contains(out, "applied 00001_foundation.sql") {
		t.Fatalf("up: %v\n%s", err, out)
	}
	out, _, _ = runCmd(t, env, "migrate", "up")
	if !strings.Contains(out, "up to date") {
		t.Fatalf("second up: %s", out)
	}
	out, _, _ = runCmd(t, env, "migrate", "status")
	if strings.Contains(out, "pending") {
		t.Fatalf("status after up:\n%s", out)
	}
	out, _, err = runCmd(t, env, "seed", "--demo")
	if err != nil || !strings.Contains(out, "40 workers") {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	if _, _, err := runCmd(t, env, "seed", "--demo"); err == nil || !strings.Contains(err.Error(), "already holds data") {
		t.Fatalf("second seed: %v", err)
	}
}

// With DATABASE_URL unset, serve runs its own cluster in the data folder, keeps it for the next
// start and stops it on the way out.
func TestPrivateCluster(t *testing.T) {
	parent, err := os.MkdirTemp("", "klusbuddy-devdata-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(parent) })
	os.Chmod(parent, 0o755) // the cluster may run as another user when we are root
	env := envOf("KLUSBUDDY_DATA_DIR", parent, "KLUSBUDDY_ADDR", "127.0.0.1:0")

	url, out, stop := startServe(t, env, "--demo")
	if res, err := http.Get(url + "/readyz"); err != nil || res.StatusCode != 200 {
		t.Fatalf("readyz: %v", err)
	}
	pidFile := filepath.Join(parent, "postgres", "postmaster.pid")
	if _, err := os.Stat(pidFile); err != nil {
		t.Fatalf("no running cluster in the data folder: %v", err)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(pidFile); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("cluster still running after stop (postmaster.pid: %v)\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "demo data loaded") {
		t.Fatalf("first start did not load the demo data:\n%s", out.String())
	}

	_, out2, stop2 := startServe(t, env, "--demo")
	if err := stop2(); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out2.String(), "creating private PostgreSQL cluster") || strings.Contains(out2.String(), "demo data loaded") {
		t.Fatalf("second start did not reuse the cluster and its data:\n%s", out2.String())
	}
	sc := bufio.NewScanner(strings.NewReader(out2.String()))
	for sc.Scan() {
		if strings.Contains(sc.Text(), "level=ERROR") {
			t.Errorf("error logged: %s", sc.Text())
		}
	}
}

// The default weights in the configuration are the matcher's own.
func TestDefaultWeightsAgree(t *testing.T) {
	c, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if match.Weights(c.MatchWeights) != match.DefaultWeights {
		t.Fatalf("config %+v, match %+v", c.MatchWeights, match.DefaultWeights)
	}
}

// vapid-keys prints a pair that serve accepts, different each time.
func TestVapidKeys(t *testing.T) {
	read := func() (string, string) {
		out, _, err := runCmd(t, envOf(), "vapid-keys")
		if err != nil {
			t.Fatal(err)
		}
		var pub, priv string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			name, value, _ := strings.Cut(line, "=")
			switch name {
			case "KLUSBUDDY_VAPID_PUBLIC_KEY":
				pub = value
			case "KLUSBUDDY_VAPID_PRIVATE_KEY":
				priv = value
			default:
				t.Fatalf("unexpected line %q", line)
			}
		}
		if err := push.CheckKeys(pub, priv); err != nil {
			t.Fatalf("%q / %q: %v", pub, priv, err)
		}
		return pub, priv
	}
	p1, _ := read()
	if p2, _ := read(); p1 == p2 {
		t.Fatal("the same key twice")
	}
	// Half a pair is a configuration mistake, said at once.
	if _, err := config.Load(envOf("KLUSBUDDY_VAPID_PUBLIC_KEY", p1)); err == nil || !strings.Contains(err.Error(), "KLUSBUDDY_VAPID_PRIVATE_KEY") {
		t.Fatalf("half a key pair: %v", err)
	}
}

// KLUSBUDDY_METRICS_ADDR serves /metrics on its own address; the API's does not.
func TestServeMetrics(t *testing.T) {
	env := envOf("DATABASE_URL", pgtest.NewDatabaseURL(t), "KLUSBUDDY_ADDR", "127.0.0.1:0", "KLUSBUDDY_METRICS_ADDR", "127.0.0.1:0")
	url, out, _ := startServe(t, env)
	m := regexp.MustCompile(`msg=metrics url=(http://\S+)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no metrics address in the log:\n%s", out.String())
	}
	get := func(u string) (int, string) {
		res, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	get(url + "/api/v1/categories")
	status, body := get(m[1])
	for _, want := range []string{`route="/api/v1/categories"`, `go_sql_open_connections{db_name="klusbuddy"}`, "klusbuddy_websocket_connections 0"} {
		if status != 200 || !strings.Contains(body, want) {
			t.Errorf("%d: no %s", status, want)
		}
	}
	if _, body := get(url + "/metrics"); strings.Contains(body, "go_sql_") {
		t.Error("the API's address serves the metrics")
	}
}
