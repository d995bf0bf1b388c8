package server

import (
	"net/http"

	"careerguide/web/static"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

// Handler is the complete HTTP handler: every route of careerguide.
func (s *Server) Handler() http.Handler {
	r := chi.NewRouter()
	r.Use(s.logRequests, s.recoverPanics, s.securityHeaders)
	r.Use(middleware.Compress(5, "text/html", "text/css", "text/plain", "application/javascript", "image/svg+xml"))
	r.NotFound(s.notFound)
	r.MethodNotAllowed(s.methodNotAllowed)

	// Outside the session middleware: no cookie, no database read.
	r.Get("/livez", s.livez)
	r.Get("/readyz", s.readyz)
	r.Method(http.MethodGet, static.Prefix+"*", s.Assets)
	r.Method(http.MethodHead, static.Prefix+"*", s.Assets)

	r.Group(func(r chi.Router) {
		r.Use(s.Sessions.LoadAndSave)
		r.Get("/", s.home)
		r.Get("/results/{id}", s.resultShow)
		r.Route("/careers/{slug}", func(r chi.Router) {
			r.Get("/", s.careerOverview)
			r.Get("/path", s.careerPath)
			r.Get("/salary", s.careerSalary)
			r.Get("/skills", s.careerSkills)
			r.Get("/skills/{skill}", s.skillShow)
			r.Get("/day", s.careerDay)
			r.Get("/myths", s.careerMyths)
			r.Get("/work-life", s.careerWorkLife)
			r.Get("/related", s.careerRelated)
			r.Post("/level", s.levelSet)
			r.Get("/quiz", s.quizShow)
			r.Post("/quiz", s.quizSubmit)
			r.Get("/results", s.resultsLibrary)
		})
	})
	return r
}
