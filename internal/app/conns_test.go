package app

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// serveLimited serves a tiny handler behind limits on 127.0.0.1.
func serveLimited(t *testing.T, l *connLimits, idle time.Duration) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{
		Handler:     http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }),
		ConnState:   l.state,
		IdleTimeout: idle,
	}
	go srv.Serve(l.listener(ln))
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// idleConn opens a connection from the address from, makes one request
// on it and leaves it open.
func idleConn(t *testing.T, addr, from string) (net.Conn, *bufio.Reader) {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	br := bufio.NewReader(c)
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("request from %s: %v", from, err)
	}
	io.ReadAll(resp.Body)
	resp.Body.Close()
	return c, br
}

func (l *connLimits) open() (total int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.total
}

// One network holding its whole share of idle connections does not stop
// its next request (its oldest idle connection makes room), nor anyone
// else's; the total stays under its cap with every network's help.
func TestConnectionCapsMakeRoomByClosingTheIdleLongest(t *testing.T) {
	l := newConnLimits(12, 4, time.Minute, nil)
	freed := make(chan struct{}, 10)
	l.freed = func() { freed <- struct{}{} }
	addr := serveLimited(t, l, time.Minute)
	var first []net.Conn
	for range 10 {
		c, _ := idleConn(t, addr, "127.0.0.1")
		first = append(first, c)
	}
	if n := l.open(); n > 4 {
		t.Errorf("%d connections open from one network, cap 4", n)
	}
	// The first ones were closed to make room.
	first[0].SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, err := first[0].Read(make([]byte, 1)); err == nil {
		t.Error("the oldest idle connection is still open")
	}
	for i := 2; i <= 6; i++ {
		for range 4 {
			c, _ := idleConn(t, addr, "127.0.0."+string(rune('0'+i)))
			first = append(first, c)
		}
	}
	if n := l.open(); n > 12 {
		t.Errorf("%d connections open, cap 12", n)
	}
	last, _ := idleConn(t, addr, "127.0.0.9") // a newcomer still gets in
	for _, c := range first {
		c.Close()
	}
	last.Close()
	// Once the storm is over, its memory is returned to the system.
	srvDone := time.After(10 * time.Second)
	for l.open() > 0 {
		select {
		case <-srvDone:
			t.Fatalf("%d connections still counted after every client left", l.open())
		case <-time.After(20 * time.Millisecond):
		}
	}
	select {
	case <-freed:
	case <-time.After(2 * time.Second):
		t.Error("memory not returned after the storm")
	}
}

// While more than half of a network's share is open, its idle
// connections wait only the short idle time; under it, the long one.
func TestBusyNetworksWaitLessForTheNextRequest(t *testing.T) {
	l := newConnLimits(100, 4, 300*time.Millisecond, nil)
	addr := serveLimited(t, l, time.Minute)
	quiet, _ := idleConn(t, addr, "127.0.0.21")
	var busy []net.Conn
	for range 3 {
		c, _ := idleConn(t, addr, "127.0.0.22")
		busy = append(busy, c)
	}
	start := time.Now()
	for _, c := range busy {
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := c.Read(make([]byte, 1)); err == nil {
			t.Error("a busy network's idle connection got data")
		}
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("busy idle connections closed after %v, want about 300ms", d)
	}
	quiet.SetReadDeadline(time.Now().Add(time.Second))
	if _, err := quiet.Read(make([]byte, 1)); err == nil || !err.(net.Error).Timeout() {
		t.Errorf("a quiet network's idle connection was closed: %v", err)
	}
}
