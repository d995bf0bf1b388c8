//go:build reliability

package reliability

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// maxLoginStormRSS is the most memory the process may reach while 100
// logins arrive at once.
const maxLoginStormRSS = 150 << 10 // KiB

// testLoginStorm sends 100 logins at the same moment, each from its own
// address (X-Forwarded-For through a trusted proxy, so no rate limit
// decides) with its own email, and samples the process's peak memory
// (VmHWM). Each argon2id check holds 19 MiB, so hashing has to be bounded:
// every answer is 401 (checked) or 503 with Retry-After (hashing busy),
// the peak stays under maxLoginStormRSS, and afterwards a login works.
func (s *suite) testLoginStorm(t *testing.T) {
	f := &figures{Test: "logins"}
	s.rep.record(t, f)
	db := newDatabase(t)
	app := s.start(t, "app", db, startOpts{env: map[string]string{"TRUSTED_PROXIES": "127.0.0.1/32"}})
	app.waitReady(30 * time.Second)
	member := newClient(newJar(t))
	if r := do(member, postForm(app.base, "/signup", url.Values{"email": {"storm@example.com"}, "password": {"correct horse battery"}})); r.status != http.StatusSeeOther {
		t.Fatalf("sign-up: %d %v", r.status, r.err)
	}
	before := app.peakRSS(t)
	rssBefore, _, _ := app.procStatus()

	const logins = 100
	res := make([]response, logins)
	gate := make(chan struct{})
	var wg sync.WaitGroup
	for i := range logins {
		req := postForm(app.base, "/login", url.Values{"email": {fmt.Sprintf("user%d@example.com", i)}, "password": {"not the password " + strconv.Itoa(i)}})
		req.Header.Set("X-Forwarded-For", fmt.Sprintf("10.2.%d.%d", i/200, 1+i%200))
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newClient(nil)
			defer c.CloseIdleConnections()
			<-gate
			res[i] = do(c, req)
		}()
	}
	start := time.Now()
	close(gate)
	wg.Wait()
	took := time.Since(start)
	f.Requests = logins
	peak := app.peakRSS(t)

	statuses := map[int]int{}
	for i, r := range res {
		statuses[r.status]++
		switch {
		case r.err != nil:
			f.Failures++
			t.Errorf("login %d: %v", i, r.err)
		case r.status == http.StatusUnauthorized:
		case r.status == http.StatusServiceUnavailable && r.retryAfter != "" && strings.Contains(r.body, fmt.Sprintf("user%d@example.com", i)):
		default:
			f.Failures++
			if f.Failures <= 5 {
				t.Errorf("login %d: %d (Retry-After %q), want 401, or 503 with Retry-After and the email kept", i, r.status, r.retryAfter)
			}
		}
	}
	if peak > maxLoginStormRSS {
		t.Errorf("peak RSS %d MiB under %d logins, want at most %d MiB", peak>>10, logins, maxLoginStormRSS>>10)
	}
	f.Requests++
	if r := do(member, postForm(app.base, "/login", url.Values{"email": {"storm@example.com"}, "password": {"correct horse battery"}})); r.status != http.StatusSeeOther {
		f.Failures++
		t.Errorf("login after the storm: %d %v", r.status, r.err)
	}
	f.add("took", took.Round(time.Millisecond))
	f.add("statuses", counts(statuses))
	f.add("peak_rss_before_mib", before>>10)
	f.add("rss_before_mib", rssBefore>>10)
	f.add("peak_rss_mib", peak>>10)
}

// peakRSS is the process's peak resident memory so far (VmHWM), in KiB.
func (in *instance) peakRSS(t *testing.T) int64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", in.cmd.Process.Pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			if f := strings.Fields(v); len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n
			}
		}
	}
	t.Fatal("no VmHWM in /proc status")
	return 0
}
