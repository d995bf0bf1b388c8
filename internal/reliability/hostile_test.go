//go:build reliability

package reliability

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// probes are what must keep answering while one client attacks: the
// readiness probe, a page that reads a session, and a match test POST.
type probes struct {
	base    string
	session *http.Client // holds a session cookie
	plain   *http.Client
}

func newProbes(t *testing.T, base string) *probes {
	t.Helper()
	p := &probes{base: base, session: newClient(newJar(t)), plain: newClient(nil)}
	form := url.Values{"level": {"junior"}}
	if r := do(p.session, postForm(base, "/careers/backend-developer/level", form)); r.status != http.StatusSeeOther {
		t.Fatalf("set a level: %d %v", r.status, r.err)
	}
	return p
}

// round sends each probe once, in turn, and returns their outcomes.
func (p *probes) round(i int) []outcome {
	quiz := postForm(p.base, "/careers/backend-developer/quiz", quizForm(variedAnswers(i)))
	var outs []outcome
	for _, s := range []shot{
		{"readyz", p.plain, get(p.base + "/readyz")},
		{"session", p.session, get(p.base + "/plan")},
		{"quiz", p.plain, quiz},
	} {
		outs = append(outs, outcome{kind: s.kind, response: do(s.client, s.req)})
	}
	return outs
}

// run probes every interval for d and returns the outcomes by kind.
func (p *probes) run(d, interval time.Duration) map[string][]outcome {
	by := map[string][]outcome{}
	end := time.Now().Add(d)
	for i := 0; time.Now().Before(end); i++ {
		next := time.Now().Add(interval)
		for _, o := range p.round(i) {
			by[o.kind] = append(by[o.kind], o)
		}
		time.Sleep(time.Until(next))
	}
	return by
}

// stormFragments are three-letter pieces common in job titles: each
// shares trigrams with thousands of names.
var stormFragments = strings.Fields("ana eng man sys dat ter ion ent ist ger ing ate ant ers pro con tec ser ope ins tra adm sal mar off")

// stormRate is the crafted searches a second of the search storm: the
// rate of the attack it reproduces.
const stormRate = 20

// stormSlack is how far above its quiet p99 a probe's p99 may rise during
// the search storm when that is more than twice it. At 5 ms, one CI run in
// several failed on the quiz POST alone (3.57 ms quiet, 9.15 ms storm; the
// other probes within 2x).
const stormSlack = 10 * time.Millisecond

// testSearchStorm: one client sends crafted occupation searches (six
// common fragments, reshuffled each time, so never answered from memory)
// at stormRate a second for 30 s, each connection closed after 50 ms,
// through a trusted proxy with a new client network each time (so the
// per-network search limit does not decide; the search's cost and its
// cap on the CPUs it may use must). Meanwhile /readyz, a page with a session and a
// match test POST must stay within twice their quiet p99 (or stormSlack
// above it, when that is more: a quiet p99 of a few milliseconds is noise),
// quiet being 8 s before the storm and 8 s after it.
func (s *suite) testSearchStorm(t *testing.T) {
	f := &figures{Test: "searchstorm"}
	s.rep.record(t, f)
	db := newDatabase(t)
	app := s.start(t, "app", db, startOpts{env: map[string]string{"TRUSTED_PROXIES": "127.0.0.1/32"}})
	app.waitReady(30 * time.Second)
	p := newProbes(t, app.base)
	p.run(2*time.Second, 50*time.Millisecond) // warm-up
	// A settled database, as it is an hour after a deploy: the content
	// import's tables vacuumed and analysed and its WAL checkpointed, so
	// that autovacuum or a checkpoint landing in one window does not
	// decide the comparison. Autovacuum and analyse runs during the
	// measured windows are counted below.
	db.exec(t, "VACUUM (ANALYZE)")
	db.exec(t, "CHECKPOINT")
	autoRuns := func() int64 {
		return db.count(t, "SELECT coalesce(sum(autovacuum_count + autoanalyze_count), 0)::bigint FROM pg_stat_all_tables")
	}
	autoBefore := autoRuns()
	// The quiet p99 pools a window before the storm and one after it,
	// so that a slow spell of the machine counts on both sides.
	quiet := p.run(8*time.Second, 50*time.Millisecond)

	ctx, stop := context.WithCancel(context.Background())
	var sent, answered, cut atomic.Int64
	statuses := sync.Map{}
	var wg sync.WaitGroup
	jobs := make(chan int)
	go func() {
		tick := time.NewTicker(time.Second / stormRate)
		defer tick.Stop()
		defer close(jobs)
		for i := 0; ; i++ {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				select {
				case jobs <- i:
				default: // every worker busy: the attack does not queue
				}
			}
		}
	}()
	// One client for the storm, each request on a connection of its own
	// that ends with it, as the attack's did: not a client and a transport
	// each time, whose making and garbage in this process would be
	// measured as the server's.
	attacker := newClient(nil)
	attacker.Transport = &http.Transport{DisableKeepAlives: true}
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			for i := range jobs {
				words := make([]string, len(stormFragments))
				copy(words, stormFragments)
				rng.Shuffle(len(words), func(a, b int) { words[a], words[b] = words[b], words[a] })
				req := get(app.base + "/occupations?q=" + url.QueryEscape(strings.Join(words[:6], " ")))
				req.Header.Set("X-Forwarded-For", fmt.Sprintf("10.%d.%d.%d", w, (i/250)%250, 1+i%250))
				rctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
				r := do(attacker, req.WithContext(rctx))
				cancel()
				sent.Add(1)
				if r.err != nil {
					cut.Add(1)
					continue
				}
				answered.Add(1)
				n, _ := statuses.LoadOrStore(r.status, new(atomic.Int64))
				n.(*atomic.Int64).Add(1)
			}
		}()
	}
	time.Sleep(2 * time.Second) // the storm under way
	storm := p.run(28*time.Second, 50*time.Millisecond)
	stop()
	wg.Wait()
	time.Sleep(time.Second) // the storm's last requests are done
	after := p.run(8*time.Second, 50*time.Millisecond)
	for kind, outs := range after {
		// How far two quiet windows differ is the machine's own noise.
		f.add(kind+"_p99_quiet_before", percentile(quiet[kind], 99).Round(10*time.Microsecond))
		f.add(kind+"_p99_quiet_after", percentile(outs, 99).Round(10*time.Microsecond))
		quiet[kind] = append(quiet[kind], outs...)
	}
	f.add("autovacuum_runs_while_measured", autoRuns()-autoBefore)

	for _, kind := range []string{"readyz", "session", "quiz"} {
		q, st := percentile(quiet[kind], 99), percentile(storm[kind], 99)
		f.Requests += len(quiet[kind]) + len(storm[kind])
		for _, o := range append(quiet[kind], storm[kind]...) {
			if o.err != nil || o.status >= 500 {
				f.Failures++
				if f.Failures <= 5 {
					t.Errorf("%s: %d %v", kind, o.status, o.err)
				}
			}
		}
		f.add(kind+"_p99_quiet", q.Round(10*time.Microsecond))
		f.add(kind+"_p99_storm", st.Round(10*time.Microsecond))
		// Twice the quiet p99, or up to stormSlack above it: a quiet p99
		// of a few milliseconds is scheduling noise on two cores that the
		// storm's requests share with the probes (and the quiz POST waits
		// for a WAL flush besides). The attack this run reproduces took
		// seconds and answered 503.
		if st > max(2*q, q+stormSlack) {
			t.Errorf("%s p99 %v during the storm, quiet %v: want at most twice, or %v more", kind, st, q, stormSlack)
		}
	}
	tally := map[int]int{}
	statuses.Range(func(k, v any) bool { tally[k.(int)] = int(v.(*atomic.Int64).Load()); return true })
	f.add("searches_sent", sent.Load())
	f.add("searches_answered", answered.Load())
	f.add("searches_cut_at_50ms", cut.Load())
	f.add("search_statuses", counts(tally))
	log := app.log()
	f.add("warn_lines", strings.Count(log, "level=WARN"))
	f.add("error_lines", strings.Count(log, "level=ERROR"))
	if n := strings.Count(log, "level=ERROR"); n > 0 {
		t.Errorf("%d ERROR lines during the storm", n)
	}
}

// maxIdleStormRSS is the most memory the process may reach while 10,000
// idle connections are opened.
const maxIdleStormRSS = 250 << 10 // KiB

// testIdleConnections opens 10,000 keep-alive connections (from 40
// loopback addresses, 250 each), each sending one GET /livez and then
// idling, while a page and /readyz are fetched every 200 ms from another
// address: they must keep answering, the peak RSS stay at most 250 MB,
// and the memory fall back once the connections close.
func (s *suite) testIdleConnections(t *testing.T) {
	f := &figures{Test: "idleconns"}
	s.rep.record(t, f)
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err == nil && lim.Cur < 12000 {
		lim.Cur = min(lim.Max, 20000)
		syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)
		syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim)
	}
	if lim.Cur < 11000 {
		t.Skipf("open files limit %d: 10,000 connections need more", lim.Cur)
	}
	db := newDatabase(t)
	app := s.start(t, "app", db, startOpts{})
	app.waitReady(30 * time.Second)
	addr := strings.TrimPrefix(app.base, "http://")
	rssBefore, _, _ := app.procStatus()

	ctx, stop := context.WithCancel(context.Background())
	var pageOK, pageFail atomic.Int64
	var pageLat []time.Duration
	var latMu sync.Mutex
	pagesDone := make(chan struct{})
	go func() {
		defer close(pagesDone)
		c := newClient(nil)
		for i := 0; ctx.Err() == nil; i++ {
			path := []string{"/", "/readyz", "/careers/backend-developer"}[i%3]
			r := do(c, get(app.base+path))
			if r.err != nil || r.status != http.StatusOK {
				if pageFail.Add(1) <= 5 {
					t.Errorf("GET %s during the storm: %d %v", path, r.status, r.err)
				}
			} else {
				pageOK.Add(1)
				latMu.Lock()
				pageLat = append(pageLat, r.latency)
				latMu.Unlock()
			}
			time.Sleep(200 * time.Millisecond)
		}
	}()

	const conns, sources = 10000, 40
	var mu sync.Mutex
	var open []net.Conn
	var answered, refused atomic.Int64
	peak := int64(0)
	jobs := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				d := net.Dialer{Timeout: 5 * time.Second, LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 1, byte(1+i%sources))}}
				c, err := d.Dial("tcp", addr)
				if err != nil {
					refused.Add(1)
					continue
				}
				mu.Lock()
				open = append(open, c)
				mu.Unlock()
				c.SetDeadline(time.Now().Add(5 * time.Second))
				io.WriteString(c, "GET /livez HTTP/1.1\r\nHost: x\r\n\r\n")
				if resp, err := http.ReadResponse(bufio.NewReader(c), nil); err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					answered.Add(1)
				}
				c.SetDeadline(time.Time{})
			}
		}()
	}
	for i := range conns {
		jobs <- i
		if i%500 == 0 {
			if rss, _, err := app.procStatus(); err == nil {
				peak = max(peak, rss)
			}
		}
	}
	close(jobs)
	wg.Wait()
	opened := time.Since(start)
	time.Sleep(3 * time.Second) // idle, all of them
	fds := app.openFDs()
	stop()
	<-pagesDone
	hwm := app.peakRSS(t)
	for _, c := range open {
		c.Close()
	}
	// The memory falls back once the connections are gone.
	var rssAfter int64
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(time.Second)
		rssAfter, _, _ = app.procStatus()
		if rssAfter*10 < hwm*7 {
			break
		}
	}
	f.Requests = int(answered.Load() + pageOK.Load() + pageFail.Load())
	f.Failures = int(pageFail.Load())
	var pageMax time.Duration
	for _, l := range pageLat {
		pageMax = max(pageMax, l)
	}
	f.add("connections", conns)
	f.add("livez_answered", answered.Load())
	f.add("dial_failed", refused.Load())
	f.add("opened_in", opened.Round(time.Millisecond))
	f.add("server_fds_idle", fds)
	f.add("pages_ok", pageOK.Load())
	f.add("page_max", pageMax.Round(time.Millisecond))
	f.add("rss_before_mib", rssBefore>>10)
	f.add("rss_peak_mib", hwm>>10)
	f.add("rss_after_mib", rssAfter>>10)
	if pageOK.Load() == 0 {
		t.Error("no page answered during the storm")
	}
	if hwm > maxIdleStormRSS {
		t.Errorf("peak RSS %d MiB, want at most %d MiB", hwm>>10, maxIdleStormRSS>>10)
	}
	if rssAfter*10 >= hwm*7 {
		t.Errorf("RSS %d MiB 20 s after the connections closed, peak %d MiB: want it to fall back", rssAfter>>10, hwm>>10)
	}
	_ = peak
}
