package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// takeTest submits form to the match test of the guide slug and returns
// the result's path.
func (b *browser) takeTest(slug string, form url.Values) string {
	b.t.Helper()
	p := b.post("/careers/"+slug+"/quiz", form)
	loc := p.Header.Get("Location")
	if p.Status != http.StatusSeeOther || !strings.HasPrefix(loc, "/results/") {
		b.t.Fatalf("submit to %s: %d to %q", slug, p.Status, loc)
	}
	return loc
}

// pattern is the 15 answers q01..q15 in order.
func pattern(vals ...int) url.Values { return answers(vals...) }

// The data-minded pattern: Investigative and Conventional high, Realistic
// and Artistic low. Its profile is R 2, I 7, A 2, S 3.25, E 2.5, C 5.5
// (in quickIDs order: r01 i01 a01 s01 e01 c01 r02 i02 a02 s02 e02 c02 r03
// a03 e03).
var dataMinded = pattern(1, 5, 2, 3, 2, 4, 2, 5, 1, 2, 2, 4, 2, 2, 2)

// codes are the O*NET-SOC codes linked from the ranked occupations, in order.
func codes(p page, n int) []string {
	var out []string
	p.Doc.Find("#occupation-ranking > li").EachWithBreak(func(_ int, li *goquery.Selection) bool {
		href, _ := li.Find("a").First().Attr("href")
		out = append(out, strings.TrimPrefix(href, "/occupations/"))
		return len(out) < n
	})
	return out
}

func TestResultRanksEveryOccupationAndFiltersByJobZone(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	res := b.takeTest("backend-developer", dataMinded)

	// Computed once outside careerguide, from content/occupations/
	// occupations.json: answers averaged per type and rescaled to 1-7
	// (1+(mean-1)*1.5), then Pearson r against each occupation's O*NET
	// interest scores, highest first: .9704, .9615, .9565, .9527, .9444.
	wantAll := []string{"19-4061.00", "19-3022.00", "15-2041.00", "15-2041.01", "15-2031.00"}
	// The same, only occupations of Job Zone 3: .8996, .8906, .8692, .7786, .7711.
	wantZone3 := []string{"15-1211.00", "29-9021.00", "15-1254.00", "15-1299.08", "23-2011.00"}

	// A stranger with the link (no results cookie) gets the cached page.
	other := app.browser()
	for range 2 {
		all := other.get(res)
		if all.Status != http.StatusOK {
			t.Fatalf("result: %d", all.Status)
		}
		if got := codes(all, 5); strings.Join(got, " ") != strings.Join(wantAll, " ") {
			t.Errorf("top 5 occupations %v, want %v", got, wantAll)
		}
		all.mustContain(t, "Occupations that fit you", "Out of 923 occupations with an O*NET interest profile",
			"Best fit Social Science Research Assistants (r = 0.97)", "median pay", "growth 2024–34",
			"Backend Developer, Full-Stack Developer, Game Developer and Mobile Developer share one O*NET occupation, Software Developers, so one interest profile and one fit",
			"U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics (OEWS), national, May 2024",
			"U.S. Bureau of Labor Statistics, Employment Projections, 2024-34",
			"Used under the CC BY 4.0 license")
		if n := all.Doc.Find(`main a[href="/how-the-test-works"]`).Length(); n != 1 {
			t.Errorf("%d links to How the test works in the page's content, want 1", n)
		}
		// The four guides of one occupation are one line, never ranked among themselves.
		if n := all.Doc.Find("#guide-ranking > li").Length(); n != 12 {
			t.Errorf("%d guide lines, want 12 (15 guides, four sharing one occupation)", n)
		}
		z := other.get(res + "?zone=3")
		if z.Status != http.StatusOK {
			t.Fatalf("zone 3: %d", z.Status)
		}
		if got := codes(z, 5); strings.Join(got, " ") != strings.Join(wantZone3, " ") {
			t.Errorf("zone 3: top 5 %v, want %v", got, wantZone3)
		}
		z.mustContain(t, "occupations with an O*NET interest profile in Job Zone 3")
		if sel := z.Doc.Find(`#zone option[selected]`).AttrOr("value", ""); sel != "3" {
			t.Errorf("zone 3 page selects %q", sel)
		}
		if z.Body == all.Body {
			t.Error("the filtered page is the unfiltered one")
		}
		// The form's "Any amount" sends an empty zone: every occupation.
		if anyZone := other.get(res + "?zone="); anyZone.Status != http.StatusOK || strings.Join(codes(anyZone, 5), " ") != strings.Join(wantAll, " ") {
			t.Errorf("?zone=: %d, top 5 %v", anyZone.Status, codes(anyZone, 5))
		}
	}
	// Every page showing O*NET interest profiles credits O*NET.
	for _, path := range []string{"/", bd + "/related", "/compare?a=backend-developer&b=ux-designer"} {
		if p := other.get(path); p.Doc.Find(".onet-credit").Length() != 1 {
			t.Errorf("%s: no O*NET credit", path)
		}
	}
	for _, bad := range []string{"?zone=0", "?zone=6", "?zone=abc", "?zone=3&zone=4", "?zone=+"} {
		if p := other.get(res + bad); p.Status != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", bad, p.Status)
		} else {
			p.mustContain(t, "Job Zone 1 to 5")
		}
	}
}

// Movers are shown for a guide that fits Good or better: each answer
// against a Neutral one, as a change of r, with a reason a reader can
// check (the guide's score on the type against its own average); a guide
// that is not a good fit says so and shows none.
func TestResultMoversSayWhichAnswerMovedWhat(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	p := b.get(b.takeTest("data-engineer", dataMinded))
	p.mustContain(t, "The fit is a correlation: it compares the shape of your six scores")
	up := p.Doc.Find("#movers-up + ul > li")
	down := p.Doc.Find("#movers-down ~ ul > li")
	if up.Length() == 0 || up.Length() > 3 || down.Length() > 3 {
		t.Fatalf("%d raised, %d lowered", up.Length(), down.Length())
	}
	up.Each(func(_ int, s *goquery.Selection) {
		txt := strings.Join(strings.Fields(s.Text()), " ")
		if !strings.HasPrefix(txt, "Your ") || !strings.Contains(txt, "): r +0.") || !strings.Contains(txt, "Data Engineer scores ") || !strings.Contains(txt, "its own average of 3.") {
			t.Errorf("raised line %q", txt)
		}
	})
	down.Each(func(_ int, s *goquery.Selection) {
		if txt := strings.Join(strings.Fields(s.Text()), " "); !strings.Contains(txt, "): r \u22120.") {
			t.Errorf("lowered line %q", txt)
		}
	})
	// Answers that meet a guide they do not fit: said plainly, no movers.
	// (The data-minded answers fit every guide, at r 0.56 or more.) These
	// score R 1.5, I 1.75, A 7, S 6.25, E 5, C 1.75; against UX / Product
	// Designer's O*NET profile (R 2.57, I 4.87, A 4.49, S 2.21, E 3.14,
	// C 4.39) that is r = −0.21, computed outside careerguide.
	peopleMinded := pattern(1, 2, 5, 5, 4, 1, 2, 1, 5, 4, 4, 2, 1, 5, 3)
	q := b.get(b.takeTest("ux-designer", peopleMinded))
	q.mustContain(t, "UX / Product Designer is not a good fit for the interests you gave", "r = \u22120.21, which means no relation, or opposite shapes", "The occupations that fit you")
	if q.Doc.Find("#movers").Length() != 0 {
		t.Error("movers shown for a guide that is not a good fit")
	}
}

func TestFlatResultShowsNoRankingAndSaysWhy(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	for _, c := range []struct {
		name, spread string
		form         url.Values
		neutral      bool
	}{
		{"all neutral", "You gave the same answer to all 15 statements", pattern(3), true},
		// R 5.5, I 5.5, A 5, S 5.5, E 5, C 4.75: spread 0.75, 12 of 15 agree.
		{"nearly flat", "Your highest and lowest interest scores lie 0.75 points apart", pattern(4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 4, 3, 3), false},
	} {
		p := b.get(b.takeTest("backend-developer", c.form))
		p.mustContain(t, "Your answers do not separate your interests", c.spread,
			"Use the ends of the scale", "Take the test again", "Sharpen your result")
		for _, sel := range []string{"#occupation-ranking", "#guide-ranking", "#percentile", `ul.figures`} {
			if p.Doc.Find(sel).Length() != 0 {
				t.Errorf("%s: a flat result shows %s", c.name, sel)
			}
		}
		if txt := strings.ToLower(p.text()); strings.Contains(txt, "your holland code") || strings.Contains(txt, "% match") {
			t.Errorf("%s: a flat result shows a Holland code or a match:\n%s", c.name, p.text())
		}
		if p.Doc.Find(`#flat a[href="/careers/backend-developer/quiz"]`).Length() != 1 {
			t.Errorf("%s: no link to retake", c.name)
		}
		if p.Doc.Find("#movers-up, #movers-down").Length() != 0 {
			t.Errorf("%s: a flat result lists movers", c.name)
		}
		_ = c.neutral
	}
}

func TestRetakeShowsTheChangeOnlyToWhoTookIt(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	first := b.takeTest("backend-developer", dataMinded)
	if p := b.get(first); p.Doc.Find("#previous").Length() != 0 {
		t.Fatal("a first result shows a comparison")
	}
	// Creative: R 2.5, I 2.5, A 7, S 4, E 5.5, C 2.5.
	second := b.takeTest("backend-developer", pattern(2, 2, 5, 3, 4, 2, 2, 2, 5, 3, 4, 2, 2, 5, 4))
	stranger := app.browser()
	for _, step := range []struct {
		who  *browser
		name string
		sees bool
	}{{stranger, "a stranger first", false}, {b, "the taker", true}, {stranger, "a stranger after", false}, {b, "the taker again", true}} {
		p := step.who.get(second)
		if p.Status != http.StatusOK {
			t.Fatalf("%s: %d", step.name, p.Status)
		}
		if got := p.Doc.Find("#previous").Length() == 1; got != step.sees {
			t.Fatalf("%s sees the comparison: %v", step.name, got)
		}
		if !step.sees {
			continue
		}
		if cc := p.Header.Get("Cache-Control"); cc != "private, no-store" {
			t.Errorf("comparison served with Cache-Control %q", cc)
		}
		rows := map[string]string{}
		p.Doc.Find("#previous tbody tr").Each(func(_ int, tr *goquery.Selection) {
			var cells []string
			tr.Find("td").Each(func(_ int, td *goquery.Selection) {
				cells = append(cells, strings.Join(strings.Fields(td.Text()), " "))
			})
			rows[tr.Find("th").Text()] = strings.Join(cells, " ")
		})
		for typ, want := range map[string]string{
			"Investigative": "7.00 2.50 −4.50 (more than usual)",
			"Enterprising":  "2.50 5.50 +3.00 (more than usual)",
			"Conventional":  "5.50 2.50 −3.00 (more than usual)",
		} {
			if rows[typ] != want {
				t.Errorf("%s: %s row %q, want %q", step.name, typ, rows[typ], want)
			}
		}
		p.mustContain(t, "Since you last took the test", "Your top 5 occupations changed", "Our estimate, from the test's arithmetic")
		if href := p.Doc.Find("#previous a").First().AttrOr("href", ""); href != first {
			t.Errorf("comparison links %q, want %q", href, first)
		}
	}

	// Signed up, the account holds both results, newest first.
	b.signUp("retake@example.com")
	acc := b.get("/account")
	var links []string
	acc.Doc.Find("table tbody tr td a").Each(func(_ int, a *goquery.Selection) { links = append(links, a.AttrOr("href", "")) })
	if strings.Join(links, " ") != second+" "+first {
		t.Fatalf("account lists %v, want %s then %s", links, second, first)
	}
	acc.mustContain(t, "Backend Developer", "AES", "ICS")
	// A flat result is listed without a match or Holland code.
	flat := b.takeTest("backend-developer", pattern(3))
	acc = b.get("/account")
	row := acc.Doc.Find("table tbody tr").First()
	if href := row.Find("a").AttrOr("href", ""); href != flat || !strings.Contains(row.Text(), "answers did not separate your interests") || strings.Contains(row.Text(), "%") {
		t.Errorf("flat result's row: %s %q", href, strings.Join(strings.Fields(row.Text()), " "))
	}
	// Signed in, the comparison still shows (the result is the account's).
	if p := b.get(second); p.Doc.Find("#previous").Length() != 1 {
		t.Error("signed in, the comparison is gone")
	}
}

// Three people with different interests meet three different guides first:
// the guides stand on occupations of their own, so the test can tell
// tech careers apart. The expected guides and matches were computed by
// hand from the statements' keys and the guides' O*NET profiles (Pearson r
// of the six scores, as (r+1)/2 in percent), independently of the code:
// hands-on infrastructure scores R 7, I 4, A 1, S 2.5, E 4, C 7 and fits
// Systems Administrator 95.6 % (next Security Engineer 87.0 %); visual and
// creative scores R 3.25, I 3.5, A 7, S 5.5, E 4, C 1 and fits UX / Product
// Designer 42.8 % (no other guide stands on an artistic occupation); data and statistics
// scores R 1, I 7, A 3.25, S 4, E 2.5, C 6 and fits Machine Learning
// Engineer 93.5 % (next Data Engineer 89.9 %).
func TestThreeInterestPatternsPutThreeDifferentGuidesFirst(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	for _, c := range []struct {
		name  string
		form  url.Values
		first string
	}{
		// R 7, I 4, A 1, S 2.5, E 4, C 7.
		{"hands-on infrastructure", pattern(5, 3, 1, 2, 3, 5, 5, 3, 1, 2, 3, 5, 5, 1, 3), "Systems Administrator"},
		// R 2.5, I 2.5, A 7, S 5.5, E 4, C 1.
		{"visual and creative", pattern(2, 2, 5, 4, 3, 1, 2, 2, 5, 4, 3, 1, 2, 5, 3), "UX / Product Designer"},
		// R 1, I 7, A 2.5, S 4, E 2.5, C 5.5.
		{"data and statistics", pattern(1, 5, 2, 3, 2, 4, 1, 5, 2, 3, 2, 5, 1, 2, 2), "Machine Learning Engineer"},
	} {
		p := b.get(b.takeTest("backend-developer", c.form))
		first := strings.Join(strings.Fields(p.Doc.Find("#guide-ranking > li").First().Text()), " ")
		if !strings.Contains(first, "fit "+c.first+" (r = ") {
			t.Errorf("%s: the first guide is %q, want %q", c.name, first, c.first)
		}
	}
}
