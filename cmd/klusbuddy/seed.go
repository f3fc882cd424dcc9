package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/klusbuddy/klusbuddy/internal/demo"
	"github.com/klusbuddy/klusbuddy/internal/password"
	"github.com/klusbuddy/klusbuddy/internal/postgres"
)

func runSeed(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "seed", "", "Loads the demo data (around Genk and Hasselt) into an empty, migrated database.\n"+
		"It refuses a database that already holds data.", true)
	withDemo := fs.Bool("demo", false, "load the demo data set")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !*withDemo {
		fmt.Fprintln(env.stderr, "klusbuddy seed: say --demo (it is the only data set)")
		return errUsage
	}
	db, log, closeDB, err := configuredDatabase(ctx, env)
	if err != nil {
		return err
	}
	defer closeDB()
	if v, err := db.SchemaVersion(ctx); err != nil {
		return err
	} else if v.Behind() {
		return fmt.Errorf("the schema is behind (version %d of %d): run `klusbuddy migrate up` first", v.Current, v.Target)
	}
	seeded, err := seedDemo(ctx, db, log)
	if err != nil {
		return err
	}
	if !seeded {
		return errors.New("the database already holds data; demo data goes only into an empty database")
	}
	printDemoSummary(ctx, env.stdout, db)
	return nil
}

// seedDemo loads the demo data when the database is empty and reports whether it did.
func seedDemo(ctx context.Context, db *postgres.DB, log *slog.Logger) (bool, error) {
	empty, err := db.IsEmpty(ctx)
	if err != nil || !empty {
		return false, err
	}
	data := demo.Data()
	data.History = demo.History(data)
	var err2 error
	if data.PasswordHash, err2 = password.Hash(demo.Password, password.Default); err2 != nil {
		return false, err2
	}
	if data.PINHash, err2 = password.Hash(demo.PIN, password.Default); err2 != nil {
		return false, err2
	}
	if err := db.Seed(ctx, data); err != nil {
		return false, fmt.Errorf("loading demo data: %w", err)
	}
	log.Info("demo data loaded")
	return true, nil
}

func printDemoSummary(ctx context.Context, w io.Writer, db *postgres.DB) {
	c, err := db.Counts(ctx)
	if err != nil {
		return
	}
	fmt.Fprintf(w, "Demo data: %d organisations, %d categories, %d coordinators, %d workers, %d buddies, %d posters, %d admin, %d past jobs.\n",
		c["organisations"], c["categories"], c["coordinator"], c["worker"], c["buddy"], c["poster"], c["admin"], c["jobs"])
	fmt.Fprintf(w, "Demo logins (workers and buddies sign in with their phone number and PIN):\n")
	for _, l := range demo.Logins(demo.Data()) {
		fmt.Fprintf(w, "  %-12s %-50s %-36s %s\n", l.Role, l.Who, l.Login, l.Secret)
	}
}
