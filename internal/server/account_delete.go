package server

import (
	"net/http"

	"careerguide/web/pages"
)

// accountDelete is POST /account/delete: confirmed with the password, it
// removes the account, its saved levels and its results, and ends the session.
func (s *server) accountDelete(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r, "password")
	if !ok {
		return
	}
	u, ok := s.confirmingUser(w, r)
	if !ok {
		return
	}
	id := u.ID
	if ok, err := s.Hasher.Check(r.Context(), form.Get("password"), u.PasswordHash); err != nil || !ok {
		p, perr := s.accountPage(r, id)
		if perr != nil {
			s.unavailable(w, r, perr)
			return
		}
		if err != nil {
			p.Delete.Error = busyMessage + " Your account was not deleted."
			s.hashingBusy(w, r, err, pages.Account(p))
			return
		}
		p.Delete.Error = "That is not your password. Your account was not deleted."
		s.render(w, r, http.StatusUnprocessableEntity, pages.Account(p))
		return
	}
	if err := s.Store.DeleteUser(r.Context(), id); err != nil {
		s.unavailable(w, r, err)
		return
	}
	if err := s.sessions.Destroy(r.Context()); err != nil {
		s.unavailable(w, r, err)
		return
	}
	http.Redirect(w, r, "/?account=deleted", http.StatusSeeOther)
}
