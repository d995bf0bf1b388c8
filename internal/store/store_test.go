package store_test

import (
	"context"
	"fmt"
	"math/rand"
	"reflect"
	"sync"
	"testing"
	"testing/quick"
	"time"

	contentfs "careerguide/content"
	"careerguide/internal/career"
	"careerguide/internal/content"
	"careerguide/internal/pglocal"
	"careerguide/internal/store"
	"careerguide/internal/testdb"

	"github.com/jackc/pgx/v5"
)

// loadedContent is the embedded content, loaded once for the tests that
// sync it (content.Load takes about 2 s of CPU under the race detector).
// They only read it.
var loadedContent = sync.OnceValues(func() (*career.Catalog, error) { return content.Load(contentfs.FS) })

func TestMigrateEmptyDatabaseTwiceConcurrently(t *testing.T) {
	t.Parallel()
	// A database with no schema at all: migrate it from two connections at once.
	admin := testdb.ServerURL(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	dbName := fmt.Sprintf("cg_migrate_test_%d", time.Now().UnixNano())
	name := pgx.Identifier{dbName}.Sanitize()
	conn.Exec(ctx, "drop database if exists "+name)
	if _, err := conn.Exec(ctx, "create database "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// The test's own connection is closed by then: drop with a new one.
		c, err := pgx.Connect(context.Background(), admin)
		if err != nil {
			t.Errorf("cleanup: %v", err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), "drop database if exists "+name+" with (force)"); err != nil {
			t.Errorf("cleanup: %v", err)
		}
	})
	url := replaceDB(t, admin, dbName)

	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = store.MigrateURL(ctx, url)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("migration %d: %v", i, err)
		}
	}
	// Once more, sequentially: nothing to do, no error.
	if err := store.MigrateURL(ctx, url); err != nil {
		t.Fatalf("third migration: %v", err)
	}
	c2, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close(ctx)
	var tables int
	if err := c2.QueryRow(ctx, `select count(*) from information_schema.tables where table_schema = 'public'
		and table_name in ('content_documents','content_state','quiz_results','result_histogram','users','sessions')`).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables != 6 {
		t.Fatalf("found %d of the 6 expected tables", tables)
	}
	// Content lives in documents: no table mirrors a content entity.
	var mirrors []string
	rows, err := c2.Query(ctx, `select table_name from information_schema.tables where table_schema = 'public'
		and table_name in ('careers','levels','skills','skill_resources','schedule_entries','level_examples','myths',
		'worklife_ratings','career_interests','quiz_questions','riasec_types','skill_topics','reading_links',
		'market_percentiles','salary_projection','skill_topic_links')`)
	if err != nil {
		t.Fatal(err)
	}
	mirrors, err = pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if len(mirrors) > 0 {
		t.Fatalf("tables mirroring content entities remain: %v", mirrors)
	}
}

func replaceDB(t *testing.T, url, db string) string {
	t.Helper()
	u, err := pglocal.WithDatabase(url, db)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// A first sync writes every document, a second nothing; the catalog comes
// back equal; a changed hash or an older document format rewrites it all.
func TestSyncContentIsIdempotentAndRoundTrips(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := store.New(testdb.Pool(t, testdb.URL(t)))
	cat, err := loadedContent()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.LoadCatalog(ctx); err == nil {
		t.Fatal("LoadCatalog on an empty database: want an error")
	}
	changed, err := st.SyncContent(ctx, cat)
	if err != nil || !changed {
		t.Fatalf("first sync: changed=%v err=%v, want true, nil", changed, err)
	}
	var docsBefore int
	st.Pool().QueryRow(ctx, "select count(*) from content_documents").Scan(&docsBefore)
	var syncedAt1, syncedAt2 string
	st.Pool().QueryRow(ctx, "select synced_at::text from content_state").Scan(&syncedAt1)

	changed, err = st.SyncContent(ctx, cat)
	if err != nil || changed {
		t.Fatalf("second sync: changed=%v err=%v, want false, nil", changed, err)
	}
	st.Pool().QueryRow(ctx, "select synced_at::text from content_state").Scan(&syncedAt2)
	if syncedAt1 != syncedAt2 {
		t.Fatalf("second sync rewrote content_state: %s -> %s", syncedAt1, syncedAt2)
	}
	var docsAfter int
	st.Pool().QueryRow(ctx, "select count(*) from content_documents").Scan(&docsAfter)
	if want := len(cat.Careers) + len(cat.Occupations) + 1; docsBefore != docsAfter || docsAfter != want {
		t.Fatalf("documents: %d before, %d after, want one per career, one per occupation and one for the catalog (%d)", docsBefore, docsAfter, want)
	}
	var occDocs int
	st.Pool().QueryRow(ctx, "select count(*) from content_documents where kind = 'occupation'").Scan(&occDocs)
	if occDocs != len(cat.Occupations) || occDocs < 900 {
		t.Fatalf("%d occupation documents, want %d", occDocs, len(cat.Occupations))
	}

	loaded, err := st.LoadCatalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(loaded, cat) {
		for i := range cat.Careers {
			a, b := cat.Careers[i], loaded.Careers[i]
			av, bv := reflect.ValueOf(a), reflect.ValueOf(b)
			for f := 0; f < av.NumField(); f++ {
				if !reflect.DeepEqual(av.Field(f).Interface(), bv.Field(f).Interface()) {
					t.Errorf("career %s field %s differs after the round trip:\n file: %+v\n db:   %+v", a.Slug, av.Type().Field(f).Name, av.Field(f).Interface(), bv.Field(f).Interface())
				}
			}
		}
		t.Fatal("the catalog loaded from Postgres differs from the content files")
	}

	// A changed hash rewrites everything in one go.
	cat2 := *cat
	cat2.Hash = "other"
	cat2.Careers = append([]career.Career(nil), cat.Careers...)
	cat2.Careers[0].Name = "Server Developer"
	if changed, err := st.SyncContent(ctx, &cat2); err != nil || !changed {
		t.Fatalf("sync of changed content: changed=%v err=%v", changed, err)
	}
	loaded, err = st.LoadCatalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if loaded.Careers[0].Name != "Server Developer" || loaded.Hash != "other" {
		t.Fatalf("after the second sync: name %q hash %q", loaded.Careers[0].Name, loaded.Hash)
	}

	// Content synced in another document format (an older release's domain
	// types) is written again, even when no content file changed.
	if _, err := st.Pool().Exec(ctx, "update content_state set format = 'older'"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.LoadCatalog(ctx); err == nil {
		t.Fatal("LoadCatalog of documents in another format: want an error")
	}
	if changed, err := st.SyncContent(ctx, &cat2); err != nil || !changed {
		t.Fatalf("sync after a format change: changed=%v err=%v, want true", changed, err)
	}
	if changed, err := st.SyncContent(ctx, &cat2); err != nil || changed {
		t.Fatalf("sync after that: changed=%v err=%v, want false", changed, err)
	}
	if _, err := st.LoadCatalog(ctx); err != nil {
		t.Fatal(err)
	}
}

// Every field of the domain types survives the trip through the documents,
// whatever its type: a field added to career.Career (and its YAML and
// template) needs nothing in the store.
func TestEveryCareerFieldRoundTrips(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := store.New(testdb.Pool(t, testdb.URL(t)))
	rnd := rand.New(rand.NewSource(1))
	cat := career.NewCatalog()
	cat.Hash = "random"
	for range 3 {
		v, ok := quick.Value(reflect.TypeFor[career.Career](), rnd)
		if !ok {
			t.Fatal("cannot generate a career")
		}
		cat.Careers = append(cat.Careers, v.Interface().(career.Career))
	}
	for _, v := range []any{&cat.RIASEC, &cat.Questions, &cat.Topics} {
		g, ok := quick.Value(reflect.TypeOf(v).Elem(), rnd)
		if !ok {
			t.Fatal("cannot generate catalog parts")
		}
		reflect.ValueOf(v).Elem().Set(g)
	}
	if _, err := st.SyncContent(ctx, cat); err != nil {
		t.Fatal(err)
	}
	loaded, err := st.LoadCatalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(loaded, cat) {
		t.Fatalf("round trip changed the catalog:\n in:  %+v\n out: %+v", cat.Careers[0], loaded.Careers[0])
	}
}
