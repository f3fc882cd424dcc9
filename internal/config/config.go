// Package config reads Klusbuddy's configuration from environment variables, fills in defaults
// and validates it at start, so that a mistake is one clear line instead of a failure later.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Environment names: development prints readable logs and may start a private database;
// production logs JSON and insists on an explicit DATABASE_URL.
const (
	Development = "development"
	Production  = "production"
)

// Config is the whole configuration of the server.
type Config struct {
	Env                string         // KLUSBUDDY_ENV
	Addr               string         // KLUSBUDDY_ADDR: host:port to listen on
	MetricsAddr        string         // KLUSBUDDY_METRICS_ADDR: host:port serving /metrics (empty: no metrics served)
	PublicURL          string         // KLUSBUDDY_PUBLIC_URL: the URL people open, for links and Origin checks
	DatabaseURL        string         // DATABASE_URL; empty in development starts a private cluster
	DataDir            string         // KLUSBUDDY_DATA_DIR: where the private cluster keeps its data
	AutoMigrate        bool           // KLUSBUDDY_AUTO_MIGRATE: serve applies pending migrations
	DBWait             time.Duration  // KLUSBUDDY_DB_WAIT: how long to wait for the database at start
	DBMaxConns         int            // KLUSBUDDY_DB_MAX_CONNS
	DBStatementTimeout time.Duration  // KLUSBUDDY_DB_STATEMENT_TIMEOUT: statement and idle-in-transaction timeout
	DBPrepared         int            // KLUSBUDDY_DB_PREPARED: statements each connection keeps prepared (0: none)
	LogLevel           slog.Level     // KLUSBUDDY_LOG_LEVEL: debug, info, warn, error
	LogFormat          string         // KLUSBUDDY_LOG_FORMAT: text or json
	RequestTimeout     time.Duration  // KLUSBUDDY_REQUEST_TIMEOUT: most time a handler gets
	ShutdownTimeout    time.Duration  // KLUSBUDDY_SHUTDOWN_TIMEOUT: most time to drain on SIGTERM
	MaxBodyBytes       int64          // KLUSBUDDY_MAX_BODY_BYTES: largest request body accepted
	TrustedProxies     []netip.Prefix // KLUSBUDDY_TRUSTED_PROXIES: whose X-Forwarded-For names the client
	OfferTTL           time.Duration  // KLUSBUDDY_OFFER_TTL: how long a worker or buddy has to answer
	WaveFactor         int            // KLUSBUDDY_WAVE_FACTOR: offers per place left in each wave
	MatchWeights       Weights        // KLUSBUDDY_MATCH_WEIGHTS: the weights of the score's parts
	VAPIDPublicKey     string         // KLUSBUDDY_VAPID_PUBLIC_KEY: Web Push key pair (both or neither)
	VAPIDPrivateKey    string         // KLUSBUDDY_VAPID_PRIVATE_KEY
	VAPIDSubject       string         // KLUSBUDDY_VAPID_SUBJECT: mailto: or https: contact for push services
	PushHosts          []string       // KLUSBUDDY_PUSH_HOSTS: push services subscriptions may point at
	PushGrace          time.Duration  // KLUSBUDDY_PUSH_GRACE: how long a push waits for the open app's ack
	ReminderEvening    string         // KLUSBUDDY_REMINDER_EVENING: the evening-before reminder's time in Belgium (18:00)
	ReminderBefore     time.Duration  // KLUSBUDDY_REMINDER_BEFORE: the second reminder, before the start (2h)
	CheckInRadius      int            // KLUSBUDDY_CHECKIN_RADIUS: metres from the address beyond which a check-in is flagged
	ApprovalDays       int            // KLUSBUDDY_APPROVAL_DAYS: days hours wait for the worker's confirmation, then for approval (4)
	PositionDays       int            // KLUSBUDDY_POSITION_DAYS: days positions from check-ins are kept (30)
	NotificationDays   int            // KLUSBUDDY_NOTIFICATION_DAYS: days notifications (the news list) are kept (180)
	FavouritesFirst    time.Duration  // KLUSBUDDY_FAVOURITES_FIRST: how long a new job goes to the poster's favourites alone, at most (2h; 0: never)
}

// between reports whether s is a whole number from min to max.
func between(s string, min, max int) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n >= min && n <= max
}

// DefaultPushHosts are the push services of the browsers people use.
const DefaultPushHosts = "fcm.googleapis.com,*.push.services.mozilla.com,updates.push.services.mozilla.com,*.notify.windows.com,web.push.apple.com,*.push.apple.com"

// Weights weigh the parts of a match's score (internal/match.Weights has the same fields).
type Weights struct {
	Travel, Skill, Fairness, Reliability, Familiarity, BuddyTravel float64
}

// DefaultWeights put travel and fairness first: mobility is the main barrier, and everyone
// should get chances.
const DefaultWeights = "travel=0.35,skill=0.15,fairness=0.25,reliability=0.15,familiarity=0.05,buddy_travel=0.05"

// parseWeights reads "travel=0.35,skill=0.15,…": every part named once, none negative, not all 0.
func parseWeights(s string) (Weights, error) {
	var w Weights
	parts := map[string]*float64{"travel": &w.Travel, "skill": &w.Skill, "fairness": &w.Fairness, "reliability": &w.Reliability,
		"familiarity": &w.Familiarity, "buddy_travel": &w.BuddyTravel}
	seen := map[string]bool{}
	sum := 0.0
	for _, pair := range strings.Split(s, ",") {
		name, value, ok := strings.Cut(strings.TrimSpace(pair), "=")
		p, known := parts[name]
		f, err := strconv.ParseFloat(value, 64)
		if !ok || !known || seen[name] || err != nil || f < 0 || f > 100 {
			return w, fmt.Errorf("has %q; give name=weight for each of travel, skill, fairness, reliability, familiarity and buddy_travel", pair)
		}
		*p, seen[name], sum = f, true, sum+f
	}
	if len(seen) != len(parts) || sum == 0 {
		return w, errors.New("must name each of travel, skill, fairness, reliability, familiarity and buddy_travel once, not all 0")
	}
	return w, nil
}

// Var describes one environment variable, for --help and the README.
type Var struct {
	Name, Default, Help string
}

// Vars lists every variable Load reads.
var Vars = []Var{
	{"KLUSBUDDY_ENV", Development, "development or production"},
	{"KLUSBUDDY_ADDR", "127.0.0.1:8080", "host:port to listen on (port 0 picks a free port)"},
	{"KLUSBUDDY_PUBLIC_URL", "http://<KLUSBUDDY_ADDR>", "URL people open, used for links and Origin checks"},
	{"DATABASE_URL", "", "PostgreSQL URL; unset in development starts a private cluster"},
	{"KLUSBUDDY_DATA_DIR", ".data", "folder of the private development cluster"},
	{"KLUSBUDDY_AUTO_MIGRATE", "true", "apply pending migrations at start; false refuses to start when behind"},
	{"KLUSBUDDY_DB_WAIT", "15s", "how long to wait for the database to accept connections at start"},
	{"KLUSBUDDY_DB_MAX_CONNS", "20", "most open database connections"},
	{"KLUSBUDDY_DB_STATEMENT_TIMEOUT", "30s", "most time one statement may run, and a transaction stay idle, before the database ends it"},
	{"KLUSBUDDY_DB_PREPARED", "256", "statements each database connection keeps prepared; 0 behind a pooler in transaction mode that does not keep them"},
	{"KLUSBUDDY_LOG_LEVEL", "info", "debug, info, warn or error"},
	{"KLUSBUDDY_LOG_FORMAT", "text (json in production)", "text or json"},
	{"KLUSBUDDY_REQUEST_TIMEOUT", "30s", "most time one request may take"},
	{"KLUSBUDDY_SHUTDOWN_TIMEOUT", "15s", "most time to drain requests on SIGINT/SIGTERM"},
	{"KLUSBUDDY_MAX_BODY_BYTES", "1048576", "largest request body accepted"},
	{"KLUSBUDDY_TRUSTED_PROXIES", "", "comma-separated addresses or CIDRs of reverse proxies whose X-Forwarded-For is believed"},
	{"KLUSBUDDY_OFFER_TTL", "15m", "how long a worker or buddy has to answer an offer or request"},
	{"KLUSBUDDY_WAVE_FACTOR", "3", "offers in each wave per place left (1 to 20)"},
	{"KLUSBUDDY_MATCH_WEIGHTS", DefaultWeights, "weights of the score's parts, as name=weight pairs"},
	{"KLUSBUDDY_VAPID_PUBLIC_KEY", "", "Web Push public key (from `klusbuddy vapid-keys`); unset: generated once and kept in the database"},
	{"KLUSBUDDY_VAPID_PRIVATE_KEY", "", "Web Push private key, set together with the public key"},
	{"KLUSBUDDY_VAPID_SUBJECT", "<KLUSBUDDY_PUBLIC_URL> when https, else mailto:webpush@klusbuddy.be", "contact the push services may use (mailto: or https:)"},
	{"KLUSBUDDY_PUSH_HOSTS", DefaultPushHosts, "comma-separated push service hosts that subscriptions may point at (*.domain for subdomains)"},
	{"KLUSBUDDY_PUSH_GRACE", "2s", "how long a push waits for the open app to confirm it got the event"},
}

// Load reads the configuration through getenv and validates it. The error names every variable
// that is wrong, on one line.
func Load(getenv func(string) string) (Config, error) {
	get := func(name, def string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		return def
	}
	var errs []error
	dur := func(name, def string) time.Duration {
		d, err := time.ParseDuration(get(name, def))
		if err != nil || d <= 0 {
			errs = append(errs, fmt.Errorf("%s=%q is not a positive duration such as 15s", name, get(name, def)))
		}
		return d
	}
	integer := func(name, def string, min, max int64) int64 {
		n, err := strconv.ParseInt(get(name, def), 10, 64)
		if err != nil || n < min || n > max {
			errs = append(errs, fmt.Errorf("%s=%q is not a whole number from %d to %d", name, get(name, def), min, max))
		}
		return n
	}
	boolean := func(name, def string) bool {
		b, err := strconv.ParseBool(get(name, def))
		if err != nil {
			errs = append(errs, fmt.Errorf("%s=%q is not true or false", name, get(name, def)))
		}
		return b
	}

	c := Config{
		Env:                get("KLUSBUDDY_ENV", Development),
		Addr:               get("KLUSBUDDY_ADDR", "127.0.0.1:8080"),
		MetricsAddr:        get("KLUSBUDDY_METRICS_ADDR", ""),
		DatabaseURL:        get("DATABASE_URL", ""),
		DataDir:            get("KLUSBUDDY_DATA_DIR", ".data"),
		AutoMigrate:        boolean("KLUSBUDDY_AUTO_MIGRATE", "true"),
		DBWait:             dur("KLUSBUDDY_DB_WAIT", "15s"),
		DBMaxConns:         int(integer("KLUSBUDDY_DB_MAX_CONNS", "20", 2, 1000)),
		DBStatementTimeout: dur("KLUSBUDDY_DB_STATEMENT_TIMEOUT", "30s"),
		DBPrepared:         int(integer("KLUSBUDDY_DB_PREPARED", "256", 0, 10000)),
		RequestTimeout:     dur("KLUSBUDDY_REQUEST_TIMEOUT", "30s"),
		ShutdownTimeout:    dur("KLUSBUDDY_SHUTDOWN_TIMEOUT", "15s"),
		MaxBodyBytes:       integer("KLUSBUDDY_MAX_BODY_BYTES", "1048576", 1024, 1<<30),
		OfferTTL:           dur("KLUSBUDDY_OFFER_TTL", "15m"),
		WaveFactor:         int(integer("KLUSBUDDY_WAVE_FACTOR", "3", 1, 20)),
	}
	if w, err := parseWeights(get("KLUSBUDDY_MATCH_WEIGHTS", DefaultWeights)); err != nil {
		errs = append(errs, fmt.Errorf("KLUSBUDDY_MATCH_WEIGHTS %v", err))
	} else {
		c.MatchWeights = w
	}
	c.PushGrace = dur("KLUSBUDDY_PUSH_GRACE", "2s")
	c.ReminderEvening = get("KLUSBUDDY_REMINDER_EVENING", "18:00")
	if h, m, ok := strings.Cut(c.ReminderEvening, ":"); !ok || len(h) != 2 || len(m) != 2 || !between(h, 0, 23) || !between(m, 0, 59) {
		errs = append(errs, fmt.Errorf("KLUSBUDDY_REMINDER_EVENING=%q is not a time of day such as 18:00", c.ReminderEvening))
	}
	c.ReminderBefore = dur("KLUSBUDDY_REMINDER_BEFORE", "2h")
	c.CheckInRadius = int(integer("KLUSBUDDY_CHECKIN_RADIUS", "300", 50, 10000))
	c.ApprovalDays = int(integer("KLUSBUDDY_APPROVAL_DAYS", "4", 1, 60))
	c.PositionDays = int(integer("KLUSBUDDY_POSITION_DAYS", "30", 1, 3650))
	c.NotificationDays = int(integer("KLUSBUDDY_NOTIFICATION_DAYS", "180", 7, 3650))
	if d, err := time.ParseDuration(get("KLUSBUDDY_FAVOURITES_FIRST", "2h")); err != nil || d < 0 || d > 7*24*time.Hour {
		errs = append(errs, fmt.Errorf("KLUSBUDDY_FAVOURITES_FIRST=%q is not a duration from 0 to 168h such as 2h", get("KLUSBUDDY_FAVOURITES_FIRST", "2h")))
	} else {
		c.FavouritesFirst = d
	}
	c.VAPIDPublicKey, c.VAPIDPrivateKey = get("KLUSBUDDY_VAPID_PUBLIC_KEY", ""), get("KLUSBUDDY_VAPID_PRIVATE_KEY", "")
	if (c.VAPIDPublicKey == "") != (c.VAPIDPrivateKey == "") {
		errs = append(errs, errors.New("KLUSBUDDY_VAPID_PUBLIC_KEY and KLUSBUDDY_VAPID_PRIVATE_KEY go together: set both (from `klusbuddy vapid-keys`) or neither"))
	}
	for _, h := range strings.Split(get("KLUSBUDDY_PUSH_HOSTS", DefaultPushHosts), ",") {
		if h = strings.TrimSpace(h); h != "" {
			c.PushHosts = append(c.PushHosts, h)
		}
	}
	if c.Env != Development && c.Env != Production {
		errs = append(errs, fmt.Errorf("KLUSBUDDY_ENV=%q must be development or production", c.Env))
	}
	defFormat := "text"
	if c.Env == Production {
		defFormat = "json"
	}
	c.LogFormat = get("KLUSBUDDY_LOG_FORMAT", defFormat)
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("KLUSBUDDY_LOG_FORMAT=%q must be text or json", c.LogFormat))
	}
	if err := c.LogLevel.UnmarshalText([]byte(get("KLUSBUDDY_LOG_LEVEL", "info"))); err != nil {
		errs = append(errs, fmt.Errorf("KLUSBUDDY_LOG_LEVEL=%q must be debug, info, warn or error", get("KLUSBUDDY_LOG_LEVEL", "info")))
	}
	if err := validateAddr(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("KLUSBUDDY_ADDR=%q %v", c.Addr, err))
	}
	if c.MetricsAddr != "" {
		if err := validateAddr(c.MetricsAddr); err != nil {
			errs = append(errs, fmt.Errorf("KLUSBUDDY_METRICS_ADDR=%q %v", c.MetricsAddr, err))
		} else if c.MetricsAddr == c.Addr && !strings.HasSuffix(c.Addr, ":0") { // port 0: two free ports
			errs = append(errs, fmt.Errorf("KLUSBUDDY_METRICS_ADDR=%q must differ from KLUSBUDDY_ADDR", c.MetricsAddr))
		}
	}
	if c.DatabaseURL != "" {
		if err := validateDatabaseURL(c.DatabaseURL); err != nil {
			errs = append(errs, fmt.Errorf("DATABASE_URL %v", err))
		}
	} else if c.Env == Production {
		errs = append(errs, errors.New("DATABASE_URL must be set in production"))
	}
	c.PublicURL = strings.TrimRight(get("KLUSBUDDY_PUBLIC_URL", "http://"+c.Addr), "/")
	if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Path != "" {
		errs = append(errs, fmt.Errorf("KLUSBUDDY_PUBLIC_URL=%q must be an http(s) URL without a path, such as https://klusbuddy.be", c.PublicURL))
	}
	defSubject := "mailto:webpush@klusbuddy.be"
	if strings.HasPrefix(c.PublicURL, "https://") {
		defSubject = c.PublicURL
	}
	c.VAPIDSubject = get("KLUSBUDDY_VAPID_SUBJECT", defSubject)
	if !strings.HasPrefix(c.VAPIDSubject, "mailto:") && !strings.HasPrefix(c.VAPIDSubject, "https://") {
		errs = append(errs, fmt.Errorf("KLUSBUDDY_VAPID_SUBJECT=%q must start with mailto: or https://", c.VAPIDSubject))
	}
	for _, part := range strings.Split(get("KLUSBUDDY_TRUSTED_PROXIES", ""), ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !strings.Contains(part, "/") {
			if a, err := netip.ParseAddr(part); err == nil {
				part = netip.PrefixFrom(a, a.BitLen()).String()
			}
		}
		p, err := netip.ParsePrefix(part)
		if err != nil {
			errs = append(errs, fmt.Errorf("KLUSBUDDY_TRUSTED_PROXIES has %q, which is not an address or CIDR such as 10.0.0.0/8", part))
			continue
		}
		c.TrustedProxies = append(c.TrustedProxies, p.Masked())
	}
	if len(errs) > 0 {
		msgs := make([]string, len(errs))
		for i, e := range errs {
			msgs[i] = e.Error()
		}
		return Config{}, fmt.Errorf("configuration: %s", strings.Join(msgs, "; "))
	}
	return c, nil
}

func validateAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return errors.New("must be host:port, such as 127.0.0.1:8080 or :8080")
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("has port %q; a port is a number from 0 to 65535", port)
	}
	return nil
}

func validateDatabaseURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return errors.New("is not a URL; use postgres://user:password@host:5432/dbname")
	}
	if u.Scheme != "postgres" && u.Scheme != "postgresql" {
		return fmt.Errorf("has scheme %q; use postgres://user:password@host:5432/dbname", u.Scheme)
	}
	return nil
}

// Redact returns a database URL with its password replaced, for logs and messages.
func Redact(databaseURL string) string {
	u, err := url.Parse(databaseURL)
	if err != nil {
		return "(unparseable URL)"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
