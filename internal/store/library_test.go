package store_test

import (
	"context"
	"fmt"
	"io/fs"
	"math"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"careerguide/internal/quiz"
	"careerguide/internal/store"
	"careerguide/internal/testdb"
	"careerguide/migrations"

	"github.com/jackc/pgx/v5"
)

// libItems is a 15-statement layout with 2 or 3 statements a scale and
// reverse-keyed ones, as the real test has.
var libItems = []quiz.Item{
	{Type: 0}, {Type: 0, Reverse: true}, {Type: 1}, {Type: 1}, {Type: 1, Reverse: true},
	{Type: 2}, {Type: 2}, {Type: 3}, {Type: 3, Reverse: true}, {Type: 4}, {Type: 4},
	{Type: 4}, {Type: 5}, {Type: 5}, {Type: 5, Reverse: true},
}

// twoPassAlpha is Cronbach's alpha of scale t computed directly from the
// answers, with means first and then squared deviations: the textbook
// way, independent of the running sums.
func twoPassAlpha(answers [][]int, t int) float64 {
	n := float64(len(answers))
	scored := func(r []int, i int) float64 {
		if libItems[i].Reverse {
			return float64(6 - r[i])
		}
		return float64(r[i])
	}
	variance := func(f func(r []int) float64) float64 {
		var mean, ss float64
		for _, r := range answers {
			mean += f(r) / n
		}
		for _, r := range answers {
			ss += (f(r) - mean) * (f(r) - mean)
		}
		return ss / n
	}
	var k, itemVar float64
	for i, it := range libItems {
		if it.Type == t {
			k++
			itemVar += variance(func(r []int) float64 { return scored(r, i) })
		}
	}
	total := variance(func(r []int) float64 {
		var s float64
		for i, it := range libItems {
			if it.Type == t {
				s += scored(r, i)
			}
		}
		return s
	})
	return k / (k - 1) * (1 - itemVar/total)
}

// Results stored one by one and in a batch keep the running sums that
// give each scale the alpha a direct computation over the answers gives,
// and the site-wide counters count flat results apart.
func TestMomentsAndSiteLibraryFromStoredResults(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := store.New(testdb.Pool(t, testdb.URL(t)))
	layout := quiz.Layout(libItems)

	if m, err := st.Moments(ctx, layout, len(libItems)); err != nil || m.N != 0 {
		t.Fatalf("no results yet: %+v, %v", m, err)
	}
	if at, err := st.LastResultAt(ctx); err != nil || !at.IsZero() {
		t.Fatalf("last result before any: %v, %v", at, err)
	}

	// 40 results: answers that vary with the person (so scales cohere)
	// plus a per-statement wobble; every eighth one all 3s (flat).
	var all [][]int
	var batch []*store.Result
	for p := range 40 {
		a := make([]int, 15)
		for i, it := range libItems {
			v := 1 + (p+it.Type*3)%5
			if (p*7+i*3)%4 == 0 {
				v = 1 + (v+1)%5
			}
			if it.Reverse {
				v = 6 - v
			}
			a[i] = v
		}
		if p%8 == 0 {
			for i := range a {
				a[i] = 3
			}
		}
		all = append(all, a)
		prof, err := quiz.Score(libItems, a)
		if err != nil {
			t.Fatal(err)
		}
		mv, err := quiz.MomentVector(libItems, a)
		if err != nil {
			t.Fatal(err)
		}
		r := &store.Result{
			ID: fmt.Sprintf("m%021d", p), CareerSlug: "backend-developer", Answers: a, Scores: prof,
			Holland: quiz.HollandCode(prof), Flat: quiz.Flat(prof), Layout: layout, Moments: mv,
			Client: []byte(fmt.Sprintf("client-%d", p%10)),
		}
		if !r.Flat {
			r.TopOccupation = []string{"15-1252.00", "15-1253.00"}[p%2]
		}
		if p < 20 {
			if err := st.SaveResult(ctx, r); err != nil {
				t.Fatal(err)
			}
		} else {
			batch = append(batch, r)
		}
	}
	w := st.NewResultWriter(64, 5*time.Second)
	errs := make(chan error, len(batch))
	for _, r := range batch {
		go func() { errs <- w.Save(ctx, r) }()
	}
	for range batch {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	w.Close()

	m, err := st.Moments(ctx, layout, len(libItems))
	if err != nil {
		t.Fatal(err)
	}
	if m.N != 40 {
		t.Fatalf("moments count %d results, want 40", m.N)
	}
	for typ := range 6 {
		got, k, ok := quiz.Alpha(libItems, m, typ)
		want := twoPassAlpha(all, typ)
		if !ok || math.Abs(got-want) > 1e-9 {
			t.Errorf("%c: alpha %v (k %d, ok %v), the answers give %v", quiz.Letters[typ], got, k, ok, want)
		}
		t.Logf("%c: alpha %.3f over %d statements", quiz.Letters[typ], got, k)
	}
	if at, err := st.LastResultAt(ctx); err != nil || time.Since(at) > time.Minute {
		t.Fatalf("last result at %v, %v", at, err)
	}

	lib, err := st.SiteLibrary(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	var codes, occs int64
	for _, c := range lib.Codes {
		codes += c.Results
	}
	for _, c := range lib.Occupations {
		occs += c.Results
	}
	// 5 of the 40 are flat (p = 0, 8, 16, 24, 32, from 5 networks); of the
	// others, 20 (odd p) name 15-1253.00 and 15 name 15-1252.00.
	if lib.Total != 40 || lib.Flat != 5 || codes != 35 || occs != 35 || lib.FlatClients != 5 {
		t.Fatalf("site library: total %d flat %d (clients %d) codes %d occupations %d, want 40, 5 (5), 35, 35",
			lib.Total, lib.Flat, lib.FlatClients, codes, occs)
	}
	want := []store.CodeCount{{Code: "15-1253.00", Results: 20, Clients: 5}, {Code: "15-1252.00", Results: 15, Clients: 5}}
	if fmt.Sprint(lib.Occupations) != fmt.Sprint(want) {
		t.Fatalf("occupations %+v, want %+v", lib.Occupations, want)
	}
	var stored int
	if err := st.Pool().QueryRow(ctx, "select count(*) from quiz_results where top_occupation is null").Scan(&stored); err != nil || stored != 5 {
		t.Fatalf("%d results without a top occupation (%v), want the 5 flat ones", stored, err)
	}
}

// Migration 012 moves the results stored before it whose scores do not
// separate interests from their Holland code (a tie-break) to the guide's
// flat count; the others keep their code.
func TestMigration012MovesFlatResultsOffTheirCode(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	admin := testdb.ServerURL(t)
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	dbName := fmt.Sprintf("cg_migrate012_test_%d", time.Now().UnixNano())
	name := pgx.Identifier{dbName}.Sanitize()
	if _, err := conn.Exec(ctx, "create database "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), admin)
		if err != nil {
			return
		}
		defer c.Close(context.Background())
		c.Exec(context.Background(), "drop database if exists "+name+" with (force)")
	})
	db, err := pgx.Connect(ctx, replaceDB(t, admin, dbName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	before := fstest.MapFS{}
	entries, _ := fs.ReadDir(migrations.FS, ".")
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".sql") && e.Name() < "012" {
			b, _ := fs.ReadFile(migrations.FS, e.Name())
			before[e.Name()] = &fstest.MapFile{Data: b}
		}
	}
	if err := store.MigrateFS(ctx, db, before); err != nil {
		t.Fatal(err)
	}
	// Two flat results (spread 0 and 1.0) and one that separates (spread
	// 1.5, not below the threshold), all filed under RIA on two shards.
	for _, sql := range []string{
		`insert into quiz_results (id, career_slug, answers, scores, match_pct, holland) values
			('f1aaaaaaaaaaaaaaaaaaaa', 'backend-developer', array_fill(3::smallint, array[15]), '{4,4,4,4,4,4}', 50, 'RIA'),
			('f2aaaaaaaaaaaaaaaaaaaa', 'backend-developer', array_fill(3::smallint, array[15]), '{4.5,4,4,3.5,4,4}', 50, 'RIA'),
			('s1aaaaaaaaaaaaaaaaaaaa', 'backend-developer', array_fill(3::smallint, array[15]), '{5.5,4,4,4,4,4}', 50, 'RIA')`,
		`insert into result_holland (career_slug, holland, shard, results) values ('backend-developer', 'RIA', 3, 2), ('backend-developer', 'RIA', 7, 1)`,
	} {
		if _, err := db.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	lib, err := store.New(testdb.Pool(t, replaceDB(t, admin, dbName))).Library(ctx, "backend-developer", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Codes) != 1 || lib.Codes[0].Code != "RIA" || lib.Codes[0].Results != 1 || lib.Flat != 2 {
		t.Fatalf("after the migration: codes %+v, flat %d; want RIA 1 and 2 flat", lib.Codes, lib.Flat)
	}
}

// A flat result's guide group is the flat count, complete at MinGroup
// clients whatever its Holland code's group holds.
func TestClientsCompleteForAFlatResult(t *testing.T) {
	lib := &store.Library{Codes: []store.CodeCount{{Code: "RIA", Clients: store.MinGroup}}, Levels: []store.LevelStat{{LevelKey: "", Clients: store.MinGroup}}, FlatClients: store.MinGroup - 1}
	lib.HistogramClients[quiz.Bucket(50)] = store.MinGroup
	flat := &store.Result{Holland: "RIA", Flat: true, Match: 50}
	if lib.ClientsComplete(50, flat.GuideCode(), "") {
		t.Fatal("complete with one flat client too few")
	}
	lib.FlatClients = store.MinGroup
	if !lib.ClientsComplete(50, flat.GuideCode(), "") {
		t.Fatal("not complete with MinGroup flat clients")
	}
}
