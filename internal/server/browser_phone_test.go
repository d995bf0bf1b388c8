//go:build !race

package server_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"careerguide/internal/browsertest"
	"careerguide/internal/testdb"
)

// chartLabelsScript measures every label of the charts the page shows: its
// rendered font size (the computed size times the SVG's scale on screen)
// and whether its box lies inside its chart's.
const chartLabelsScript = `Array.from(document.querySelectorAll("svg.chart")).
  filter((svg) => svg.getBoundingClientRect().width > 0).
  flatMap((svg) => {
    const box = svg.getBoundingClientRect();
    return Array.from(svg.querySelectorAll("text")).map((t) => {
      const r = t.getBoundingClientRect();
      return {
        Text: t.textContent.trim(),
        Px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
        Inside: r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1,
      };
    });
  })`

type chartLabel struct {
	Text   string
	Px     float64
	Inside bool
}

// rowsOf counts the distinct rows (tops) of the elements selector matches.
func rowsOf(tab *browsertest.Tab, selector string) int {
	var n int
	tab.Eval(fmt.Sprintf(`new Set(Array.from(document.querySelectorAll(%q)).map((e) => Math.round(e.getBoundingClientRect().top))).size`, selector), &n)
	return n
}

// Every kind of page at 320, 390 and 1280 px: no browser problem, no
// serious accessibility problem (axe, with target-size, at each width), no
// sideways scrolling of the page, one h1 on each guide page, the section
// tabs in at most two rows and each five-point answer scale in one; at 360
// px every chart label renders at 11 px or more, inside its chart.
func TestBrowserPhonesAndKeyboards(t *testing.T) {
	t.Parallel()
	app := newTestAppOn(t, testdb.URLWithContent(t), map[string]string{"TRUSTED_PROXIES": "127.0.0.1/32"})
	b := app.browser()
	var result string
	for i := 1; i <= 10; i++ { // ten networks (/24s): the Result Library shows its histogram
		p := b.postFrom(fmt.Sprintf("198.51.%d.7", i), bd+"/quiz", answers(5, 4, 2, 5, 3))
		result = p.Header.Get("Location")
	}
	if !strings.HasPrefix(result, "/results/") {
		t.Fatalf("quiz: %q", result)
	}
	pages := []string{"/", "/?letter=I&sort=pay", "/compare", "/compare?" + url.Values{"a": {"backend-developer"}, "b": {"data-engineer"}}.Encode(),
		bd, bd + "/path", bd + "/salary", bd + "/skills", bd + "/skills/sql-and-postgresql", bd + "/day", bd + "/myths",
		bd + "/work-life", bd + "/related", bd + "/quiz", "/match", bd + "/results", result, "/how-the-test-works", "/results/library", "/login", "/signup", "/no-such-page"}
	br := browsertest.New(t)

	// 900 px tall, as the other browser tests' tabs: a page they check
	// in the same state is then the same for axe, which checks it once
	// (no assertion here depends on the height). Each page is loaded once
	// and turned from 320 to 390 to 1280 px.
	tab := br.Tab(t, 320, 900)
	for _, path := range pages {
		atWidths(tab, app.URL+path, []int{320, 390, 1280}, func(width int) {
			what := fmt.Sprintf("%s at %d px", path, width)
			if path != "/no-such-page" { // the browser reports the 404 itself: that is the page's point
				if p := tab.Problems(); len(p) > 0 {
					t.Errorf("%s: browser problems: %q", what, p)
				}
			}
			// At every width: target-size depends on the layout.
			for _, v := range tab.Axe() {
				t.Errorf("%s: accessibility (%s) %s: %s at %v", what, v.Impact, v.ID, v.Help, v.Nodes)
			}
			if strings.HasPrefix(path, bd) && width != 320 {
				if n := tab.Count("h1"); n != 1 {
					t.Errorf("%s: %d h1", what, n)
				}
			}
			var overflow bool
			tab.Eval(`document.documentElement.scrollWidth > document.documentElement.clientWidth`, &overflow)
			if overflow {
				t.Errorf("%s: the page scrolls sideways", what)
			}
			if strings.HasPrefix(path, bd) && width < 1280 {
				if n := rowsOf(tab, ".section-nav li"); n > 2 {
					t.Errorf("%s: the section tabs take %d rows", what, n)
				}
			}
			if path == bd+"/quiz" {
				var rows []int
				tab.Eval(`Array.from(document.querySelectorAll(".scale")).map((s) =>
				  new Set(Array.from(s.querySelectorAll("label")).map((l) => Math.round(l.getBoundingClientRect().top))).size)`, &rows)
				for i, n := range rows {
					if n != 1 {
						t.Errorf("%s: answer scale %d takes %d rows", what, i+1, n)
					}
				}
				if len(rows) != 15 {
					t.Errorf("%s: %d answer scales", what, len(rows))
				}
			}
			if width == 390 {
				name := strings.NewReplacer("/", "-", "?", "-", "=", "-", "&", "-").Replace(strings.Trim(path, "/"))
				if strings.HasPrefix(path, "/results/") && path != "/results/library" {
					name = "result"
				}
				if name == "" {
					name = "home"
				}
				screenshot(t, tab, "phone-"+name+"-"+itoa(width)+".png")
			}
		})
	}

	// A scrolling table is a labelled region a keyboard can reach.
	tab = br.Tab(t, 320, 800)
	tab.Open(app.URL + bd + "/salary")
	var regions []struct{ Tab, Role, Label string }
	tab.Eval(`Array.from(document.querySelectorAll(".table-scroll")).map((d) =>
	  ({Tab: d.getAttribute("tabindex") || "", Role: d.getAttribute("role") || "", Label: d.getAttribute("aria-label") || ""}))`, &regions)
	if len(regions) < 2 {
		t.Fatalf("salary page: %d table regions", len(regions))
	}
	for _, r := range regions {
		if r.Tab != "0" || r.Role != "region" || r.Label == "" {
			t.Errorf("table region %+v: want tabindex 0, role region and a label", r)
		}
	}

	// Charts at 360 px: the narrow layouts, legible.
	tab = br.Tab(t, 360, 800)
	for _, path := range []string{bd + "/salary", bd + "/salary/simulate", result, bd + "/results"} {
		tab.Open(app.URL + path)
		var labels []chartLabel
		tab.Eval(chartLabelsScript, &labels)
		if len(labels) < 6 {
			t.Errorf("%s at 360 px: %d chart labels", path, len(labels))
		}
		smallest := 100.0
		for _, l := range labels {
			smallest = min(smallest, l.Px)
		}
		t.Logf("%s at 360 px: %d chart labels, the smallest at %.1f px", path, len(labels), smallest)
		for _, l := range labels {
			if l.Px < 11 {
				t.Errorf("%s at 360 px: chart label %q renders at %.1f px, want 11 or more", path, l.Text, l.Px)
			}
			if !l.Inside {
				t.Errorf("%s at 360 px: chart label %q sticks out of its chart", path, l.Text)
			}
		}
		if path == bd+"/salary" {
			screenshot(t, tab, "phone-salary-360.png")
		}
	}
	// And at 1280 px, the wide layouts.
	tab = br.Tab(t, 1280, 900)
	for _, path := range []string{bd + "/salary", bd + "/salary/simulate", result, bd + "/results"} {
		tab.Open(app.URL + path)
		var labels []chartLabel
		tab.Eval(chartLabelsScript, &labels)
		for _, l := range labels {
			if l.Px < 11 || !l.Inside {
				t.Errorf("%s at 1280 px: chart label %q at %.1f px, inside %v", path, l.Text, l.Px, l.Inside)
			}
		}
	}

	// Printed, the reading list shows where each link goes.
	tab.Open(app.URL + bd + "/related")
	tab.EmulateMedia("print")
	var after []string
	tab.Eval(`Array.from(document.querySelectorAll("ul.reading a")).map((a) => getComputedStyle(a, "::after").content)`, &after)
	if len(after) == 0 {
		t.Fatal("no reading list on the related page")
	}
	for _, a := range after {
		if !strings.Contains(a, "https://") {
			t.Errorf("a printed reading-list link shows %s after it, want its URL", a)
		}
	}
	tab.EmulateMedia("")
	tab.EmulateMedia("")
	var onScreen string
	tab.Eval(`getComputedStyle(document.querySelector("ul.reading a"), "::after").content`, &onScreen)
	if strings.Contains(onScreen, "https://") {
		t.Errorf("on screen the reading list shows its URLs: %s", onScreen)
	}

	// Last, as the browser keeps the session for its other tabs: the
	// signed-in pages, the account and the salary page with its official
	// percentiles.
	tab = br.Tab(t, 320, 800)
	tab.Open(app.URL + "/signup")
	tab.Eval(`document.querySelector("#email").value = "hamilton@example.com"; document.querySelector("#password").value = "correct horse battery"; true`, nil)
	tab.Click(`form[action="/signup"] button[type=submit]`)
	for _, width := range []int{320, 390, 1280} {
		tab := br.Tab(t, width, 900)
		for _, path := range []string{"/account", bd + "/salary"} {
			tab.Open(app.URL + path)
			if tab.Count(`form[action="/logout"]`) != 1 {
				t.Fatalf("%s at %d px: not signed in", path, width)
			}
			check(t, tab, fmt.Sprintf("%s signed in at %d px", path, width))
		}
	}
}
