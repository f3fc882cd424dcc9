// Package e2e runs the browser tests: the real klusbuddy binary, built with the PWA embedded,
// serves a fresh database on a loopback port, and Playwright (playwright-core, from pwa/) drives
// the machine's Chromium against it. Go owns the server and the database; the browser scripts
// live in pwa/e2e/*.test.mjs and run under Node's test runner. The fault tests (faults_test.go)
// run the same binary, several instances of it, and break them and their database.
package e2e_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/lib/pq"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/postgres/pgtest"
)

func TestMain(m *testing.M) {
	code := pgtest.Run(m)
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// repoRoot is the module root, two folders up from this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds cmd/klusbuddy once per test run, with the PWA: the browser tests need it.
func binary(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(filepath.Join(repoRoot(t), "pwa", "dist", "index.html")); err != nil {
		t.Fatal("the PWA is not built (pwa/dist/index.html is missing): run `make pwa` first")
	}
	return serverBinary(t)
}

// serverBinary builds cmd/klusbuddy once per test run, with whatever pwa/dist holds now (the
// API alone is served when it is empty, which is all the fault tests need).
func serverBinary(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "klusbuddy-e2e-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "klusbuddy")
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/klusbuddy")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// server is a running klusbuddy process.
type server struct {
	URL    string
	DB     string // its database
	cmd    *exec.Cmd
	log    *lockedBuffer
	exited chan struct{} // closed once the process has ended
	err    error         // how it ended, once exited is closed
}

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *lockedBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// serverOptions say how to start a server; the zero value is startServer's.
type serverOptions struct {
	DB     string   // the database to serve (default: a fresh one)
	NoDemo bool     // leave out --demo (a second instance on a database that has it)
	Env    []string // more settings (KEY=value)
}

// startServer runs the binary on a free loopback port against a fresh database with the demo
// data, and stops it with SIGTERM when the test ends, checking that it stops cleanly.
func startServer(t *testing.T) *server {
	t.Helper()
	return startServerWith(t, serverOptions{})
}

// startServerWith is startServer with options: several instances on one database, settings.
func startServerWith(t *testing.T, o serverOptions) *server {
	t.Helper()
	bin := serverBinary(t)
	args := []string{"serve"}
	if !o.NoDemo {
		args = append(args, "--demo")
	}
	cmd := exec.Command(bin, args...)
	dbURL := o.DB
	if dbURL == "" {
		dbURL = pgtest.NewDatabaseURL(t)
	}
	cmd.Env = append(append(os.Environ(),
		"DATABASE_URL="+dbURL,
		"KLUSBUDDY_ADDR=127.0.0.1:0",
		"KLUSBUDDY_LOG_LEVEL=warn",
	), o.Env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, log: &lockedBuffer{}, DB: dbURL, exited: make(chan struct{})}
	cmd.Stderr = s.log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	urlCh := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`Klusbuddy is running at (http://\S+)`)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			fmt.Fprintln(s.log, sc.Text())
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				urlCh <- m[1]
			}
		}
		// Wait only once the pipe is read to its end (os/exec's rule).
		s.err = cmd.Wait()
		close(s.exited)
	}()
	select {
	case s.URL = <-urlCh:
	case <-s.exited:
		t.Fatalf("server stopped at start (%v):\n%s", s.err, s.log.String())
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("server did not start:\n%s", s.log.String())
	}
	t.Cleanup(func() {
		select {
		case <-s.exited: // killed by the test
			return
		default:
		}
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.exited:
			if s.err != nil {
				t.Errorf("server exited with %v after SIGTERM:\n%s", s.err, s.log.String())
			}
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Errorf("server did not stop within 20s of SIGTERM")
		}
		if t.Failed() {
			t.Logf("server log:\n%s", s.log.String())
		}
	})
	return s
}

// kill ends the server with SIGKILL, as a crash or the kernel's OOM killer would: no draining,
// no goodbyes to its sockets, its database sessions cut mid-transaction.
func (s *server) kill(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		t.Fatal("the server was still running 10 s after SIGKILL")
	}
}

// chromium finds the browser: CHROMIUM_PATH, then the usual names on PATH.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM_PATH"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no Chromium found for the browser tests: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH")
	return ""
}

// runBrowserScript runs one pwa/e2e script with Node's test runner against baseURL.
func runBrowserScript(t *testing.T, script, baseURL string, env ...string) {
	t.Helper()
	runBrowserScriptWithin(t, 90*time.Second, script, baseURL, env...)
}

// runBrowserScriptWithin is runBrowserScript for a script that may take longer than the usual
// 90 s (Node's test runner times the whole file, not only each test).
func runBrowserScriptWithin(t *testing.T, limit time.Duration, script, baseURL string, env ...string) {
	t.Helper()
	root := repoRoot(t)
	pwaDir := filepath.Join(root, "pwa")
	if _, err := os.Stat(filepath.Join(pwaDir, "node_modules", "playwright-core")); err != nil {
		t.Fatal("playwright-core is not installed: run `npm ci` in pwa/ (make does)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), max(5*time.Minute, limit+time.Minute))
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", "--test", "--test-reporter=spec", fmt.Sprintf("--test-timeout=%d", limit.Milliseconds()), filepath.Join("e2e", script))
	cmd.Dir = pwaDir
	// Screenshots are saved only where E2E_ARTIFACTS names a folder (passed on from our
	// environment), so that a test run leaves nothing behind unless asked to.
	// Browser profiles go into a folder of ours, removed once Chromium has let go of it.
	tmp, err := os.MkdirTemp("", "klusbuddy-e2e-tmp-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(tmp, 0o755)
	t.Cleanup(func() {
		for range 50 {
			if os.RemoveAll(tmp) == nil {
				if _, err := os.Stat(tmp); os.IsNotExist(err) {
					return
				}
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	cmd.Env = append(append(os.Environ(), "BASE_URL="+baseURL, "CHROMIUM_PATH="+chromium(t), "TMPDIR="+tmp), env...)
	// Node and the browsers it starts share a process group, so that a hung run (the timeout)
	// or a browser left open by a failed script is ended with them, never orphaned.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	out, err := cmd.CombinedOutput()
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // whatever of the group is still there
	t.Logf("node --test e2e/%s:\n%s", script, out)
	if err != nil {
		t.Fatalf("browser script %s failed: %v", script, err)
	}
}

// ping checks that url answers 200.
func ping(t *testing.T, url string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("%s: %s", url, res.Status)
	}
}

func TestShell(t *testing.T) {
	srv := startServer(t)
	ping(t, srv.URL+"/readyz")
	runBrowserScript(t, "shell.test.mjs", srv.URL)
}

func TestOnboarding(t *testing.T) {
	srv := startServer(t)
	runBrowserScript(t, "onboarding.test.mjs", srv.URL)
}

// A household posts a job in the browser; a worker who got the offer accepts it on their phone;
// the poster sees who is coming.
func TestPostAndAccept(t *testing.T) {
	srv := startServer(t)
	household := householdLogin()
	runBrowserScript(t, "posting.test.mjs", srv.URL, "E2E_POSTER="+household)

	db, err := sql.Open("postgres", srv.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var phone, name string
	// A worker who goes alone: TestBuddyAndStaffScreens follows one who needs a buddy.
	if err := db.QueryRow(`SELECT u.phone, u.first_name FROM offers o JOIN users u ON u.id = o.worker_id
		WHERE o.state = 'pending' ORDER BY o.needs_buddy, o.score DESC LIMIT 1`).Scan(&phone, &name); err != nil {
		t.Fatalf("no open offer after posting: %v", err)
	}
	runBrowserScript(t, "accept.test.mjs", srv.URL, "E2E_POSTER="+household, "E2E_WORKER="+phone, "E2E_WORKER_NAME="+name)
}

// apiClient signs in to the running server's API the way the PWA does: a session cookie, the
// CSRF token from the sign-in answer, and the page's origin.
type apiClient struct {
	t    *testing.T
	base string
	http *http.Client
	csrf string
	id   int64  // the person signed in
	from string // the phone's address, as a trusted proxy passes it on (X-Forwarded-For)
}

func signIn(t *testing.T, base, login, secret string) *apiClient {
	t.Helper()
	return signInFrom(t, base, login, secret, "")
}

// signInFrom is signIn from the address from, for a server that trusts 127.0.0.1 as its proxy
// (KLUSBUDDY_TRUSTED_PROXIES): many people at once, each within the per-address limits.
func signInFrom(t *testing.T, base, login, secret, from string) *apiClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &apiClient{t: t, base: base, http: &http.Client{Jar: jar, Timeout: 30 * time.Second}, from: from}
	var s struct {
		User struct {
			ID int64 `json:"id"`
		} `json:"user"`
		CSRFToken string `json:"csrf_token"`
	}
	c.call("POST", "/api/v1/login", map[string]string{"login": login, "secret": secret}, &s)
	c.csrf, c.id = s.CSRFToken, s.User.ID
	return c
}

// on is the same signed-in client speaking to another instance (one database: the session
// cookie, kept per host and not per port, works on both).
func (c *apiClient) on(base string) *apiClient {
	return &apiClient{t: c.t, base: base, http: c.http, csrf: c.csrf, id: c.id, from: c.from}
}

func (c *apiClient) call(method, path string, in, out any) {
	c.t.Helper()
	res, b, err := c.do(method, path, in, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	if res.StatusCode >= 300 {
		c.t.Fatalf("%s %s: %s %s", method, path, res.Status, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			c.t.Fatal(err)
		}
	}
}

// do sends a request as the PWA does and returns the answer unjudged; err is a transport
// error (no answer at all). It is safe to call from any goroutine.
func (c *apiClient) do(method, path string, in any, header http.Header) (*http.Response, []byte, error) {
	var body io.Reader
	if in != nil {
		b, _ := json.Marshal(in)
		body = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, c.base+path, body)
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", c.base)
	req.Header.Set("X-CSRF-Token", c.csrf)
	if c.from != "" {
		req.Header.Set("X-Forwarded-For", c.from)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res, b, err
}

// householdLogin is the login of a demo household (a poster who is not a company).
func householdLogin() string {
	var household string
	for _, l := range demo.Logins(demo.Data()) {
		if l.Role == "poster" && !strings.Contains(l.Who, "(") {
			household = l.Login
		}
	}
	return household
}

// postCleaning posts two hours of cleaning at the poster's first address, at 10:00 in Belgium on
// the Tuesday after next (when most demo workers work), with the extra fields given; it returns
// the job's id.
func (c *apiClient) postCleaning(extra map[string]any) int64 {
	c.t.Helper()
	var profile struct {
		Poster struct{ Addresses []struct{ ID int64 } }
	}
	c.call("GET", "/api/v1/me/profile", nil, &profile)
	brussels, _ := time.LoadLocation("Europe/Brussels")
	d := time.Now().In(brussels).AddDate(0, 0, 7)
	for d.Weekday() != time.Tuesday {
		d = d.AddDate(0, 0, 1)
	}
	start := time.Date(d.Year(), d.Month(), d.Day(), 10, 0, 0, 0, brussels)
	body := map[string]any{"category": "cleaning", "address_id": profile.Poster.Addresses[0].ID,
		"start": start.Format(time.RFC3339), "minutes": 120}
	for k, v := range extra {
		body[k] = v
	}
	var job struct{ ID int64 }
	c.call("POST", "/api/v1/jobs", body, &job)
	return job.ID
}

// A worker who needs a buddy has accepted a job; a buddy confirms on their phone and the worker
// sees who comes along. Then the poster changes the job, an admin a price and a coach reads
// why each worker was asked, each screen checked by axe-core.
func TestBuddyAndStaffScreens(t *testing.T) {
	srv := startServer(t)
	logins := map[string]demo.Login{}
	for _, l := range demo.Logins(demo.Data()) {
		if _, ok := logins[l.Role]; !ok && (l.Role != "poster" || !strings.Contains(l.Who, "(")) {
			logins[l.Role] = l
		}
	}
	db, err := sql.Open("postgres", srv.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Every demo buddy can go along with cleaning on Tuesday mornings, within the hour.
	for _, q := range []string{
		`INSERT INTO buddy_categories (buddy_id, category_id) SELECT user_id, (SELECT id FROM categories WHERE slug = 'cleaning') FROM buddy_profiles ON CONFLICT DO NOTHING`,
		`DELETE FROM availability WHERE user_id IN (SELECT user_id FROM buddy_profiles) AND weekday = 2`,
		`INSERT INTO availability (user_id, weekday, starts, ends) SELECT user_id, 2, '08:00', '17:00' FROM buddy_profiles`,
		`UPDATE buddy_profiles SET max_travel_minutes = 60`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}

	poster := signIn(t, srv.URL, logins["poster"].Login, demo.Password)
	jobID := poster.postCleaning(map[string]any{"workers_needed": 2, "buddy": "required"})

	var offer int64
	var phone, name string
	if err := db.QueryRow(`SELECT o.id, u.phone, u.first_name FROM offers o JOIN users u ON u.id = o.worker_id
		WHERE o.job_id = $1 AND o.state = 'pending' ORDER BY o.score DESC LIMIT 1`, jobID).Scan(&offer, &phone, &name); err != nil {
		t.Fatalf("no open offer after posting: %v", err)
	}
	signIn(t, srv.URL, phone, demo.PIN).call("POST", fmt.Sprintf("/api/v1/offers/%d/accept", offer), nil, nil)
	var buddyPhone, buddyName string
	if err := db.QueryRow(`SELECT u.phone, u.first_name FROM buddy_requests r JOIN users u ON u.id = r.buddy_id
		WHERE r.job_id = $1 AND r.state = 'pending' ORDER BY r.travel_minutes LIMIT 1`, jobID).Scan(&buddyPhone, &buddyName); err != nil {
		t.Fatalf("no buddy asked after the accept: %v", err)
	}
	runBrowserScript(t, "buddy.test.mjs", srv.URL, "E2E_BUDDY="+buddyPhone, "E2E_BUDDY_NAME="+buddyName,
		"E2E_WORKER="+phone, "E2E_WORKER_NAME="+name)

	runBrowserScript(t, "staff.test.mjs", srv.URL, "E2E_POSTER="+logins["poster"].Login, "E2E_ADMIN="+logins["admin"].Login,
		"E2E_COACH="+logins["coordinator"].Login, fmt.Sprintf("E2E_JOB=%d", jobID))
}

// Real-time: a worker's page is open when a poster, in another browser context, posts a job;
// the offer appears without a reload, and accepting it updates the poster's page live.
func TestLiveOfferAndAccept(t *testing.T) {
	srv := startServer(t)
	household := householdLogin()
	db, err := sql.Open("postgres", srv.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Which worker will this job go to first? Post it once through the API, note the best
	// worker who goes alone, and take the job back: the form's job will ask them again.
	poster := signIn(t, srv.URL, household, demo.Password)
	probe := poster.postCleaning(map[string]any{"workers_needed": 1})
	var phone, name string
	if err := db.QueryRow(`SELECT u.phone, u.first_name FROM offers o JOIN users u ON u.id = o.worker_id
		WHERE o.job_id = $1 AND o.state = 'pending' AND NOT o.needs_buddy ORDER BY o.score DESC LIMIT 1`, probe).Scan(&phone, &name); err != nil {
		t.Fatalf("no worker who goes alone was offered the probe job: %v", err)
	}
	poster.call("POST", fmt.Sprintf("/api/v1/jobs/%d/cancel", probe), nil, nil)
	runBrowserScript(t, "live.test.mjs", srv.URL, "E2E_POSTER="+household, "E2E_WORKER="+phone, "E2E_WORKER_NAME="+name)
}
