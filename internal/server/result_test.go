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
// and Artistic low. Its profile is R 1.75, I 7, A 1.75, S 3.25, E 2.5, C 5.5.
var dataMinded = pattern(5, 5, 4, 2, 1, 3, 2, 5, 4, 1, 2, 4, 2, 2, 4)

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
	// occupations.json: each answer reverse-keyed where the statement is
	// (6-a), averaged per type and rescaled to 1-7 (1+(mean-1)*1.5), then
	// Pearson r against each occupation's O*NET interest scores, as
	// (r+1)/2*100, highest first. Matches: 98.3, 98.1, 97.4, 97.2, 96.9.
	wantAll := []string{"19-4061.00", "19-3022.00", "15-2041.00", "15-2031.00", "15-2041.01"}
	// The same, only occupations of Job Zone 1 to 3: 94.8, 94.3, 92.8, 89.7, 88.2.
	wantZone3 := []string{"29-9021.00", "15-1211.00", "15-1254.00", "23-2011.00", "15-1299.08"}

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
		all.mustContain(t, "Your best-matching occupations", "Out of 923 occupations with an O*NET interest profile",
			"Social Science Research Assistants: 98%", "median pay", "growth 2024–34",
			"Backend Developer, Full-Stack Developer, Game Developer and Mobile Developer share one O*NET occupation, Software Developers, so one interest profile and one match",
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
		z.mustContain(t, "that need at most Job Zone 3 preparation")
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

func TestResultMoversSayWhichAnswerMovedWhat(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	// Each expectation was computed outside careerguide: the match with the
	// answers as given minus the match with that one answer made Neutral,
	// in percentage points; the three largest each way of at least 0.5. The
	// reason names the guide's O*NET score on the statement's type against
	// its six-score average when that alone explains the direction.
	type line struct{ answer, statement, verb, points, reason string }
	cases := []struct {
		name, slug string
		form       url.Values
		up, down   []line
	}{
		{"creative", "ux-designer", pattern(2, 3, 3, 2, 5, 3, 3, 2, 2, 2, 5, 3, 3, 3, 3),
			[]line{
				{"Strongly agree", "You enjoy creative work", "raised", "3.8", "scores high on Artistic"},
				{"Strongly agree", "You would rather invent your own approach", "raised", "3.8", "scores high on Artistic"},
				{"Disagree", "You like setting up, repairing or tinkering", "raised", "3.6", "scores low on Realistic"},
			},
			[]line{
				{"Disagree", "You enjoy building systems", "lowered", "4.2", "scores high on Investigative"},
				{"Disagree", "You keep going on a tricky problem", "lowered", "4.2", "scores high on Investigative"},
				{"Disagree", "You like keeping records", "lowered", "2.4", "scores high on Conventional"},
			}},
		{"hands-on", "systems-administrator", pattern(3, 3, 3, 5, 2, 3, 2, 3, 3, 5, 2, 3, 2, 3, 3),
			[]line{
				{"Disagree", "You enjoy creative work", "raised", "5.5", "scores low on Artistic"},
				{"Disagree", "You would rather invent your own approach", "raised", "5.5", "scores low on Artistic"},
			},
			// Systems administrators score Realistic above their average,
			// yet a Strongly agree overshoots it: no single score explains.
			[]line{
				{"Strongly agree", "You like setting up, repairing or tinkering", "lowered", "5.3", ""},
				{"Strongly agree", "You prefer hands-on tasks", "lowered", "5.3", ""},
				{"Disagree", "You like persuading people", "lowered", "0.7", ""},
			}},
		{"data", "data-engineer", pattern(5, 5, 5, 2, 2, 3, 2, 5, 5, 2, 2, 3, 2, 1, 3),
			[]line{
				{"Strongly agree", "You prefer working with data", "raised", "1.7", "scores high on Conventional"},
				{"Strongly agree", "You like keeping records", "raised", "1.7", "scores high on Conventional"},
				{"Strongly disagree", "You find detailed procedures and checklists tedious", "raised", "1.7", "scores high on Conventional"},
			},
			[]line{
				{"Disagree", "You like setting up, repairing or tinkering", "lowered", "0.7", ""},
				{"Disagree", "You prefer hands-on tasks", "lowered", "0.7", ""},
			}},
	}
	for _, c := range cases {
		p := b.get(b.takeTest(c.slug, c.form))
		p.mustContain(t, "Each line compares your match with what it would be had you answered Neutral to that one statement and kept every other answer. The difference is in match percentage points.")
		for _, side := range []struct {
			sel  string
			want []line
		}{{"#movers-up + ul > li", c.up}, {"#movers-down ~ ul > li", c.down}} {
			var got []string
			p.Doc.Find(side.sel).Each(func(_ int, s *goquery.Selection) { got = append(got, strings.Join(strings.Fields(s.Text()), " ")) })
			if len(got) != len(side.want) {
				t.Errorf("%s: %d lines under %s, want %d: %q", c.name, len(got), side.sel, len(side.want), got)
				continue
			}
			for i, w := range side.want {
				g := got[i]
				prefix := "Your " + w.answer + " with “" + w.statement
				middle := w.verb + " your match with "
				by := " by " + w.points + " points"
				if !strings.HasPrefix(g, prefix) || !strings.Contains(g, middle) || !strings.Contains(g, by) {
					t.Errorf("%s: line %d = %q, want %q … %q … %q", c.name, i, g, prefix, middle, by)
				}
				if w.reason != "" && !strings.Contains(g, "because ") || !strings.Contains(g, w.reason) {
					t.Errorf("%s: line %d = %q, want the reason %q", c.name, i, g, w.reason)
				}
				if w.reason == "" && !strings.Contains(g, "No single score") {
					t.Errorf("%s: line %d = %q, want no single-score reason", c.name, i, g)
				}
			}
		}
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
		{"all neutral", "0.00", pattern(3), true},
		// R 5.5, I 5.5, A 5.5, S 4.75, E 5, C 5: spread 0.75.
		{"nearly flat", "0.75", pattern(4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 4, 3, 3), false},
	} {
		p := b.get(b.takeTest("backend-developer", c.form))
		p.mustContain(t, "Your answers do not separate your interests",
			"Your six interest scores lie within "+c.spread+" points of each other, below the 1.5 points",
			"use the ends of the scale", "Take the test again")
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
		if c.neutral {
			p.mustContain(t, "You answered Neutral to every statement. No answer leaned either way, so none moved your match up or down.")
		} else {
			p.mustContain(t, "We show no answers as moving your match")
		}
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
	// Creative: R 2.5, I 3, A 7, S 4, E 4, C 3.5.
	second := b.takeTest("backend-developer", pattern(2, 3, 3, 2, 5, 3, 3, 2, 2, 2, 5, 3, 3, 3, 3))
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
			"Investigative": "7.00 3.00 −4.00 (more than usual)",
			"Enterprising":  "2.50 4.00 +1.50",
			"Conventional":  "5.50 3.50 −2.00 (more than usual)",
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
	acc.mustContain(t, "Backend Developer", "ASE", "ICS")
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
		{"hands-on infrastructure", pattern(3, 3, 5, 5, 1, 2, 3, 3, 5, 5, 1, 4, 3, 1, 3), "Systems Administrator: 96%"},
		{"visual and creative", pattern(2, 3, 1, 2, 5, 4, 3, 3, 1, 3, 5, 2, 3, 5, 3), "UX / Product Designer: 43%"},
		{"data and statistics", pattern(5, 5, 5, 1, 2, 3, 2, 5, 4, 1, 3, 3, 2, 2, 4), "Machine Learning Engineer: 93%"},
	} {
		p := b.get(b.takeTest("backend-developer", c.form))
		first := strings.Join(strings.Fields(p.Doc.Find("#guide-ranking > li").First().Text()), " ")
		if !strings.HasPrefix(first, c.first) {
			t.Errorf("%s: the first guide is %q, want %q", c.name, first, c.first)
		}
	}
}
