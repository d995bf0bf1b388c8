package server

import (
	"bytes"
	"context"
	"net/http"

	"careerguide/web/pages"
)

// errorPage renders a friendly page for status with a heading and message.
func (s *server) errorPage(w http.ResponseWriter, r *http.Request, status int, heading, message string) {
	s.render(w, r, status, pages.Error(pages.ErrorPage{
		Chrome: s.chrome(r, heading, ""), Status: status, Heading: heading, Message: message,
	}))
}

func (s *server) notFound(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusNotFound, "Page not found", "We could not find that page. It may have moved, or the address may be mistyped.")
}

func (s *server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusMethodNotAllowed, "Not allowed", "This address does not accept that kind of request.")
}

// serverError logs err and renders the 500 page without internals. It
// writes the page from a static string when even that rendering fails.
func (s *server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	if err != nil {
		s.Logger.Error("internal error", "path", r.URL.Path, "err", err)
	}
	var buf bytes.Buffer
	page := pages.Error(pages.ErrorPage{
		Chrome: s.chrome(r, "Something went wrong", ""), Status: http.StatusInternalServerError,
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
