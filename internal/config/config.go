// Package config reads careerguide's settings from environment variables,
// applies defaults and validates them. It is parsed once, at start, and passed
// down.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config is every setting of the server.
type Config struct {
	// DatabaseURL is a PostgreSQL connection string. Empty means: find a local
	// server, or start a project-local cluster under DataDir.
	DatabaseURL string
	// DatabaseDirectURL, when set, is PostgreSQL itself while DatabaseURL
	// goes through a pooler in transaction mode (PgBouncer): the few
	// session-level needs (migrations under an advisory lock, LISTEN for
	// content changes) use it, everything else the pooler.
	DatabaseDirectURL string
	// DatabaseReadURL, when set, is a PostgreSQL hot standby of
	// DatabaseURL that serves the read-only work (occupation search, the
	// Result Libraries and their open data, result pages) while it keeps
	// up; empty: every read on the primary.
	DatabaseReadURL string
	// ReadMaxLag is how far the standby may be behind the primary and
	// still serve reads: past it, or when it does not answer, reads go to
	// the primary.
	ReadMaxLag time.Duration
	// Addr is the listen address.
	Addr string
	// BaseURL is the public URL of the site; https turns on secure cookies and HSTS.
	BaseURL *url.URL
	// LogLevel is the minimum level logged.
	LogLevel slog.Level
	// DataDir holds the project-local PostgreSQL cluster when one is needed.
	DataDir string
	// ContentDir, when set, loads content from this directory instead of the
	// copy embedded in the binary.
	ContentDir string
	// DBMaxConns caps the PostgreSQL connection pool.
	DBMaxConns int32
	// ShutdownTimeout bounds the graceful shutdown.
	ShutdownTimeout time.Duration
	// DrainDelay is how long the server keeps serving after SIGTERM, with
	// /readyz at 503 and every response closing its connection, before it
	// closes the listener and waits for in-flight requests.
	DrainDelay time.Duration
	// DebugAddr, when set, serves net/http/pprof on this separate address.
	DebugAddr string
	// TrustedProxies are the proxies whose X-Forwarded-For is believed.
	TrustedProxies []netip.Prefix
	// QuizRateLimit is how many match test submissions a client network
	// (an IPv4 address or IPv6 /64) may send per minute; 0 is no limit.
	QuizRateLimit int
	// SessionRateLimit is how many new sessions a client network may start
	// per minute (each is a stored row for 30 days); 0 is no limit.
	SessionRateLimit int
	// SearchRateLimit is how many searches whose answer is not kept a
	// client network may start per minute; 0 is no limit.
	SearchRateLimit int
	// MaxConns caps the open client connections; MaxConnsPerNetwork those
	// of one client network (an IPv4 address or IPv6 /64).
	MaxConns, MaxConnsPerNetwork int
	// IdleTimeout is how long a kept-alive connection may wait for its
	// next request; BusyIdleTimeout how long while more than half of
	// MaxConns (or of MaxConnsPerNetwork, for that network) are open.
	IdleTimeout, BusyIdleTimeout time.Duration
	// SharedCacheTTL is how long a shared cache (a CDN, a reverse proxy)
	// may keep an anonymous content page (s-maxage).
	SharedCacheTTL time.Duration
	// GCHeadroom is the least the Go heap may grow between garbage
	// collections, in bytes; 0 leaves Go's default. GOGC set in the
	// environment makes it 0.
	GCHeadroom uint64
}

// Var documents one environment variable; the README lists the same.
type Var struct {
	Name, Default, Help string
}

// Vars lists every environment variable read by Load, with its default.
func Vars() []Var {
	return []Var{
		{"DATABASE_URL", "", "PostgreSQL connection string; empty: 127.0.0.1:5432 database careerguide (created when missing), else a local cluster under DATA_DIR"},
		{"DATABASE_DIRECT_URL", "", "when DATABASE_URL goes through a pooler in transaction mode (PgBouncer), PostgreSQL itself, for migrations and LISTEN; empty: DATABASE_URL is PostgreSQL itself"},
		{"DATABASE_READ_URL", "", "PostgreSQL hot standby of DATABASE_URL for read-only work (search, Result Libraries, open data, result pages); empty: every read on the primary"},
		{"READ_MAX_LAG", "5s", "how far behind the primary the standby may be and still serve reads; past it, or when it does not answer, reads go to the primary"},
		{"ADDR", ":8080", "listen address"},
		{"BASE_URL", "http://localhost:8080", "public URL; https enables Secure __Host- cookies and HSTS"},
		{"LOG_LEVEL", "info", "debug, info, warn or error"},
		{"DATA_DIR", ".data", "where a project-local PostgreSQL cluster is kept when no server answers"},
		{"CONTENT_DIR", "", "load content from this directory instead of the embedded copy"},
		{"DB_MAX_CONNS", "8", "maximum PostgreSQL connections in the pool"},
		{"SHUTDOWN_TIMEOUT", "20s", "how long in-flight requests may take to finish on SIGTERM"},
		{"DRAIN_DELAY", "2s", "after SIGTERM, keep serving this long (readiness 503, connections closed after each response) before closing the listener; 0 closes at once"},
		{"DEBUG_ADDR", "", "when set (e.g. 127.0.0.1:6060), serve net/http/pprof on this separate address; keep it private"},
		{"TRUSTED_PROXIES", "", "comma-separated CIDRs of proxies whose X-Forwarded-For is trusted"},
		{"QUIZ_RATE_LIMIT", "10", "match test submissions per minute per client network (IPv4 address or IPv6 /64); 0 turns the limit off"},
		{"SESSION_RATE_LIMIT", "20", "new sessions per minute per client network (IPv4 address or IPv6 /64); 0 turns the limit off"},
		{"SEARCH_RATE_LIMIT", "30", "occupation searches per minute per client network that are not answered from memory (a repeated search is free); 0 turns the limit off"},
		{"MAX_CONNS", "4096", "most open client connections; at the cap, the connection idle longest is closed for a new one"},
		{"MAX_CONNS_PER_NETWORK", "256", "most open client connections of one client network (IPv4 address or IPv6 /64); at the cap, that network's connection idle longest is closed for its new one"},
		{"IDLE_TIMEOUT", "120s", "how long a kept-alive connection may wait for its next request"},
		{"BUSY_IDLE_TIMEOUT", "5s", "the same while more than half of MAX_CONNS, or of MAX_CONNS_PER_NETWORK for the connection's network, are open"},
		{"SHARED_CACHE_TTL", "5m", "how long a shared cache (CDN or reverse proxy) may keep an anonymous guide, occupation or search page (s-maxage; browsers keep it at most 1m, and a fifth of it more while they ask again), so how soon a new content version reaches every visitor"},
		{"GC_HEADROOM", "48", "least growth of the Go heap between garbage collections, in MiB (the live heap is small, so Go's default would collect several times a second under load); 0, or GOGC set, leaves Go's default"},
	}
}

// Load reads the configuration through getenv. Every problem is reported at once.
func Load(getenv func(string) string) (Config, error) {
	get := func(name string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		for _, v := range Vars() {
			if v.Name == name {
				return v.Default
			}
		}
		return ""
	}
	var (
		c    Config
		errs []error
	)
	c.DatabaseURL = get("DATABASE_URL")
	c.DatabaseDirectURL = get("DATABASE_DIRECT_URL")
	if c.DatabaseDirectURL != "" && (c.DatabaseURL == "" || c.DatabaseDirectURL == c.DatabaseURL) {
		errs = append(errs, errors.New("DATABASE_DIRECT_URL: set it only when DATABASE_URL names a pooler, and to PostgreSQL itself (a different URL)"))
	}
	c.DatabaseReadURL = get("DATABASE_READ_URL")
	if c.DatabaseReadURL != "" && (c.DatabaseReadURL == c.DatabaseURL || c.DatabaseReadURL == c.DatabaseDirectURL) {
		errs = append(errs, errors.New("DATABASE_READ_URL: set it to a hot standby of the primary, not to the primary itself"))
	}
	c.Addr = get("ADDR")
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("ADDR %q: want host:port or :port", c.Addr))
	}
	base, err := url.Parse(get("BASE_URL"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		errs = append(errs, fmt.Errorf("BASE_URL %q: want an absolute http or https URL", get("BASE_URL")))
	} else if base.Scheme == "http" && !loopbackHost(base.Hostname()) {
		errs = append(errs, fmt.Errorf("BASE_URL %q: plain http is only for local development (localhost, 127.0.0.1); use https", get("BASE_URL")))
	} else {
		base.Path = strings.TrimSuffix(base.Path, "/")
		c.BaseURL = base
	}
	if err := c.LogLevel.UnmarshalText([]byte(get("LOG_LEVEL"))); err != nil {
		errs = append(errs, fmt.Errorf("LOG_LEVEL %q: want debug, info, warn or error", get("LOG_LEVEL")))
	}
	c.DataDir = get("DATA_DIR")
	c.ContentDir = get("CONTENT_DIR")
	n, err := strconv.ParseInt(get("DB_MAX_CONNS"), 10, 32)
	if err != nil || n < 2 || n > 1000 {
		errs = append(errs, fmt.Errorf("DB_MAX_CONNS %q: want a whole number from 2 to 1000", get("DB_MAX_CONNS")))
	}
	c.DBMaxConns = int32(n)
	c.ShutdownTimeout, err = time.ParseDuration(get("SHUTDOWN_TIMEOUT"))
	if err != nil || c.ShutdownTimeout <= 0 {
		errs = append(errs, fmt.Errorf("SHUTDOWN_TIMEOUT %q: want a positive duration like 20s", get("SHUTDOWN_TIMEOUT")))
	}
	c.DrainDelay, err = time.ParseDuration(get("DRAIN_DELAY"))
	if err != nil || c.DrainDelay < 0 || c.DrainDelay > 5*time.Minute {
		errs = append(errs, fmt.Errorf("DRAIN_DELAY %q: want a duration from 0s to 5m like 2s", get("DRAIN_DELAY")))
	}
	c.DebugAddr = get("DEBUG_ADDR")
	if c.DebugAddr != "" {
		if _, _, err := net.SplitHostPort(c.DebugAddr); err != nil {
			errs = append(errs, fmt.Errorf("DEBUG_ADDR %q: want host:port like 127.0.0.1:6060, or empty for off", c.DebugAddr))
		} else if c.DebugAddr == c.Addr {
			errs = append(errs, fmt.Errorf("DEBUG_ADDR %q: must differ from ADDR", c.DebugAddr))
		}
	}
	for _, s := range strings.Split(get("TRUSTED_PROXIES"), ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			if a, aerr := netip.ParseAddr(s); aerr == nil {
				p = netip.PrefixFrom(a, a.BitLen())
			} else {
				errs = append(errs, fmt.Errorf("TRUSTED_PROXIES %q: want CIDRs like 10.0.0.0/8", s))
				continue
			}
		}
		c.TrustedProxies = append(c.TrustedProxies, p)
	}
	for _, l := range []struct {
		name string
		into *int
	}{{"QUIZ_RATE_LIMIT", &c.QuizRateLimit}, {"SESSION_RATE_LIMIT", &c.SessionRateLimit}, {"SEARCH_RATE_LIMIT", &c.SearchRateLimit}} {
		n, err := strconv.Atoi(get(l.name))
		if err != nil || n < 0 || n > 100000 {
			errs = append(errs, fmt.Errorf("%s %q: want a whole number of requests per minute from 0 (no limit) to 100000", l.name, get(l.name)))
		}
		*l.into = n
	}
	for _, d := range []struct {
		name     string
		into     *time.Duration
		min, max time.Duration
	}{
		{"IDLE_TIMEOUT", &c.IdleTimeout, time.Second, time.Hour},
		{"BUSY_IDLE_TIMEOUT", &c.BusyIdleTimeout, 100 * time.Millisecond, time.Hour},
		{"SHARED_CACHE_TTL", &c.SharedCacheTTL, time.Second, 24 * time.Hour},
		{"READ_MAX_LAG", &c.ReadMaxLag, 100 * time.Millisecond, time.Hour},
	} {
		v, err := time.ParseDuration(get(d.name))
		if err != nil || v < d.min || v > d.max {
			errs = append(errs, fmt.Errorf("%s %q: want a duration from %v to %v", d.name, get(d.name), d.min, d.max))
		}
		*d.into = v
	}
	for _, l := range []struct {
		name string
		into *int
	}{{"MAX_CONNS", &c.MaxConns}, {"MAX_CONNS_PER_NETWORK", &c.MaxConnsPerNetwork}} {
		n, err := strconv.Atoi(get(l.name))
		if err != nil || n < 1 || n > 1000000 {
			errs = append(errs, fmt.Errorf("%s %q: want a whole number of connections from 1 to 1000000", l.name, get(l.name)))
		}
		*l.into = n
	}
	mib, err := strconv.ParseUint(get("GC_HEADROOM"), 10, 64)
	if err != nil || mib > 16384 {
		errs = append(errs, fmt.Errorf("GC_HEADROOM %q: want a whole number of MiB from 0 (Go's default) to 16384", get("GC_HEADROOM")))
	}
	if strings.TrimSpace(getenv("GOGC")) == "" {
		c.GCHeadroom = mib << 20
	}
	return c, errors.Join(errs...)
}

// Secure reports whether the site is served over https.
func (c Config) Secure() bool { return c.BaseURL != nil && c.BaseURL.Scheme == "https" }

// Trusted reports whether a is one of TrustedProxies.
func (c Config) Trusted(a netip.Addr) bool {
	for _, p := range c.TrustedProxies {
		if p.Contains(a.Unmap()) {
			return true
		}
	}
	return false
}

// loopbackHost reports whether host names this machine.
func loopbackHost(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.IsLoopback()
}
