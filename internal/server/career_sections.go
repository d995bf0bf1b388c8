package server

import (
	"net/http"

	"careerguide/web/components"
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
			Chrome: s.chrome(r, "A day in the life of "+components.WithArticle(nav.Career.Name), "A junior and a senior "+nav.Career.Name+"'s working day, hour by hour: meetings, focused work, reviews and on-call."), Nav: nav,
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
			Chrome: s.chrome(r, nav.Career.Name+" myths", "Common beliefs about working as "+components.WithArticle(nav.Career.Name)+", and what is actually true, with sources where facts decide it."), Nav: nav,
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
			Chrome: s.chrome(r, nav.Career.Name+" work-life balance", "How "+components.WithArticle(nav.Career.Name)+"'s work fits with the rest of life: stress, flexibility, burnout risk, remote work and on-call."), Nav: nav,
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
			Chrome: s.chrome(r, nav.Career.Name+" interests and reading", "The "+nav.Career.Name+" career's Holland code (the interests it suits), careers with similar profiles and further reading."), Nav: nav,
			Types: s.catalog().RIASEC, Data: &s.catalog().OccupationData,
		})
	})
}
