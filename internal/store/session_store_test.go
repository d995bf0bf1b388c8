package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"careerguide/internal/store"
	"careerguide/internal/testdb"
)

// sessionFinds asks ss for every token at once and returns what each got.
func sessionFinds(ss *store.SessionStore, tokens []string) ([][]byte, []bool, []error) {
	data, found, errs := make([][]byte, len(tokens)), make([]bool, len(tokens)), make([]error, len(tokens))
	var wg sync.WaitGroup
	for i, tok := range tokens {
		wg.Go(func() { data[i], found[i], errs[i] = ss.FindCtx(context.Background(), tok) })
	}
	wg.Wait()
	return data, found, errs
}

// Finds asked together are read in groups of at most the batch size, and
// each gets its own session: a live one with its data, an expired or
// unknown one as not found, a token asked twice twice.
func TestSessionStoreReadsFindsTogether(t *testing.T) {
	t.Parallel()
	pool := testdb.Pool(t, testdb.URL(t))
	var mu sync.Mutex
	var queries, biggest int
	ss := store.New(pool).NewSessionStoreObserved(2, 8, 5*time.Second, func(tokens []string) {
		mu.Lock()
		queries++
		biggest = max(biggest, len(tokens))
		mu.Unlock()
	})
	defer ss.Close()

	const live = 60
	var tokens []string
	for i := range live {
		tok := fmt.Sprintf("token-%02d", i)
		if err := ss.Commit(tok, []byte("data of "+tok), time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		tokens = append(tokens, tok, tok) // each asked twice
	}
	if err := ss.Commit("expired", []byte("old"), time.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	tokens = append(tokens, "expired", "unknown")

	data, found, errs := sessionFinds(ss, tokens)
	for i, tok := range tokens {
		switch {
		case errs[i] != nil:
			t.Errorf("%s: %v", tok, errs[i])
		case tok == "expired" || tok == "unknown":
			if found[i] {
				t.Errorf("%s: found %q, want not found", tok, data[i])
			}
		case !found[i] || string(data[i]) != "data of "+tok:
			t.Errorf("%s: found %v with %q, want its own data", tok, found[i], data[i])
		}
	}
	if biggest > 8 {
		t.Errorf("a query read %d sessions, want at most the batch size 8", biggest)
	}
	if queries < (len(tokens)+7)/8 || queries > len(tokens) {
		t.Errorf("%d queries for %d finds", queries, len(tokens))
	}
	t.Logf("%d finds in %d queries, at most %d per query", len(tokens), queries, biggest)
}

// The finds that arrive while a reader waits for PostgreSQL are read
// together in its next query, not one query each.
func TestSessionStoreGroupsTheFindsThatWaited(t *testing.T) {
	t.Parallel()
	pool := testdb.Pool(t, testdb.URL(t))
	first := make(chan struct{})
	release := make(chan struct{})
	var mu sync.Mutex
	var sizes []int
	ss := store.New(pool).NewSessionStoreObserved(1, 64, 5*time.Second, func(tokens []string) {
		mu.Lock()
		sizes = append(sizes, len(tokens))
		n := len(sizes)
		mu.Unlock()
		if n == 1 {
			close(first)
			<-release // the first query is slow: the other finds queue
		}
	})
	defer ss.Close()
	if err := ss.Commit("a", []byte("x"), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}

	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, ok, err := ss.FindCtx(context.Background(), "a"); !ok || err != nil {
			t.Errorf("first find: %v %v", ok, err)
		}
	}()
	<-first
	const waiting = 20
	var wg sync.WaitGroup
	for range waiting {
		wg.Go(func() {
			if _, ok, err := ss.FindCtx(context.Background(), "a"); !ok || err != nil {
				t.Errorf("find: %v %v", ok, err)
			}
		})
	}
	// Let the finds reach the reader's queue before the first query ends.
	time.Sleep(200 * time.Millisecond)
	close(release)
	wg.Wait()
	<-done
	mu.Lock()
	defer mu.Unlock()
	if len(sizes) != 2 || sizes[1] != waiting {
		t.Fatalf("queries read %v sessions, want [1 %d]", sizes, waiting)
	}
}

// A failed query is an error for every find it served, never "no
// session": that would sign people out and start them a new session.
func TestSessionStoreReportsAFailedQuery(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.Pool(t, testdb.URL(t))
	ss := store.New(pool).NewSessionStore(2, 8, 5*time.Second)
	defer ss.Close()
	if err := ss.Commit("a", []byte("x"), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, "alter table sessions rename to sessions_gone"); err != nil {
		t.Fatal(err)
	}
	tokens := make([]string, 30)
	for i := range tokens {
		tokens[i] = "a"
	}
	_, found, errs := sessionFinds(ss, tokens)
	for i := range tokens {
		if errs[i] == nil || found[i] {
			t.Fatalf("find %d: found %v, error %v; want an error", i, found[i], errs[i])
		}
	}
}

// Close answers the finds the readers took; finds during and after Close
// are still answered, from a query of their own.
func TestSessionStoreCloseAnswersEveryFind(t *testing.T) {
	t.Parallel()
	pool := testdb.Pool(t, testdb.URL(t))
	ss := store.New(pool).NewSessionStore(2, 8, 5*time.Second)
	if err := ss.Commit("a", []byte("x"), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	const n = 100
	errs := make([]error, n)
	found := make([]bool, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { _, found[i], errs[i] = ss.FindCtx(context.Background(), "a") })
		if i == n/2 {
			ss.Close()
		}
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil || !found[i] {
			t.Errorf("find %d: found %v, error %v", i, found[i], errs[i])
		}
	}
	if _, ok, err := ss.FindCtx(context.Background(), "a"); !ok || err != nil {
		t.Fatalf("find after close: %v %v", ok, err)
	}
}

// A find whose request ended stops waiting with the request's error.
func TestSessionStoreFindStopsWithItsContext(t *testing.T) {
	t.Parallel()
	pool := testdb.Pool(t, testdb.URL(t))
	release := make(chan struct{})
	ss := store.New(pool).NewSessionStoreObserved(1, 8, 5*time.Second, func([]string) { <-release })
	defer ss.Close()
	defer close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, _, err := ss.FindCtx(ctx, "a"); err != context.DeadlineExceeded {
		t.Fatalf("find: %v, want the context's deadline", err)
	}
}

// The result checker tells stored ids from others, asked together, sees a
// deletion at once, and reports a failed query as an error.
func TestResultCheckerTellsStoredResults(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.Pool(t, testdb.URL(t))
	st := store.New(pool)
	w := st.NewResultWriter(8, 10*time.Second)
	defer w.Close()
	c := st.NewResultChecker(2, 4, 5*time.Second)
	defer c.Close()
	for i, err := range saveAll(w, 10, anonymous) {
		if err != nil {
			t.Fatalf("save %d: %v", i, err)
		}
	}
	ids := make([]string, 0, 40)
	for i := range 20 {
		ids = append(ids, resultN(i, 0).ID) // 0-9 stored, 10-19 not
		ids = append(ids, resultN(i%10, 0).ID)
	}
	got := make([]bool, len(ids))
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Go(func() { got[i], errs[i] = c.Exists(ctx, id) })
	}
	wg.Wait()
	for i, id := range ids {
		want := id < resultN(10, 0).ID
		if errs[i] != nil || got[i] != want {
			t.Errorf("%s: %v, %v; want %v", id, got[i], errs[i], want)
		}
	}
	if _, err := pool.Exec(ctx, "delete from quiz_results where id = $1", resultN(3, 0).ID); err != nil {
		t.Fatal(err)
	}
	if ok, err := c.Exists(ctx, resultN(3, 0).ID); ok || err != nil {
		t.Fatalf("deleted result: %v, %v; want not stored", ok, err)
	}
	if _, err := pool.Exec(ctx, "alter table quiz_results rename to quiz_results_gone"); err != nil {
		t.Fatal(err)
	}
	if ok, err := c.Exists(ctx, resultN(4, 0).ID); ok || err == nil {
		t.Fatalf("with the table gone: %v, %v; want an error", ok, err)
	}
}
