// Package pgcluster runs a private PostgreSQL cluster from the server binaries installed on the
// machine: for `make run` without DATABASE_URL and for test runs without TEST_DATABASE_URL.
//
// The cluster listens only on a unix socket in a private folder (mode 0700), so nothing else on
// the machine can reach it and no port can clash. PostgreSQL refuses to run as root, so when we
// are root the cluster runs as the "postgres" system user (or "nobody").
package pgcluster

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/lib/pq"
)

// Superuser is the role initdb creates; it is trusted on the private socket.
const Superuser = "klusbuddy"

const port = 5432 // inside a private socket folder, so it never clashes

// Options says where and how to run a cluster.
type Options struct {
	// Dir is the data folder. An existing cluster there is reused; otherwise initdb creates one.
	Dir string
	// Throwaway trades durability for speed (fsync off); for test clusters only.
	Throwaway bool
	Logger    *slog.Logger
}

// Cluster is a running private PostgreSQL server.
type Cluster struct {
	dir       string
	socketDir string
	cmd       *exec.Cmd
	exited    chan struct{}
	logPath   string
	log       *slog.Logger
	// what start needs again on Restart
	bin       string
	cred      *syscall.Credential
	throwaway bool
}

// ErrNoBinaries means no PostgreSQL server binaries were found on the machine.
var ErrNoBinaries = errors.New("no PostgreSQL server binaries found (initdb, postgres): install PostgreSQL's server, " +
	"for example `apt-get install postgresql` on Debian/Ubuntu or `brew install postgresql@16` on macOS, " +
	"or set DATABASE_URL to a server you have")

// FindBinaries returns the folder holding initdb and postgres: pg_config's bindir, then PATH,
// then the newest /usr/lib/postgresql/*/bin (Debian keeps them off PATH) and the like.
func FindBinaries() (string, error) {
	return findBinaries(exec.LookPath, []string{"/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin",
		"/opt/homebrew/opt/postgresql*/bin", "/usr/local/opt/postgresql*/bin"})
}

func findBinaries(lookPath func(string) (string, error), globs []string) (string, error) {
	has := func(dir string) bool {
		for _, b := range []string{"initdb", "postgres"} {
			if st, err := os.Stat(filepath.Join(dir, b)); err != nil || st.IsDir() {
				return false
			}
		}
		return true
	}
	if pgConfig, err := lookPath("pg_config"); err == nil {
		if out, err := exec.Command(pgConfig, "--bindir").Output(); err == nil {
			if dir := strings.TrimSpace(string(out)); has(dir) {
				return dir, nil
			}
		}
	}
	if p, err := lookPath("initdb"); err == nil {
		if dir := filepath.Dir(p); has(dir) {
			return dir, nil
		}
	}
	for _, pattern := range globs {
		dirs, _ := filepath.Glob(pattern)
		sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) > versionOf(dirs[j]) })
		for _, d := range dirs {
			if has(d) {
				return d, nil
			}
		}
	}
	return "", ErrNoBinaries
}

// versionOf reads the major version from the folder above bin: 15 in /usr/lib/postgresql/15/bin,
// 16 in /usr/pgsql-16/bin, 17 in /opt/homebrew/opt/postgresql@17/bin.
func versionOf(binDir string) int {
	name := filepath.Base(filepath.Dir(binDir))
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r < '0' || r > '9' }) {
		if n, err := strconv.Atoi(part); err == nil {
			return n
		}
	}
	return 0
}

// Start creates the cluster in opts.Dir when there is none, starts the server and waits until it
// accepts connections. Stop it with Stop; should this process die first, the server gets SIGINT
// from the kernel (parent-death signal) and shuts down by itself.
func Start(ctx context.Context, opts Options) (*Cluster, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	bin, err := FindBinaries()
	if err != nil {
		return nil, err
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	cred, err := runAs()
	if err != nil {
		return nil, err
	}
	if err := prepareDir(dir, cred); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		opts.Logger.Info("creating private PostgreSQL cluster", "dir", dir)
		args := []string{"-D", dir, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions"}
		if opts.Throwaway {
			args = append(args, "--no-sync")
		}
		if out, err := runCmd(ctx, cred, filepath.Join(bin, "initdb"), args...); err != nil {
			return nil, fmt.Errorf("initdb in %s failed: %v: %s", dir, err, lastLines(out, 5))
		}
	} else if err := checkVersion(bin, dir); err != nil {
		return nil, err
	}

	socketDir, err := os.MkdirTemp("", "klusbuddy-pg-")
	if err != nil {
		return nil, err
	}
	if err := chown(socketDir, cred); err != nil {
		os.RemoveAll(socketDir)
		return nil, err
	}
	c := &Cluster{dir: dir, socketDir: socketDir, log: opts.Logger,
		logPath: filepath.Join(dir, "server.log"), bin: bin, cred: cred, throwaway: opts.Throwaway}
	if err := c.start(); err != nil {
		os.RemoveAll(socketDir)
		return nil, err
	}
	if err := c.waitReady(ctx); err != nil {
		c.Stop(context.Background())
		return nil, err
	}
	opts.Logger.Info("private PostgreSQL cluster running", "dir", dir, "socket", socketDir)
	return c, nil
}

func (c *Cluster) start() error {
	bin, cred, throwaway := c.bin, c.cred, c.throwaway
	c.exited = make(chan struct{})
	logFile, err := os.OpenFile(c.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	defer logFile.Close()
	if err := chown(c.logPath, cred); err != nil {
		return err
	}
	args := []string{"-D", c.dir, "-k", c.socketDir, "-p", strconv.Itoa(port),
		"-c", "listen_addresses=", "-c", "unix_socket_permissions=0700", "-c", "max_connections=200"}
	if throwaway {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	}
	c.cmd = exec.Command(filepath.Join(bin, "postgres"), args...)
	c.cmd.Stdout, c.cmd.Stderr = logFile, logFile
	// Own process group, so that Ctrl-C reaches us first and we stop the database after the
	// server has drained; the parent-death signal stops it should we die without cleaning up.
	c.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGINT, Credential: cred}
	if err := c.cmd.Start(); err != nil {
		return fmt.Errorf("starting postgres: %w", err)
	}
	exited := c.exited
	go func() {
		c.cmd.Wait()
		close(exited)
	}()
	return nil
}

func (c *Cluster) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	db, err := sql.Open("postgres", c.URL("postgres"))
	if err != nil {
		return err
	}
	defer db.Close()
	for {
		err := db.PingContext(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-c.exited:
			logTail, _ := os.ReadFile(c.logPath)
			msg := lastLines(logTail, 5)
			if strings.Contains(msg, "postmaster.pid") {
				return fmt.Errorf("the private database in %s is in use by another process (is Klusbuddy already running?): %s", c.dir, msg)
			}
			return fmt.Errorf("postgres stopped at start: %s", msg)
		case <-ctx.Done():
			return fmt.Errorf("postgres did not accept connections in time: %v", err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// URL returns a connection URL for database dbname on the cluster's socket.
func (c *Cluster) URL(dbname string) string {
	q := url.Values{"host": {c.socketDir}, "port": {strconv.Itoa(port)}, "sslmode": {"disable"}}
	return (&url.URL{Scheme: "postgres", User: url.User(Superuser), Path: "/" + dbname, RawQuery: q.Encode()}).String()
}

// Dir returns the data folder.
func (c *Cluster) Dir() string { return c.dir }

// CreateDatabase creates dbname unless it exists.
func (c *Cluster) CreateDatabase(ctx context.Context, dbname string) error {
	db, err := sql.Open("postgres", c.URL("postgres"))
	if err != nil {
		return err
	}
	defer db.Close()
	var exists bool
	if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, dbname).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err = db.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(dbname))
	return err
}

// Stop shuts the server down (fast: open sessions are ended) and waits for it, killing it if it
// has not stopped when ctx ends. It is safe to call more than once.
func (c *Cluster) Stop(ctx context.Context) error {
	defer os.RemoveAll(c.socketDir)
	return c.shutdown(ctx)
}

// Restart stops the server as Stop does and starts it again on the same data folder and
// socket, so that clients' URLs stay valid: what an operator's restart (an upgrade, a changed
// setting) does to the programs connected to it. The fault tests use it, or Halt and Resume
// to look at the programs while the database is down.
func (c *Cluster) Restart(ctx context.Context) error {
	if err := c.Halt(ctx); err != nil {
		return err
	}
	return c.Resume(ctx)
}

// Halt stops the server as Stop does (fast) but keeps its socket folder, for Resume.
func (c *Cluster) Halt(ctx context.Context) error { return c.shutdown(ctx) }

// Resume starts the server Halt stopped, on the same data folder and socket, and waits until it
// accepts connections.
func (c *Cluster) Resume(ctx context.Context) error {
	select {
	case <-c.exited:
	default:
		return errors.New("postgres is running: Halt it first")
	}
	c.log.Info("starting the private PostgreSQL cluster again")
	if err := c.start(); err != nil {
		return err
	}
	return c.waitReady(ctx)
}

func (c *Cluster) shutdown(ctx context.Context) error {
	select {
	case <-c.exited:
		return nil
	default:
	}
	_ = c.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-c.exited:
		c.log.Info("private PostgreSQL cluster stopped")
		return nil
	case <-ctx.Done():
		_ = c.cmd.Process.Kill()
		<-c.exited
		return fmt.Errorf("postgres did not stop in time; killed it")
	}
}

// runAs returns the credential to run PostgreSQL with: none when we are not root, otherwise an
// unprivileged system user, since PostgreSQL refuses to run as root.
func runAs() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, _ := strconv.ParseUint(u.Uid, 10, 32)
		gid, _ := strconv.ParseUint(u.Gid, 10, 32)
		return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), NoSetGroups: true}, nil
	}
	return nil, errors.New("running as root and found no unprivileged user (postgres or nobody) to run PostgreSQL as")
}

// prepareDir makes the data folder (0700, owned by the user PostgreSQL runs as) and, when that
// user is not us, checks that it can reach the folder at all.
func prepareDir(dir string, cred *syscall.Credential) error {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	if cred == nil {
		return nil
	}
	for p := filepath.Dir(dir); p != "/"; p = filepath.Dir(p) {
		st, err := os.Stat(p)
		if err != nil {
			return err
		}
		if st.Mode().Perm()&0o001 == 0 {
			return fmt.Errorf("PostgreSQL runs as an unprivileged user (we are root) and cannot enter %s; "+
				"choose a data folder it can reach with KLUSBUDDY_DATA_DIR, for example /var/tmp/klusbuddy", p)
		}
	}
	return chown(dir, cred)
}

func chown(path string, cred *syscall.Credential) error {
	if cred == nil {
		return nil
	}
	return os.Chown(path, int(cred.Uid), int(cred.Gid))
}

func checkVersion(bin, dir string) error {
	have, err := os.ReadFile(filepath.Join(dir, "PG_VERSION"))
	if err != nil {
		return err
	}
	out, err := exec.Command(filepath.Join(bin, "postgres"), "--version").Output()
	if err != nil {
		return fmt.Errorf("postgres --version: %w", err)
	}
	// "postgres (PostgreSQL) 15.19 (Debian …)" → major 15
	fields := strings.Fields(string(out))
	if len(fields) >= 3 {
		major := strings.SplitN(fields[2], ".", 2)[0]
		if major != strings.TrimSpace(string(have)) {
			return fmt.Errorf("the private database in %s was made by PostgreSQL %s but PostgreSQL %s is installed: "+
				"remove that folder to start afresh (its data is lost) or install PostgreSQL %s",
				dir, strings.TrimSpace(string(have)), major, strings.TrimSpace(string(have)))
		}
	}
	return nil
}

func runCmd(ctx context.Context, cred *syscall.Credential, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	cmd.Dir = os.TempDir() // the unprivileged user may not be able to read our working folder
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.Bytes(), err
}

func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
