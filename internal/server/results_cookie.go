package server

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
	"time"
)

// The results a visitor takes before having an account are remembered in a
// signed cookie (not the session), so a test submission costs no session
// write; signing up or logging in claims them. The signature keeps anyone
// from claiming results they only know the link of.
const (
	resultsCookie   = "results"
	maxCookieResult = 20
)

func (s *server) resultsCookieName() string {
	if s.Config.Secure() {
		return "__Host-" + resultsCookie
	}
	return resultsCookie
}

func (s *server) sign(value string) string {
	m := hmac.New(sha256.New, s.SigningKey)
	m.Write([]byte(resultsCookie + "\x00" + value))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// anonymousResults are the result ids in the visitor's valid results cookie.
func (s *server) anonymousResults(r *http.Request) []string {
	c, err := r.Cookie(s.resultsCookieName())
	if err != nil {
		return nil
	}
	value, sig, ok := strings.Cut(c.Value, "~")
	if !ok || !hmac.Equal([]byte(sig), []byte(s.sign(value))) {
		return nil
	}
	var ids []string
	for _, id := range strings.Split(value, ".") {
		if validResultID(id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// rememberResult adds id to the visitor's results cookie.
func (s *server) rememberResult(w http.ResponseWriter, r *http.Request, id string) {
	ids := append(s.anonymousResults(r), id)
	if len(ids) > maxCookieResult {
		ids = ids[len(ids)-maxCookieResult:]
	}
	value := strings.Join(ids, ".")
	http.SetCookie(w, &http.Cookie{
		Name: s.resultsCookieName(), Value: value + "~" + s.sign(value), Path: "/",
		MaxAge: int((30 * 24 * time.Hour).Seconds()), HttpOnly: true, Secure: s.Config.Secure(), SameSite: http.SameSiteLaxMode,
	})
}

// forgetResults removes the results cookie once an account claimed them.
func (s *server) forgetResults(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: s.resultsCookieName(), Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.Config.Secure(), SameSite: http.SameSiteLaxMode})
}
