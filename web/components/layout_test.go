package components_test

import (
	"testing"

	"careerguide/web/components"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"
)

func TestLayoutTitleAndDescription(t *testing.T) {
	doc := render(t, components.Layout(components.Chrome{Title: "Backend Developer salary", Description: "What each level pays.", CSS: "/static/site.css", Path: "/"}),
		templ.Raw(`<p id="page-body">page body</p>`))
	if got, want := text(doc.Find("head title")), "Backend Developer salary · careerguide"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	desc := doc.Find(`head meta[name="description"]`)
	if desc.Length() != 1 {
		t.Fatalf("%d meta descriptions, want 1", desc.Length())
	}
	if got := attr(t, desc, "content"); got != "What each level pays." {
		t.Errorf("meta description = %q", got)
	}
	if got := attr(t, doc.Find(`head link[rel="stylesheet"]`), "href"); got != "/static/site.css" {
		t.Errorf("stylesheet = %q, want the Chrome's CSS", got)
	}
	if doc.Find("main#main #page-body").Length() != 1 {
		t.Error("the page's content is not inside <main id=main>")
	}

	doc = render(t, components.Layout(components.Chrome{Title: "Careers", Path: "/"}))
	if n := doc.Find(`meta[name="description"]`).Length(); n != 0 {
		t.Errorf("empty description rendered %d meta description tags, want none", n)
	}
}

func TestLayoutSkipLinkLeadsToMain(t *testing.T) {
	doc := render(t, components.Layout(components.Chrome{Title: "t", Path: "/"}))
	first := doc.Find("body a").First()
	if got := attr(t, first, "href"); got != "#main" {
		t.Fatalf("first link of the page goes to %q, want the skip link to #main", got)
	}
	if text(first) != "Skip to content" {
		t.Errorf("skip link text = %q", text(first))
	}
	if m := doc.Find("#main"); m.Length() != 1 || goquery.NodeName(m) != "main" {
		t.Errorf("the skip link's target #main is not the one <main> element")
	}
}

func TestLayoutHeaderSignedIn(t *testing.T) {
	doc := render(t, components.Layout(components.Chrome{Title: "t", Path: "/", SignedIn: true}))
	nav := doc.Find(`header nav[aria-label="Site"]`)
	if got := texts(nav.Find(`a[href="/account"]`)); len(got) != 1 || got[0] != "Account" {
		t.Errorf("account link = %q, want one link \"Account\"", got)
	}
	form := nav.Find("form")
	if form.Length() != 1 {
		t.Fatalf("%d forms in the header, want the log-out form", form.Length())
	}
	if m, a := attr(t, form, "method"), attr(t, form, "action"); m != "post" || a != "/logout" {
		t.Errorf("log-out form: method=%q action=%q, want post to /logout", m, a)
	}
	if got := text(form.Find(`button[type="submit"]`)); got != "Log out" {
		t.Errorf("log-out button = %q", got)
	}
	if n := nav.Find(`a[href="/login"], a[href="/signup"]`).Length(); n != 0 {
		t.Errorf("signed-in header still shows %d log-in/sign-up links", n)
	}
}

func TestLayoutHeaderSignedOut(t *testing.T) {
	doc := render(t, components.Layout(components.Chrome{Title: "t", Path: "/"}))
	nav := doc.Find(`header nav[aria-label="Site"]`)
	if got := texts(nav.Find(`a[href="/login"]`)); len(got) != 1 || got[0] != "Log in" {
		t.Errorf("log-in link = %q", got)
	}
	if got := texts(nav.Find(`a[href="/signup"]`)); len(got) != 1 || got[0] != "Sign up" {
		t.Errorf("sign-up link = %q", got)
	}
	if n := nav.Find(`a[href="/account"], form`).Length(); n != 0 {
		t.Errorf("signed-out header shows %d account links or log-out forms", n)
	}
}

func TestLayoutMarksCurrentNavLink(t *testing.T) {
	for _, tc := range []struct {
		path     string
		signedIn bool
		current  string // href of the link marked current, "" for none
	}{
		{"/", false, "/"},
		{"/login", false, "/login"},
		{"/signup", false, "/signup"},
		{"/account", true, "/account"},
		{"/", true, "/"},
		{"/careers/backend-developer", false, ""},
		{"/account", false, ""}, // no account link when signed out
	} {
		doc := render(t, components.Layout(components.Chrome{Title: "t", Path: tc.path, SignedIn: tc.signedIn}))
		links := doc.Find(`nav[aria-label="Site"] a`)
		var marked []string
		links.Each(func(_ int, a *goquery.Selection) {
			switch v := attr(t, a, "aria-current"); v {
			case "page":
				marked = append(marked, attr(t, a, "href"))
			case "false":
			default:
				t.Errorf("%s: aria-current=%q", tc.path, v)
			}
		})
		want := []string{}
		if tc.current != "" {
			want = []string{tc.current}
		}
		if len(marked) != len(want) || (len(want) == 1 && marked[0] != want[0]) {
			t.Errorf("path %s (signed in %v): links marked current %q, want %q", tc.path, tc.signedIn, marked, want)
		}
	}
}
