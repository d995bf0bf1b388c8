package app

import (
	"context"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

func TestGCPercent(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		live, headroom uint64
		want           int
	}{
		{8 * mb, 48 * mb, 600},   // grows by 48 MB, not 8
		{24 * mb, 48 * mb, 200},  // by 48 MB, not 24
		{48 * mb, 48 * mb, 100},  // the default already grows it by 48 MB
		{200 * mb, 48 * mb, 100}, // never less than the default
		{0, 48 * mb, 4800},       // before the first collection: 1 MB assumed
		{1024, 1 << 40, 10_000},  // bounded
	} {
		if got := gcPercent(c.live, c.headroom); got != c.want {
			t.Errorf("gcPercent(%d MB, %d MB) = %d, want %d", c.live/mb, c.headroom/mb, got, c.want)
		}
	}
}

func gogc() uint64 {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func TestTuneGCSetsGOGCAndPutsItBack(t *testing.T) {
	before := gogc()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { tuneGC(ctx, 1<<30, time.Millisecond); close(done) }()
	runtime.GC()
	deadline := time.Now().Add(5 * time.Second)
	for gogc() <= 100 {
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("GOGC is %d after a collection with 1 GB of headroom", gogc())
		}
		time.Sleep(time.Millisecond)
	}
	cancel()
	<-done
	if got := gogc(); got != before {
		t.Errorf("GOGC %d after the tuner stopped, want %d back", got, before)
	}
	debug.SetGCPercent(int(before))
}
