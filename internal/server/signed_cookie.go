package server

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
	"time"
)

// A signed cookie is a small value the browser keeps and cannot forge: it
// carries value~mac, where the MAC (with the key every instance shares)
// covers the cookie's name, the value and what the value is bound to (an
// account's email, say), so a cookie earned for one purpose or account is
// no use for another.

// cookieName is name, with the __Host- prefix over https.
func (s *server) cookieName(name string) string {
	if s.Config.Secure() {
		return "__Host-" + name
	}
	return name
}

func (s *server) cookieMAC(name, value, boundTo string) string {
	m := hmac.New(sha256.New, s.SigningKey)
	m.Write([]byte(name + "\x00" + value))
	if boundTo != "" {
		m.Write([]byte("\x00" + boundTo))
	}
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// readSignedCookie is the value of the named cookie when its signature is
// valid for boundTo.
func (s *server) readSignedCookie(r *http.Request, name, boundTo string) (string, bool) {
	c, err := r.Cookie(s.cookieName(name))
	if err != nil {
		return "", false
	}
	value, mac, ok := strings.Cut(c.Value, "~")
	if !ok || !hmac.Equal([]byte(mac), []byte(s.cookieMAC(name, value, boundTo))) {
		return "", false
	}
	return value, true
}

// writeSignedCookie sets the named cookie to value, signed for boundTo.
// A zero lifetime deletes the cookie.
func (s *server) writeSignedCookie(w http.ResponseWriter, name, value, boundTo string, lifetime time.Duration) {
	c := &http.Cookie{
		Name: s.cookieName(name), Value: value + "~" + s.cookieMAC(name, value, boundTo), Path: "/",
		MaxAge: int(lifetime.Seconds()), HttpOnly: true, Secure: s.Config.Secure(), SameSite: http.SameSiteLaxMode,
	}
	if lifetime == 0 {
		c.Value, c.MaxAge = "", -1
	}
	http.SetCookie(w, c)
}
