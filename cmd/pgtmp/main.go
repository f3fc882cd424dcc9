// Command pgtmp runs a command with a throwaway PostgreSQL cluster: it starts a private cluster
// in a temporary folder, runs the command with TEST_DATABASE_URL pointing at it, then stops and
// removes the cluster. `make test` uses it so that a whole test run shares one cluster when no
// TEST_DATABASE_URL is given.
//
//	go run ./cmd/pgtmp -- go test ./...
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/pgcluster"
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: pgtmp -- command [args…]")
		os.Exit(2)
	}
	code, err := run(args)
	if err != nil {
		fmt.Fprintf(os.Stderr, "pgtmp: %v\n", err)
	}
	os.Exit(code)
}

func run(args []string) (int, error) {
	// The command gets the signals (it shares our process group); we only outlive it to clean up.
	signal.Ignore(os.Interrupt, syscall.SIGTERM)
	dir, err := os.MkdirTemp("", "klusbuddy-pgtmp-")
	if err != nil {
		return 1, err
	}
	defer os.RemoveAll(dir)
	// The cluster may run as another user (when we are root), who must be able to enter it.
	if err := os.Chmod(dir, 0o755); err != nil {
		return 1, err
	}
	ctx := context.Background()
	start := time.Now()
	c, err := pgcluster.Start(ctx, pgcluster.Options{Dir: dir + "/pg", Throwaway: true})
	if err != nil {
		return 1, err
	}
	defer func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c.Stop(stopCtx)
	}()
	fmt.Fprintf(os.Stderr, "pgtmp: private PostgreSQL cluster ready in %s\n", time.Since(start).Round(time.Millisecond))

	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), "TEST_DATABASE_URL="+c.URL("postgres"))
	err = cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode(), nil
	}
	if err != nil {
		return 1, err
	}
	return 0, nil
}
