package server

import (
	"errors"
	"net/http"
	"net/url"
	"path"
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

// maxRedirect bounds the length of a redirect target taken from a form.
const maxRedirect = 2048

// safeRedirect returns target when it is a clean path on this site, else
// fallback. Browsers read a backslash as a slash and drop tabs and line
// breaks, and cleaning "/./\evil.example" gives "/\evil.example", which a
// browser reads as //evil.example: so only printable ASCII without
// backslashes is accepted, starting with exactly one slash, whose path
// (also once percent-decoded) has no dot segments or doubled slashes left
// to clean. Write it with seeOther, never http.Redirect, which rewrites it.
func safeRedirect(target, fallback string) string {
	if target == "" || target[0] != '/' || len(target) > maxRedirect {
		return fallback
	}
	for i := 0; i < len(target); i++ {
		if c := target[i]; c <= ' ' || c >= 0x7f || c == '\\' {
			return fallback
		}
	}
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return fallback
	}
	if !cleanPath(u.EscapedPath()) || !cleanPath(u.Path) || strings.Contains(u.Path, "\\") {
		return fallback
	}
	return target
}

// cleanPath reports whether p is a rooted path that path.Clean leaves as it
// is (but for one trailing slash).
func cleanPath(p string) bool {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") {
		return false
	}
	c := path.Clean(p)
	return c == p || c+"/" == p
}

// seeOther answers 303 with Location exactly target: a constant path or one
// that passed safeRedirect.
func seeOther(w http.ResponseWriter, target string) {
	w.Header().Set("Location", target)
	w.WriteHeader(http.StatusSeeOther)
}

// tooLarge is the 413 page for a request body over maxBodyBytes.
func (s *server) tooLarge(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusRequestEntityTooLarge, "That was too much", "The form you sent is larger than we accept. Please shorten it and try again.")
}
