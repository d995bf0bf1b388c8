package server

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"strconv"

	"careerguide/web/section"
)

// robots is /robots.txt: every public page may be crawled; the account is
// private, and the sitemap lists the public pages. Result pages are left
// crawlable so that crawlers can read their noindex.
func (s *server) robots(w http.ResponseWriter, r *http.Request) {
	body := "User-agent: *\nDisallow: /account\n\nSitemap: " + s.absURL("/sitemap.xml") + "\n"
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Write([]byte(body))
}

// sitemapURL is one <url> of the sitemap.
type sitemapURL struct {
	Loc string `xml:"loc"`
}

// sitemapXML is the document of https://www.sitemaps.org/protocol.html.
type sitemapXML struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

// sitemapPaths is every public page: the home page, the compare chooser,
// how the test works, the site-wide Result Library, every section of every
// guide (its Result Library included), every skill page, the occupation
// finder and every occupation's page. Results, the account, login and
// sign-up are not listed, nor searches (their pages are the finder's).
func (s *server) sitemapPaths() []string {
	cat := s.catalog()
	paths := []string{"/", "/compare", "/how-the-test-works", "/results/library", "/occupations"}
	for _, o := range cat.Occupations {
		paths = append(paths, "/occupations/"+o.Code)
	}
	for _, c := range cat.Careers {
		for _, sec := range section.Nav() {
			paths = append(paths, section.URL(c.Slug, sec))
		}
		for _, sk := range c.Skills {
			paths = append(paths, section.SkillURL(c.Slug, sk.Slug))
		}
	}
	return paths
}

// sitemap is /sitemap.xml with absolute URLs under BASE_URL.
func (s *server) sitemap(w http.ResponseWriter, r *http.Request) {
	doc := sitemapXML{}
	for _, p := range s.sitemapPaths() {
		doc.URLs = append(doc.URLs, sitemapURL{Loc: s.absURL(p)})
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		s.serverError(w, r, err)
		return
	}
	buf.WriteByte('\n')
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Write(buf.Bytes())
}

// absURL is path on the public site (BASE_URL).
func (s *server) absURL(path string) string {
	u := *s.Config.BaseURL
	u.Path, u.RawPath, u.RawQuery, u.Fragment = "", "", "", ""
	base := u.String()
	for len(base) > 0 && base[len(base)-1] == '/' {
		base = base[:len(base)-1]
	}
	return base + path
}
