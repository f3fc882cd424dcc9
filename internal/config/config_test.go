package config_test

import (
	"strings"
	"testing"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/config"
)

func env(pairs ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(pairs); i += 2 {
		m[pairs[i]] = pairs[i+1]
	}
	return func(k string) string { return m[k] }
}

func TestLoad(t *testing.T) {
	t.Run("Defaults", func(t *testing.T) {
		c, err := config.Load(env())
		if err != nil {
			t.Fatal(err)
		}
		if c.Env != "development" || c.Addr != "127.0.0.1:8080" || c.LogFormat != "text" || !c.AutoMigrate || c.PublicURL != "http://127.0.0.1:8080" {
			t.Fatalf("%+v", c)
		}
	})
	t.Run("ProductionLogsJSON", func(t *testing.T) {
		c, err := config.Load(env("KLUSBUDDY_ENV", "production", "DATABASE_URL", "postgres://kb@db/kb"))
		if err != nil || c.LogFormat != "json" {
			t.Fatalf("%+v %v", c, err)
		}
	})
	t.Run("TrustedProxies", func(t *testing.T) {
		c, err := config.Load(env("KLUSBUDDY_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.7 ,::1"))
		if err != nil || len(c.TrustedProxies) != 3 || c.TrustedProxies[1].String() != "192.0.2.7/32" {
			t.Fatalf("%v %v", c.TrustedProxies, err)
		}
	})
	t.Run("MatchSettings", func(t *testing.T) {
		c, err := config.Load(env("KLUSBUDDY_MATCH_WEIGHTS", "travel=1,skill=0,fairness=0.5,reliability=0,familiarity=0,buddy_travel=0",
			"KLUSBUDDY_OFFER_TTL", "5m", "KLUSBUDDY_WAVE_FACTOR", "2"))
		if err != nil || c.MatchWeights.Travel != 1 || c.MatchWeights.Fairness != 0.5 || c.OfferTTL != 5*time.Minute || c.WaveFactor != 2 {
			t.Fatalf("%+v %v", c, err)
		}
		for _, bad := range []string{"travel=1", "travel=1,skill=0,fairness=0,reliability=0,familiarity=0,buddy_travel=0,luck=1",
			"travel=-1,skill=0,fairness=0,reliability=0,familiarity=0,buddy_travel=0", "travel=0,skill=0,fairness=0,reliability=0,familiarity=0,buddy_travel=0"} {
			if _, err := config.Load(env("KLUSBUDDY_MATCH_WEIGHTS", bad)); err == nil || !strings.Contains(err.Error(), "KLUSBUDDY_MATCH_WEIGHTS") {
				t.Errorf("%q: %v", bad, err)
			}
		}
		if _, err := config.Load(env("KLUSBUDDY_WAVE_FACTOR", "0")); err == nil {
			t.Error("a wave of nobody accepted")
		}
	})
	t.Run("MetricsAddr", func(t *testing.T) {
		c, err := config.Load(env())
		if err != nil || c.MetricsAddr != "" {
			t.Fatalf("metrics on by default: %q %v", c.MetricsAddr, err)
		}
		if c, err = config.Load(env("KLUSBUDDY_METRICS_ADDR", "0.0.0.0:9090")); err != nil || c.MetricsAddr != "0.0.0.0:9090" {
			t.Fatalf("%q %v", c.MetricsAddr, err)
		}
		for _, bad := range []string{"9090", "127.0.0.1:8080"} { // no port; the API's own address
			if _, err := config.Load(env("KLUSBUDDY_METRICS_ADDR", bad)); err == nil || !strings.Contains(err.Error(), "KLUSBUDDY_METRICS_ADDR") {
				t.Errorf("%q: %v", bad, err)
			}
		}
	})
	t.Run("PreparedStatements", func(t *testing.T) {
		for v, want := range map[string]int{"": 256, "0": 0, "64": 64} {
			e := env()
			if v != "" {
				e = env("KLUSBUDDY_DB_PREPARED", v)
			}
			if c, err := config.Load(e); err != nil || c.DBPrepared != want {
				t.Errorf("%q: %d %v, want %d", v, c.DBPrepared, err, want)
			}
		}
		if _, err := config.Load(env("KLUSBUDDY_DB_PREPARED", "-1")); err == nil || !strings.Contains(err.Error(), "KLUSBUDDY_DB_PREPARED") {
			t.Errorf("-1: %v", err)
		}
	})
	t.Run("EveryMistakeOnOneLine", func(t *testing.T) {
		_, err := config.Load(env("KLUSBUDDY_ADDR", "x", "KLUSBUDDY_LOG_LEVEL", "loud", "KLUSBUDDY_TRUSTED_PROXIES", "proxy.example",
			"KLUSBUDDY_PUBLIC_URL", "ftp://x/y", "KLUSBUDDY_AUTO_MIGRATE", "maybe"))
		if err == nil {
			t.Fatal("accepted")
		}
		for _, name := range []string{"KLUSBUDDY_ADDR", "KLUSBUDDY_LOG_LEVEL", "KLUSBUDDY_TRUSTED_PROXIES", "KLUSBUDDY_PUBLIC_URL", "KLUSBUDDY_AUTO_MIGRATE"} {
			if !strings.Contains(err.Error(), name) {
				t.Errorf("%q does not name %s", err, name)
			}
		}
		if strings.Contains(err.Error(), "\n") {
			t.Error("more than one line")
		}
	})
	t.Run("PasswordNeverShown", func(t *testing.T) {
		if got := config.Redact("postgres://kb:s3cret@db:5432/kb"); strings.Contains(got, "s3cret") {
			t.Fatal(got)
		}
	})
}
