package server

import (
	"compress/gzip"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"careerguide/internal/career"
	"careerguide/internal/finder"
	"careerguide/internal/quiz"
	"careerguide/internal/store"
	"careerguide/web/components"
	"careerguide/web/pages"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"
)

// occupations is GET /occupations: search, filters, sort and pages (the
// finder's), rendered.
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
	oq, msg := finder.Parse(r.URL.Query())
	if oq.Sort == "match" && !hasResult {
		oq.Sort = ""
		if msg == "" {
			msg = "Sorting by match needs a match test result of yours. Take the match test from any career guide, then come back."
		}
	}
	if msg != "" {
		// Said on the search page itself, with the words in the box and
		// the filters that could be used still chosen.
		p := s.occupationsPageView(r, cat, oq, finder.Page{}, hasResult)
		p.Q, p.Problem = strings.ToValidUTF8(oq.Q, "\uFFFD"), msg
		s.render(w, r, http.StatusBadRequest, pages.Occupations(p))
		return nil, false
	}
	var me *quiz.Profile
	if hasResult {
		me = &person
	}
	// A search that is not kept counts against the client network's limit.
	allowMiss := func() bool {
		_, over := s.overLimit(w, r, limitCheck{s.limits.search, s.clientNetwork(r)})
		return !over
	}
	list, err := s.finder.List(r.Context(), cat, oq, me, allowMiss)
	switch {
	case errors.Is(err, finder.ErrNoPage):
		s.notFound(w, r)
		return nil, false
	case errors.Is(err, finder.ErrLimited):
		s.errorPage(w, r, http.StatusTooManyRequests, "Too many searches",
			"You have started many new searches in a short time. Please wait "+w.Header().Get("Retry-After")+" seconds, then try again.")
		return nil, false
	case errors.Is(err, finder.ErrBusy):
		s.Logger.Warn("search busy", "path", r.URL.Path)
		w.Header().Set("Retry-After", "2")
		s.errorPage(w, r, http.StatusServiceUnavailable, "Many searches right now", "Many people are searching right now. Please try again in a moment.")
		return nil, false
	case err != nil && r.Context().Err() != nil:
		return nil, false // the client went away
	case err != nil:
		s.unavailable(w, r, err)
		return nil, false
	}
	p := s.occupationsPageView(r, cat, oq, list, hasResult)
	if oq.Q != "" && oq.Page == 1 {
		p.Guides = finder.Guides(cat, oq.Q)
	}
	return pages.Occupations(p), true
}

// occupationsPageView is the view of list, the page oq asks for.
func (s *server) occupationsPageView(r *http.Request, cat *career.Catalog, oq finder.Query, list finder.Page, hasResult bool) pages.OccupationsPage {
	rows := make([]pages.OccupationRow, len(list.Rows))
	for i, row := range list.Rows {
		rows[i] = pages.OccupationRow{Occ: row.Occ, Match: row.Match}
	}
	p := pages.OccupationsPage{
		Chrome: s.chrome(r, "Occupations", "Search every occupation O*NET describes, with official pay and outlook."),
		Data:   &cat.OccupationData,
		Q:      oq.Q, Letter: oq.Letter, Zone: oq.Zone, Pay: oq.Pay, Growth: oq.Growth, Sort: oq.Sort,
		Rows: rows, Total: list.Total, Page: oq.Page, Pages: list.Pages, First: list.First,
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
	p.Pays = pageOptions(finder.PayOptions())
	p.Growths = pageOptions(finder.GrowthOptions())
	p.Sorts = pageOptions(finder.SortOptions(hasResult))
	if oq.Page > 1 {
		p.PrevURL = oq.URL(oq.Page - 1)
	}
	if oq.Page < list.Pages {
		p.NextURL = oq.URL(oq.Page + 1)
	}
	return p
}

// pageOptions are the finder's choices as a page lists them.
func pageOptions(list []finder.Option) []pages.Option {
	out := make([]pages.Option, len(list))
	for i, o := range list {
		out[i] = pages.Option{Value: o.Value, Label: o.Label}
	}
	return out
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
	code := chi.URLParam(r, "code")
	if s.socShow(w, r, cat, code) {
		return
	}
	o, ok := cat.Occupation(code)
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
		Occ:    o, Data: &cat.OccupationData, Guides: cat.GuidesFor(o.Code), CodeIsSOC: cat.IsSOC,
		WagesShared: occupationsByCode(cat, o.Code, func(x *career.Occupation) bool {
			return o.Wages != nil && x.Wages != nil && x.Wages.SOC == o.Wages.SOC
		}),
		ProjectionShared: occupationsByCode(cat, o.Code, func(x *career.Occupation) bool {
			return o.Projection != nil && x.Projection != nil && x.Projection.SOC == o.Projection.SOC
		}),
		Moves: cat.ClosestBySkills(o, pages.MaxMoves),
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
