package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"careerguide/web/components"

	"github.com/PuerkitoBio/goquery"
)

const bd = "/careers/backend-developer"

func TestEverySectionShowsItsFacts(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	b.signUp("facts@example.com") // members see the detailed salary data
	css := b.get(b.get("/").Doc.Find(`link[rel="stylesheet"]`).AttrOr("href", ""))
	tests := []struct {
		path string
		want []string
		// selector that must match at least min times
		sel string
		min int
	}{
		{bd, []string{"5 levels", "$220K top base salary", "12+ years to the top level", "$133.1K official median pay",
			"Estimate. Top base salary and years to the top level are careerguide’s estimates", "Take the career match test"}, "nav.section-nav a", 10},
		{bd + "/path", []string{"Junior Backend Developer", "Backend Developer", "Senior Backend Developer", "Staff Backend Developer",
			"Backend Director / VP Engineering", "$70,000 – $95,000", "$77,000 – $110,000", "$90,000 – $130,000", "0–2 years", "12+ years",
			"REST API for a task-management app", "Where are you on this career path?", "Estimate."}, "ol.ladder > li", 5},
		{bd + "/salary", []string{"Salary growth by level", "Conservative", "Aggressive", "$133,080", "$79,850", "$211,450",
			"50th (median)", "10th", "90th", "+16%", "2024-34", "percentiles of everyone employed", "Bureau of Labor Statistics"}, "svg.chart title", 2},
		{bd + "/skills", []string{"Set your current level first", "All skills by level", "Salary boost"}, "ul.cards > li", 10},
		{bd + "/day", []string{"A junior’s day", "For Junior Backend Developer and Backend Developer.", "A senior’s day",
			"For Senior Backend Developer and Staff Backend Developer.", "9:00"}, "ol.schedule > li", 16},
		{bd + "/myths", []string{"computer science degree", "Reality:"}, "ol.myths > li", 6},
		{bd + "/work-life", []string{"Stress", "Flexibility", "Burnout risk", "Remote work", "On-call",
			"Estimate. Judged by careerguide from after-hours work"}, ".meter", 3},
		{bd + "/related", []string{"Holland code IC", "Investigative", "Conventional", "15-1252", "Related reading", "O*NET"}, "tbody tr", 6},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			p := b.get(tt.path)
			if p.Status != http.StatusOK {
				t.Fatalf("status %d", p.Status)
			}
			p.mustContain(t, tt.want...)
			if n := p.Doc.Find("h1").Length(); n != 1 {
				t.Errorf("%d h1 elements, want 1", n)
			}
			if n := p.Doc.Find(tt.sel).Length(); n < tt.min {
				t.Errorf("%q matches %d, want at least %d", tt.sel, n, tt.min)
			}
			if p.Doc.Find("main").Length() != 1 || p.Doc.Find("header").Length() == 0 || p.Doc.Find("footer").Length() == 0 {
				t.Error("missing landmarks")
			}
			if size := len(p.Body) + len(css.Body); size > 100<<10 {
				t.Errorf("HTML+CSS is %d bytes, over 100 KB", size)
			}
			// Every form control has a label (hidden inputs and buttons excepted).
			p.Doc.Find("input:not([type=hidden]), select, textarea").Each(func(_ int, s *goquery.Selection) {
				id, _ := s.Attr("id")
				if id == "" || p.Doc.Find(`label[for="`+id+`"]`).Length() == 0 {
					if s.ParentsFiltered("label").Length() == 0 {
						t.Errorf("unlabelled control %v", s.Nodes[0].Attr)
					}
				}
			})
		})
	}
	if b.get(bd+"/salary").Doc.Find("svg.chart desc").Length() < 2 {
		t.Error("charts need a <desc>")
	}
}

func TestSkillPages(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	c, _ := app.Catalog().Career("backend-developer")
	for _, sk := range c.Skills {
		p := b.get(bd + "/skills/" + sk.Slug)
		if p.Status != http.StatusOK {
			t.Fatalf("%s: %d", sk.Slug, p.Status)
		}
		p.mustContain(t, sk.Name, "How to learn it", "Free learning resources", sk.Boost.Text)
		if n := p.Doc.Find(`main a[href^="http"]`).Length(); n < 2 {
			t.Errorf("%s links %d free resources, want 2+", sk.Slug, n)
		}
	}
	if p := b.get(bd + "/skills/juggling"); p.Status != http.StatusNotFound {
		t.Fatalf("unknown skill: %d", p.Status)
	}
}

func TestSettingALevelPersonalisesEveryPage(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()

	if p := b.get(bd); strings.Contains(p.text(), "You are here") {
		t.Fatal("a fresh visitor has a level")
	}
	p := b.post(bd+"/level", url.Values{"level": {"senior"}, "next": {bd + "/salary"}})
	if p.Status != http.StatusSeeOther || p.Header.Get("Location") != bd+"/salary" {
		t.Fatalf("POST level: %d Location %q", p.Status, p.Header.Get("Location"))
	}

	ov := b.get(bd)
	ov.mustContain(t, "You are here", "You are a Senior Backend Developer", "Staff Backend Developer, pays $155,000 – $200,000", "$30,000")
	if here := ov.Doc.Find("ol.ladder li.here").Text(); !strings.Contains(here, "Senior Backend Developer") {
		t.Fatalf("overview marks %q as here", here)
	}
	path := b.get(bd + "/path")
	if here := path.Doc.Find("ol.ladder li.here h2").Text(); !strings.Contains(here, "Senior Backend Developer") || !strings.Contains(here, "You are here") {
		t.Fatalf("path marks %q", here)
	}
	if pressed := path.Doc.Find(`button[aria-pressed="true"]`).Text(); !strings.Contains(pressed, "Senior Backend Developer") {
		t.Fatalf("picker presses %q", pressed)
	}
	skills := b.get(bd + "/skills")
	skills.mustContain(t, "Your learning plan: Senior Backend Developer → Staff Backend Developer")
	if strings.Contains(skills.text(), "Set your current level first") {
		t.Fatal("skills page still asks for a level")
	}
	c, _ := app.Catalog().Career("backend-developer")
	for _, sk := range c.SkillsAt("staff") {
		skills.mustContain(t, sk.Name)
	}
	for _, section := range []string{"/salary", "/day"} {
		if p := b.get(bd + section); !strings.Contains(p.text(), "You are here") && !strings.Contains(p.text(), "Your level: Senior Backend Developer") {
			t.Errorf("%s does not show the level", section)
		}
	}
	// Myths and work-life are the same at every level: no level picker.
	for _, section := range []string{"/myths", "/work-life"} {
		p := b.get(bd + section)
		if n := p.Doc.Find(`form[action$="/level"]`).Length(); n != 0 || strings.Contains(p.text(), "Your level") {
			t.Errorf("%s shows a level picker (%d forms), where the level changes nothing", section, n)
		}
	}

	// An unknown level: 422 with a message, and the session keeps "senior".
	bad := b.post(bd+"/level", url.Values{"level": {"wizard"}, "next": {bd}})
	if bad.Status != http.StatusUnprocessableEntity {
		t.Fatalf("unknown level: %d", bad.Status)
	}
	bad.mustContain(t, "There is no level called “wizard”")
	if here := b.get(bd + "/path").Doc.Find("ol.ladder li.here h2").Text(); !strings.Contains(here, "Senior") {
		t.Fatalf("after the rejected level the path marks %q", here)
	}

	// GET never changes state.
	if g := b.get(bd + "/level?level=junior"); g.Status != http.StatusMethodNotAllowed {
		t.Fatalf("GET /level: %d, want 405", g.Status)
	}
	if here := b.get(bd + "/path").Doc.Find("ol.ladder li.here h2").Text(); !strings.Contains(here, "Senior") {
		t.Fatalf("after a GET the path marks %q", here)
	}

	// Undo: clear the level; an off-site next goes to the path page instead.
	clr := b.post(bd+"/level", url.Values{"level": {""}, "next": {"//evil.example/x"}})
	if clr.Status != http.StatusSeeOther || clr.Header.Get("Location") != bd+"/path" {
		t.Fatalf("clear: %d Location %q", clr.Status, clr.Header.Get("Location"))
	}
	if p := b.get(bd + "/skills"); !strings.Contains(p.text(), "Set your current level first") {
		t.Fatal("after clearing, the skills page should ask for a level again")
	}

	// Another visitor is not affected.
	if p := app.browser().get(bd + "/path"); p.Doc.Find("li.here").Length() != 0 {
		t.Fatal("a second visitor sees the first one's level")
	}
}

func TestLevelFormRejectsBadForms(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	if p := b.post(bd+"/level", url.Values{"level": {"senior"}, "evil": {"1"}}); p.Status != http.StatusBadRequest {
		t.Errorf("extra field: %d, want 400", p.Status)
	}
	if p := b.post(bd+"/level", url.Values{"level": {"senior", "junior"}}); p.Status != http.StatusBadRequest {
		t.Errorf("duplicate field: %d, want 400", p.Status)
	}
	if p := b.post(bd+"/level", url.Values{"level": {strings.Repeat("x", 70<<10)}}); p.Status != http.StatusRequestEntityTooLarge {
		t.Errorf("70 KiB body: %d, want 413", p.Status)
	}
	if p := b.post("/careers/nope/level", url.Values{"level": {"senior"}}); p.Status != http.StatusNotFound {
		t.Errorf("unknown career: %d, want 404", p.Status)
	}
	if p := b.get(bd + "/path"); p.Doc.Find("li.here").Length() != 0 {
		t.Error("a rejected form changed the level")
	}

}

// careerguide's own detailed estimates are for members, with the reason
// said; the official BLS figures are public.
func TestOfficialFiguresArePublicOwnEstimatesForMembers(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	anon := app.browser()
	for _, path := range []string{bd + "/path", bd + "/salary"} {
		p := anon.get(path)
		p.mustContain(t, "Sign up for equity, bonus and top-market pay", "$70,000 – $95,000", "careerguide’s own estimates, not published statistics")
		for _, hidden := range []string{"$77,000 – $110,000", "$90,000 – $130,000"} {
			if strings.Contains(p.text(), hidden) {
				t.Errorf("%s shows %s to a visitor who is not signed in", path, hidden)
			}
		}
	}
	salary := anon.get(bd + "/salary")
	salary.mustContain(t, "Official figures: Software developers (SOC 15-1252)", "$79,850", "$133,080", "$211,450", "50th (median)",
		"Projected employment growth 2024-34: +16%", "U.S. Bureau of Labor Statistics", "May 2024 wages")
	for _, c := range app.Catalog().Careers {
		p := anon.get("/careers/" + c.Slug + "/salary")
		for _, pc := range c.Market.Percentiles {
			p.mustContain(t, components.Money(pc.Annual))
		}
		p.mustContain(t, c.Market.Source.Name, c.Market.Source.Date)
	}
	member := app.browser()
	member.signUp("member@example.com")
	p := member.get(bd + "/salary")
	p.mustContain(t, "$77,000 – $110,000", "$90,000 – $130,000", "$133,080", "50th (median)")
	if strings.Contains(p.text(), "Sign up for equity, bonus and top-market pay") {
		t.Error("a member is asked to sign up")
	}
}

// Every career of the catalog passes the checks Backend Developer passes:
// each section renders with the career's own facts.
func TestCrawlEveryCareerRendersItsFacts(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	b.signUp("all-careers@example.com")
	for _, c := range app.Catalog().Careers {
		base := "/careers/" + c.Slug
		for _, section := range []string{"", "/path", "/salary", "/skills", "/day", "/myths", "/work-life", "/related", "/quiz", "/results"} {
			p := b.get(base + section)
			if p.Status != http.StatusOK || p.Doc.Find("h1").Length() != 1 {
				t.Fatalf("%s%s: %d, %d h1", base, section, p.Status, p.Doc.Find("h1").Length())
			}
			p.mustContain(t, c.Name)
		}
		path := b.get(base + "/path")
		for _, l := range c.Levels {
			path.mustContain(t, l.Title, components.RangeText(l.Base), components.RangeText(l.WithEquity), l.Examples[0])
		}
		salary := b.get(base + "/salary")
		for _, pc := range c.Market.Percentiles {
			salary.mustContain(t, components.Money(pc.Annual))
		}
		salary.mustContain(t, c.Market.Source.Name)
		for _, sk := range c.Skills {
			if p := b.get(base + "/skills/" + sk.Slug); p.Status != http.StatusOK {
				t.Errorf("%s skill %s: %d", c.Slug, sk.Slug, p.Status)
			}
		}
		b.get(base+"/related").mustContain(t, "Holland code "+c.HollandCode, c.ONetCode)
		if len(c.Myths) < 6 || len(c.Levels) != 5 || len(c.Day.Junior) < 8 || len(c.Day.Senior) < 8 {
			t.Errorf("%s: %d myths, %d levels, %d/%d schedule entries", c.Slug, len(c.Myths), len(c.Levels), len(c.Day.Junior), len(c.Day.Senior))
		}
	}
}
