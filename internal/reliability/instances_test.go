//go:build reliability

package reliability

import (
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// testTwoInstances runs A and B on different ports against one database:
// a session started on A is honoured by B, a result stored through A is
// shown by B, and a content change synced by a restarted A is served by B
// within 2 s of A's readiness, without restarting B.
func (s *suite) testTwoInstances(t *testing.T) {
	f := &figures{Test: "instances"}
	s.rep.record(t, f)
	db := newDatabase(t)
	dir := copyContent(t, s.root)
	env := map[string]string{"CONTENT_DIR": dir}
	a := s.start(t, "A", db, startOpts{env: env})
	a.waitReady(30 * time.Second)
	b := s.start(t, "B", db, startOpts{env: env})
	b.waitReady(30 * time.Second)
	plain := newClient(nil)

	// A session started on A is honoured by B.
	jar := newJar(t)
	f.Requests++
	if r := do(newClient(jar), postForm(a.base, career+"/level", url.Values{"level": {"senior"}})); r.status != http.StatusSeeOther {
		t.Fatalf("setting the level on A: %d %v", r.status, r.err)
	}
	u, _ := url.Parse(a.base)
	cookies := jar.Cookies(u)
	if len(cookies) == 0 {
		t.Fatal("A set no session cookie")
	}
	req := get(b.base + career + "/path")
	for _, c := range cookies {
		req.AddCookie(c)
	}
	f.Requests++
	r := do(plain, req)
	sessionOK := r.status == http.StatusOK && youAreHere(r.body, "Senior Backend Developer")
	if !sessionOK {
		f.Failures++
		t.Errorf("B with A's session cookie: %d, Senior Backend Developer marked: %v", r.status, youAreHere(r.body, "Senior Backend Developer"))
	}

	// A result stored through A is shown by B.
	f.Requests += 2
	r = do(plain, postForm(a.base, career+"/quiz", quizForm(variedAnswers(11))))
	id := resultID(r.location)
	if r.status != http.StatusSeeOther || id == "" {
		t.Fatalf("quiz on A: %d %q %v", r.status, r.location, r.err)
	}
	r = do(plain, get(b.base+"/results/"+id))
	// The heading of a result with a ranking, or of one whose answers do
	// not separate interests.
	h := heading(r.body)
	resultOK := r.status == http.StatusOK && (h == "What fits you" || h == "Your best matches" || h == "Your match test result for Backend Developer")
	if !resultOK {
		f.Failures++
		t.Errorf("B showing A's result: %d, heading %q", r.status, heading(r.body))
	}

	// A content change synced by A is served by B.
	tagline := fmt.Sprintf("Reliability tagline %d", time.Now().UnixNano())
	setTagline(t, dir, tagline)
	f.Requests++
	if r := do(plain, get(b.base+career)); strings.Contains(r.body, tagline) {
		t.Fatal("B shows the new tagline before A synced it")
	}
	if code, _ := a.stop(30 * time.Second); code != 0 {
		t.Errorf("A exited with %d", code)
	}
	// Poll B from before A starts again, to know when B first shows it.
	seen := make(chan time.Time, 1)
	stopPoll := make(chan struct{})
	defer close(stopPoll)
	var polls atomic.Int64
	go func() {
		c := newClient(nil)
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) {
			r := do(c, get(b.base+career))
			polls.Add(1)
			if strings.Contains(r.body, tagline) {
				seen <- time.Now()
				return
			}
			select {
			case <-stopPoll:
				return
			case <-time.After(25 * time.Millisecond):
			}
		}
	}()
	restarted := time.Now()
	a2 := s.start(t, "A-restarted", db, startOpts{port: a.port, env: env})
	ready := a2.waitReady(30 * time.Second)
	var lag time.Duration
	select {
	case at := <-seen:
		lag = at.Sub(ready)
	case <-time.After(time.Until(ready.Add(2 * time.Second))):
		f.Failures++
		lag = -1
		t.Errorf("B does not show the new tagline 2 s after the restarted A is ready")
	}
	f.Requests += int(polls.Load())
	f.Requests++
	if r := do(plain, get(a2.base+career)); !strings.Contains(r.body, tagline) {
		f.Failures++
		t.Errorf("the restarted A does not show the new tagline")
	}
	// Log lines reach the file in batches (every 100 ms).
	logged := false
	for deadline := time.Now().Add(2 * time.Second); !logged && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		logged = strings.Contains(b.log(), "content reloaded")
	}
	if !logged {
		t.Errorf("B's log has no \"content reloaded\" line")
	}
	if b.exited() {
		t.Errorf("B exited: %v", b.exitErr)
	}
	f.add("session_on_B", sessionOK)
	f.add("result_on_B", resultOK)
	f.add("A_restart_to_ready", ready.Sub(restarted).Round(time.Millisecond))
	f.add("tagline_on_B_after_A_ready", lag.Round(time.Millisecond))
}

// copyContent copies the module's content/ (without Go files) to a temp dir.
func copyContent(t *testing.T, root string) string {
	t.Helper()
	src := filepath.Join(root, "content")
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if strings.HasSuffix(p, ".go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// setTagline replaces the Backend Developer tagline in the content at dir.
func setTagline(t *testing.T, dir, tagline string) {
	t.Helper()
	path := filepath.Join(dir, "careers", "backend-developer", "career.yaml")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^tagline: .*$`)
	if !re.Match(b) {
		t.Fatalf("no tagline line in %s", path)
	}
	if err := os.WriteFile(path, re.ReplaceAll(b, []byte("tagline: "+tagline)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// heading is the text of the page's h1.
func heading(body string) string {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		return ""
	}
	return strings.Join(strings.Fields(doc.Find("h1").First().Text()), " ")
}
