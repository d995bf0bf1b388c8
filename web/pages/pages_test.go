package pages_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"careerguide/web/components"
	"careerguide/web/pages"
	"careerguide/web/section"
)

// nextPaths are where log-in and sign-up links must bring a person back to.
var nextPaths = []string{"/a?b=c&d", "/careers/backend-developer/salary", "/x y/ü#frag"}

// checkReturnLink fails unless href is page with next as its only query
// parameter.
func checkReturnLink(t *testing.T, label, href, page, next string) {
	t.Helper()
	u, err := url.Parse(href)
	if err != nil {
		t.Fatalf("%q link %q: %v", label, href, err)
	}
	if u.Path != page || u.Query().Get("next") != next || len(u.Query()) != 1 || u.Fragment != "" {
		t.Errorf("%q link %q: want %s with next=%q", label, href, page, next)
	}
}

func TestAuthPagesLinkToEachOtherKeepingNext(t *testing.T) {
	for _, next := range nextPaths {
		for _, signUp := range []bool{true, false} {
			doc := render(t, pages.Auth(pages.AuthPage{
				Chrome: components.Chrome{Title: "Log in"}, SignUp: signUp, Next: next,
				Email: components.Field{ID: "email", Name: "email", Label: "Email", Type: "email"},
				Pass:  components.Field{ID: "password", Name: "password", Label: "Password", Type: "password"},
			}))
			form := doc.Find("main form")
			action := "/login"
			if signUp {
				action = "/signup"
			}
			if m, a := attr(t, form, "method"), attr(t, form, "action"); m != "post" || a != action {
				t.Errorf("form: method=%q action=%q, want post to %s", m, a, action)
			}
			if got := attr(t, form.Find(`input[type="hidden"][name="next"]`), "value"); got != next {
				t.Errorf("hidden next = %q, want %q", got, next)
			}
			if signUp {
				checkReturnLink(t, "Log in", attr(t, link(t, doc.Find("main"), "Log in"), "href"), "/login", next)
			} else {
				checkReturnLink(t, "Create a free account", attr(t, link(t, doc.Find("main"), "Create a free account"), "href"), "/signup", next)
			}
		}
	}
}

func TestSignedOutCareerPagesOfferAccountsReturningHere(t *testing.T) {
	for _, next := range nextPaths {
		nav := backendNav(t, next, "")
		chrome := components.Chrome{Title: "Backend Developer", Path: next}
		main := render(t, pages.Path(pages.PathPage{Chrome: chrome, Nav: nav})).Find("main")
		checkReturnLink(t, "Create free account", attr(t, link(t, main, "Create free account"), "href"), "/signup", next)
		checkReturnLink(t, "Log in", attr(t, link(t, main, "Log in"), "href"), "/login", next)

		c := nav.Career
		main = render(t, pages.Salary(pages.SalaryPage{Chrome: chrome, Nav: nav,
			Bands: components.NewBandChart(c, ""), Projection: components.NewProjectionChart(c)})).Find("main")
		checkReturnLink(t, "Create free account", attr(t, link(t, main, "Create free account"), "href"), "/signup", next)
		checkReturnLink(t, "Log in", attr(t, link(t, main, "Log in"), "href"), "/login", next)
	}
}

func TestSignedInCareerPagesShowMemberPay(t *testing.T) {
	nav := backendNav(t, "/careers/backend-developer/path", "")
	chrome := components.Chrome{Title: "Backend Developer", Path: nav.Path, SignedIn: true}
	doc := render(t, pages.Path(pages.PathPage{Chrome: chrome, Nav: nav}))
	if n := doc.Find(`main a[href^="/signup"], main a[href^="/login"]`).Length(); n != 0 {
		t.Errorf("signed-in path page still offers %d sign-up or log-in links", n)
	}
	junior := doc.Find("#level-junior")
	if got, want := text(junior), components.RangeText(nav.Career.Levels[0].WithEquity); !strings.Contains(got, want) {
		t.Errorf("members do not see the junior pay with equity %q", want)
	}
}

func TestOverviewShowsCareerAndLadder(t *testing.T) {
	nav := backendNav(t, "/careers/backend-developer", "mid")
	c := nav.Career
	doc := render(t, pages.Overview(pages.OverviewPage{Chrome: components.Chrome{Title: c.Name, Description: c.Summary, Path: nav.Path},
		Nav: nav, Next: c.Next(nav.Current)}))
	if got := text(doc.Find("title")); got != "Backend Developer · careerguide" {
		t.Errorf("title %q", got)
	}
	if got := texts(doc.Find("main h1")); len(got) != 1 || got[0] != "Backend Developer" {
		t.Errorf("h1 %q, want the career's name", got)
	}
	rungs := doc.Find("ol.ladder > li")
	if rungs.Length() != len(c.Levels) || len(c.Levels) < 2 {
		t.Fatalf("%d rungs on the ladder, want one per level (%d)", rungs.Length(), len(c.Levels))
	}
	for i, l := range c.Levels {
		rung := rungs.Eq(i)
		title := strings.TrimSuffix(text(rung.Find("h3")), " You are here")
		if title != l.Title {
			t.Errorf("rung %d is %q, want %q", i+1, title, l.Title)
		}
		if got := text(rung.Find("p")); !strings.Contains(got, components.RangeText(l.Base)) || !strings.Contains(got, components.Years(l)) {
			t.Errorf("rung %s: %q lacks its base pay %q and years %q", l.Key, got, components.RangeText(l.Base), components.Years(l))
		}
		if here := rung.HasClass("here") && rung.Find(".badge").Length() == 1; here != (l.Key == "mid") {
			t.Errorf("rung %s marked as the person's level: %v", l.Key, here)
		}
	}
	next := c.Level("senior")
	cta := text(doc.Find("main > .wrap > p.cta"))
	if !strings.Contains(cta, next.Title) || !strings.Contains(cta, components.RangeText(next.Base)) {
		t.Errorf("next-level note %q does not name %q and its pay", cta, next.Title)
	}
	want := []string{components.Itoa(len(c.Levels)), components.MoneyShort(c.TopPay()), components.Itoa(c.YearsToTop()) + "+", components.MoneyShort(c.MedianPay())}
	if got := texts(doc.Find(`ul.figures strong`)); !slices.Equal(got, want) {
		t.Errorf("headline figures %q, want %q", got, want)
	}
}

func TestOverviewAtTheTop(t *testing.T) {
	nav := backendNav(t, "/careers/backend-developer", "")
	top := &nav.Career.Levels[len(nav.Career.Levels)-1]
	nav.Current = top
	doc := render(t, pages.Overview(pages.OverviewPage{Chrome: components.Chrome{Title: "t"}, Nav: nav, Next: nav.Career.Next(top)}))
	if got := text(doc.Find("main > .wrap > p.cta")); got != "You are at the top of this ladder: "+top.Title+"." {
		t.Errorf("top-level note %q", got)
	}
}

func TestErrorPageShowsStatus(t *testing.T) {
	doc := render(t, pages.Error(pages.ErrorPage{Chrome: components.Chrome{Title: "Page not found", Path: "/nope"},
		Status: 404, Heading: "Page not found", Message: "We could not find that page."}))
	if got := text(doc.Find("title")); got != "Page not found · careerguide" {
		t.Errorf("title %q", got)
	}
	main := doc.Find("main")
	if got := texts(main.Find("h1")); len(got) != 1 || got[0] != "Page not found" {
		t.Errorf("h1 %q", got)
	}
	if got := text(main.Find("p.lede")); got != "We could not find that page." {
		t.Errorf("message %q", got)
	}
	if !strings.Contains(text(main), "Error 404") {
		t.Error("the status code is not shown")
	}
	if got := attr(t, link(t, main, "Browse careers"), "href"); got != "/" {
		t.Errorf("way back goes to %q", got)
	}
}

func TestSectionPagesMarkTheirSection(t *testing.T) {
	nav := backendNav(t, "/careers/backend-developer/salary", "")
	nav.Section = section.Salary
	c := nav.Career
	doc := render(t, pages.Salary(pages.SalaryPage{Chrome: components.Chrome{Title: "t"}, Nav: nav,
		Bands: components.NewBandChart(c, ""), Projection: components.NewProjectionChart(c)}))
	if got := texts(doc.Find(`nav.section-nav a[aria-current="page"]`)); len(got) != 1 || got[0] != "Salary" {
		t.Errorf("current section %q, want Salary", got)
	}
}
