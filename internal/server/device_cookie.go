package server

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
	"time"
)

// A browser that logged in to an account gets a signed device cookie for
// it. Its later login attempts for that account count in a bucket of their
// own instead of the per-email one, so wrong passwords sent from anywhere
// else cannot lock the owner out; they are limited all the same. The
// signature binds the cookie to the account's email: a cookie earned on
// one account is no use for another.
const (
	deviceCookie   = "device"
	deviceLifetime = 365 * 24 * time.Hour
)

func (s *server) deviceCookieName() string {
	if s.Config.Secure() {
		return "__Host-" + deviceCookie
	}
	return deviceCookie
}

func (s *server) deviceMAC(id, email string) string {
	m := hmac.New(sha256.New, s.SigningKey)
	m.Write([]byte(deviceCookie + "\x00" + id + "\x00" + email))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// knownDevice is the id of the browser's device cookie when it was issued
// for email (normalised), else "".
func (s *server) knownDevice(r *http.Request, email string) string {
	c, err := r.Cookie(s.deviceCookieName())
	if err != nil {
		return ""
	}
	id, mac, ok := strings.Cut(c.Value, "~")
	if !ok || !validResultID(id) || !hmac.Equal([]byte(mac), []byte(s.deviceMAC(id, email))) {
		return ""
	}
	return id
}

// rememberDevice gives the browser a device cookie for email after it
// proved the password.
func (s *server) rememberDevice(w http.ResponseWriter, r *http.Request, email string) {
	id := s.knownDevice(r, email)
	if id == "" {
		id = newResultID() // 128 random bits
	}
	http.SetCookie(w, &http.Cookie{
		Name: s.deviceCookieName(), Value: id + "~" + s.deviceMAC(id, email), Path: "/",
		MaxAge: int(deviceLifetime.Seconds()), HttpOnly: true, Secure: s.Config.Secure(), SameSite: http.SameSiteLaxMode,
	})
}
