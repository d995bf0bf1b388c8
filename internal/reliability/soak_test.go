//go:build reliability

package reliability

import (
	"bufio"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	soakFor     = 60 * time.Second
	soakWarmUp  = 15 * time.Second
	sampleEvery = 2 * time.Second
)

// sample is one measurement of the process.
type sample struct {
	at         time.Duration
	rssKB      int64
	threads    int64
	fds        int
	goroutines int // -1 when the debug endpoint did not answer
}

// testSoak sends a steady mixed load (~150 requests/s: pages of several
// sections, quiz POSTs, requests with a session cookie) for 60 s to one
// instance and samples its RSS, goroutines (pprof on DEBUG_ADDR), threads
// and open files every 2 s. After a 15 s warm-up, neither RSS nor the
// goroutine count may grow by 10 % (plus a small absolute slack), no
// request may fail, and the log must show no connection-pool trouble.
func (s *suite) testSoak(t *testing.T) {
	f := &figures{Test: "soak"}
	s.rep.record(t, f)
	db := newDatabase(t)
	debugAddr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	app := s.start(t, "app", db, startOpts{env: map[string]string{"DEBUG_ADDR": debugAddr}})
	app.waitReady(30 * time.Second)
	base := app.base

	// Members: each its own client and session, with a level set.
	members := make([]*http.Client, 8)
	for i := range members {
		members[i] = newClient(newJar(t))
		level := []string{"junior", "mid", "senior", "staff"}[i%4]
		if r := do(members[i], postForm(base, career+"/level", url.Values{"level": {level}})); r.status != http.StatusSeeOther {
			t.Fatalf("member %d setting the level: %d %v", i, r.status, r.err)
		}
	}
	anons := []*http.Client{newClient(nil), newClient(nil), newClient(nil), newClient(nil)}
	pages := []string{"/", career, career + "/path", career + "/salary", career + "/skills", career + "/day",
		career + "/myths", career + "/work-life", career + "/related", career + "/quiz", career + "/results"}
	l := load{rate: 150, duration: soakFor, workers: 24, next: func(i int) shot {
		switch i % 10 {
		case 0: // 10 % quiz POSTs from members, 10 % anonymous
			return shot{"quiz", members[(i/10)%len(members)], postForm(base, career+"/quiz", quizForm(variedAnswers(i)))}
		case 5:
			return shot{"quiz", anons[(i/10)%len(anons)], postForm(base, career+"/quiz", quizForm(variedAnswers(i)))}
		case 1, 4, 7: // 30 % pages with a session cookie
			return shot{"member", members[(i/10)%len(members)], get(base + pages[(i/10)%len(pages)])}
		default: // 50 % anonymous pages
			return shot{"page", anons[i%len(anons)], get(base + pages[(i/10+i)%len(pages)])}
		}
	}}

	debug := newClient(nil)
	measure := func(since time.Time) sample {
		sm := sample{at: time.Since(since), goroutines: goroutines(debug, debugAddr), fds: app.openFDs()}
		sm.rssKB, sm.threads, _ = app.procStatus()
		return sm
	}
	var samples []sample
	loadDone := make(chan struct{})
	samplerDone := make(chan struct{})
	began := time.Now()
	go func() {
		defer close(samplerDone)
		tick := time.NewTicker(sampleEvery)
		defer tick.Stop()
		samples = append(samples, measure(began))
		for {
			select {
			case <-loadDone:
				samples = append(samples, measure(began))
				return
			case <-tick.C:
				samples = append(samples, measure(began))
			}
		}
	}()
	outs, _ := l.run()
	close(loadDone)
	<-samplerDone

	// Every request answered as expected.
	var ids []string
	kinds := map[string]int{}
	for _, o := range outs {
		kinds[o.kind]++
		want := http.StatusOK
		if o.kind == "quiz" {
			want = http.StatusSeeOther
		}
		if o.err != nil || o.status != want {
			f.Failures++
			if f.Failures <= 5 {
				t.Errorf("%s at %v: %d %v", o.kind, o.at.Round(time.Millisecond), o.status, o.err)
			}
			continue
		}
		if o.kind == "quiz" {
			ids = append(ids, resultID(o.location))
		}
	}
	f.Requests = len(outs)
	if len(outs) < l.rate*int(soakFor/time.Second)*9/10 {
		t.Errorf("only %d requests sent in %v", len(outs), soakFor)
	}
	found := db.count(t, "select count(*) from quiz_results where id = any($1)", ids)
	f.Lost = len(ids) - int(found)
	if f.Lost != 0 {
		t.Errorf("%d of %d stored quiz results missing", f.Lost, len(ids))
	}

	// No growth after the warm-up.
	var after []sample
	for _, sm := range samples {
		if sm.at >= soakWarmUp {
			after = append(after, sm)
		}
	}
	if len(after) < 6 {
		t.Fatalf("only %d samples after the warm-up", len(after))
	}
	early, late := after[:3], after[len(after)-3:]
	rssEarly, rssLate := mean(early, func(s sample) float64 { return float64(s.rssKB) / 1024 }), mean(late, func(s sample) float64 { return float64(s.rssKB) / 1024 })
	grEarly, grLate := mean(early, func(s sample) float64 { return float64(s.goroutines) }), mean(late, func(s sample) float64 { return float64(s.goroutines) })
	if rssLate > rssEarly*1.10+8 {
		t.Errorf("RSS grew from %.1f MiB to %.1f MiB after the warm-up (limit +10 %% +8 MiB)", rssEarly, rssLate)
	}
	for _, sm := range samples {
		if sm.goroutines < 0 {
			t.Fatalf("goroutines not measured at %v: the pprof endpoint on DEBUG_ADDR did not answer", sm.at)
		}
	}
	if grLate > grEarly*1.10+5 {
		t.Errorf("goroutines grew from %.1f to %.1f after the warm-up (limit +10 %% +5)", grEarly, grLate)
	}

	// The log shows no connection-pool trouble and no errors.
	var poolTrouble, errorLines []string
	sc := bufio.NewScanner(strings.NewReader(app.log()))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		l := sc.Text()
		low := strings.ToLower(l)
		if strings.Contains(low, "pool") && strings.Contains(low, "exhaust") ||
			strings.Contains(low, "failed to connect") || strings.Contains(low, "acquire") ||
			strings.Contains(low, "context deadline exceeded") {
			poolTrouble = append(poolTrouble, l)
		}
		if strings.Contains(l, "level=ERROR") {
			errorLines = append(errorLines, l)
		}
	}
	if len(poolTrouble) > 0 {
		t.Errorf("%d log lines about connection-pool trouble, first: %s", len(poolTrouble), poolTrouble[0])
	}
	if len(errorLines) > 0 {
		t.Errorf("%d error lines in the log, first: %s", len(errorLines), errorLines[0])
	}

	var series []string
	for _, sm := range samples {
		series = append(series, fmt.Sprintf("%.0fs:%.1fMiB/%dg/%dt/%dfd", sm.at.Seconds(), float64(sm.rssKB)/1024, sm.goroutines, sm.threads, sm.fds))
	}
	t.Logf("samples (time:RSS/goroutines/threads/fds): %s", strings.Join(series, " "))
	first, last := samples[0], samples[len(samples)-1]
	f.add("rate", fmt.Sprintf("%.0f/s", float64(len(outs))/outs[len(outs)-1].at.Seconds()))
	f.add("mix", counts(kinds))
	f.add("quiz_303", len(ids))
	f.add("rss_start_mib", fmt.Sprintf("%.1f", float64(first.rssKB)/1024))
	f.add("rss_warm_mib", fmt.Sprintf("%.1f", rssEarly))
	f.add("rss_end_mib", fmt.Sprintf("%.1f", rssLate))
	f.add("goroutines_start", first.goroutines)
	f.add("goroutines_warm", fmt.Sprintf("%.1f", grEarly))
	f.add("goroutines_end", fmt.Sprintf("%.1f", grLate))
	f.add("threads_start_end", fmt.Sprintf("%d/%d", first.threads, last.threads))
	f.add("fds_start_end", fmt.Sprintf("%d/%d", first.fds, last.fds))
	f.add("pool_log_lines", len(poolTrouble))
	f.add("p50", percentile(outs, 50).Round(time.Microsecond))
	f.add("p99", percentile(outs, 99).Round(time.Microsecond))
}

// goroutines reads the total from the goroutine profile on the debug
// address ("goroutine profile: total N"), or -1.
func goroutines(c *http.Client, debugAddr string) int {
	r := do(c, get("http://"+debugAddr+"/debug/pprof/goroutine?debug=1"))
	if r.err != nil || r.status != http.StatusOK {
		return -1
	}
	line, _, _ := strings.Cut(r.body, "\n")
	n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "goroutine profile: total")))
	if err != nil {
		return -1
	}
	return n
}

func mean(ss []sample, v func(sample) float64) float64 {
	sum := 0.0
	for _, s := range ss {
		sum += v(s)
	}
	return sum / float64(len(ss))
}
