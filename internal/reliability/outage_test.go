//go:build reliability

package reliability

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

const (
	career    = "/careers/backend-developer"
	outageFor = 10 * time.Second
)

// testOutage stops PostgreSQL for 10 s under a serving app. While it is
// down, anonymous career pages still render from the snapshot, /readyz
// turns 503 within 2 s, a quiz POST answers 503 with the form re-rendered
// (every answer still checked, "try again"), and a request with a session
// cookie gets a friendly 503, not a 500. After PostgreSQL is back,
// everything works again within 15 s without restarting the app.
func (s *suite) testOutage(t *testing.T) {
	f := &figures{Test: "outage"}
	s.rep.record(t, f)
	db := newDatabase(t)
	app := s.start(t, "app", db, startOpts{})
	app.waitReady(30 * time.Second)

	anon := newClient(nil)
	member := newClient(newJar(t))
	if r := do(member, postForm(app.base, career+"/level", url.Values{"level": {"senior"}})); r.status != http.StatusSeeOther {
		t.Fatalf("setting the level: %d %v", r.status, r.err)
	}
	if r := do(member, get(app.base+career+"/path")); r.status != http.StatusOK || !youAreHere(r.body, "Senior Backend Developer") {
		t.Fatalf("path page with the session before the outage: %d, Senior not marked", r.status)
	}
	answers := variedAnswers(7)

	// failed counts a check that did not hold, logging the first of each kind.
	seen := map[string]int{}
	failed := func(kind, format string, args ...any) {
		f.Failures++
		if seen[kind]++; seen[kind] == 1 {
			t.Errorf(kind+": "+format, args...)
		}
	}
	ctx := context.Background()
	if err := db.pg.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	stopped := time.Now()
	t.Logf("PostgreSQL stopped")

	// /readyz turns 503 within 2 s.
	var readyDown time.Duration
	for {
		f.Requests++
		r := do(anon, get(app.base+"/readyz"))
		if r.status == http.StatusServiceUnavailable {
			readyDown = time.Since(stopped)
			break
		}
		if time.Since(stopped) > 2*time.Second {
			failed("readyz", "/readyz still %d %v 2 s after the stop", r.status, r.err)
			readyDown = -1
			break
		}
		time.Sleep(50 * time.Millisecond)
	}

	// Until the outage ends: rounds of what users do, every 250 ms.
	rounds := 0
	var quizLatencyMax time.Duration
	for time.Since(stopped) < outageFor {
		rounds++
		f.Requests += 4
		if r := do(anon, get(app.base+career)); r.status != http.StatusOK {
			failed("career page", "anonymous career page during the outage: %d %v", r.status, r.err)
		}
		if r := do(anon, get(app.base+"/readyz")); r.status != http.StatusServiceUnavailable {
			failed("readyz", "/readyz during the outage: %d %v", r.status, r.err)
		}
		r := do(anon, postForm(app.base, career+"/quiz", quizForm(answers)))
		quizLatencyMax = max(quizLatencyMax, r.latency)
		switch {
		case r.status != http.StatusServiceUnavailable:
			failed("quiz status", "quiz POST during the outage: %d %v, want 503", r.status, r.err)
		case !strings.Contains(strings.ToLower(r.body), "try again"):
			failed("quiz message", "quiz 503 does not say to try again")
		default:
			if problem := answersKept(r.body, answers); problem != "" {
				failed("quiz answers", "quiz 503 lost answers: %s", problem)
			}
		}
		r = do(member, get(app.base+career+"/path"))
		switch {
		case r.status != http.StatusServiceUnavailable:
			failed("session page", "page with a session cookie during the outage: %d %v, want 503", r.status, r.err)
		case !friendly(r.body):
			failed("session page", "503 page with a session cookie is not the friendly page:\n%.400s", r.body)
		}
		time.Sleep(250 * time.Millisecond)
	}

	if err := db.pg.Start(ctx); err != nil {
		t.Fatal(err)
	}
	restarted := time.Now()
	down := restarted.Sub(stopped)
	t.Logf("PostgreSQL started again after %v down", down.Round(time.Millisecond))

	// Within 15 s everything works again, without restarting the app.
	var (
		readyOK, quizOK, sessionOK time.Duration
		stored                     string
		retries                    int
	)
	for readyOK == 0 || quizOK == 0 || sessionOK == 0 {
		if time.Since(restarted) > 15*time.Second {
			t.Errorf("15 s after PostgreSQL came back: readyz ok=%v, quiz ok=%v, session ok=%v", readyOK > 0, quizOK > 0, sessionOK > 0)
			break
		}
		if readyOK == 0 {
			f.Requests++
			if r := do(anon, get(app.base+"/readyz")); r.status == http.StatusOK {
				readyOK = time.Since(restarted)
			}
		}
		if quizOK == 0 {
			f.Requests++
			r := do(anon, postForm(app.base, career+"/quiz", quizForm(answers)))
			switch r.status {
			case http.StatusSeeOther:
				quizOK = time.Since(restarted)
				stored = resultID(r.location)
			case http.StatusServiceUnavailable:
				retries++
			default:
				failed("quiz after restart", "quiz POST after the restart: %d %v", r.status, r.err)
			}
		}
		if sessionOK == 0 {
			f.Requests++
			r := do(member, get(app.base+career+"/path"))
			switch {
			case r.status == http.StatusOK && youAreHere(r.body, "Senior Backend Developer"):
				sessionOK = time.Since(restarted)
			case r.status == http.StatusOK:
				failed("session lost", "the session no longer knows the level after the restart")
			case r.status == http.StatusServiceUnavailable:
				retries++
			default:
				failed("session after restart", "page with a session cookie after the restart: %d %v", r.status, r.err)
			}
		}
		if readyOK == 0 || quizOK == 0 || sessionOK == 0 {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if stored != "" {
		if n := db.count(t, "select count(*) from quiz_results where id = $1", stored); n != 1 {
			f.Lost++
			t.Errorf("result %s answered 303 but %d rows exist", stored, n)
		}
	}
	if n := db.count(t, "select count(*) from quiz_results"); n != 1 {
		t.Errorf("%d quiz results stored, want exactly the 1 that got a 303 (the 503s must store nothing)", n)
	}
	if app.exited() {
		t.Errorf("the app exited during the outage: %v", app.exitErr)
	}
	f.add("down", down.Round(time.Millisecond))
	f.add("rounds", rounds)
	f.add("readyz_503_after", readyDown.Round(time.Millisecond))
	f.add("quiz_503_latency_max", quizLatencyMax.Round(time.Millisecond))
	f.add("readyz_200_after_start", readyOK.Round(time.Millisecond))
	f.add("quiz_303_after_start", quizOK.Round(time.Millisecond))
	f.add("session_ok_after_start", sessionOK.Round(time.Millisecond))
	f.add("503_while_recovering", retries)
}

// youAreHere reports whether the path page marks the level titled title as
// the person's own (li.here).
func youAreHere(body, title string) bool {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		return false
	}
	here := doc.Find("li.here")
	return here.Length() == 1 && strings.Contains(here.Find("h2").Text(), title) && strings.Contains(here.Text(), "You are here")
}

// answersKept checks that the re-rendered quiz form has exactly the given
// answers checked; it describes the first problem, or returns "".
func answersKept(body string, answers [15]int) string {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		return err.Error()
	}
	for i, a := range answers {
		name := quickIDs[i]
		checked := doc.Find(fmt.Sprintf(`input[type=radio][name=%q][checked]`, name))
		if checked.Length() != 1 {
			return fmt.Sprintf("%s: %d answers checked, want 1", name, checked.Length())
		}
		if v, _ := checked.Attr("value"); v != fmt.Sprint(a) {
			return fmt.Sprintf("%s: %s checked, want %d", name, v, a)
		}
	}
	return ""
}

// friendly reports whether an error page is the friendly one: it asks to
// try again and shows no internals.
func friendly(body string) bool {
	low := strings.ToLower(body)
	if !strings.Contains(low, "try again") {
		return false
	}
	for _, leak := range []string{"pgconn", "dial tcp", "sqlstate", "goroutine", "panic"} {
		if strings.Contains(low, leak) {
			return false
		}
	}
	return true
}
