package server_test

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"careerguide/internal/browsertest"
	"careerguide/web/section"

	"github.com/PuerkitoBio/goquery"
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

func (s site) get(c pageCase) page {
	if c.signedIn {
		return s.user.get(c.path)
	}
	return s.anon.get(c.path)
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

func TestHeadAnswersLikeGetOnEveryGetRoute(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	css, _ := s.anon.get("/").Doc.Find(`link[rel="stylesheet"]`).Attr("href")
	icon, _ := s.anon.get("/").Doc.Find(`link[rel="icon"]`).Attr("href")
	cases := s.everyPage()
	for _, p := range []string{"/livez", "/readyz", "/favicon.ico", "/robots.txt", "/sitemap.xml", css, icon, bd + "/skills/no-such-skill"} {
		cases = append(cases, pageCase{path: p, status: http.StatusOK})
	}
	for _, c := range cases {
		b := s.anon
		if c.signedIn {
			b = s.user
		}
		get, getBody := raw(t, b, http.MethodGet, c.path)
		head, headBody := raw(t, b, http.MethodHead, c.path)
		if head.StatusCode != get.StatusCode {
			t.Errorf("HEAD %s: %d, GET answers %d", c.path, head.StatusCode, get.StatusCode)
		}
		if len(headBody) != 0 {
			t.Errorf("HEAD %s: a body of %d bytes", c.path, len(headBody))
		}
		if len(getBody) == 0 {
			t.Errorf("GET %s: no body", c.path)
		}
		for _, h := range []string{"Content-Type", "Content-Length", "Content-Encoding", "Cache-Control", "Content-Security-Policy"} {
			if head.Header.Get(h) != get.Header.Get(h) {
				t.Errorf("HEAD %s: %s %q, GET has %q", c.path, h, head.Header.Get(h), get.Header.Get(h))
			}
		}
	}
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

func TestFaviconRobotsAndSitemap(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.anon

	ico := b.get("/favicon.ico")
	if ico.Status != http.StatusOK || ico.Header.Get("Content-Type") != "image/x-icon" || !strings.HasPrefix(ico.Body, "\x00\x00\x01\x00") {
		t.Fatalf("/favicon.ico: %d %q, starts %q", ico.Status, ico.Header.Get("Content-Type"), ico.Body[:min(4, len(ico.Body))])
	}
	for _, path := range []string{"/", bd + "/salary", "/login", s.result, "/no-such-page"} {
		href, ok := b.get(path).Doc.Find(`head link[rel="icon"]`).Attr("href")
		if !ok {
			t.Fatalf("%s: no icon link", path)
		}
		if icon := b.get(href); icon.Status != http.StatusOK || icon.Header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(icon.Body, "<svg") {
			t.Fatalf("icon %s: %d %q", href, icon.Status, icon.Header.Get("Content-Type"))
		}
	}

	robots := b.get("/robots.txt")
	if robots.Status != http.StatusOK || !strings.HasPrefix(robots.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("/robots.txt: %d %q", robots.Status, robots.Header.Get("Content-Type"))
	}
	for _, want := range []string{"User-agent: *\n", "Disallow: /account\n", "Sitemap: " + base + "/sitemap.xml\n"} {
		if !strings.Contains(robots.Body, want) {
			t.Errorf("/robots.txt lacks %q:\n%s", want, robots.Body)
		}
	}

	sm := b.get("/sitemap.xml")
	if sm.Status != http.StatusOK || !strings.HasPrefix(sm.Header.Get("Content-Type"), "application/xml") {
		t.Fatalf("/sitemap.xml: %d %q", sm.Status, sm.Header.Get("Content-Type"))
	}
	var doc struct {
		XMLName xml.Name
		URLs    []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(sm.Body), &doc); err != nil {
		t.Fatalf("/sitemap.xml: %v", err)
	}
	if doc.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" || doc.XMLName.Local != "urlset" {
		t.Fatalf("/sitemap.xml root %v", doc.XMLName)
	}
	var listed []string
	for _, u := range doc.URLs {
		path, ok := strings.CutPrefix(u.Loc, base)
		if !ok {
			t.Fatalf("sitemap URL %q is not under BASE_URL", u.Loc)
		}
		listed = append(listed, path)
	}
	for _, want := range s.publicPaths() {
		if !slices.Contains(listed, want) {
			t.Errorf("the sitemap does not list %s", want)
		}
	}
	for _, path := range listed {
		for _, private := range []string{"/results/", "/account", "/login", "/signup"} {
			if strings.HasPrefix(path, private) && path != "/results/library" { // the site-wide Library is public
				t.Errorf("the sitemap lists %s", path)
			}
		}
		if p := b.get(path); p.Status != http.StatusOK {
			t.Errorf("sitemap page %s: %d", path, p.Status)
		}
	}
	if len(listed) != len(s.publicPaths()) {
		t.Errorf("the sitemap lists %d pages, want %d", len(listed), len(s.publicPaths()))
	}
}

func TestEveryPageHasItsDescriptionCanonicalAndIndexing(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	for _, c := range s.everyPage() {
		p := s.get(c)
		if p.Status != c.status {
			t.Errorf("%s: %d, want %d", c.path, p.Status, c.status)
			continue
		}
		desc := p.Doc.Find(`head meta[name="description"]`)
		if desc.Length() != 1 {
			t.Errorf("%s: %d meta descriptions", c.path, desc.Length())
			continue
		}
		if d, _ := desc.Attr("content"); utf8.RuneCountInString(d) < 50 || utf8.RuneCountInString(d) > 160 {
			t.Errorf("%s: a meta description of %d characters, want 50 to 160: %q", c.path, utf8.RuneCountInString(d), d)
		}

		canonical, hasCanonical := p.Doc.Find(`head link[rel="canonical"]`).Attr("href")
		_, noindex := p.Doc.Find(`head meta[name="robots"][content="noindex"]`).Attr("content")
		u, _ := url.Parse(c.path)
		switch {
		case c.status >= 400 && c.path != "/compare?a=backend-developer&b=backend-developer":
			if hasCanonical || !noindex {
				t.Errorf("%s (%d): canonical %q, noindex %v; want none and noindex", c.path, c.status, canonical, noindex)
			}
		case (strings.HasPrefix(c.path, "/results/") && c.path != "/results/library") || c.path == "/account":
			if !noindex {
				t.Errorf("%s: not marked noindex", c.path)
			}
		case c.path == "/compare?a=backend-developer&b=frontend-developer":
			if canonical != base+c.path || noindex {
				t.Errorf("%s: canonical %q, noindex %v", c.path, canonical, noindex)
			}
		default:
			if canonical != base+u.Path || noindex {
				t.Errorf("%s: canonical %q, want %q; noindex %v", c.path, canonical, base+u.Path, noindex)
			}
		}
	}

	// A shared result link shows a title and description.
	r := s.anon.get(s.result)
	title, _ := r.Doc.Find(`head meta[property="og:title"]`).Attr("content")
	desc, _ := r.Doc.Find(`head meta[property="og:description"]`).Attr("content")
	ogURL, _ := r.Doc.Find(`head meta[property="og:url"]`).Attr("content")
	if title != "Match test result from Backend Developer" || !strings.Contains(desc, "careerguide's match test") || ogURL != base+s.result {
		t.Errorf("result Open Graph: title %q, description %q, url %q", title, desc, ogURL)
	}
	if n := s.anon.get(bd).Doc.Find(`meta[property^="og:"]`).Length(); n != 0 {
		t.Errorf("the overview has %d Open Graph tags; only results are shared", n)
	}
}

func TestDayPagesGiveEveryTimeAValidDatetime(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	valid := regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`)
	for _, c := range s.app.Catalog().Careers {
		p := s.anon.get(section.URL(c.Slug, section.Day))
		times := p.Doc.Find("ol.schedule time")
		if times.Length() < 6 {
			t.Fatalf("%s: %d times", c.Slug, times.Length())
		}
		times.Each(func(_ int, tm *goquery.Selection) {
			dt, _ := tm.Attr("datetime")
			if !valid.MatchString(dt) || strings.TrimLeft(dt, "0") != strings.TrimLeft(tm.Text(), "0") && dt != "0"+tm.Text() {
				t.Errorf("%s: <time datetime=%q>%s</time>", c.Slug, dt, tm.Text())
			}
		})
	}
}

// Every kind of page is valid HTML for the W3C Nu HTML checker.
func TestEveryPageKindIsValidHTML(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	docs := map[string][]byte{}
	for _, c := range s.everyPage() {
		if strings.HasPrefix(c.path, "/careers/") && !strings.HasPrefix(c.path, bd) {
			continue // one guide stands for every guide
		}
		docs[c.path] = []byte(s.get(c).Body)
	}
	sent := s.anon.post(bd+"/quiz", url.Values{"r01": {"3"}})
	loc, _, _ := strings.Cut(sent.Header.Get("Location"), "#")
	if sent.Status != http.StatusSeeOther || loc == "" {
		t.Fatalf("quiz with 14 answers missing: %d, want 303 to the form", sent.Status)
	}
	missing := s.anon.get(loc)
	if missing.Status != http.StatusUnprocessableEntity {
		t.Fatalf("the form with 14 answers missing: %d", missing.Status)
	}
	docs[bd+"/quiz (422)"] = []byte(missing.Body)
	for _, e := range browsertest.CheckHTML(t, docs) {
		t.Errorf("vnu: %s", e)
	}
}
