// Package auth holds the rules of accounts: email normalisation, password
// length, and argon2id hashing with OWASP's parameters. No HTTP, no SQL.
package auth

import (
	"net/mail"
	"strings"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"
)

// Password length limits, in characters.
const (
	MinPassword = 12
	MaxPassword = 128
	MaxEmail    = 254
)

// Params are OWASP's recommended argon2id parameters: 19 MiB, 2 passes, 1 lane.
func Params() *argon2id.Params {
	return &argon2id.Params{Memory: 19456, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}
}

// Problem is a validation error worded for people, shown as it is.
type Problem string

func (p Problem) Error() string { return string(p) }

// The validation problems.
const (
	ErrEmailInvalid    Problem = "Please enter a valid email address, like name@example.com."
	ErrPasswordShort   Problem = "Please choose a password of at least 12 characters."
	ErrPasswordLong    Problem = "Please choose a password of at most 128 characters."
	ErrWrongCredential Problem = "That email and password do not match an account."
)

// NormalizeEmail trims and lower-cases an email address.
func NormalizeEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// CheckEmail reports whether a normalised address is acceptable.
func CheckEmail(email string) error {
	if email == "" || len(email) > MaxEmail || !utf8.ValidString(email) {
		return ErrEmailInvalid
	}
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || addr.Name != "" {
		return ErrEmailInvalid
	}
	at := strings.LastIndexByte(email, '@')
	if at < 1 || !strings.Contains(email[at+1:], ".") || strings.ContainsAny(email, " <>\"") {
		return ErrEmailInvalid
	}
	return nil
}

// CheckPassword enforces the length rules (in characters, not bytes).
func CheckPassword(pw string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case !utf8.ValidString(pw):
		return ErrPasswordShort
	case n < MinPassword:
		return ErrPasswordShort
	case n > MaxPassword:
		return ErrPasswordLong
	}
	return nil
}

// Hash hashes a password with argon2id.
func Hash(pw string) (string, error) {
	return argon2id.CreateHash(pw, Params())
}

// Verify reports whether pw matches the hash. A malformed hash is an error.
func Verify(pw, hash string) (bool, error) {
	return argon2id.ComparePasswordAndHash(pw, hash)
}

// Hasher verifies passwords and spends the same time when there is no
// account, so a login cannot tell unknown emails from wrong passwords.
type Hasher struct {
	dummy string
}

// NewHasher prepares the hash used for unknown accounts.
func NewHasher() (*Hasher, error) {
	h, err := Hash("an unused password for timing")
	if err != nil {
		return nil, err
	}
	return &Hasher{dummy: h}, nil
}

// Check verifies pw against hash, or against a dummy hash when hash is ""
// (no such account) and then fails.
func (h *Hasher) Check(pw, hash string) bool {
	if hash == "" {
		argon2id.ComparePasswordAndHash(pw, h.dummy)
		return false
	}
	ok, err := Verify(pw, hash)
	return err == nil && ok
}
