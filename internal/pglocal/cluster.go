package pglocal

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Layout of a cluster directory:
//
//	<dir>/data          the PostgreSQL data directory (initdb -D)
//	<dir>/postgres.log  the server log (pg_ctl -l)
//	<dir>/sock          the Unix socket directory (postgres -k)
//	<dir>/port          the TCP port the cluster listens on, reused by later runs
//	<dir>/.lock         serializes concurrent Find calls on the same dir
const (
	dataSubdir = "data"
	logFile    = "postgres.log"
	sockSubdir = "sock"
	portFile   = "port"
	lockFile   = ".lock"

	// maxSocketDirLen keeps <sockdir>/.s.PGSQL.<port> under the Unix socket
	// path limit (104 bytes on macOS, 108 on Linux). A longer socket dir
	// disables Unix sockets; the cluster is used over TCP anyway.
	maxSocketDirLen = 85

	startTimeout = 60 * time.Second
)

// binaries are the PostgreSQL server programs used to manage a cluster.
type binaries struct {
	initdb string
	pgCtl  string
}

// findBinaries looks for initdb and pg_ctl on PATH, then in the usual
// installation directories (highest version first).
func findBinaries() (binaries, bool) {
	if initdb, err := exec.LookPath("initdb"); err == nil {
		// Prefer the pg_ctl next to initdb (same version).
		if p := filepath.Join(filepath.Dir(initdb), "pg_ctl"); isExecutable(p) {
			return binaries{initdb: initdb, pgCtl: p}, true
		}
		if p, err := exec.LookPath("pg_ctl"); err == nil {
			return binaries{initdb: initdb, pgCtl: p}, true
		}
	}
	for _, dir := range candidateBinDirs() {
		initdb, pgCtl := filepath.Join(dir, "initdb"), filepath.Join(dir, "pg_ctl")
		if isExecutable(initdb) && isExecutable(pgCtl) {
			return binaries{initdb: initdb, pgCtl: pgCtl}, true
		}
	}
	return binaries{}, false
}

// candidateBinDirs lists versioned installation directories, highest version
// first within each pattern.
func candidateBinDirs() []string {
	patterns := []struct{ glob, prefix, suffix string }{
		{"/usr/lib/postgresql/*/bin", "/usr/lib/postgresql/", "/bin"}, // Debian, Ubuntu
		{"/usr/pgsql-*/bin", "/usr/pgsql-", "/bin"},                   // PGDG RPMs
		{"/opt/homebrew/opt/postgresql@*/bin", "/opt/homebrew/opt/postgresql@", "/bin"},
		{"/usr/local/opt/postgresql@*/bin", "/usr/local/opt/postgresql@", "/bin"},
	}
	var dirs []string
	for _, p := range patterns {
		matches, _ := filepath.Glob(p.glob)
		slices.SortFunc(matches, func(a, b string) int {
			va := strings.TrimSuffix(strings.TrimPrefix(a, p.prefix), p.suffix)
			vb := strings.TrimSuffix(strings.TrimPrefix(b, p.prefix), p.suffix)
			return compareVersions(vb, va) // descending
		})
		dirs = append(dirs, matches...)
	}
	return append(dirs, "/usr/local/pgsql/bin", "/usr/lib/postgresql/bin")
}

// compareVersions compares dotted numeric versions ("9.6" < "15" < "16.2").
// Non-numeric parts compare as strings after numeric ones.
func compareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < max(len(pa), len(pb)); i++ {
		var sa, sb string
		if i < len(pa) {
			sa = pa[i]
		}
		if i < len(pb) {
			sb = pb[i]
		}
		na, errA := strconv.Atoi(sa)
		nb, errB := strconv.Atoi(sb)
		switch {
		case errA == nil && errB == nil:
			if na != nb {
				return na - nb
			}
		case errA == nil:
			return 1
		case errB == nil:
			return -1
		default:
			if c := strings.Compare(sa, sb); c != 0 {
				return c
			}
		}
	}
	return 0
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}

// cluster is a PostgreSQL cluster managed by this package.
type cluster struct {
	dir    string // absolute cluster directory (see the layout above)
	bins   binaries
	user   *runAs // non-nil when the server programs must run as another user (we are root)
	port   int
	logger *slog.Logger
}

func (c *cluster) dataDir() string { return filepath.Join(c.dir, dataSubdir) }

func (c *cluster) url(database string) string { return localURL(c.port, database) }

// ensureCluster makes sure the cluster in dir exists and runs, initializing
// and starting it when needed. started reports whether this call started it.
func ensureCluster(ctx context.Context, dir string, bins binaries, logger *slog.Logger) (c *cluster, started bool, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, false, fmt.Errorf("pglocal: create data dir: %w", err)
	}
	unlock, err := lockDir(ctx, filepath.Join(dir, lockFile))
	if err != nil {
		return nil, false, fmt.Errorf("pglocal: lock %s: %w", dir, err)
	}
	defer unlock()

	user, err := serverUser(filepath.Join(dir, dataSubdir))
	if err != nil {
		return nil, false, err
	}
	c = &cluster{dir: dir, bins: bins, user: user, logger: logger}

	initialized := fileExists(filepath.Join(c.dataDir(), "PG_VERSION"))
	if initialized {
		running, port, err := c.status(ctx)
		if err != nil {
			return nil, false, err
		}
		if running {
			if port == 0 {
				port = readPortFile(dir)
			}
			if port == 0 {
				return nil, false, fmt.Errorf("pglocal: the cluster in %s runs but its port is unknown; stop it with: pg_ctl stop -D %s", dir, c.dataDir())
			}
			c.port = port
			if err := waitReady(ctx, c.url(adminDatabase), 10*time.Second); err != nil {
				return nil, false, fmt.Errorf("pglocal: the cluster in %s runs but does not answer on port %d: %w", dir, port, err)
			}
			return c, false, nil
		}
	} else if entries, err := os.ReadDir(c.dataDir()); err == nil && len(entries) > 0 {
		return nil, false, fmt.Errorf("pglocal: %s is not empty but holds no PostgreSQL cluster (no PG_VERSION); remove it and try again", c.dataDir())
	}

	if err := c.prepareDir(); err != nil {
		return nil, false, err
	}
	if !initialized {
		if err := c.initdb(ctx); err != nil {
			return nil, false, err
		}
	}
	port := readPortFile(dir)
	if port == 0 || !portFree(port) {
		if port, err = choosePort(DefaultClusterPort); err != nil {
			return nil, false, err
		}
	}
	c.port = port
	logger.Info("starting a local cluster in "+dir, "port", port)
	if err := c.startOnFreePort(ctx); err != nil {
		return nil, false, err
	}
	return c, true, nil
}

// newCluster initializes and starts a fresh cluster in dir, which must be
// empty or missing, on a free port.
func newCluster(ctx context.Context, dir string, bins binaries, logger *slog.Logger) (*cluster, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("pglocal: cluster dir: %w", err)
	case len(entries) > 0:
		return nil, fmt.Errorf("pglocal: cluster dir %s is not empty", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("pglocal: create cluster dir: %w", err)
	}
	user, err := serverUser("")
	if err != nil {
		return nil, err
	}
	c := &cluster{dir: dir, bins: bins, user: user, logger: logger}
	if err := c.prepareDir(); err != nil {
		return nil, err
	}
	if err := c.initdb(ctx); err != nil {
		return nil, err
	}
	if c.port, err = choosePort(0); err != nil {
		return nil, err
	}
	logger.Info("starting a local cluster in "+dir, "port", c.port)
	if err := c.startOnFreePort(ctx); err != nil {
		return nil, err
	}
	return c, nil
}

// prepareDir creates the socket dir and, when the server runs as another
// user, hands the cluster dir over to that user.
func (c *cluster) prepareDir() error {
	if err := os.MkdirAll(filepath.Join(c.dir, sockSubdir), 0o755); err != nil {
		return fmt.Errorf("pglocal: create socket dir: %w", err)
	}
	if c.user == nil {
		return nil
	}
	if err := c.user.checkReachable(c.dir); err != nil {
		return err
	}
	if err := chownTree(c.dir, c.user); err != nil {
		return fmt.Errorf("pglocal: hand %s over to user %s: %w", c.dir, c.user.name, err)
	}
	return nil
}

func (c *cluster) initdb(ctx context.Context) error {
	c.logger.Info("initializing a PostgreSQL cluster in " + c.dataDir())
	_, err := c.run(ctx, c.bins.initdb,
		"-D", c.dataDir(),
		"-U", "postgres",
		"--auth=trust",
		"-E", "UTF8",
		"--locale=C",
		"--no-sync",
	)
	if err != nil {
		return fmt.Errorf("pglocal: initdb: %w", err)
	}
	return nil
}

// startOnFreePort starts the cluster on c.port; when that fails because the
// port was taken meanwhile, it retries on another free port.
func (c *cluster) startOnFreePort(ctx context.Context) error {
	for attempt := 0; ; attempt++ {
		err := c.start(ctx)
		if err == nil || attempt >= 3 || portFree(c.port) || ctx.Err() != nil {
			return err
		}
		port, perr := choosePort(0)
		if perr != nil {
			return err
		}
		c.logger.Info("port taken, retrying", "old_port", c.port, "port", port)
		c.port = port
	}
}

// start runs pg_ctl start -w unless the cluster already runs.
func (c *cluster) start(ctx context.Context) error {
	if running, _, err := c.status(ctx); err == nil && running {
		return nil
	}
	if err := writePortFile(c.dir, c.port, c.user); err != nil {
		return err
	}
	sockDir := filepath.Join(c.dir, sockSubdir)
	if len(sockDir) > maxSocketDirLen {
		sockDir = "" // no Unix socket; TCP only
	}
	serverOpts := fmt.Sprintf("-p %d -h 127.0.0.1 -k %s", c.port, shellQuote(sockDir))
	logPath := filepath.Join(c.dir, logFile)
	_, err := c.run(ctx, c.bins.pgCtl, "start", "-w",
		"-t", strconv.Itoa(int(startTimeout/time.Second)),
		"-D", c.dataDir(),
		"-l", logPath,
		"-o", serverOpts,
	)
	if err != nil {
		return fmt.Errorf("pglocal: pg_ctl start (port %d): %w%s", c.port, err, logTail(logPath))
	}
	if err := waitReady(ctx, c.url(adminDatabase), 10*time.Second); err != nil {
		return fmt.Errorf("pglocal: cluster started on port %d but does not answer: %w%s", c.port, err, logTail(logPath))
	}
	return nil
}

// stop runs pg_ctl stop -m fast -w; a cluster that is not running is fine.
func (c *cluster) stop(ctx context.Context) error {
	_, err := c.run(ctx, c.bins.pgCtl, "stop", "-m", "fast", "-w", "-D", c.dataDir())
	if err != nil {
		if running, _, serr := c.status(ctx); serr == nil && !running {
			return nil
		}
		return fmt.Errorf("pglocal: pg_ctl stop: %w", err)
	}
	return nil
}

// status reports whether the cluster runs and, when it does, its port as
// recorded in postmaster.pid (0 when unknown).
func (c *cluster) status(ctx context.Context) (running bool, port int, err error) {
	_, err = c.run(ctx, c.bins.pgCtl, "status", "-D", c.dataDir())
	if err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			// 3: not running; 4: no accessible data directory.
			if code := exitErr.ExitCode(); code == 3 || code == 4 {
				return false, 0, nil
			}
		}
		return false, 0, fmt.Errorf("pglocal: pg_ctl status: %w", err)
	}
	return true, pidFilePort(c.dataDir()), nil
}

// run runs a server program as the cluster's user and returns its output.
func (c *cluster) run(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = c.dir // the run-as user may not be able to enter our working dir
	cmd.Env = childEnv()
	cmd.WaitDelay = 5 * time.Second
	c.user.apply(cmd)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return out, &cmdError{name: filepath.Base(name), err: err, out: strings.TrimSpace(string(out))}
	}
	return out, nil
}

// cmdError is a failed command with its output; it unwraps to the
// *exec.ExitError.
type cmdError struct {
	name string
	err  error
	out  string
}

func (e *cmdError) Error() string {
	if e.out == "" {
		return e.name + ": " + e.err.Error()
	}
	return e.name + ": " + e.err.Error() + ": " + e.out
}

func (e *cmdError) Unwrap() error { return e.err }

// childEnv is the environment for server programs: ours without the libpq
// variables that could redirect them elsewhere.
func childEnv() []string {
	env := os.Environ()
	return slices.DeleteFunc(env, func(kv string) bool {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "PGDATA", "PGPORT", "PGHOST", "PGHOSTADDR", "PGOPTIONS", "PGUSER", "PGDATABASE":
			return true
		}
		return false
	})
}

// waitReady pings connString until it answers or timeout passes.
func waitReady(ctx context.Context, connString string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		err := ping(ctx, connString, 2*time.Second)
		if err == nil || time.Now().After(deadline) || ctx.Err() != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// choosePort returns preferred when it is free on 127.0.0.1, else a free port
// chosen by the kernel. preferred 0 means any free port.
func choosePort(preferred int) (int, error) {
	if preferred != 0 && portFree(preferred) {
		return preferred, nil
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pglocal: find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func portFree(port int) bool {
	l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
	if err != nil {
		return false
	}
	l.Close()
	return true
}

func readPortFile(dir string) int {
	b, err := os.ReadFile(filepath.Join(dir, portFile))
	if err != nil {
		return 0
	}
	port, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || port <= 0 || port > 65535 {
		return 0
	}
	return port
}

func writePortFile(dir string, port int, user *runAs) error {
	path := filepath.Join(dir, portFile)
	if err := os.WriteFile(path, []byte(strconv.Itoa(port)+"\n"), 0o644); err != nil {
		return fmt.Errorf("pglocal: record port: %w", err)
	}
	if user != nil {
		_ = user.chown(path)
	}
	return nil
}

// pidFilePort reads the port from line 4 of postmaster.pid.
func pidFilePort(dataDir string) int {
	f, err := os.Open(filepath.Join(dataDir, "postmaster.pid"))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if line == 4 {
			port, err := strconv.Atoi(strings.TrimSpace(sc.Text()))
			if err != nil {
				return 0
			}
			return port
		}
	}
	return 0
}

// logTail returns the last lines of the server log, formatted for an error.
func logTail(path string) string {
	b, err := os.ReadFile(path)
	if err != nil || len(b) == 0 {
		return ""
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 10 {
		lines = lines[len(lines)-10:]
	}
	return "\nlast lines of " + path + ":\n" + strings.Join(lines, "\n")
}

// shellQuote quotes s for /bin/sh (pg_ctl passes -o through the shell).
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
