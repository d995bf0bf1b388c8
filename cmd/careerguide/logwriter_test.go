package main

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestLogWriterFlushesOnTickAndClose(t *testing.T) {
	var out lockedBuffer
	w := newLogWriter(&out)
	w.Write([]byte("first line\n"))
	deadline := time.Now().Add(2 * time.Second)
	for !strings.Contains(out.String(), "first line") {
		if time.Now().After(deadline) {
			t.Fatal("a line was not flushed within 2 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	w.Write([]byte("last line\n"))
	w.Close()
	if !strings.HasSuffix(out.String(), "last line\n") {
		t.Fatalf("Close did not write the rest: %q", out.String())
	}
}

// blockedWriter holds every write until release is closed.
type blockedWriter struct {
	lockedBuffer
	release chan struct{}
}

func (b *blockedWriter) Write(p []byte) (int, error) {
	<-b.release
	return b.lockedBuffer.Write(p)
}

// writeLines writes line n times to w from a goroutine of its own and
// closes the channel returned when the last Write returned.
func writeLines(w *logWriter, line []byte, n int) <-chan struct{} {
	wrote := make(chan struct{})
	go func() {
		for range n {
			w.Write(line)
		}
		close(wrote)
	}()
	return wrote
}

func TestLogWriterDoesNotWaitForASlowOutput(t *testing.T) {
	out := &blockedWriter{release: make(chan struct{})}
	w := newLogWriter(out)
	line := []byte(strings.Repeat("x", 99) + "\n")
	// More than flushAt, so the writer's goroutine is stuck in a write,
	// but less than maxPending: every Write must return at once.
	n := 2 * flushAt / len(line)
	wrote := writeLines(w, line, n)
	select {
	case <-wrote:
	case <-time.After(2 * time.Second):
		t.Fatal("Write waited for the blocked output")
	}
	close(out.release)
	w.Close()
	if got, want := len(out.String()), n*len(line); got != want {
		t.Fatalf("%d bytes written, want %d", got, want)
	}
}

func TestLogWriterWaitsWhenTooFarBehind(t *testing.T) {
	out := &blockedWriter{release: make(chan struct{})}
	w := newLogWriter(out)
	line := []byte(strings.Repeat("y", 1023) + "\n")
	n := 3 * maxPending / len(line)
	wrote := writeLines(w, line, n)
	select {
	case <-wrote:
		t.Fatal("Write buffered more than twice maxPending while the output was blocked")
	case <-time.After(200 * time.Millisecond):
	}
	close(out.release)
	<-wrote
	w.Close()
	if got, want := len(out.String()), n*len(line); got != want {
		t.Fatalf("%d bytes written, want %d: lines lost", got, want)
	}
}
