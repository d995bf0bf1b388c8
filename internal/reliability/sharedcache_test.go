//go:build reliability

package reliability

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"text/template"
	"time"
)

// sharedTTL is the instances' SHARED_CACHE_TTL in this run: short, so that
// a content change has to come through the cache within the run.
const sharedTTL = 3 * time.Second

// testSharedCache puts nginx (nginx.conf beside this file) as a caching
// reverse proxy in front of two instances on one database, and sends two
// visitors through it at once: one anonymous, one signed up with a level
// and a result. Nothing of the member's may ever reach the anonymous
// visitor, nothing of the member's is ever answered from the cache, and
// most anonymous pages come from the cache. Then a content change synced
// by a restarted instance reaches the anonymous visitor through the cache
// within SHARED_CACHE_TTL (and the 2 s an instance takes to load it).
func (s *suite) testSharedCache(t *testing.T) {
	nginxBin, err := exec.LookPath("nginx")
	if err != nil {
		for _, p := range []string{"/usr/sbin/nginx", "/sbin/nginx"} {
			if _, err := os.Stat(p); err == nil {
				nginxBin = p
			}
		}
	}
	if nginxBin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("nginx is required on CI (the Debian package nginx)")
		}
		t.Skip("nginx is not installed")
	}
	f := &figures{Test: "sharedcache"}
	s.rep.record(t, f)
	db := newDatabase(t)
	dir := copyContent(t, s.root)
	proxyPort := freePort(t)
	proxy := fmt.Sprintf("http://127.0.0.1:%d", proxyPort)
	env := map[string]string{
		"CONTENT_DIR": dir, "BASE_URL": proxy, "TRUSTED_PROXIES": "127.0.0.1/32",
		"SHARED_CACHE_TTL": sharedTTL.String(),
	}
	a := s.start(t, "A", db, startOpts{env: env})
	a.waitReady(30 * time.Second)
	b := s.start(t, "B", db, startOpts{env: env})
	b.waitReady(30 * time.Second)
	startNginx(t, nginxBin, fmt.Sprintf("127.0.0.1:%d", proxyPort), []string{strings.TrimPrefix(a.base, "http://"), strings.TrimPrefix(b.base, "http://")})

	// The member: signed up, a level, a result of theirs.
	jar := newJar(t)
	member := newClient(jar)
	const email = "member-through-the-cache@example.com"
	steps := []struct {
		path string
		form url.Values
	}{
		{"/signup", url.Values{"email": {email}, "password": {"a long enough password"}}},
		{career + "/level", url.Values{"level": {"staff"}}},
		{career + "/quiz", quizForm(variedAnswers(3))},
	}
	var result string
	for _, st := range steps {
		f.Requests++
		r := do(member, postForm(proxy, st.path, st.form))
		if r.status != http.StatusSeeOther {
			t.Fatalf("member: POST %s through the proxy: %d %v", st.path, r.status, r.err)
		}
		if id := resultID(r.location); id != "" {
			result = r.location
		}
	}
	if result == "" {
		t.Fatal("member: the quiz gave no result")
	}

	pages := []string{"/", career, career + "/path", career + "/salary", career + "/skills", career + "/day",
		"/occupations?q=nurse", "/occupations/15-1252.00", "/how-the-test-works", "/match", "/results/library", career + "/results", result}
	anon := newClient(nil)
	var mu sync.Mutex
	statuses := map[string]int{}
	var anonN, memberN, hits, leaks, memberCached, wrong int
	check := func(who string, path string, r cachedResponse) {
		mu.Lock()
		defer mu.Unlock()
		f.Requests++
		if r.err != nil || r.status != http.StatusOK {
			f.Failures++
			wrong++
			if wrong <= 5 {
				t.Errorf("%s GET %s: %d %v", who, path, r.status, r.err)
			}
			return
		}
		signedIn := strings.Contains(r.body, `action="/logout"`)
		if who == "anonymous" {
			anonN++
			statuses[r.cache]++
			if r.cache == "HIT" || r.cache == "STALE" || r.cache == "UPDATING" || r.cache == "REVALIDATED" {
				hits++
			}
			if signedIn || strings.Contains(r.body, email) || strings.Contains(r.body, "You are here") {
				leaks++
				f.Failures++
				if leaks <= 5 {
					t.Errorf("anonymous GET %s (cache %s) shows the member's page", path, r.cache)
				}
			}
			return
		}
		memberN++
		if r.cache != "BYPASS" {
			memberCached++
			f.Failures++
			t.Errorf("member GET %s: cache status %q, want BYPASS", path, r.cache)
		}
		if !signedIn {
			leaks++
			f.Failures++
			if leaks <= 5 {
				t.Errorf("member GET %s (cache %s) is not signed in", path, r.cache)
			}
		}
		if strings.HasSuffix(path, "/path") && !youAreHere(r.body, "Staff Backend Developer") {
			f.Failures++
			t.Errorf("member GET %s: the level is not marked", path)
		}
	}
	const rounds = 150
	var wg sync.WaitGroup
	for _, who := range []string{"anonymous", "member"} {
		c := anon
		if who == "member" {
			c = member
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range rounds {
				for _, p := range pages {
					if who == "anonymous" && p == result {
						continue // a result is checked by its owner's browser
					}
					check(who, p, getCached(c, proxy+p))
				}
				if i%50 == 49 {
					time.Sleep(sharedTTL) // let kept pages expire now and then
				}
			}
		}()
	}
	wg.Wait()
	rate := float64(hits) / float64(max(anonN, 1))
	t.Logf("anonymous: %d requests, cache %v; member: %d requests, never from the cache: %v", anonN, statuses, memberN, memberCached == 0)
	if rate < 0.9 {
		t.Errorf("the cache answered %.1f %% of the anonymous requests, want 90 %% or more", 100*rate)
	}

	// A new content version, through the cache.
	tagline := fmt.Sprintf("Shared cache tagline %d", time.Now().UnixNano())
	if r := getCached(anon, proxy+career); r.status != http.StatusOK || strings.Contains(r.body, tagline) {
		t.Fatalf("before the change: %d, already the new tagline: %v", r.status, strings.Contains(r.body, tagline))
	}
	setTagline(t, dir, tagline)
	if code, _ := a.stop(30 * time.Second); code != 0 {
		t.Errorf("A exited with %d", code)
	}
	a2 := s.start(t, "A-restarted", db, startOpts{port: a.port, env: env})
	ready := a2.waitReady(30 * time.Second)
	bound := sharedTTL + sharedTTL/5 + 2*time.Second
	var lag time.Duration = -1
	for time.Since(ready) < bound+5*time.Second {
		f.Requests++
		if r := getCached(anon, proxy+career); strings.Contains(r.body, tagline) {
			lag = time.Since(ready)
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if lag < 0 || lag > bound {
		f.Failures++
		t.Errorf("the new content reached the anonymous visitor through the cache %v after the instance was ready, want within %v", lag, bound)
	}
	f.add("anonymous_requests", anonN)
	f.add("hit_rate", fmt.Sprintf("%.1f%%", 100*rate))
	f.add("member_requests", memberN)
	f.add("member_from_cache", memberCached)
	f.add("leaks", leaks)
	f.add("new_content_after", lag.Round(time.Millisecond))
}

// cachedResponse is an answer through the proxy with its cache status.
type cachedResponse struct {
	status int
	body   string
	cache  string // nginx's $upstream_cache_status: HIT, MISS, BYPASS, ...
	err    error
}

func getCached(c *http.Client, u string) cachedResponse {
	resp, err := c.Do(get(u))
	if err != nil {
		return cachedResponse{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return cachedResponse{status: resp.StatusCode, body: string(b), cache: resp.Header.Get("X-Cache-Status"), err: err}
}

// startNginx runs nginx in the foreground with nginx.conf filled in for
// listen and the upstreams, its files in a temporary directory, until the
// end of the test; it returns once nginx answers.
func startNginx(t *testing.T, bin, listen string, upstreams []string) {
	t.Helper()
	dir, err := os.MkdirTemp("", "careerguide-nginx-")
	if err != nil {
		t.Fatal(err)
	}
	// nginx's workers run as an unprivileged user when it starts as root.
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	tmpl, err := template.ParseFiles(filepath.Join("nginx.conf"))
	if err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "nginx.conf")
	out, err := os.Create(conf)
	if err != nil {
		t.Fatal(err)
	}
	err = tmpl.Execute(out, struct {
		Dir       string
		Listen    string
		Upstreams []string
	}{dir, listen, upstreams})
	out.Close()
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(nil)
	runDaemon(t, "nginx", exec.Command(bin, "-p", dir, "-c", conf, "-g", "daemon off;"), dir, syscall.SIGQUIT, "error.log", func() error {
		if r := do(c, get("http://"+listen+"/livez")); r.status != http.StatusOK {
			return fmt.Errorf("/livez: %d %v", r.status, r.err)
		}
		return nil
	})
}
