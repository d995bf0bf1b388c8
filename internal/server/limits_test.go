package server

import (
	"net/http/httptest"
	"net/netip"
	"testing"

	"careerguide/internal/config"
)

func TestClientIPTrustsForwardedForOnlyFromTrustedProxies(t *testing.T) {
	s := &server{Deps: Deps{Config: config.Config{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}}}
	cases := []struct {
		remote, xff, want string
	}{
		{"203.0.113.9:5000", "198.51.100.1", "203.0.113.9"},         // not a proxy: header ignored
		{"10.1.2.3:5000", "198.51.100.1", "198.51.100.1"},           // trusted proxy
		{"10.1.2.3:5000", "198.51.100.1, 10.9.9.9", "198.51.100.1"}, // chain of trusted proxies
		{"10.1.2.3:5000", "6.6.6.6, 198.51.100.1", "198.51.100.1"},  // a spoofed left entry is not believed
		{"10.1.2.3:5000", "garbage", "10.1.2.3"},                    // unreadable header
		{"[2001:db8::1]:443", "198.51.100.1", "2001:db8::1"},        // IPv6 client
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.remote
		r.Header.Set("X-Forwarded-For", c.xff)
		if got := s.clientIP(r); got != c.want {
			t.Errorf("RemoteAddr %s, X-Forwarded-For %q: %s, want %s", c.remote, c.xff, got, c.want)
		}
	}
}
