package server

import (
	"errors"
	"net/http"

	"careerguide/internal/auth"
	"careerguide/internal/store"
	"careerguide/web/pages"
)

// loginShow is GET /login.
func (s *server) loginShow(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, pages.Auth(s.authPage(r, false, "", r.URL.Query().Get("next"))))
}

// loginSubmit is POST /login. An unknown email and a wrong password get the
// same answer, after the same amount of hashing work.
func (s *server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r, "email", "password", "next")
	if !ok {
		return
	}
	email := auth.NormalizeEmail(form.Get("email"))
	// Wrong passwords slow down the network they come from, and the
	// account from that network (or from that browser, when it logged in
	// to the account before); never the account everywhere.
	network := backoffCheck{s.limits.loginNet, s.clientNetwork(r)}
	account := backoffCheck{s.limits.loginAccount, auth.EmailKey(email) + "\x00net " + network.key}
	if device := s.knownDevice(r, email); device != "" {
		account.key = auth.EmailKey(email) + "\x00device " + device
	}
	if s.slowedDown(w, r, network, account) {
		return
	}
	p := s.authPage(r, false, form.Get("email"), form.Get("next"))
	var u *store.User
	var err error
	if auth.CheckEmail(email) == nil { // no account can have another address
		u, err = s.Store.UserByEmail(r.Context(), email)
	}
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		p.Message = "We could not log you in just now. Please try again in a moment."
		s.Logger.Error("login", "err", err)
		w.Header().Set("Retry-After", "5")
		s.render(w, r, http.StatusServiceUnavailable, pages.Auth(p))
		return
	}
	hash := ""
	if u != nil {
		hash = u.PasswordHash
	}
	ok, err = s.Hasher.Check(r.Context(), form.Get("password"), hash)
	if err != nil {
		p.Message = busyMessage
		s.hashingBusy(w, r, err, pages.Auth(p))
		return
	}
	if !ok {
		network.b.fail(network.key)
		account.b.fail(account.key)
		p.Message = auth.ErrWrongCredential.Error()
		s.render(w, r, http.StatusUnauthorized, pages.Auth(p))
		return
	}
	if err := s.startUserSession(w, r, u.ID, u.Email); err != nil {
		s.unavailable(w, r, err)
		return
	}
	account.b.reset(account.key)
	s.rememberDevice(w, r, u.Email)
	seeOther(w, p.Next)
}

// logout is POST /logout: the session is destroyed on the server.
func (s *server) logout(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.parseForm(w, r); !ok {
		return
	}
	if err := s.sessions.Destroy(r.Context()); err != nil {
		s.unavailable(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
