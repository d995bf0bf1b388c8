package server_test

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"careerguide/internal/browsertest/htmlcheck"
	"careerguide/web/section"

	"github.com/PuerkitoBio/goquery"
)

// fetched is one path of the crawl: its GET (without gzip, parsed) and its
// HEAD.
type fetched struct {
	pageCase
	get  page
	head *http.Response
	// headBody is what came after the HEAD's headers: nothing, if right.
	headBody []byte
}

// crawl sends GET and HEAD to every page of s (the signed-in pages from the
// signed-in browser) and to the other GET routes, once for all the checks
// of TestCrawlEveryPage.
func crawl(t *testing.T, s site) (pages []fetched, byPath map[string]fetched) {
	t.Helper()
	home := s.anon.get("/")
	css, _ := home.Doc.Find(`link[rel="stylesheet"]`).Attr("href")
	icon, _ := home.Doc.Find(`link[rel="icon"]`).Attr("href")
	cases := s.everyPage()
	for _, p := range []string{"/livez", "/readyz", "/favicon.ico", "/robots.txt", "/sitemap.xml", css, icon, bd + "/skills/no-such-skill"} {
		cases = append(cases, pageCase{path: p, status: 0}) // 0: not a page, only compared with its HEAD
	}
	byPath = map[string]fetched{}
	for _, c := range cases {
		b := s.anon
		if c.signedIn {
			b = s.user
		}
		get, body := raw(t, b, http.MethodGet, c.path)
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(body)))
		if err != nil {
			t.Fatal(err)
		}
		head, headBody := raw(t, b, http.MethodHead, c.path)
		f := fetched{pageCase: c, get: page{Status: get.StatusCode, Header: get.Header, Body: string(body), Doc: doc}, head: head, headBody: headBody}
		pages = append(pages, f)
		if _, seen := byPath[c.path]; !seen {
			byPath[c.path] = f
		}
	}
	return pages, byPath
}

// Every page and GET route, fetched once: HEAD answers like GET; the
// sitemap lists every public page and only those; every page has its
// description, canonical URL and indexing; the day pages' times are valid;
// every kind of page is valid HTML.
func TestCrawlEveryPage(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	pages, byPath := crawl(t, s)

	t.Run("HeadAnswersLikeGet", func(t *testing.T) {
		for _, f := range pages {
			if f.head.StatusCode != f.get.Status {
				t.Errorf("HEAD %s: %d, GET answers %d", f.path, f.head.StatusCode, f.get.Status)
			}
			if len(f.headBody) != 0 {
				t.Errorf("HEAD %s: a body of %d bytes", f.path, len(f.headBody))
			}
			if len(f.get.Body) == 0 {
				t.Errorf("GET %s: no body", f.path)
			}
			for _, h := range []string{"Content-Type", "Content-Length", "Content-Encoding", "Cache-Control", "Content-Security-Policy"} {
				if f.head.Header.Get(h) != f.get.Header.Get(h) {
					t.Errorf("HEAD %s: %s %q, GET has %q", f.path, h, f.head.Header.Get(h), f.get.Header.Get(h))
				}
			}
		}
	})

	t.Run("FaviconRobotsAndSitemap", func(t *testing.T) {
		faviconRobotsAndSitemap(t, s, byPath)
	})

	t.Run("DescriptionCanonicalAndIndexing", func(t *testing.T) {
		for _, f := range pages {
			if f.status == 0 {
				continue
			}
			descriptionCanonicalAndIndexing(t, f.pageCase, f.get)
		}
		// A shared result link shows a title and description.
		r := byPath[s.result].get
		title, _ := r.Doc.Find(`head meta[property="og:title"]`).Attr("content")
		desc, _ := r.Doc.Find(`head meta[property="og:description"]`).Attr("content")
		ogURL, _ := r.Doc.Find(`head meta[property="og:url"]`).Attr("content")
		if title != "Match test result from Backend Developer" || !strings.Contains(desc, "careerguide's match test") || ogURL != base+s.result {
			t.Errorf("result Open Graph: title %q, description %q, url %q", title, desc, ogURL)
		}
		if n := byPath[bd].get.Doc.Find(`meta[property^="og:"]`).Length(); n != 0 {
			t.Errorf("the overview has %d Open Graph tags; only results are shared", n)
		}
	})

	t.Run("DayPagesGiveEveryTimeAValidDatetime", func(t *testing.T) {
		valid := regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`)
		for _, c := range s.app.Catalog().Careers {
			f, ok := byPath[section.URL(c.Slug, section.Day)]
			if !ok {
				t.Fatalf("%s: the day page was not crawled", c.Slug)
			}
			times := f.get.Doc.Find("ol.schedule time")
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
	})

	// Every kind of page is valid HTML for the W3C Nu HTML checker.
	t.Run("EveryPageKindIsValidHTML", func(t *testing.T) {
		docs := map[string][]byte{}
		for _, f := range pages {
			if f.status == 0 || strings.HasPrefix(f.path, "/careers/") && !strings.HasPrefix(f.path, bd) {
				continue // one guide stands for every guide
			}
			docs[f.path] = []byte(f.get.Body)
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
		for _, e := range htmlcheck.CheckHTML(t, docs) {
			t.Errorf("vnu: %s", e)
		}
	})
}

// faviconRobotsAndSitemap checks the icons, robots.txt and the sitemap; the
// sitemap's pages answer 200 (from the crawl when crawled).
func faviconRobotsAndSitemap(t *testing.T, s site, byPath map[string]fetched) {
	b := s.anon
	ico := b.get("/favicon.ico")
	if ico.Status != http.StatusOK || ico.Header.Get("Content-Type") != "image/x-icon" || !strings.HasPrefix(ico.Body, "\x00\x00\x01\x00") {
		t.Fatalf("/favicon.ico: %d %q, starts %q", ico.Status, ico.Header.Get("Content-Type"), ico.Body[:min(4, len(ico.Body))])
	}
	for _, path := range []string{"/", bd + "/salary", "/login", s.result, "/no-such-page"} {
		href, ok := byPath[path].get.Doc.Find(`head link[rel="icon"]`).Attr("href")
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
	// Beside the crawled pages, the finder and every occupation's page,
	// each of which TestCrawlEveryOccupationPage fetches.
	wantListed := append(s.publicPaths(), "/occupations")
	occupationPages := map[string]bool{}
	for _, o := range s.app.Catalog().Occupations {
		occupationPages["/occupations/"+o.Code] = true
		wantListed = append(wantListed, "/occupations/"+o.Code)
	}
	for _, want := range wantListed {
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
		if occupationPages[path] {
			continue
		}
		f, ok := byPath[path]
		status := f.get.Status
		if !ok || f.signedIn {
			status = b.get(path).Status
		}
		if status != http.StatusOK {
			t.Errorf("sitemap page %s: %d", path, status)
		}
	}
	if len(listed) != len(wantListed) {
		t.Errorf("the sitemap lists %d pages, want %d", len(listed), len(wantListed))
	}
}

// descriptionCanonicalAndIndexing checks page p, fetched for c: its
// status, one meta description of 50 to 160 characters, and the canonical
// URL and noindex its kind wants.
func descriptionCanonicalAndIndexing(t *testing.T, c pageCase, p page) {
	t.Helper()
	if p.Status != c.status {
		t.Errorf("%s: %d, want %d", c.path, p.Status, c.status)
		return
	}
	desc := p.Doc.Find(`head meta[name="description"]`)
	if desc.Length() != 1 {
		t.Errorf("%s: %d meta descriptions", c.path, desc.Length())
		return
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
