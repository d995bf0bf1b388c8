//go:build !race

package server_test

import (
	"strings"
	"testing"

	"careerguide/internal/browsertest"
)

// From the home page's search box to an occupation and on to its guide, at
// a phone's and a desktop's width.
func TestBrowserSearchOccupationGuide(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	br := browsertest.New(t)
	for _, width := range []int{390, 1280} {
		w := itoa(width)
		tab := br.Tab(t, width, 900)
		tab.Open(app.URL + "/")
		tab.Eval(`document.querySelector("#finder-q").value = "web developer"; true`, nil)
		tab.Click(`form[action="/occupations"] button[type=submit]`)
		if !strings.Contains(tab.URL(), "/occupations?q=web+developer") {
			t.Fatalf("%s px: after searching the browser is at %s", w, tab.URL())
		}
		check(t, tab, "search results at "+w+" px")
		screenshot(t, tab, "occupations-search-"+w+".png")
		if first := tab.Text("table tbody tr td a"); first != "Web Developers" {
			t.Fatalf("%s px: first result %q", w, first)
		}
		tab.Click("table tbody tr td a")
		if h := tab.Text("h1"); h != "Web Developers" {
			t.Fatalf("%s px: occupation page heading %q", w, h)
		}
		if tab.Count("svg.chart rect") < 5 {
			t.Errorf("%s px: no pay or interest chart", w)
		}
		check(t, tab, "occupation page at "+w+" px")
		screenshot(t, tab, "occupation-15-1254-"+w+".png")
		tab.Click(`.cta a[href="/careers/frontend-developer"]`)
		if h := tab.Text("h1"); !strings.Contains(h, "Frontend Developer") {
			t.Fatalf("%s px: guide heading %q", w, h)
		}
		check(t, tab, "guide at "+w+" px")

		tab.Open(app.URL + "/occupations?letter=I&zone=4&sort=pay&page=2")
		check(t, tab, "filtered list at "+w+" px")
		screenshot(t, tab, "occupations-filtered-"+w+".png")
		tab.Open(app.URL + "/occupations/29-1141.03")
		check(t, tab, "shared SOC code at "+w+" px")
		screenshot(t, tab, "occupation-29-1141-03-"+w+".png")
		tab.Open(app.URL + "/")
		screenshot(t, tab, "home-finder-"+w+".png")
	}
}
