//go:build reliability

package reliability

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"text/template"
	"time"

	"github.com/jackc/pgx/v5"
)

// poolerServerConns is PgBouncer's pool in this run (default_pool_size and
// max_db_connections in pgbouncer.ini): the server connections every
// instance shares.
const poolerServerConns = 8

// testPooler puts four instances through one PgBouncer in transaction
// pooling (pgbouncer.ini beside this file) with 8 server connections, on
// a PostgreSQL of its own. Four migrations start at once through it; then
// for 20 s the instances take match test POSTs, pages read with a session,
// level sets, searches, Result Libraries and readiness checks at 100 a
// second in all, while accounts are signed up on one instance, logged in
// on the next and shown on the third; then 300 quiz POSTs, level sets and
// session pages arrive at the same moment. Every answer must be what a user
// expects (a 503 only as load shedding, with Retry-After), every 303'd
// result stored once and its page found on another instance, PostgreSQL
// must never see more than 8 connections from PgBouncer, and a content
// change synced by a restarted instance must reach the three others
// within 2 s (they LISTEN on DATABASE_DIRECT_URL).
func (s *suite) testPooler(t *testing.T) {
	bouncerBin := findPgBouncer(t)
	f := &figures{Test: "pooler"}
	s.rep.record(t, f)
	db := newDatabase(t)
	// The instances' own connections to PostgreSQL (migrations, LISTEN)
	// are named, so that those through PgBouncer can be counted apart.
	direct := db.url + "&application_name=careerguide-direct"
	pooler := startPgBouncer(t, bouncerBin, db.url)

	// Four instances' migrations at once, through the pooler's settings.
	migrateEnv := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "TMPDIR=" + os.TempDir(),
		"DATABASE_URL=" + pooler, "DATABASE_DIRECT_URL=" + direct, "DATA_DIR=" + filepath.Join(t.TempDir(), "data")}
	var mwg sync.WaitGroup
	migrateOut := make([][]byte, 4)
	migrateErr := make([]error, 4)
	for i := range 4 {
		mwg.Add(1)
		go func() {
			defer mwg.Done()
			cmd := exec.Command(s.bin, "migrate")
			cmd.Env = migrateEnv
			migrateOut[i], migrateErr[i] = cmd.CombinedOutput()
		}()
	}
	mwg.Wait()
	for i, err := range migrateErr {
		if err != nil {
			t.Fatalf("migrate %d of 4 at once: %v\n%s", i+1, err, migrateOut[i])
		}
	}
	sqlFiles, _ := filepath.Glob(filepath.Join(s.root, "migrations", "*.sql"))
	if v := db.count(t, "select version from schema_version"); v != int64(len(sqlFiles)) {
		t.Fatalf("schema version %d after 4 migrations at once, want %d", v, len(sqlFiles))
	}

	dir := copyContent(t, s.root)
	env := map[string]string{
		"DATABASE_URL": pooler, "DATABASE_DIRECT_URL": direct, "CONTENT_DIR": dir,
		// Sign-ups come from many addresses through this trusted proxy;
		// the rest from one address, so those limits would decide.
		"TRUSTED_PROXIES": "127.0.0.1/32", "SESSION_RATE_LIMIT": "0", "SEARCH_RATE_LIMIT": "0",
		// Nothing balances load here: no need to keep serving after SIGTERM.
		"DRAIN_DELAY": "0s",
	}
	names := []string{"A", "B", "C", "D"}
	ins := make([]*instance, len(names))
	for i, n := range names {
		ins[i] = s.start(t, n, db, startOpts{env: env})
	}
	for _, in := range ins {
		in.waitReady(30 * time.Second)
	}

	conns := sampleConns(t, db.pg.AdminURL, pooler)

	// Sessions with a level, each started on one instance and read on all.
	levels := []struct{ key, title string }{{"junior", "Junior Backend Developer"}, {"mid", "Backend Developer"},
		{"senior", "Senior Backend Developer"}, {"staff", "Staff Backend Developer"}}
	type session struct {
		c     *http.Client
		title string
	}
	var sessions []session
	for j := range 8 {
		c := newClient(newJar(t))
		l := levels[j%len(levels)]
		f.Requests++
		if r := do(c, postForm(ins[j%4].base, career+"/level", url.Values{"level": {l.key}})); r.status != http.StatusSeeOther {
			t.Fatalf("setting a level on %s: %d %v", ins[j%4].name, r.status, r.err)
		}
		sessions = append(sessions, session{c, l.title})
	}

	var mu sync.Mutex
	var failures, shed int
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		failures++
		if failures <= 10 {
			t.Errorf(format, args...)
		}
	}

	// Accounts, alongside the load: sign up on one instance, log in on
	// the next, see the account on the third.
	const accounts = 24
	accountsDone := make(chan struct{})
	var accountReqs, accountsOK int
	go func() {
		defer close(accountsDone)
		for k := range accounts {
			email := fmt.Sprintf("pooled-%d@example.com", k)
			pw := "a long enough password " + strconv.Itoa(k)
			// send sends mk's request until it is answered otherwise than
			// 503 with Retry-After (load shedding: hashing busy), at most
			// 6 times.
			send := func(c *http.Client, mk func() *http.Request, want int) (response, bool) {
				for try := 0; ; try++ {
					r := do(c, mk())
					mu.Lock()
					accountReqs++
					mu.Unlock()
					if r.status == http.StatusServiceUnavailable && r.retryAfter != "" && try < 5 {
						mu.Lock()
						shed++
						mu.Unlock()
						time.Sleep(time.Second)
						continue
					}
					return r, r.status == want
				}
			}
			c := newClient(newJar(t))
			if r, ok := send(c, func() *http.Request {
				req := postForm(ins[k%4].base, "/signup", url.Values{"email": {email}, "password": {pw}})
				req.Header.Set("X-Forwarded-For", fmt.Sprintf("10.9.%d.1", k))
				return req
			}, http.StatusSeeOther); !ok {
				fail("sign-up %d on %s: %d %v", k, ins[k%4].name, r.status, r.err)
				continue
			}
			lc := newClient(newJar(t))
			if r, ok := send(lc, func() *http.Request {
				return postForm(ins[(k+1)%4].base, "/login", url.Values{"email": {email}, "password": {pw}})
			}, http.StatusSeeOther); !ok {
				fail("login %d on %s: %d %v", k, ins[(k+1)%4].name, r.status, r.err)
				continue
			}
			if r, ok := send(lc, func() *http.Request { return get(ins[(k+2)%4].base + "/account") }, http.StatusOK); !ok || !strings.Contains(r.body, email) {
				fail("account %d on %s: %d, shows the email: %v", k, ins[(k+2)%4].name, r.status, strings.Contains(r.body, email))
				continue
			}
			mu.Lock()
			accountsOK++
			mu.Unlock()
		}
	}()

	// The load.
	anon := newClient(nil)
	words := []string{"nurse", "teach", "engineer", "manager", "analyst", "develop", "sales", "operator", "technician", "design", "scien", "clerk"}
	kinds := map[string]int{}
	var ids []string
	l := load{rate: 100, duration: 20 * time.Second, workers: 32, next: func(i int) shot {
		base := ins[i%4].base
		switch k := i % 20; {
		case k < 8:
			return shot{"quiz", anon, postForm(base, career+"/quiz", quizForm(variedAnswers(i)))}
		case k < 11:
			j := i % len(sessions)
			return shot{"session/" + strconv.Itoa(j), sessions[j].c, get(base + career + "/path")}
		case k < 13:
			return shot{"level", anon, postForm(base, career+"/level", url.Values{"level": {levels[i%len(levels)].key}})}
		case k < 16:
			q := words[i%len(words)] + " " + words[(i/7)%len(words)][:3+i%3]
			return shot{"search", anon, get(base + "/occupations?q=" + url.QueryEscape(q))}
		case k < 17:
			return shot{"library", anon, get(base + "/results/library")}
		case k < 18:
			return shot{"library", anon, get(base + career + "/results")}
		default:
			return shot{"readyz", anon, get(base + "/readyz")}
		}
	}}
	check := func(outs []outcome) {
		for _, o := range outs {
			kind, j, _ := strings.Cut(o.kind, "/")
			kinds[kind]++
			want := http.StatusOK
			if kind == "quiz" || kind == "level" {
				want = http.StatusSeeOther
			}
			switch {
			case o.err != nil:
				fail("%s: %v", kind, o.err)
			case o.status == http.StatusServiceUnavailable && o.retryAfter != "":
				mu.Lock()
				shed++
				mu.Unlock()
			case o.status != want:
				fail("%s: %d, want %d", kind, o.status, want)
			case kind == "quiz":
				if id := resultID(o.location); id == "" {
					fail("quiz: 303 to %q", o.location)
				} else {
					ids = append(ids, id)
				}
			case kind == "session":
				n, _ := strconv.Atoi(j)
				if !youAreHere(o.body, sessions[n].title) {
					fail("a page read with session %d does not mark its level %s", n, sessions[n].title)
				}
			}
		}
	}
	outs, _ := l.run()
	check(outs)
	steadyP99 := percentile(outs, 99)
	<-accountsDone

	// A burst: 300 requests at the same moment, far more than PgBouncer's
	// 8 server connections, so clients wait for them.
	var burst []outcome
	var bwg sync.WaitGroup
	gate := make(chan struct{})
	for i := range 300 {
		var sh shot
		base := ins[i%4].base
		switch i % 3 {
		case 0:
			sh = shot{"quiz", anon, postForm(base, career+"/quiz", quizForm(variedAnswers(10000+i)))}
		case 1:
			sh = shot{"level", anon, postForm(base, career+"/level", url.Values{"level": {levels[i%len(levels)].key}})}
		default:
			j := i % len(sessions)
			sh = shot{"session/" + strconv.Itoa(j), sessions[j].c, get(base + career + "/path")}
		}
		bwg.Add(1)
		go func() {
			defer bwg.Done()
			<-gate
			r := do(sh.client, sh.req)
			mu.Lock()
			burst = append(burst, outcome{kind: sh.kind, response: r})
			mu.Unlock()
		}()
	}
	close(gate)
	bwg.Wait()
	maxServer, maxClients, maxWaiting := conns.stop()
	outs = append(outs, burst...)
	check(burst)
	f.Requests += len(outs) + accountReqs

	// Every 303'd result is stored once and its page is found on another
	// instance.
	stored := db.count(t, "select count(*) from quiz_results where id = any($1)", ids)
	unique := map[string]bool{}
	for _, id := range ids {
		unique[id] = true
	}
	f.Lost = len(ids) - int(stored)
	if f.Lost != 0 || len(unique) != len(ids) {
		t.Errorf("%d results answered 303 (%d distinct ids), %d of them stored", len(ids), len(unique), stored)
	}
	var pwg sync.WaitGroup
	work := make(chan int)
	var notFound int
	for range 8 {
		pwg.Add(1)
		go func() {
			defer pwg.Done()
			c := newClient(nil)
			for k := range work {
				r := do(c, get(ins[(k+1)%4].base+"/results/"+ids[k]))
				if r.status != http.StatusOK {
					mu.Lock()
					notFound++
					mu.Unlock()
					fail("result %s on %s: %d %v", ids[k], ins[(k+1)%4].name, r.status, r.err)
				}
			}
		}()
	}
	for k := range ids {
		work <- k
	}
	close(work)
	pwg.Wait()
	f.Requests += len(ids)

	if maxServer > poolerServerConns {
		fail("PostgreSQL saw %d connections from PgBouncer at once, want at most %d", maxServer, poolerServerConns)
	}
	if maxServer == 0 {
		fail("PostgreSQL saw no connection from PgBouncer: the sampler counts nothing")
	}
	if maxClients <= poolerServerConns {
		fail("at most %d instance connections were open through PgBouncer at once: no more than its %d server connections, so the pooling went untested", maxClients, poolerServerConns)
	}
	if accountsOK != accounts {
		t.Errorf("%d of %d accounts signed up, logged in and shown", accountsOK, accounts)
	}

	// A content change synced by a restarted A reaches B, C and D.
	tagline := fmt.Sprintf("Pooled tagline %d", time.Now().UnixNano())
	setTagline(t, dir, tagline)
	if code, _ := ins[0].stop(30 * time.Second); code != 0 {
		t.Errorf("A exited with %d", code)
	}
	a2 := s.start(t, "A-restarted", db, startOpts{port: ins[0].port, env: env})
	ready := a2.waitReady(30 * time.Second)
	var lag time.Duration
	for _, in := range ins[1:] {
		seen := false
		for !seen && time.Since(ready) < 2*time.Second {
			f.Requests++
			r := do(anon, get(in.base+career))
			seen = strings.Contains(r.body, tagline)
			if !seen {
				time.Sleep(25 * time.Millisecond)
			}
		}
		if !seen {
			fail("%s does not show the new tagline 2 s after the restarted A is ready", in.name)
		}
		lag = max(lag, time.Since(ready))
	}

	var errorLines int
	for _, in := range append(ins, a2) {
		for _, line := range strings.Split(in.log(), "\n") {
			if strings.Contains(line, "level=ERROR") || strings.Contains(line, "prepared statement") {
				errorLines++
				if errorLines <= 5 {
					t.Errorf("%s: %s", in.name, line)
				}
			}
		}
	}
	f.Failures = failures
	f.add("instances", len(ins))
	f.add("by_kind", counts(kinds))
	f.add("results_303", len(ids))
	f.add("results_stored", stored)
	f.add("result_pages_not_found", notFound)
	f.add("accounts", fmt.Sprintf("%d/%d", accountsOK, accounts))
	f.add("shed_503", shed)
	f.add("p99", steadyP99.Round(100*time.Microsecond))
	f.add("burst", len(burst))
	f.add("burst_p99", percentile(burst, 99).Round(100*time.Microsecond))
	f.add("server_conns_max", maxServer)
	f.add("pgbouncer_clients_max", maxClients)
	f.add("pgbouncer_waiting_max", maxWaiting)
	f.add("new_content_on_all_after", lag.Round(time.Millisecond))
	f.add("error_lines", errorLines)
}

// findPgBouncer is the pgbouncer binary; the test is skipped without one,
// except on CI.
func findPgBouncer(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("pgbouncer"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/sbin/pgbouncer"); err == nil {
		return "/usr/sbin/pgbouncer"
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("pgbouncer is required on CI (the Debian package pgbouncer)")
	}
	t.Skip("pgbouncer is not installed")
	return ""
}

// startPgBouncer runs PgBouncer in the foreground with pgbouncer.ini filled
// in for a free port in front of the database of serverURL, its files in a
// temporary directory, until the end of the test. It returns the
// connection string through it, once it answers.
func startPgBouncer(t *testing.T, bin, serverURL string) string {
	t.Helper()
	server, err := pgx.ParseConfig(serverURL)
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "careerguide-pgbouncer-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	// PgBouncer refuses to run as root: it then runs as the user the
	// test's PostgreSQL runs as, and must write its log and pid there.
	var args []string
	if os.Geteuid() == 0 {
		name := "postgres"
		if _, err := user.Lookup(name); err != nil {
			name = "nobody"
		}
		args = append(args, "-u", name)
		if err := os.Chmod(dir, 0o777); err != nil {
			t.Fatal(err)
		}
	}
	port := freePort(t)
	tmpl, err := template.ParseFiles("pgbouncer.ini")
	if err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "pgbouncer.ini")
	out, err := os.Create(conf)
	if err != nil {
		t.Fatal(err)
	}
	err = tmpl.Execute(out, map[string]any{
		"Dir": dir, "ListenHost": "127.0.0.1", "ListenPort": port,
		"ServerHost": server.Host, "ServerPort": server.Port, "Database": server.Database, "User": server.User,
	})
	out.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "userlist.txt"), fmt.Appendf(nil, "%q \"\"\n", server.User), 0o644); err != nil {
		t.Fatal(err)
	}
	u := url.URL{Scheme: "postgres", User: url.User(server.User), Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)),
		Path: "/" + server.Database, RawQuery: "sslmode=disable"}
	poolerURL := u.String()
	runDaemon(t, "pgbouncer", exec.Command(bin, append(args, conf)...), dir, syscall.SIGTERM, "pgbouncer.log", func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, poolerURL+"&default_query_exec_mode=simple_protocol")
		if err != nil {
			return err
		}
		defer conn.Close(ctx)
		return conn.Ping(ctx)
	})
	return poolerURL
}

// connSampler counts, every 50 ms, PostgreSQL's connections from PgBouncer
// (to the database, not named careerguide-direct) and PgBouncer's clients
// and waiting clients (SHOW POOLS), keeping the most of each.
type connSampler struct {
	stopCh                          chan struct{}
	done                            chan struct{}
	maxServer, maxClients, maxWaits int
}

func sampleConns(t *testing.T, adminURL, poolerURL string) *connSampler {
	t.Helper()
	ctx := context.Background()
	pg, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		t.Fatal(err)
	}
	pu, err := url.Parse(poolerURL)
	if err != nil {
		t.Fatal(err)
	}
	database := strings.TrimPrefix(pu.Path, "/")
	pu.Path = "/pgbouncer"
	pu.RawQuery = "sslmode=disable&default_query_exec_mode=simple_protocol"
	admin, err := pgx.Connect(ctx, pu.String())
	if err != nil {
		pg.Close(ctx)
		t.Fatalf("PgBouncer's admin console: %v", err)
	}
	cs := &connSampler{stopCh: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(cs.done)
		defer pg.Close(ctx)
		defer admin.Close(ctx)
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			var n int
			if err := pg.QueryRow(ctx, `select count(*) from pg_stat_activity where datname = $1
				and backend_type = 'client backend' and application_name is distinct from 'careerguide-direct'`, database).Scan(&n); err == nil {
				cs.maxServer = max(cs.maxServer, n)
			}
			if rows, err := admin.Query(ctx, "SHOW POOLS"); err == nil {
				for rows.Next() {
					vals, _ := rows.Values()
					row := map[string]int{}
					db := ""
					for i, fd := range rows.FieldDescriptions() {
						switch v := vals[i].(type) {
						case string:
							if fd.Name == "database" {
								db = v
							}
							n, _ := strconv.Atoi(v)
							row[fd.Name] = n
						case int64:
							row[fd.Name] = int(v)
						case int32:
							row[fd.Name] = int(v)
						}
					}
					if db == database {
						cs.maxClients = max(cs.maxClients, row["cl_active"]+row["cl_waiting"])
						cs.maxWaits = max(cs.maxWaits, row["cl_waiting"])
					}
				}
				rows.Close()
			}
			select {
			case <-cs.stopCh:
				return
			case <-tick.C:
			}
		}
	}()
	return cs
}

// stop ends the sampling and returns the most server connections,
// PgBouncer clients and waiting clients seen at once.
func (cs *connSampler) stop() (server, clients, waiting int) {
	close(cs.stopCh)
	<-cs.done
	return cs.maxServer, cs.maxClients, cs.maxWaits
}
