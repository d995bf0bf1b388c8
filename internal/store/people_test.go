package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"careerguide/internal/store"
	"careerguide/internal/testdb"
)

const bd = "backend-developer"

// The Libraries count people as live reliability does, one client
// network a day: nine results from one network on one day are nine
// results from one person, in the guide's Library and the site's; the
// same network the next day is another person; a result whose sender is
// not known counts in neither figure; and the day rows older than
// yesterday are deleted as results come in, at most 1,000 a batch, so
// one client cannot grow the table and no submission carries a day's
// deletion.
func TestLibrariesCountPeoplePerNetworkPerDay(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.Pool(t, testdb.URL(t))
	st := store.New(pool)
	day := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	n := 0
	save := func(slug string, sender string, on time.Time) {
		t.Helper()
		n++
		r := &store.Result{
			ID: fmt.Sprintf("p%021d", n), CareerSlug: slug, Answers: make([]int, 15), Holland: "RIA",
			Layout: "layout-p", AlphaDay: on,
		}
		for i := range r.Answers {
			r.Answers[i] = 1 + i%5
		}
		if sender != "" {
			r.Sender = []byte(sender)
		}
		if err := st.SaveResult(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	people := func(slug string) (total int64, p store.People) {
		t.Helper()
		if slug == store.SiteScope {
			lib, err := st.SiteLibrary(ctx, 10)
			if err != nil {
				t.Fatal(err)
			}
			return lib.Total, lib.People
		}
		lib, err := st.Library(ctx, slug, 10)
		if err != nil {
			t.Fatal(err)
		}
		return lib.Total, lib.People
	}
	check := func(slug string, total, results, persons int64) {
		t.Helper()
		gotTotal, p := people(slug)
		if gotTotal != total || p.Results != results || p.People != persons {
			t.Fatalf("%q: %d results, %d of them from %d people; want %d, %d from %d", slug, gotTotal, p.Results, p.People, total, results, persons)
		}
		// The count began on the day of the first result counted: today.
		if began := time.Since(p.Since); results > 0 && (began < 0 || began > 24*time.Hour) || results == 0 && !p.Since.IsZero() {
			t.Fatalf("%q: people counted since %v", slug, p.Since)
		}
	}

	check(bd, 0, 0, 0)
	for range 9 {
		save(bd, "net-a", day)
	}
	check(bd, 9, 9, 1)
	check(store.SiteScope, 9, 9, 1)

	// Another network the same day; the first again in a batch of two
	// (counted once within the batch too); a result of the test for
	// everyone from the first network: a new person nowhere.
	save(bd, "net-b", day)
	rs := []*store.Result{}
	for i := range 2 {
		r := &store.Result{ID: fmt.Sprintf("q%021d", i), CareerSlug: bd, Answers: make([]int, 15), Holland: "IRC", Layout: "layout-p", AlphaDay: day, Sender: []byte("net-c")}
		rs = append(rs, r)
	}
	if err := store.SaveBatch(ctx, st, rs); err != nil {
		t.Fatal(err)
	}
	save(store.SiteScope, "net-a", day)
	check(bd, 12, 12, 3)
	check(store.SiteScope, 13, 13, 3)

	// The next day the first network is a person again; a result whose
	// sender is not known counts in the total only.
	save(bd, "net-a", day.AddDate(0, 0, 1))
	save(bd, "", day.AddDate(0, 0, 1))
	check(bd, 14, 13, 4)
	check(store.SiteScope, 15, 14, 4)

	// Two days on, the first day's rows are gone; today's and yesterday's stay.
	save(bd, "net-a", day.AddDate(0, 0, 2))
	var old, kept int64
	if err := pool.QueryRow(ctx, "select count(*) filter (where day < $1), count(*) from library_clients", day.AddDate(0, 0, 1)).Scan(&old, &kept); err != nil {
		t.Fatal(err)
	}
	if old != 0 || kept != 4 { // day+1: bd and site for net-a; day+2: the same
		t.Fatalf("library_clients: %d rows of older days, %d in all; want 0 and 4", old, kept)
	}
	check(bd, 15, 14, 5)

	// A backlog of old rows is deleted 1,000 a batch, not all by one
	// submission.
	if _, err := pool.Exec(ctx, "insert into library_clients (day, career_slug, client) select $1, $2, int4send(i) from generate_series(1, 1500) i", day, bd); err != nil {
		t.Fatal(err)
	}
	for _, left := range []int64{500, 0} {
		save(bd, "net-a", day.AddDate(0, 0, 2))
		var n int64
		if err := pool.QueryRow(ctx, "select count(*) from library_clients where day = $1", day).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != left {
			t.Fatalf("%d old rows left after a batch, want %d", n, left)
		}
	}
}
