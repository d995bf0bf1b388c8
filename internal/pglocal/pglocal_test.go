package pglocal

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type tWriter struct{ t *testing.T }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func randomName(t *testing.T, prefix string) string {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return prefix + hex.EncodeToString(b)
}

// requireServerBinaries skips the test when initdb/pg_ctl are missing, except
// on CI where that is a failure.
func requireServerBinaries(t *testing.T) {
	t.Helper()
	if _, ok := findBinaries(); !ok {
		if os.Getenv("CI") == "true" {
			t.Fatal("initdb/pg_ctl not found; CI must have the PostgreSQL server binaries")
		}
		t.Skip("initdb/pg_ctl not installed")
	}
}

// clusterParent returns a fresh directory every user can traverse. t.TempDir
// creates 0700 directories, which a cluster run as a non-root user (when the
// tests run as root) cannot enter.
func clusterParent(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "pglocal-test-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func queryOne(ctx context.Context, connURL string) error {
	conn, err := connect(ctx, connURL, 2*time.Second)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	var one int
	if err := conn.QueryRow(ctx, "select 1").Scan(&one); err != nil {
		return err
	}
	if one != 1 {
		return errors.New("select 1 did not return 1")
	}
	return nil
}

func currentDatabase(t *testing.T, ctx context.Context, connURL string) string {
	t.Helper()
	conn, err := connect(ctx, connURL, 5*time.Second)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	var name string
	if err := conn.QueryRow(ctx, "select current_database()").Scan(&name); err != nil {
		t.Fatal(err)
	}
	return name
}

func dropDatabase(t *testing.T, adminURL, name string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := connect(ctx, adminURL, 5*time.Second)
	if err != nil {
		t.Errorf("drop %s: %v", name, err)
		return
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
		t.Errorf("drop %s: %v", name, err)
	}
}

func TestFindLocalServer(t *testing.T) {
	ctx := t.Context()
	name := randomName(t, "pglocal_test_")
	dataDir := filepath.Join(t.TempDir(), "unused")
	s, err := Find(ctx, Options{Database: name, DataDir: dataDir, Logger: testLogger(t)})
	if err != nil {
		t.Fatalf("Find: %v", err)
	}
	t.Cleanup(func() { dropDatabase(t, s.AdminURL, name) })

	if s.Started {
		t.Error("Started = true, want false for the server on 127.0.0.1:5432")
	}
	if s.AdminURL != DefaultLocalURL {
		t.Errorf("AdminURL = %q, want %q", s.AdminURL, DefaultLocalURL)
	}
	u, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	if u.Host != "127.0.0.1:5432" || u.Path != "/"+name {
		t.Errorf("URL = %q, want host 127.0.0.1:5432 and database %s", s.URL, name)
	}
	if got := currentDatabase(t, ctx, s.URL); got != name {
		t.Errorf("current_database() = %q, want %q", got, name)
	}
	if _, err := os.Stat(dataDir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("DataDir was touched although a server answered: %v", err)
	}

	// Idempotent: the database exists now.
	again, err := s.CreateDatabase(ctx, name)
	if err != nil {
		t.Fatalf("CreateDatabase on an existing database: %v", err)
	}
	if again != s.URL {
		t.Errorf("CreateDatabase URL = %q, want %q", again, s.URL)
	}
	s2, err := Find(ctx, Options{Database: name, DataDir: dataDir})
	if err != nil {
		t.Fatalf("second Find: %v", err)
	}
	if s2.URL != s.URL {
		t.Errorf("second Find URL = %q, want %q", s2.URL, s.URL)
	}
	if err := s.Stop(ctx); err != nil {
		t.Errorf("Stop on a server not started by us: %v", err)
	}
	if err := queryOne(ctx, s.URL); err != nil {
		t.Errorf("server gone after no-op Stop: %v", err)
	}
}

func TestCreateDatabaseConcurrent(t *testing.T) {
	ctx := t.Context()
	name := randomName(t, "pglocal_conc_")
	s := &Server{AdminURL: DefaultLocalURL}
	if err := ping(ctx, DefaultLocalURL, 2*time.Second); err != nil {
		t.Skipf("no server at %s: %v", DefaultLocalURL, err)
	}
	t.Cleanup(func() { dropDatabase(t, s.AdminURL, name) })
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			_, err := s.CreateDatabase(ctx, name)
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Errorf("concurrent CreateDatabase: %v", err)
		}
	}
}

func TestFindExplicitURL(t *testing.T) {
	ctx := t.Context()
	u := "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable&application_name=pglocal"
	s, err := Find(ctx, Options{URL: u, Database: "ignored"})
	if err != nil {
		t.Fatalf("Find: %v", err)
	}
	if s.URL != u {
		t.Errorf("URL = %q, want it unchanged %q", s.URL, u)
	}
	if want := "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable&application_name=pglocal"; s.AdminURL != want {
		t.Errorf("AdminURL = %q, want %q", s.AdminURL, want)
	}
	if s.Started {
		t.Error("Started = true for an explicit URL")
	}
}

func TestFindExplicitURLClosedPort(t *testing.T) {
	port, err := choosePort(0) // free, so nothing listens there
	if err != nil {
		t.Fatal(err)
	}
	u := localURL(port, "careerguide")
	start := time.Now()
	s, err := Find(t.Context(), Options{URL: u, Database: "careerguide", DataDir: t.TempDir()})
	elapsed := time.Since(start)
	if err == nil {
		t.Fatalf("Find(%s) = %+v, want an error", u, s)
	}
	t.Logf("error after %v: %v", elapsed, err)
	if elapsed >= 6*time.Second {
		t.Errorf("Find took %v, want < 6s", elapsed)
	}
}

func TestFindExplicitURLUnroutable(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the 5s timeout")
	}
	// 10.255.255.1 usually drops packets: the 5 s timeout must apply.
	u := "postgres://postgres:secret@10.255.255.1:5432/x?sslmode=disable&connect_timeout=60"
	start := time.Now()
	_, err := Find(t.Context(), Options{URL: u})
	elapsed := time.Since(start)
	if err == nil {
		t.Skip("10.255.255.1 answered")
	}
	if elapsed >= 6*time.Second {
		t.Errorf("Find took %v, want < 6s", elapsed)
	}
	if strings.Contains(err.Error(), "secret") {
		t.Errorf("error leaks the password: %v", err)
	}
}

func TestWithDatabase(t *testing.T) {
	tests := []struct {
		in, name, want string
		wantDB         string // database pgx parses from the result
	}{
		{"postgres://u:p@h:5432/old?sslmode=disable", "new", "postgres://u:p@h:5432/new?sslmode=disable", "new"},
		{"postgresql://h/old", "new", "postgresql://h/new", "new"},
		{"postgres://h", "new", "postgres://h/new", "new"},
		{"postgres://h:5432/", "postgres", "postgres://h:5432/postgres", "postgres"},
		{"postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "careerguide", "postgres://postgres@127.0.0.1:5432/careerguide?sslmode=disable", "careerguide"},
		{"postgres://h/old?dbname=x&sslmode=disable", "new", "postgres://h/new?sslmode=disable", "new"},
		{"postgres://h/old", "my db", "postgres://h/my%20db", "my db"},
		{"postgres://h/old", "a/b", "postgres://h/a%2Fb", "a/b"},
		{"postgres://h/old", "Weird-Name", "postgres://h/Weird-Name", "Weird-Name"},
		{"host=h dbname=old", "new", "host=h dbname=old dbname='new'", "new"},
		{"host=h", "it's", `host=h dbname='it\'s'`, "it's"},
	}
	for _, tt := range tests {
		got, err := WithDatabase(tt.in, tt.name)
		if err != nil {
			t.Errorf("WithDatabase(%q, %q): %v", tt.in, tt.name, err)
			continue
		}
		if got != tt.want {
			t.Errorf("WithDatabase(%q, %q) = %q, want %q", tt.in, tt.name, got, tt.want)
		}
		cfg, err := pgx.ParseConfig(got)
		if err != nil {
			t.Errorf("pgx.ParseConfig(%q): %v", got, err)
			continue
		}
		if cfg.Database != tt.wantDB {
			t.Errorf("pgx database of %q = %q, want %q", got, cfg.Database, tt.wantDB)
		}
	}

	for _, bad := range []struct{ in, name string }{
		{"mysql://h/db", "x"},
		{"postgres://h/db", ""},
		{"", "x"},
		{"not a url", "x"},
		{"postgres://u:pa ss@h:bad port/db", "x"},
	} {
		if got, err := WithDatabase(bad.in, bad.name); err == nil {
			t.Errorf("WithDatabase(%q, %q) = %q, want an error", bad.in, bad.name, got)
		}
	}
}

func TestCompareVersions(t *testing.T) {
	dirs := []string{"9.6", "15", "10", "16", "12.1"}
	want := []string{"16", "15", "12.1", "10", "9.6"}
	for i := range dirs {
		for j := i + 1; j < len(dirs); j++ {
			if compareVersions(dirs[i], dirs[j]) < 0 {
				dirs[i], dirs[j] = dirs[j], dirs[i]
			}
		}
	}
	if strings.Join(dirs, " ") != strings.Join(want, " ") {
		t.Errorf("sorted = %v, want %v", dirs, want)
	}
}

func TestStartClusterStopStart(t *testing.T) {
	requireServerBinaries(t)
	ctx := t.Context()
	dir := filepath.Join(clusterParent(t), "cluster")

	s, err := StartCluster(ctx, dir, testLogger(t))
	if err != nil {
		t.Fatalf("StartCluster: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Stop(context.Background()); err != nil {
			t.Errorf("cleanup Stop: %v", err)
		}
	})
	if !s.Started {
		t.Error("Started = false")
	}
	t.Logf("cluster at %s in %s", s.URL, s.DataDir())
	if err := queryOne(ctx, s.URL); err != nil {
		t.Fatalf("select 1: %v", err)
	}

	if err := s.Stop(ctx); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if err := queryOne(ctx, s.URL); err == nil {
		t.Fatal("select 1 succeeded after Stop")
	}
	if err := s.Stop(ctx); err != nil {
		t.Errorf("second Stop: %v", err)
	}

	if err := s.Start(ctx); err != nil {
		t.Fatalf("Start: %v", err)
	}
	if err := queryOne(ctx, s.URL); err != nil {
		t.Fatalf("select 1 after Start: %v", err)
	}
	if err := s.Start(ctx); err != nil {
		t.Errorf("Start on a running cluster: %v", err)
	}
	// Databases can be created on it.
	dbURL, err := s.CreateDatabase(ctx, "careerguide")
	if err != nil {
		t.Fatalf("CreateDatabase: %v", err)
	}
	if got := currentDatabase(t, ctx, dbURL); got != "careerguide" {
		t.Errorf("current_database() = %q", got)
	}

	if err := s.Stop(ctx); err != nil {
		t.Fatalf("final Stop: %v", err)
	}
	if err := queryOne(ctx, s.URL); err == nil {
		t.Fatal("select 1 succeeded after final Stop")
	}

	// A non-empty dir is refused.
	if _, err := StartCluster(ctx, dir, nil); err == nil {
		t.Error("StartCluster on a non-empty dir succeeded")
	}
}

// TestFindStartsCluster exercises case 3 of Find: no server answers at the
// local URL (a closed port here), so Find initializes and starts a cluster in
// DataDir, reuses it while it runs, and restarts it on the recorded port.
func TestFindStartsCluster(t *testing.T) {
	requireServerBinaries(t)
	ctx := t.Context()
	closedPort, err := choosePort(0)
	if err != nil {
		t.Fatal(err)
	}
	noServer := localURL(closedPort, "postgres")
	dataDir := filepath.Join(clusterParent(t), "data", "postgres")
	opts := Options{Database: "careerguide", DataDir: dataDir, Logger: testLogger(t)}

	s, err := find(ctx, opts, noServer)
	if err != nil {
		t.Fatalf("find: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Stop(context.Background()); err != nil {
			t.Errorf("cleanup Stop: %v", err)
		}
	})
	if !s.Started {
		t.Fatal("Started = false, want true")
	}
	if got := currentDatabase(t, ctx, s.URL); got != "careerguide" {
		t.Errorf("current_database() = %q", got)
	}
	port := readPortFile(dataDir)
	if port == 0 || !strings.Contains(s.URL, ":"+strconv.Itoa(port)+"/") {
		t.Errorf("port file %d does not match URL %s", port, s.URL)
	}

	// While it runs, a second find reuses it without owning it.
	s2, err := find(ctx, opts, noServer)
	if err != nil {
		t.Fatalf("second find: %v", err)
	}
	if s2.Started || s2.URL != s.URL {
		t.Errorf("second find = %+v, want Started=false and URL %s", s2, s.URL)
	}
	if err := s2.Stop(ctx); err != nil {
		t.Errorf("no-op Stop: %v", err)
	}
	if err := queryOne(ctx, s.URL); err != nil {
		t.Fatalf("cluster gone after no-op Stop: %v", err)
	}

	// Stopped, a third find starts it again on the recorded port.
	if err := s.Stop(ctx); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	s3, err := find(ctx, Options{Database: "other", DataDir: dataDir}, noServer)
	if err != nil {
		t.Fatalf("third find: %v", err)
	}
	t.Cleanup(func() { s3.Stop(context.Background()) })
	if !s3.Started {
		t.Error("third find: Started = false")
	}
	if readPortFile(dataDir) != port {
		t.Errorf("port changed from %d to %d", port, readPortFile(dataDir))
	}
	if got := currentDatabase(t, ctx, s3.URL); got != "other" {
		t.Errorf("current_database() = %q", got)
	}
	if got := currentDatabase(t, ctx, s.URL); got != "careerguide" {
		t.Errorf("careerguide database lost across restart: %q", got)
	}
}

func TestServerWithoutCluster(t *testing.T) {
	s := &Server{}
	if s.DataDir() != "" {
		t.Error("DataDir of a plain server is not empty")
	}
	if err := s.Start(t.Context()); err == nil {
		t.Error("Start on a server without a cluster succeeded")
	}
}

// TestStandbyReplaysAndSurvivesACrash starts a cluster and a streaming
// standby of it: a row written on the primary is read on the standby, the
// standby refuses writes, and after a crash and a restart it catches up
// with what the primary wrote meanwhile.
func TestStandbyReplaysAndSurvivesACrash(t *testing.T) {
	requireServerBinaries(t)
	ctx := t.Context()
	parent := clusterParent(t)
	primary, err := StartCluster(ctx, filepath.Join(parent, "primary"), testLogger(t))
	if err != nil {
		t.Fatalf("StartCluster: %v", err)
	}
	t.Cleanup(func() { primary.Stop(context.Background()) })
	exec := func(url, sql string) error {
		conn, err := connect(ctx, url, 5*time.Second)
		if err != nil {
			return err
		}
		defer conn.Close(ctx)
		_, err = conn.Exec(ctx, sql)
		return err
	}
	if err := exec(primary.URL, "create table t (n int); insert into t values (1)"); err != nil {
		t.Fatal(err)
	}
	standby, err := StartStandby(ctx, primary, filepath.Join(parent, "standby"))
	if err != nil {
		t.Fatalf("StartStandby: %v", err)
	}
	t.Cleanup(func() { standby.Stop(context.Background()) })
	if standby.URL == primary.URL {
		t.Fatalf("the standby has the primary's URL %s", standby.URL)
	}
	// sum waits up to 10 s for the standby's sum of t to be want.
	sum := func(want int) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		var got int
		for {
			conn, err := connect(ctx, standby.URL, 2*time.Second)
			if err == nil {
				err = conn.QueryRow(ctx, "select coalesce(sum(n), 0) from t").Scan(&got)
				conn.Close(ctx)
			}
			if err == nil && got == want {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("standby: sum %d (%v), want %d", got, err, want)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	if err := exec(primary.URL, "insert into t values (2)"); err != nil {
		t.Fatal(err)
	}
	sum(3)
	if err := exec(standby.URL, "insert into t values (100)"); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("a write on the standby: %v, want a read-only error", err)
	}
	if err := standby.Crash(ctx); err != nil {
		t.Fatalf("Crash: %v", err)
	}
	if err := queryOne(ctx, standby.URL); err == nil {
		t.Fatal("the standby answers after Crash")
	}
	if err := exec(primary.URL, "insert into t values (4)"); err != nil {
		t.Fatal(err)
	}
	if err := standby.Start(ctx); err != nil {
		t.Fatalf("Start after Crash: %v", err)
	}
	sum(7)
}
