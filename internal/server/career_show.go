package server

import (
	"net/http"

	"careerguide/internal/career"
	"careerguide/internal/quiz"
	"careerguide/web/components"
	"careerguide/web/pages"
	"careerguide/web/section"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"
)

// careerNav finds the career of the request and, for the sections that
// show it, the person's level; it renders the 404 page and returns false
// for an unknown career. Level-blind sections render without the level, so
// one cached copy serves everyone.
func (s *server) careerNav(w http.ResponseWriter, r *http.Request, sec section.Section) (components.CareerNav, bool) {
	cat := s.catalog()
	c, ok := cat.Career(chi.URLParam(r, "slug"))
	if !ok {
		s.notFound(w, r)
		return components.CareerNav{}, false
	}
	nav := components.CareerNav{Career: c, Careers: cat.Careers, Section: sec, Path: r.URL.Path}
	if showsLevel(sec) {
		nav.Current = s.currentLevel(r.Context(), c)
	}
	return nav, true
}

// showsLevel reports whether a section's page depends on the person's level.
func showsLevel(sec section.Section) bool {
	switch sec {
	case section.Quiz, section.Results, section.Related, section.Myths, section.WorkLife:
		return false
	}
	return true
}

// careerOverview is /careers/{slug}.
func (s *server) careerOverview(w http.ResponseWriter, r *http.Request) {
	nav, ok := s.careerNav(w, r, section.Overview)
	if !ok {
		return
	}
	s.renderCached(w, r, nav, func() templ.Component {
		return pages.Overview(pages.OverviewPage{
			Chrome:  s.chrome(r, nav.Career.Name+" career guide", nav.Career.Tagline),
			Nav:     nav,
			Next:    nav.Career.Next(nav.Current),
			Related: s.relatedCareers(nav.Career),
		})
	})
}

// relatedCareers are the other careers of the catalog, the most similar
// interest profile (the match test's measure) first.
func (s *server) relatedCareers(c *career.Career) []pages.RelatedCareer {
	cat := s.catalog()
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
		out = append(out, pages.RelatedCareer{Career: others[r.Index], Correlation: career.Correlation(c.Interests.Scores, others[r.Index].Interests.Scores)})
	}
	return out
}
