package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/app"
	"github.com/klusbuddy/klusbuddy/internal/config"
	"github.com/klusbuddy/klusbuddy/internal/dispatch"
	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
	"github.com/klusbuddy/klusbuddy/internal/match"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
	"github.com/klusbuddy/klusbuddy/internal/push"
	"github.com/klusbuddy/klusbuddy/pwa"
)

func runServe(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "serve", "", "Runs the Klusbuddy web server: the API, the app and the health endpoints.\n"+
		"It applies pending migrations first (unless KLUSBUDDY_AUTO_MIGRATE=false) and stops\n"+
		"gracefully on SIGINT or SIGTERM, draining requests for at most KLUSBUDDY_SHUTDOWN_TIMEOUT.", true)
	withDemo := fs.Bool("demo", false, "load the demo data first when the database is empty")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.stderr, "klusbuddy serve: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	cfg, err := config.Load(env.getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg, env)

	// Listen before anything slow, so that a port in use is reported at once.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %v", cfg.Addr, unwrapOpError(err))
	}
	defer ln.Close()
	// Metrics on their own address (off by default): scraped from inside the network, never
	// reachable through the public one (docs/decisions.md).
	var metricsLn net.Listener
	if cfg.MetricsAddr != "" {
		if metricsLn, err = net.Listen("tcp", cfg.MetricsAddr); err != nil {
			return fmt.Errorf("cannot listen on %s (KLUSBUDDY_METRICS_ADDR): %v", cfg.MetricsAddr, unwrapOpError(err))
		}
		defer metricsLn.Close()
	}
	url := "http://" + displayAddr(ln.Addr().String())
	if cfg.PublicURL == "http://"+cfg.Addr {
		// The default public URL names the address we listen on; with port 0 or 0.0.0.0 the
		// real one is only known now.
		cfg.PublicURL = url
	}

	db, closeDB, err := openDatabase(ctx, cfg, log, true) // the instance runs the sequencer (app.Instance)
	if err != nil {
		return err
	}
	defer closeDB()
	if err := checkSchema(ctx, cfg, db, log); err != nil {
		return err
	}
	if *withDemo {
		if _, err := seedDemo(ctx, db, log); err != nil {
			return err
		}
	}

	reminders := klusbuddy.ReminderSettings{Before: cfg.ReminderBefore}
	if err := reminders.ParseEvening(cfg.ReminderEvening); err != nil {
		return fmt.Errorf("KLUSBUDDY_REMINDER_EVENING: %v", err)
	}
	inst, err := app.New(ctx, db, app.Options{
		Logger:        log,
		Reminders:     reminders,
		CheckInRadius: float64(cfg.CheckInRadius),
		Approval:      klusbuddy.ApprovalSettings{Days: cfg.ApprovalDays},
		Keep:          app.Keep{Positions: days(cfg.PositionDays), Notifications: days(cfg.NotificationDays)},
		Dispatch: dispatch.Settings{OfferTTL: cfg.OfferTTL, WaveFactor: cfg.WaveFactor, Weights: match.Weights(cfg.MatchWeights),
			FavouritesFirst: favouritesFirst(cfg.FavouritesFirst)},
		PushKeys:       push.Keys{Public: cfg.VAPIDPublicKey, Private: cfg.VAPIDPrivateKey, Subject: cfg.VAPIDSubject},
		PushHosts:      cfg.PushHosts,
		PWA:            pwa.Dist(),
		PublicURL:      cfg.PublicURL,
		Production:     cfg.Env == config.Production,
		Version:        versionString(),
		RequestTimeout: cfg.RequestTimeout,
		MaxBodyBytes:   cfg.MaxBodyBytes,
		TrustedProxies: cfg.TrustedProxies,
	})
	if err != nil {
		return err
	}
	api := inst.API
	if !api.PWABuilt() {
		log.Warn("the app is not built into this binary (pwa/dist is empty): only the API is served; run `make build`")
	}
	srv := &http.Server{
		Handler:           api,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       cfg.RequestTimeout,
		WriteTimeout:      cfg.RequestTimeout + 5*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	// The loops first: a socket that arrived before the hub knows its place in the outbox
	// would be sent away (1013) to come back.
	runCtx, stopRunning := context.WithCancel(ctx)
	defer stopRunning()
	running := make(chan error, 1)
	go func() { running <- inst.Run(runCtx) }()
	select {
	case <-inst.Hub.Started():
	case err := <-running:
		return err
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	if metricsLn != nil {
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", inst.Metrics.Handler())
		metricsSrv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second,
			ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
		go metricsSrv.Serve(metricsLn) // ends when metricsLn is closed on return
		log.Info("metrics", "url", "http://"+displayAddr(metricsLn.Addr().String())+"/metrics")
	}

	log.Info("listening", "url", url, "version", versionString(), "env", cfg.Env)
	// The demo logins first, the address last: whoever waits for "running at" (a person, or
	// a test) has everything above it.
	if *withDemo {
		fmt.Fprintln(env.stdout)
		printDemoSummary(ctx, env.stdout, db)
	}
	fmt.Fprintf(env.stdout, "\nKlusbuddy is running at %s\n", url)
	fmt.Fprintf(env.stdout, "Press Ctrl-C to stop.\n\n")

	select {
	case err := <-served:
		return fmt.Errorf("server stopped: %w", err)
	case err := <-running:
		return fmt.Errorf("stopped: %v", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "drain_timeout", cfg.ShutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		log.Warn("requests still running at the drain deadline were cut off", "error", err)
		srv.Close()
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	// The hub closes its WebSockets with 1001 as the loops stop (Shutdown does not see them).
	stopRunning()
	select {
	case <-running:
	case <-shutdownCtx.Done():
	}
	log.Info("stopped")
	return nil
}

// checkSchema applies pending migrations or, when told not to, refuses to run on a schema that
// is behind this binary.
func checkSchema(ctx context.Context, cfg config.Config, db *postgres.DB, log *slog.Logger) error {
	if cfg.AutoMigrate {
		applied, err := db.Migrate(ctx)
		if err != nil {
			return err
		}
		for _, m := range applied {
			log.Info("migration applied", "migration", m.Name)
		}
		return nil
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if v.Behind() {
		return fmt.Errorf("the database schema is at version %d but this Klusbuddy needs version %d: "+
			"run `klusbuddy migrate up` (or start with KLUSBUDDY_AUTO_MIGRATE=true)", v.Current, v.Target)
	}
	if v.Current > v.Target {
		log.Warn("the database schema is newer than this binary", "schema", v.Current, "binary", v.Target)
		return nil // a newer binary's functions are its own
	}
	stale, err := db.StaleSchemaParts(ctx)
	if err != nil {
		return err
	}
	if len(stale) > 0 {
		return fmt.Errorf("the database's stored functions differ from this Klusbuddy's (%s): "+
			"run `klusbuddy migrate up` (or start with KLUSBUDDY_AUTO_MIGRATE=true)", strings.Join(stale, "; "))
	}
	return nil
}

// displayAddr makes a listen address something to open in a browser: 0.0.0.0 and :: become
// 127.0.0.1.
func displayAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}

// unwrapOpError shortens "listen tcp 127.0.0.1:8080: bind: address already in use" to its cause.
func unwrapOpError(err error) string {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		s := op.Err.Error()
		if i := strings.LastIndex(s, ": "); i >= 0 {
			return s[i+2:]
		}
		return s
	}
	return err.Error()
}

// favouritesFirst is the setting as dispatch takes it: 0 in the configuration switches the
// favourites-first wave off (a negative duration to dispatch, whose zero is the default).
func favouritesFirst(d time.Duration) time.Duration {
	if d == 0 {
		return -1
	}
	return d
}

func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }
