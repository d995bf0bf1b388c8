package config

import (
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaults(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.DatabaseURL != "" || c.DBMaxConns != 8 || c.DataDir != ".data" || c.Secure() {
		t.Fatalf("defaults: %+v", c)
	}
	if c.QuizRateLimit != 10 || c.SessionRateLimit != 20 {
		t.Fatalf("QUIZ_RATE_LIMIT default %d, SESSION_RATE_LIMIT default %d", c.QuizRateLimit, c.SessionRateLimit)
	}
	if c.DrainDelay != 2*time.Second || c.DebugAddr != "" {
		t.Fatalf("DRAIN_DELAY default %v, DEBUG_ADDR default %q", c.DrainDelay, c.DebugAddr)
	}
	if c.BaseURL.String() != "http://localhost:8080" {
		t.Fatalf("BASE_URL default %s", c.BaseURL)
	}
	if c.SharedCacheTTL != 5*time.Minute {
		t.Fatalf("SHARED_CACHE_TTL default %v", c.SharedCacheTTL)
	}
	if c.GCHeadroom != 48<<20 {
		t.Fatalf("GC_HEADROOM default %d bytes", c.GCHeadroom)
	}
	if c.DatabaseReadURL != "" || c.ReadMaxLag != 5*time.Second {
		t.Fatalf("DATABASE_READ_URL default %q, READ_MAX_LAG default %v", c.DatabaseReadURL, c.ReadMaxLag)
	}
}

func TestReadURLAndLag(t *testing.T) {
	c, err := Load(env(map[string]string{"DATABASE_READ_URL": " postgres://standby:5432/careerguide ", "READ_MAX_LAG": "750ms"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.DatabaseReadURL != "postgres://standby:5432/careerguide" || c.ReadMaxLag != 750*time.Millisecond {
		t.Fatalf("DATABASE_READ_URL %q, READ_MAX_LAG %v", c.DatabaseReadURL, c.ReadMaxLag)
	}
	primary := "postgres://primary:5432/careerguide"
	if _, err := Load(env(map[string]string{"DATABASE_URL": primary, "DATABASE_READ_URL": primary})); err == nil || !strings.Contains(err.Error(), "DATABASE_READ_URL") {
		t.Errorf("DATABASE_READ_URL equal to DATABASE_URL: %v, want an error naming it", err)
	}
	for _, bad := range []string{"soon", "0s", "-1s", "50ms", "2h"} {
		if _, err := Load(env(map[string]string{"READ_MAX_LAG": bad})); err == nil || !strings.Contains(err.Error(), "READ_MAX_LAG") {
			t.Errorf("READ_MAX_LAG %q: %v, want an error naming it", bad, err)
		}
	}
}

func TestGCHeadroomYieldsToGOGC(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want uint64
	}{
		{map[string]string{"GC_HEADROOM": "100"}, 100 << 20},
		{map[string]string{"GC_HEADROOM": "0"}, 0},
		{map[string]string{"GOGC": "200"}, 0},
		{map[string]string{"GOGC": "200", "GC_HEADROOM": "100"}, 0},
	} {
		cfg, err := Load(env(c.env))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.GCHeadroom != c.want {
			t.Errorf("%v: GCHeadroom %d, want %d", c.env, cfg.GCHeadroom, c.want)
		}
	}
}

func TestInvalidValuesAreAllReported(t *testing.T) {
	_, err := Load(env(map[string]string{
		"ADDR": "8080", "BASE_URL": "ftp://x", "LOG_LEVEL": "loud", "DB_MAX_CONNS": "1",
		"SHUTDOWN_TIMEOUT": "soon", "TRUSTED_PROXIES": "10.0.0.0/8, nonsense",
		"DRAIN_DELAY": "-1s", "DEBUG_ADDR": "6060", "QUIZ_RATE_LIMIT": "-1", "SESSION_RATE_LIMIT": "lots",
		"GC_HEADROOM": "-5", "SHARED_CACHE_TTL": "0s", "READ_MAX_LAG": "never",
	}))
	if err == nil {
		t.Fatal("want an error")
	}
	for _, name := range []string{"ADDR", "BASE_URL", "LOG_LEVEL", "DB_MAX_CONNS", "SHUTDOWN_TIMEOUT", "TRUSTED_PROXIES \"nonsense\"", "DRAIN_DELAY", "DEBUG_ADDR", "QUIZ_RATE_LIMIT", "SESSION_RATE_LIMIT", "GC_HEADROOM", "SHARED_CACHE_TTL", "READ_MAX_LAG"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error does not name %s: %v", name, err)
		}
	}
}

func TestHTTPSAndProxies(t *testing.T) {
	c, err := Load(env(map[string]string{"BASE_URL": "https://careers.example/", "TRUSTED_PROXIES": "10.0.0.0/8,192.0.2.7"}))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Secure() || len(c.TrustedProxies) != 2 || c.TrustedProxies[1].Bits() != 32 {
		t.Fatalf("%+v", c)
	}
}

func TestDrainDelayAndDebugAddr(t *testing.T) {
	c, err := Load(env(map[string]string{"DRAIN_DELAY": "0s", "DEBUG_ADDR": "127.0.0.1:6060"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.DrainDelay != 0 || c.DebugAddr != "127.0.0.1:6060" {
		t.Fatalf("%+v", c)
	}
	for _, bad := range []map[string]string{
		{"DRAIN_DELAY": "soon"},
		{"DRAIN_DELAY": "10m"},
		{"DEBUG_ADDR": "127.0.0.1:8080", "ADDR": "127.0.0.1:8080"},
	} {
		if _, err := Load(env(bad)); err == nil {
			t.Errorf("%v: want an error", bad)
		}
	}
}

func TestPlainHTTPOnlyForLocalDevelopment(t *testing.T) {
	for _, ok := range []string{"http://localhost:8080", "http://127.0.0.1:9000", "http://[::1]:8080", "http://app.localhost", "https://careers.example"} {
		if _, err := Load(env(map[string]string{"BASE_URL": ok})); err != nil {
			t.Errorf("%s rejected: %v", ok, err)
		}
	}
	for _, bad := range []string{"http://careers.example", "http://192.0.2.10:8080"} {
		if _, err := Load(env(map[string]string{"BASE_URL": bad})); err == nil || !strings.Contains(err.Error(), "https") {
			t.Errorf("%s accepted (%v)", bad, err)
		}
	}
}
