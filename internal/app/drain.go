package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// drainer owns the graceful stop of the HTTP server: the draining flag
// (readiness 503 and Connection: close, through server.Deps.Draining), the
// state of every connection, and the shutdown sequence.
type drainer struct {
	on atomic.Bool
	// conns holds every open connection's state. A connection is added
	// when accepted and removed when closed; in between, each request
	// changes its state twice (active, idle), so that change is an atomic
	// store into the connection's own entry: no lock is shared by all
	// requests.
	conns sync.Map // net.Conn -> *connState
}

type connState struct {
	state atomic.Int32 // http.ConnState
	since time.Time    // when accepted
}

func newDrainer() *drainer { return &drainer{} }

func (d *drainer) start()         { d.on.Store(true) }
func (d *drainer) draining() bool { return d.on.Load() }

// track is the http.Server ConnState hook.
func (d *drainer) track(c net.Conn, s http.ConnState) {
	switch s {
	case http.StateClosed, http.StateHijacked:
		d.conns.Delete(c)
	case http.StateNew:
		cs := &connState{since: time.Now()}
		cs.state.Store(int32(s))
		d.conns.Store(c, cs)
	default:
		if v, ok := d.conns.Load(c); ok {
			v.(*connState).state.Store(int32(s))
		}
	}
}

// newConnGrace is how long a connection accepted without a request yet is
// waited for after the listener closed: a client sends its request right
// after connecting; one that stays silent longer only keeps a spare
// connection, which Shutdown closes.
const newConnGrace = time.Second

// busy counts the connections reading or answering a request, and those
// accepted less than newConnGrace ago whose request has not arrived yet.
func (d *drainer) busy(now time.Time) int {
	n := 0
	d.conns.Range(func(_, v any) bool {
		cs := v.(*connState)
		s := http.ConnState(cs.state.Load())
		if s == http.StateActive || s == http.StateNew && now.Sub(cs.since) < newConnGrace {
			n++
		}
		return true
	})
	return n
}

// waitQuiet waits until no connection is busy, or ctx ends.
func (d *drainer) waitQuiet(ctx context.Context) {
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for d.busy(time.Now()) > 0 {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// shutdown stops srv, which serves ln (served receives Serve's result):
// readiness goes 503 and every response closes its connection, while the
// listener stays open for delay so that nothing is refused before a load
// balancer (or a new instance on the same port) takes over. Then the
// listener closes and the requests of the connections already accepted
// are answered before Shutdown, which drops (closes without an answer)
// any request it reads after it began; Shutdown then closes the idle
// connections and waits for the rest, at most timeout in all.
func (d *drainer) shutdown(srv *http.Server, ln net.Listener, served <-chan error, delay, timeout time.Duration, logger *slog.Logger) error {
	logger.Info("draining", "delay", delay)
	d.start()
	time.Sleep(delay)

	logger.Info("shutting down", "connections_busy", d.busy(time.Now()))
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	ln.Close()
	if err := <-served; err != nil && !errors.Is(err, net.ErrClosed) {
		logger.Warn("serve", "err", err)
	}
	d.waitQuiet(ctx)
	if err := srv.Shutdown(ctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}
