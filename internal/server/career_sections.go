package server

import (
	"net/http"

	"careerguide/web/pages"
	"careerguide/web/section"

	"github.com/a-h/templ"
)

// The text sections of a career guide: each reads the snapshot and renders.

// careerDay is /careers/{slug}/day.
func (s *server) careerDay(w http.ResponseWriter, r *http.Request) {
	nav, ok := s.careerNav(w, r, section.Day)
	if !ok {
		return
	}
	s.renderCached(w, r, nav, func() templ.Component {
		return pages.Day(pages.DayPage{
			Chrome: s.chrome(r, "A day in the life of a "+nav.Career.Name, "A junior's and a senior's working day, hour by hour."), Nav: nav,
		})
	})
}

// careerMyths is /careers/{slug}/myths.
func (s *server) careerMyths(w http.ResponseWriter, r *http.Request) {
	nav, ok := s.careerNav(w, r, section.Myths)
	if !ok {
		return
	}
	s.renderCached(w, r, nav, func() templ.Component {
		return pages.Myths(pages.MythsPage{
			Chrome: s.chrome(r, nav.Career.Name+" myths", "Common beliefs about the job and what is actually true."), Nav: nav,
		})
	})
}

// careerWorkLife is /careers/{slug}/work-life.
func (s *server) careerWorkLife(w http.ResponseWriter, r *http.Request) {
	nav, ok := s.careerNav(w, r, section.WorkLife)
	if !ok {
		return
	}
	s.renderCached(w, r, nav, func() templ.Component {
		return pages.WorkLife(pages.WorkLifePage{
			Chrome: s.chrome(r, nav.Career.Name+" work-life balance", "Stress, flexibility, burnout risk, remote work and on-call."), Nav: nav,
		})
	})
}

// careerRelated is /careers/{slug}/related.
func (s *server) careerRelated(w http.ResponseWriter, r *http.Request) {
	nav, ok := s.careerNav(w, r, section.Related)
	if !ok {
		return
	}
	s.renderCached(w, r, nav, func() templ.Component {
		return pages.Related(pages.RelatedPage{
			Chrome: s.chrome(r, nav.Career.Name+" interests and reading", "The career's Holland code and related reading."), Nav: nav,
			Types: s.catalog().RIASEC,
		})
	})
}
