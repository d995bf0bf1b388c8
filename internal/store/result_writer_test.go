package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"careerguide/internal/store"
	"careerguide/internal/testdb"
)

// resultN is the n-th of a test's results: a distinct 22-character id.
func resultN(n int, userID int64) *store.Result {
	return &store.Result{
		ID: fmt.Sprintf("w%021d", n), CareerSlug: "backend-developer", Answers: make([]int, 15),
		Holland: "IRC", Match: float64(n % 100), UserID: userID,
	}
}

// saveAll saves n results at once through w and returns each one's error.
func saveAll(w *store.ResultWriter, n int, userID func(int) int64) []error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errs[i] = w.Save(context.Background(), resultN(i, userID(i))) })
	}
	wg.Wait()
	return errs
}

func anonymous(int) int64 { return 0 }

// Results that arrive together share transactions of at most the batch
// size, and every one answered nil is stored with its counters.
func TestResultWriterGroupsWithinTheBatchSize(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.Pool(t, testdb.URL(t))
	w := store.New(pool).NewResultWriter(4, 10*time.Second)
	defer w.Close()

	const n = 60
	for i, err := range saveAll(w, n, anonymous) {
		if err != nil {
			t.Fatalf("save %d: %v", i, err)
		}
	}
	var rows, txs, biggest, counted int
	if err := pool.QueryRow(ctx, `select count(*), count(distinct xmin::text), max(c) from
		(select xmin, count(*) over (partition by xmin::text) c from quiz_results) t`).Scan(&rows, &txs, &biggest); err != nil {
		t.Fatal(err)
	}
	if err := pool.QueryRow(ctx, "select coalesce(sum(results), 0) from result_histogram").Scan(&counted); err != nil {
		t.Fatal(err)
	}
	if rows != n || counted != n {
		t.Fatalf("%d rows and %d counted, want %d each", rows, counted, n)
	}
	if biggest > 4 {
		t.Fatalf("a transaction stored %d results, more than the batch size 4", biggest)
	}
	if txs >= n {
		t.Fatalf("%d results in %d transactions: none were grouped", n, txs)
	}
	t.Logf("%d results in %d transactions", n, txs)
}

// One bad result in a batch (its account was just deleted) fails alone:
// the batch is written again result by result.
func TestResultWriterFailsOnlyTheBadResult(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.Pool(t, testdb.URL(t))
	st := store.New(pool)
	gone, err := st.CreateUser(ctx, "gone@example.com", "hash")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteUser(ctx, gone); err != nil {
		t.Fatal(err)
	}
	w := st.NewResultWriter(64, 10*time.Second)
	defer w.Close()
	const n = 40
	errs := saveAll(w, n, func(i int) int64 {
		if i%10 == 3 {
			return gone
		}
		return 0
	})
	stored := 0
	for i, err := range errs {
		switch {
		case i%10 == 3 && !errors.Is(err, store.ErrNoUser):
			t.Errorf("result %d of a deleted account: %v, want ErrNoUser", i, err)
		case i%10 != 3 && err != nil:
			t.Errorf("result %d: %v", i, err)
		case err == nil:
			stored++
		}
	}
	var rows int
	if err := pool.QueryRow(ctx, "select count(*) from quiz_results").Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows != stored || rows != n-4 {
		t.Fatalf("%d rows, %d answered stored, want %d", rows, stored, n-4)
	}
}

// When the database cannot commit, every waiting Save gets the error and
// nothing is stored; nobody is told "stored" for a lost result.
func TestResultWriterReportsAFailedCommit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.Pool(t, testdb.URL(t))
	// Make every insert fail as a commit would: the table refuses writes.
	if _, err := pool.Exec(ctx, "alter table quiz_results add constraint refuse check (false) not valid"); err != nil {
		t.Fatal(err)
	}
	w := store.New(pool).NewResultWriter(8, 10*time.Second)
	defer w.Close()
	for i, err := range saveAll(w, 20, anonymous) {
		if err == nil {
			t.Fatalf("save %d: nil, want the database's error", i)
		}
	}
	var rows, counted int
	pool.QueryRow(ctx, "select count(*), (select coalesce(sum(results), 0) from result_histogram) from quiz_results").Scan(&rows, &counted)
	if rows != 0 || counted != 0 {
		t.Fatalf("%d rows and %d counted after failed commits", rows, counted)
	}
}

// Close answers every result it took; a Save after Close is refused, and
// a result answered nil is always stored.
func TestResultWriterCloseDrains(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.Pool(t, testdb.URL(t))
	w := store.New(pool).NewResultWriter(8, 10*time.Second)
	const n = 50
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errs[i] = w.Save(ctx, resultN(i, 0)) })
		if i == n/2 {
			w.Close()
		}
	}
	wg.Wait()
	for i, err := range errs {
		var exists bool
		if err := pool.QueryRow(ctx, "select exists (select 1 from quiz_results where id = $1)", resultN(i, 0).ID).Scan(&exists); err != nil {
			t.Fatal(err)
		}
		switch {
		case err == nil && !exists:
			t.Errorf("result %d answered stored but missing", i)
		case err != nil && !errors.Is(err, store.ErrWriterClosed):
			t.Errorf("result %d: %v, want nil or ErrWriterClosed", i, err)
		case err != nil && exists:
			t.Errorf("result %d refused but stored", i)
		}
	}
	if err := w.Save(ctx, resultN(n, 0)); !errors.Is(err, store.ErrWriterClosed) {
		t.Fatalf("save after close: %v, want ErrWriterClosed", err)
	}
}
