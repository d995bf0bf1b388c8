package server

import (
	"net/http"

	"careerguide/internal/career"
	"careerguide/web/pages"
)

// home is the career catalog.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	cat := s.Content.Catalog()
	list := make([]*career.Career, len(cat.Careers))
	for i := range cat.Careers {
		list[i] = &cat.Careers[i]
	}
	s.render(w, r, http.StatusOK, pages.Home(pages.HomePage{
		Chrome:  s.chrome(r, "Tech career guides", "Career guides for tech jobs: pay at every level, skills, daily work and a match test."),
		Careers: list,
	}))
}
