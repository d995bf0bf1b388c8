package auth

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestEmail(t *testing.T) {
	if got := NormalizeEmail("  Ada@Example.COM \n"); got != "ada@example.com" {
		t.Fatalf("NormalizeEmail: %q", got)
	}
	for _, ok := range []string{"ada@example.com", "a.b+c@sub.example.org"} {
		if err := CheckEmail(ok); err != nil {
			t.Errorf("%q rejected: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "ada", "ada@", "@example.com", "ada@localhost", "Ada <ada@example.com>", "a b@example.com", strings.Repeat("a", 250) + "@x.io"} {
		if CheckEmail(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestPasswordLength(t *testing.T) {
	cases := map[string]error{
		// the messages name the limits

		strings.Repeat("a", 11):  ErrPasswordShort,
		strings.Repeat("a", 12):  nil,
		strings.Repeat("é", 12):  nil, // 12 characters, 24 bytes
		strings.Repeat("a", 128): nil,
		strings.Repeat("a", 129): ErrPasswordLong,
	}
	for pw, want := range cases {
		if got := CheckPassword(pw); got != want {
			t.Errorf("len %d: %v, want %v", len(pw), got, want)
		}
	}
}

func TestHashUsesOWASPParameters(t *testing.T) {
	ctx := context.Background()
	hs, err := NewHasher()
	if err != nil {
		t.Fatal(err)
	}
	h, err := hs.Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q", h)
	}
	for _, c := range []struct {
		pw, stored string
		want       bool
	}{{"correct horse battery", h, true}, {"wrong horse battery", h, false}, {"correct horse battery", "", false}, {"correct horse battery", "$argon2id$garbage", false}} {
		if ok, err := hs.Check(ctx, c.pw, c.stored); ok != c.want || err != nil {
			t.Errorf("Check(%q, %.20q): %v %v, want %v", c.pw, c.stored, ok, err, c.want)
		}
	}
}

// With every slot taken, a hash waits in the queue for at most Wait, the
// queue holds at most Queue requests, and the rest get ErrBusy at once;
// a freed slot goes to a waiting request.
func TestHashingIsBounded(t *testing.T) {
	ctx := context.Background()
	hs, err := NewBoundedHasher(Bounds{Slots: 2, Queue: 1, Wait: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if b := DefaultBounds(); b.Slots != max(runtime.GOMAXPROCS(0)-1, 1) || b.Queue <= 0 || b.Wait <= 0 {
		t.Fatalf("default bounds %+v", b)
	}
	for range 2 { // both slots taken, as by two running hashes
		if err := hs.acquire(ctx); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	if _, err := hs.Check(ctx, "correct horse battery", ""); !errors.Is(err, ErrBusy) {
		t.Fatalf("with the slots taken: %v, want ErrBusy", err)
	}
	if waited := time.Since(start); waited < 50*time.Millisecond || waited > 2*time.Second {
		t.Fatalf("waited %v for a slot, want about 50ms", waited)
	}

	// One request waits; a second finds the queue full and is refused at once.
	waiting := make(chan error, 1)
	slow, _ := NewBoundedHasher(Bounds{Slots: 1, Queue: 1, Wait: time.Minute})
	slow.acquire(ctx)
	go func() {
		_, err := slow.Hash(ctx, "correct horse battery")
		waiting <- err
	}()
	for len(slow.queue) == 0 {
		time.Sleep(time.Millisecond)
	}
	start = time.Now()
	if _, err := slow.Hash(ctx, "correct horse battery"); !errors.Is(err, ErrBusy) || time.Since(start) > time.Second {
		t.Fatalf("with the queue full: %v after %v, want ErrBusy at once", err, time.Since(start))
	}
	slow.release()
	if err := <-waiting; err != nil {
		t.Fatalf("the waiting hash, once a slot was free: %v", err)
	}
	if len(slow.slots) != 0 || len(slow.queue) != 0 {
		t.Fatalf("slots %d, queue %d left taken", len(slow.slots), len(slow.queue))
	}

	// A request whose client has gone stops waiting.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := hs.Hash(cancelled, "x"); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}

func TestMessagesNameTheLimits(t *testing.T) {
	if !strings.Contains(ErrPasswordShort.Error(), "12") || !strings.Contains(ErrPasswordLong.Error(), "128") || MinPassword != 12 || MaxPassword != 128 {
		t.Fatal("password messages and limits disagree")
	}
}
