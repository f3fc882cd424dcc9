package loadtest

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Ramp runs base at each rate in turn, until a step's accept p99 passes limit, its post → offer
// p99 passes offerLimit, a job's offers reach no socket, or any error appears: the step before
// is the limit. It returns every step run.
func (p *Population) Ramp(ctx context.Context, s *Sockets, base Load, rates []float64, limit, offerLimit time.Duration, logf func(string, ...any)) []Result {
	var out []Result
	for i, rate := range rates {
		l := base
		l.Rate = rate
		res := p.Run(ctx, s, l, uint64(1000+i))
		logf("%s", res)
		out = append(out, res)
		if ctx.Err() != nil || res.Accept.P99 > limit || res.PostToOffer.P99 > offerLimit || res.ErrorCount() > 0 || res.NoOffer > 0 {
			break
		}
	}
	return out
}

// SocketStep is one step of the idle-sockets ramp.
type SocketStep struct {
	Idle    int                // idle sockets open on the instance, beside the workers' own
	Failed  int                // dials that failed in this step
	Probe   Result             // a short load with the workers' sockets, measured meanwhile
	Metrics map[string]float64 // the instance's /metrics, when given
	DialP99 time.Duration
}

// IdleSockets opens idle sockets on instance `inst` (as the workers' second devices: each uses a
// worker's session) in steps of `step`, up to `most`; after each step it runs `probe` (a
// short, light load) and reads the instance's metrics (metricsURL may be empty). It stops at
// `most`, or when dials fail, the probe has errors or sockets are lost.
func (p *Population) IdleSockets(ctx context.Context, s *Sockets, inst, step, most int, probe Load, metricsURL string, logf func(string, ...any)) []SocketStep {
	var conns []*websocket.Conn
	var mu sync.Mutex
	var readers sync.WaitGroup
	defer func() {
		for _, c := range conns {
			c.Close()
		}
		readers.Wait()
	}()
	var out []SocketStep
	for len(conns) < most && ctx.Err() == nil {
		want := min(step, most-len(conns))
		var dials latencies
		var failed int
		have := len(conns)
		_ = parallel(ctx, want, 32, func(ctx context.Context, i int) error {
			w := p.workers[(have+i)%len(p.workers)]
			w2 := &worker{c: w.c.at(p.urls[inst]), instance: inst}
			t0 := time.Now()
			c, err := dial(ctx, w2)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				failed++
				return nil
			}
			dials.add(time.Since(t0))
			conns = append(conns, c)
			readers.Add(1)
			go func() { // reads, so that pings get their pongs; idle otherwise
				defer readers.Done()
				for {
					if _, _, err := c.ReadMessage(); err != nil {
						return
					}
				}
			}()
			return nil
		})
		st := SocketStep{Idle: len(conns), Failed: failed, DialP99: dials.summary().P99}
		st.Probe = p.Run(ctx, s, probe, uint64(len(conns)))
		if metricsURL != "" {
			st.Metrics, _ = scrape(ctx, metricsURL)
		}
		logf("idle sockets on instance %d: %d (failed %d, dial p99 %s); probe post %s, post → offer %s, accept %s, created → socket %s, errors %d, sockets lost %d; %s",
			inst, st.Idle, st.Failed, ms(st.DialP99), st.Probe.Post, st.Probe.PostToOffer, st.Probe.Accept, st.Probe.Delivery, st.Probe.ErrorCount(), st.Probe.LostSockets, formatMetrics(st.Metrics))
		out = append(out, st)
		if failed > 0 || st.Probe.ErrorCount() > 0 || st.Probe.LostSockets > 0 {
			break
		}
	}
	return out
}

// Watched are the metrics the sockets ramp reports.
var Watched = []string{"klusbuddy_websocket_connections", "process_resident_memory_bytes", "go_memstats_heap_inuse_bytes",
	"go_goroutines", "process_open_fds", "klusbuddy_outbox_lag"}

// scrape reads the instance's Prometheus text and keeps the watched series without labels.
func scrape(ctx context.Context, url string) (map[string]float64, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return nil, err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	out := map[string]float64{}
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		for _, name := range Watched {
			if rest, ok := strings.CutPrefix(line, name+" "); ok {
				if v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64); err == nil {
					out[name] = v
				}
			}
		}
	}
	return out, sc.Err()
}

// Scrape is scrape for the command: the watched metrics of one instance.
func Scrape(ctx context.Context, url string) (map[string]float64, error) { return scrape(ctx, url) }

func formatMetrics(m map[string]float64) string {
	if len(m) == 0 {
		return "no metrics"
	}
	var parts []string
	for _, name := range Watched {
		if v, ok := m[name]; ok {
			if strings.HasSuffix(name, "_bytes") {
				parts = append(parts, fmt.Sprintf("%s %.0f MiB", strings.TrimPrefix(name, "process_"), v/(1<<20)))
			} else {
				parts = append(parts, fmt.Sprintf("%s %.0f", name, v))
			}
		}
	}
	return strings.Join(parts, ", ")
}

// FormatMetrics is formatMetrics for the command.
func FormatMetrics(m map[string]float64) string { return formatMetrics(m) }

// Workers is how many workers the population has.
func (p *Population) Workers() int { return len(p.workers) }

// URLs are the instances' base URLs.
func (p *Population) URLs() []string { return p.urls }
