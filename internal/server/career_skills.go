package server

import (
	"net/http"

	"careerguide/internal/career"
	"careerguide/web/components"
	"careerguide/web/pages"
	"careerguide/web/section"

	"github.com/a-h/templ"
)

// careerSkills is /careers/{slug}/skills, led by the learning plan for the
// person's next level when a level is set. With marks or a pace in the
// session it is rendered per request; otherwise it shows nothing personal
// but the level and is served from the page cache.
func (s *server) careerSkills(w http.ResponseWriter, r *http.Request) {
	nav, ok := s.careerNav(w, r, section.Skills)
	if !ok {
		return
	}
	if s.hasPlanData(r.Context()) {
		w.Header().Set("Cache-Control", "no-store")
		s.render(w, r, http.StatusOK, s.skillsPage(r, nav, s.progress(r.Context()), s.pace(r.Context())))
		return
	}
	s.renderCached(w, r, nav, func() templ.Component {
		return s.skillsPage(r, nav, career.Progress{}, career.DefaultPace)
	})
}

func (s *server) skillsPage(r *http.Request, nav components.CareerNav, prog career.Progress, pace int) templ.Component {
	var plan *career.LearningPlan
	if nav.Current != nil {
		p := nav.Career.PlanFor(nav.Current, prog)
		plan = &p
	}
	return pages.Skills(pages.SkillsPage{
		Chrome:   s.chrome(r, nav.Career.Name+" skills", "The skills "+components.WithArticle(nav.Career.Name)+" needs at each level and how to learn them for free."),
		Nav:      nav,
		Plan:     plan,
		Progress: prog,
		Pace:     pace,
	})
}
