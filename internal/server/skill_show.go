package server

import (
	"net/http"

	"careerguide/internal/career"
	"careerguide/web/components"
	"careerguide/web/pages"
	"careerguide/web/section"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"
)

// skillShow is /careers/{slug}/skills/{skill}. With marks in the session
// it is rendered per request (it shows the mark); otherwise cached.
func (s *server) skillShow(w http.ResponseWriter, r *http.Request) {
	nav, ok := s.careerNav(w, r, section.Skills)
	if !ok {
		return
	}
	sk := nav.Career.Skill(chi.URLParam(r, "skill"))
	if sk == nil {
		s.notFound(w, r)
		return
	}
	if s.hasPlanData(r.Context()) {
		w.Header().Set("Cache-Control", "no-store")
		p := s.skillPage(r, nav, sk)
		p.Status, p.From = s.progress(r.Context()).Of(nav.Career.Slug, sk)
		s.render(w, r, http.StatusOK, pages.SkillShow(p))
		return
	}
	s.renderCached(w, r, nav, func() templ.Component { return pages.SkillShow(s.skillPage(r, nav, sk)) })
}

// skillPage is the skill's page without the person's mark.
func (s *server) skillPage(r *http.Request, nav components.CareerNav, sk *career.Skill) pages.SkillPage {
	return pages.SkillPage{
		Chrome: s.chrome(r, sk.Name+" for "+components.WithArticle(nav.Career.Name), sk.Summary),
		Nav:    nav,
		Skill:  sk,
		Level:  nav.Career.Level(sk.LevelKey),
	}
}
