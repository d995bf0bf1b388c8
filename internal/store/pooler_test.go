package store_test

import (
	"context"
	"testing"
	"time"

	"careerguide/internal/store"
	"careerguide/internal/testdb"
)

// The content watcher hears a content change, on a connection taken from
// the pool (PostgreSQL itself) or on one of its own to a URL (beside a
// pooler, where a pooled connection would hear nothing).
func TestWatchContentHearsNotifications(t *testing.T) {
	t.Parallel()
	for _, at := range []bool{false, true} {
		url := testdb.URL(t)
		pool := testdb.Pool(t, url)
		st := store.New(pool)
		ctx, cancel := context.WithCancel(context.Background())
		heard := make(chan string, 4)
		done := make(chan struct{})
		t.Cleanup(func() { cancel(); <-done })
		go func() {
			defer close(done)
			onChange := func(h string) { heard <- h }
			onError := func(err error) { t.Errorf("listener (own connection %v): %v", at, err) }
			if at {
				st.WatchContentAt(ctx, url, onChange, onError)
			} else {
				st.WatchContent(ctx, onChange, onError)
			}
		}()
		// Until the LISTEN is in place a notification is not heard: send again.
		deadline := time.Now().Add(5 * time.Second)
		for got := ""; got == ""; {
			if _, err := pool.Exec(ctx, "select pg_notify($1, 'hash-1')", store.ContentChannel); err != nil {
				t.Fatal(err)
			}
			select {
			case got = <-heard:
				if got != "hash-1" {
					t.Errorf("own connection %v: heard %q, want hash-1", at, got)
				}
			case <-time.After(100 * time.Millisecond):
			}
			if got == "" && time.Now().After(deadline) {
				t.Fatalf("own connection %v: no notification heard within 5 s", at)
			}
		}
	}
}
