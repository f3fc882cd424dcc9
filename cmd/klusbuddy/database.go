package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/config"
	"github.com/klusbuddy/klusbuddy/internal/pgcluster"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
)

// openDatabase connects to DATABASE_URL or, when it is unset (development only; the config
// refuses it in production), starts the private cluster under the data folder. close releases
// both. sequencer says that this process runs the outbox's sequencer on it
// (postgres.OpenOptions.WakesItsSequencer).
func openDatabase(ctx context.Context, cfg config.Config, log *slog.Logger, sequencer bool) (db *postgres.DB, close func(), err error) {
	url := cfg.DatabaseURL
	var cluster *pgcluster.Cluster
	if url == "" {
		dir, err := filepath.Abs(filepath.Join(cfg.DataDir, "postgres"))
		if err != nil {
			return nil, nil, err
		}
		log.Info("DATABASE_URL is not set: using a private PostgreSQL cluster", "dir", dir)
		cluster, err = pgcluster.Start(ctx, pgcluster.Options{Dir: dir, Logger: log})
		if err != nil {
			return nil, nil, err
		}
		if err := cluster.CreateDatabase(ctx, "klusbuddy"); err != nil {
			stopCluster(cluster, log)
			return nil, nil, fmt.Errorf("creating the development database: %w", err)
		}
		url = cluster.URL("klusbuddy")
	}
	db, err = postgres.Open(ctx, url, postgres.OpenOptions{MaxConns: cfg.DBMaxConns, Wait: cfg.DBWait, Logger: log, PushGrace: cfg.PushGrace,
		StatementTimeout: cfg.DBStatementTimeout, WakesItsSequencer: sequencer, Prepared: preparedOption(cfg.DBPrepared)})
	if err != nil {
		if cluster != nil {
			stopCluster(cluster, log)
		}
		return nil, nil, err
	}
	return db, func() {
		db.Close()
		if cluster != nil {
			stopCluster(cluster, log)
		}
	}, nil
}

func stopCluster(c *pgcluster.Cluster, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.Stop(ctx); err != nil {
		log.Error("stopping the private PostgreSQL cluster", "error", err)
	}
}

// configuredDatabase loads the configuration and opens the database, for the maintenance
// commands (migrate, seed).
func configuredDatabase(ctx context.Context, env *environment) (*postgres.DB, *slog.Logger, func(), error) {
	cfg, err := config.Load(env.getenv)
	if err != nil {
		return nil, nil, nil, err
	}
	log := newLogger(cfg, env)
	db, closeDB, err := openDatabase(ctx, cfg, log, false) // no sequencer: their writes notify
	if err != nil {
		return nil, nil, nil, err
	}
	return db, log, closeDB, nil
}

// newLogger makes the process logger: text for people in development, JSON for machines in
// production.
func newLogger(cfg config.Config, env *environment) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(env.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(env.stderr, opts))
}

// preparedOption is KLUSBUDDY_DB_PREPARED as postgres.OpenOptions.Prepared (0 there means the
// default, here none).
func preparedOption(n int) int {
	if n == 0 {
		return -1
	}
	return n
}
