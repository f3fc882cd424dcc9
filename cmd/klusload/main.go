// Command klusload drives running Klusbuddy instances over their real HTTP API and WebSockets,
// as households, workers and a coordinator would: it creates an organisation with workers (each
// signed in on one instance, in turn, with a socket open) and households, then posts jobs at a
// steady rate while every worker who gets an offer accepts it, and reports latencies, errors and
// throughput. `-mode ramp` raises the rate step by step until the accepts or the offers get slow
// or fail; `-mode sockets` opens idle sockets on one instance, step by step, to find how many it
// holds. See docs/BENCHMARKS.md, "Load test (issue 15)".
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

func run(args []string) error {
	fs := flag.NewFlagSet("klusload", flag.ContinueOnError)
	urls := fs.String("urls", "http://127.0.0.1:8081,http://127.0.0.1:8082", "comma-separated base URLs of the instances")
	mode := fs.String("mode", "steady", "steady: one rate; ramp: rates in turn until a limit; sockets: idle sockets in steps; several, comma-separated, run in turn on the same people")
	admin := fs.String("admin", "admin@demo.klusbuddy.be", "an admin's login (creates the run's organisation)")
	adminPassword := fs.String("admin-password", "klusbuddy-demo", "the admin's password")
	workers := fs.Int("workers", 10*loadtest.BusyDaySockets, "workers, each with a socket open (ten times a busy day's)")
	posters := fs.Int("posters", 200, "households posting")
	runID := fs.Int("run", int(time.Now().Unix()%600), "run number 0–599, keeps this run's phones and e-mails apart from earlier runs'")
	parallel := fs.Int("parallel", 16, "requests at once while creating people and opening sockets")
	rate := fs.Float64("rate", 10*loadtest.BusyDayPeakPerSecond, "posts a second (ten times a busy day's peak hour)")
	duration := fs.Duration("duration", time.Minute, "how long to post at each rate")
	places := fs.Int("places", 1, "workers needed per job")
	think := fs.Duration("think", time.Second, "most a worker waits before accepting (uniform from 0)")
	drain := fs.Duration("drain", 5*time.Second, "wait after the last post for the last offers and accepts")
	rates := fs.String("rates", "2,5,10,20,40,80", "ramp: posts a second at each step")
	stepDuration := fs.Duration("step-duration", 30*time.Second, "ramp: how long each step posts")
	rampPlaces := fs.Int("ramp-places", 3, "ramp: workers needed per job (more accepts per post)")
	offerLimit := fs.Duration("offer-limit", time.Second, "ramp: the post → offer p99 that ends the ramp")
	limit := fs.Duration("limit", 100*time.Millisecond, "ramp: the accept p99 that ends the ramp; sockets: the probe's post → offer p99 that ends it")
	sockInst := fs.Int("sockets-instance", 0, "sockets: the instance (index in -urls) that gets the idle sockets")
	sockStep := fs.Int("sockets-step", 1000, "sockets: idle sockets added per step")
	sockMax := fs.Int("sockets-max", 5000, "sockets: most idle sockets to open (mind this process's and the instance's file limits)")
	metrics := fs.String("metrics", "", "comma-separated /metrics URLs of the instances, in the order of -urls (optional)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	logf := func(format string, a ...any) { fmt.Printf(format+"\n", a...) }
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	list := strings.Split(*urls, ",")
	var metricsURLs []string
	if *metrics != "" {
		metricsURLs = strings.Split(*metrics, ",")
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
	printMetrics(ctx, metricsURLs, logf)

	base := loadtest.Load{Rate: *rate, Duration: *duration, WorkersNeeded: *places, Think: *think, Drain: *drain}
	for _, m := range strings.Split(*mode, ",") {
		if err := runMode(ctx, m, pop, socks, base, *stepDuration, *rampPlaces, *offerLimit, *rates, *limit, *sockInst, *sockStep, *sockMax, metricsURLs, logf); err != nil {
			return err
		}
	}
	return nil
}

func runMode(ctx context.Context, mode string, pop *loadtest.Population, socks *loadtest.Sockets, base loadtest.Load, stepDuration time.Duration, rampPlaces int, offerLimit time.Duration, rates string,
	limit time.Duration, sockInst, sockStep, sockMax int, metricsURLs []string, logf func(string, ...any)) error {
	logf("\n== %s", mode)
	switch mode {
	case "steady":
		res := pop.Run(ctx, socks, base, 1)
		logf("%s", res)
		printMetrics(ctx, metricsURLs, logf)
		if res.ErrorCount() > 0 {
			return fmt.Errorf("%d errors", res.ErrorCount())
		}
	case "ramp":
		var rs []float64
		for _, s := range strings.Split(rates, ",") {
			v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
			if err != nil {
				return fmt.Errorf("-rates: %w", err)
			}
			rs = append(rs, v)
		}
		ramp := base
		ramp.Duration, ramp.WorkersNeeded = stepDuration, rampPlaces
		steps := pop.Ramp(ctx, socks, ramp, rs, limit, offerLimit, logf)
		logf("\n| posts/s asked | posts | post p50 / p99 | post → offer p50 / p99 | accepts/s | accept p50 / p99 | events/s | created → socket p99 | errors |")
		logf("|---|---|---|---|---|---|---|---|---|")
		for _, r := range steps {
			logf("| %.0f | %d | %.1f / %.1f ms | %.1f / %.1f ms | %.1f | %.1f / %.1f ms | %.0f | %.1f ms | %d |", r.Rate, r.Posts,
				msf(r.Post.P50), msf(r.Post.P99), msf(r.PostToOffer.P50), msf(r.PostToOffer.P99), r.AcceptsPerSecond(),
				msf(r.Accept.P50), msf(r.Accept.P99), r.EventsPerSecond(), msf(r.Delivery.P99), r.ErrorCount())
		}
		printMetrics(ctx, metricsURLs, logf)
	case "sockets":
		mu := ""
		if sockInst < len(metricsURLs) {
			mu = metricsURLs[sockInst]
		}
		probe := loadtest.Load{Rate: 5, Duration: 5 * time.Second, WorkersNeeded: 1, Think: base.Think, Drain: 10 * time.Second}
		pop.IdleSockets(ctx, socks, sockInst, sockStep, sockMax, probe, limit, mu, logf)
	default:
		return fmt.Errorf("-mode: steady, ramp or sockets")
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
