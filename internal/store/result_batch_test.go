package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"careerguide/internal/store"
	"careerguide/internal/testdb"

	"github.com/jackc/pgx/v5/pgxpool"
)

// variedResults are n results spread over two guides, three levels, flat
// and not, four occupations, seven clients (and none), eleven senders
// (and none) and one account.
func variedResults(n int, userID int64) []*store.Result {
	rs := make([]*store.Result, n)
	for i := range rs {
		r := &store.Result{
			ID: fmt.Sprintf("v%02d%019d", i%32, i), CareerSlug: []string{"backend-developer", "frontend-developer"}[i%2],
			Answers: make([]int, 15), Match: float64(i*37%101) * 0.99, Holland: []string{"IRC", "RIC", "AES"}[i%3],
			LevelKey: []string{"", "junior", "senior"}[i%3], Percentile: i % 100,
			Flat: i%7 == 0, Layout: "layout-a", Moments: []int64{int64(i), int64(i * i), 1},
		}
		for j := range r.Answers {
			r.Answers[j] = 1 + (i+j)%5
		}
		for j := range r.Scores {
			r.Scores[j] = 1 + float64((i+j)%7)*0.75
		}
		if !r.Flat && i%5 != 0 {
			r.TopOccupation = fmt.Sprintf("15-125%d.00", i%4)
		}
		if i%8 != 7 {
			r.Client = []byte(fmt.Sprintf("client-%d", i%7))
		}
		if i%6 != 5 {
			r.Sender = []byte(fmt.Sprintf("sender-%d", i%11))
		}
		if i%9 == 4 {
			r.UserID = userID
		}
		rs[i] = r
	}
	return rs
}

// counters is every stored figure of the Result Libraries, shards summed,
// as text rows.
func counters(t *testing.T, pool *pgxpool.Pool) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		`select id, career_slug, answers::text, scores::text, match_pct, holland, coalesce(level_key, '-'), coalesce(user_id, 0), percentile, coalesce(top_occupation, '-') from quiz_results order by id`,
		`select 'h', career_slug, bucket::text, sum(results) from result_histogram group by 1, 2, 3 order by 1, 2, 3`,
		`select 'c', career_slug, holland, sum(results) from result_holland group by 1, 2, 3 order by 1, 2, 3`,
		`select 's', kind::text, key, sum(results) from result_site group by 1, 2, 3 order by 1, 2, 3`,
		`select 'l', career_slug, level_key, sum(results), round(sum(match_sum)::numeric, 6) from result_levels group by 1, 2, 3 order by 1, 2, 3`,
		`select 'm', layout, sum(results), (select array_agg(s order by i) from (select i, sum(v) s from result_moments m2, unnest(m2.sums) with ordinality u(v, i) where m2.layout = m.layout group by i) x)::text from result_moments m group by layout order by layout`,
		`select 'g', career_slug, kind::text, key, count(*) from result_group_clients group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
		`select 'p', career_slug, sum(results), sum(people) from library_people group by 1, 2 order by 1, 2`,
		`select 'd', career_slug, client from library_clients order by 1, 2, 3`,
	} {
		rows, err := pool.Query(context.Background(), q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for rows.Next() {
			vs, err := rows.Values()
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(vs...))
		}
		if rows.Err() != nil {
			t.Fatal(rows.Err())
		}
	}
	return out
}

// Results stored in batches (counters added up per batch, on one shard)
// leave every row and every Library figure as storing them one by one does.
func TestBatchesCountLikeResultsStoredOneByOne(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	single, batched := testdb.Pool(t, testdb.URL(t)), testdb.Pool(t, testdb.URL(t))
	stSingle, stBatched := store.New(single), store.New(batched)
	uidSingle, err := stSingle.CreateUser(ctx, "one@example.com", "hash")
	if err != nil {
		t.Fatal(err)
	}
	uidBatched, err := stBatched.CreateUser(ctx, "one@example.com", "hash")
	if err != nil {
		t.Fatal(err)
	}
	const n = 300
	for _, r := range variedResults(n, uidSingle) {
		if err := stSingle.SaveResult(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	w := stBatched.NewResultWriter(24, 10*time.Second)
	rs := variedResults(n, uidBatched)
	errs := make(chan error, n)
	for _, r := range rs {
		go func() { errs <- w.Save(ctx, r) }()
	}
	for range rs {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	var txs int
	if err := batched.QueryRow(ctx, `select count(distinct xmin::text) from quiz_results`).Scan(&txs); err != nil {
		t.Fatal(err)
	}
	if txs >= n {
		t.Fatalf("%d results in %d transactions: none were grouped", n, txs)
	}

	want, got := counters(t, single), counters(t, batched)
	if uidSingle != uidBatched {
		t.Fatalf("account ids differ: %d and %d", uidSingle, uidBatched)
	}
	if !slices.Equal(want, got) {
		for i := range max(len(want), len(got)) {
			var w, g string
			if i < len(want) {
				w = want[i]
			}
			if i < len(got) {
				g = got[i]
			}
			if w != g {
				t.Errorf("row %d:\n one by one: %s\n in batches: %s", i, w, g)
			}
		}
		t.Fatalf("%d results in %d transactions: the figures differ", n, txs)
	}
	t.Logf("%d results in %d transactions, %d figures equal", n, txs, len(got))
}
