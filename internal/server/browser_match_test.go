//go:build !race

package server_test

import (
	"strings"
	"testing"

	"careerguide/internal/browsertest"
	"careerguide/internal/browsertest/htmlcheck"
)

// answerByType answers every statement of the open form through the
// browser with the value for its type (its name's first letter: a
// Realistic-first, then Investigative person), then submits it.
func answerByType(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	var names []string
	tab.Eval(`Array.from(new Set([...document.querySelectorAll('form[method=post] input[type=radio]')].map(e => e.name)))`, &names)
	if len(names) != 15 {
		t.Fatalf("%d statements on the form, want 15", len(names))
	}
	vals := map[byte]string{'r': "5", 'i': "4", 'a': "2", 's': "2", 'e': "1", 'c': "3"}
	for _, n := range names {
		tab.Choose(`input[name="` + n + `"][value="` + vals[n[0]] + `"]`)
	}
	tab.Click(`form[method=post] button[type=submit]`)
	if !strings.Contains(tab.URL(), "/results/") || strings.Contains(tab.URL(), "/refine") {
		t.Fatalf("after submitting the browser is at %s", tab.URL())
	}
}

// Home -> /match -> result -> Sharpen x3 -> result, at phone and desktop
// widths, each page checked with axe and the HTML checker.
func TestBrowserMatchAndSharpen(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	html := map[string][]byte{}
	b := app.browser()
	for _, width := range []int{390, 1280} {
		w := itoa(width)
		br := browsertest.New(t)
		tab := br.Tab(t, width, 900)
		tab.Open(app.URL + "/")
		tab.Click(`#match-cta a[href="/match"]`)
		if h := tab.Text("h1"); h != "What careers fit me?" {
			t.Fatalf("%s px: test heading %q", w, h)
		}
		check(t, tab, "/match at "+w+" px")
		screenshot(t, tab, "match-"+w+".png")
		answerByType(t, tab)
		check(t, tab, "quick result at "+w+" px")
		screenshot(t, tab, "match-result-15-"+w+".png")
		first := tab.Text("#stability")
		if !strings.Contains(first, "of these 15 statements") {
			t.Fatalf("%s px: stability %q", w, first)
		}
		html["/match"] = []byte(b.get("/match").Body)
		html[tab.URL()] = []byte(b.get(strings.TrimPrefix(tab.URL(), app.URL)).Body)
		for round := 1; round <= 3; round++ {
			tab.Click(`#sharpen a`)
			if h := tab.Text("h1"); !strings.HasPrefix(h, "Sharpen your result: round "+itoa(round)) {
				t.Fatalf("%s px: round %d heading %q", w, round, h)
			}
			if round == 1 {
				check(t, tab, "Sharpen round 1 at "+w+" px")
				screenshot(t, tab, "match-sharpen-"+w+".png")
				html[tab.URL()] = []byte(b.get(strings.TrimPrefix(tab.URL(), app.URL)).Body)
			}
			answerByType(t, tab)
		}
		txt := tab.Text("#stability")
		if !strings.Contains(txt, "of these 60 statements") || tab.Count("#sharpen") != 0 {
			t.Fatalf("%s px: after three rounds: %q", w, txt)
		}
		if tab.Count("#occupation-ranking > li") == 0 || !strings.Contains(tab.Text("#occupation-ranking"), "Best fit") {
			t.Errorf("%s px: no banded ranking after 60 statements", w)
		}
		check(t, tab, "60-statement result at "+w+" px")
		screenshot(t, tab, "match-result-60-"+w+".png")
		html[tab.URL()] = []byte(b.get(strings.TrimPrefix(tab.URL(), app.URL)).Body)
	}
	for _, e := range htmlcheck.CheckHTML(t, html) {
		t.Errorf("vnu: %s", e)
	}
}
