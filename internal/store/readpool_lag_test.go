package store

import (
	"testing"
	"time"
)

// The lag is an upper bound on the age of the oldest write the standby
// has not replayed: from the newest primary position it replayed, or
// from its last replayed commit, whichever is less; unknown when neither
// applies.
func TestStandbyLagBounds(t *testing.T) {
	t0 := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	sb := &Standby{maxLag: 5 * time.Second}
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	for _, c := range []struct {
		name          string
		t0, t1        int // ms: the primary's position read at t0, the standby's at t1
		pos, replayed int64
		replayAge     float64
		wantLag       time.Duration
		wantKnown     bool
	}{
		{"caught up", 0, 2, 100, 100, 3600, 2 * time.Millisecond, true},
		{"idle primary, old last commit", 1000, 1003, 100, 100, 7200, 3 * time.Millisecond, true},
		{"behind the newest position, holding the one before", 2000, 2004, 200, 150, 60, 1004 * time.Millisecond, true},
		{"its last commit bounds it closer", 3000, 3005, 300, 150, 0.5, 500 * time.Millisecond, true},
		{"behind every position kept, no commit replayed", 4000, 4006, 400, 50, -1, 4006 * time.Millisecond, false},
		{"behind every position kept, a commit 9 s ago", 5000, 5001, 500, 50, 9, 9 * time.Second, true},
	} {
		sb.remember(at(c.t0), c.pos)
		lag, known := sb.lag(at(c.t1), c.replayed, c.replayAge)
		if lag != c.wantLag || known != c.wantKnown {
			t.Errorf("%s: lag %v (known %v), want %v (known %v)", c.name, lag, known, c.wantLag, c.wantKnown)
		}
	}
	// Positions read while the standby did not answer bound its lag once
	// it does.
	sb.remember(at(20000), 500)
	sb.remember(at(21000), 550)
	sb.remember(at(22000), 580)
	if lag, known := sb.lag(at(22010), 550, -1); !known || lag != 1010*time.Millisecond {
		t.Errorf("back after a second down: lag %v (known %v), want 1.01s", lag, known)
	}
	// Positions older than READ_MAX_LAG + 10 s are forgotten.
	sb.remember(at(40000), 600)
	lag, known := sb.lag(at(40001), 100, -1)
	if known || lag != time.Millisecond {
		t.Errorf("18 s later: lag %v (known %v), want 1ms unknown (only the new position kept)", lag, known)
	}
}
