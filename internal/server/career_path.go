package server

import (
	"github.com/a-h/templ"
	"net/http"

	"careerguide/web/pages"
)

// careerPath is /careers/{slug}/path: the ladder with the level picker.
func (s *Server) careerPath(w http.ResponseWriter, r *http.Request) {
	nav, ok := s.careerNav(w, r, "path")
	if !ok {
		return
	}
	s.renderCached(w, r, nav, func() templ.Component {
		return pages.Path(pages.PathPage{
			Chrome: s.chrome(r, nav.Career.Name+" career path", "The "+nav.Career.Name+" ladder from junior to the top: years, pay and work at each level."),
			Nav:    nav,
		})
	})
}
