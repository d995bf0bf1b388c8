//go:build unix

package pglocal

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// runAs is the unprivileged user the server programs run as when this process
// runs as root (initdb, pg_ctl and postgres refuse to run as root).
type runAs struct {
	name     string
	uid, gid uint32
}

// serverUser returns nil when we are not root. As root it returns the owner of
// an existing data directory when that is not root, else the "postgres"
// system user, else "nobody".
func serverUser(dataDir string) (*runAs, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	if dataDir != "" {
		if fi, err := os.Stat(dataDir); err == nil {
			if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Uid != 0 {
				name := strconv.FormatUint(uint64(st.Uid), 10)
				if u, err := user.LookupId(name); err == nil {
					name = u.Username
				}
				return &runAs{name: name, uid: st.Uid, gid: st.Gid}, nil
			}
		}
	}
	var errs []error
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
		gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
		if err1 != nil || err2 != nil || uid == 0 {
			errs = append(errs, fmt.Errorf("user %s: unusable uid/gid %s/%s", name, u.Uid, u.Gid))
			continue
		}
		return &runAs{name: name, uid: uint32(uid), gid: uint32(gid)}, nil
	}
	return nil, fmt.Errorf("pglocal: running as root, but PostgreSQL refuses to run as root and no unprivileged user (postgres, nobody) was found: %w", errors.Join(errs...))
}

// apply makes cmd run as the user; a nil user leaves cmd alone.
func (u *runAs) apply(cmd *exec.Cmd) {
	if u == nil {
		return
	}
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	// Groups is empty: the child drops root's supplementary groups.
	cmd.SysProcAttr.Credential = &syscall.Credential{Uid: u.uid, Gid: u.gid}
}

func (u *runAs) chown(path string) error {
	return os.Lchown(path, int(u.uid), int(u.gid))
}

// chownTree hands dir and everything below it over to u.
func chownTree(dir string, u *runAs) error {
	return filepath.WalkDir(dir, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return u.chown(path)
	})
}

// checkReachable reports an error when u cannot search one of dir's parent
// directories (dir itself gets chowned to u). The child runs with u's uid and
// primary gid only, so those are what count.
func (u *runAs) checkReachable(dir string) error {
	for p := filepath.Dir(dir); ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("pglocal: %w", err)
		}
		if st, ok := fi.Sys().(*syscall.Stat_t); ok {
			mode := uint32(fi.Mode().Perm())
			var bit uint32 = 0o001
			switch {
			case st.Uid == u.uid:
				bit = 0o100
			case st.Gid == u.gid:
				bit = 0o010
			}
			if mode&bit == 0 {
				return fmt.Errorf("pglocal: running as root, so PostgreSQL runs as user %q, which cannot reach %s: directory %s (mode %v) is not searchable by it; run chmod o+x on it or choose a data dir elsewhere", u.name, dir, p, fi.Mode().Perm())
			}
		}
		if p == filepath.Dir(p) {
			return nil
		}
	}
}

// lockDir takes an exclusive advisory lock on path (created if missing),
// waiting until it is free or ctx is done. The returned func releases it.
func lockDir(ctx context.Context, path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() { f.Close() }, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			return nil, err
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}
