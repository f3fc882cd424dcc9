// Command klusbuddy runs the Klusbuddy server and its maintenance tasks. It is the only place
// that wires the packages together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	_ "time/tzdata" // Europe/Brussels in images without zoneinfo (distroless)
)

// version is set at build time with -ldflags "-X main.version=…"; otherwise the VCS revision.
var version = ""

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first signal, a second one ends the process at once.
		<-ctx.Done()
		stop()
	}()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	case errors.Is(err, errUsage):
		os.Exit(2)
	default:
		fmt.Fprintf(os.Stderr, "klusbuddy: %v\n", err)
		os.Exit(1)
	}
}

// errUsage marks a command-line mistake; the usage has been printed already.
var errUsage = errors.New("usage")

type command struct {
	name, summary string
	run           func(ctx context.Context, env *environment, args []string) error
}

// environment is what a subcommand gets from the outside world.
type environment struct {
	getenv         func(string) string
	stdout, stderr io.Writer
}

func commands() []command {
	return []command{
		{"serve", "run the web server (the default)", runServe},
		{"migrate", "apply database migrations (up) or show them (status)", runMigrate},
		{"seed", "load the demo data into an empty database (--demo)", runSeed},
		{"vapid-keys", "print a new Web Push (VAPID) key pair as environment settings", runVapidKeys},
		{"healthcheck", "exit 0 when the server answers /readyz (for container health checks)", runHealthcheck},
		{"version", "print the version", runVersion},
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	env := &environment{getenv: getenv, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		return runServe(ctx, env, nil)
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return nil
	}
	if args[0][0] == '-' { // flags only: they belong to serve
		return runServe(ctx, env, args)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, env, args[1:])
		}
	}
	fmt.Fprintf(stderr, "klusbuddy: unknown command %q\n\n", args[0])
	usage(stderr)
	return errUsage
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "Klusbuddy: micro-jobs for the social economy.\n\nUsage: klusbuddy [command] [flags]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun `klusbuddy <command> --help` for a command's flags and settings.\n")
}

func runVersion(_ context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "version", "", "Prints the version of this binary.", false)
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, versionString())
	return nil
}

func versionString() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		rev, dirty := "", false
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if rev != "" {
			if dirty {
				rev += "-dirty"
			}
			return "dev-" + rev
		}
	}
	return "dev"
}
