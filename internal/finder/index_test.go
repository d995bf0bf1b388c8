package finder

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	contentfs "careerguide/content"
	"careerguide/internal/career"
	"careerguide/internal/content"
)

// catalog is the embedded content, loaded once for the tests.
var catalog = sync.OnceValues(func() (*career.Catalog, error) { return content.Load(contentfs.FS) })

func searchIndex(t testing.TB) (*career.Catalog, *Index) {
	t.Helper()
	cat, err := catalog()
	if err != nil {
		t.Fatal(err)
	}
	return cat, IndexOf(cat)
}

// search is q's occupations in ix, as codes, at most limit.
func search(cat *career.Catalog, ix *Index, q string, limit int) []string {
	var codes []string
	for _, p := range ix.Search(q, limit) {
		codes = append(codes, cat.Occupations[p].Code)
	}
	return codes
}

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
	{"nursing", "29-1141.00"},                   // a word form of the title's word
	// A word one edit from a known one, too short for trigrams to find.
	{"nurce", "29-1141.00"},            // a letter wrong
	{"plummer", "47-2152.00"},          // a letter wrong
	{"electritian", "47-2111.00"},      // a letter wrong
	{"hairdreser", "39-5012.00"},       // a letter missing
	{"sofware engeneer", "15-1252.00"}, // both words
	{"carpentr", "47-2031.00"},         // a letter missing at the end
	{"lawer", "23-1011.00"},            // "lawyer" (Lawyers), not "layer", though more alternate titles hold it
	{"watier", "35-3031.00"},           // "waiter", not "water"
}

func TestIndexFindsTheRightOccupationFirst(t *testing.T) {
	cat, ix := searchIndex(t)
	for _, c := range searchCases {
		if got := search(cat, ix, c.q, 5); len(got) == 0 || got[0] != c.want {
			t.Errorf("search %q: first results %v, want %s first", c.q, got, c.want)
		}
	}
	for _, q := range []string{"qwxzvbk", "   "} {
		if got := search(cat, ix, q, 5); len(got) != 0 {
			t.Errorf("search %q: %v, want nothing", q, got)
		}
	}
}

// Names holding the query's words come before close spellings: a visitor
// who types a correct title does not see occupations that only look alike.
func TestIndexRanksWordsBeforeSpellings(t *testing.T) {
	cat, ix := searchIndex(t)
	for _, c := range []struct {
		q, notPrefix string
		within       int
	}{
		{"software engineer", "33-2011.", 10}, // Firefighters ("Fire Engineer")
		{"nurse", "45-2092.", 25},             // Farmworkers of crop nurseries ("Nursery Worker")
		{"barista", "23-1011.", 25},           // Lawyers ("Barrister")
	} {
		got := search(cat, ix, c.q, c.within)
		for i, code := range got {
			if strings.HasPrefix(code, c.notPrefix) {
				t.Errorf("search %q lists %s at %d: %v", c.q, code, i+1, got)
			}
		}
	}
	if got := search(cat, ix, "dev ops", 10); !slices.Contains(got, "15-1299.08") || !slices.Contains(got, "15-1252.00") {
		t.Errorf(`search "dev ops" = %v, want the DevOps guide's 15-1299.08 and Software Developers ("Dev Ops Engineer")`, got)
	}
	// Close spellings at word similarity 0.65: at 0.6 "sensor operator"
	// finds every "... Operator".
	if got := search(cat, ix, "sensor operator", MaxHits); len(got) > 60 {
		t.Errorf(`search "sensor operator" lists %d occupations: every "... Operator" is taken for a spelling of it`, len(got))
	}
}

// Every name an occupation goes by finds it: every 150th of the titles,
// guide names, reported and alternate titles and short forms, each
// searched as written.
func TestIndexFindsEveryTitle(t *testing.T) {
	cat, ix := searchIndex(t)
	kinds := map[career.NameKind]int{}
	i := 0
	for n := range cat.Names() {
		kinds[n.Kind]++
		if i++; i%150 != 0 {
			continue
		}
		code := cat.Occupations[n.Occ].Code
		if got := search(cat, ix, n.Term, MaxHits); !slices.Contains(got, code) {
			t.Errorf("search %q (kind %d) does not find %s among %d", n.Term, n.Kind, code, len(got))
		}
	}
	// 1,016 titles, 15 guides, 7,794 reported titles, and about 52,000
	// alternate titles and short forms not already among them.
	if kinds[career.NameTitle] != 1016 || kinds[career.NameGuide] != 15 || kinds[career.NameReported] < 7500 || kinds[career.NameAlt] < 50000 {
		t.Fatalf("search names by kind: %v", kinds)
	}
}

// The index of a content snapshot is made once and shared by all who
// search it; a copy of the snapshot, or another, gets its own.
func TestIndexIsKeptWithItsSnapshot(t *testing.T) {
	cat, ix := searchIndex(t)
	if IndexOf(cat) != ix {
		t.Error("the snapshot's index was made again")
	}
	other := *cat
	if IndexOf(&other) == ix {
		t.Error("a copy of the snapshot shares its index")
	}
}

// Long names (more than 6 words or 100 characters: 1,178 of them) find
// their occupation as written: every 4th of them.
func TestIndexFindsLongTitles(t *testing.T) {
	cat, ix := searchIndex(t)
	long := 0
	for n := range cat.Names() {
		if len(strings.Fields(n.Term)) <= 6 && len(n.Term) <= 100 {
			continue
		}
		if long++; long%4 != 0 {
			continue
		}
		code := cat.Occupations[n.Occ].Code
		if got := search(cat, ix, n.Term, MaxHits); !slices.Contains(got, code) {
			t.Errorf("%q of %s: not among %d found", n.Term, code, len(got))
		}
	}
	if long < 1000 {
		t.Errorf("%d long names, want the content's more than 1,000", long)
	}
}

// BenchmarkSearch is the search of the bench's "new query each time" row:
// an everyday title, often misspelled, and a word no name holds.
func BenchmarkSearch(b *testing.B) {
	_, ix := searchIndex(b)
	terms := []string{"softwre developer", "registered nurse", "data enginer", "acountant", "electrician",
		"high school teacher", "truck driver", "web develper", "nurse practitioner", "chef"}
	i := 0
	for b.Loop() {
		i++
		ix.Search(terms[i%len(terms)]+" 3x"+strconv.Itoa(i), MaxHits)
	}
}

// BenchmarkSearchTitles searches whole names and their first words.
func BenchmarkSearchTitles(b *testing.B) {
	cat, ix := searchIndex(b)
	var qs []string
	i := 0
	for n := range cat.Names() {
		if i++; i%97 == 0 {
			qs = append(qs, n.Term, strings.Fields(n.Term)[0])
		}
	}
	i = 0
	for b.Loop() {
		i++
		ix.Search(qs[i%len(qs)], MaxHits)
	}
}

// A search's marks wrap around after 2^32 of them without losing a name:
// a search right at the wrap finds what it finds otherwise.
func TestIndexMarksWrapAround(t *testing.T) {
	cat, ix := searchIndex(t)
	for _, q := range []string{"registerd nurse", "softwre developer 3x17"} {
		want := search(cat, ix, q, MaxHits)
		for _, at := range [][2]uint32{{math.MaxUint32, 7}, {math.MaxUint32 - 3, 7}, {7, math.MaxUint32 - 3}} {
			s := ix.newScratch()
			s.gen, s.stretch = at[0], at[1]
			// Stale marks equal to the first ones after the wrap.
			for i := range s.name {
				s.name[i] = 1
			}
			for i := range s.inStretch {
				s.inStretch[i] = 1
			}
			ix.scratch.Put(s)
			if got := search(cat, ix, q, MaxHits); !slices.Equal(got, want) {
				t.Errorf("%q with marks at %v: %v, want %v", q, at, got, want)
			}
		}
	}
}

// One source of O*NET's gives Secretaries and Administrative Assistants
// the alternate title "Police": a single word that one source alone gives
// as a whole title does not put them before the police's own occupations,
// typed or misspelt.
func TestIndexRanksASingleSourceWordBelowTitles(t *testing.T) {
	cat, ix := searchIndex(t)
	for _, q := range []string{"police", "poilce"} {
		got := search(cat, ix, q, 3)
		if len(got) == 0 || !strings.HasPrefix(got[0], "33-") {
			t.Errorf("search %q: first results %v, want a police occupation (33-...) first", q, got)
		}
	}
}
