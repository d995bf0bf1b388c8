package store_test

import (
	"context"
	"testing"

	"careerguide/internal/store"
	"careerguide/internal/testdb"
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
