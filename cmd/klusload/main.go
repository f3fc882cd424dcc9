// Command klusload drives running Klusbuddy instances over their real HTTP API and WebSockets,
// as households, workers and a coordinator would: it creates an organisation with workers (each
// signed in on one instance, in turn, with a socket open) and households, then posts jobs at a
// steady rate while every worker who gets an offer accepts it, and reports latencies, errors and
// throughput. `-mode ramp` raises the rate step by step until the accepts or the offers get slow
// or fail; `-mode sockets` opens idle sockets on one instance, step by step, to find how many it
// holds; `-mode pushes` sends every offer as a Web Push too, to a stand-in push service. See
// docs/BENCHMARKS.md, "Load test (issue 15)", and cmd/klusload/two-instances.sh.
//
// The instances must believe the tool's X-Forwarded-For (KLUSBUDDY_TRUSTED_PROXIES=127.0.0.1/32,
// as behind a proxy), since every simulated phone has an address of its own, and have an admin
// (the demo's by default: start them with `serve --demo`).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/loadtest"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "klusload:", err)
		os.Exit(1)
	}
}

type options struct {
	base                        loadtest.Load
	rates                       string
	stepDuration                time.Duration
	rampPlaces                  int
	limit, offerLimit           time.Duration
	sockInst, sockStep, sockMax int
	pushCert                    string
	pushPhones                  int
	pushRate                    float64
	growTo                      int
	parallel                    int
	metrics                     []string
}

func run(args []string) error {
	var o options
	fs := flag.NewFlagSet("klusload", flag.ContinueOnError)
	urls := fs.String("urls", "http://127.0.0.1:8181,http://127.0.0.1:8182", "comma-separated base URLs of the instances")
	mode := fs.String("mode", "steady", "steady: one rate; ramp: rates in turn until a limit; sockets: idle sockets in steps; pushes: offers pushed to a stand-in; grow: more workers, up to -grow-to; several, comma-separated, run in turn on the same people")
	admin := fs.String("admin", "admin@demo.klusbuddy.be", "an admin's login (creates the run's organisation)")
	adminPassword := fs.String("admin-password", "klusbuddy-demo", "the admin's password")
	workers := fs.Int("workers", 10*loadtest.BusyDaySockets, "workers, each with a socket open (ten times a busy day's)")
	posters := fs.Int("posters", 200, "households posting")
	runID := fs.Int("run", int(time.Now().Unix()%600), "run number 0–599, keeps this run's phones and e-mails apart from earlier runs'")
	parallel := fs.Int("parallel", 16, "requests at once while creating people and opening sockets")
	fs.Float64Var(&o.base.Rate, "rate", 10*loadtest.BusyDayPeakPerSecond, "steady: posts a second (ten times a busy day's peak hour)")
	fs.DurationVar(&o.base.Duration, "duration", time.Minute, "steady: how long to post")
	fs.IntVar(&o.base.WorkersNeeded, "places", 1, "steady: workers needed per job")
	fs.DurationVar(&o.base.Think, "think", time.Second, "most a worker waits before accepting (uniform from 0)")
	fs.DurationVar(&o.base.Drain, "drain", 30*time.Second, "after the last post, the most to wait for the last offers and accepts")
	fs.StringVar(&o.rates, "rates", "2,5,10,20,40,80", "ramp: posts a second at each step")
	fs.DurationVar(&o.stepDuration, "step-duration", 30*time.Second, "ramp: how long each step posts")
	fs.IntVar(&o.rampPlaces, "ramp-places", 3, "ramp: workers needed per job (more accepts per post)")
	fs.DurationVar(&o.limit, "limit", 100*time.Millisecond, "ramp: the accept p99 that ends the ramp")
	fs.DurationVar(&o.offerLimit, "offer-limit", time.Second, "ramp: the post → offer p99 that ends the ramp")
	fs.IntVar(&o.sockInst, "sockets-instance", 0, "sockets: the instance (index in -urls) that gets the idle sockets")
	fs.IntVar(&o.sockStep, "sockets-step", 1000, "sockets: idle sockets added per step")
	fs.IntVar(&o.sockMax, "sockets-max", 5000, "sockets: most idle sockets to open (mind this process's and the instance's file limits)")
	fs.StringVar(&o.pushCert, "push-cert", "", "pushes: where to write the push stand-in's certificate (the instances' SSL_CERT_FILE)")
	fs.IntVar(&o.pushPhones, "push-phones", 1000, "pushes: workers whose phone subscribes to Web Push")
	fs.Float64Var(&o.pushRate, "push-rate", 10, "pushes: posts a second for -step-duration, -ramp-places each (every offer is pushed too)")
	fs.IntVar(&o.growTo, "grow-to", 10*loadtest.BusyDaySockets, "grow: add workers (with sockets) up to this many")
	metrics := fs.String("metrics", "", "comma-separated /metrics URLs of the instances, in the order of -urls (optional)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	logf := func(format string, a ...any) { fmt.Printf(format+"\n", a...) }
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	list := strings.Split(*urls, ",")
	o.parallel = *parallel
	if *metrics != "" {
		o.metrics = strings.Split(*metrics, ",")
	}
	t0 := time.Now()
	pop, err := loadtest.Create(ctx, loadtest.Setup{URLs: list, AdminLogin: *admin, AdminPassword: *adminPassword,
		Workers: *workers, Posters: *posters, Parallel: *parallel, Run: *runID}, logf)
	if err != nil {
		return err
	}
	logf("run %d: %d workers and %d households created and signed in over %d instances in %s", *runID, *workers, *posters, len(list), time.Since(t0).Round(time.Second))
	t0 = time.Now()
	socks, err := pop.Connect(ctx, *parallel)
	if err != nil {
		return err
	}
	defer socks.Close()
	logf("sockets open per instance: %v (in %s)", socks.PerInstance(len(list)), time.Since(t0).Round(time.Millisecond))
	printMetrics(ctx, o.metrics, logf)
	for _, m := range strings.Split(*mode, ",") {
		if err := runMode(ctx, m, pop, socks, o, logf); err != nil {
			return err
		}
	}
	return nil
}

func runMode(ctx context.Context, mode string, pop *loadtest.Population, socks *loadtest.Sockets, o options, logf func(string, ...any)) error {
	logf("\n== %s", mode)
	switch mode {
	case "steady":
		res := pop.Run(ctx, socks, o.base, 1)
		logf("%s", res)
		printMetrics(ctx, o.metrics, logf)
	case "ramp":
		var rs []float64
		for _, s := range strings.Split(o.rates, ",") {
			v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
			if err != nil {
				return fmt.Errorf("-rates: %w", err)
			}
			rs = append(rs, v)
		}
		ramp := o.base
		ramp.Duration, ramp.WorkersNeeded = o.stepDuration, o.rampPlaces
		steps := pop.Ramp(ctx, socks, ramp, rs, o.limit, o.offerLimit, logf)
		logf("\n| posts/s asked | posts | post p50 / p99 | post → offer p50 / p99 | accepts/s | accept p50 / p99 | events/s | created → socket p99 | errors |")
		logf("|---|---|---|---|---|---|---|---|---|")
		for _, r := range steps {
			logf("| %.0f | %d | %.1f / %.1f ms | %.1f / %.1f ms | %.1f | %.1f / %.1f ms | %.0f | %.1f ms | %d |", r.Rate, r.Posts,
				msf(r.Post.P50), msf(r.Post.P99), msf(r.PostToOffer.P50), msf(r.PostToOffer.P99), r.AcceptsPerSecond(),
				msf(r.Accept.P50), msf(r.Accept.P99), r.EventsPerSecond(), msf(r.Delivery.P99), r.ErrorCount())
		}
		printMetrics(ctx, o.metrics, logf)
	case "sockets":
		mu := ""
		if o.sockInst < len(o.metrics) {
			mu = o.metrics[o.sockInst]
		}
		probe := loadtest.Load{Rate: 1, Duration: 10 * time.Second, WorkersNeeded: 1, Think: o.base.Think, Drain: 20 * time.Second}
		pop.IdleSockets(ctx, socks, o.sockInst, o.sockStep, o.sockMax, probe, mu, logf)
	case "grow":
		if n := o.growTo - pop.Workers(); n > 0 {
			t0 := time.Now()
			if err := pop.AddWorkers(ctx, n, logf); err != nil {
				return err
			}
			if err := socks.Add(ctx, pop, o.parallel); err != nil {
				return err
			}
			logf("grown to %d workers, sockets per instance %v, in %s", pop.Workers(), socks.PerInstance(len(pop.URLs())), time.Since(t0).Round(time.Second))
			printMetrics(ctx, o.metrics, logf)
		}
	case "pushes":
		if o.pushCert == "" {
			return fmt.Errorf("-mode pushes needs -push-cert (two-instances.sh gives it)")
		}
		l := o.base
		l.Rate, l.Duration, l.WorkersNeeded = o.pushRate, o.stepDuration, o.rampPlaces
		res, err := pop.Pushes(ctx, socks, o.pushPhones, l, o.pushCert, logf)
		if err != nil {
			return err
		}
		logf("%s", res)
		printMetrics(ctx, o.metrics, logf)
	default:
		return fmt.Errorf("-mode: steady, ramp, sockets, pushes or grow")
	}
	return nil
}

func msf(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func printMetrics(ctx context.Context, urls []string, logf func(string, ...any)) {
	for i, u := range urls {
		m, err := loadtest.Scrape(ctx, u)
		if err != nil {
			logf("instance %d metrics: %v", i, err)
			continue
		}
		logf("instance %d: %s", i, loadtest.FormatMetrics(m))
	}
}
