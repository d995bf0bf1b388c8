package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"careerguide/internal/testdb"

	"github.com/PuerkitoBio/goquery"
)

// Every figure of the catalog cards, the overview's headline, the compare
// page and the work-life ratings names its source and date, or is marked
// as careerguide's estimate with its basis.
func TestEveryFigureNamesItsSource(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	cat := app.Catalog()

	home := b.get("/")
	home.Doc.Find("ul.cards > li").Each(func(_ int, card *goquery.Selection) {
		href, _ := card.Find("h3 a").Attr("href")
		c, _ := cat.Career(strings.TrimPrefix(href, "/careers/"))
		src := strings.Join(strings.Fields(card.Find(".source").Text()), " ")
		for _, want := range []string{"Median pay of " + c.Market.Occupation, "BLS", c.Market.Source.Date, "Holland code: O*NET", c.Interests.Source.Date} {
			if !strings.Contains(src, want) {
				t.Errorf("card %s: source line %q lacks %q", c.Slug, src, want)
			}
		}
		if card.Find(`.source a[href="`+c.Market.Source.URL+`"]`).Length() != 1 {
			t.Errorf("card %s does not link its pay source", c.Slug)
		}
	})

	for _, c := range cat.Careers {
		ov := b.get("/careers/" + c.Slug)
		top := c.Levels[len(c.Levels)-1]
		basis := ov.Doc.Find("#figures-basis").Text()
		if !strings.Contains(basis, "Estimate.") || !strings.Contains(basis, top.Pay.Basis) {
			t.Errorf("%s overview: the top salary's basis is not given: %q", c.Slug, basis)
		}
		if !strings.Contains(basis, c.Market.Source.Name) || !strings.Contains(basis, c.Market.Source.Date) {
			t.Errorf("%s overview: the median pay's source is not given", c.Slug)
		}
		if n := ov.Doc.Find(`ul.figures a[href="#figures-basis"]`).Length(); n != 3 {
			t.Errorf("%s overview: %d headline figures point to their basis, want 3", c.Slug, n)
		}

		wl := b.get("/careers/" + c.Slug + "/work-life")
		if got := wl.Doc.Find("#ratings-basis").Text(); !strings.Contains(got, "Estimate.") || !strings.Contains(got, c.WorkLife.Basis) {
			t.Errorf("%s work-life: ratings without their basis: %q", c.Slug, got)
		}
	}

	a, other := &cat.Careers[0], &cat.Careers[1]
	cmp := b.get("/compare?a=" + a.Slug + "&b=" + other.Slug)
	for _, c := range []string{a.Slug, other.Slug} {
		cc, _ := cat.Career(c)
		pay := strings.Join(strings.Fields(cmp.Doc.Find("#pay-basis").Text()), " ")
		if !strings.Contains(pay, cc.Name+" pay: Estimate.") {
			t.Errorf("compare: %s pay is not marked as an estimate: %q", c, pay)
		}
		for _, l := range cc.Levels {
			// Marked as an estimate: by the badge, or by the basis's own
			// first words ("careerguide estimate for …").
			lead, _, _ := strings.Cut(strings.ToLower(l.Pay.Basis), ",")
			ownWords := strings.Contains(lead, "estimate")
			if !strings.Contains(pay, l.Title+": Estimate. "+l.Pay.Basis) && !(ownWords && strings.Contains(pay, l.Title+": "+l.Pay.Basis)) {
				t.Errorf("compare: %s %s pay has no basis", c, l.Key)
			}
		}
		if wl := cmp.Doc.Find("#worklife-basis").Text(); !strings.Contains(wl, cc.WorkLife.Basis) {
			t.Errorf("compare: %s ratings have no basis", c)
		}
		if in := cmp.Doc.Find("#interests-basis").Text(); !strings.Contains(in, cc.Interests.Source.Name) || !strings.Contains(in, cc.Interests.Source.Date) {
			t.Errorf("compare: %s interests have no source", c)
		}
	}
}

// The ratings are each career's own: they differ between careers, and
// each career says what sets it apart.
func TestWorkLifeRatingsDifferWithABasis(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	triples := map[string][]string{}
	bases := map[string]string{}
	for _, c := range app.Catalog().Careers {
		var k []string
		for _, r := range c.WorkLife.Ratings {
			k = append(k, fmt.Sprintf("%s %d", r.Aspect, r.Score))
		}
		key := strings.Join(k, ", ")
		triples[key] = append(triples[key], c.Slug)
		if other, ok := bases[c.WorkLife.Basis]; ok {
			t.Errorf("%s and %s give the same basis", c.Slug, other)
		}
		bases[c.WorkLife.Basis] = c.Slug
		if len(c.WorkLife.Basis) < 120 {
			t.Errorf("%s: basis %q is too short to say why this career differs", c.Slug, c.WorkLife.Basis)
		}
	}
	if len(triples) < 5 {
		t.Errorf("only %d different sets of ratings among %d careers: %v", len(triples), len(app.Catalog().Careers), triples)
	}
	for key, slugs := range triples {
		if len(slugs) > len(app.Catalog().Careers)/2 {
			t.Errorf("%d careers share the ratings %s", len(slugs), key)
		}
	}
}

// The day page marks the schedule that describes the person's level, says
// which levels each describes, and says so when neither is theirs.
func TestDayPageSaysWhichDayIsYours(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	for _, tc := range []struct{ level, marked string }{
		{"junior", "junior"}, {"mid", "junior"}, {"senior", "senior"}, {"staff", "senior"}, {"director", ""},
	} {
		b.post(bd+"/level", url.Values{"level": {tc.level}})
		p := b.get(bd + "/day")
		for _, day := range []string{"junior", "senior"} {
			marked := p.Doc.Find("#"+day+"-day .badge").Length() == 1
			if marked != (day == tc.marked) {
				t.Errorf("level %s: the %s day marked %v", tc.level, day, marked)
			}
		}
		note := p.Doc.Find("#day-for-level").Text()
		if (tc.marked == "") != strings.Contains(note, "Neither day below is a Backend Director / VP Engineering’s") {
			t.Errorf("level %s: note %q", tc.level, note)
		}
	}
	// Every career's two days name the levels they are for, and every
	// level but the top is in one of them.
	for _, c := range app.Catalog().Careers {
		p := b.get("/careers/" + c.Slug + "/day")
		for _, l := range c.Levels[:len(c.Levels)-1] {
			if c.Day.DayFor(&l) == "" {
				t.Errorf("%s: no day for %s", c.Slug, l.Key)
			}
			if !strings.Contains(p.text(), l.Title) {
				t.Errorf("%s day page does not say which day is for %s", c.Slug, l.Title)
			}
		}
	}
}

// A result's percentile is shown only when enough results came before it,
// and says how many.
func TestPercentileOnlyWithEnoughEarlierResults(t *testing.T) {
	t.Parallel()
	app := newTestAppOn(t, testdb.URLWithContent(t), map[string]string{"QUIZ_RATE_LIMIT": "0"})
	b := app.browser()
	var ids []string
	for i := range 31 {
		p := b.post(bd+"/quiz", answers(1+i%5, 1+(i/5)%5, 3))
		if p.Status != http.StatusSeeOther {
			t.Fatalf("submission %d: %d", i+1, p.Status)
		}
		ids = append(ids, strings.TrimPrefix(p.Header.Get("Location"), "/results/"))
	}
	// Below 30 earlier results the guide's fit is shown without a
	// percentile.
	for _, n := range []int{1, 29} {
		p := b.get("/results/" + ids[n])
		txt := p.text()
		if !strings.Contains(txt, "The guide you started from: Backend Developer") {
			t.Fatalf("result %d shows no fit with its guide: %.300s", n+1, txt)
		}
		if strings.Contains(txt, "higher than") || p.Doc.Find("#percentile").Length() != 0 {
			t.Errorf("result %d, with %d stored before it, is given a percentile: %.300s", n+1, n, txt[strings.Index(txt, "The guide you started from"):])
		}
	}
	var pct int
	if err := app.Pool().QueryRow(t.Context(), "select percentile from quiz_results where id = $1", ids[30]).Scan(&pct); err != nil {
		t.Fatal(err)
	}
	last := b.get("/results/" + ids[30])
	last.mustContain(t, fmt.Sprintf("Your fit with Backend Developer is higher than that of %d%% of the 30 results from this guide stored before yours", pct))
}

// Compare is reachable from the home page and every career page: a GET
// form with two career lists; and link texts say where they go.
func TestComparePickerEverywhereAndLinksSayWhere(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	cat := app.Catalog()
	picker := func(p page, where, first string) {
		t.Helper()
		form := p.Doc.Find(`form[action="/compare"][method="get"]`)
		if form.Length() != 1 {
			t.Fatalf("%s: %d compare forms", where, form.Length())
		}
		for _, name := range []string{"a", "b"} {
			if n := form.Find(`select[name="` + name + `"] option[value!=""]`).Length(); n < len(cat.Careers)-1 {
				t.Errorf("%s: list %s offers %d careers", where, name, n)
			}
		}
		if got := form.Find(`select[name="a"] option[selected]`).AttrOr("value", ""); got != first {
			t.Errorf("%s: first career %q chosen, want %q", where, got, first)
		}
	}
	picker(b.get("/"), "home", "")
	sections := []string{"", "/path", "/salary", "/skills", "/day", "/myths", "/work-life", "/related", "/quiz", "/results"}
	for _, c := range cat.Careers {
		for _, s := range sections {
			picker(b.get("/careers/"+c.Slug+s), c.Slug+s, c.Slug)
		}
	}
	picker(b.get(bd+"/skills/"+cat.Careers[0].Skills[0].Slug), "skill page", "backend-developer")

	// Submitting the picker is a GET that compares.
	other := cat.Careers[1].Slug
	if p := b.get("/compare?a=backend-developer&b=" + other); p.Status != http.StatusOK {
		t.Errorf("compare from the picker: %d", p.Status)
	}

	ov := b.get(bd)
	seen := map[string]bool{}
	ov.Doc.Find("main a").Each(func(_ int, a *goquery.Selection) {
		txt := strings.Join(strings.Fields(a.Text()), " ")
		if strings.EqualFold(txt, "compare") {
			t.Errorf("a link reads just %q", txt)
		}
		if href := a.AttrOr("href", ""); strings.HasPrefix(href, "/compare") {
			if seen[txt] {
				t.Errorf("two compare links read %q", txt)
			}
			seen[txt] = true
			q, _ := url.ParseQuery(strings.TrimPrefix(href, "/compare?"))
			c, _ := cat.Career(q.Get("b"))
			if c == nil || txt != "Compare with "+c.Name {
				t.Errorf("compare link %q goes to %s", txt, href)
			}
		}
	})
	if len(seen) != len(cat.Careers)-1 {
		t.Errorf("%d compare links on the overview, want one per other career", len(seen))
	}
}
