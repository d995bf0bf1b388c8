package server

import (
	"net/http"

	"careerguide/web/components"
	"careerguide/web/pages"
	"careerguide/web/section"

	"github.com/a-h/templ"
)

// careerSalary is /careers/{slug}/salary: bands, projection, official figures.
func (s *server) careerSalary(w http.ResponseWriter, r *http.Request) {
	nav, ok := s.careerNav(w, r, section.Salary)
	if !ok {
		return
	}
	current := ""
	if nav.Current != nil {
		current = nav.Current.Key
	}
	s.renderCached(w, r, nav, func() templ.Component {
		return pages.Salary(pages.SalaryPage{
			Chrome:     s.chrome(r, nav.Career.Name+" salary", "What "+components.WithArticle(nav.Career.Name)+" earns at each level, and how pay grows over the years."),
			Nav:        nav,
			Bands:      components.NewBandChart(nav.Career, current),
			Projection: components.NewProjectionChart(nav.Career),
		})
	})
}
