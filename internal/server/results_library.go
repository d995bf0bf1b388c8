package server

import (
	"fmt"
	"net/http"

	"careerguide/web/components"
	"careerguide/web/pages"
)

// MinGroup is the smallest group of results the Result Library shows.
const MinGroup = 5

// resultsLibrary is GET /careers/{slug}/results: aggregates of every result,
// read from the maintained counters.
func (s *Server) resultsLibrary(w http.ResponseWriter, r *http.Request) {
	nav, ok := s.careerNav(w, r, "results")
	if !ok {
		return
	}
	lib, err := s.Store.Library(r.Context(), nav.Career.Slug, 10)
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	p := pages.LibraryPage{
		Chrome:    s.chrome(r, nav.Career.Name+" Result Library", "How everyone who took the "+nav.Career.Name+" match test matched."),
		Nav:       nav,
		Total:     lib.Total,
		MinGroup:  MinGroup,
		Histogram: components.NewHistogram("histogram", lib.Histogram[:], MinGroup),
	}
	for _, c := range lib.Codes {
		if c.Results < MinGroup {
			p.Hidden++
			continue
		}
		p.Codes = append(p.Codes, pages.CodeRow{Code: c.Code, Results: c.Results, Share: fmt.Sprintf("%.0f%%", 100*float64(c.Results)/float64(lib.Total))})
	}
	for _, l := range lib.Levels {
		if l.Results < MinGroup {
			p.Hidden++
			continue
		}
		title := "No level set"
		if lv := nav.Career.Level(l.LevelKey); lv != nil {
			title = lv.Title
		} else if l.LevelKey != "" {
			continue // a level the content no longer has
		}
		p.Levels = append(p.Levels, pages.LevelRow{Title: title, Results: l.Results, AvgMatch: fmt.Sprintf("%.0f%%", l.AvgMatch)})
	}
	s.render(w, r, http.StatusOK, pages.Library(p))
}
