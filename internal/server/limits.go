package server

import (
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"careerguide/internal/config"

	"github.com/go-chi/httprate"
	lru "github.com/hashicorp/golang-lru/v2"
)

// limits are the rate limiters of the account forms and of anonymous
// writes per client network: match test submissions, new sessions and new
// searches (nil: no limit). Wrong passwords are slowed per client network
// and per account and network (or, for a browser that logged in to the
// account before, per account and device: see device_cookie.go), never
// per account alone: strangers guessing cannot lock the owner out.
// Sign-ups are limited per network and per address and network, so
// attempts for an address elsewhere never block the person it belongs to.
type limits struct {
	loginNet, loginAccount   *backoff
	signupIP, signupEmailNet *httprate.RateLimiter
	confirm                  *httprate.RateLimiter // password confirmations of a signed-in account
	quiz, newSession         *httprate.RateLimiter
	search                   *httprate.RateLimiter // new (not kept) searches
}

func newLimits(cfg config.Config) limits {
	perMinute := func(n int) *httprate.RateLimiter {
		if n <= 0 {
			return nil
		}
		return httprate.NewRateLimiter(n, time.Minute)
	}
	return limits{
		quiz:           perMinute(cfg.QuizRateLimit),
		newSession:     perMinute(cfg.SessionRateLimit),
		search:         perMinute(cfg.SearchRateLimit),
		loginNet:       newBackoff(loginFreeFailures, loginDelay, loginMaxDelay, loginForget),
		loginAccount:   newBackoff(loginFreeFailures, loginDelay, loginMaxDelay, loginForget),
		signupIP:       httprate.NewRateLimiter(10, time.Minute),
		confirm:        httprate.NewRateLimiter(10, time.Minute),
		signupEmailNet: httprate.NewRateLimiter(5, 15*time.Minute),
	}
}

// clientIP is the address of the client: RemoteAddr, or, when RemoteAddr is
// a trusted proxy, the rightmost X-Forwarded-For entry that is not one.
func (s *server) clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	if !s.trusted(addr) {
		return addr.String()
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		if !s.trusted(a) {
			return a.String()
		}
	}
	return addr.String()
}

// clientNetwork is what per-client limits count by: the client's IPv4
// address, or the /64 its IPv6 address is in (a single subscriber or host
// is usually given a whole /64, so counting addresses would not limit it).
func (s *server) clientNetwork(r *http.Request) string {
	ip := s.clientIP(r)
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	if a = a.Unmap(); a.Is4() {
		return a.String()
	}
	p, err := a.WithZone("").Prefix(64)
	if err != nil {
		return ip
	}
	return p.String()
}

func (s *server) trusted(a netip.Addr) bool {
	for _, p := range s.Config.TrustedProxies {
		if p.Contains(a.Unmap()) {
			return true
		}
	}
	return false
}

// limited counts the request against each limiter with its key and, when
// any is over its limit, renders the 429 page (Retry-After is set by the
// limiter) and returns true.
func (s *server) limited(w http.ResponseWriter, r *http.Request, checks ...limitCheck) bool {
	retry, over := s.overLimit(w, r, checks...)
	if over {
		s.errorPage(w, r, http.StatusTooManyRequests, "Too many attempts",
			"You have tried this too often in a short time. Please wait "+retry+" seconds, then try again.")
	}
	return over
}

// overLimit counts the request against each limiter with its key (a nil
// limiter is no limit) and, when any is over its limit, sets Retry-After
// and returns its seconds and true; the caller answers 429.
func (s *server) overLimit(w http.ResponseWriter, r *http.Request, checks ...limitCheck) (retry string, over bool) {
	for _, c := range checks {
		if c.key != "" && c.limiter != nil && c.limiter.OnLimit(w, r, c.key) {
			retry := w.Header().Get("Retry-After")
			if retry == "" {
				retry = "60"
				w.Header().Set("Retry-After", retry)
			}
			s.Logger.Warn("rate limited", "path", r.URL.Path, "ip", s.clientIP(r))
			return retry, true
		}
	}
	return "", false
}

type limitCheck struct {
	limiter *httprate.RateLimiter
	key     string
}

// Wrong passwords: the first loginFreeFailures cost nothing; after each
// later one the next attempt waits loginDelay, doubling up to
// loginMaxDelay. A key without a failure for loginForget starts afresh.
const (
	loginFreeFailures = 10
	loginDelay        = 5 * time.Second
	loginMaxDelay     = 15 * time.Minute
	loginForget       = time.Hour
	backoffKeys       = 100_000 // the keys remembered, least recent dropped first
)

// backoff slows a key down after failures: growing delays instead of a
// lock. It is local to the instance, like httprate's counters.
type backoff struct {
	free              int
	delay, max, after time.Duration
	mu                sync.Mutex
	keys              *lru.Cache[string, failures]
	now               func() time.Time
}

type failures struct {
	n    int
	last time.Time
}

func newBackoff(free int, delay, max, forget time.Duration) *backoff {
	keys, _ := lru.New[string, failures](backoffKeys) // errs only on size <= 0
	return &backoff{free: free, delay: delay, max: max, after: forget, keys: keys, now: time.Now}
}

// wait is how long key must still wait before its next attempt (0: now).
func (b *backoff) wait(key string) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	f, ok := b.keys.Get(key)
	if !ok || f.n < b.free {
		return 0
	}
	since := b.now().Sub(f.last)
	if since > b.after {
		b.keys.Remove(key)
		return 0
	}
	d := b.max
	if k := f.n - b.free; k < 20 {
		d = min(b.max, b.delay<<k)
	}
	return max(0, d-since)
}

// fail counts a failure of key.
func (b *backoff) fail(key string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	f, _ := b.keys.Get(key)
	if b.now().Sub(f.last) > b.after {
		f.n = 0
	}
	b.keys.Add(key, failures{n: f.n + 1, last: b.now()})
}

// reset forgets the failures of key.
func (b *backoff) reset(key string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.keys.Remove(key)
}

// slowedDown answers 429 with Retry-After and returns true when any key
// of its backoff must still wait.
func (s *server) slowedDown(w http.ResponseWriter, r *http.Request, checks ...backoffCheck) bool {
	var wait time.Duration
	for _, c := range checks {
		wait = max(wait, c.b.wait(c.key))
	}
	if wait <= 0 {
		return false
	}
	secs := strconv.Itoa(int((wait + time.Second - 1) / time.Second))
	w.Header().Set("Retry-After", secs)
	s.Logger.Warn("slowed down", "path", r.URL.Path, "ip", s.clientIP(r), "wait", wait.Round(time.Second))
	s.errorPage(w, r, http.StatusTooManyRequests, "Too many attempts",
		"There were many wrong attempts from your network in a short time. Please wait "+secs+" seconds, then try again.")
	return true
}

type backoffCheck struct {
	b   *backoff
	key string
}
