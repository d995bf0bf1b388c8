package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"careerguide/internal/store"
	"careerguide/internal/testdb"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// pooledSearchPool is a search pool of one connection configured for a
// pooler in transaction mode, on a database with content.
func pooledSearchPool(t *testing.T, timeout time.Duration) (*store.Store, *pgxpool.Pool) {
	t.Helper()
	url := testdb.URLWithContent(t)
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	store.ConfigurePooledSearchPool(cfg, 1, timeout)
	if len(cfg.ConnConfig.RuntimeParams) != 1 || cfg.ConnConfig.RuntimeParams["application_name"] == "" {
		t.Errorf("startup parameters through a pooler: %v, want application_name only (PgBouncer refuses the others)", cfg.ConnConfig.RuntimeParams)
	}
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	st := store.New(testdb.Pool(t, url))
	st.SearchThroughPooler(pool, timeout)
	return st, pool
}

// settings are what a search's session or transaction has set.
type settings struct{ planCache, seqscan, timeout, readOnly string }

func readSettings(ctx context.Context, q interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}) (settings, error) {
	var s settings
	err := q.QueryRow(ctx, `select current_setting('plan_cache_mode'), current_setting('enable_seqscan'),
		current_setting('statement_timeout'), current_setting('transaction_read_only')`).Scan(&s.planCache, &s.seqscan, &s.timeout, &s.readOnly)
	return s, err
}

// Through a pooler, a search gets in its own transaction what a search
// connection gets for its session: it finds what the shared pool finds,
// runs generic plans, no whole-table scans, read only, stopped by
// PostgreSQL after the timeout; and nothing of it is left on the server
// connection for the next transaction, which a pooler may give to any
// other client.
func TestPooledSearchSetsItsSettingsInItsTransactionOnly(t *testing.T) {
	t.Parallel()
	st, pool := pooledSearchPool(t, 300*time.Millisecond)
	ctx := context.Background()
	for _, c := range searchCases {
		got, err := st.SearchOccupations(ctx, c.q, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || got[0] != c.want {
			t.Errorf("search %q: first results %v, want %s first", c.q, got, c.want)
		}
	}
	var inside settings
	var pid, pidAfter uint32
	err := st.InSearchTx(ctx, func(tx pgx.Tx) error {
		var err error
		if inside, err = readSettings(ctx, tx); err != nil {
			return err
		}
		return tx.QueryRow(ctx, "select pg_backend_pid()").Scan(&pid)
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := (settings{"force_generic_plan", "off", "300ms", "on"}); inside != want {
		t.Errorf("inside a search's transaction: %+v, want %+v", inside, want)
	}

	start := time.Now()
	err = st.InSearchTx(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, "select pg_sleep(3)")
		return err
	})
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "57014" || time.Since(start) > 2*time.Second {
		t.Errorf("a 3 s statement in a search's transaction with a 300 ms timeout: %v after %v, want statement_timeout (57014) from PostgreSQL", err, time.Since(start))
	}

	// A search whose request went away is cancelled by PostgreSQL and
	// rolled back on its connection, which stays open: through a pooler,
	// a client connection closed in a transaction takes PgBouncer's server
	// connection with it.
	cctx, cancel := context.WithCancel(ctx)
	go func() {
		// Once the statement runs (not before: a context cancelled before
		// the statement is sent ends it in the client), seen from the
		// store's other pool.
		defer cancel()
		for end := time.Now().Add(4 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
			var running bool
			st.Pool().QueryRow(ctx, "select exists (select from pg_stat_activity where state = 'active' and query = 'select pg_sleep(5)')").Scan(&running)
			if running {
				return
			}
		}
	}()
	err = st.InSearchTx(cctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(cctx, "select pg_sleep(5)")
		return err
	})
	if !errors.As(err, &pgErr) || pgErr.Code != "57014" {
		t.Errorf("cancelled search: %v, want query_canceled (57014) from PostgreSQL", err)
	}

	// The pool's one connection, now outside any search transaction.
	after, err := readSettings(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	pool.QueryRow(ctx, "select pg_backend_pid()").Scan(&pidAfter)
	if pidAfter != pid {
		t.Fatalf("the search pool's connection was closed (backend %d, then %d): by a timed-out or a cancelled search", pid, pidAfter)
	}
	if want := (settings{"auto", "on", "0", "off"}); after != want {
		t.Errorf("after the search's transaction, the same connection has %+v, want PostgreSQL's defaults %+v", after, want)
	}
}

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
