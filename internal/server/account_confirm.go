package server

import (
	"errors"
	"net/http"

	"careerguide/internal/store"
	"careerguide/web/section"
)

// confirmingUser is the signed-in account of a form that asks for the
// password (change password, delete account): it redirects visitors who are
// not signed in, applies the attempt limit and reads the account. On false
// the response is written.
func (s *server) confirmingUser(w http.ResponseWriter, r *http.Request) (*store.User, bool) {
	id := s.requireUser(w, r)
	if id == 0 {
		return nil, false
	}
	if s.limited(w, r, limitCheck{s.limits.confirm, s.clientNetwork(r)}) {
		return nil, false
	}
	u, err := s.Store.UserByID(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) { // deleted just now
		s.signedOutElsewhere(w, r)
		return nil, false
	}
	if err != nil {
		s.unavailable(w, r, err)
		return nil, false
	}
	return u, true
}

// signedOutElsewhere signs out a session whose account no longer exists
// and sends the person to the login page.
func (s *server) signedOutElsewhere(w http.ResponseWriter, r *http.Request) {
	if err := s.signOut(r.Context()); err != nil {
		s.unavailable(w, r, err)
		return
	}
	http.Redirect(w, r, section.LoginURL("/account"), http.StatusSeeOther)
}
