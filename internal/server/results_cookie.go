package server

import (
	"net/http"
	"strings"
	"time"

	"careerguide/internal/store"
)

// The results a visitor takes before having an account are remembered in a
// signed cookie (not the session), so a test submission costs no session
// write; signing up or logging in claims them. The signature keeps anyone
// from claiming results they only know the link of.
const (
	resultsCookie   = "results"
	resultsLifetime = 30 * 24 * time.Hour
	maxCookieResult = 20
)

// anonymousResults are the result ids in the visitor's valid results cookie.
func (s *server) anonymousResults(r *http.Request) []string {
	value, ok := s.readSignedCookie(r, resultsCookie, "")
	if !ok {
		return nil
	}
	var ids []string
	for _, id := range strings.Split(value, ".") {
		if store.ValidResultID(id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// rememberResult adds id to the visitor's results cookie.
func (s *server) rememberResult(w http.ResponseWriter, r *http.Request, id string) {
	ids := append(s.anonymousResults(r), id)
	if len(ids) > maxCookieResult {
		ids = ids[len(ids)-maxCookieResult:]
	}
	s.writeSignedCookie(w, resultsCookie, strings.Join(ids, "."), "", resultsLifetime)
}

// forgetResults removes the results cookie once an account claimed them.
func (s *server) forgetResults(w http.ResponseWriter) {
	s.writeSignedCookie(w, resultsCookie, "", "", 0)
}
