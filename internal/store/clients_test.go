package store_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"careerguide/internal/quiz"
	"careerguide/internal/store"
	"careerguide/internal/testdb"
	"careerguide/migrations"

	"github.com/jackc/pgx/v5"
)

// A period's client key is created once, the same for every caller (two
// at once included); the next period's key replaces it and the earlier
// one is deleted.
func TestClientKeysRotate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.Pool(t, testdb.URL(t))
	st := store.New(pool)
	keys := make([][]byte, 2)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k, err := st.ClientKey(ctx, "000100")
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		}()
	}
	wg.Wait()
	if len(keys[0]) < 64 || !bytes.Equal(keys[0], keys[1]) {
		t.Fatalf("two callers got %q and %q", keys[0], keys[1])
	}
	next, err := st.ClientKey(ctx, "000101")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(next, keys[0]) {
		t.Fatal("the next period has the same key")
	}
	var names []string
	rows, _ := pool.Query(ctx, "select name from signing_keys where name like 'clients/%'")
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	if len(names) != 1 || names[0] != "clients/000101" {
		t.Fatalf("client keys kept: %v, want only the current one", names)
	}
	if again, _ := st.ClientKey(ctx, "000101"); !bytes.Equal(again, next) {
		t.Fatal("the current key changed")
	}
}

// Migration 009 keeps shown what was shown: every group that had 5 results
// when it ran gets 5 placeholder clients; smaller groups get none.
func TestMigrationKeepsShownGroupsShown(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	admin := testdb.ServerURL(t)
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	dbName := fmt.Sprintf("cg_migrate009_test_%d", time.Now().UnixNano())
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
		if strings.HasSuffix(e.Name(), ".sql") && e.Name() < "009" {
			b, _ := fs.ReadFile(migrations.FS, e.Name())
			before[e.Name()] = &fstest.MapFile{Data: b}
		}
	}
	if err := store.MigrateFS(ctx, db, before); err != nil {
		t.Fatal(err)
	}
	for _, sql := range []string{
		// Level "director": 3 + 2 results on two shards (shown); "staff": 4 (hidden).
		`insert into result_levels (career_slug, level_key, shard, results, match_sum) values
			('backend-developer', 'director', 0, 3, 240), ('backend-developer', 'director', 1, 2, 160), ('backend-developer', 'staff', 0, 4, 300)`,
		`insert into result_holland (career_slug, holland, shard, results) values ('backend-developer', 'ICR', 0, 9), ('backend-developer', 'SEC', 0, 1)`,
		`insert into result_histogram (career_slug, bucket, shard, results) values ('backend-developer', 16, 0, 10)`,
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
	clients := map[string]int64{}
	for _, l := range lib.Levels {
		clients["l/"+l.LevelKey] = l.Clients
	}
	for _, c := range lib.Codes {
		clients["c/"+c.Code] = c.Clients
	}
	clients["h/16"] = lib.HistogramClients[16]
	// 009's five placeholders, and 016's five more for the wider rule.
	want := map[string]int64{"l/director": store.MinGroup, "l/staff": 0, "c/ICR": store.MinGroup, "c/SEC": 0, "h/16": store.MinGroup}
	if !reflect.DeepEqual(clients, want) {
		t.Fatalf("clients after the migration: %v, want %v", clients, want)
	}
}

// A result need not record its client once every group it joins has
// MinGroup clients; a code outside the top codes read is not known to.
func TestClientsComplete(t *testing.T) {
	lib := &store.Library{Codes: []store.CodeCount{{Code: "ICR", Clients: store.MinGroup}, {Code: "SEC", Clients: 2}},
		Levels: []store.LevelStat{{LevelKey: "", Clients: store.MinGroup}, {LevelKey: "senior", Clients: store.MinGroup - 1}}}
	lib.HistogramClients[quiz.Bucket(72)] = store.MinGroup
	for _, c := range []struct {
		match          float64
		holland, level string
		want           bool
	}{
		{72, "ICR", "", true},
		{12, "ICR", "", false},       // another band
		{72, "SEC", "", false},       // a code with 2 clients
		{72, "AIS", "", false},       // a code not read
		{72, "ICR", "senior", false}, // a level with one client too few
	} {
		if got := lib.ClientsComplete(c.match, c.holland, c.level); got != c.want {
			t.Errorf("ClientsComplete(%v, %s, %q) = %v, want %v", c.match, c.holland, c.level, got, c.want)
		}
	}
}
