package server

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// How long a page may be kept by a browser and by a shared cache (a CDN
// or a reverse proxy) in front of careerguide. Only a response to a
// request without a session or results cookie is public: everything such
// a visitor sees is the same for every such visitor. A response to a
// request with either cookie (a level, skill marks, a pace, an account,
// a result of theirs) is private. Every page carries an ETag, so a kept
// copy is checked with a 304 instead of sent again.
//
// pagePolicy is the policy of guides, occupations, search, the How page and
// /match. They change only with a new content version, so a shared cache
// may keep one SHARED_CACHE_TTL (default 5 minutes) and a browser up to a
// minute, each serving it a fifth of that longer, stale, while it asks
// again: a new content version reaches every visitor within 1.2 ×
// (SHARED_CACHE_TTL + 1 minute), 7.2 minutes by default.
func pagePolicy(ttl time.Duration) string {
	shared := int(ttl.Seconds())
	browser := min(shared, 60)
	return fmt.Sprintf("public, max-age=%d, s-maxage=%d, stale-while-revalidate=%d", browser, shared, shared/5)
}

const (
	// cacheLibrary: Result Library pages, whose figures may be seconds
	// stale (the counters are read at most once a second anyway).
	cacheLibrary = "public, max-age=10, s-maxage=10, stale-while-revalidate=10"
	// cacheRevalidate: result pages. A result never changes, but it may be
	// deleted with its account: a cache keeps the page and asks every time
	// (a 304 costs one batched existence check).
	cacheRevalidate = "public, no-cache"
	// cachePrivate: the person's own browser may keep it and ask again.
	cachePrivate = "private, no-cache"
)

// personal reports whether the request carries a cookie that can change
// what a page shows: the session or the results cookie.
func (s *server) personal(r *http.Request) bool {
	if _, err := r.Cookie(s.sessions.Cookie.Name); err == nil {
		return true
	}
	_, err := r.Cookie(resultsCookie)
	return err == nil
}

// pageETag is the validator of a page's bytes (weak: the gzipped and the
// plain body are the same page).
func pageETag(body []byte) string {
	sum := sha256.Sum256(body)
	return `W/"` + hex.EncodeToString(sum[:12]) + `"`
}

// cacheHeaders sets the caching headers of a 200 page (see pagePolicy): a
// policy the handler chose is kept unless the request is personal, then
// it is private; "no-store" is never changed. It reports whether the
// client's copy is current (If-None-Match), so a 304 will do.
func (s *server) cacheHeaders(w http.ResponseWriter, r *http.Request, body []byte, etag string) (notModified bool) {
	h := w.Header()
	cc := h.Get("Cache-Control")
	switch {
	case strings.Contains(cc, "no-store"):
		return false
	case s.personal(r):
		h.Set("Cache-Control", cachePrivate)
	case cc == "":
		h.Set("Cache-Control", s.cachePage)
	}
	h.Add("Vary", "Cookie")
	if etag == "" {
		etag = pageETag(body)
	}
	h.Set("ETag", etag)
	return etagMatches(r.Header.Get("If-None-Match"), etag)
}

// etagMatches is If-None-Match's weak comparison of a list of tags (or
// "*") with etag.
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == want {
			return true
		}
	}
	return false
}
