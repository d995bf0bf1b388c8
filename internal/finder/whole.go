package finder

import (
	"cmp"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"careerguide/internal/career"
)

// MaxWholeLen bounds a search in characters when it is a whole name:
// longer than every name an occupation goes by (the longest is 128).
const MaxWholeLen = 200

// ErrTooLong: a search of more than MaxWords words or MaxLen characters
// that is not a whole name of an occupation.
var ErrTooLong = errors.New("finder: a long search that is no occupation's name")

// TooLong is the message for ErrTooLong and for a search longer than
// MaxWholeLen (TestLongSearchesFindOnlyWholeNames checks its figures).
const TooLong = "Search with at most 6 words and 100 characters (a job title, or a few words of one), or with a whole job title as O*NET lists it."

// long reports whether q is searched only as a whole name: it has too many
// words or characters for the database's search of words and spellings.
func long(q string) bool {
	return len(strings.Fields(q)) > MaxWords || utf8.RuneCountInString(q) > MaxLen
}

// wholeNames are the names of cat's occupations that are long (see long),
// normalized (career.NormalName), each with the positions of the
// occupations that go by it, best first: ranked as the database's search
// ranks names that match a query exactly.
func wholeNames(cat *career.Catalog) map[string][]int32 {
	type hit struct {
		pos   int32
		score float64
	}
	found := map[string][]hit{}
	for n := range cat.Names() {
		if !long(n.Term) {
			continue
		}
		k := career.NormalName(n.Term)
		score := 0.01 * float64(min(n.Sources, 5))
		if n.Kind < career.NameAlt {
			score = 0.1 - 0.01*float64(n.Kind)
		}
		hits := found[k]
		if i := slices.IndexFunc(hits, func(h hit) bool { return h.pos == int32(n.Occ) }); i >= 0 {
			hits[i].score = max(hits[i].score, score)
			continue
		}
		found[k] = append(hits, hit{int32(n.Occ), score})
	}
	out := make(map[string][]int32, len(found))
	for k, hits := range found {
		// As SearchOccupations orders one tier: occupations of one SOC code
		// together, by the code's best name and then its largest
		// employment, the general occupation (.00) first.
		soc := func(h hit) string { return cat.Occupations[h.pos].Code[:7] }
		socScore, socEmployment := map[string]float64{}, map[string]float64{}
		for _, h := range hits {
			s := soc(h)
			socScore[s] = max(socScore[s], h.score)
			if w := cat.Occupations[h.pos].Wages; w != nil && w.Employment.Known() {
				socEmployment[s] = max(socEmployment[s], w.Employment.Value)
			}
		}
		slices.SortFunc(hits, func(a, b hit) int {
			ca, cb := cat.Occupations[a.pos].Code, cat.Occupations[b.pos].Code
			sa, sb := soc(a), soc(b)
			return cmp.Or(
				cmp.Compare(socScore[sb], socScore[sa]),
				cmp.Compare(socEmployment[sb], socEmployment[sa]),
				strings.Compare(sa, sb),
				cmp.Compare(general(cb), general(ca)),
				cmp.Compare(b.score, a.score),
				strings.Compare(ca, cb))
		})
		pos := make([]int32, len(hits))
		for i, h := range hits {
			pos[i] = h.pos
		}
		out[k] = pos
	}
	return out
}

// general is 1 for the general occupation of its SOC code (.00), else 0.
func general(code string) int {
	if strings.HasSuffix(code, ".00") {
		return 1
	}
	return 0
}
