package components_test

import (
	"net/url"
	"testing"

	"careerguide/web/components"
	"careerguide/web/section"

	"github.com/PuerkitoBio/goquery"
)

func TestLevelPickerOneFormPerLevel(t *testing.T) {
	c := backend(t)
	const back = "/careers/backend-developer/salary"
	for _, compact := range []bool{false, true} {
		nav := components.CareerNav{Career: c, Section: section.Salary, Current: c.Level("senior"), Path: back}
		doc := render(t, components.LevelPicker(nav, compact))
		forms := doc.Find("section.picker form")
		if forms.Length() != len(c.Levels)+1 {
			t.Fatalf("compact=%v: %d forms, want one per level (%d) plus the clear form", compact, forms.Length(), len(c.Levels))
		}
		forms.Each(func(i int, f *goquery.Selection) {
			if m, a := attr(t, f, "method"), attr(t, f, "action"); m != "post" || a != "/careers/backend-developer/level" {
				t.Errorf("form %d: method=%q action=%q, want post to /careers/backend-developer/level", i, m, a)
			}
			level := f.Find(`input[type="hidden"][name="level"]`)
			next := f.Find(`input[type="hidden"][name="next"]`)
			if level.Length() != 1 || next.Length() != 1 {
				t.Fatalf("form %d: %d hidden level and %d hidden next fields, want one each", i, level.Length(), next.Length())
			}
			if got := attr(t, next, "value"); got != back {
				t.Errorf("form %d: next = %q, want %q", i, got, back)
			}
			button := f.Find(`button[type="submit"]`)
			if i == len(c.Levels) { // the clear form
				if got := attr(t, level, "value"); got != "" {
					t.Errorf("clear form sends level=%q, want empty", got)
				}
				if text(button) != "Clear my level" {
					t.Errorf("clear button = %q", text(button))
				}
				return
			}
			l := c.Levels[i]
			if got := attr(t, level, "value"); got != l.Key {
				t.Errorf("form %d: level = %q, want %q", i, got, l.Key)
			}
			label := l.Title
			if compact {
				label = l.Short
			}
			if text(button) != label {
				t.Errorf("form %d: button %q, want %q", i, text(button), label)
			}
			want := "false"
			if l.Key == "senior" {
				want = "true"
			}
			if got := attr(t, button, "aria-pressed"); got != want {
				t.Errorf("%s button: aria-pressed=%q, want %q", l.Key, got, want)
			}
		})
	}
}

func TestLevelPickerWithoutLevel(t *testing.T) {
	c := backend(t)
	doc := render(t, components.LevelPicker(components.CareerNav{Career: c, Path: "/careers/backend-developer"}, true))
	if n := doc.Find("section.picker form").Length(); n != len(c.Levels) {
		t.Errorf("%d forms, want one per level (%d) and no clear form", n, len(c.Levels))
	}
	if n := doc.Find(`button:contains("Clear my level")`).Length(); n != 0 {
		t.Error("\"Clear my level\" offered with no level set")
	}
	if n := doc.Find(`button[aria-pressed="true"]`).Length(); n != 0 {
		t.Errorf("%d levels pressed with no level set", n)
	}
	if got := text(doc.Find("#picker-heading")); got != "Where are you on this career path?" {
		t.Errorf("heading = %q", got)
	}
}

func TestLevelPickerNamesTheSetLevel(t *testing.T) {
	c := backend(t)
	doc := render(t, components.LevelPicker(components.CareerNav{Career: c, Current: c.Level("junior"), Path: "/"}, true))
	if got, want := text(doc.Find("#picker-heading")), "Your level: "+c.Level("junior").Title; got != want {
		t.Errorf("compact heading = %q, want %q", got, want)
	}
	if got := attr(t, doc.Find("section.picker"), "aria-labelledby"); got != "picker-heading" {
		t.Errorf("picker labelled by %q", got)
	}
}

func TestLevelPickerShowsError(t *testing.T) {
	c := backend(t)
	nav := components.CareerNav{Career: c, Path: "/careers/backend-developer/path", PickerError: "Please choose one of the levels shown."}
	for _, compact := range []bool{false, true} {
		doc := render(t, components.LevelPicker(nav, compact))
		alert := doc.Find(`section.picker [role="alert"]`)
		if got := texts(alert); len(got) != 1 || got[0] != nav.PickerError {
			t.Errorf("compact=%v: alerts %q, want the picker error once", compact, got)
		}
	}
	nav.PickerError = ""
	if n := render(t, components.LevelPicker(nav, false)).Find(`[role="alert"]`).Length(); n != 0 {
		t.Errorf("%d alerts without a picker error", n)
	}
}

func TestSectionNavLinksEverySectionInOrder(t *testing.T) {
	c := backend(t)
	sections := section.Nav()
	for cur, s := range sections {
		doc := render(t, components.SectionNav(components.CareerNav{Career: c, Section: s}))
		links := doc.Find(`nav.section-nav a`)
		if links.Length() != len(sections) {
			t.Fatalf("%d section links, want %d", links.Length(), len(sections))
		}
		links.Each(func(i int, a *goquery.Selection) {
			want := sections[i]
			if got := attr(t, a, "href"); got != section.URL(c.Slug, want) {
				t.Errorf("link %d goes to %q, want %q", i, got, section.URL(c.Slug, want))
			}
			if text(a) != want.Label() {
				t.Errorf("link %d reads %q, want %q", i, text(a), want.Label())
			}
			wantCurrent := "false"
			if i == cur {
				wantCurrent = "page"
			}
			if got := attr(t, a, "aria-current"); got != wantCurrent {
				t.Errorf("on %q, link %q: aria-current=%q, want %q", s.Label(), want.Label(), got, wantCurrent)
			}
		})
		crumbs := doc.Find(`nav[aria-label="Breadcrumb"] a`)
		if got := attr(t, crumbs.Last(), "href"); got != "/careers/backend-developer" || text(crumbs.Last()) != c.Name {
			t.Errorf("breadcrumb to the guide: %q %q", got, text(crumbs.Last()))
		}
	}
}

func TestSignUpForSalaryLinksReturnToThePage(t *testing.T) {
	for _, back := range []string{"/a?b=c&d", "/careers/backend-developer/salary", "/x y/ü#frag"} {
		doc := render(t, components.SignUpForSalary(back))
		for label, page := range map[string]string{"Create free account": "/signup", "Log in": "/login"} {
			a := doc.Find("section.cta a").FilterFunction(func(_ int, s *goquery.Selection) bool { return text(s) == label })
			if a.Length() != 1 {
				t.Fatalf("%d %q links, want 1", a.Length(), label)
			}
			u, err := url.Parse(attr(t, a, "href"))
			if err != nil {
				t.Fatalf("%q link: %v", label, err)
			}
			if u.Path != page || u.Query().Get("next") != back || u.Fragment != "" {
				t.Errorf("%q link %s: path %q next %q, want %s returning to %q", label, u, u.Path, u.Query().Get("next"), page, back)
			}
		}
	}
}
