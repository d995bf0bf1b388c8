// Package auth holds the rules of accounts: email normalization, password
// length, and argon2id hashing with OWASP's parameters. No HTTP, no SQL.
package auth

import (
	"context"
	"errors"
	"net/mail"
	"runtime"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"
	"github.com/mtibben/confusables"
	"golang.org/x/text/unicode/norm"
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
	ErrEmailInvisible  Problem = "This email address contains a space or an invisible character (often pasted along with it). Please type the address again."
	ErrPasswordShort   Problem = "Please choose a password of at least 12 characters."
	ErrPasswordLong    Problem = "Please choose a password of at most 128 characters."
	ErrWrongCredential Problem = "That email and password do not match an account."
)

// NormalizeEmail brings an email address to the one form accounts are
// kept under: Unicode NFKC (so full-width and other compatibility
// look-alikes become the characters they stand for), trimmed and
// lower-cased.
func NormalizeEmail(email string) string {
	email = strings.TrimSpace(norm.NFKC.String(email))
	return norm.NFKC.String(strings.ToLower(email))
}

// EmailKey is what two addresses are compared by: the Unicode
// confusables skeleton (UTS #39) of the normalized address, so that
// addresses that only look alike (a Cyrillic і or a dotless ı for i, a
// Greek ο for o) are one. It is a key, never shown or written to.
func EmailKey(normalized string) string { return confusables.Skeleton(normalized) }

// CheckEmail reports whether a normalized address is acceptable: it must
// not hold whitespace or invisible characters, which would make an address
// that looks like another's.
func CheckEmail(email string) error {
	if email == "" || len(email) > MaxEmail || !utf8.ValidString(email) {
		return ErrEmailInvalid
	}
	if strings.IndexFunc(email, invisible) >= 0 {
		return ErrEmailInvisible
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

// invisible reports whether r is whitespace or shows nothing: controls,
// format characters (zero-width spaces and joiners, bidirectional marks,
// soft hyphens), unassigned code points, variation selectors and the other
// default-ignorable characters (Hangul fillers, combining grapheme joiner),
// and the blank Braille pattern.
func invisible(r rune) bool {
	return unicode.IsSpace(r) || !unicode.IsGraphic(r) || r == '\u2800' ||
		unicode.In(r, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point)
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

// ErrBusy is returned when every hashing slot is taken and no place to
// wait for one is free soon enough: try again in a moment.
var ErrBusy = errors.New("password hashing busy")

// Bounds limit the memory password hashing can take: each argon2id hash
// holds Params().Memory KiB (19 MiB) while it runs.
type Bounds struct {
	Slots int           // hashes at once
	Queue int           // requests that may wait for a slot
	Wait  time.Duration // the longest a request waits
}

// DefaultBounds are one hash per CPU but one (argon2id with one lane keeps
// a CPU busy: more at once would only hold more memory, 19 MiB each and
// about as much again until the garbage collector reclaims it, and one
// CPU stays free for pages), sixteen requests per CPU waiting, each for at
// most two seconds (a hash takes about 40 ms, so a full queue drains in
// about a second).
func DefaultBounds() Bounds {
	n := runtime.GOMAXPROCS(0)
	return Bounds{Slots: max(n-1, 1), Queue: 16 * n, Wait: 2 * time.Second}
}

// Hasher hashes and verifies passwords, at most Bounds.Slots at a time, and
// spends the same time when there is no account, so a login cannot tell
// unknown emails from wrong passwords.
type Hasher struct {
	params *argon2id.Params
	dummy  string
	slots  chan struct{} // one token per running hash
	queue  chan struct{} // one token per waiting request
	wait   time.Duration
}

// NewHasher is a Hasher with DefaultBounds.
func NewHasher() (*Hasher, error) { return NewBoundedHasher(DefaultBounds()) }

// NewBoundedHasher is a Hasher with Params within b (at least one slot).
func NewBoundedHasher(b Bounds) (*Hasher, error) { return NewHasherWith(Params(), b) }

// NewHasherWith is a Hasher that hashes with p within b. Only tests, which
// hash many passwords that protect nothing, want other parameters than
// Params.
func NewHasherWith(p *argon2id.Params, b Bounds) (*Hasher, error) {
	h := &Hasher{params: p, slots: make(chan struct{}, max(b.Slots, 1)), queue: make(chan struct{}, max(b.Queue, 0)), wait: b.Wait}
	var err error
	if h.dummy, err = h.hash("an unused password for timing"); err != nil {
		return nil, err
	}
	return h, nil
}

// hash hashes a password with argon2id.
func (h *Hasher) hash(pw string) (string, error) {
	return argon2id.CreateHash(pw, h.params)
}

// acquire takes a slot, waiting at most h.wait in one of the queue's
// places; ErrBusy when none is free, or ctx's error.
func (h *Hasher) acquire(ctx context.Context) error {
	select {
	case h.slots <- struct{}{}:
		return nil
	default:
	}
	select {
	case h.queue <- struct{}{}:
		defer func() { <-h.queue }()
	default:
		return ErrBusy
	}
	t := time.NewTimer(h.wait)
	defer t.Stop()
	select {
	case h.slots <- struct{}{}:
		return nil
	case <-t.C:
		return ErrBusy
	case <-ctx.Done():
		return ctx.Err()
	}
}

// release gives the slot back. A hash at Params leaves its 19 MiB of
// memory as garbage, and the heap may hold a few of them before the next
// collection would come (the app lets the heap grow by GC_HEADROOM between
// collections): a burst of logins took the process to 155 MiB. So after a
// hash that held at least collectAfter KiB, the slot is given back only
// when a collection has reclaimed it: at most Slots of them are ever held.
func (h *Hasher) release() {
	if h.params.Memory >= collectAfter {
		runtime.GC()
	}
	<-h.slots
}

// collectAfter is the least memory of a hash, in KiB, after which release
// collects (tests hash with 64 KiB, which is not worth a collection).
const collectAfter = 4 << 10

// Hash hashes a password with argon2id; ErrBusy when hashing is saturated.
func (h *Hasher) Hash(ctx context.Context, pw string) (string, error) {
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	return h.hash(pw)
}

// Check verifies pw against the stored hash, or against a dummy hash when
// stored is "" (no such account) and then reports false. A malformed hash
// is false; the error is ErrBusy when hashing is saturated, or ctx's error.
func (h *Hasher) Check(ctx context.Context, pw, stored string) (bool, error) {
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	defer h.release()
	if stored == "" {
		argon2id.ComparePasswordAndHash(pw, h.dummy)
		return false, nil
	}
	ok, err := argon2id.ComparePasswordAndHash(pw, stored)
	return err == nil && ok, nil
}
