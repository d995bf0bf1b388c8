package server

import (
	"cmp"
	"compress/gzip"
	"context"
	"errors"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"careerguide/internal/career"
	"careerguide/internal/quiz"
	"careerguide/internal/store"
	"careerguide/web/components"
	"careerguide/web/pages"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"
)

const (
	occupationsPerPage = 25
	maxSearchLen       = 100
	// maxSearchHits bounds the occupations a search returns; filters and
	// sort apply to them.
	maxSearchHits = 300
)

// payBand is a median pay filter: at least Min, below Max (0: no bound).
type payBand struct {
	value, label string
	min, max     int
}

func payBands() []payBand {
	return []payBand{
		{"", "Any pay", 0, 0},
		{"under-40k", "Under $40,000", 0, 40000},
		{"40k-60k", "$40,000 to $60,000", 40000, 60000},
		{"60k-80k", "$60,000 to $80,000", 60000, 80000},
		{"80k-100k", "$80,000 to $100,000", 80000, 100000},
		{"100k-150k", "$100,000 to $150,000", 100000, 150000},
		{"150k-up", "$150,000 or more", 150000, 0},
	}
}

// growthBand is a projected growth filter, percent: at least min, below max.
type growthBand struct {
	value, label string
	min, max     float64
}

func growthBands() []growthBand {
	inf := math.Inf(1)
	return []growthBand{
		{"", "Any growth", -inf, inf},
		{"decline", "Declining (below 0 %)", -inf, 0},
		{"0-5", "0 to 5 %", 0, 5},
		{"5-10", "5 to 10 %", 5, 10},
		{"10-up", "10 % or more", 10, inf},
	}
}

// occupationQuery is the state of the occupations list, all from the URL.
type occupationQuery struct {
	q, letter, zone, pay, growth, sort string
	page                               int
}

// values are the URL parameters of oq at page, leaving out defaults.
func (oq occupationQuery) url(page int) string {
	v := url.Values{}
	for _, kv := range [][2]string{{"q", oq.q}, {"letter", oq.letter}, {"zone", oq.zone}, {"pay", oq.pay}, {"growth", oq.growth}, {"sort", oq.sort}} {
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

// parseOccupationQuery reads and checks the list's parameters; a
// non-empty message says what to fix.
func parseOccupationQuery(v url.Values) (occupationQuery, string) {
	oq := occupationQuery{
		q: strings.Join(strings.Fields(v.Get("q")), " "), letter: v.Get("letter"), zone: v.Get("zone"),
		pay: v.Get("pay"), growth: v.Get("growth"), sort: v.Get("sort"), page: 1,
	}
	switch {
	case !utf8.ValidString(oq.q) || utf8.RuneCountInString(oq.q) > maxSearchLen:
		return oq, "Search for a job title of at most 100 characters."
	case oq.letter != "" && (len(oq.letter) != 1 || !strings.Contains(quiz.Letters, oq.letter)):
		return oq, "Choose a Holland letter: R, I, A, S, E or C."
	case oq.zone != "" && (len(oq.zone) != 1 || oq.zone < "1" || oq.zone > "5"):
		return oq, "Choose a Job Zone from 1 to 5."
	case !slices.ContainsFunc(payBands(), func(b payBand) bool { return b.value == oq.pay }):
		return oq, "Choose one of the listed pay ranges."
	case !slices.ContainsFunc(growthBands(), func(b growthBand) bool { return b.value == oq.growth }):
		return oq, "Choose one of the listed growth ranges."
	case !slices.Contains([]string{"", "relevance", "name", "pay", "growth", "employment", "match"}, oq.sort):
		return oq, "Sort by best match, name, pay, growth, employment or match to your last result."
	}
	if p := v.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 1000 {
			return oq, "The page must be a number from 1."
		}
		oq.page = n
	}
	return oq, ""
}

// occupations is GET /occupations: search, filters, sort and pages.
func (s *server) occupations(w http.ResponseWriter, r *http.Request) {
	cat := s.catalog()
	// Match to the last result: only offered when the person has one.
	person, hasResult, err := s.lastScores(r)
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	// Without a result the page depends only on the URL, the content and
	// whether the person is signed in: it is kept (the URL as sent, since
	// the page's links carry it), and a kept page was checked when it was
	// made.
	if !hasResult {
		key := pageKey{hash: cat.Hash, path: r.URL.RequestURI(), variant: variant{signedIn: s.isSignedIn(r)}}
		serveKept(s, w, r, s.kept().occupationLists, key, gzip.DefaultCompression, func() (templ.Component, bool) {
			return s.occupationsPage(w, r, cat, person, false)
		})
		return
	}
	if c, ok := s.occupationsPage(w, r, cat, person, true); ok {
		s.render(w, r, http.StatusOK, c)
	}
}

// occupationsPage is the /occupations page the request asks for, for a
// person with a match test result (person) or without; false when it
// answered the request itself with an error page.
func (s *server) occupationsPage(w http.ResponseWriter, r *http.Request, cat *career.Catalog, person quiz.Profile, hasResult bool) (templ.Component, bool) {
	oq, msg := parseOccupationQuery(r.URL.Query())
	if msg != "" {
		s.errorPage(w, r, http.StatusBadRequest, "We could not use that search", msg+" Go back to change it: your other choices are kept.")
		return nil, false
	}
	if oq.sort == "match" && !hasResult {
		s.errorPage(w, r, http.StatusBadRequest, "No match test result yet",
			"Sorting by match needs a match test result of yours. Take the match test from any career guide, then come back.")
		return nil, false
	}
	var list []*career.Occupation
	if oq.q != "" {
		found, err := s.searches.find(r.Context(), cat, oq.q, func(ctx context.Context, q string) ([]string, error) {
			return s.Store.SearchOccupations(ctx, q, maxSearchHits)
		})
		if err != nil {
			s.unavailable(w, r, err)
			return nil, false
		}
		list = found
	} else {
		list = make([]*career.Occupation, len(cat.Occupations))
		for i := range cat.Occupations {
			list[i] = &cat.Occupations[i]
		}
	}
	list = filterOccupations(list, oq)
	order := oq.sort
	if order == "" {
		order = "name"
		if oq.q != "" {
			order = "relevance"
		}
	}
	match := map[string]int{}
	if hasResult {
		for _, o := range list {
			if o.Interests != nil {
				match[o.Code] = int(math.Round(quiz.Match(person, o.Interests.Scores)))
			}
		}
	}
	sortOccupations(list, order, match)

	pagesN := max(1, (len(list)+occupationsPerPage-1)/occupationsPerPage)
	if oq.page > pagesN {
		s.notFound(w, r)
		return nil, false
	}
	from := (oq.page - 1) * occupationsPerPage
	rows := make([]pages.OccupationRow, 0, occupationsPerPage)
	for _, o := range list[from:min(from+occupationsPerPage, len(list))] {
		m, ok := match[o.Code]
		if !ok {
			m = -1
		}
		rows = append(rows, pages.OccupationRow{Occ: o, Match: m})
	}
	p := pages.OccupationsPage{
		Chrome: s.chrome(r, "Occupations", "Search every occupation O*NET describes, with official pay and outlook."),
		Data:   &cat.OccupationData,
		Q:      oq.q, Letter: oq.letter, Zone: oq.zone, Pay: oq.pay, Growth: oq.growth, Sort: oq.sort,
		Rows: rows, Total: len(list), Page: oq.page, Pages: pagesN, First: from + 1,
		Matched: hasResult,
	}
	p.Letters = []pages.Option{{Value: "", Label: "All interests"}}
	for _, t := range cat.RIASEC {
		p.Letters = append(p.Letters, pages.Option{Value: t.Letter, Label: t.Letter + " — " + t.Name})
	}
	p.Zones = []pages.Option{{Value: "", Label: "Any preparation"}}
	for z := 1; z <= 5; z++ {
		p.Zones = append(p.Zones, pages.Option{Value: strconv.Itoa(z), Label: components.ZoneShort(z)})
	}
	for _, b := range payBands() {
		p.Pays = append(p.Pays, pages.Option{Value: b.value, Label: b.label})
	}
	for _, b := range growthBands() {
		p.Growths = append(p.Growths, pages.Option{Value: b.value, Label: b.label})
	}
	p.Sorts = []pages.Option{{Value: "", Label: "Best match to the search, or name"}, {Value: "name", Label: "Name"},
		{Value: "pay", Label: "Median pay, highest first"}, {Value: "growth", Label: "Growth, fastest first"},
		{Value: "employment", Label: "Employment, largest first"}}
	if hasResult {
		p.Sorts = append(p.Sorts, pages.Option{Value: "match", Label: "Match to my last result"})
	}
	if oq.page > 1 {
		p.PrevURL = oq.url(oq.page - 1)
	}
	if oq.page < pagesN {
		p.NextURL = oq.url(oq.page + 1)
	}
	return pages.Occupations(p), true
}

// filterOccupations keeps the occupations that pass every filter of oq.
func filterOccupations(list []*career.Occupation, oq occupationQuery) []*career.Occupation {
	var pay payBand
	for _, b := range payBands() {
		if b.value == oq.pay {
			pay = b
		}
	}
	var growth growthBand
	for _, b := range growthBands() {
		if b.value == oq.growth {
			growth = b
		}
	}
	zone, _ := strconv.Atoi(oq.zone)
	return slices.DeleteFunc(list, func(o *career.Occupation) bool {
		if oq.letter != "" && (o.Interests == nil || !strings.Contains(o.Interests.HighPoint, oq.letter)) {
			return true
		}
		if zone != 0 && o.JobZone != zone {
			return true
		}
		if oq.pay != "" {
			m, ok := o.MedianAnnual()
			if !ok && o.Wages != nil && o.Wages.Annual.Median.Mark == career.AboveTop {
				m, ok = math.MaxInt32, true // at or above the top code
			}
			if !ok || m < pay.min || (pay.max > 0 && m >= pay.max) {
				return true
			}
		}
		if oq.growth != "" && (o.Projection == nil || o.Projection.ChangePercent < growth.min || o.Projection.ChangePercent >= growth.max) {
			return true
		}
		return false
	})
}

// sortOccupations orders list by order; occupations without the figure go
// last, ties by title.
func sortOccupations(list []*career.Occupation, order string, match map[string]int) {
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

// lastScores are the interest scores of the person's latest match test
// result: the account's when signed in, else the results cookie's.
func (s *server) lastScores(r *http.Request) (quiz.Profile, bool, error) {
	var id string
	if uid := s.userID(r.Context()); uid != 0 {
		results, err := s.Store.UserResults(r.Context(), uid)
		if err != nil {
			return quiz.Profile{}, false, err
		}
		if len(results) > 0 {
			id = results[0].ID
		}
	} else if ids := s.anonymousResults(r); len(ids) > 0 {
		id = ids[len(ids)-1]
	}
	if id == "" {
		return quiz.Profile{}, false, nil
	}
	res, err := s.Store.Result(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return quiz.Profile{}, false, nil
	}
	if err != nil {
		return quiz.Profile{}, false, err
	}
	return res.Scores, true, nil
}

// occupationShow is GET /occupations/{code}. Occupation pages show nothing
// personal: one cached render per signed-in state serves everyone.
func (s *server) occupationShow(w http.ResponseWriter, r *http.Request) {
	cat := s.catalog()
	o, ok := cat.Occupation(chi.URLParam(r, "code"))
	if !ok {
		s.notFound(w, r)
		return
	}
	// An empty CareerNav: the cached variant shows no level.
	s.renderCached(w, r, components.CareerNav{}, func() templ.Component {
		return pages.Occupation(s.occupationPage(r, cat, o))
	})
}

// occupationPage is the view of occupation o.
func (s *server) occupationPage(r *http.Request, cat *career.Catalog, o *career.Occupation) pages.OccupationPage {
	page := pages.OccupationPage{
		Chrome: s.chrome(r, o.Title, o.Title+": official pay, outlook, preparation and interests (O*NET, BLS)."),
		Occ:    o, Data: &cat.OccupationData, Guides: cat.GuidesFor(o.Code),
		WagesShared: occupationsByCode(cat, o.Code, func(x *career.Occupation) bool {
			return o.Wages != nil && x.Wages != nil && x.Wages.SOC == o.Wages.SOC
		}),
		ProjectionShared: occupationsByCode(cat, o.Code, func(x *career.Occupation) bool {
			return o.Projection != nil && x.Projection != nil && x.Projection.SOC == o.Projection.SOC
		}),
	}
	for _, c := range o.Related {
		if rel, ok := cat.Occupation(c); ok {
			page.Related = append(page.Related, rel)
		}
	}
	return page
}

// occupationsByCode are the catalog's other occupations that pass keep.
func occupationsByCode(cat *career.Catalog, code string, keep func(*career.Occupation) bool) []*career.Occupation {
	var out []*career.Occupation
	for i := range cat.Occupations {
		if x := &cat.Occupations[i]; x.Code != code && keep(x) {
			out = append(out, x)
		}
	}
	return out
}
