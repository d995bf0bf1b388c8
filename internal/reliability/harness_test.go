//go:build reliability

package reliability

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"careerguide/internal/pglocal"
	"careerguide/internal/testdb"

	"github.com/jackc/pgx/v5"
)

// suite is what every reliability test shares: the binary built once for
// the run, the module root and the report of figures.
type suite struct {
	bin  string // the careerguide binary
	root string // the module root
	rep  *report
}

// moduleRoot is the directory holding go.mod, found from this file's path.
func moduleRoot(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("runtime.Caller failed")
	}
	dir := filepath.Dir(file)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("no go.mod above %s", file)
		}
		dir = parent
	}
}

// buildBinary compiles ./cmd/careerguide into dir.
func buildBinary(t *testing.T, root, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "careerguide")
	start := time.Now()
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/careerguide")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Logf("built %s in %v", bin, time.Since(start).Round(time.Millisecond))
	return bin
}

// database is a throwaway PostgreSQL cluster of the test's own (which the
// test may stop and start) with an empty database "careerguide".
type database struct {
	pg  *pglocal.Server
	url string
}

func newDatabase(t *testing.T) *database {
	t.Helper()
	pg := testdb.Cluster(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	u, err := pg.CreateDatabase(ctx, "careerguide")
	if err != nil {
		t.Fatal(err)
	}
	return &database{pg: pg, url: u}
}

// count runs a query returning one integer on a fresh connection (so it
// works across a server restart).
func (d *database) count(t *testing.T, sql string, args ...any) int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, d.url)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer conn.Close(context.Background())
	var n int64
	if err := conn.QueryRow(ctx, sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// exec runs statements on a fresh connection, outside any transaction
// (so VACUUM and CHECKPOINT may be among them).
func (d *database) exec(t *testing.T, sql string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, d.url)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// freePort is a TCP port free on 127.0.0.1 at the time of the call.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// instance is one running careerguide process.
type instance struct {
	t       *testing.T
	name    string
	cmd     *exec.Cmd
	logPath string
	port    int
	base    string // http://127.0.0.1:<port>
	started time.Time
	done    chan struct{} // closed when the process has exited
	exitErr error         // valid after done
	exitAt  time.Time     // valid after done
}

// startOpts are the settings of one instance beyond the database.
type startOpts struct {
	port int               // 0: a free port
	env  map[string]string // extra environment variables
}

// start runs the binary as "careerguide serve" with DATABASE_URL, ADDR,
// BASE_URL and LOG_LEVEL set, its output going to a file in t.TempDir. It
// returns once the process prints that it is serving (not waiting for
// readiness; see waitReady). At the end of the test a still-running
// instance gets SIGTERM (then SIGKILL after 30 s); when the test failed,
// the tail of the log is printed.
func (s *suite) start(t *testing.T, name string, db *database, o startOpts) *instance {
	t.Helper()
	port := o.port
	if port == 0 {
		port = freePort(t)
	}
	in := &instance{
		t: t, name: name, port: port,
		base:    fmt.Sprintf("http://127.0.0.1:%d", port),
		logPath: filepath.Join(t.TempDir(), name+".log"),
		done:    make(chan struct{}),
	}
	logFile, err := os.OpenFile(in.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"PATH":         os.Getenv("PATH"),
		"HOME":         os.Getenv("HOME"),
		"TMPDIR":       os.TempDir(),
		"DATABASE_URL": db.url,
		"ADDR":         fmt.Sprintf("127.0.0.1:%d", port),
		"BASE_URL":     in.base,
		"LOG_LEVEL":    "info",
		"DATA_DIR":     filepath.Join(t.TempDir(), "data"),
		// Every load here comes from one address: the per-network limit
		// on quiz submissions would decide, not the behaviour under test.
		"QUIZ_RATE_LIMIT": "0",
	}
	for k, v := range o.env {
		env[k] = v
	}
	in.cmd = exec.Command(s.bin, "serve")
	for k, v := range env {
		in.cmd.Env = append(in.cmd.Env, k+"="+v)
	}
	in.cmd.Stdout, in.cmd.Stderr = logFile, logFile
	in.cmd.Dir = t.TempDir()
	in.started = time.Now()
	if err := in.cmd.Start(); err != nil {
		logFile.Close()
		t.Fatalf("start %s: %v", name, err)
	}
	go func() {
		in.exitErr = in.cmd.Wait()
		in.exitAt = time.Now()
		logFile.Close()
		close(in.done)
	}()
	t.Cleanup(func() {
		if !in.exited() {
			in.cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-in.done:
			case <-time.After(30 * time.Second):
				in.cmd.Process.Kill()
				<-in.done
			}
		}
		if t.Failed() {
			t.Logf("--- %s log (%s), tail:\n%s", name, in.logPath, in.logTail(40))
		}
	})
	in.waitServing(60 * time.Second)
	return in
}

// exited reports whether the process has ended.
func (in *instance) exited() bool {
	select {
	case <-in.done:
		return true
	default:
		return false
	}
}

// waitServing waits for the "careerguide serving on" line: the listener is
// open and the content snapshot loaded.
func (in *instance) waitServing(limit time.Duration) {
	in.t.Helper()
	deadline := time.Now().Add(limit)
	for {
		b, _ := os.ReadFile(in.logPath)
		if bytes.Contains(b, []byte("careerguide serving on")) {
			return
		}
		if in.exited() {
			in.t.Fatalf("%s exited before serving (%v); log:\n%s", in.name, in.exitErr, in.logTail(40))
		}
		if time.Now().After(deadline) {
			in.t.Fatalf("%s not serving after %v; log:\n%s", in.name, limit, in.logTail(40))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitReady polls /readyz until it answers 200 and returns when it did.
func (in *instance) waitReady(limit time.Duration) time.Time {
	in.t.Helper()
	c := newClient(nil)
	deadline := time.Now().Add(limit)
	for {
		if r := do(c, get(in.base+"/readyz")); r.status == http.StatusOK {
			return time.Now()
		}
		if in.exited() {
			in.t.Fatalf("%s exited (%v)", in.name, in.exitErr)
		}
		if time.Now().After(deadline) {
			in.t.Fatalf("%s: /readyz not 200 after %v", in.name, limit)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stop sends SIGTERM and waits up to limit for the exit; it returns the
// exit code and how long the process took to exit.
func (in *instance) stop(limit time.Duration) (code int, took time.Duration) {
	in.t.Helper()
	sent := time.Now()
	if err := in.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		in.t.Fatalf("SIGTERM %s: %v", in.name, err)
	}
	return in.wait(sent, limit)
}

// wait waits up to limit after since for the exit.
func (in *instance) wait(since time.Time, limit time.Duration) (code int, took time.Duration) {
	in.t.Helper()
	select {
	case <-in.done:
	case <-time.After(time.Until(since.Add(limit))):
		in.t.Fatalf("%s did not exit within %v of SIGTERM", in.name, limit)
	}
	code = 0
	var ee *exec.ExitError
	if errors.As(in.exitErr, &ee) {
		code = ee.ExitCode()
	} else if in.exitErr != nil {
		in.t.Fatalf("%s: %v", in.name, in.exitErr)
	}
	return code, in.exitAt.Sub(since)
}

// log is the whole log so far.
func (in *instance) log() string {
	b, _ := os.ReadFile(in.logPath)
	return string(b)
}

// logTail is the last n lines of the log, after the warnings and errors
// (first 20), which are what explains a failure among request lines.
func (in *instance) logTail(n int) string {
	f, err := os.Open(in.logPath)
	if err != nil {
		return err.Error()
	}
	defer f.Close()
	var lines, problems []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		l := sc.Text()
		lines = append(lines, l)
		if (strings.Contains(l, "level=WARN") || strings.Contains(l, "level=ERROR")) && len(problems) < 20 {
			problems = append(problems, l)
		}
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return "first warnings/errors:\n" + strings.Join(problems, "\n") + "\nlast lines:\n" + strings.Join(lines, "\n")
}

// procStatus reads fields (in kB or counts) from /proc/<pid>/status.
func (in *instance) procStatus() (rssKB, threads int64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", in.cmd.Process.Pid))
	if err != nil {
		return 0, 0, err
	}
	for _, l := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		switch k {
		case "VmRSS":
			rssKB, _ = strconv.ParseInt(f[0], 10, 64)
		case "Threads":
			threads, _ = strconv.ParseInt(f[0], 10, 64)
		}
	}
	return rssKB, threads, nil
}

// openFDs counts /proc/<pid>/fd.
func (in *instance) openFDs() int {
	ents, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", in.cmd.Process.Pid))
	if err != nil {
		return -1
	}
	return len(ents)
}

// requestLines counts the "msg=request" log lines (one per request served).
func (in *instance) requestLines() int {
	return strings.Count(in.log(), "msg=request ")
}

// ---- HTTP ----

// newClient is a client that does not follow redirects (303 Location is
// what the tests look at), with a 15 s timeout and its own transport (its
// own connections); jar may be nil.
func newClient(jar http.CookieJar) *http.Client {
	return &http.Client{
		Jar:       jar,
		Timeout:   15 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: 16, IdleConnTimeout: 90 * time.Second},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

func newJar(t *testing.T) http.CookieJar {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return jar
}

func get(u string) *http.Request {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		panic(err)
	}
	return req
}

// postForm is a same-origin form POST to base+path (http.NewRequest with a
// strings.Reader body sets GetBody, so the body can be resent).
func postForm(base, path string, form url.Values) *http.Request {
	req, err := http.NewRequest(http.MethodPost, base+path, strings.NewReader(form.Encode()))
	if err != nil {
		panic(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	return req
}

// quickIDs are the statements of the quick match test, in form order
// (content/quiz/questions.yaml, set 0).
var quickIDs = [15]string{"r01", "i01", "a01", "s01", "e01", "c01", "r02", "i02", "a02", "s02", "e02", "c02", "r03", "a03", "e03"}

// quizForm is the 15 answers of the quick match test.
func quizForm(answers [15]int) url.Values {
	v := url.Values{}
	for i, a := range answers {
		v.Set(quickIDs[i], strconv.Itoa(a))
	}
	return v
}

// variedAnswers are answers that differ with i (all 1..5).
func variedAnswers(i int) [15]int {
	var a [15]int
	for q := range a {
		a[q] = 1 + (i+q*7+i/5*q)%5
	}
	return a
}

// response is what a test needs of one HTTP exchange.
type response struct {
	status     int
	body       string
	location   string
	retryAfter string
	connClose  bool
	err        error
	latency    time.Duration
}

// do sends req and reads the whole response.
func do(c *http.Client, req *http.Request) response {
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return response{err: err, latency: time.Since(start)}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return response{
		status:     resp.StatusCode,
		body:       string(b),
		location:   resp.Header.Get("Location"),
		retryAfter: resp.Header.Get("Retry-After"),
		connClose:  resp.Close,
		err:        err,
		latency:    time.Since(start),
	}
}

// resultID is the id in a /results/{id} Location, or "".
func resultID(location string) string {
	id, ok := strings.CutPrefix(location, "/results/")
	if !ok {
		return ""
	}
	return id
}

// errKind classifies a transport error for the figures.
func errKind(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, syscall.ECONNRESET):
		return "reset"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "refused"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "eof"
	case errors.Is(err, syscall.EPIPE):
		return "broken-pipe"
	case errors.Is(err, context.DeadlineExceeded), os.IsTimeout(err):
		return "timeout"
	default:
		return "other"
	}
}

// counts formats a tally as "k:v,k:v" in key order (no spaces, so the
// RELIABILITY line stays key=value).
func counts[K comparable](m map[K]int) string {
	parts := make([]string, 0, len(m))
	for k, v := range m {
		parts = append(parts, fmt.Sprintf("%v:%d", k, v))
	}
	sort.Strings(parts)
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ",")
}

// runDaemon starts cmd, a server a run puts beside the instances (nginx,
// PgBouncer), with its output in dir/stdout.log, and waits up to 10 s for
// ready to return nil, failing the test when the process exits first.
// When the test ends it sends stop, kills the process after 10 s, and,
// when the test failed, logs the last 40 lines of dir/logName.
func runDaemon(t *testing.T, name string, cmd *exec.Cmd, dir string, stop os.Signal, logName string, ready func() error) {
	t.Helper()
	out, err := os.Create(filepath.Join(dir, "stdout.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		out.Close()
		t.Fatalf("starting %s: %v", name, err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); out.Close(); close(done) }()
	t.Cleanup(func() {
		cmd.Process.Signal(stop)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			b, _ := os.ReadFile(filepath.Join(dir, logName))
			if lines := strings.Split(string(b), "\n"); len(lines) > 40 {
				b = []byte(strings.Join(lines[len(lines)-40:], "\n"))
			}
			t.Logf("--- %s %s, tail:\n%s", name, logName, b)
		}
	})
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		err := ready()
		if err == nil {
			return
		}
		select {
		case <-done:
			b, _ := os.ReadFile(filepath.Join(dir, "stdout.log"))
			l, _ := os.ReadFile(filepath.Join(dir, logName))
			t.Fatalf("%s exited: %s%s", name, b, l)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s does not answer after 10 s: %v", name, err)
		}
	}
}
