//go:build reliability

package reliability

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"careerguide/internal/pglocal"
	"careerguide/internal/testdb"

	"github.com/jackc/pgx/v5"
)

// Timeline of the standby run, from the start of the load.
const (
	standbyRun     = 30 * time.Second
	standbyCrashAt = 6 * time.Second
	standbyBackAt  = 14 * time.Second
	standbyMaxLag  = 2 * time.Second
)

// searchWords make the run's searches: two of them, in turn, a query the
// finder has not answered yet.
var searchWords = []string{"data", "nurse", "engineer", "manager", "sales", "teacher", "driver", "analyst",
	"technician", "designer", "software", "clerk", "mechanic", "chef", "pilot", "lawyer", "accountant",
	"electrician", "plumber", "developer", "security", "network", "medical", "marketing", "writer"}

// testStandby runs one instance reading from a real streaming standby
// (pg_basebackup of its own cluster, READ_MAX_LAG 2 s) under steady load
// for 30 s: people take the match test and open their result right
// after its 303, strangers open those results, search for occupations
// (each query new), read the Result Library and its open data. The
// standby is crashed (pg_ctl stop -m immediate) at 6 s and started again
// at 14 s. No request may fail, every result page must be found right
// after its 303, every 303 must be stored once, /readyz answers 200
// throughout and says reads moved to the primary and back; the standby
// must have served reads before the crash and after its return.
func (s *suite) testStandby(t *testing.T) {
	f := &figures{Test: "standby"}
	s.rep.record(t, f)
	db := newDatabase(t)
	standby := testdb.Standby(t, db.pg)
	readURL, err := pglocal.WithDatabase(standby.URL, "careerguide")
	if err != nil {
		t.Fatal(err)
	}
	app := s.start(t, "app", db, startOpts{env: map[string]string{
		"DATABASE_READ_URL": readURL, "READ_MAX_LAG": standbyMaxLag.String(),
		"SEARCH_RATE_LIMIT": "0", "SESSION_RATE_LIMIT": "0",
	}})
	app.waitReady(30 * time.Second)
	waitReadsOn(t, app, "standby", 15*time.Second)

	var (
		mu       sync.Mutex
		seen     = map[string]int{}
		ids      []string
		requests atomic.Int64
		statuses = map[string]int{}
	)
	failed := func(kind, format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		f.Failures++
		if seen[kind]++; seen[kind] <= 3 {
			t.Errorf(kind+": "+format, args...)
		}
	}
	check := func(kind string, c *http.Client, req *http.Request, want int, text string) response {
		requests.Add(1)
		r := do(c, req)
		mu.Lock()
		statuses[fmt.Sprintf("%s_%d", kind, r.status)]++
		mu.Unlock()
		switch {
		case r.err != nil:
			failed(kind, "%v", r.err)
		case r.status != want:
			failed(kind, "%s: status %d, want %d", req.URL.RequestURI(), r.status, want)
		case text != "" && !strings.Contains(r.body, text):
			failed(kind, "%s: no %q in the answer", req.URL.RequestURI(), text)
		}
		return r
	}

	// /readyz every 100 ms: always 200, and where reads go.
	type sample struct {
		at    time.Duration
		reads string
	}
	var samples []sample
	start := time.Now()
	stopPolling := make(chan struct{})
	polled := make(chan struct{})
	go func() {
		defer close(polled)
		c := newClient(nil)
		for {
			select {
			case <-stopPolling:
				return
			case <-time.After(100 * time.Millisecond):
			}
			r := check("readyz", c, get(app.base+"/readyz"), http.StatusOK, "reads: ")
			_, line, _ := strings.Cut(r.body, "reads: ")
			samples = append(samples, sample{time.Since(start), strings.TrimSpace(line)})
		}
	}()

	// Eight people, each a loop of a journey a second or so: 6 requests.
	const people = 8
	var searches atomic.Int64
	var wg sync.WaitGroup
	for p := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			me, stranger := newClient(newJar(t)), newClient(nil)
			for i := 0; time.Since(start) < standbyRun; i++ {
				began := time.Now()
				r := check("quiz", me, postForm(app.base, career+"/quiz", quizForm(variedAnswers(p*1000+i))), http.StatusSeeOther, "")
				if id := resultID(r.location); r.status == http.StatusSeeOther && id != "" {
					mu.Lock()
					ids = append(ids, id)
					mu.Unlock()
					check("own result", me, get(app.base+r.location), http.StatusOK, "Match test result from Backend Developer")
					check("stranger's result", stranger, get(app.base+r.location), http.StatusOK, "Match test result from Backend Developer")
				} else if r.status == http.StatusSeeOther {
					failed("quiz", "303 to %q", r.location)
				}
				n := int(searches.Add(1))
				q := searchWords[n%len(searchWords)] + " " + searchWords[(n/len(searchWords)+n)%len(searchWords)]
				check("search", stranger, get(app.base+"/occupations?q="+strings.ReplaceAll(q, " ", "+")), http.StatusOK, "")
				check("library", stranger, get(app.base+career+"/results"), http.StatusOK, "Result Library")
				check("open data", stranger, get(app.base+"/results/library.json"), http.StatusOK, `"rows"`)
				time.Sleep(time.Second - time.Since(began))
			}
		}()
	}

	// The standby's own count of transactions in the database: it served
	// reads when it grows by more than the run's checks (one a second).
	standbyXacts := func() int64 {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, standby.AdminURL)
		if err != nil {
			t.Errorf("standby's counters: %v", err)
			return 0
		}
		defer conn.Close(ctx)
		var n int64
		if err := conn.QueryRow(ctx, "select xact_commit from pg_stat_database where datname = 'careerguide'").Scan(&n); err != nil {
			t.Errorf("standby's counters: %v", err)
		}
		return n
	}
	time.Sleep(time.Until(start.Add(time.Second)))
	before0 := standbyXacts()
	time.Sleep(time.Until(start.Add(standbyCrashAt - 500*time.Millisecond)))
	before1 := standbyXacts()

	time.Sleep(time.Until(start.Add(standbyCrashAt)))
	crashed := time.Now()
	if err := standby.Crash(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Logf("standby crashed at %v", crashed.Sub(start).Round(time.Millisecond))
	time.Sleep(time.Until(start.Add(standbyBackAt)))
	restarted := time.Now()
	if err := standby.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Logf("standby started again at %v (took %v)", restarted.Sub(start).Round(time.Millisecond), time.Since(restarted).Round(time.Millisecond))
	time.Sleep(time.Until(start.Add(standbyBackAt + 6*time.Second)))
	after0 := standbyXacts()
	wg.Wait()
	after1 := standbyXacts()
	close(stopPolling)
	<-polled

	// Where reads went, from /readyz.
	var (
		toPrimary, toStandby time.Duration = -1, -1
		maxLag, servingLag   float64
		servingLagAt         time.Duration
		servingLags          []float64
		onPrimary, onStandby int
	)
	for _, sm := range samples {
		if strings.HasPrefix(sm.reads, "standby") {
			onStandby++
		} else {
			onPrimary++
		}
		if toPrimary < 0 && sm.at > crashed.Sub(start) && strings.HasPrefix(sm.reads, "primary") {
			toPrimary = sm.at - crashed.Sub(start)
		}
		if toStandby < 0 && sm.at > restarted.Sub(start) && strings.HasPrefix(sm.reads, "standby") {
			toStandby = sm.at - restarted.Sub(start)
		}
		if l, ok := lagOf(sm.reads); ok {
			maxLag = max(maxLag, l)
			if strings.HasPrefix(sm.reads, "standby") {
				if l > servingLag {
					servingLag, servingLagAt = l, sm.at
				}
				servingLags = append(servingLags, l)
			}
		}
	}
	if toPrimary < 0 || toPrimary > 3*time.Second {
		t.Errorf("/readyz did not say reads are on the primary within 3 s of the crash (after %v)", toPrimary)
	}
	if toStandby < 0 {
		t.Errorf("/readyz never said reads are back on the standby after its restart")
	}
	if before1-before0 < 50 {
		t.Errorf("the standby committed %d transactions in the 4.5 s before the crash: reads did not go to it", before1-before0)
	}
	if after1-after0 < 50 {
		t.Errorf("the standby committed %d transactions in the last %v of the run: reads did not come back to it", after1-after0, standbyRun-standbyBackAt-6*time.Second)
	}

	// Every 303 is stored once, and nothing else is (fresh database).
	found := db.count(t, "select count(*) from quiz_results where id = any($1)", ids)
	total := db.count(t, "select count(*) from quiz_results")
	f.Lost = len(ids) - int(found)
	if found != int64(len(ids)) || total != int64(len(ids)) {
		t.Errorf("%d results answered 303, %d of them stored, %d rows in all", len(ids), found, total)
	}
	if strings.Contains(app.log(), "level=ERROR") {
		t.Errorf("an ERROR line in the log:\n%s", app.logTail(20))
	}
	f.Requests = int(requests.Load())
	f.add("results_303", len(ids))
	f.add("rows", total)
	f.add("searches", searches.Load())
	f.add("standby_xacts_before_crash", before1-before0)
	f.add("standby_xacts_after_return", after1-after0)
	f.add("readyz_primary_after_crash", toPrimary.Round(time.Millisecond))
	f.add("readyz_standby_after_start", toStandby.Round(time.Millisecond))
	f.add("readyz_samples_standby", onStandby)
	f.add("readyz_samples_primary", onPrimary)
	sort.Float64s(servingLags)
	if len(servingLags) > 0 {
		f.add("median_lag_while_serving", fmt.Sprintf("%.3fs", servingLags[len(servingLags)/2]))
		f.add("p90_lag_while_serving", fmt.Sprintf("%.3fs", servingLags[len(servingLags)*9/10]))
	}
	f.add("max_lag_while_serving", fmt.Sprintf("%.3fs", servingLag))
	f.add("max_lag_while_serving_at", servingLagAt.Round(time.Millisecond))
	f.add("max_lag_seen", fmt.Sprintf("%.3fs", maxLag))
	f.add("statuses", counts(statuses))
}

// waitReadsOn polls /readyz until its reads line starts with want.
func waitReadsOn(t *testing.T, in *instance, want string, limit time.Duration) {
	t.Helper()
	c := newClient(nil)
	deadline := time.Now().Add(limit)
	for {
		r := do(c, get(in.base+"/readyz"))
		if r.status == http.StatusOK && strings.Contains(r.body, "reads: "+want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz after %v: %d %q, want reads: %s", limit, r.status, r.body, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// lagOf is the lag, in seconds, a /readyz reads line states ("standby
// (lag at most 3 ms)", "primary (standby lagging 2.4 s)").
func lagOf(line string) (float64, bool) {
	for _, prefix := range []string{"lag at most ", "lagging more than ", "lagging "} {
		if _, rest, ok := strings.Cut(line, prefix); ok {
			num, unit, _ := strings.Cut(rest, " ")
			v, err := strconv.ParseFloat(num, 64)
			if strings.HasPrefix(unit, "ms") {
				v /= 1000
			}
			return v, err == nil
		}
	}
	return 0, false
}
