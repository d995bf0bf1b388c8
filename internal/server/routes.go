package server

import (
	"net/http"

	"careerguide/web/section"
	"careerguide/web/static"

	"github.com/go-chi/chi/v5"
)

// routes is every route of careerguide. Every non-GET route is behind cross-origin protection (CSRF); nothing
// changes state on GET. Every GET route answers HEAD too, and a 405 names the allowed methods in Allow.
func (s *server) routes() http.Handler {
	r := chi.NewRouter()
	r.Use(s.closeWhenDraining, s.logRequests, s.recoverPanics, s.securityHeaders, s.limitBodies, limitRanges, s.rejectBadBytes)
	r.Use(headAsGet)        // HEAD is answered by the GET route, without the body
	r.Use(routeDecoded)     // routes and parameters see "%2D" as "-"
	r.Use(s.readYourWrites) // with a standby: a person's reads after their own writes
	r.Use(s.loadSession)    // skips /livez, /readyz and /static/
	r.NotFound(s.notFound)
	r.MethodNotAllowed(s.methodNotAllowedIn(r))

	r.Get("/livez", s.livez)
	r.Get("/readyz", s.readyz)
	r.Method(http.MethodGet, static.Prefix+"*", s.Assets)
	r.Method(http.MethodHead, static.Prefix+"*", s.Assets)
	r.Method(http.MethodGet, "/favicon.ico", s.Assets.Fixed("img/favicon.ico"))
	r.Get("/robots.txt", s.robots)
	r.Get("/sitemap.xml", s.sitemap)

	r.Get("/", s.home)
	r.Get(matchURL, s.matchShow)
	r.Post(matchURL, s.matchSubmit)
	r.Get("/results/{id}", s.resultShow)
	r.Get("/results/{id}/refine", s.refineShow)
	r.Post("/results/{id}/refine", s.refineSubmit)
	r.Get("/results/library", s.siteLibrary)
	r.Get("/results/library.csv", s.libraryCSV)
	r.Get("/results/library.json", s.libraryJSON)
	r.Get("/how-the-test-works", s.howItWorks)
	r.Get("/compare", s.compare)
	r.Get("/occupations", s.occupations)
	r.Get("/occupations/{code}", s.occupationShow)
	r.Route("/careers/{slug}", func(r chi.Router) {
		r.MethodNotAllowed(s.methodNotAllowedIn(r)) // Allow lists this router's methods
		r.Get("/", s.careerOverview)
		r.Get(section.Path.Route(), s.careerPath)
		r.Get(section.Salary.Route(), s.careerSalary)
		r.Get(section.Skills.Route(), s.careerSkills)
		r.Get(section.Skills.Route()+"/{skill}", s.skillShow)
		r.Post(section.Skills.Route()+"/{skill}/progress", s.skillProgress)
		r.Get(section.Salary.Route()+"/simulate", s.salarySimulate)
		for _, ts := range textSections() {
			r.Get(ts.sec.Route(), s.textSection(ts))
		}
		r.Post(section.Level.Route(), s.levelSet)
		r.Get(section.Quiz.Route(), s.quizShow)
		r.Post(section.Quiz.Route(), s.quizSubmit)
		r.Get(section.Results.Route(), s.resultsLibrary)
	})
	r.Group(func(r chi.Router) {
		r.Use(noStore) // credentials and personal data: never kept by a cache
		r.Get("/signup", s.signupShow)
		r.Post("/signup", s.signupSubmit)
		r.Get("/login", s.loginShow)
		r.Post("/login", s.loginSubmit)
		r.Post("/logout", s.logout)
		r.Get("/account", s.accountShow)
		r.Post("/account/password", s.accountPassword)
		r.Post("/account/delete", s.accountDelete)
		r.Get(section.PlanURL, s.planShow)
		r.Post(section.PaceURL, s.paceSet)
	})

	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.errorPage(w, r, http.StatusForbidden, "Request blocked", "This form was sent from another site, so we did not accept it. Please use the form on this site.")
	}))
	return csrf.Handler(r)
}
