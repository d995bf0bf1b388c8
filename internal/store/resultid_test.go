package store

import (
	"testing"
	"time"
)

// Result ids are 22 characters of base64url, unique, and sort in the order
// they were made (by millisecond), with the time in their first 48 bits.
func TestResultIDsSortByTimeAndStayUnguessable(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	seen := map[string]bool{}
	prev := ""
	for i := range 2000 {
		at := t0.Add(time.Duration(i/2) * time.Millisecond) // two ids a millisecond
		id := NewResultID(at)
		if !ValidResultID(id) || len(id) != 22 {
			t.Fatalf("id %q has not the shape of a result id", id)
		}
		if seen[id] {
			t.Fatalf("id %q made twice", id)
		}
		seen[id] = true
		b, err := idEncoding.DecodeString(id)
		if err != nil {
			t.Fatal(err)
		}
		var ms int64
		for _, c := range b[:6] {
			ms = ms<<8 | int64(c)
		}
		if ms != at.UnixMilli() {
			t.Fatalf("id %q carries %d, want the time %d", id, ms, at.UnixMilli())
		}
		if i%2 == 0 && id <= prev {
			t.Fatalf("id %q made a millisecond after %q sorts before it", id, prev)
		}
		prev = id
	}
	// The 80 bits after the time are random: two ids of one instant differ
	// in them, and across many ids every one of those bits is seen set and
	// unset.
	var and, or [10]byte
	for i := range and {
		and[i] = 0xff
	}
	for range 256 {
		b, _ := idEncoding.DecodeString(NewResultID(t0))
		for i := range 10 {
			and[i] &= b[6+i]
			or[i] |= b[6+i]
		}
	}
	for i := range 10 {
		if and[i] != 0 || or[i] != 0xff {
			t.Fatalf("random byte %d: always-set %08b, ever-set %08b", i, and[i], or[i])
		}
	}
}
