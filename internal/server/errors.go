package server

import (
	"bytes"
	"context"
	"net/http"
	"strings"

	"careerguide/web/components"
	"careerguide/web/pages"

	"github.com/go-chi/chi/v5"
)

// errorPage renders a friendly page for status with a heading and message.
func (s *server) errorPage(w http.ResponseWriter, r *http.Request, status int, heading, message string) {
	s.render(w, r, status, pages.Error(pages.ErrorPage{
		Chrome: s.errorChrome(r, heading), Status: status, Heading: heading, Message: message,
	}))
}

// errorDescription is the meta description of every error page.
const errorDescription = "careerguide explains tech careers level by level: what each level pays, the skills it needs, the daily work, and a match test."

// errorChrome is the layout data of an error page: not indexed, and with no
// canonical URL (the address it answers is not a page of the site).
func (s *server) errorChrome(r *http.Request, heading string) components.Chrome {
	ch := s.chrome(r, heading, errorDescription)
	ch.NoIndex, ch.Canonical = true, ""
	return ch
}

func (s *server) notFound(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusNotFound, "Page not found", "We could not find that page. It may have moved, or the address may be mistyped.")
}

func (s *server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusMethodNotAllowed, "Not allowed", "This address does not accept that kind of request.")
}

// methodNotAllowedIn answers a 405 of router with the site's page and an
// Allow header naming the methods router answers at the path (a GET route
// answers HEAD too); a path with no route at all is a 404 (the router
// sends every method it does not know here, whatever the path). Each
// router (the careers subrouter too) needs its own: only it knows its
// routes below its mount point.
func (s *server) methodNotAllowedIn(router chi.Router) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		path := r.URL.Path
		if rctx := chi.RouteContext(r.Context()); rctx != nil && rctx.RoutePath != "" {
			path = rctx.RoutePath // the path below router's mount point
		}
		var allowed []string
		for _, m := range []string{http.MethodGet, http.MethodPost} {
			if router.Match(chi.NewRouteContext(), m, path) {
				allowed = append(allowed, m)
				if m == http.MethodGet {
					allowed = append(allowed, http.MethodHead)
				}
			}
		}
		if len(allowed) == 0 {
			s.notFound(w, r)
			return
		}
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		s.methodNotAllowed(w, r)
	}
}

// headAsGet routes a HEAD request to the GET route of its path. The
// request keeps its method, so handlers and net/http leave out the body.
func headAsGet(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			if rctx := chi.RouteContext(r.Context()); rctx != nil {
				rctx.RouteMethod = http.MethodGet
			}
		}
		next.ServeHTTP(w, r)
	})
}

// routeDecoded routes on the decoded path: chi matches the path as sent
// when it holds escapes, so "/occupations/29%2D1141.00" found no page and
// route parameters came escaped. Now every parameter is its decoded value
// ("%2F" decodes to a "/", which then separates segments).
func routeDecoded(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rctx := chi.RouteContext(r.Context()); rctx != nil && r.URL.RawPath != "" {
			rctx.RoutePath = r.URL.Path
		}
		next.ServeHTTP(w, r)
	})
}

// serverError logs err and renders the 500 page without internals. It
// writes the page from a static string when even that rendering fails.
func (s *server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	if err != nil {
		s.Logger.Error("internal error", "path", r.URL.Path, "err", err)
	}
	var buf bytes.Buffer
	page := pages.Error(pages.ErrorPage{
		Chrome: s.errorChrome(r, "Something went wrong"), Status: http.StatusInternalServerError,
		Heading: "Something went wrong", Message: "Sorry, we could not show this page. Please try again in a moment.",
	})
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	if page.Render(context.WithoutCancel(r.Context()), &buf) != nil {
		w.Write([]byte("<!DOCTYPE html><title>Something went wrong</title><h1>Something went wrong</h1>"))
		return
	}
	w.Write(buf.Bytes())
}

// unavailable is the 503 page for requests that need the database while it
// does not answer.
func (s *server) unavailable(w http.ResponseWriter, r *http.Request, err error) {
	s.Logger.Warn("database unavailable", "path", r.URL.Path, "err", err)
	w.Header().Set("Retry-After", "5")
	s.errorPage(w, r, http.StatusServiceUnavailable, "Temporarily unavailable", "This part of the site is briefly unavailable. Please try again in a few seconds.")
}
