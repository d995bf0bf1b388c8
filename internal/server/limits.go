package server

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"careerguide/internal/config"

	"github.com/go-chi/httprate"
)

// limits are the rate limiters of the account forms, per client network
// and per email address (or, for a browser that logged in to the account
// before, per device: see device_cookie.go), and of anonymous writes per
// client network: match test submissions and new sessions (nil: no limit).
type limits struct {
	loginIP, loginEmail, loginDevice *httprate.RateLimiter
	signupIP, signupEmail            *httprate.RateLimiter
	quiz, newSession                 *httprate.RateLimiter
	search                           *httprate.RateLimiter // new (not kept) searches
}

func newLimits(cfg config.Config) limits {
	perMinute := func(n int) *httprate.RateLimiter {
		if n <= 0 {
			return nil
		}
		return httprate.NewRateLimiter(n, time.Minute)
	}
	return limits{
		quiz:        perMinute(cfg.QuizRateLimit),
		newSession:  perMinute(cfg.SessionRateLimit),
		search:      perMinute(cfg.SearchRateLimit),
		loginIP:     httprate.NewRateLimiter(10, time.Minute),
		loginEmail:  httprate.NewRateLimiter(10, 15*time.Minute),
		loginDevice: httprate.NewRateLimiter(10, 15*time.Minute),
		signupIP:    httprate.NewRateLimiter(10, time.Minute),
		signupEmail: httprate.NewRateLimiter(5, 15*time.Minute),
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
