package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// getWith fetches path with extra request headers.
func (b *browser) getWith(path string, header map[string]string) page {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.base+path, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return b.do(req)
}

// sharedCacheable reports whether a response allows a shared cache to keep it.
func sharedCacheable(p page) bool {
	cc := p.Header.Get("Cache-Control")
	return strings.Contains(cc, "public") || strings.Contains(cc, "s-maxage")
}

// A first visit without cookies gets pages a shared cache may keep, with
// an ETag that a second visit turns into a 304, and no cookie; once the
// person has a session (a level) or a result of theirs, the same pages are
// private.
func TestAnonymousPagesAreCacheableAndPersonalOnesPrivate(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	anon := app.browser()

	for _, path := range []string{"/", "/careers/backend-developer", "/careers/backend-developer/salary", "/occupations/15-1252.00", "/occupations?q=nurse", "/how-the-test-works"} {
		p := anon.get(path)
		if p.Status != http.StatusOK {
			t.Fatalf("GET %s: %d", path, p.Status)
		}
		if cc := p.Header.Get("Cache-Control"); cc != "public, max-age=60, s-maxage=300, stale-while-revalidate=60" {
			t.Errorf("GET %s: Cache-Control %q", path, cc)
		}
		if sc := p.Header.Values("Set-Cookie"); len(sc) != 0 {
			t.Errorf("GET %s: a first visit got cookies %q: it could not be kept by a shared cache", path, sc)
		}
		if v := strings.Join(p.Header.Values("Vary"), ","); !strings.Contains(v, "Cookie") {
			t.Errorf("GET %s: Vary %q, want Cookie among them", path, v)
		}
		etag := p.Header.Get("ETag")
		if etag == "" {
			t.Fatalf("GET %s: no ETag", path)
		}
		again := anon.getWith(path, map[string]string{"If-None-Match": etag})
		if again.Status != http.StatusNotModified || again.Body != "" {
			t.Errorf("GET %s with If-None-Match %s: %d and %d bytes, want 304 and none", path, etag, again.Status, len(again.Body))
		}
		if other := anon.getWith(path, map[string]string{"If-None-Match": `W/"something-else"`}); other.Status != http.StatusOK {
			t.Errorf("GET %s with another ETag: %d, want 200", path, other.Status)
		}
	}

	// A level set: the session cookie makes every page private.
	person := app.browser()
	if p := person.post("/careers/backend-developer/level", url.Values{"level": {"senior"}, "next": {"/careers/backend-developer"}}); p.Status != http.StatusSeeOther {
		t.Fatalf("set level: %d", p.Status)
	}
	for _, path := range []string{"/", "/careers/backend-developer", "/occupations/15-1252.00"} {
		p := person.get(path)
		if p.Status != http.StatusOK || sharedCacheable(p) || p.Header.Get("Cache-Control") != "private, no-cache" {
			t.Errorf("GET %s with a session: %d, Cache-Control %q, want private, no-cache", path, p.Status, p.Header.Get("Cache-Control"))
		}
	}

	// A result: public (revalidated every time) for a stranger with the
	// link, private for the person whose results cookie holds it.
	res := person.takeTest("backend-developer", dataMinded)
	if p := person.get(res); p.Status != http.StatusOK || sharedCacheable(p) {
		t.Errorf("own result: %d, Cache-Control %q", p.Status, p.Header.Get("Cache-Control"))
	}
	stranger := app.browser()
	p := stranger.get(res)
	if p.Status != http.StatusOK || p.Header.Get("Cache-Control") != "public, no-cache" || p.Header.Get("ETag") == "" {
		t.Errorf("a stranger's view of a result: %d, Cache-Control %q, ETag %q", p.Status, p.Header.Get("Cache-Control"), p.Header.Get("ETag"))
	}
	if again := stranger.getWith(res, map[string]string{"If-None-Match": p.Header.Get("ETag")}); again.Status != http.StatusNotModified {
		t.Errorf("result with its ETag: %d, want 304", again.Status)
	}

	// The Result Libraries' figures may be seconds stale, no more.
	for _, path := range []string{"/careers/backend-developer/results", "/results/library"} {
		if p := stranger.get(path); p.Header.Get("Cache-Control") != "public, max-age=10, s-maxage=10, stale-while-revalidate=10" {
			t.Errorf("GET %s: Cache-Control %q", path, p.Header.Get("Cache-Control"))
		}
	}

	// Pages with credentials stay no-store.
	if p := anon.get("/login"); !strings.Contains(p.Header.Get("Cache-Control"), "no-store") || p.Header.Get("ETag") != "" {
		t.Errorf("/login: Cache-Control %q, ETag %q", p.Header.Get("Cache-Control"), p.Header.Get("ETag"))
	}
}
