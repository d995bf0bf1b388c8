package server

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// maxBodyBytes caps every request body.
const maxBodyBytes = 64 << 10

// errFormTooLarge and errFormInvalid are the two ways parseForm fails.
var (
	errFormTooLarge = errors.New("form too large")
	errFormInvalid  = errors.New("form invalid")
)

// parseForm reads a urlencoded POST body of at most maxBodyBytes and checks
// it against an allow-list: only the named fields, each at most once, valid
// UTF-8. On failure it renders 413 or 400 and returns false.
func (s *server) parseForm(w http.ResponseWriter, r *http.Request, allowed ...string) (url.Values, bool) {
	form, err := readForm(w, r, allowed)
	switch {
	case errors.Is(err, errFormTooLarge):
		s.tooLarge(w, r)
		return nil, false
	case err != nil:
		s.errorPage(w, r, http.StatusBadRequest, "We could not read that form", "The form arrived incomplete or with fields we do not know. Please go back, reload the page and try again.")
		return nil, false
	}
	return form, true
}

func readForm(w http.ResponseWriter, r *http.Request, allowed []string) (url.Values, error) {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		return nil, errFormInvalid
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, errFormTooLarge
		}
		return nil, errFormInvalid
	}
	for k, vs := range r.PostForm {
		known := false
		for _, a := range allowed {
			known = known || a == k
		}
		if !known || len(vs) != 1 || !utf8.ValidString(vs[0]) {
			return nil, errFormInvalid
		}
	}
	return r.PostForm, nil
}

// safeRedirect returns target when it is a path on this site, else fallback.
// It rejects scheme-relative (//host) and backslash tricks.
func safeRedirect(target, fallback string) string {
	if target == "" || !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "//") || strings.HasPrefix(target, "/\\") || strings.ContainsAny(target, "\r\n\t") {
		return fallback
	}
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return fallback
	}
	return target
}

// tooLarge is the 413 page for a request body over maxBodyBytes.
func (s *server) tooLarge(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusRequestEntityTooLarge, "That was too much", "The form you sent is larger than we accept. Please shorten it and try again.")
}
