package main

import (
	"io"
	"sync"
	"time"
)

// logWriter batches log lines: at thousands of requests a second, one
// write per batch instead of one per request line. The writes happen on
// the writer's own goroutine, so a request that logs only appends to
// memory; it never waits for the output (a file, a pipe) unless that has
// fallen maxPending bytes behind, and then it waits rather than lose a
// line. Lines reach the output at most flushEvery late, or as soon as
// flushAt bytes wait; Close writes what is left.
type logWriter struct {
	out   io.Writer
	mu    sync.Mutex
	room  *sync.Cond // broadcast when the pending lines were taken
	buf   []byte     // lines waiting; guarded by mu
	spare []byte     // the buffer last written, reused; guarded by mu
	kick  chan struct{}
	stop  chan struct{}
	done  chan struct{}
}

const (
	flushEvery = 100 * time.Millisecond
	flushAt    = 64 << 10
	maxPending = 1 << 20
)

func newLogWriter(out io.Writer) *logWriter {
	l := &logWriter{out: out, kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	l.room = sync.NewCond(&l.mu)
	go func() {
		defer close(l.done)
		t := time.NewTicker(flushEvery)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				l.flush()
			case <-l.kick:
				l.flush()
			case <-l.stop:
				l.flush()
				return
			}
		}
	}()
	return l
}

func (l *logWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	for len(l.buf) >= maxPending {
		l.room.Wait()
	}
	l.buf = append(l.buf, p...)
	full := len(l.buf) >= flushAt
	l.mu.Unlock()
	if full {
		select {
		case l.kick <- struct{}{}:
		default: // a flush is already due
		}
	}
	return len(p), nil
}

// flush writes the pending lines; only the writer's goroutine calls it.
func (l *logWriter) flush() {
	l.mu.Lock()
	b := l.buf
	l.buf, l.spare = l.spare[:0], nil
	l.room.Broadcast()
	l.mu.Unlock()
	if len(b) == 0 {
		return
	}
	l.out.Write(b) // nowhere to report a failed log write
	l.mu.Lock()
	l.spare = b
	l.mu.Unlock()
}

// Close stops the writer's goroutine and writes the rest.
func (l *logWriter) Close() error {
	close(l.stop)
	<-l.done
	return nil
}
