package server_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"careerguide/internal/pglocal"
	"careerguide/internal/store"
	"careerguide/internal/testdb"

	"github.com/jackc/pgx/v5"
)

// replication is a primary of the test's own with its database migrated
// and content synced (by writer, an instance reading only the primary),
// and a real streaming standby of it.
type replication struct {
	t                *testing.T
	primary, standby *pglocal.Server
	dbURL, readURL   string
	writer           *testApp
}

func newReplication(t *testing.T) *replication {
	t.Helper()
	ctx := context.Background()
	primary := testdb.Cluster(t)
	dbURL, err := primary.CreateDatabase(ctx, "careerguide")
	if err != nil {
		t.Fatal(err)
	}
	if err := store.MigrateURL(ctx, dbURL); err != nil {
		t.Fatal(err)
	}
	writer := newTestAppOn(t, dbURL, nil)
	standby := testdb.Standby(t, primary)
	readURL, err := pglocal.WithDatabase(standby.URL, "careerguide")
	if err != nil {
		t.Fatal(err)
	}
	return &replication{t: t, primary: primary, standby: standby, dbURL: dbURL, readURL: readURL, writer: writer}
}

// in is rp for the subtest t: its failures, and the instances it starts,
// are t's.
func (rp *replication) in(t *testing.T) *replication {
	c := *rp
	c.t = t
	c.writer = &testApp{App: rp.writer.App, URL: rp.writer.URL, t: t}
	return &c
}

// The standby tests share one primary and its standby, as subtests run one
// after another: a cluster, a database migrated and synced with the
// content and a pg_basebackup are most of each one's cost. Each subtest
// starts its own instances, counts from what it finds and leaves the
// standby streaming and replaying; the one that crashes it comes last.
func TestStandby(t *testing.T) {
	t.Parallel()
	shared := newReplication(t)
	for _, c := range []struct {
		name string
		run  func(*testing.T, *replication)
	}{
		{"ServesReadsUntilItLagsPastTheLimit", standbyServesReadsUntilItLagsPastTheLimit},
		{"ReadsYourWrites", standbyReadsYourWrites},
		{"HangingReadsFromThePrimary", standbyHangingReadsFromThePrimary},
		{"DownReadsFromThePrimary", standbyDownReadsFromThePrimary},
	} {
		t.Run(c.name, func(t *testing.T) { c.run(t, shared.in(t)) })
	}
}

// app is an instance reading from the standby, at most maxLag behind.
func (rp *replication) app(maxLag string) *testApp {
	return newTestAppOn(rp.t, rp.dbURL, map[string]string{"DATABASE_READ_URL": rp.readURL, "READ_MAX_LAG": maxLag})
}

// replay pauses or resumes the standby's replay of the primary's WAL.
func (rp *replication) replay(on bool) {
	rp.t.Helper()
	fn := "pg_wal_replay_pause()"
	if on {
		fn = "pg_wal_replay_resume()"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, rp.standby.AdminURL)
	if err != nil {
		rp.t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "select "+fn); err != nil {
		rp.t.Fatalf("%s: %v", fn, err)
	}
}

// waitReads polls /readyz, which must answer 200 every time, until its
// reads line starts with want; it returns that line.
func (a *testApp) waitReads(want string, limit time.Duration) string {
	a.t.Helper()
	b := a.browser()
	deadline := time.Now().Add(limit)
	var line string
	for {
		p := b.get("/readyz")
		if p.Status != http.StatusOK {
			a.t.Fatalf("/readyz %d: %s", p.Status, p.Body)
		}
		_, line, _ = strings.Cut(p.Body, "reads: ")
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, want) {
			return line
		}
		if time.Now().After(deadline) {
			a.t.Fatalf("/readyz after %v: %q, want reads: %s…", limit, p.Body, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// libraryTotal is the number of results the Backend Developer Result
// Library says are stored.
func libraryTotal(t *testing.T, b *browser) int {
	t.Helper()
	p := b.get("/careers/backend-developer/results")
	if p.Status != http.StatusOK {
		t.Fatalf("Result Library: %d", p.Status)
	}
	// "12 results from 3 people", "1 result", "0 results"
	words := strings.Fields(p.Doc.Find("p.lede strong").First().Text())
	if len(words) == 0 {
		t.Fatal("Result Library: no total")
	}
	n, err := strconv.Atoi(strings.ReplaceAll(words[0], ",", ""))
	if err != nil {
		t.Fatalf("Result Library total: %v", err)
	}
	return n
}

// With DATABASE_READ_URL, reads go to a real streaming standby while it
// keeps up: a Result Library seen by a visitor on an instance that did
// not store the result lags while the standby's replay is paused, until
// the lag passes READ_MAX_LAG; then reads go to the primary, /readyz says
// so and still answers 200, and once replay resumes they go back.
func standbyServesReadsUntilItLagsPastTheLimit(t *testing.T, rp *replication) {
	app := rp.app("5s")
	app.waitReads("standby", 10*time.Second)
	visitor := app.browser()
	before := libraryTotal(t, visitor)

	rp.replay(false)
	defer rp.replay(true)
	rp.writer.browser().takeTest("backend-developer", dataMinded) // through the primary-only instance
	time.Sleep(1500 * time.Millisecond)                           // the Library's counters are kept a second
	if got := libraryTotal(t, visitor); got != before {
		t.Fatalf("Result Library while the standby's replay is paused and within READ_MAX_LAG: %d results, want the standby's %d", got, before)
	}
	line := app.waitReads("primary (standby lagging", 10*time.Second)
	t.Logf("reads: %s", line)
	time.Sleep(1100 * time.Millisecond)
	if got := libraryTotal(t, visitor); got != before+1 {
		t.Fatalf("Result Library with the standby lagging past READ_MAX_LAG: %d results, want the primary's %d", got, before+1)
	}

	rp.replay(true)
	app.waitReads("standby", 10*time.Second)
	if got := libraryTotal(t, visitor); got != before+1 {
		t.Errorf("Result Library once the standby caught up: %d results, want %d", got, before+1)
	}
}

// A person reads their own writes even while the standby has not
// replayed them (replay paused, READ_MAX_LAG far off, so other reads stay
// on the standby): the result page right after its 303, with the
// comparison to their previous result (read on the primary after their
// write), and a level just set. A stranger with the link finds the
// result too (not on the standby, so on the primary), without the
// comparison, and the instance's Result Library counts the new results.
func standbyReadsYourWrites(t *testing.T, rp *replication) {
	app := rp.app("1h")
	app.waitReads("standby", 10*time.Second)
	stranger := app.browser()
	before := libraryTotal(t, stranger)

	rp.replay(false)
	defer rp.replay(true)
	me := app.browser()
	first := me.takeTest("backend-developer", dataMinded)
	if p := me.get(first); p.Status != http.StatusOK || !strings.Contains(p.text(), "Backend Developer") {
		t.Fatalf("my result right after its 303: %d", p.Status)
	}
	second := me.takeTest("backend-developer", pattern(5, 1, 4, 2, 3, 1, 5, 2, 4, 1, 3, 2, 5, 4, 3))
	p := me.get(second)
	if p.Status != http.StatusOK {
		t.Fatalf("my second result right after its 303: %d", p.Status)
	}
	p.mustContain(t, "your previous one")
	if href, _ := p.Doc.Find(`a[href="` + first + `"]`).Attr("href"); href != first {
		t.Errorf("my second result does not link my first (%s)", first)
	}
	if sp := me.post("/careers/backend-developer/level", url.Values{"level": {"senior"}}); sp.Status != http.StatusSeeOther {
		t.Fatalf("setting the level: %d", sp.Status)
	}
	if pp := me.get("/careers/backend-developer/path"); !strings.Contains(pp.Doc.Find("ol.ladder li.here").Text(), "You are here") ||
		!strings.Contains(pp.Doc.Find("ol.ladder li.here h2").Text(), "Senior Backend Developer") {
		t.Error("the level just set is not marked on the path page")
	}

	// The instance that stored them counts them in its Library at once.
	if got := libraryTotal(t, stranger); got != before+2 {
		t.Errorf("Result Library of the instance that stored 2 results: %d, want %d", got, before+2)
	}
	sp := stranger.get(second)
	if sp.Status != http.StatusOK {
		t.Fatalf("a stranger opening the new result's link: %d", sp.Status)
	}
	if strings.Contains(sp.Body, "your previous one") {
		t.Error("a stranger sees the comparison with the person's previous result")
	}
	if line := app.waitReads("", time.Second); !strings.HasPrefix(line, "standby") {
		t.Errorf("reads: %s, want the standby still serving (READ_MAX_LAG 1h)", line)
	}
}

// When the standby goes down, every read goes to the primary at once,
// with no failed request: a search not asked before, a Result Library, a
// new result's page; /readyz answers 200 and says reads are on the
// primary; once the standby is back, reads return to it.
func standbyDownReadsFromThePrimary(t *testing.T, rp *replication) {
	app := rp.app("5s")
	app.waitReads("standby", 10*time.Second)
	visitor := app.browser()
	if p := visitor.get("/occupations?q=electrician"); p.Status != http.StatusOK || !strings.Contains(p.Body, "47-2111.00") {
		t.Fatalf("search on the standby: %d", p.Status)
	}
	before := libraryTotal(t, visitor)

	if err := rp.standby.Crash(context.Background()); err != nil {
		t.Fatal(err)
	}
	// Before the next check: the reads the standby fails are asked of the primary.
	if p := visitor.get("/occupations?q=plumber"); p.Status != http.StatusOK || !strings.Contains(p.Body, "47-2152.00") {
		t.Errorf("search with the standby down: %d", p.Status)
	}
	me := app.browser()
	res := me.takeTest("backend-developer", dataMinded)
	if p := me.get(res); p.Status != http.StatusOK {
		t.Errorf("my result with the standby down: %d", p.Status)
	}
	if p := visitor.get(res); p.Status != http.StatusOK {
		t.Errorf("a stranger's view of a result with the standby down: %d", p.Status)
	}
	time.Sleep(1100 * time.Millisecond) // the Library's counters are kept a second
	if got := libraryTotal(t, visitor); got != before+1 {
		t.Errorf("Result Library with the standby down: %d results, want %d", got, before+1)
	}
	line := app.waitReads("primary (standby not answering)", 5*time.Second)
	t.Logf("reads: %s", line)
	if p := visitor.get("/occupations?q=accountant"); p.Status != http.StatusOK || !strings.Contains(p.Body, "13-2011.00") {
		t.Errorf("search with the standby down, after the check: %d", p.Status)
	}

	if err := rp.standby.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	app.waitReads("standby", 15*time.Second)
	if p := visitor.get("/occupations?q=lawyer"); p.Status != http.StatusOK || !strings.Contains(p.Body, "23-1011.00") {
		t.Errorf("search with the standby back: %d", p.Status)
	}
}

// signalCluster sends sig to the postmaster of a pglocal cluster and to
// every process it started (Linux: read from /proc).
func signalCluster(t *testing.T, srv *pglocal.Server, sig syscall.Signal) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(srv.DataDir(), "data", "postmaster.pid"))
	if err != nil {
		t.Fatal(err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	pm, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		t.Fatal(err)
	}
	pids := []int{pm}
	procs, _ := os.ReadDir("/proc")
	for _, p := range procs {
		pid, err := strconv.Atoi(p.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", p.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces, so after the last ')'.
		rest := string(stat[strings.LastIndexByte(string(stat), ')')+1:])
		if f := strings.Fields(rest); len(f) > 1 && f[1] == strconv.Itoa(pm) {
			pids = append(pids, pid)
		}
	}
	for _, pid := range pids {
		if err := syscall.Kill(pid, sig); err != nil {
			t.Fatalf("signal %v to %d: %v", sig, pid, err)
		}
	}
}

// A standby that stops answering without refusing connections (every
// process of it stopped, as a network partition would leave it) costs a
// read at most a second: the primary answers it, and /readyz says the
// standby does not answer; once it runs again, reads return to it.
func standbyHangingReadsFromThePrimary(t *testing.T, rp *replication) {
	if runtime.GOOS != "linux" {
		t.Skip("stops the standby's processes found through /proc")
	}
	app := rp.app("1h")
	app.waitReads("standby", 10*time.Second)
	me := app.browser()
	res := me.takeTest("backend-developer", dataMinded)
	stranger := app.browser()
	// Searches read no database; the first search of a snapshot waits
	// while its index is made (seconds under the race detector), which
	// is not what this measures.
	if p := stranger.get("/occupations?q=nurse"); p.Status != http.StatusOK {
		t.Fatalf("a search before the standby stopped: %d", p.Status)
	}

	signalCluster(t, rp.standby, syscall.SIGSTOP)
	thawed := false
	thaw := func() {
		if !thawed {
			thawed = true
			signalCluster(t, rp.standby, syscall.SIGCONT)
		}
	}
	defer thaw()
	for _, c := range []struct{ path, want string }{
		{"/occupations?q=electrician", "47-2111.00"},
		{res, "Match test result from Backend Developer"},
		{"/occupations?q=pharmacist", "29-1051.00"},
	} {
		start := time.Now()
		p := stranger.get(c.path)
		if p.Status != http.StatusOK || !strings.Contains(p.Body, c.want) {
			t.Errorf("%s with the standby stopped: %d", c.path, p.Status)
		}
		if took := time.Since(start); took > 3*time.Second {
			t.Errorf("%s with the standby stopped took %v", c.path, took)
		}
	}
	line := app.waitReads("primary (standby not answering)", 5*time.Second)
	t.Logf("reads: %s", line)
	thaw()
	app.waitReads("standby", 15*time.Second)
}
