package main

import (
	"context"
	"fmt"

	"github.com/klusbuddy/klusbuddy/internal/postgres"
)

func runMigrate(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "migrate", "up|status",
		"up applies every pending migration (safe while other instances start: they take turns);\n"+
			"status lists the migrations and when each was applied.", true)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 || (fs.Arg(0) != "up" && fs.Arg(0) != "status") {
		fmt.Fprintln(env.stderr, "klusbuddy migrate: say up or status")
		return errUsage
	}
	db, _, closeDB, err := configuredDatabase(ctx, env)
	if err != nil {
		return err
	}
	defer closeDB()
	if fs.Arg(0) == "up" {
		applied, err := db.Migrate(ctx)
		if err != nil {
			return err
		}
		if len(applied) == 0 {
			fmt.Fprintln(env.stdout, "The schema is up to date.")
			return nil
		}
		for _, m := range applied {
			fmt.Fprintf(env.stdout, "applied %s\n", m.Name)
		}
		return nil
	}
	st, err := db.MigrationStatuses(ctx)
	if err != nil {
		return err
	}
	postgres.WriteStatus(env.stdout, st)
	return nil
}
