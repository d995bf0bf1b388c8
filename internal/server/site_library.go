package server

import (
	"context"
	"fmt"
	"net/http"

	"careerguide/internal/career"
	"careerguide/internal/quiz"
	"careerguide/internal/store"
	"careerguide/web/components"
	"careerguide/web/pages"
	"careerguide/web/section"
)

// siteTop is how many of the most common site-wide codes and occupations
// are read; the ones with results from enough people are shown.
const siteTop = 10

// loadSiteLibrary reads the site-wide counters (slug is store.SiteScope).
func (s *server) loadSiteLibrary(ctx context.Context, _ string) (*store.Library, error) {
	return s.Store.SiteLibrary(ctx, siteTop)
}

// libraryRow is one published figure of a Result Library. The pages and
// the open data (CSV, JSON) show the same rows, so their figures agree.
type libraryRow struct {
	Scope     string   `json:"scope"` // "site" or a guide's slug
	Group     string   `json:"group"` // total, match_band, holland, level, top_occupation, flat
	Key       string   `json:"key"`
	Label     string   `json:"label"`
	Results   int64    `json:"results"`
	MeanMatch *float64 `json:"mean_match_pct,omitempty"` // level rows only
	// Total rows only: the results counted since people were first counted
	// and how many people (one client network a day) sent them.
	PeopleResults *int64 `json:"people_results,omitempty"`
	People        *int64 `json:"people,omitempty"`
}

// totalRow is the row of every result of a scope, with who sent them.
func totalRow(scope string, total int64, p store.People) libraryRow {
	return libraryRow{Scope: scope, Group: "total", Results: total, PeopleResults: &p.Results, People: &p.People}
}

// libraryFigures is what a Result Library shows: its rows (small groups
// left out) and how many groups were left out.
type libraryFigures struct {
	Rows   []libraryRow
	Hidden int
}

// guideFigures is the rows of a guide's Result Library.
func guideFigures(c *career.Career, lib *store.Library) libraryFigures {
	f := libraryFigures{Rows: []libraryRow{totalRow(c.Slug, lib.Total, lib.People)}}
	for b, n := range lib.Histogram {
		if n == 0 {
			continue
		}
		if !shown(n, lib.HistogramClients[b]) {
			f.Hidden++
			continue
		}
		lo := b * quiz.BucketWidth
		f.Rows = append(f.Rows, libraryRow{Scope: c.Slug, Group: "match_band", Key: fmt.Sprintf("%d-%d", lo, lo+quiz.BucketWidth), Results: n})
	}
	for _, cc := range lib.Codes {
		if !shown(cc.Results, cc.Clients) {
			f.Hidden++
			continue
		}
		f.Rows = append(f.Rows, libraryRow{Scope: c.Slug, Group: "holland", Key: cc.Code, Results: cc.Results})
	}
	f.flat(c.Slug, lib)
	for _, l := range lib.Levels {
		if !shown(l.Results, l.Clients) {
			f.Hidden++
			continue
		}
		title := "No level set"
		if lv := c.Level(l.LevelKey); lv != nil {
			title = lv.Title
		} else if l.LevelKey != "" {
			continue // a level the content no longer has
		}
		mean := l.AvgMatch
		f.Rows = append(f.Rows, libraryRow{Scope: c.Slug, Group: "level", Key: l.LevelKey, Label: title, Results: l.Results, MeanMatch: &mean})
	}
	return f
}

// flat adds the row of the results that did not separate interests, when
// there are any from enough people.
func (f *libraryFigures) flat(scope string, lib *store.Library) {
	if lib.Flat == 0 {
		return
	}
	if !shown(lib.Flat, lib.FlatClients) {
		f.Hidden++
		return
	}
	f.Rows = append(f.Rows, libraryRow{Scope: scope, Group: "flat", Label: "did not separate interests", Results: lib.Flat})
}

// siteFigures is the rows of the site-wide Result Library.
func siteFigures(cat *career.Catalog, lib *store.Library) libraryFigures {
	f := libraryFigures{Rows: []libraryRow{totalRow("site", lib.Total, lib.People)}}
	f.flat("site", lib)
	for _, c := range lib.Codes {
		if !shown(c.Results, c.Clients) {
			f.Hidden++
			continue
		}
		f.Rows = append(f.Rows, libraryRow{Scope: "site", Group: "holland", Key: c.Code, Results: c.Results})
	}
	for _, c := range lib.Occupations {
		if !shown(c.Results, c.Clients) {
			f.Hidden++
			continue
		}
		title := c.Code
		if o, ok := cat.Occupation(c.Code); ok {
			title = o.Title
		}
		f.Rows = append(f.Rows, libraryRow{Scope: "site", Group: "top_occupation", Key: c.Code, Label: title, Results: c.Results})
	}
	return f
}

// share is n as a whole percentage of total.
func share(n, total int64) string {
	if total <= 0 {
		return "0%"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(n)/float64(total))
}

// siteLibrary is GET /results/library: what the results of every guide
// have in common, from the maintained counters.
func (s *server) siteLibrary(w http.ResponseWriter, r *http.Request) {
	cat := s.catalog()
	lib, err := s.counters.counters(r.Context(), store.SiteScope, true, s.loadSiteLibrary)
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	p := pages.SiteLibraryPage{
		Chrome: s.chrome(r, "Result Library: every guide",
			"What everyone who took a careerguide match test has in common: the most common Holland codes and best-matching occupations."),
		Counted: lib.Total, MinGroup: minGroup, People: peopleCount(lib.People),
	}
	p.ONet, _ = cat.OccupationData.Source("onet")
	for i := range cat.Careers {
		c := &cat.Careers[i]
		gl, err := s.counters.counters(r.Context(), c.Slug, true, s.loadLibrary)
		if err != nil {
			s.unavailable(w, r, err)
			return
		}
		p.All += gl.Total
		p.Guides = append(p.Guides, pages.GuideTotal{Name: c.Name, URL: section.URL(c.Slug, section.Results), Results: gl.Total})
	}
	p.All = max(p.All, p.Counted)
	f := siteFigures(cat, lib)
	p.Hidden = f.Hidden
	for _, row := range f.Rows {
		switch row.Group {
		case "flat":
			p.Flat, p.FlatShown = row.Results, true
		case "holland":
			p.Codes = append(p.Codes, pages.CodeRow{Code: row.Key, Results: row.Results, Share: share(row.Results, lib.Total)})
		case "top_occupation":
			p.Occupations = append(p.Occupations, pages.TopOccupationRow{Code: row.Key, Title: row.Label, URL: components.OccupationURL(row.Key),
				Results: row.Results, Share: share(row.Results, lib.Total)})
		}
	}
	if !p.FlatShown {
		p.Flat = lib.Flat
	}
	w.Header().Set("Cache-Control", cacheLibrary)
	s.render(w, r, http.StatusOK, pages.SiteLibrary(p))
}
