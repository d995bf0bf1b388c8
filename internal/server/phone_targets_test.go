//go:build !race

package server_test

import (
	"fmt"
	"strings"
	"testing"

	"careerguide/internal/browsertest"
)

// smallTextScript lists the site menu, breadcrumb and section menu links
// and the chart labels that render under 12 px.
const smallTextScript = `Array.from(document.querySelectorAll(".site-nav a, .site-nav button, .breadcrumbs a, .section-nav a, svg.chart text")).
  filter((e) => e.getBoundingClientRect().width > 0).
  map((e) => {
    const scale = e instanceof SVGElement ? e.getScreenCTM().a : 1;
    return {Text: e.textContent.trim(), Px: parseFloat(getComputedStyle(e).fontSize) * scale};
  }).filter((l) => l.Px < 11.95)`

// tablesScript lists the tables wider than their scroll region.
const tablesScript = `Array.from(document.querySelectorAll(".table-scroll")).
  filter((d) => d.scrollWidth > d.clientWidth + 1).
  map((d) => (d.querySelector("caption") || d).textContent.trim().slice(0, 60) + " (" + d.scrollWidth + " > " + d.clientWidth + ")")`

// rangeLinesScript counts the lines of the tallest pay range in a table.
const rangeLinesScript = `Math.max(0, ...Array.from(document.querySelectorAll("td .range")).map((r) => {
  const text = document.createRange();
  text.selectNodeContents(r.closest("td"));
  return new Set(Array.from(text.getClientRects()).map((b) => Math.round(b.top))).size;
}))`

// menuRowsScript is how many items each row of the site menu holds.
const menuRowsScript = `Object.values(Array.from(document.querySelectorAll(".site-nav li")).reduce((rows, li) => {
  const top = Math.round(li.getBoundingClientRect().top);
  rows[top] = (rows[top] || 0) + 1;
  return rows;
}, {}))`

// On phones and a desktop, every kind of page whose menus, links and
// figures were made for fingers (Backend Developer's and three other
// guides'): every tap target at least 24 px (axe's target-size),
// menu and chart text at 12 px or more, pay ranges on at most two lines,
// the salary tables within their width at 390 px, and no menu row with
// one item alone.
func TestBrowserTapTargetsAndSmallText(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	br := browsertest.New(t)
	pages := []string{"/", "/?letter=S&sort=pay", bd, bd + "/salary", bd + "/skills", bd + "/skills/sql-and-postgresql",
		"/compare?a=backend-developer&b=engineering-manager", "/occupations?q=nurse", "/occupations/29-1141.01", "/results/library", "/login",
		bd + "/salary/simulate", "/match", "/how-the-test-works", "/plan",
		// Other guides' pages: longer names and other ladders.
		"/careers/machine-learning-engineer", "/careers/engineering-manager/salary", "/careers/ux-designer/skills"}
	shots := map[string]string{"/": "home", bd: "overview", bd + "/salary": "salary",
		"/compare?a=backend-developer&b=engineering-manager": "compare", "/occupations?q=nurse": "search"}
	tab := br.Tab(t, 320, 900)
	for _, path := range pages {
		atWidths(tab, app.URL+path, []int{320, 390, 1280}, func(width int) {
			what := fmt.Sprintf("%s at %d px", path, width)
			check(t, tab, what)
			var small []struct {
				Text string
				Px   float64
			}
			tab.Eval(smallTextScript, &small)
			for _, s := range small {
				t.Errorf("%s: %q renders at %.1f px, want 12 or more", what, s.Text, s.Px)
			}
			var lines int
			tab.Eval(rangeLinesScript, &lines)
			if lines > 2 {
				t.Errorf("%s: a pay range takes %d lines", what, lines)
			}
			var rows []int
			tab.Eval(menuRowsScript, &rows)
			if len(rows) > 1 && rows[len(rows)-1] == 1 {
				t.Errorf("%s: the site menu leaves one item alone on a row (%v)", what, rows)
			}
			if width >= 390 && path == bd+"/salary" {
				var wide []string
				tab.Eval(tablesScript, &wide)
				for _, w := range wide {
					t.Errorf("%s: table wider than its region: %s", what, w)
				}
			}
			if name, ok := shots[path]; ok {
				screenshot(t, tab, "targets-"+name+"-"+itoa(width)+".png")
			}
		})
	}

	// Signed in, the menu holds "Log out", a button.
	tab = br.Tab(t, 390, 900)
	tab.Open(app.URL + "/signup")
	tab.Eval(`document.querySelector("#email").value = "lovelace@example.com"; document.querySelector("#password").value = "correct horse battery"; true`, nil)
	tab.Click(`form[action="/signup"] button[type=submit]`)
	for _, width := range []int{320, 390, 1280} {
		tab := br.Tab(t, width, 900)
		tab.Open(app.URL + "/account")
		if !strings.Contains(tab.Text(".site-nav"), "Log out") {
			t.Fatalf("account at %d px: not signed in", width)
		}
		check(t, tab, fmt.Sprintf("/account at %d px", width))
		var height float64
		tab.Eval(`document.querySelector(".site-nav button").getBoundingClientRect().height`, &height)
		if height < 24 {
			t.Errorf("account at %d px: Log out is %.1f px tall", width, height)
		}
	}
}
