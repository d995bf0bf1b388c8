//go:build reliability

// Package reliability runs the real careerguide binary against a real
// PostgreSQL of its own and checks what a user would notice through a
// database outage, a graceful restart under load, concurrent writes, two
// instances sharing a database, a soak and a standby crashed under load. It is gated by the build tag
// "reliability":
//
//	go test -tags reliability -count=1 -v ./internal/reliability
//
// The opt-in stress "churn" runs only with RELIABILITY_CHURN=<restarts>.
//
// Every test logs one line "RELIABILITY <name>: key=value ..." with its
// figures; TestReliability prints them all again at the end. When
// RELIABILITY_REPORT names a file, each line is also appended to it as JSON.
package reliability

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestReliability builds the binary once and runs every scenario in turn
// (not in parallel: load and timing figures must not disturb each other).
func TestReliability(t *testing.T) {
	start := time.Now()
	s := &suite{root: moduleRoot(t), rep: &report{}}
	s.bin = buildBinary(t, s.root, t.TempDir())
	defer func() {
		t.Logf("RELIABILITY summary (%v in all):\n%s", time.Since(start).Round(time.Second), s.rep.summary())
	}()
	t.Run("outage", s.testOutage)
	t.Run("restart", s.testGracefulRestart)
	t.Run("concurrency", s.testConcurrency)
	t.Run("instances", s.testTwoInstances)
	t.Run("soak", s.testSoak)
	t.Run("logins", s.testLoginStorm)
	t.Run("searchstorm", s.testSearchStorm)
	t.Run("idleconns", s.testIdleConnections)
	t.Run("sharedcache", s.testSharedCache)
	t.Run("pooler", s.testPooler)
	t.Run("standby", s.testStandby)
	t.Run("churn", s.testRestartChurn) // opt-in: RELIABILITY_CHURN=<restarts>
}

// report collects each scenario's figures for the summary.
type report struct {
	mu    sync.Mutex
	lines []figures
}

// figures are one scenario's numbers: requests sent, failures, submissions
// lost, and anything else as ordered key/value pairs.
type figures struct {
	Test     string      `json:"test"`
	Passed   bool        `json:"passed"`
	Requests int         `json:"requests"`
	Failures int         `json:"failures"`
	Lost     int         `json:"lost"`
	Extra    [][2]string `json:"extra,omitempty"`
}

func (f *figures) add(key string, value any) {
	f.Extra = append(f.Extra, [2]string{key, fmt.Sprint(value)})
}

func (f *figures) line() string {
	var b strings.Builder
	fmt.Fprintf(&b, "RELIABILITY %s: requests=%d failures=%d lost=%d", f.Test, f.Requests, f.Failures, f.Lost)
	for _, kv := range f.Extra {
		fmt.Fprintf(&b, " %s=%s", kv[0], kv[1])
	}
	if !f.Passed {
		b.WriteString(" FAILED")
	}
	return b.String()
}

// record logs f's line at the end of the test (whether it passed or not)
// and keeps it for the summary.
func (r *report) record(t *testing.T, f *figures) {
	t.Cleanup(func() {
		f.Passed = !t.Failed()
		t.Log(f.line())
		r.mu.Lock()
		r.lines = append(r.lines, *f)
		r.mu.Unlock()
		if path := os.Getenv("RELIABILITY_REPORT"); path != "" {
			if b, err := json.Marshal(f); err == nil {
				if file, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644); err == nil {
					file.Write(append(b, '\n'))
					file.Close()
				}
			}
		}
	})
}

func (r *report) summary() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	lines := make([]string, 0, len(r.lines))
	for _, f := range r.lines {
		lines = append(lines, f.line())
	}
	return strings.Join(lines, "\n")
}
