package server

import (
	"net/http"

	"careerguide/internal/career"
	"careerguide/web/pages"
	"careerguide/web/section"

	"github.com/a-h/templ"
)

// careerSkills is /careers/{slug}/skills, led by the learning plan for the
// person's next level when a level is set.
func (s *server) careerSkills(w http.ResponseWriter, r *http.Request) {
	nav, ok := s.careerNav(w, r, section.Skills)
	if !ok {
		return
	}
	s.renderCached(w, r, nav, func() templ.Component {
		var plan *career.LearningPlan
		if nav.Current != nil {
			p := nav.Career.PlanFor(nav.Current)
			plan = &p
		}
		return pages.Skills(pages.SkillsPage{
			Chrome: s.chrome(r, nav.Career.Name+" skills", "The skills a "+nav.Career.Name+" needs at each level and how to learn them for free."),
			Nav:    nav,
			Plan:   plan,
		})
	})
}
