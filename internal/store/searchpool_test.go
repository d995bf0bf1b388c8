package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"careerguide/internal/store"
	"careerguide/internal/testdb"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// searchPool is a search pool of one connection on a database with content.
func searchPool(t *testing.T, timeout time.Duration) (*store.Store, *pgxpool.Pool) {
	t.Helper()
	url := testdb.URLWithContent(t)
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	store.ConfigureSearchPool(cfg, 1, timeout)
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	st := store.New(testdb.Pool(t, url))
	st.SearchOn(pool)
	return st, pool
}

// On the search pool, every search runs the generic plan from the first
// run (custom plans cost PostgreSQL up to seconds on each new connection),
// finds what the shared pool finds, and a cancelled search keeps its
// connection (and so its plan).
func TestSearchPoolPlansOnceAndKeepsItsConnection(t *testing.T) {
	t.Parallel()
	st, pool := searchPool(t, 2*time.Second)
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
	var custom, generic int64
	if err := pool.QueryRow(ctx, "select coalesce(sum(custom_plans), 0), coalesce(sum(generic_plans), 0) from pg_prepared_statements").Scan(&custom, &generic); err != nil {
		t.Fatal(err)
	}
	if custom != 0 || generic < int64(len(searchCases)) {
		t.Errorf("%d custom and %d generic plans for %d searches; want only generic", custom, generic, len(searchCases))
	}
	var pid uint32
	pool.QueryRow(ctx, "select pg_backend_pid()").Scan(&pid)
	cctx, cancel := context.WithCancel(ctx)
	go func() { time.Sleep(100 * time.Millisecond); cancel() }()
	_, err := pool.Exec(cctx, "select pg_sleep(5)")
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "57014" {
		t.Errorf("cancelled search: %v, want query_canceled (57014) from PostgreSQL", err)
	}
	var after uint32
	pool.QueryRow(ctx, "select pg_backend_pid()").Scan(&after)
	if after != pid {
		t.Errorf("a cancelled search closed its connection (backend %d, then %d)", pid, after)
	}
}

// PostgreSQL itself stops a search that runs past the timeout.
func TestSearchPoolTimesOutInPostgreSQL(t *testing.T) {
	t.Parallel()
	_, pool := searchPool(t, 200*time.Millisecond)
	start := time.Now()
	_, err := pool.Exec(context.Background(), "select pg_sleep(3)")
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "57014" || time.Since(start) > 2*time.Second {
		t.Errorf("a 3 s statement on a 200 ms search pool: %v after %v", err, time.Since(start))
	}
}
