package httpapi_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/app"
	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/loadtest"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
)

// behindProxy lets a benchmark's clients look like many addresses (X-Forwarded-For from
// loopback), so that the per-address limits on signing in and posting do not throttle it.
func behindProxy(o *app.Options) {
	o.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
}

var fakeIP struct {
	sync.Mutex
	n int
}

func nextIP() string {
	fakeIP.Lock()
	defer fakeIP.Unlock()
	fakeIP.n++
	return fmt.Sprintf("10.%d.%d.%d", fakeIP.n>>16&255, fakeIP.n>>8&255, fakeIP.n&255)
}

func (a *site) signedInFrom(p klusbuddy.Person, base string) *client {
	c := a.client().on(base)
	login, secret := p.Email, demo.Password
	if p.Role == klusbuddy.RoleWorker || p.Role == klusbuddy.RoleBuddy {
		login, secret = p.Phone, demo.PIN
	}
	if res, body := c.do("POST", "/api/v1/login", map[string]string{"login": login, "secret": secret}, "X-Forwarded-For", nextIP()); res.StatusCode != 200 {
		a.t.Fatalf("login as %s: %d %s", login, res.StatusCode, body)
	}
	return c
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(float64(len(sorted))*p))]
}

// BenchmarkPostToSocket: posters post jobs on instance A at 50 per second (open loop); every
// demo worker has a socket on instance B. Measured per job: the POST's own round trip (the
// baseline, in the same run) and the time from sending the POST to the first offer for that
// job arriving on a socket on B.
//
//	go run ./cmd/pgtmp -- go test -run '^$' -bench BenchmarkPostToSocket -benchtime 500x ./internal/httpapi
func BenchmarkPostToSocket(b *testing.B) {
	a := newApp(b)
	a.srv.Close()
	// Each instance on a pool of its own, which wakes its own sequencer, as `serve` opens it:
	// on one shared pool every commit would notify and wake both sequencers. The two pools
	// share the usual size for the database's cores, twice them plus one (operations.md, pool
	// size): 3 each on two cores. Pools of 20 (the default, for a database on cores of its
	// own) gave p99 2–3 times longer here (BENCHMARKS.md). KLUSBUDDY_BENCH_CONNS sets another.
	conns := runtime.NumCPU() + 1
	if v, err := strconv.Atoi(os.Getenv("KLUSBUDDY_BENCH_CONNS")); err == nil && v > 0 {
		conns = v
	}
	instance := func() *httptest.Server {
		db, err := postgres.Open(context.Background(), a.db.URL(), postgres.OpenOptions{MaxConns: conns, WakesItsSequencer: true})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		if err := db.Warm(context.Background(), conns); err != nil {
			b.Fatal(err)
		}
		inst := a.wireOn(b, db, behindProxy)
		a.run(b, inst)
		return a.serve(b, inst)
	}
	srvA, srvB := instance(), instance()

	var mu sync.Mutex
	arrived := map[int64]time.Time{}
	var readers sync.WaitGroup
	for _, p := range a.data.People {
		if p.Role != klusbuddy.RoleWorker {
			continue
		}
		ws := a.signedInFrom(p, srvB.URL).mustDial(nil)
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				_, msg, err := ws.conn.ReadMessage()
				if err != nil {
					return
				}
				now := time.Now()
				var m wsMessage
				if json.Unmarshal(msg, &m) == nil && m.Kind == "offer_new" {
					mu.Lock()
					if _, ok := arrived[jobOf(m)]; !ok {
						arrived[jobOf(m)] = now
					}
					mu.Unlock()
				}
			}
		}()
	}
	poster := a.signedInFrom(a.person(klusbuddy.RolePoster, "", 8), srvA.URL)
	var prof profileDoc
	_, body := poster.do("GET", "/api/v1/me/profile", nil)
	json.Unmarshal(body, &prof)
	post, _ := json.Marshal(map[string]any{"category": "cleaning", "address_id": prof.Poster.Addresses[0].ID,
		"start": nextTuesday10().Format(time.RFC3339), "minutes": 120, "workers_needed": 1})

	type sent struct {
		job       int64
		at, reply time.Time
	}
	send := func() sent {
		req, _ := http.NewRequest("POST", srvA.URL+"/api/v1/jobs", bytes.NewReader(post))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", srvA.URL)
		req.Header.Set("X-CSRF-Token", poster.csrf)
		req.Header.Set("X-Forwarded-For", nextIP())
		start := time.Now()
		res, err := poster.http.Do(req)
		if err != nil {
			b.Error(err)
			return sent{}
		}
		var j jobDoc
		json.NewDecoder(res.Body).Decode(&j)
		res.Body.Close()
		if res.StatusCode != 201 {
			b.Errorf("post: %d", res.StatusCode)
			return sent{}
		}
		return sent{job: j.ID, at: start, reply: time.Now()}
	}
	// Measured warm, as a running instance is: the pool's connections open and each backend
	// past its first job (compiling and planning take tens of milliseconds of CPU each).
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() { send() })
	}
	wg.Wait()
	results := make([]sent, b.N)
	tick := time.NewTicker(20 * time.Millisecond) // 50 posts per second
	defer tick.Stop()
	cpu0, own0 := loadtest.CPUUsed()
	b.ResetTimer()
	for i := range b.N {
		<-tick.C
		wg.Go(func() { results[i] = send() })
	}
	wg.Wait()
	deadline := time.Now().Add(10 * time.Second)
	for {
		mu.Lock()
		n := 0
		for _, r := range results {
			if _, ok := arrived[r.job]; ok {
				n++
			}
		}
		mu.Unlock()
		if n >= b.N || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.StopTimer()
	var postLat, sockLat []time.Duration
	missing := 0
	mu.Lock()
	for _, r := range results {
		if r.job == 0 {
			continue
		}
		postLat = append(postLat, r.reply.Sub(r.at))
		if t, ok := arrived[r.job]; ok {
			sockLat = append(sockLat, t.Sub(r.at))
		} else {
			missing++
		}
	}
	mu.Unlock()
	if missing > 0 {
		var states []string
		a.sql.Select(&states, `SELECT state || ' ' || count(*) || ' offers ' || (SELECT count(*) FROM offers) FROM jobs GROUP BY state`)
		b.Log(states)
		b.Errorf("%d of %d jobs never reached a socket", missing, len(results))
	}
	slices.Sort(postLat)
	slices.Sort(sockLat)
	cpu1, own1 := loadtest.CPUUsed()
	b.ReportMetric(float64(percentile(postLat, 0.5).Microseconds())/1000, "post-p50-ms")
	b.ReportMetric(float64(percentile(postLat, 0.99).Microseconds())/1000, "post-p99-ms")
	b.ReportMetric(float64(percentile(sockLat, 0.5).Microseconds())/1000, "socket-p50-ms")
	b.ReportMetric(float64(percentile(sockLat, 0.99).Microseconds())/1000, "socket-p99-ms")
	b.ReportMetric(float64((cpu1-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/post")
	b.ReportMetric(float64((own1-own0).Microseconds())/1000/float64(b.N), "instances-cpu-ms/post")
}

// BenchmarkIdleSockets: the server's memory per idle WebSocket. A child process opens the
// connections (10,000 need more file descriptors than one process may have with both ends);
// the figure is the growth of the server's heap and stacks after a GC, divided by the sockets.
//
//	go run ./cmd/pgtmp -- go test -run '^$' -bench BenchmarkIdleSockets -benchtime 1x ./internal/httpapi
func BenchmarkIdleSockets(b *testing.B) {
	const sockets = 10_000
	a := newApp(b)
	h := a.live(b).Hub
	srv := a.srv
	c := a.signedIn(a.person(klusbuddy.RolePoster, "", 8))
	u, _ := http.NewRequest("GET", srv.URL, nil)
	var cookie string
	for _, k := range c.http.Jar.Cookies(u.URL) {
		cookie += k.Name + "=" + k.Value + "; "
	}
	before := serverMemory()
	child := exec.Command(os.Args[0], "-test.run=^TestSocketClientsProcess$")
	child.Env = append(os.Environ(), "KB_SOCKETS="+strconv.Itoa(sockets), "KB_SOCKETS_URL="+srv.URL, "KB_SOCKETS_COOKIE="+cookie)
	stdin, _ := child.StdinPipe()
	stdout, _ := child.StdoutPipe()
	child.Stderr = os.Stderr
	if err := child.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { stdin.Close(); child.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "open") {
		b.Fatalf("the client process said %q: %v", line, err)
	}
	// Wait until the hub holds them all (the last upgrades may still be finishing).
	for deadline := time.Now().Add(30 * time.Second); h.Connections() < sockets && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	if n := h.Connections(); n < sockets {
		b.Fatalf("only %d of %d sockets connected", n, sockets)
	}
	after := serverMemory()
	b.ReportMetric(float64(after-before)/sockets, "bytes/socket")
	b.ReportMetric(float64(sockets), "sockets")
}

func serverMemory() uint64 {
	var m runtime.MemStats
	for range 3 {
		runtime.GC()
	}
	runtime.ReadMemStats(&m)
	return m.HeapInuse + m.StackInuse
}

// TestSocketClientsProcess is not a test: it is the client process of BenchmarkIdleSockets,
// run by it with KB_SOCKETS set. It opens that many WebSockets by hand (no goroutine or buffer
// per socket, so it stays small), prints "open" and holds them until stdin closes.
func TestSocketClientsProcess(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("KB_SOCKETS"))
	if n == 0 {
		return // run directly by `go test`: nothing to do
	}
	base := os.Getenv("KB_SOCKETS_URL")
	host := strings.TrimPrefix(base, "http://")
	conns := make([]net.Conn, 0, n)
	for i := range n {
		conn, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatalf("socket %d: %v", i, err)
		}
		fmt.Fprintf(conn, "GET /api/v1/ws HTTP/1.1\r\nHost: %s\r\nOrigin: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
			"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nCookie: %s\r\n\r\n", host, base, os.Getenv("KB_SOCKETS_COOKIE"))
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil || res.StatusCode != http.StatusSwitchingProtocols {
			t.Fatalf("socket %d: %v %v", i, err, res)
		}
		conns = append(conns, conn)
	}
	fmt.Println("open")
	io.Copy(io.Discard, os.Stdin)
	for _, c := range conns {
		c.Close()
	}
}
