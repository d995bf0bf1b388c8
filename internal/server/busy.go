package server

import (
	"net/http"

	"github.com/a-h/templ"
)

// busyMessage is shown when a password cannot be checked or hashed now.
const busyMessage = "Many people are signing in right now, so we could not check this yet. Please try again in a moment."

// hashingBusy answers a form whose password could not be hashed because
// every hashing slot was taken (or the client went away while waiting):
// 503 with Retry-After, and page, the form again with what was typed.
func (s *server) hashingBusy(w http.ResponseWriter, r *http.Request, err error, page templ.Component) {
	s.Logger.Warn("password hashing busy", "path", r.URL.Path, "err", err)
	w.Header().Set("Retry-After", "2")
	s.render(w, r, http.StatusServiceUnavailable, page)
}
