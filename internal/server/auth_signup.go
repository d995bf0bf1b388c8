package server

import (
	"errors"
	"net/http"

	"careerguide/internal/auth"
	"careerguide/internal/store"
	"careerguide/web/components"
	"careerguide/web/pages"
)

// authPage builds the sign-up or log-in form with what the person typed
// (the email; a password is never sent back).
func (s *server) authPage(r *http.Request, signUp bool, email, next string) pages.AuthPage {
	title := "Log in"
	description := "Log in to careerguide to see the levels you set, your saved match test results and the detailed pay figures for members."
	pwLabel, pwAuto, pwHint := "Password", "current-password", ""
	if signUp {
		title = "Create your free account"
		description = "Create a free careerguide account: keep your level in every career guide, save your match test results and see detailed pay figures."
		pwAuto = "new-password"
		pwHint = "12 to 128 characters. A few unrelated words make a strong one."
	}
	return pages.AuthPage{
		Chrome: s.chrome(r, title, description),
		SignUp: signUp,
		Email:  components.Field{ID: "email", Name: "email", Label: "Email", Type: "email", Value: email, Autocomplete: "email"},
		Pass:   components.Field{ID: "password", Name: "password", Label: pwLabel, Type: "password", Autocomplete: pwAuto, Hint: pwHint},
		Next:   safeRedirect(next, "/"),
	}
}

// takenMessage answers a sign-up with an address that cannot be used.
const takenMessage = "We could not create an account with this email address. If it is yours and you have signed up before, log in instead (or use another address)."

// signupShow is GET /signup.
func (s *server) signupShow(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, pages.Auth(s.authPage(r, true, "", r.URL.Query().Get("next"))))
}

// signupSubmit is POST /signup: create the account, sign in, keep what
// the person did anonymously.
func (s *server) signupSubmit(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r, "email", "password", "next")
	if !ok {
		return
	}
	email := auth.NormalizeEmail(form.Get("email"))
	if s.limited(w, r, limitCheck{s.limits.signupIP, s.clientNetwork(r)}, limitCheck{s.limits.signupEmailNet, auth.EmailKey(email) + "\x00" + s.clientNetwork(r)}) {
		return
	}
	p := s.authPage(r, true, form.Get("email"), form.Get("next"))
	if err := auth.CheckEmail(email); err != nil {
		p.Email.Error = err.Error()
	}
	if err := auth.CheckPassword(form.Get("password")); err != nil {
		p.Pass.Error = err.Error()
	}
	if p.Email.Error != "" || p.Pass.Error != "" {
		s.render(w, r, http.StatusUnprocessableEntity, pages.Auth(p))
		return
	}
	hash, err := s.Hasher.Hash(r.Context(), form.Get("password"))
	if err != nil {
		p.Message = busyMessage
		s.hashingBusy(w, r, err, pages.Auth(p))
		return
	}
	id, err := s.Store.CreateUser(r.Context(), email, hash)
	if errors.Is(err, store.ErrEmailTaken) {
		// Worded to hold whether or not the address has an account, so a
		// stranger learns nothing from it; the password was hashed first,
		// as for a new account, so the time taken says nothing either.
		p.Email.Error = takenMessage
		s.render(w, r, http.StatusUnprocessableEntity, pages.Auth(p))
		return
	}
	if err != nil {
		p.Message = "We could not create your account just now. Please try again in a moment."
		s.Logger.Error("create user", "err", err)
		w.Header().Set("Retry-After", "5")
		s.render(w, r, http.StatusServiceUnavailable, pages.Auth(p))
		return
	}
	if err := s.startUserSession(w, r, id, email); err != nil {
		s.unavailable(w, r, err)
		return
	}
	s.rememberDevice(w, r, email)
	seeOther(w, p.Next)
}

// startUserSession signs the account in with a new session token, tracked
// as the account's, moves the anonymous session's levels, skill marks, pace
// and results into the account, and puts what the account holds after the
// merge into the session.
func (s *server) startUserSession(w http.ResponseWriter, r *http.Request, userID int64, email string) error {
	ctx := r.Context()
	saved, err := s.Store.AdoptSession(ctx, userID, store.Anonymous{
		Levels: s.sessionLevels(ctx), Marks: s.sessionMarks(ctx), Pace: s.sessionPace(ctx), Results: s.anonymousResults(r),
	})
	if err != nil {
		return err
	}
	s.sessions.Put(ctx, userKey, userID)
	s.sessions.Put(ctx, emailKey, email)
	for slug, key := range saved.Levels {
		s.sessions.Put(ctx, levelKey(slug), key)
	}
	for ref, st := range saved.Marks {
		s.sessions.Put(ctx, skillKey(ref), string(st))
	}
	if saved.Pace != 0 {
		s.sessions.Put(ctx, paceKey, int64(saved.Pace))
	}
	if err := s.renewTracked(ctx, userID); err != nil {
		return err
	}
	s.forgetResults(w)
	return nil
}
