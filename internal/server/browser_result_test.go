//go:build !race

package server_test

import (
	"strings"
	"testing"

	"careerguide/internal/browsertest"
)

// answerTest clicks one answer per statement of the open match test and
// submits it.
func answerTest(t *testing.T, tab *browsertest.Tab, vals []string) {
	t.Helper()
	for i, id := range quickIDs {
		tab.Choose(`input[name="` + id + `"][value="` + vals[i] + `"]`)
	}
	tab.Click(`form[action$="/quiz"] button[type=submit]`)
	if !strings.Contains(tab.URL(), "/results/") {
		t.Fatalf("after submitting the browser is at %s", tab.URL())
	}
}

// From a search to an occupation, its guide and the match test; the
// result, filtered by Job Zone; then the test again, and the comparison.
func TestBrowserSearchToResultAndRetake(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	for _, width := range []int{390, 1280} {
		w := itoa(width)
		br := browsertest.New(t) // a browser of its own: no result from the other width
		tab := br.Tab(t, width, 900)
		tab.Open(app.URL + "/occupations?q=web+developer")
		if first := tab.Text("table tbody tr td a"); first != "Web Developers" {
			t.Fatalf("%s px: first search result %q", w, first)
		}
		check(t, tab, "search at "+w+" px")
		tab.Click("table tbody tr td a")
		if h := tab.Text("h1"); h != "Web Developers" {
			t.Fatalf("%s px: occupation heading %q", w, h)
		}
		tab.Click(`.cta a[href="/careers/frontend-developer"]`)
		if h := tab.Text("h1"); !strings.Contains(h, "Frontend Developer") {
			t.Fatalf("%s px: guide heading %q", w, h)
		}
		tab.Click(`nav a[href="/careers/frontend-developer/quiz"]`)
		if h := tab.Text("h1"); h != "What careers fit me? The match test, from Frontend Developer" {
			t.Fatalf("%s px: test heading %q", w, h)
		}
		answerTest(t, tab, strings.Split("1 5 2 3 2 4 2 5 1 2 2 4 2 2 2", " ")) // dataMinded
		if h := tab.Text("h1"); h != "What fits you" {
			t.Fatalf("%s px: result heading %q", w, h)
		}
		if first := tab.Text("#occupation-ranking > li a"); first != "Social Science Research Assistants" {
			t.Errorf("%s px: best occupation %q", w, first)
		}
		if tab.Count("#previous") != 0 {
			t.Errorf("%s px: a first result shows a comparison", w)
		}
		check(t, tab, "result at "+w+" px")
		screenshot(t, tab, "result-ranking-"+w+".png")

		tab.Eval(`document.querySelector("#zone").value = "3"; true`, nil)
		tab.Click(`form.filters button[type=submit]`)
		if !strings.HasSuffix(tab.URL(), "?zone=3") {
			t.Fatalf("%s px: after filtering the browser is at %s", w, tab.URL())
		}
		if first := tab.Text("#occupation-ranking > li a"); first != "Computer Systems Analysts" {
			t.Errorf("%s px: best occupation up to Job Zone 3: %q", w, first)
		}
		if txt := strings.Join(strings.Fields(tab.Text("#top-occupations + p")), " "); !strings.Contains(txt, "in Job Zone 3") {
			t.Errorf("%s px: the filter is not said: %.200q", w, txt)
		}
		check(t, tab, "filtered result at "+w+" px")
		screenshot(t, tab, "result-zone3-"+w+".png")

		tab.Open(app.URL + "/careers/frontend-developer/quiz")
		answerTest(t, tab, strings.Split("2 2 5 3 4 2 2 2 5 3 4 2 2 5 4", " "))
		if tab.Count("#previous") != 1 {
			t.Fatalf("%s px: the retake shows no comparison", w)
		}
		if txt := tab.Text("#previous"); !strings.Contains(txt, "Investigative") || !strings.Contains(txt, "−4.50") || !strings.Contains(txt, "Your top 5 occupations changed") {
			t.Errorf("%s px: comparison says %.300q", w, txt)
		}
		check(t, tab, "retake at "+w+" px")
		screenshot(t, tab, "result-retake-"+w+".png")
	}
}
