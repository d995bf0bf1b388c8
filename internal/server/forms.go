package server

import (
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
)

// maxBodyBytes caps every request body.
const maxBodyBytes = 64 << 10

// errFormTooLarge, errFormTimeout and errFormInvalid are the ways
// parseForm fails.
var (
	errFormTooLarge = errors.New("form too large")
	errFormTimeout  = errors.New("form body too slow")
	errFormInvalid  = errors.New("form invalid")
	errFormBytes    = errors.New("form holds bytes that cannot be stored")
)

// parseForm reads a urlencoded POST body of at most maxBodyBytes and checks
// it against an allow-list: only the named fields, each at most once, valid
// UTF-8. On failure it renders 413, 408 (the body did not arrive within
// the server's read timeout) or 400 (also when the client went away
// mid-body: not a server error) and returns false.
func (s *server) parseForm(w http.ResponseWriter, r *http.Request, allowed ...string) (url.Values, bool) {
	form, err := readForm(w, r, allowed)
	switch {
	case errors.Is(err, errFormTooLarge):
		s.tooLarge(w, r)
		return nil, false
	case errors.Is(err, errFormTimeout):
		w.Header().Set("Connection", "close")
		s.errorPage(w, r, http.StatusRequestTimeout, "That took too long", "The form did not arrive in time. Please go back and send it again.")
		return nil, false
	case errors.Is(err, errFormBytes):
		s.errorPage(w, r, http.StatusBadRequest, "We could not read that form", "The form holds a character we cannot use (a NUL byte, a control character or bytes that are not UTF-8). Please go back, remove it and try again.")
		return nil, false
	case err != nil:
		s.errorPage(w, r, http.StatusBadRequest, "We could not read that form", "The form arrived incomplete or with fields we do not know. Please go back, reload the page and try again.")
		return nil, false
	}
	return form, true
}

// readForm reads the body alone (the query string is no part of a form
// here) into one map: r.ParseForm would also parse the query and copy
// both into r.Form on every submission.
func readForm(w http.ResponseWriter, r *http.Request, allowed []string) (url.Values, error) {
	ct := r.Header.Get("Content-Type")
	if ct != "" && !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		return nil, errFormInvalid
	}
	if ct == "" || r.Body == nil || r.Body == http.NoBody {
		return url.Values{}, nil // a body of unknown type holds no fields
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, errFormTooLarge
		}
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return nil, errFormTimeout
		}
		return nil, errFormInvalid
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, errFormInvalid
	}
	for k, vs := range form {
		if !slices.Contains(allowed, k) || len(vs) != 1 {
			return nil, errFormInvalid
		}
		if badText(vs[0]) {
			return nil, errFormBytes
		}
	}
	r.PostForm = form
	return form, nil
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
