package server_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"careerguide/internal/career"

	"github.com/PuerkitoBio/goquery"
)

func TestEveryOccupationPageRenders(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	cat := app.Catalog()
	if len(cat.Occupations) < 900 {
		t.Fatalf("%d occupations in the snapshot, want the whole file", len(cat.Occupations))
	}
	var shared, top, noWages, noInterests int
	for i := range cat.Occupations {
		o := &cat.Occupations[i]
		p := b.get("/occupations/" + o.Code)
		if p.Status != http.StatusOK {
			t.Fatalf("%s: %d", o.Code, p.Status)
		}
		if h1 := strings.TrimSpace(p.Doc.Find("h1").Text()); h1 != o.Title {
			t.Errorf("%s: h1 %q, want %q", o.Code, h1, o.Title)
		}
		txt := p.text()
		for _, want := range []string{"O*NET-SOC " + o.Code, "O*NET 29.3 Database", "Used under the CC BY 4.0 license", "released May 2024", "released 2024-34", "onetonline.org/link/summary/" + o.Code} {
			if !strings.Contains(txt, want) && !strings.Contains(p.Body, want) {
				t.Errorf("%s: page lacks %q", o.Code, want)
			}
		}
		switch {
		case o.Wages == nil:
			noWages++
			if !strings.Contains(txt, "publishes no wages") {
				t.Errorf("%s has no wages and does not say so", o.Code)
			}
		default:
			if p.Doc.Find("svg#pay-chart, svg[aria-labelledby^='pay-chart']").Length() == 0 && !o.Wages.HourlyOnly {
				t.Errorf("%s: no pay chart", o.Code)
			}
			if p.Doc.Find("table caption:contains('Pay percentiles')").Length() != 1 {
				t.Errorf("%s: no pay table", o.Code)
			}
			if len(o.Wages.SharedWith) > 0 {
				shared++
				if !strings.Contains(txt, "occupations that share them") {
					t.Errorf("%s shares its SOC code's wages and does not say so", o.Code)
				}
			}
			if o.Wages.Annual.P90.Mark == career.AboveTop {
				top++
				if !strings.Contains(txt, "$239,200 or more (#)") {
					t.Errorf("%s: a # wage is not shown as at or above the top code", o.Code)
				}
			}
			p.Doc.Find("td").Each(func(_ int, s *goquery.Selection) {
				if v := strings.TrimSpace(s.Text()); v == "$0" || v == "$0.00" {
					t.Errorf("%s shows a zero wage", o.Code)
				}
			})
		}
		if o.Interests == nil {
			noInterests++
			if !strings.Contains(txt, "publishes no interest profile") {
				t.Errorf("%s has no interests and does not say so", o.Code)
			}
		} else if !strings.Contains(txt, "Holland code "+o.Interests.HighPoint) {
			t.Errorf("%s: Holland code %s not shown", o.Code, o.Interests.HighPoint)
		}
		if o.Projection == nil && !strings.Contains(txt, "publishes no employment projection") {
			t.Errorf("%s has no projection and does not say so", o.Code)
		}
	}
	if shared == 0 || top == 0 || noWages == 0 || noInterests == 0 {
		t.Fatalf("cases seen: %d shared, %d top-coded, %d without wages, %d without interests; want each", shared, top, noWages, noInterests)
	}
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
	for _, bad := range []string{"/occupations/15-1254", "/occupations/99-9999.99", "/occupations/%3Cb%3E"} {
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
	for _, q := range []string{"letter=X", "letter=IC", "zone=9", "zone=0", "pay=lots", "growth=fast", "sort=%3Cb%3E", "page=0", "page=two", "sort=match", "q=" + strings.Repeat("a", 101)} {
		p := b.get("/occupations?" + q)
		if p.Status != http.StatusBadRequest {
			t.Errorf("?%s: %d, want 400", q, p.Status)
		}
		if !strings.Contains(p.text(), "careerguide") || strings.Contains(p.Body, "<b>") {
			t.Errorf("?%s: not the site's page, or markup reflected", q)
		}
	}
	if p := b.get("/occupations?page=999"); p.Status != http.StatusNotFound {
		t.Errorf("a page past the last: %d, want 404", p.Status)
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
