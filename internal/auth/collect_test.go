package auth

import (
	"context"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
)

// A hash at Params holds 19 MiB. Hash and Check give their slot back only
// when a collection has reclaimed it, so a burst of logins never holds
// more than Slots of them (the reliability suite's login storm measures
// the process's peak memory). With the garbage collector otherwise off,
// the heap is where it was once each returns.
func TestHashMemoryIsReclaimedBeforeTheSlotIsFree(t *testing.T) {
	ctx := context.Background()
	hs, err := NewHasher()
	if err != nil {
		t.Fatal(err)
	}
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	runtime.GC()
	before := heapObjects()
	stored, err := hs.Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if grew := int64(heapObjects()) - int64(before); grew > 4<<20 {
		t.Errorf("after Hash the heap holds %.1f MiB more, want the hash's memory reclaimed", float64(grew)/(1<<20))
	}
	before = heapObjects()
	if ok, err := hs.Check(ctx, "correct horse battery", stored); !ok || err != nil {
		t.Fatalf("Check: %v %v", ok, err)
	}
	if grew := int64(heapObjects()) - int64(before); grew > 4<<20 {
		t.Errorf("after Check the heap holds %.1f MiB more, want the hash's memory reclaimed", float64(grew)/(1<<20))
	}
}

// heapObjects is the memory the heap's objects take, live or not yet
// reclaimed.
func heapObjects() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
