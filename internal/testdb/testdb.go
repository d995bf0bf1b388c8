// Package testdb gives each test its own freshly migrated PostgreSQL
// database (pgtestdb: cloned from a template, dropped when the test passes),
// so tests run in parallel and leave nothing behind.
//
// The server is found like the app finds it: TEST_DATABASE_URL, else the
// local server on 127.0.0.1:5432, else a throwaway cluster under the
// system's temp directory, started once and reused by later test runs.
package testdb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	contentfs "careerguide/content"
	"careerguide/internal/content"
	"careerguide/internal/pglocal"
	"careerguide/internal/store"
	"careerguide/migrations"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx" for pgtestdb
	"github.com/peterldowns/pgtestdb"
)

// ServerURL is the admin connection string of the server tests use.
func ServerURL(t testing.TB) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv, err := pglocal.Find(ctx, pglocal.Options{
		URL:      os.Getenv("TEST_DATABASE_URL"),
		Database: "postgres",
		DataDir:  filepath.Join(os.TempDir(), "careerguide-test-postgres"),
	})
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	return srv.AdminURL
}

// URL is the connection string of a new, migrated, empty database.
func URL(t testing.TB) string {
	t.Helper()
	return instance(t, migrator{})
}

// URLWithContent is URL plus the embedded content synced into it.
func URLWithContent(t testing.TB) string {
	t.Helper()
	return instance(t, migrator{content: true})
}

// Pool opens a pool on URL(t), closed at the end of the test.
func Pool(t testing.TB, url string) *pgxpool.Pool {
	t.Helper()
	pool, err := pgxpool.New(context.Background(), url)
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	t.Cleanup(pool.Close)
	return pool
}

func instance(t testing.TB, m migrator) string {
	t.Helper()
	cfg, err := pgx.ParseConfig(ServerURL(t))
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	conf := pgtestdb.Config{
		DriverName: "pgx",
		Host:       cfg.Host,
		Port:       strconv.Itoa(int(cfg.Port)),
		User:       cfg.User,
		Password:   cfg.Password,
		Database:   cfg.Database,
		Options:    "sslmode=disable",
		// Servers under test may leave connections (LISTEN, sessions
		// cleanup) that end a moment after the test.
		ForceTerminateConnections: true,
	}
	return pgtestdb.Custom(t, conf, m).URL()
}

// migrator builds pgtestdb's template: the migrations, and optionally the content.
type migrator struct{ content bool }

// contentHash is the hash of the embedded content, taken once per test
// binary: the files are compiled in, and hashing them for every database
// a test asks for cost about 30 ms under the race detector.
var contentHash = sync.OnceValues(func() (string, error) { return content.Hash(contentfs.FS) })

func (m migrator) Hash() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(migrations.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := migrations.FS.ReadFile(p)
		h.Write([]byte(p))
		h.Write(b)
		return err
	})
	if err != nil {
		return "", err
	}
	if m.content {
		ch, err := contentHash()
		if err != nil {
			return "", err
		}
		h.Write([]byte("content:" + ch + "/format:" + store.ContentFormat()))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func (m migrator) Migrate(ctx context.Context, _ *sql.DB, conf pgtestdb.Config) error {
	if err := store.MigrateURL(ctx, conf.URL()); err != nil {
		return err
	}
	if !m.content {
		return nil
	}
	cat, err := content.Load(contentfs.FS)
	if err != nil {
		return err
	}
	pool, err := pgxpool.New(ctx, conf.URL())
	if err != nil {
		return err
	}
	defer pool.Close()
	_, err = store.New(pool).SyncContent(ctx, cat)
	return err
}

// Cluster starts a throwaway PostgreSQL cluster of the test's own, which the
// test may stop and start; it is stopped and removed at the end. It needs
// the PostgreSQL server binaries (initdb, pg_ctl): without them the test is
// skipped, except under CI=true where that is a failure.
func Cluster(t testing.TB) *pglocal.Server {
	t.Helper()
	dir, err := os.MkdirTemp("", "careerguide-cluster-")
	if err != nil {
		t.Fatal(err)
	}
	// The server runs as an unprivileged user when tests run as root: it
	// must be able to enter the directory.
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv, err := pglocal.StartCluster(ctx, dir, nil)
	if err != nil {
		os.RemoveAll(dir)
		if errors.Is(err, pglocal.ErrNotFound) && os.Getenv("CI") != "true" {
			t.Skipf("no PostgreSQL server binaries: %v", err)
		}
		t.Fatalf("throwaway cluster: %v", err)
	}
	t.Cleanup(func() {
		srv.Stop(context.Background())
		os.RemoveAll(dir)
	})
	return srv
}

// Standby starts a streaming hot standby of primary (a Cluster), which the
// test may stop, crash and start; it is stopped and removed at the end.
func Standby(t testing.TB, primary *pglocal.Server) *pglocal.Server {
	t.Helper()
	dir, err := os.MkdirTemp("", "careerguide-standby-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil { // see Cluster
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv, err := pglocal.StartStandby(ctx, primary, filepath.Join(dir, "standby"))
	if err != nil {
		os.RemoveAll(dir)
		t.Fatalf("standby: %v", err)
	}
	t.Cleanup(func() {
		srv.Stop(context.Background())
		os.RemoveAll(dir)
	})
	return srv
}
