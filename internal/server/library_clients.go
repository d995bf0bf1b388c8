package server

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/netip"
	"sync"
	"time"
)

// clientKeyPeriod is how long one key hashes client networks for the
// Result Library groups: within it, a network counts once per group; when
// it ends, the key is deleted and its hashes can no longer be tied to an
// address. One network alone would need five periods to open a group.
const clientKeyPeriod = 90 * 24 * time.Hour

// clientKeys holds the current period's key.
type clientKeys struct {
	mu     sync.Mutex
	period int64
	key    []byte
}

// client is the keyed hash (128 bits) of the request's client network
// that a stored result records in the Result Library groups it joins.
func (s *server) client(ctx context.Context, r *http.Request) ([]byte, error) {
	period := time.Now().Unix() / int64(clientKeyPeriod/time.Second)
	s.clients.mu.Lock()
	key := s.clients.key
	if s.clients.period != period {
		key = nil
	}
	s.clients.mu.Unlock()
	if key == nil {
		var err error
		if key, err = s.Store.ClientKey(ctx, fmt.Sprintf("%06d", period)); err != nil {
			return nil, err
		}
		s.clients.mu.Lock()
		s.clients.period, s.clients.key = period, key
		s.clients.mu.Unlock()
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(s.libraryNetwork(r)))
	return m.Sum(nil)[:16], nil
}

// libraryNetwork is what the Result Library counts people by: the /24 of
// the client's IPv4 address, the /48 of its IPv6 address. These are wider
// than the networks the rate limits count (an address, a /64): one
// subscriber or one small hosting account commonly holds many addresses
// of a /24 and many /64s of a /48, but few distinct /24s or /48s, so
// each of them is one "person" here.
func (s *server) libraryNetwork(r *http.Request) string {
	ip := s.clientIP(r)
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	bits := 48
	if a = a.Unmap(); a.Is4() {
		bits = 24
	}
	p, err := a.WithZone("").Prefix(bits)
	if err != nil {
		return ip
	}
	return p.String()
}
