package server_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"careerguide/internal/testdb"
	"careerguide/web/section"
)

// copyPages is one page of every kind the site serves, with every section
// and every skill of every guide, and a spread of occupation pages: those
// whose wages are shared by several O*NET occupations, those without
// interests, wages or a projection.
func copyPages(t *testing.T, app *testApp, result string) []string {
	t.Helper()
	cat := app.Catalog()
	pages := []string{"/", "/?letter=S&sort=pay", "/?letter=A", "/?letter=I&sort=pay", "/?sort=pay",
		"/compare", "/compare?a=backend-developer&b=engineering-manager", "/compare?a=ux-designer&b=data-engineer",
		"/occupations", "/occupations?q=nurse", "/occupations?q=software", "/occupations?q=zzzzqqq",
		"/occupations?letter=E", "/occupations?sort=pay", "/how-the-test-works", "/results/library",
		result, "/login", "/signup", "/no-such-page", "/careers/no-such-guide", "/occupations/99-9999.99"}
	for _, c := range cat.Careers {
		for _, s := range section.Nav() {
			pages = append(pages, section.URL(c.Slug, s))
		}
		pages = append(pages, section.URL(c.Slug, section.Salary)+"/simulate")
		for _, sk := range c.Skills {
			pages = append(pages, section.SkillURL(c.Slug, sk.Slug))
		}
	}
	socs := map[string]int{}
	for _, o := range cat.Occupations {
		socs[o.SOC]++
	}
	for i, o := range cat.Occupations {
		if i%10 == 0 || socs[o.SOC] > 1 || o.Interests == nil || o.Wages == nil || o.Projection == nil || o.JobZone == 0 {
			pages = append(pages, "/occupations/"+o.Code)
		}
	}
	return pages
}

// Every kind of page reads as an editor left it: no doubled word, no space
// before punctuation, "an" before a vowel sound, counts agreeing with their
// nouns, American spelling.
func TestCrawlCopyOnEveryKindOfPage(t *testing.T) {
	t.Parallel()
	app := newTestAppOn(t, testdb.URLWithContent(t), map[string]string{"TRUSTED_PROXIES": "127.0.0.1/32"})
	b := app.browser()
	result := b.postFrom("192.0.2.1", bd+"/quiz", answers(5, 4, 2, 5, 3)).Header.Get("Location")
	if !strings.HasPrefix(result, "/results/") {
		t.Fatalf("quiz: no result (%q)", result)
	}
	pages := copyPages(t, app, result)

	// The pages of a person with a level set and an account: the plan, the
	// account, the guide sections that show the level.
	member := app.browser()
	member.signUp("copy@example.com")
	member.post(bd+"/level", url.Values{"level": {"senior"}})
	memberPages := []string{"/account", section.PlanURL, bd, bd + "/path", bd + "/salary", bd + "/skills", bd + "/skills/sql-and-postgresql", "/compare?a=backend-developer&b=frontend-developer"}

	checked := 0
	seen := map[string]bool{}
	for _, run := range []struct {
		who   string
		b     *browser
		pages []string
	}{{"anonymous", b, pages}, {"member", member, memberPages}} {
		for _, path := range run.pages {
			p := run.b.get(path)
			if p.Status != http.StatusOK && p.Status != http.StatusNotFound {
				t.Errorf("%s %s: status %d", run.who, path, p.Status)
				continue
			}
			checked++
			// A line read on an earlier page (the menus, the footer, the
			// shared notes) is not read again: its problems were reported
			// with the first page that showed it.
			for _, line := range copyLines(visibleText(p.Doc)) {
				if !seen[line] {
					seen[line] = true
					for _, problem := range lineProblems(line) {
						t.Errorf("%s (%s): %s", path, run.who, problem)
					}
				}
			}
			// The title and description are read in search results.
			head := p.Doc.Find("title").Text() + "\n" + p.Doc.Find(`meta[name="description"]`).AttrOr("content", "")
			for _, problem := range copyProblems(head) {
				t.Errorf("%s (%s) head: %s", path, run.who, problem)
			}
		}
	}
	t.Logf("%d pages read, %d distinct lines", checked, len(seen))
}

// The checker finds each kind of slip, and lets the right forms pass.
func TestCopyProblemsFindsEachKindOfSlip(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text string
		want string // the kind reported, "" for none
	}{
		{"Good fit fit", "doubled word"},
		{"Estimate estimate: the ladder", "doubled word"},
		{"Estimate. Estimated: observability skill", "doubled label"},
		{"estimate careerguide's estimate: this guide's ladder", "doubled label"},
		{"A day in the life of a Engineering Manager", "a before a vowel sound"},
		{"a SRE on call", "a before a vowel sound"},
		{"1 results", "count and noun disagree"},
		{"2 occupation", "count and noun disagree"},
		{"1,200 result", "count and noun disagree"},
		{"Acute Care Nurses , Clinical Nurse Specialists .", "space before punctuation"},
		{"the scores ; the codes", "space before punctuation"},
		{"Wind Energy Engineers,Solar Energy Engineers", "no space after punctuation"},
		{"in the organisation", "British spelling"},
		{"Behaviour of the team", "British spelling"},
		{"data modelling", "British spelling"},
		{"we analyse it", "British spelling"},
		{"Analyse the data-set", "British spelling"},
		{"licences, degrees and experience", "British spelling"},

		{"A day in the life of an Engineering Manager", ""},
		{"a user, a one-off, a unique role, a UX designer, a URL, an SRE, a SQL query", ""},
		{"1 result, 2 results, 1 person, 2 people, 0 results, 1.5 years, 12 years", ""},
		{"Built on .NET with :root variables", ""},
		{"the organization behaves; analysis of the emphasis", ""},
		{"Analytical or scientific software (2): Analyse-it, Statistical software", ""},
		{"Holland code A: the highest", ""},
		{"1,000 results; $125,000 – $155,000; a,b", ""},
		{"that that guide uses", ""},
		{"fit\nfit", ""},
	} {
		got := copyProblems(tc.text)
		if tc.want == "" {
			if len(got) != 0 {
				t.Errorf("%q: %q, want no problem", tc.text, got)
			}
			continue
		}
		if !slices.ContainsFunc(got, func(p string) bool { return strings.HasPrefix(p, tc.want) }) {
			t.Errorf("%q: %q, want %s", tc.text, got, tc.want)
		}
	}
}
