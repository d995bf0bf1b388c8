package app

import (
	"context"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// The app's live heap is small: tens of MB (the catalog and the page
// caches), while a request allocates about 4 KB, nearly all of it in
// net/http. With Go's default GOGC=100 (collect when the heap has doubled)
// it collects several times a second under load, and on two cores each
// collection's marking takes 10-20 ms of wall time, slowing every request
// that overlaps it. So, unless GOGC is set, the heap may grow by a fixed
// headroom (GC_HEADROOM) between collections rather than by its live size:
// collections become rarer while the live heap is small, and nothing
// changes once it is larger than the headroom (then Go's default grows it
// by more). There is no memory limit: a live heap that grows is never
// collected in a loop.

// tuneGC sets GOGC after every collection so that the next one comes when
// the heap has grown by headroom bytes over the live heap, or doubled,
// whichever is more. It checks for a new collection every interval and
// puts the previous GOGC back when ctx ends.
func tuneGC(ctx context.Context, headroom uint64, every time.Duration) {
	samples := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}}
	var cycles uint64
	set, prev := -1, 0
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		metrics.Read(samples)
		if c := samples[1].Value.Uint64(); c != cycles || set < 0 {
			cycles = c
			if pct := gcPercent(samples[0].Value.Uint64(), headroom); pct != set {
				old := debug.SetGCPercent(pct)
				if set < 0 {
					prev = old
				}
				set = pct
			}
		}
		select {
		case <-ctx.Done():
			debug.SetGCPercent(prev)
			return
		case <-t.C:
		}
	}
}

// gcPercent is the GOGC under which a heap of live bytes grows by at least
// headroom before its next collection, and never less than Go's default.
// Before the first collection the live heap reads 0: 1 MB is assumed.
func gcPercent(live, headroom uint64) int {
	live = max(live, 1<<20)
	return int(min(max(100, headroom*100/live), 10_000))
}
