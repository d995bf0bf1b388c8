package server_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"careerguide/web/section"
)

// base is the public URL of a test app (BASE_URL's default).
const base = "http://localhost:8080"

// site is a test app with a signed-in browser, an anonymous one and a
// stored result, for tests that visit every page.
type site struct {
	app        *testApp
	anon, user *browser
	result     string // the path of a stored result
}

func newSite(t *testing.T) site {
	t.Helper()
	app := newTestApp(t)
	s := site{app: app, anon: app.browser(), user: app.browser()}
	s.user.signUp("lovelace@example.com")
	p := s.anon.post(bd+"/quiz", answers(5, 4, 2, 5, 3))
	if p.Status != http.StatusSeeOther {
		t.Fatalf("quiz: %d", p.Status)
	}
	s.result = p.Header.Get("Location")
	return s
}

// publicPaths is every page the sitemap must list, from the catalog.
func (s site) publicPaths() []string {
	paths := []string{"/", "/compare", "/how-the-test-works", "/results/library"}
	for _, c := range s.app.Catalog().Careers {
		for _, sec := range section.Nav() {
			paths = append(paths, section.URL(c.Slug, sec))
		}
		for _, sk := range c.Skills {
			paths = append(paths, section.SkillURL(c.Slug, sk.Slug))
		}
	}
	return paths
}

// everyPage is one path of every kind of page with the status it answers,
// the signed-in pages fetched by the signed-in browser.
type pageCase struct {
	path     string
	status   int
	signedIn bool
}

func (s site) everyPage() []pageCase {
	var cases []pageCase
	for _, p := range s.publicPaths() {
		cases = append(cases, pageCase{path: p, status: http.StatusOK})
	}
	return append(cases,
		pageCase{path: "/?letter=I&sort=pay", status: http.StatusOK},
		pageCase{path: "/compare?a=backend-developer&b=frontend-developer", status: http.StatusOK},
		pageCase{path: "/compare?a=backend-developer&b=backend-developer", status: http.StatusBadRequest},
		pageCase{path: "/?sort=shoe-size", status: http.StatusBadRequest},
		pageCase{path: s.result, status: http.StatusOK},
		pageCase{path: "/login", status: http.StatusOK},
		pageCase{path: "/signup", status: http.StatusOK},
		pageCase{path: "/account", status: http.StatusOK, signedIn: true},
		pageCase{path: bd + "/salary", status: http.StatusOK, signedIn: true},
		pageCase{path: "/no-such-page", status: http.StatusNotFound},
	)
}

// raw sends method to path and returns the response with its body read;
// Accept-Encoding is fixed (no gzip) so that GET and HEAD are compared byte for byte.
func raw(t *testing.T, b *browser, method, path string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, b.base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", "identity")
	req.Header.Set("Origin", b.base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := b.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func TestEvery405NamesTheAllowedMethods(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	for _, tc := range []struct{ method, path, allow string }{
		{http.MethodPost, "/", "GET, HEAD"},
		{http.MethodDelete, "/livez", "GET, HEAD"},
		{http.MethodPost, "/readyz", "GET, HEAD"},
		{http.MethodPut, bd + "/salary", "GET, HEAD"},
		{http.MethodPost, "/sitemap.xml", "GET, HEAD"},
		{http.MethodGet, "/logout", "POST"},
		{http.MethodHead, "/logout", "POST"},
		{http.MethodGet, bd + "/level", "POST"},
		{http.MethodPut, bd + "/quiz", "GET, HEAD, POST"},
		{http.MethodPost, bd, "GET, HEAD"},
		{http.MethodPost, bd + "/skills/sql-and-postgresql", "GET, HEAD"},
		{http.MethodDelete, "/login", "GET, HEAD, POST"},
	} {
		resp, body := raw(t, b, tc.method, tc.path)
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s %s: %d, want 405", tc.method, tc.path, resp.StatusCode)
			continue
		}
		if got := resp.Header.Get("Allow"); got != tc.allow {
			t.Errorf("%s %s: Allow %q, want %q", tc.method, tc.path, got, tc.allow)
		}
		if tc.method != http.MethodHead && !strings.Contains(string(body), "Not allowed") {
			t.Errorf("%s %s: not the site's 405 page", tc.method, tc.path)
		}
	}
}
