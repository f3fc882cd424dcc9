// Package metrics holds an instance's Prometheus registry and its collectors. The domain
// packages never import Prometheus: they get plain funcs (ObserveRequest, Accept, …) or are
// read through small accessors (the pool's sql.DBStats, the hub's connection count), wired in
// internal/app.
package metrics

import (
	"context"
	"database/sql"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics is one instance's registry. Each instance has its own (not Prometheus' global one),
// so that tests can run several instances in one process.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.HistogramVec
	accepts  *prometheus.CounterVec
	offers   prometheus.Counter
	pushes   *prometheus.CounterVec
	loops    *prometheus.GaugeVec
}

// New makes a registry with the Go runtime's and the process's collectors.
func New() *Metrics {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m := &Metrics{reg: reg}
	m.requests = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "klusbuddy_http_request_duration_seconds",
		Help:    "Time to answer HTTP requests, by chi route pattern (never the raw path), method and status class.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
	}, []string{"route", "method", "status"})
	m.accepts = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "klusbuddy_offer_accepts_total",
		Help: "Accepts of offers by outcome: accepted, or the refusal's reason (taken, closed, expired, …) or error code.",
	}, []string{"outcome"})
	m.offers = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "klusbuddy_offers_sent_total",
		Help: "Offers sent in waves.",
	})
	m.pushes = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "klusbuddy_pushes_total",
		Help: "Web Push attempts by result: sent, retry (failed, tried again later), gone (subscription pruned), dropped.",
	}, []string{"result"})
	m.loops = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "klusbuddy_loop_last_success_timestamp_seconds",
		Help: "When a background loop (sequencer, dispatcher, push_sender) last ran without error, as Unix time.",
	}, []string{"loop"})
	reg.MustRegister(m.requests, m.accepts, m.offers, m.pushes, m.loops)
	return m
}

// Accept counts one accept's outcome.
func (m *Metrics) Accept(outcome string) { m.accepts.WithLabelValues(outcome).Inc() }

// OffersSent counts a wave's offers.
func (m *Metrics) OffersSent(n int) { m.offers.Add(float64(n)) }

// Push counts one push attempt's result.
func (m *Metrics) Push(result string) { m.pushes.WithLabelValues(result).Inc() }

// LoopRan returns the func a loop calls after each run without error: it sets the loop's
// last-success time, so that a stuck or failing loop shows as a growing age.
func (m *Metrics) LoopRan(loop string) func() {
	g := m.loops.WithLabelValues(loop)
	return func() { g.SetToCurrentTime() }
}

// WatchOutboxLag exports lag's answer (events in the outbox this instance has not handed out
// yet), read at each scrape; NaN when it cannot be read.
func (m *Metrics) WatchOutboxLag(lag func(context.Context) (int64, error)) {
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "klusbuddy_outbox_lag",
		Help: "Newest sequenced outbox (notification) id minus the newest this instance's live-updates hub handed out.",
	}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		n, err := lag(ctx)
		if err != nil {
			return math.NaN()
		}
		return float64(n)
	}))
}

// Handler serves the registry in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// ObserveRequest records one answered request. route is the chi route pattern ("" when no
// route matched: "unmatched", so that scanners' paths do not each make a series).
func (m *Metrics) ObserveRequest(route, method string, status int, d time.Duration) {
	if route == "" {
		route = "unmatched"
	}
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions:
	default:
		method = "other" // any token is a valid method: keep the label's values few
	}
	m.requests.WithLabelValues(route, method, statusClass(status)).Observe(d.Seconds())
}

func statusClass(status int) string {
	if status < 100 || status > 599 {
		return "other"
	}
	return strconv.Itoa(status/100) + "xx"
}

// WatchDB exports the connection pool's use (open, in use, idle, waits) as go_sql_* metrics.
func (m *Metrics) WatchDB(name string, db *sql.DB) {
	m.reg.MustRegister(collectors.NewDBStatsCollector(db, name))
}

// WatchConnections exports n's answer as the number of open WebSocket connections.
func (m *Metrics) WatchConnections(n func() int) {
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "klusbuddy_websocket_connections",
		Help: "Open WebSocket (live updates) connections on this instance.",
	}, func() float64 { return float64(n()) }))
}
