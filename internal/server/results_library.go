package server

import (
	"compress/gzip"
	"context"
	"fmt"
	"net/http"

	"careerguide/internal/store"
	"careerguide/web/components"
	"careerguide/web/pages"
	"careerguide/web/section"

	"github.com/a-h/templ"
)

// minGroup is the smallest group the Result Library shows: results from at
// least this many people, counted as distinct client networks, so that
// one client sending the test again and again cannot reveal a hidden group.
const minGroup = store.MinGroup

// shown reports whether a group of results from clients may be shown.
func shown(results, clients int64) bool { return results >= minGroup && clients >= minGroup }

// resultsLibrary is GET /careers/{slug}/results: aggregates of every result,
// read from the maintained counters.
func (s *server) resultsLibrary(w http.ResponseWriter, r *http.Request) {
	nav, ok := s.careerNav(w, r, section.Results)
	if !ok {
		return
	}
	lib, err := s.counters.counters(r.Context(), nav.Career.Slug, true, s.loadLibrary)
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	key := libraryKey{pageKey: s.pageKey(r, nil), lib: lib}
	w.Header().Set("Cache-Control", cacheLibrary)
	serveKept(s, w, r, s.kept().library, key, gzip.DefaultCompression, func() (templ.Component, bool) {
		return pages.Library(libraryPage(s.chrome(r, nav.Career.Name+" Result Library", "How everyone who took the "+nav.Career.Name+" match test matched."), nav, lib)), true
	})
}

// libraryPage is the view of a guide's Result Library from its counters.
func libraryPage(chrome components.Chrome, nav components.CareerNav, lib *store.Library) pages.LibraryPage {
	p := pages.LibraryPage{
		Chrome:    chrome,
		Nav:       nav,
		Total:     lib.Total,
		People:    peopleCount(lib.People),
		MinGroup:  minGroup,
		Histogram: components.NewHistogram("histogram", lib.Histogram[:], lib.HistogramClients[:], minGroup),
	}
	f := guideFigures(nav.Career, lib)
	p.Hidden = f.Hidden
	for _, row := range f.Rows {
		switch row.Group {
		case "match_band":
			p.BandShown = true
		case "flat":
			p.FlatShown = true
		case "holland":
			p.Codes = append(p.Codes, pages.CodeRow{Code: row.Key, Results: row.Results, Share: share(row.Results, lib.Total)})
		case "level":
			p.Levels = append(p.Levels, pages.LevelRow{Title: row.Label, Results: row.Results, AvgMatch: fmt.Sprintf("%.0f%%", *row.MeanMatch)})
		}
	}
	p.Shown = len(f.Rows) > 1 // more than the total
	p.Flat = lib.Flat
	return p
}

// peopleCount is who sent a Library's results, for its page.
func peopleCount(p store.People) pages.PeopleCount {
	c := pages.PeopleCount{Results: p.Results, People: p.People}
	if !p.Since.IsZero() {
		c.Since = p.Since.UTC().Format("2 January 2006")
	}
	return c
}

// loadLibrary reads a career's counters (the 10 most common codes).
func (s *server) loadLibrary(ctx context.Context, slug string) (*store.Library, error) {
	return s.Store.Library(ctx, slug, 10)
}
