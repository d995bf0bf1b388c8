package server

import (
	"net/http"

	"careerguide/web/components"
	"careerguide/web/pages"
	"careerguide/web/section"

	"github.com/a-h/templ"
)

// careerPath is /careers/{slug}/path: the ladder with the level picker.
func (s *server) careerPath(w http.ResponseWriter, r *http.Request) {
	nav, ok := s.careerNav(w, r, section.Path)
	if !ok {
		return
	}
	s.renderCached(w, r, nav, func() templ.Component { return pages.Path(s.pathPage(r, nav)) })
}

// pathPage is the career path page for nav, also shown again when a level
// choice is refused.
func (s *server) pathPage(r *http.Request, nav components.CareerNav) pages.PathPage {
	return pages.PathPage{
		Chrome: s.chrome(r, nav.Career.Name+" career path", "The "+nav.Career.Name+" ladder from junior to the top: years, pay and work at each level."),
		Nav:    nav,
	}
}
