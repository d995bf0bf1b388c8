package main

import (
	"bufio"
	"io"
	"sync"
	"time"
)

// logWriter batches log lines: at a few thousand requests a second, one
// write per interval instead of one write per request line. Lines reach
// the output at most flushEvery late; Close writes what is left.
type logWriter struct {
	mu   sync.Mutex
	buf  *bufio.Writer
	stop chan struct{}
	done chan struct{}
}

const flushEvery = 100 * time.Millisecond

func newLogWriter(w io.Writer) *logWriter {
	l := &logWriter{buf: bufio.NewWriterSize(w, 64<<10), stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(l.done)
		t := time.NewTicker(flushEvery)
		defer t.Stop()
		for {
			select {
			case <-t.C:
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
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logWriter) flush() {
	l.mu.Lock()
	l.buf.Flush()
	l.mu.Unlock()
}

// Close stops the flusher and writes the rest.
func (l *logWriter) Close() error {
	close(l.stop)
	<-l.done
	return nil
}
