package server

import (
	"careerguide/internal/quiz"
	"github.com/a-h/templ"
	"math"
	"net/http"

	"careerguide/internal/career"
	"careerguide/web/components"
	"careerguide/web/pages"

	"github.com/go-chi/chi/v5"
)

// careerNav finds the career of the request and the person's level; it
// renders the 404 page and returns false for an unknown career.
func (s *Server) careerNav(w http.ResponseWriter, r *http.Request, section string) (components.CareerNav, bool) {
	c, ok := s.Content.Catalog().Career(chi.URLParam(r, "slug"))
	if !ok {
		s.notFound(w, r)
		return components.CareerNav{}, false
	}
	return components.CareerNav{Career: c, Section: section, Current: s.currentLevel(r.Context(), c), Path: r.URL.Path}, true
}

// careerOverview is /careers/{slug}.
func (s *Server) careerOverview(w http.ResponseWriter, r *http.Request) {
	nav, ok := s.careerNav(w, r, "")
	if !ok {
		return
	}
	s.renderCached(w, r, nav, func() templ.Component {
		return pages.Overview(pages.OverviewPage{
			Chrome:  s.chrome(r, nav.Career.Name+" career guide", nav.Career.Summary),
			Nav:     nav,
			Next:    nav.Career.Next(nav.Current),
			Related: s.relatedCareers(nav.Career),
		})
	})
}

// relatedCareers are the other careers of the catalog, the most similar
// interest profile (the match test's measure) first.
func (s *Server) relatedCareers(c *career.Career) []pages.RelatedCareer {
	cat := s.Content.Catalog()
	var others []*career.Career
	var profiles []quiz.Profile
	for i := range cat.Careers {
		if o := &cat.Careers[i]; o.Slug != c.Slug {
			others = append(others, o)
			profiles = append(profiles, o.Interests.Scores)
		}
	}
	out := make([]pages.RelatedCareer, 0, len(others))
	for _, r := range quiz.Rank(c.Interests.Scores, profiles) {
		out = append(out, pages.RelatedCareer{Career: others[r.Index], Similarity: int(math.Round(r.Match))})
	}
	return out
}
