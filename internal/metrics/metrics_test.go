package metrics_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/metrics"
)

// Labels stay few whatever clients send: no route is "unmatched", odd methods are "other",
// statuses are classes.
func TestRequestLabelsStayFew(t *testing.T) {
	m := metrics.New()
	m.ObserveRequest("", "GET", 404, time.Millisecond)
	m.ObserveRequest("/api/v1/jobs/{id}", "BREW", 200, time.Millisecond)
	m.ObserveRequest("/api/v1/jobs/{id}", "GET", 503, time.Millisecond)
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	res, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	text := string(b)
	for _, want := range []string{
		`klusbuddy_http_request_duration_seconds_count{method="GET",route="unmatched",status="4xx"} 1`,
		`klusbuddy_http_request_duration_seconds_count{method="other",route="/api/v1/jobs/{id}",status="2xx"} 1`,
		`klusbuddy_http_request_duration_seconds_count{method="GET",route="/api/v1/jobs/{id}",status="5xx"} 1`,
		"go_goroutines ",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no %s", want)
		}
	}
	if strings.Contains(text, "BREW") {
		t.Error("a made-up method became a label")
	}
}
