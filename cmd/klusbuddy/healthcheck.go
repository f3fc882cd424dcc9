package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/config"
)

// runHealthcheck asks the local server's /readyz; made for HEALTHCHECK in images without curl.
func runHealthcheck(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "healthcheck", "", "Exits 0 when the server answers /readyz with 200 within the timeout, 1 otherwise.", true)
	url := fs.String("url", "", "URL to check (default: http://KLUSBUDDY_ADDR/readyz)")
	timeout := fs.Duration("timeout", 3*time.Second, "most time to wait for the answer")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *url == "" {
		cfg, err := config.Load(env.getenv)
		if err != nil {
			return err
		}
		*url = "http://" + displayAddr(cfg.Addr) + "/readyz"
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *url, nil)
	if err != nil {
		return fmt.Errorf("healthcheck: %v", err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s answered %s", *url, res.Status)
	}
	fmt.Fprintln(env.stdout, "ok")
	return nil
}
