// Package metrics holds an instance's Prometheus registry and its collectors. The domain
// packages never import Prometheus: they get plain funcs (ObserveRequest, Accept, …) or are
// read through small accessors (the pool's sql.DBStats, the hub's connection count), wired in
// internal/app.
package metrics

import (
	"database/sql"
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
	reg.MustRegister(m.requests)
	return m
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
