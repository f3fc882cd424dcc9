package httpapi_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// scrape reads a metrics endpoint in Prometheus' text format.
func scrape(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("scrape: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	return string(body)
}

// sample is the value of the series whose name and labels match the pattern (-1: none).
func sample(text, series string) float64 {
	re := regexp.MustCompile(`(?m)^` + series + ` ([0-9.e+-]+)$`)
	m := re.FindStringSubmatch(text)
	if m == nil {
		return -1
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	return v
}

// The instance's metrics, served apart from the API: request latency labelled by route pattern
// (not the path with its id) and status class, the pool's use and the open sockets.
func TestMetrics(t *testing.T) {
	a := newApp(t)
	a.live(t)
	metrics := httptest.NewServer(a.inst.Metrics.Handler())
	t.Cleanup(metrics.Close)

	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 8))
	if res, body := poster.do("GET", "/api/v1/jobs", nil); res.StatusCode != 200 {
		t.Fatalf("jobs: %d %s", res.StatusCode, body)
	}
	for range 2 {
		if res, _ := poster.do("GET", "/api/v1/jobs/987654", nil); res.StatusCode != 404 {
			t.Fatalf("a job that is not there: %d", res.StatusCode)
		}
	}
	if res, _ := poster.do("GET", "/api/v1/no-such-route/987654", nil); res.StatusCode != 404 {
		t.Fatalf("no such route: %d", res.StatusCode)
	}

	text := scrape(t, metrics.URL)
	const h = "klusbuddy_http_request_duration_seconds"
	if n := sample(text, h+`_count\{method="GET",route="/api/v1/jobs/\{id\}",status="4xx"\}`); n != 2 {
		t.Errorf("GET /api/v1/jobs/{id} 4xx count = %v, want 2\n%s", n, grepLines(text, h+"_count"))
	}
	if n := sample(text, h+`_count\{method="GET",route="/api/v1/jobs",status="2xx"\}`); n != 1 {
		t.Errorf("GET /api/v1/jobs 2xx count = %v, want 1\n%s", n, grepLines(text, h+"_count"))
	}
	if n := sample(text, h+`_count\{method="POST",route="/api/v1/login",status="2xx"\}`); n < 1 {
		t.Errorf("POST /api/v1/login 2xx count = %v, want ≥ 1", n)
	}
	if strings.Contains(text, "987654") {
		t.Errorf("a path's id became a label:\n%s", grepLines(text, "987654"))
	}
	if n := sample(text, `go_sql_open_connections\{db_name="klusbuddy"\}`); n < 1 {
		t.Errorf("go_sql_open_connections = %v, want ≥ 1 (the pool's use)", n)
	}
	if n := sample(text, `go_sql_max_open_connections\{db_name="klusbuddy"\}`); n < 0 {
		t.Errorf("no go_sql_max_open_connections")
	}
	if n := sample(text, "klusbuddy_websocket_connections"); n != 0 {
		t.Errorf("sockets before any = %v, want 0", n)
	}

	// The hub registers a socket before it says "ready".
	if m := poster.mustDial(nil).next(5 * time.Second); m.Type != "ready" {
		t.Fatalf("first message %+v, want ready", m)
	}
	if n := sample(scrape(t, metrics.URL), "klusbuddy_websocket_connections"); n != 1 {
		t.Errorf("sockets with one open = %v, want 1", n)
	}

	// The API itself does not serve them: the metrics are for the inside network alone.
	res, body := poster.do("GET", "/metrics", nil)
	if strings.Contains(string(body), h) || strings.Contains(string(body), "go_sql_") {
		t.Errorf("the API serves metrics on /metrics (%d)", res.StatusCode)
	}
}

// Offers sent, accepts by outcome, the loops' last good run and the outbox's lag.
func TestMetricsDispatch(t *testing.T) {
	a := newApp(t)
	a.live(t)
	metrics := httptest.NewServer(a.inst.Metrics.Handler())
	t.Cleanup(metrics.Close)

	poster := a.signedIn(a.person(klusbuddy.RolePoster, "", 8))
	res, body := poster.do("POST", "/api/v1/jobs", map[string]any{"category": "cleaning", "address_id": profileOf(t, poster).Poster.Addresses[0].ID,
		"start": nextTuesday10().Format(time.RFC3339), "minutes": 120, "workers_needed": 1})
	var job jobDoc
	json.Unmarshal(body, &job)
	if res.StatusCode != 201 {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	w, offer := a.offeredWorker(t, job.ID)
	if res, body := w.c.do("POST", "/api/v1/offers/"+itoa(offer)+"/accept", nil); res.StatusCode != 200 {
		t.Fatalf("accept: %d %s", res.StatusCode, body)
	}
	var other int64
	var phone string
	if err := a.sql.QueryRow(`SELECT o.id, u.phone FROM offers o JOIN users u ON u.id = o.worker_id
		WHERE o.job_id = $1 AND o.id <> $2 ORDER BY o.id LIMIT 1`, job.ID, offer).Scan(&other, &phone); err != nil {
		t.Fatal("only one candidate for the job in the demo data")
	}
	c := a.client()
	c.do("POST", "/api/v1/login", map[string]string{"login": phone, "secret": demo.PIN})
	if res, body := c.do("POST", "/api/v1/offers/"+itoa(other)+"/accept", nil); res.StatusCode != 409 {
		t.Fatalf("accepting a taken place: %d %s", res.StatusCode, body)
	}
	var offers int
	a.sql.Get(&offers, `SELECT count(*) FROM offers`)

	text := scrape(t, metrics.URL)
	if n := sample(text, `klusbuddy_offer_accepts_total\{outcome="accepted"\}`); n != 1 {
		t.Errorf("accepted = %v, want 1\n%s", n, grepLines(text, "accepts"))
	}
	if n := sample(text, `klusbuddy_offer_accepts_total\{outcome="taken"\}`); n != 1 {
		t.Errorf("taken = %v, want 1\n%s", n, grepLines(text, "accepts"))
	}
	if n := sample(text, "klusbuddy_offers_sent_total"); n != float64(offers) || offers < 2 {
		t.Errorf("offers sent = %v, want the %d in the database", n, offers)
	}
	// Every loop has run once by now (each runs at start); the lag comes down to 0 once the
	// hub has handed out the events the job made.
	var lag float64
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		text = scrape(t, metrics.URL)
		if lag = sample(text, "klusbuddy_outbox_lag"); lag == 0 {
			break
		}
	}
	if lag != 0 {
		t.Errorf("outbox lag = %v, want 0", lag)
	}
	for _, loop := range []string{"sequencer", "dispatcher", "push_sender"} {
		if at := sample(text, `klusbuddy_loop_last_success_timestamp_seconds\{loop="`+loop+`"\}`); at < float64(time.Now().Add(-time.Minute).Unix()) {
			t.Errorf("%s last ran at %v", loop, at)
		}
	}
}

func grepLines(text, substr string) string {
	var b strings.Builder
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, substr) {
			fmt.Fprintln(&b, l)
		}
	}
	return b.String()
}
