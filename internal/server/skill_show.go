package server

import (
	"net/http"

	"careerguide/web/pages"
	"careerguide/web/section"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"
)

// skillShow is /careers/{slug}/skills/{skill}.
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
	s.renderCached(w, r, nav, func() templ.Component {
		return pages.SkillShow(pages.SkillPage{
			Chrome: s.chrome(r, sk.Name+" for a "+nav.Career.Name, sk.Summary),
			Nav:    nav,
			Skill:  sk,
			Level:  nav.Career.Level(sk.LevelKey),
		})
	})
}
