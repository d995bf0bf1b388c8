package server_test

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"careerguide/internal/career"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"
)

func TestCrawlEveryOccupationPage(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	cat := app.Catalog()
	if len(cat.Occupations) < 900 {
		t.Fatalf("%d occupations in the snapshot, want the whole file", len(cat.Occupations))
	}
	// A thousand pages: read as bytes (not parsed), by a few workers.
	var shared, top, noWages, noInterests atomic.Int64
	codes := make(chan *career.Occupation)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for o := range codes {
				body, status := fetch(t, app.URL+"/occupations/"+o.Code)
				if status != http.StatusOK {
					t.Errorf("%s: %d", o.Code, status)
					continue
				}
				want := []string{"<h1>" + templ.EscapeString(o.Title) + "</h1>", "O*NET-SOC " + o.Code, "O*NET 29.3 Database",
					"Used under the CC BY 4.0 license", "estimates for May 2024", "projections for 2024-34", "onetonline.org/link/summary/" + o.Code}
				if o.Wages == nil {
					noWages.Add(1)
					want = append(want, "publishes no wages")
				} else {
					want = append(want, "Pay percentiles, May 2024")
					if !o.Wages.HourlyOnly {
						want = append(want, `id="pay-chart-title"`)
					}
					if len(o.Wages.SharedWith) > 0 {
						shared.Add(1)
						want = append(want, "occupations, which share them: this one")
					}
					if o.Wages.Annual.P90.Mark == career.AboveTop {
						top.Add(1)
						want = append(want, "$239,200 or more (#)")
					}
				}
				if o.Interests == nil {
					noInterests.Add(1)
					want = append(want, "publishes no interest profile")
				} else {
					want = append(want, "Holland code <strong>"+o.Interests.HighPoint+"</strong>")
				}
				if o.Projection == nil {
					want = append(want, "publishes no employment projection")
				}
				for _, w := range want {
					if !strings.Contains(body, w) {
						t.Errorf("%s: page lacks %q", o.Code, w)
					}
				}
				for _, zero := range []string{`class="num">$0<`, `class="num">$0.00<`} {
					if strings.Contains(body, zero) {
						t.Errorf("%s shows a zero wage", o.Code)
					}
				}
			}
		}()
	}
	for i := range cat.Occupations {
		codes <- &cat.Occupations[i]
	}
	close(codes)
	wg.Wait()
	if shared.Load() == 0 || top.Load() == 0 || noWages.Load() == 0 || noInterests.Load() == 0 {
		t.Fatalf("cases seen: %d shared, %d top-coded, %d without wages, %d without interests; want each", shared.Load(), top.Load(), noWages.Load(), noInterests.Load())
	}
}

// fetch is the body and status of a GET, unparsed.
func fetch(t *testing.T, u string) (string, int) {
	resp, err := http.Get(u)
	if err != nil {
		t.Error(err)
		return "", 0
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Error(err)
	}
	return string(b), resp.StatusCode
}

func TestOccupationPageFigures(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	p := b.get("/occupations/15-1254.00")
	p.mustContain(t, "Web Developers", "$90,930", "$48,560", "$162,870", "+7.5 %", "Frontend Developer", "Job Zone")
	if p.Doc.Find(`a[href="/careers/frontend-developer"]`).Length() == 0 {
		t.Error("web developers do not link to the Frontend Developer guide")
	}
	p = b.get("/occupations/15-1243.00")
	p.mustContain(t, "+8.7 %", "Data Engineer")
	for _, bad := range []string{"/occupations/15-1254.0", "/occupations/99-9999.99", "/occupations/%3Cb%3E"} {
		if p := b.get(bad); p.Status != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", bad, p.Status)
		}
	}
}

// listed is the codes of the rows of a list page, in order.
func listed(p page) []string {
	var codes []string
	p.Doc.Find("table tbody tr td:first-child a").Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		codes = append(codes, strings.TrimPrefix(href, "/occupations/"))
	})
	return codes
}

func TestOccupationSearchPage(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	for q, want := range map[string]string{"nurse": "29-1141.00", "devops": "15-1299.08", "softwre developer": "15-1252.00", "ux": "15-1255.00"} {
		p := b.get("/occupations?q=" + url.QueryEscape(q))
		if got := listed(p); p.Status != 200 || len(got) == 0 || got[0] != want {
			t.Errorf("search %q: %d, first %v, want %s", q, p.Status, got, want)
		}
		if v, _ := p.Doc.Find("input#q").Attr("value"); v != q {
			t.Errorf("search %q: the box shows %q", q, v)
		}
	}
	p := b.get("/occupations?q=qwxzvbk")
	p.mustContain(t, "No occupation found", "qwxzvbk")
}

func TestOccupationFiltersAndSortSurvivePagination(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	cat := app.Catalog()
	// I-coded, Job Zone 4, by pay: walk every page by its Next link.
	want := 0
	for _, o := range cat.Occupations {
		if o.Interests != nil && strings.Contains(o.Interests.HighPoint, "I") && o.JobZone == 4 {
			want++
		}
	}
	next := "/occupations?letter=I&zone=4&sort=pay"
	var codes []string
	pagesSeen := 0
	for next != "" {
		p := b.get(next)
		if p.Status != http.StatusOK {
			t.Fatalf("GET %s: %d", next, p.Status)
		}
		pagesSeen++
		for _, sel := range []string{"select#letter option[value=I]", "select#zone option[value='4']", "select#sort option[value=pay]"} {
			if _, ok := p.Doc.Find(sel).Attr("selected"); !ok {
				t.Errorf("%s: %s not selected", next, sel)
			}
		}
		codes = append(codes, listed(p)...)
		next, _ = p.Doc.Find(`a[rel="next"]`).Attr("href")
		if next != "" && (!strings.Contains(next, "letter=I") || !strings.Contains(next, "zone=4") || !strings.Contains(next, "sort=pay")) {
			t.Fatalf("next page link %q loses the filters", next)
		}
	}
	if len(codes) != want || pagesSeen < 2 {
		t.Fatalf("%d occupations on %d pages, want %d on at least 2", len(codes), pagesSeen, want)
	}
	prev := 1e18
	seenNoPay := false
	for _, c := range codes {
		o, _ := cat.Occupation(c)
		if o.JobZone != 4 || !strings.Contains(o.Interests.HighPoint, "I") {
			t.Errorf("%s (zone %d) should not be listed", c, o.JobZone)
		}
		m, ok := o.MedianAnnual()
		if o.Wages != nil && o.Wages.Annual.Median.Mark == career.AboveTop {
			m, ok = 1e9, true
		}
		switch {
		case !ok:
			seenNoPay = true
		case seenNoPay:
			t.Errorf("%s has a median after occupations without one", c)
		case float64(m) > prev:
			t.Errorf("%s: median %d after %v: not sorted by pay", c, m, prev)
		default:
			prev = float64(m)
		}
	}

	// Search, pay and growth filters with growth order.
	p := b.get("/occupations?q=engineer&pay=100k-150k&growth=5-10&sort=growth")
	rows := listed(p)
	if p.Status != http.StatusOK || len(rows) == 0 {
		t.Fatalf("combined filters: %d, %d rows", p.Status, len(rows))
	}
	last := 1e9
	for _, c := range rows {
		o, _ := cat.Occupation(c)
		m, _ := o.MedianAnnual()
		g := o.Projection.ChangePercent
		if m < 100000 || m >= 150000 || g < 5 || g >= 10 || g > last {
			t.Errorf("%s: median %d growth %v breaks the filters or the order", c, m, g)
		}
		last = g
	}
}

func TestBadOccupationFiltersGetThe400Page(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	for _, q := range []string{"letter=X", "letter=IC", "zone=9", "zone=0", "pay=lots", "growth=fast", "sort=%3Cb%3E", "page=0", "page=two", "sort=match", "q=" + strings.Repeat("a", 201)} {
		p := b.get("/occupations?" + q)
		if p.Status != http.StatusBadRequest {
			t.Errorf("?%s: %d, want 400", q, p.Status)
		}
		if !strings.Contains(p.text(), "careerguide") || strings.Contains(p.Body, "<b>") {
			t.Errorf("?%s: not the site's page, or markup reflected", q)
		}
	}
	for _, page := range []string{"999", "9999", "99999999999999999999999"} {
		if p := b.get("/occupations?page=" + page); p.Status != http.StatusNotFound {
			t.Errorf("page %s, past the last: %d, want 404", page, p.Status)
		}
	}

	// The problem is said on the search page, with the words typed and
	// the filters that could be used still chosen.
	for _, c := range []struct{ query, problem string }{
		{"q=nurse&letter=S&zone=0", "Choose a Job Zone from 1 to 5."},
		{"q=nurse&letter=S&sort=match", "Sorting by match needs a match test result"},
		{"q=nurse&letter=S&page=-1", "The page must be a whole number from 1."},
		{"q=nurse&letter=S&pay=lots&growth=fast", "Choose one of the listed pay ranges."},
	} {
		p := b.get("/occupations?" + c.query)
		if p.Status != http.StatusBadRequest {
			t.Errorf("?%s: %d, want 400", c.query, p.Status)
		}
		if got := p.Doc.Find("#search-problem").Text(); !strings.Contains(got, c.problem) {
			t.Errorf("?%s: problem %q, want %q", c.query, got, c.problem)
		}
		if v, _ := p.Doc.Find("input#q").Attr("value"); v != "nurse" {
			t.Errorf("?%s: the search box holds %q, want the words typed", c.query, v)
		}
		if v, _ := p.Doc.Find("select#letter option[selected]").Attr("value"); v != "S" {
			t.Errorf("?%s: the interest filter is %q, want S kept", c.query, v)
		}
	}
}

func TestSortByMatchToTheLastResult(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	if p := b.get("/occupations"); p.Doc.Find("select#sort option[value=match]").Length() != 0 {
		t.Fatal("match sort offered without a result")
	}
	if p := b.post("/careers/backend-developer/quiz", answers(5, 4, 1, 1, 2)); p.Status != http.StatusSeeOther {
		t.Fatalf("quiz: %d", p.Status)
	}
	p := b.get("/occupations?sort=match&zone=4")
	if p.Status != http.StatusOK || p.Doc.Find("select#sort option[value=match]").Length() != 1 {
		t.Fatalf("sort by match: %d", p.Status)
	}
	var matches []int
	p.Doc.Find("table tbody tr td:nth-child(2)").Each(func(_ int, s *goquery.Selection) {
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(s.Text()), " %"))
		if err == nil {
			matches = append(matches, n)
		}
	})
	if len(matches) != 25 {
		t.Fatalf("%d match figures on the first page, want 25", len(matches))
	}
	for i := 1; i < len(matches); i++ {
		if matches[i] > matches[i-1] {
			t.Fatalf("matches not in order: %v", matches)
		}
	}
	if next, _ := p.Doc.Find(`a[rel="next"]`).Attr("href"); !strings.Contains(next, "sort=match") || !strings.Contains(next, "zone=4") {
		t.Errorf("next link %q loses the sort", next)
	}
}

func TestHomeLeadsToEveryOccupation(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	p := b.get("/")
	if p.Doc.Find(`form[action="/occupations"] input[name=q]`).Length() != 1 {
		t.Error("home has no occupation search box")
	}
	for _, href := range []string{"/occupations?letter=R", "/occupations?letter=C", "/occupations?zone=1", "/occupations?zone=5"} {
		if p.Doc.Find(`a[href="`+href+`"]`).Length() != 1 {
			t.Errorf("home lacks a browse link to %s", href)
		}
		if q := b.get(href); q.Status != http.StatusOK || len(listed(q)) == 0 {
			t.Errorf("%s: %d with %d rows", href, q.Status, len(listed(q)))
		}
	}
	// The guides come first.
	html, _ := p.Doc.Find("main").Html()
	if strings.Index(html, "ul class=\"cards\"") > strings.Index(html, "finder-heading") {
		t.Error("the occupation search comes before the guides")
	}
}

// A kept /occupations page never reaches someone it was not made for: a
// person with a match test result sees their match, the next visitor
// without one does not, and a signed-in person sees their own header.
func TestKeptOccupationListsStayWithTheirVariant(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	const u = "/occupations?q=nurse"
	first := app.browser().get(u)
	if first.Status != http.StatusOK || first.Doc.Find("select#sort option[value=match]").Length() != 0 {
		t.Fatalf("first visitor: %d, or a match sort without a result", first.Status)
	}
	withResult := app.browser()
	if p := withResult.post("/careers/backend-developer/quiz", answers(5, 4, 1, 1, 2)); p.Status != http.StatusSeeOther {
		t.Fatalf("quiz: %d", p.Status)
	}
	if p := withResult.get(u); p.Doc.Find("select#sort option[value=match]").Length() != 1 {
		t.Error("a person with a result was served the page kept for visitors without one")
	}
	again := app.browser().get(u)
	if again.text() != first.text() || again.Doc.Find("select#sort option[value=match]").Length() != 0 {
		t.Error("a second visitor without a result sees a different page")
	}
	member := app.browser()
	member.signUp("lists@example.com")
	if p := member.get(u); !strings.Contains(p.text(), "Log out") {
		t.Error("a signed-in person was served the visitors' page")
	}
	if strings.Contains(app.browser().get(u).text(), "Log out") {
		t.Error("a visitor was served a signed-in person's page")
	}
}
