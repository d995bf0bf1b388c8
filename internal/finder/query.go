// Package finder is the occupation finder: it reads a search of the
// occupations list from its URL (words, filters, sort, page), finds the
// occupations (in memory, on an index of every name they go by, with the
// answers kept per content snapshot), filters, sorts and cuts the page. It
// bounds what searches can cost: the length of a query and the searches
// running at once.
package finder

import (
	"cmp"
	"errors"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"careerguide/internal/career"
	"careerguide/internal/quiz"
)

const (
	// PerPage is how many occupations one page lists.
	PerPage = 25
	// MaxLen bounds a search in characters: longer than every name an
	// occupation goes by (the longest is 128).
	MaxLen = 200
	// MaxHits bounds the occupations a search returns; filters and sort
	// apply to them.
	MaxHits = 300
)

// NotUTF8 is Parse's message for a search whose bytes are not UTF-8 text
// (a form sent in another encoding, or a mistyped address).
const NotUTF8 = "Your search holds bytes that are not UTF-8 text, so we cannot read them as characters: the box shows each as �. Type the job title again and search."

// TooLong is Parse's message for a search longer than MaxLen
// (TestLongTitlesAreFound checks its figure).
const TooLong = "Search with at most 200 characters: a job title, or a few words of one."

// Option is one choice of a filter or of the sort.
type Option struct{ Value, Label string }

// payBand is a median pay filter: at least min, below max (0: no bound).
type payBand struct {
	Option
	min, max int
}

func payBands() []payBand {
	return []payBand{
		{Option{"", "Any pay"}, 0, 0},
		{Option{"under-40k", "Under $40,000"}, 0, 40000},
		{Option{"40k-60k", "$40,000 to $60,000"}, 40000, 60000},
		{Option{"60k-80k", "$60,000 to $80,000"}, 60000, 80000},
		{Option{"80k-100k", "$80,000 to $100,000"}, 80000, 100000},
		{Option{"100k-150k", "$100,000 to $150,000"}, 100000, 150000},
		{Option{"150k-up", "$150,000 or more"}, 150000, 0},
	}
}

// growthBand is a projected growth filter, percent: at least min, below max.
type growthBand struct {
	Option
	min, max float64
}

func growthBands() []growthBand {
	inf := math.Inf(1)
	return []growthBand{
		{Option{"", "Any growth"}, -inf, inf},
		{Option{"decline", "Declining (below 0 %)"}, -inf, 0},
		{Option{"0-5", "0 to 5 %"}, 0, 5},
		{Option{"5-10", "5 to 10 %"}, 5, 10},
		{Option{"10-up", "10 % or more"}, 10, inf},
	}
}

// PayOptions are the choices of the pay filter.
func PayOptions() []Option { return options(payBands(), func(b payBand) Option { return b.Option }) }

// GrowthOptions are the choices of the growth filter.
func GrowthOptions() []Option {
	return options(growthBands(), func(b growthBand) Option { return b.Option })
}

// SortOptions are the choices of the sort; by match only with a result.
func SortOptions(withMatch bool) []Option {
	o := []Option{{"", "Best match to the search, or name"}, {"name", "Name"},
		{"pay", "Median pay, highest first"}, {"growth", "Growth, fastest first"},
		{"employment", "Employment, largest first"}}
	if withMatch {
		o = append(o, Option{"match", "Match to my last result"})
	}
	return o
}

func options[T any](list []T, f func(T) Option) []Option {
	out := make([]Option, len(list))
	for i, x := range list {
		out[i] = f(x)
	}
	return out
}

// Query is the state of the occupations list, all from the URL.
type Query struct {
	Q, Letter, Zone, Pay, Growth, Sort string
	Page                               int
}

// URL is the list's address for q at page, leaving out defaults.
func (q Query) URL(page int) string {
	v := url.Values{}
	for _, kv := range [][2]string{{"q", q.Q}, {"letter", q.Letter}, {"zone", q.Zone}, {"pay", q.Pay}, {"growth", q.Growth}, {"sort", q.Sort}} {
		if kv[1] != "" {
			v.Set(kv[0], kv[1])
		}
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/occupations"
	}
	return "/occupations?" + v.Encode()
}

// Parse reads and checks the list's parameters; a non-empty message says
// what to fix (the first problem; a problem with the words before any
// other), and the returned Query leaves out the values it could not use.
func Parse(v url.Values) (Query, string) {
	words := strings.Fields(v.Get("q"))
	q := Query{
		Q: strings.Join(words, " "), Letter: v.Get("letter"), Zone: v.Get("zone"),
		Pay: v.Get("pay"), Growth: v.Get("growth"), Sort: v.Get("sort"), Page: 1,
	}
	// Each value not offered is dropped from q, so a page that shows the
	// problem can show the rest of the search as it was asked.
	var msg string
	fail := func(m string) {
		if msg == "" {
			msg = m
		}
	}
	if q.Letter != "" && (len(q.Letter) != 1 || !strings.Contains(quiz.Letters, q.Letter)) {
		q.Letter = ""
		fail("Choose a Holland letter: R, I, A, S, E or C.")
	}
	if q.Zone != "" && (len(q.Zone) != 1 || q.Zone < "1" || q.Zone > "5") {
		q.Zone = ""
		fail("Choose a Job Zone from 1 to 5.")
	}
	if !slices.ContainsFunc(payBands(), func(b payBand) bool { return b.Value == q.Pay }) {
		q.Pay = ""
		fail("Choose one of the listed pay ranges.")
	}
	if !slices.ContainsFunc(growthBands(), func(b growthBand) bool { return b.Value == q.Growth }) {
		q.Growth = ""
		fail("Choose one of the listed growth ranges.")
	}
	if !slices.Contains([]string{"", "relevance", "name", "pay", "growth", "employment", "match"}, q.Sort) {
		q.Sort = ""
		fail("Sort by best match, name, pay, growth, employment or match to your last result.")
	}
	if p := v.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		switch {
		case errors.Is(err, strconv.ErrRange) && p[0] != '-':
			q.Page = maxPage + 1 // more digits than any page: past the last
		case err != nil || n < 1:
			fail("The page must be a whole number from 1.")
		default:
			q.Page = min(n, maxPage+1)
		}
	}
	// The words come last: a problem with them is the one to tell, as the
	// person typed them.
	switch {
	case !utf8.ValidString(q.Q):
		msg = NotUTF8
	case utf8.RuneCountInString(q.Q) > MaxLen:
		msg = TooLong
	}
	return q, msg
}

// maxPage is more pages than any list has (1,016 occupations, 25 a page):
// a higher page number is read as one past it, so past the last page.
const maxPage = 1000

// filter keeps the occupations that pass every filter of q.
func filter(list []*career.Occupation, q Query) []*career.Occupation {
	var pay payBand
	for _, b := range payBands() {
		if b.Value == q.Pay {
			pay = b
		}
	}
	var growth growthBand
	for _, b := range growthBands() {
		if b.Value == q.Growth {
			growth = b
		}
	}
	zone, _ := strconv.Atoi(q.Zone)
	return slices.DeleteFunc(list, func(o *career.Occupation) bool {
		if q.Letter != "" && (o.Interests == nil || !strings.Contains(o.Interests.HighPoint, q.Letter)) {
			return true
		}
		if zone != 0 && o.JobZone != zone {
			return true
		}
		if q.Pay != "" {
			m, ok := o.MedianAnnual()
			if !ok && o.Wages != nil && o.Wages.Annual.Median.Mark == career.AboveTop {
				m, ok = math.MaxInt32, true // at or above the top code
			}
			if !ok || m < pay.min || (pay.max > 0 && m >= pay.max) {
				return true
			}
		}
		if q.Growth != "" && (o.Projection == nil || o.Projection.ChangePercent < growth.min || o.Projection.ChangePercent >= growth.max) {
			return true
		}
		return false
	})
}

// sortList orders list by order; occupations without the figure go last,
// ties by title.
func sortList(list []*career.Occupation, order string, match map[string]int) {
	if order == "relevance" {
		return // the search's order
	}
	key := func(o *career.Occupation) (float64, bool) {
		switch order {
		case "pay":
			if o.Wages != nil && o.Wages.Annual.Median.Mark == career.AboveTop {
				return math.MaxFloat64, true
			}
			m, ok := o.MedianAnnual()
			return float64(m), ok
		case "growth":
			if o.Projection == nil {
				return 0, false
			}
			return o.Projection.ChangePercent, true
		case "employment":
			if o.Wages == nil || !o.Wages.Employment.Known() {
				return 0, false
			}
			return o.Wages.Employment.Value, true
		case "match":
			m, ok := match[o.Code]
			return float64(m), ok
		}
		return 0, false
	}
	slices.SortStableFunc(list, func(a, b *career.Occupation) int {
		if order != "name" {
			ka, oka := key(a)
			kb, okb := key(b)
			switch {
			case oka != okb:
				if oka {
					return -1
				}
				return 1
			case ka != kb:
				return cmp.Compare(kb, ka) // highest first
			}
		}
		return cmp.Or(strings.Compare(a.Title, b.Title), strings.Compare(a.Code, b.Code))
	})
}
