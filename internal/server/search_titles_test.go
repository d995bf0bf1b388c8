package server_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
)

// Everyday titles find their occupation first on the search page, and a
// guide the search names comes before the list.
func TestSearchFindsEverydayTitles(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	for _, c := range []struct{ q, first, guide string }{
		{"dev ops", "15-1299.08", "/careers/devops-engineer"}, // the guide's name, words run together
		{"charge nurse", "29-1141.00", ""},                    // alternate title
		{"barista", "35-3023.01", ""},
		{"CNA", "31-1131.00", ""}, // short form of "Certified Nursing Assistant (CNA)"
		{"line cook", "35-2014.00", ""},
		{"software engineer", "15-1252.00", ""},
		{"machine learning engineer", "15-2051.00", "/careers/machine-learning-engineer"},
	} {
		p := b.get("/occupations?q=" + url.QueryEscape(c.q))
		got := listed(p)
		if p.Status != http.StatusOK || len(got) == 0 || got[0] != c.first {
			t.Errorf("search %q: %d, first %v, want %s", c.q, p.Status, got[:min(len(got), 5)], c.first)
		}
		guides := p.Doc.Find("p.guide-hit a")
		switch href, _ := guides.First().Attr("href"); {
		case c.guide == "" && guides.Length() > 0:
			t.Errorf("search %q names guide %s", c.q, href)
		case c.guide != "" && (guides.Length() != 1 || href != c.guide):
			t.Errorf("search %q: guides %d, first %q, want %s", c.q, guides.Length(), href, c.guide)
		case c.guide != "" && strings.Index(p.Body, c.guide) > strings.Index(p.Body, "<table"):
			t.Errorf("search %q: the guide comes after the list", c.q)
		}
		if c.q == "software engineer" {
			for i, code := range got[:min(len(got), 10)] {
				if strings.HasPrefix(code, "33-2011.") {
					t.Errorf(`search "software engineer" lists firefighters (%s) at %d`, code, i+1)
				}
			}
		}
	}
	p := b.get("/occupations?q=nurse")
	if got := listed(p); slices.Contains(got, "45-2092.00") {
		t.Errorf(`search "nurse" lists farmworkers of crop nurseries on its first page: %v`, got)
	}
	// A word several guides share names none of them.
	if p := b.get("/occupations?q=engineer"); p.Doc.Find("p.guide-hit").Length() != 0 {
		t.Error(`search "engineer" names a guide`)
	}
}

// A 6-digit SOC code, as BLS writes it, leads to its occupation, or lists
// the occupations O*NET divides it into.
func TestSOCCodeLeadsToItsOccupations(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	p := b.get("/occupations/15-1254")
	if p.Status != http.StatusFound || p.Header.Get("Location") != "/occupations/15-1254.00" {
		t.Errorf("GET /occupations/15-1254: %d to %q, want 302 to /occupations/15-1254.00", p.Status, p.Header.Get("Location"))
	}
	p = b.get("/occupations/29-1141")
	if p.Status != http.StatusOK {
		t.Fatalf("GET /occupations/29-1141: %d", p.Status)
	}
	p.mustContain(t, "SOC 29-1141", "5 occupations", "Registered Nurses", "Clinical Nurse Specialists")
	if h := p.Doc.Find("h1").Text(); h != "SOC 29-1141: Registered Nurses" {
		t.Errorf("SOC page heading %q, want the code with its title", h)
	}
	if p.Doc.Find("#catch-all").Length() != 0 {
		t.Error("SOC 29-1141 is called a catch-all")
	}
	if enc := b.get("/occupations/29%2D1141.00"); enc.Status != http.StatusOK || enc.Doc.Find("h1").Text() != "Registered Nurses" {
		t.Errorf("GET /occupations/29%%2D1141.00 (the hyphen percent-encoded): %d %q, want Registered Nurses", enc.Status, enc.Doc.Find("h1").Text())
	}
	other := b.get("/occupations/15-1299")
	if h := other.Doc.Find("h1").Text(); h != "SOC 15-1299: Computer Occupations, All Other" || other.Doc.Find("#catch-all").Length() != 1 {
		t.Errorf("SOC 15-1299: heading %q; want its title, and the catch-all said", h)
	}
	d := p.Doc.Find(`meta[name="description"]`).AttrOr("content", "")
	if n := utf8.RuneCountInString(d); n < 50 || n > 160 || !strings.Contains(d, "29-1141") {
		t.Errorf("SOC page description %q: want 50 to 160 characters naming the code", d)
	}
	var links []string
	p.Doc.Find("main li a").Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		links = append(links, href)
	})
	for _, code := range []string{"29-1141.00", "29-1141.01", "29-1141.02", "29-1141.03", "29-1141.04"} {
		if !slices.Contains(links, "/occupations/"+code) {
			t.Errorf("SOC 29-1141 page does not link %s: %v", code, links)
		}
	}
	for _, bad := range []string{"/occupations/99-9999", "/occupations/15-125", "/occupations/15-12540"} {
		if p := b.get(bad); p.Status != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", bad, p.Status)
		}
	}
}

// A search whose bytes are not UTF-8 is a 400 that says so on the search
// page, with the words (each bad byte as U+FFFD) and the filters kept.
func TestSearchNotUTF8SaysSoAndKeepsTheWords(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	p := b.get("/occupations?q=caf%E9+nurse&zone=3")
	if p.Status != http.StatusBadRequest {
		t.Fatalf("status %d, want 400", p.Status)
	}
	p.mustContain(t, "not UTF-8")
	if v, _ := p.Doc.Find("input#q").Attr("value"); v != "caf\uFFFD nurse" {
		t.Errorf("the box shows %q, want the words with U+FFFD for the bad byte", v)
	}
	if v, _ := p.Doc.Find("select#zone option[selected]").Attr("value"); v != "3" {
		t.Errorf("the zone filter shows %q, want 3", v)
	}
	if n := len(listed(p)); n != 0 {
		t.Errorf("%d occupations listed for a search that could not run", n)
	}
	// A NUL byte is still refused before any page.
	if p := b.get("/occupations?q=x%00"); p.Status != http.StatusBadRequest || p.Doc.Find("input#q").Length() != 0 {
		t.Errorf("NUL byte: %d, search box %d", p.Status, p.Doc.Find("input#q").Length())
	}
}

// A long job title is found like any other, and a search longer than any
// title gets the 400 page that says so.
func TestLongTitlesAreFound(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	p := b.get("/occupations?zone=2&q=" + url.QueryEscape("RVDA Master Certified RV Technician (Recreational Vehicle Dealer Association Master Certified Recreational Vehicle Technician)"))
	if got := listed(p); p.Status != http.StatusOK || len(got) == 0 || got[0] != "49-3092.00" {
		t.Errorf("a 13-word alternate title: %d, %v; want 49-3092.00 first", p.Status, got)
	}
	p = b.get("/occupations?zone=3&q=" + url.QueryEscape(strings.Repeat("nurse who fixes recreational vehicles ", 6)))
	if p.Status != http.StatusBadRequest {
		t.Errorf("a 228-character search: %d, want 400", p.Status)
	}
	p.mustContain(t, "at most 200 characters")
	if v, _ := p.Doc.Find("input#q").Attr("value"); v != strings.TrimSpace(strings.Repeat("nurse who fixes recreational vehicles ", 6)) {
		t.Errorf("the search box holds %q, want the words sent", v)
	}
	if v, _ := p.Doc.Find("select#zone option[selected]").Attr("value"); v != "3" {
		t.Errorf("the Job Zone filter is %q, want 3 kept", v)
	}
}
