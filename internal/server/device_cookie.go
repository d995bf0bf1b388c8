package server

import (
	"net/http"
	"time"

	"careerguide/internal/store"
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

// knownDevice is the id of the browser's device cookie when it was issued
// for email (normalized), else "".
func (s *server) knownDevice(r *http.Request, email string) string {
	id, ok := s.readSignedCookie(r, deviceCookie, email)
	if !ok || !store.ValidResultID(id) {
		return ""
	}
	return id
}

// rememberDevice gives the browser a device cookie for email after it
// proved the password.
func (s *server) rememberDevice(w http.ResponseWriter, r *http.Request, email string) {
	id := s.knownDevice(r, email)
	if id == "" {
		id = randomID()
	}
	s.writeSignedCookie(w, deviceCookie, id, email, deviceLifetime)
}
