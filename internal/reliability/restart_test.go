//go:build reliability

package reliability

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

// testGracefulRestart replaces instance A by instance B on the same port
// (SO_REUSEPORT) under ~200 requests/s for 20 s: B starts at ~7 s, A gets
// SIGTERM at ~8 s, once B listens. No request may fail with a reset or EOF,
// a 503 is acceptable only with Retry-After, every quiz POST that got a 303
// is stored exactly once, and A exits 0 within 30 s of SIGTERM.
func (s *suite) testGracefulRestart(t *testing.T) {
	f := &figures{Test: "restart"}
	s.rep.record(t, f)
	db := newDatabase(t)
	port := freePort(t)
	a := s.start(t, "A", db, startOpts{port: port})
	a.waitReady(30 * time.Second)
	base := a.base

	const nClients = 4
	clients := make([]*http.Client, nClients)
	for i := range clients {
		clients[i] = newClient(nil)
	}
	// One client in four opens a new connection for every request, as
	// many proxies and scripts do: those connections arrive at A up to
	// the moment it closes its listener.
	clients[nClients-1].Transport.(*http.Transport).DisableKeepAlives = true
	l := load{rate: 200, duration: 20 * time.Second, workers: 48, next: func(i int) shot {
		c := clients[i%nClients]
		switch i % 10 {
		case 0, 3, 6: // 30 %
			return shot{"quiz", c, postForm(base, career+"/quiz", quizForm(variedAnswers(i)))}
		case 1, 4, 7, 9:
			return shot{"career", c, get(base + career)}
		default:
			return shot{"salary", c, get(base + career + "/salary")}
		}
	}}
	var outs []outcome
	var loadStart time.Time
	done := make(chan struct{})
	began := time.Now()
	go func() {
		defer close(done)
		outs, loadStart = l.run()
	}()

	time.Sleep(time.Until(began.Add(7 * time.Second)))
	bLaunched := time.Now()
	b := s.start(t, "B", db, startOpts{port: port})
	bServing := time.Now()
	time.Sleep(time.Until(began.Add(8 * time.Second)))
	termAt := time.Now()
	code, took := a.stop(30 * time.Second)
	if code != 0 {
		t.Errorf("A exited with code %d, want 0", code)
	}
	<-done
	termOffset := termAt.Sub(loadStart)
	aExitOffset := a.exitAt.Sub(loadStart)

	// Every response: GETs 200, quiz POSTs 303; a 503 only with Retry-After;
	// no transport errors.
	var (
		ids         []string
		posts, s503 int
		errKinds    = map[string]int{}
		statuses    = map[string]int{}
		inDrain     int // requests sent between SIGTERM and A's exit
	)
	for _, o := range outs {
		if o.at >= termOffset && o.at <= aExitOffset {
			inDrain++
		}
		if o.kind == "quiz" {
			posts++
		}
		if o.err != nil {
			f.Failures++
			errKinds[errKind(o.err)]++
			if errKinds[errKind(o.err)] <= 3 {
				t.Errorf("%s at %v (SIGTERM at %v): %v", o.kind, o.at.Round(time.Millisecond), termOffset.Round(time.Millisecond), o.err)
			}
			continue
		}
		statuses[fmt.Sprintf("%s_%d", o.kind, o.status)]++
		want := http.StatusOK
		if o.kind == "quiz" {
			want = http.StatusSeeOther
		}
		switch {
		case o.status == want:
			if o.kind == "quiz" {
				if id := resultID(o.location); id != "" {
					ids = append(ids, id)
				} else {
					f.Failures++
					t.Errorf("quiz 303 to %q", o.location)
				}
			}
		case o.status == http.StatusServiceUnavailable && o.retryAfter != "":
			s503++
		default:
			f.Failures++
			if f.Failures <= 5 {
				t.Errorf("%s at %v: status %d (Retry-After %q)", o.kind, o.at.Round(time.Millisecond), o.status, o.retryAfter)
			}
		}
	}
	f.Requests = len(outs)
	if len(outs) < l.rate*int(l.duration/time.Second)*9/10 {
		t.Errorf("only %d of %d requests sent", len(outs), l.rate*int(l.duration/time.Second))
	}

	// Every 303 is stored exactly once, and nothing else is (fresh database).
	unique := map[string]bool{}
	for _, id := range ids {
		if unique[id] {
			t.Errorf("result id %s answered twice", id)
		}
		unique[id] = true
	}
	found := db.count(t, "select count(*) from quiz_results where id = any($1)", ids)
	total := db.count(t, "select count(*) from quiz_results")
	f.Lost = len(ids) - int(found)
	if found != int64(len(ids)) || total != int64(len(ids)) || len(unique) != len(ids) {
		t.Errorf("quiz: %d answered 303 (%d distinct ids), %d of them stored, %d rows in all", len(ids), len(unique), found, total)
	}

	// B serves on the port after A is gone.
	if r := do(newClient(nil), get(base+"/readyz")); r.status != http.StatusOK {
		t.Errorf("after A exited, /readyz on the port: %d %v", r.status, r.err)
	}
	if b.exited() {
		t.Errorf("B exited: %v", b.exitErr)
	}
	servedA, servedB := a.requestLines(), b.requestLines()

	f.add("quiz_posts", posts)
	f.add("quiz_303", len(ids))
	f.add("rows", total)
	f.add("503_with_retry_after", s503)
	f.add("errors", counts(errKinds))
	f.add("rate", fmt.Sprintf("%.0f/s", float64(len(outs))/outs[len(outs)-1].at.Seconds()))
	f.add("sent_during_drain", inDrain)
	f.add("served_by_A", servedA)
	f.add("served_by_B", servedB)
	f.add("B_start_to_serving", bServing.Sub(bLaunched).Round(time.Millisecond))
	f.add("sigterm_at", termOffset.Round(time.Millisecond))
	f.add("A_exit_code", code)
	f.add("A_exit_after_sigterm", took.Round(time.Millisecond))
	f.add("p50", percentile(outs, 50).Round(time.Microsecond))
	f.add("p99", percentile(outs, 99).Round(time.Microsecond))
	f.add("max", percentile(outs, 100).Round(time.Microsecond))
	f.add("statuses", counts(statuses))
}
