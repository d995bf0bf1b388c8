package server

import (
	"net/http"

	"careerguide/internal/auth"
	"careerguide/web/pages"
)

// accountPassword is POST /account/password.
func (s *server) accountPassword(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r, "current", "new")
	if !ok {
		return
	}
	u, ok := s.confirmingUser(w, r)
	if !ok {
		return
	}
	id := u.ID
	var currentErr, newErr string
	ok, checkErr := s.Hasher.Check(r.Context(), form.Get("current"), u.PasswordHash)
	switch {
	case checkErr != nil:
		currentErr = busyMessage
	case !ok:
		currentErr = "That is not your current password."
	}
	if err := auth.CheckPassword(form.Get("new")); err != nil {
		newErr = err.Error()
	}
	if currentErr != "" || newErr != "" {
		// The account page is read only when it is shown again.
		p, err := s.accountPage(r, id)
		if err != nil {
			s.unavailable(w, r, err)
			return
		}
		p.Password.Current.Error, p.Password.New.Error = currentErr, newErr
		if checkErr != nil {
			s.hashingBusy(w, r, checkErr, pages.Account(p))
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, pages.Account(p))
		return
	}
	hash, err := s.Hasher.Hash(r.Context(), form.Get("new"))
	if err != nil {
		p, perr := s.accountPage(r, id)
		if perr != nil {
			s.unavailable(w, r, perr)
			return
		}
		p.Password.New.Error = busyMessage
		s.hashingBusy(w, r, err, pages.Account(p))
		return
	}
	if err := s.Store.UpdatePassword(r.Context(), id, hash); err != nil {
		s.unavailable(w, r, err)
		return
	}
	if err := s.sessions.RenewToken(r.Context()); err != nil {
		s.unavailable(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), flashKey, "Your password was changed.")
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}
