package auth

import "testing"

// Addresses that look alike share a key; different ones do not.
func TestEmailKeyJoinsLookAlikes(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"tim@example.com", "t\u0456m@example.com", true},            // Cyrillic і
		{"tim@example.com", "t\u0131m@example.com", true},            // dotless ı
		{"bob@example.com", "b\u03bfb@example.com", true},            // Greek ο
		{"paypal@example.com", "p\u0430yp\u0430l@example.com", true}, // Cyrillic а
		{"tim@example.com", "tom@example.com", false},
		{"ann@example.com", "anne@example.com", false},
	} {
		if got := EmailKey(NormalizeEmail(c.a)) == EmailKey(NormalizeEmail(c.b)); got != c.same {
			t.Errorf("%+q and %+q: same key %v, want %v", c.a, c.b, got, c.same)
		}
	}
}
