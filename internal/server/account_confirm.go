package server

import (
	"net/http"

	"careerguide/internal/store"
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
	if s.limited(w, r, limitCheck{s.limits.loginIP, s.clientNetwork(r)}) {
		return nil, false
	}
	u, err := s.Store.UserByID(r.Context(), id)
	if err != nil {
		s.unavailable(w, r, err)
		return nil, false
	}
	return u, true
}
