// Command bench is careerguide's load benchmark (make bench): it starts the
// real binary on a fresh database in the local PostgreSQL, loads 1,000,000
// results with COPY, starts a bare net/http baseline serving the career
// page's bytes from memory, drives every endpoint with wrk in alternating
// rounds and prints one table (also written to .data/bench/latest.json).
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"careerguide/internal/pglocal"
	"careerguide/internal/quiz"
	"careerguide/internal/store"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// careerPage is the section page measured, and whose bytes the baseline serves.
const careerPage = "/careers/backend-developer/path"

// occupationPage is the occupation page measured (Web Developers: a full
// page with a guide link, 128 technologies and 26 related occupations).
const occupationPage = "/occupations/15-1254.00"

// occupationSearch is the search measured: a typo, so the trigram index
// does the work.
const occupationSearch = "/occupations?q=softwre+developer"

// smallCareer holds the 100 results of the reference Result Library.
const smallCareer = "frontend-developer"

type options struct {
	duration, primer time.Duration
	conns, rounds    int
	insertClients    int
	results          int
	out              string
	only             string
}

func main() {
	var o options
	flag.DurationVar(&o.duration, "duration", 15*time.Second, "measured wrk run per endpoint and round")
	flag.DurationVar(&o.primer, "primer", 5*time.Second, "unmeasured wrk warm-up per endpoint")
	flag.IntVar(&o.conns, "connections", 64, "wrk connections")
	flag.IntVar(&o.insertClients, "insert-clients", 16, "clients of the bare INSERT reference (as pgbench -c)")
	flag.IntVar(&o.rounds, "rounds", 3, "rounds alternating app and baseline; the median is reported")
	flag.IntVar(&o.results, "results", 1_000_000, "stored results for the Result Library")
	flag.StringVar(&o.only, "only", "", "measure only the baseline and the endpoints whose name contains this, or one of these comma-separated names (for investigating one)")
	flag.StringVar(&o.out, "out", ".data/bench/latest.json", "JSON report")
	flag.Parse()
	if err := run(context.Background(), o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// measurement is one wrk run.
type measurement struct {
	RPS      float64 `json:"rps"`
	P50ms    float64 `json:"p50_ms"`
	P99ms    float64 `json:"p99_ms"`
	Requests int64   `json:"requests"`
}

// row is one endpoint's median over the rounds.
type row struct {
	Name     string        `json:"name"`
	URL      string        `json:"-"`
	Median   measurement   `json:"median"`
	Rounds   []measurement `json:"rounds"`
	Ratio    float64       `json:"ratio"`
	RatioTo  string        `json:"ratio_to"`
	Goal     string        `json:"goal"`
	Met      bool          `json:"met"`
	script   string
	args     []string // the script's arguments
	sessions bool     // each request carries one of o.conns sessions
	baseline bool
}

func (r *row) isQuiz() bool { return strings.HasPrefix(r.Name, "Quiz POST") }

type report struct {
	Machine      string  `json:"machine"`
	Started      string  `json:"started"`
	Seconds      float64 `json:"seconds"`
	Results      int     `json:"stored_results"`
	Rows         []*row  `json:"endpoints"`
	PeakRSSMB    float64 `json:"peak_rss_mb"`
	RSSGoalMet   bool    `json:"rss_goal_met"`
	BareInsertPS float64 `json:"bare_insert_per_s"`
	StartupMS    float64 `json:"startup_to_ready_ms"`
	StartupMet   bool    `json:"startup_goal_met"`
	Quiz303s     int64   `json:"quiz_303_responses"`
	QuizRows     int64   `json:"quiz_rows_stored"`
	AutoVacuums  int64   `json:"quiz_results_autovacuums"`
	AutoAnalyzes int64   `json:"quiz_results_autoanalyzes"`
}

func run(ctx context.Context, o options) error {
	start := time.Now()
	if _, err := exec.LookPath("wrk"); err != nil {
		return errors.New("wrk is not installed: apt-get install wrk")
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "careerguide-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	// A fresh database in the local PostgreSQL.
	pg, err := pglocal.Find(ctx, pglocal.Options{Database: "postgres", DataDir: filepath.Join(root, ".data", "postgres")})
	if err != nil {
		return err
	}
	dbName := fmt.Sprintf("careerguide_bench_%d", time.Now().Unix())
	dbURL, err := pg.CreateDatabase(ctx, dbName)
	if err != nil {
		return err
	}
	defer dropDatabase(pg.AdminURL, dbName)

	bin := filepath.Join(tmp, "careerguide")
	if out, err := command(root, "go", "build", "-o", bin, "./cmd/careerguide").CombinedOutput(); err != nil {
		return fmt.Errorf("build: %v\n%s", err, out)
	}
	appAddr, baseAddr := freeAddr(), freeAddr()
	logFile, err := os.Create(filepath.Join(tmp, "app.log"))
	if err != nil {
		return err
	}
	defer logFile.Close()
	app := exec.Command(bin, "serve")
	// wrk sends every quiz POST, and the bench creates its sessions, from
	// one address: no per-network limits.
	app.Env = append(os.Environ(), "DATABASE_URL="+dbURL, "ADDR="+appAddr, "BASE_URL=http://"+appAddr, "QUIZ_RATE_LIMIT=0", "SESSION_RATE_LIMIT=0", "SEARCH_RATE_LIMIT=0")
	app.Stdout, app.Stderr = logFile, logFile
	started := time.Now()
	if err := app.Start(); err != nil {
		return err
	}
	defer func() {
		app.Process.Signal(syscall.SIGTERM)
		app.Wait()
	}()
	appURL := "http://" + appAddr
	if err := waitReady(appURL+"/readyz", 60*time.Second); err != nil {
		return fmt.Errorf("app: %w (log: %s)", err, logFile.Name())
	}
	// From exec to the first 200 from /readyz on an empty database:
	// migrations, the content sync with every occupation, the snapshot.
	startup := time.Since(started)
	fmt.Printf("app pid %d on %s, database %s, ready in %v\n", app.Process.Pid, appURL, dbName, startup.Round(time.Millisecond))

	// The baseline serves the exact bytes of the career page.
	page, err := fetch(appURL + careerPage)
	if err != nil {
		return err
	}
	baseline := &http.Server{Addr: baseAddr, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})}
	go baseline.ListenAndServe()
	defer baseline.Close()
	if err := waitReady("http://"+baseAddr+"/", 10*time.Second); err != nil {
		return err
	}

	pool, err := pgxpool.New(ctx, dbURL)
	if err != nil {
		return err
	}
	defer pool.Close()

	// A session carrying a chosen level, and one stored result to look at.
	// As many sessions as connections, so that the requests in flight
	// read different sessions.
	var levelCookies, progressCookies []string
	for range o.conns {
		c, err := sessionWithLevel(appURL)
		if err != nil {
			return err
		}
		levelCookies = append(levelCookies, c)
		if c, err = sessionWithProgress(appURL); err != nil {
			return err
		}
		progressCookies = append(progressCookies, c)
	}
	sessionsScript := filepath.Join(root, "cmd", "bench", "sessions.lua")
	resultID, err := oneResult(appURL)
	if err != nil {
		return err
	}

	// Two careers' Result Libraries, measured in the same rounds: one with
	// 100 stored results, the other with o.results.
	if err := loadResults(ctx, pool, smallCareer, 100); err != nil {
		return err
	}
	fmt.Printf("loading %d results with COPY\n", o.results-1)
	t0 := time.Now()
	if err := loadResults(ctx, pool, "backend-developer", o.results-1); err != nil { // +1 from oneResult
		return err
	}
	// A table that grew over months has been vacuumed as it grew; one
	// loaded in a minute is vacuumed now, or autovacuum would scan the
	// million rows during the first rounds.
	for _, q := range []string{"vacuum (analyze) quiz_results", "checkpoint"} {
		if _, err := pool.Exec(ctx, q); err != nil {
			return err
		}
	}
	fmt.Printf("loaded in %v\n", time.Since(t0).Round(time.Second))
	lib100 := &row{Name: "Result Library, 100 results", URL: appURL + "/careers/" + smallCareer + "/results", Goal: "reference for the next row"}
	libURL := appURL + "/careers/backend-developer/results"

	base := &row{Name: "Baseline: bare net/http, same bytes", URL: "http://" + baseAddr + "/", baseline: true}
	rows := []*row{
		base,
		lib100,
		{Name: "Career page, no cookie", URL: appURL + careerPage, Goal: ">= 0.60 x baseline"},
		{Name: "Career page, session cookie with a level", URL: appURL + careerPage, script: sessionsScript, args: levelCookies, sessions: true, Goal: ">= 0.35 x baseline"},
		{Name: "Plan page /plan, session with progress", URL: appURL + "/plan", script: sessionsScript, args: progressCookies, sessions: true, Goal: ">= 0.35 x baseline"},
		{Name: "Result page /results/{id}", URL: appURL + "/results/" + resultID, Goal: ">= 0.35 x baseline"},
		{Name: "Occupation page /occupations/{code}", URL: appURL + occupationPage, Goal: ">= 0.60 x baseline"},
		{Name: "Occupation search (typo, answer kept)", URL: appURL + occupationSearch, Goal: "p99 <= 15 ms"},
		{Name: "Occupation search, new query each time", URL: appURL + "/occupations", script: filepath.Join(root, "cmd", "bench", "search.lua"), Goal: ">= 1,500 requests/s and p99 <= 100 ms"},
		{Name: "Result Library, " + strconv.Itoa(o.results) + " results", URL: libURL, Goal: ">= 0.90 x the 100-result run"},
		{Name: "Quiz POST (validate, score, transaction, 303)", URL: appURL + "/careers/backend-developer/quiz", script: filepath.Join(root, "cmd", "bench", "quiz.lua"), Goal: ">= 0.50 x bare INSERT and >= 8,000 requests/s"},
	}
	if o.only != "" {
		kept := rows[:1]
		for _, r := range rows[1:] {
			for _, name := range strings.Split(o.only, ",") {
				if strings.Contains(r.Name, name) || r == lib100 && strings.Contains("Result Library", name) {
					kept = append(kept, r)
					break
				}
			}
		}
		rows = kept
	}
	for _, r := range rows {
		fmt.Println("primer:", r.Name)
		if err := settle(ctx, pool); err != nil {
			return err
		}
		if _, err := runWrk(o.primer, o.conns, r.URL, r.script, r.args); err != nil {
			return fmt.Errorf("%s: %w", r.Name, err)
		}
	}
	var quiz303s, quizRows int64
	for round := 1; round <= o.rounds; round++ {
		for _, r := range rows {
			fmt.Printf("round %d/%d: %s\n", round, o.rounds, r.Name)
			if err := settle(ctx, pool); err != nil {
				return err
			}
			var before int64
			if r.isQuiz() {
				if err := pool.QueryRow(ctx, "select count(*) from quiz_results").Scan(&before); err != nil {
					return err
				}
			}
			m, err := runWrk(o.duration, o.conns, r.URL, r.script, r.args)
			if err != nil {
				return fmt.Errorf("%s: %w", r.Name, err)
			}
			if r.isQuiz() {
				// wrk failed the run on any answer but a 3xx, so every
				// response counted is a 303; each must be a stored row.
				// Requests cut off when wrk stops may be stored unanswered.
				time.Sleep(200 * time.Millisecond)
				var after int64
				if err := pool.QueryRow(ctx, "select count(*) from quiz_results").Scan(&after); err != nil {
					return err
				}
				quiz303s += m.Requests
				quizRows += after - before
				if after-before < m.Requests {
					return fmt.Errorf("%s: %d answers 303 but %d rows stored", r.Name, m.Requests, after-before)
				}
			}
			r.Rounds = append(r.Rounds, m)
		}
	}

	// The quiz rows add rows enough for autovacuum to visit the table
	// while later rows are measured: reported, as it shares the cores.
	var vacuums, analyzes int64
	if err := pool.QueryRow(ctx, `select autovacuum_count, autoanalyze_count from pg_stat_user_tables where relname = 'quiz_results'`).Scan(&vacuums, &analyzes); err != nil {
		return err
	}
	bare, err := bareInserts(ctx, pool, o.insertClients, 10*time.Second)
	if err != nil {
		return err
	}
	rss := peakRSS(app.Process.Pid)

	rep := report{Machine: machine(), Started: start.UTC().Format(time.RFC3339), Results: o.results, PeakRSSMB: rss, RSSGoalMet: rss > 0 && rss <= 150, BareInsertPS: bare,
		StartupMS: float64(startup.Microseconds()) / 1000, StartupMet: startup <= 5*time.Second, Quiz303s: quiz303s, QuizRows: quizRows,
		AutoVacuums: vacuums, AutoAnalyzes: analyzes}
	for _, r := range rows {
		r.Median = median(r.Rounds)
	}
	base.Ratio, base.RatioTo = 1, "baseline"
	for _, r := range rows[1:] {
		switch {
		case r == lib100:
			r.Ratio, r.RatioTo = r.Median.RPS/base.Median.RPS, "baseline"
			r.Met = true // its own goal is the p99 rule below
		case strings.HasPrefix(r.Name, "Result Library"):
			r.Ratio, r.RatioTo = r.Median.RPS/lib100.Median.RPS, "100-result run"
			r.Met = r.Ratio >= 0.9
		case strings.HasPrefix(r.Name, "Occupation search, new query"):
			r.Ratio, r.RatioTo = r.Median.RPS/base.Median.RPS, "baseline"
			r.Met = r.Median.RPS >= 1500 && r.Median.P99ms <= 100
			continue // its own p99 goal
		case strings.HasPrefix(r.Name, "Occupation search"):
			r.Ratio, r.RatioTo = r.Median.RPS/base.Median.RPS, "baseline"
			r.Met = r.Median.P99ms <= 15
		case strings.HasPrefix(r.Name, "Quiz POST"):
			r.Ratio, r.RatioTo = r.Median.RPS/bare, "bare INSERT"
			r.Met = r.Median.RPS >= 8000 && r.Ratio >= 0.5
		default:
			r.Ratio, r.RatioTo = r.Median.RPS/base.Median.RPS, "baseline"
			goal := 0.35
			if !r.sessions && (strings.HasPrefix(r.Name, "Career page") || strings.HasPrefix(r.Name, "Occupation page")) {
				goal = 0.6
			}
			r.Met = r.Ratio >= goal
		}
		if r.Median.P99ms > 25 || r.Median.P99ms > 10*r.Median.P50ms {
			r.Met = false
			r.Goal += "; p99 <= 25 ms and <= 10 x p50"
		}
	}
	rep.Rows = rows
	rep.Seconds = time.Since(start).Seconds()
	printTable(os.Stdout, &rep)
	out := o.out
	if !filepath.IsAbs(out) {
		out = filepath.Join(root, out)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	b, _ := json.MarshalIndent(rep, "", "  ")
	return os.WriteFile(out, append(b, '\n'), 0o644)
}

func printTable(w io.Writer, rep *report) {
	fmt.Fprintf(w, "\ncareerguide bench — %s — %d stored results — %d s\n\n", rep.Machine, rep.Results, int(rep.Seconds))
	fmt.Fprintf(w, "| %-48s | %10s | %8s | %8s | %-28s | %s |\n", "endpoint", "req/s", "p50 ms", "p99 ms", "ratio", "goal")
	fmt.Fprintf(w, "|%s|%s|%s|%s|%s|%s|\n", strings.Repeat("-", 50), strings.Repeat("-", 12), strings.Repeat("-", 10), strings.Repeat("-", 10), strings.Repeat("-", 30), strings.Repeat("-", 8))
	for _, r := range rep.Rows {
		ratio := fmt.Sprintf("%.2f x %s", r.Ratio, r.RatioTo)
		goal := r.Goal
		if r.Goal != "" && r.Ratio != 0 {
			if r.Met {
				goal = "met: " + goal
			} else {
				goal = "MISSED: " + goal
			}
		}
		if r.Ratio == 0 {
			ratio = ""
		}
		fmt.Fprintf(w, "| %-48s | %10.0f | %8.2f | %8.2f | %-28s | %s |\n", r.Name, r.Median.RPS, r.Median.P50ms, r.Median.P99ms, ratio, goal)
	}
	fmt.Fprintf(w, "\nbare INSERT (one row per autocommitted statement, same database): %.0f inserts/s\n", rep.BareInsertPS)
	fmt.Fprintf(w, "quiz POST: %d answers 303, %d rows stored\n", rep.Quiz303s, rep.QuizRows)
	fmt.Fprintf(w, "autovacuum of quiz_results while measuring: %d vacuums, %d analyzes\n", rep.AutoVacuums, rep.AutoAnalyzes)
	fmt.Fprintf(w, "server peak RSS: %.1f MB (goal <= 150 MB: %v)\n", rep.PeakRSSMB, rep.RSSGoalMet)
	fmt.Fprintf(w, "start-up to ready on an empty database: %.0f ms (goal <= 5 s: %v)\n", rep.StartupMS, rep.StartupMet)
}

func median(ms []measurement) measurement {
	if len(ms) == 0 {
		return measurement{}
	}
	s := append([]measurement(nil), ms...)
	sort.Slice(s, func(i, j int) bool { return s[i].RPS < s[j].RPS })
	return s[len(s)/2]
}

// runWrk runs wrk and parses its output; non-2xx/3xx responses or socket
// errors fail the run.
func runWrk(d time.Duration, conns int, target, script string, scriptArgs []string) (measurement, error) {
	reqsRe := regexp.MustCompile(`Requests/sec:\s+([\d.]+)`)
	totalRe := regexp.MustCompile(`(\d+) requests in`)
	latRe := regexp.MustCompile(`(?m)^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$`)
	non2xxRe := regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`)
	socketErr := regexp.MustCompile(`Socket errors: (.*)`)
	args := []string{"-t", "2", "-c", strconv.Itoa(conns), "-d", fmt.Sprintf("%ds", int(d.Seconds())), "--latency", "--timeout", "5s"}
	if script != "" {
		args = append(args, "-s", script)
		u, _ := url.Parse(target) // the quiz POST is same-origin
		args = append(args, "-H", "Origin: "+u.Scheme+"://"+u.Host)
	}
	args = append(args, target)
	if len(scriptArgs) > 0 {
		args = append(append(args, "--"), scriptArgs...)
	}
	out, err := exec.Command("wrk", args...).CombinedOutput()
	if err != nil {
		return measurement{}, fmt.Errorf("wrk: %v\n%s", err, out)
	}
	s := string(out)
	if m := non2xxRe.FindStringSubmatch(s); m != nil {
		return measurement{}, fmt.Errorf("%s non-2xx/3xx responses\n%s", m[1], s)
	}
	if m := socketErr.FindStringSubmatch(s); m != nil {
		return measurement{}, fmt.Errorf("socket errors: %s\n%s", m[1], s)
	}
	var m measurement
	if r := reqsRe.FindStringSubmatch(s); r != nil {
		m.RPS, _ = strconv.ParseFloat(r[1], 64)
	}
	if r := totalRe.FindStringSubmatch(s); r != nil {
		m.Requests, _ = strconv.ParseInt(r[1], 10, 64)
	}
	for _, l := range latRe.FindAllStringSubmatch(s, -1) {
		v, _ := strconv.ParseFloat(l[2], 64)
		switch l[3] {
		case "us":
			v /= 1000
		case "s":
			v *= 1000
		}
		if l[1] == "50" {
			m.P50ms = v
		} else {
			m.P99ms = v
		}
	}
	if m.RPS == 0 {
		return m, fmt.Errorf("could not read wrk output:\n%s", s)
	}
	return m, nil
}

// loadResults COPYs n random results of a career and adds them to its counters.
func loadResults(ctx context.Context, pool *pgxpool.Pool, slug string, n int) error {
	if n <= 0 {
		return nil
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `create temp table bench_results (like quiz_results including defaults) on commit drop`); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	levels := []string{"", "junior", "mid", "senior", "staff", "director"}
	codes := []string{"ICR", "ICE", "IRC", "CIE", "ECS", "AIS", "SEC", "RIC"}
	i := 0
	src := pgx.CopyFromFunc(func() ([]any, error) {
		if i >= n {
			return nil, nil
		}
		i++
		answers := make([]int16, 15)
		for j := range answers {
			answers[j] = int16(1 + rng.IntN(5))
		}
		scores := []float32{1 + 6*rng.Float32(), 1 + 6*rng.Float32(), 1 + 6*rng.Float32(), 1 + 6*rng.Float32(), 1 + 6*rng.Float32(), 1 + 6*rng.Float32()}
		var lvl any
		if l := levels[rng.IntN(len(levels))]; l != "" {
			lvl = l
		}
		id := fmt.Sprintf("b%s%012d%08x", slug[:4], i, rng.Uint32())
		return []any{id, slug, answers, scores, float32(100 * rng.Float64()), codes[rng.IntN(len(codes))], lvl, rng.IntN(101)}, nil
	})
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"bench_results"}, []string{"id", "career_slug", "answers", "scores", "match_pct", "holland", "level_key", "percentile"}, src); err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	for _, sql := range []string{
		`insert into quiz_results select * from bench_results`,
		`insert into result_histogram (career_slug, bucket, shard, results)
		 select career_slug, least(floor(match_pct / ` + strconv.Itoa(quiz.BucketWidth) + `)::int, ` + strconv.Itoa(quiz.Buckets-1) + `), 0, count(*) from bench_results group by 1, 2
		 on conflict (career_slug, bucket, shard) do update set results = result_histogram.results + excluded.results`,
		`insert into result_holland (career_slug, holland, shard, results)
		 select career_slug, holland, 0, count(*) from bench_results group by 1, 2
		 on conflict (career_slug, holland, shard) do update set results = result_holland.results + excluded.results`,
		`insert into result_levels (career_slug, level_key, shard, results, match_sum)
		 select career_slug, coalesce(level_key, ''), 0, count(*), sum(match_pct) from bench_results group by 1, 2
		 on conflict (career_slug, level_key, shard) do update
		 set results = result_levels.results + excluded.results, match_sum = result_levels.match_sum + excluded.match_sum`,
		// As if the results came from many networks: five clients per
		// group, so the Result Library shows its groups of 5 or more.
		`insert into result_group_clients (career_slug, kind, key, client)
		 select g.career_slug, g.kind, g.key, int4send(n)
		 from (
		     select career_slug, 'h' as kind, least(floor(match_pct / ` + strconv.Itoa(quiz.BucketWidth) + `)::int, ` + strconv.Itoa(quiz.Buckets-1) + `)::text as key from bench_results
		     union select career_slug, 'c', holland::text from bench_results
		     union select career_slug, 'l', coalesce(level_key, '') from bench_results
		 ) g cross join generate_series(1, ` + strconv.Itoa(store.MinGroup) + `) n
		 on conflict do nothing`,
		// The site-wide groups too (career slug ''): every code of these
		// results, every occupation and the flat results, so that a
		// submission from wrk's one address finds its groups complete as
		// it would after many networks.
		`insert into result_group_clients (career_slug, kind, key, client)
		 select '', g.kind, g.key, int4send(n)
		 from (
		     select 'c' as kind, holland::text as key from bench_results
		     union select 'o', key from content_documents where kind = 'occupation'
		     union select 'f', ''
		 ) g cross join generate_series(1, ` + strconv.Itoa(store.MinGroup) + `) n
		 on conflict do nothing`,
	} {
		if _, err := tx.Exec(ctx, sql); err != nil {
			return err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	_, err = conn.Exec(ctx, "vacuum analyze quiz_results")
	return err
}

// settle waits, at most 10 s, until no query of the app's runs in
// PostgreSQL, so that a row is not charged with the one before it: when
// wrk stops, the requests it cut off may still hold queries (an
// occupation search's query runs on for whoever waits on it, up to its
// 5 s timeout, even when its requests are gone).
func settle(ctx context.Context, pool *pgxpool.Pool) error {
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var busy int
		err := pool.QueryRow(ctx, `select count(*) from pg_stat_activity
			where datname = current_database() and backend_type = 'client backend'
			and state <> 'idle' and pid <> pg_backend_pid()`).Scan(&busy)
		if err != nil {
			return fmt.Errorf("settle: %w", err)
		}
		if busy == 0 {
			return nil
		}
	}
	return nil
}

// bareInserts is the reference for the quiz POST: conns goroutines each
// inserting one row per autocommitted statement, for d.
func bareInserts(ctx context.Context, pool *pgxpool.Pool, conns int, d time.Duration) (float64, error) {
	if _, err := pool.Exec(ctx, `create table bare_inserts (id bigint generated always as identity primary key, payload text not null, created_at timestamptz not null default now())`); err != nil {
		return 0, err
	}
	cfg := pool.Config().Copy()
	cfg.MaxConns = int32(conns)
	p, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return 0, err
	}
	defer p.Close()
	var n atomic.Int64
	var wg sync.WaitGroup
	deadline := time.Now().Add(d)
	errc := make(chan error, conns)
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				if _, err := p.Exec(ctx, `insert into bare_inserts (payload) values ($1)`, "x"); err != nil {
					errc <- err
					return
				}
				n.Add(1)
			}
		}()
	}
	wg.Wait()
	close(errc)
	if err := <-errc; err != nil {
		return 0, err
	}
	return float64(n.Load()) / d.Seconds(), nil
}

// quizForm is a complete, valid match test (cmd/bench/quiz.lua posts the same).
const quizForm = "r01=5&i01=4&a01=5&s01=2&e01=3&c01=4&r02=1&i02=2&a02=5&s02=3&e02=4&c02=2&r03=1&a03=3&e03=4"

// postForm submits a form as a same-origin browser would, without
// following the redirect.
func postForm(appURL, path, body string) (*http.Response, error) {
	return postFormWith(appURL, path, body, "")
}

// postFormWith posts the form with a session cookie ("name=value"; "" for none).
func postFormWith(appURL, path, body, cookie string) (*http.Response, error) {
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, err := http.NewRequest(http.MethodPost, appURL+path, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", appURL)
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	return resp, nil
}

// sessionWithLevel is a session cookie ("name=value") with the senior level set.
func sessionWithLevel(appURL string) (string, error) {
	resp, err := postForm(appURL, "/careers/backend-developer/level", "level=senior")
	if err != nil {
		return "", err
	}
	for _, ck := range resp.Cookies() {
		if strings.HasSuffix(ck.Name, "session") {
			return ck.Name + "=" + ck.Value, nil
		}
	}
	return "", fmt.Errorf("no session cookie (status %d)", resp.StatusCode)
}

// sessionWithProgress is a session cookie with levels in two guides,
// three skill marks and a pace: the plan page it sees is rendered per
// request.
func sessionWithProgress(appURL string) (string, error) {
	resp, err := postForm(appURL, "/careers/backend-developer/level", "level=junior")
	if err != nil {
		return "", err
	}
	cookie := ""
	for _, ck := range resp.Cookies() {
		if strings.HasSuffix(ck.Name, "session") {
			cookie = ck.Name + "=" + ck.Value
		}
	}
	if cookie == "" {
		return "", fmt.Errorf("no session cookie (status %d)", resp.StatusCode)
	}
	for _, f := range [][2]string{
		{"/careers/full-stack-developer/level", "level=mid"},
		{"/careers/backend-developer/skills/cloud-and-containers/progress", "status=known"},
		{"/careers/backend-developer/skills/security-fundamentals/progress", "status=learning"},
		{"/careers/full-stack-developer/skills/deployment-and-cloud/progress", "status=skip"},
		{"/plan/pace", "hours=8"},
	} {
		resp, err := postFormWith(appURL, f[0], f[1], cookie)
		if err != nil {
			return "", err
		}
		if resp.StatusCode != http.StatusSeeOther {
			return "", fmt.Errorf("POST %s: %d", f[0], resp.StatusCode)
		}
	}
	return cookie, nil
}

// oneResult submits the quiz once and returns the result id.
func oneResult(appURL string) (string, error) {
	resp, err := postForm(appURL, "/careers/backend-developer/quiz", quizForm)
	if err != nil {
		return "", err
	}
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/results/") {
		return "", fmt.Errorf("quiz POST: %d %q", resp.StatusCode, loc)
	}
	return strings.TrimPrefix(loc, "/results/"), nil
}

func fetch(u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("GET %s: %d", u, resp.StatusCode)
	}
	return io.ReadAll(resp.Body)
}

func waitReady(u string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(u); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	return fmt.Errorf("%s not ready after %v", u, limit)
}

func freeAddr() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// peakRSS is the process's high-water resident set (VmHWM) in MB.
func peakRSS(pid int) float64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			return kb / 1024
		}
	}
	return 0
}

func machine() string {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	n := 0
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		n = strings.Count(string(b), "processor\t:")
	}
	return fmt.Sprintf("%d cores, %s", n, cpu)
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", err
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run from inside the careerguide module")
	}
	return filepath.Dir(mod), nil
}

func command(dir, name string, args ...string) *exec.Cmd {
	c := exec.Command(name, args...)
	c.Dir = dir
	return c
}

func dropDatabase(adminURL, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return
	}
	defer conn.Close(ctx)
	conn.Exec(ctx, "drop database if exists "+pgx.Identifier{name}.Sanitize()+" with (force)")
}
