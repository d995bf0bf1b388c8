package app

import (
	"container/list"
	"net"
	"net/http"
	"net/netip"
	"runtime/debug"
	"sync"
	"time"
)

// connLimits caps the open client connections in total and per client
// network (an IPv4 address or an IPv6 /64; a trusted proxy counts only in
// the total). At a cap, the connection idle longest (of that network, or
// of all) is closed to make room for the new one; when none is idle, the
// new one is closed at once. While more than half of a cap is open, a
// connection waits at most busyIdle for its next request instead of the
// server's IdleTimeout. When the connections fall back after a storm, the
// memory they held is returned to the system.
type connLimits struct {
	max, perNet int
	busyIdle    time.Duration
	trusted     func(netip.Addr) bool

	mu     sync.Mutex
	total  int
	idle   list.List // of *limitedConn, idle longest first
	nets   map[string]*netConns
	busy   bool // more than half of max open
	stormy bool // more than a quarter of max was open since the last return of memory
	freed  func()
}

// netConns are the connections of one client network.
type netConns struct {
	open int
	idle list.List // of *limitedConn, idle longest first
	busy bool
}

func newConnLimits(max, perNet int, busyIdle time.Duration, trusted func(netip.Addr) bool) *connLimits {
	return &connLimits{max: max, perNet: perNet, busyIdle: busyIdle, trusted: trusted, nets: map[string]*netConns{}, freed: debug.FreeOSMemory}
}

// limitedConn is one counted connection.
type limitedConn struct {
	net.Conn
	l        *connLimits
	network  string // "" for a trusted proxy
	idleAll  *list.Element
	idleNet  *list.Element
	closed   bool
	closeErr error
	once     sync.Once
}

// listener counts the connections ln accepts against l.
func (l *connLimits) listener(ln net.Listener) net.Listener {
	return &limitedListener{Listener: ln, l: l}
}

type limitedListener struct {
	net.Listener
	l *connLimits
}

// Accept returns the next connection there is room for.
func (ll *limitedListener) Accept() (net.Conn, error) {
	for {
		c, err := ll.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if lc := ll.l.admit(c); lc != nil {
			return lc, nil
		}
		c.Close()
	}
}

// networkOf is the client network of addr; "" for a trusted proxy.
func (l *connLimits) networkOf(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return addr.String()
	}
	a, ok := netip.AddrFromSlice(tcp.IP)
	if !ok {
		return addr.String()
	}
	a = a.Unmap()
	if l.trusted != nil && l.trusted(a) {
		return ""
	}
	if a.Is4() {
		return a.String()
	}
	p, _ := a.WithZone("").Prefix(64)
	return p.String()
}

// admit counts c, making room by closing the connection idle longest, or
// returns nil when there is no room.
func (l *connLimits) admit(c net.Conn) *limitedConn {
	lc := &limitedConn{Conn: c, l: l, network: l.networkOf(c.RemoteAddr())}
	var evict []*limitedConn
	defer func() {
		for _, e := range evict {
			e.Close()
		}
	}()
	l.mu.Lock()
	defer l.mu.Unlock()
	var n *netConns
	if lc.network != "" {
		n = l.nets[lc.network]
		if n == nil {
			n = &netConns{}
			l.nets[lc.network] = n
		}
		if n.open >= l.perNet {
			old := n.idle.Front()
			if old == nil {
				l.forgetNet(lc.network, n)
				return nil
			}
			o := l.unidle(old.Value.(*limitedConn))
			evict = append(evict, o)
			o.closed = true // counted out now; its Close will not count it again
			n.open--
			l.total--
		}
	}
	if l.total >= l.max {
		old := l.idle.Front()
		if old == nil {
			if n != nil {
				l.forgetNet(lc.network, n)
			}
			return nil
		}
		o := l.unidle(old.Value.(*limitedConn))
		evict = append(evict, o)
		l.countOut(o)
	}
	l.total++
	if n != nil {
		n.open++
	}
	// Until its first request, a connection is as good as idle.
	l.markIdle(lc, n)
	l.pressure(n)
	return lc
}

// countOut removes o from the counts (the caller closes it).
func (l *connLimits) countOut(o *limitedConn) {
	o.closed = true
	l.total--
	if o.network != "" {
		if n := l.nets[o.network]; n != nil {
			n.open--
			l.forgetNet(o.network, n)
		}
	}
}

func (l *connLimits) forgetNet(network string, n *netConns) {
	if n.open <= 0 {
		delete(l.nets, network)
	}
}

// markIdle puts c at the end of the idle lists.
func (l *connLimits) markIdle(c *limitedConn, n *netConns) {
	if c.idleAll != nil || c.closed {
		return
	}
	c.idleAll = l.idle.PushBack(c)
	if n != nil {
		c.idleNet = n.idle.PushBack(c)
	}
}

// unidle takes c off the idle lists and returns it.
func (l *connLimits) unidle(c *limitedConn) *limitedConn {
	if c.idleAll != nil {
		l.idle.Remove(c.idleAll)
		c.idleAll = nil
	}
	if c.idleNet != nil {
		if n := l.nets[c.network]; n != nil {
			n.idle.Remove(c.idleNet)
		}
		c.idleNet = nil
	}
	return c
}

// pressure updates the busy states after a connection came; entering
// one, the connections idle now get the short idle time too.
func (l *connLimits) pressure(n *netConns) {
	if l.total*4 > l.max {
		l.stormy = true
	}
	if busy := l.total*2 > l.max; busy != l.busy {
		l.busy = busy
		if busy {
			l.shortenIdle(&l.idle)
		}
	}
	if n != nil {
		if busy := n.open*2 > l.perNet; busy != n.busy {
			n.busy = busy
			if busy {
				l.shortenIdle(&n.idle)
			}
		}
	}
}

func (l *connLimits) shortenIdle(idle *list.List) {
	at := time.Now().Add(l.busyIdle)
	for e := idle.Front(); e != nil; e = e.Next() {
		e.Value.(*limitedConn).Conn.SetReadDeadline(at)
	}
}

// state follows the server's view of c (http.Server.ConnState).
func (l *connLimits) state(c net.Conn, s http.ConnState) {
	lc, ok := c.(*limitedConn)
	if !ok {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	switch s {
	case http.StateIdle:
		l.markIdle(lc, l.nets[lc.network])
	case http.StateActive, http.StateHijacked:
		l.unidle(lc)
	}
}

// busyFor reports whether c's network or the whole server is busy.
func (l *connLimits) busyFor(c *limitedConn) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.busy {
		return true
	}
	n := l.nets[c.network]
	return n != nil && n.busy
}

// SetReadDeadline shortens the wait of an idle connection while busy.
func (c *limitedConn) SetReadDeadline(t time.Time) error {
	if c.l.busyIdle > 0 && c.idleish() && c.l.busyFor(c) {
		if short := time.Now().Add(c.l.busyIdle); t.IsZero() || t.After(short) {
			t = short
		}
	}
	return c.Conn.SetReadDeadline(t)
}

func (c *limitedConn) idleish() bool {
	c.l.mu.Lock()
	defer c.l.mu.Unlock()
	return c.idleAll != nil
}

// Close closes the connection and counts it out.
func (c *limitedConn) Close() error {
	c.once.Do(func() {
		l := c.l
		l.mu.Lock()
		l.unidle(c)
		if !c.closed {
			l.countOut(c)
		}
		free := false
		if l.busy && l.total*2 <= l.max {
			l.busy = false
		}
		if n := l.nets[c.network]; n != nil && n.busy && n.open*2 <= l.perNet {
			n.busy = false
		}
		if l.stormy && l.total*16 <= l.max {
			l.stormy, free = false, true
		}
		l.mu.Unlock()
		c.closeErr = c.Conn.Close()
		if free {
			go l.freed() // the storm's buffers and stacks back to the system
		}
	})
	return c.closeErr
}
