package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"careerguide/internal/store"
	"careerguide/internal/testdb"
)

// A person's read-after position is the primary's WAL position read after
// their write committed: the calls that arrive together share a query,
// and each gets a position at or past every commit made before it asked,
// while other sessions keep writing.
func TestWALPositionIsReadAfterTheCall(t *testing.T) {
	t.Parallel()
	url := testdb.URL(t)
	pool := testdb.Pool(t, url)
	st := store.New(pool)
	st.ReadFrom(pool, time.Second) // a server not in recovery: reads stay on the primary
	ctx := context.Background()
	if _, err := pool.Exec(ctx, "create table marks (n int)"); err != nil {
		t.Fatal(err)
	}
	position := func() int64 {
		var pos int64
		if err := pool.QueryRow(ctx, "select (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint").Scan(&pos); err != nil {
			t.Fatal(err)
		}
		return pos
	}
	var wg sync.WaitGroup
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				if _, err := pool.Exec(ctx, "insert into marks values ($1)", w*100+i); err != nil {
					t.Error(err)
					return
				}
				committed := position()
				got, err := st.WALPosition(ctx)
				if err != nil {
					t.Error(err)
					return
				}
				if got < committed {
					t.Errorf("WALPosition %d, before a commit at %d made before the call", got, committed)
					return
				}
			}
		}()
	}
	wg.Wait()
	if st.ReadsOn() != "primary (standby not checked yet)" {
		t.Errorf("reads: %s", st.ReadsOn())
	}
	if got := st.CheckStandby(ctx); got.Usable || got.Problem != "not in recovery" {
		t.Errorf("a primary as DATABASE_READ_URL: %+v, want not usable, not a standby", got)
	}
	if st.ReadsOn() != "primary (the read URL is not in recovery, so not a standby)" {
		t.Errorf("reads: %s", st.ReadsOn())
	}
}
