package pglocal

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
)

// StartStandby copies the running cluster primary (one this package
// started) with pg_basebackup into dir (empty or missing) and starts the
// copy as its hot standby on a free port of 127.0.0.1: a streaming
// replica that answers read-only queries and replays what primary
// writes. The primary needs wal_level replica (initdb's default) and a
// replication entry in pg_hba.conf for 127.0.0.1 (initdb's default; with
// --auth=trust, as this package initializes clusters, it trusts). The
// standby's URL and AdminURL name the database "postgres"; Stop, Start and
// Crash work on it as on any cluster of this package.
func StartStandby(ctx context.Context, primary *Server, dir string) (*Server, error) {
	if primary == nil || primary.cluster == nil {
		return nil, errors.New("pglocal: StartStandby: the primary is not a cluster managed by pglocal")
	}
	p := primary.cluster
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("pglocal: standby dir: %w", err)
	}
	entries, err := os.ReadDir(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("pglocal: standby dir: %w", err)
	case len(entries) > 0:
		return nil, fmt.Errorf("pglocal: standby dir %s is not empty", abs)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, fmt.Errorf("pglocal: create standby dir: %w", err)
	}
	c := &cluster{dir: abs, bins: p.bins, user: p.user, logger: p.logger}
	if err := c.prepareDir(); err != nil {
		return nil, err
	}
	// -R writes standby.signal and primary_conninfo; -X stream copies the
	// WAL written meanwhile; a checkpoint now, not at the next timed one.
	basebackup, err := p.bins.sibling("pg_basebackup")
	if err != nil {
		return nil, err
	}
	_, err = c.run(ctx, basebackup,
		"-D", c.dataDir(),
		"-h", "127.0.0.1", "-p", strconv.Itoa(p.port), "-U", "postgres",
		"-R", "-X", "stream", "--checkpoint=fast", "--no-sync",
	)
	if err != nil {
		return nil, fmt.Errorf("pglocal: pg_basebackup from port %d: %w", p.port, err)
	}
	if c.port, err = choosePort(0); err != nil {
		return nil, err
	}
	c.logger.Info("starting a standby in "+abs, "port", c.port, "primary_port", p.port)
	if err := c.startOnFreePort(ctx); err != nil {
		return nil, err
	}
	u := c.url(adminDatabase)
	return &Server{URL: u, AdminURL: u, Started: true, cluster: c}, nil
}

// sibling is the server program name of the same installation as pg_ctl
// (found through pg_ctl's symbolic link when it is one), else on PATH.
func (b binaries) sibling(name string) (string, error) {
	dirs := []string{filepath.Dir(b.pgCtl)}
	if real, err := filepath.EvalSymlinks(b.pgCtl); err == nil {
		dirs = append([]string{filepath.Dir(real)}, dirs...)
	}
	for _, d := range dirs {
		if p := filepath.Join(d, name); isExecutable(p) {
			return p, nil
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("pglocal: %s not found beside %s or on PATH", name, b.pgCtl)
}

// Crash stops a cluster this package started the way a crash would
// (pg_ctl stop -m immediate: every server process quits at once, without a
// checkpoint; the next start recovers from the WAL). Crashing a cluster
// that is not running is not an error.
func (s *Server) Crash(ctx context.Context) error {
	if s == nil || !s.Started || s.cluster == nil {
		return nil
	}
	c := s.cluster
	_, err := c.run(ctx, c.bins.pgCtl, "stop", "-m", "immediate", "-w", "-D", c.dataDir())
	if err != nil {
		if running, _, serr := c.status(ctx); serr == nil && !running {
			return nil
		}
		return fmt.Errorf("pglocal: pg_ctl stop -m immediate: %w", err)
	}
	return nil
}
