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

func TestClientNetworkIsTheIPv6Slash64(t *testing.T) {
	s := &server{}
	cases := []struct{ remote, want string }{
		{"203.0.113.9:5000", "203.0.113.9"},
		{"[::ffff:203.0.113.9]:5000", "203.0.113.9"},
		{"[2001:db8:1:2:aaaa:bbbb:cccc:dddd]:443", "2001:db8:1:2::/64"},
		{"[2001:db8:1:2::1]:443", "2001:db8:1:2::/64"},
		{"[2001:db8:1:3::1]:443", "2001:db8:1:3::/64"},
		{"[fe80::1%eth0]:443", "fe80::/64"},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.remote
		if got := s.clientNetwork(r); got != c.want {
			t.Errorf("RemoteAddr %s: %s, want %s", c.remote, got, c.want)
		}
	}
}

// The Result Library counts people by /24 (IPv4) and /48 (IPv6): the
// addresses of one subscriber or hosting account count once.
func TestLibraryNetworkIsTheSlash24OrSlash48(t *testing.T) {
	s := &server{}
	cases := []struct{ remote, want string }{
		{"203.0.113.9:5000", "203.0.113.0/24"},
		{"203.0.113.250:5000", "203.0.113.0/24"},
		{"[::ffff:203.0.113.9]:5000", "203.0.113.0/24"},
		{"203.0.114.9:5000", "203.0.114.0/24"},
		{"[2001:db8:1:2:aaaa:bbbb:cccc:dddd]:443", "2001:db8:1::/48"},
		{"[2001:db8:1:ffff::1]:443", "2001:db8:1::/48"},
		{"[2001:db8:2::1]:443", "2001:db8:2::/48"},
		{"[fe80::1%eth0]:443", "fe80::/48"},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.remote
		if got := s.libraryNetwork(r); got != c.want {
			t.Errorf("RemoteAddr %s: %s, want %s", c.remote, got, c.want)
		}
	}
}
