package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"careerguide/internal/finder"
	"careerguide/internal/store"
	"careerguide/internal/testdb"

	"github.com/jackc/pgx/v5"
)

// searchCases are queries people type and the occupation they mean: titles,
// reported titles, guide names, abbreviations and typos.
var searchCases = []struct{ q, want string }{
	{"nurse", "29-1141.00"},              // Registered Nurses, not one of its specialties
	{"data engineer", "15-1243.00"},      // a reported title of Database Architects
	{"devops", "15-1299.08"},             // the DevOps guide's occupation
	{"ux", "15-1255.00"},                 // the UX guide's occupation
	{"softwre developer", "15-1252.00"},  // typo
	{"web developer", "15-1254.00"},      // title
	{"electrician", "47-2111.00"},        // title
	{"plumber", "47-2152.00"},            // reported title
	{"accountant", "13-2011.00"},         // reported title
	{"cpa", "13-2011.00"},                // abbreviation in a reported title
	{"rn", "29-1141.00"},                 // abbreviation
	{"dba", "15-1242.00"},                // abbreviation
	{"lawyer", "23-1011.00"},             // title
	{"pharmacist", "29-1051.00"},         // title, singular
	{"data scientist", "15-2051.00"},     // title, singular
	{"machine learning", "15-2051.00"},   // the machine learning guide's occupation
	{"qa engineer", "15-1253.00"},        // reported title
	{"chef", "35-1011.00"},               // reported title
	{"airline pilot", "53-2011.00"},      // reported title
	{"dental hygenist", "29-1292.00"},    // typo
	{"truck driver", "53-3032.00"},       // heavy trucks: the larger of the equal matches
	{"Software Engineer", "15-1252.00"},  // capitals
	{"registerd nurse", "29-1141.00"},    // typo
	{"frontend developer", "15-1254.00"}, // guide name
	{"security engineer", "15-1212.00"},  // guide name
	// O*NET's alternate titles and their short forms.
	{"charge nurse", "29-1141.00"},              // alternate title of three occupations: Registered Nurses' most often
	{"barista", "35-3023.01"},                   // alternate title, and the title's singular
	{"CNA", "31-1131.00"},                       // short form: Nursing Assistants' from five sources, Home Health Aides' from one
	{"line cook", "35-2014.00"},                 // alternate title of five kinds of cook: restaurant cooks' from most sources
	{"dev ops", "15-1299.08"},                   // the DevOps guide's name, its words run together
	{"machine learning engineer", "15-2051.00"}, // a guide's name before the same alternate title of two others
	{"Full Stack Developer", "15-1252.00"},      // the Full-Stack guide's name without its hyphen
}

func TestSearchFindsTheRightOccupationFirst(t *testing.T) {
	t.Parallel()
	st := store.New(testdb.Pool(t, testdb.URLWithContent(t)))
	for _, c := range searchCases {
		got, err := st.SearchOccupations(context.Background(), c.q, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || got[0] != c.want {
			t.Errorf("search %q: first results %v, want %s first", c.q, got, c.want)
		}
	}
	got, err := st.SearchOccupations(context.Background(), "qwxzvbk", 5)
	if err != nil || len(got) != 0 {
		t.Errorf("search for nonsense: %v, %v; want no results", got, err)
	}
}

// Names holding the query's words come before close spellings: a visitor
// who types a correct title does not see occupations that only look alike.
func TestSearchRanksWordsBeforeSpellings(t *testing.T) {
	t.Parallel()
	st := store.New(testdb.Pool(t, testdb.URLWithContent(t)))
	ctx := context.Background()
	for _, c := range []struct {
		q, notPrefix string
		within       int
	}{
		{"software engineer", "33-2011.", 10}, // Firefighters ("Fire Engineer")
		{"nurse", "45-2092.", 25},             // Farmworkers of crop nurseries ("Nursery Worker")
		{"barista", "23-1011.", 25},           // Lawyers ("Barrister")
	} {
		got, err := st.SearchOccupations(ctx, c.q, c.within)
		if err != nil {
			t.Fatal(err)
		}
		for i, code := range got {
			if strings.HasPrefix(code, c.notPrefix) {
				t.Errorf("search %q lists %s at %d: %v", c.q, code, i+1, got)
			}
		}
	}
	got, err := st.SearchOccupations(ctx, "dev ops", 10)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(got, "15-1299.08") || !slices.Contains(got, "15-1252.00") {
		t.Errorf(`search "dev ops" = %v, want the DevOps guide's 15-1299.08 and Software Developers ("Dev Ops Engineer")`, got)
	}
}

// Every name an occupation goes by finds it: a sample of every 150th of
// the titles, guide names, reported and alternate titles and short forms,
// each searched as written.
func TestSearchFindsEveryTitle(t *testing.T) {
	t.Parallel()
	url := testdb.URLWithContent(t)
	pool := testdb.Pool(t, url)
	st := store.New(pool)
	ctx := context.Background()
	rows, err := pool.Query(ctx, "select code, term, kind from occupation_search order by code, term")
	if err != nil {
		t.Fatal(err)
	}
	type name struct {
		Code, Term string
		Kind       int16
	}
	names, err := pgx.CollectRows(rows, pgx.RowToStructByPos[name])
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[int16]int{}
	for _, n := range names {
		kinds[n.Kind]++
	}
	// 1,016 titles, 15 guides, 7,794 reported titles, and about 52,000
	// alternate titles and short forms not already among them.
	if kinds[0] != 1016 || kinds[1] != 15 || kinds[2] < 7500 || kinds[3] < 50000 {
		t.Fatalf("search names by kind: %v", kinds)
	}
	for i := 0; i < len(names); i += 150 {
		n := names[i]
		got, err := st.SearchOccupations(ctx, n.Term, finder.MaxHits)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(got, n.Code) {
			t.Errorf("search %q (kind %d) does not find %s among %d", n.Term, n.Kind, n.Code, len(got))
		}
	}
}

// Every way a search runs takes close spellings at word similarity 0.65:
// the search pool's sessions, a pooler's transactions and the shared
// pool's transaction (with 0.6, "sensor operator" finds every "...
// Operator" as a close spelling of it).
func TestSearchSpellingThresholdOnEveryPath(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	read := func(q interface {
		QueryRow(context.Context, string, ...any) pgx.Row
	}) string {
		var v string
		if err := q.QueryRow(ctx, "select current_setting('pg_trgm.word_similarity_threshold')").Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	_, pool := searchPool(t, 2*time.Second)
	if v := read(pool); v != "0.65" {
		t.Errorf("search pool session: %s, want 0.65", v)
	}
	st, _ := pooledSearchPool(t, 2*time.Second)
	var inside string
	if err := st.InSearchTx(ctx, func(tx pgx.Tx) error { inside = read(tx); return nil }); err != nil {
		t.Fatal(err)
	}
	if inside != "0.65" {
		t.Errorf("search transaction through a pooler: %s, want 0.65", inside)
	}
	for _, s := range []*store.Store{store.New(testdb.Pool(t, testdb.URLWithContent(t))), st} {
		got, err := s.SearchOccupations(ctx, "sensor operator", 300)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) > 60 {
			t.Errorf(`search "sensor operator" lists %d occupations: every "... Operator" is taken for a spelling of it`, len(got))
		}
	}
}
