//go:build !race

package server_test

import (
	"strings"
	"testing"

	"careerguide/internal/browsertest"
)

// TestBrowserPlanAndSimulator: set a level, mark three skills, change the
// pace, open the simulator, change two assumptions, and reload the shared
// URL in a fresh browser to see the same path; at 390 and 1280 px.
func TestBrowserPlanAndSimulator(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	fresh := browsertest.New(t) // never has a session
	for _, width := range []int{390, 1280} {
		w := itoa(width)
		br := browsertest.New(t)
		tab := br.Tab(t, width, 900)
		tab.Open(app.URL + bd + "/path")
		tab.Click(`form[action$="/level"] input[value="junior"] ~ button`)
		if txt := tab.Text("p.next-time"); !strings.Contains(txt, "typically 1–3 years") {
			t.Fatalf("%s px: the path says %q", w, txt)
		}

		tab.Open(app.URL + bd + "/skills")
		before := tab.Text(".plan-progress strong")
		if !strings.HasPrefix(before, "0 of ") {
			t.Fatalf("%s px: fresh plan progress %q", w, before)
		}
		total := strings.TrimPrefix(before, "0 of ")
		tab.Click(`form[action$="/skills/cloud-and-containers/progress"] button[value="known"]`)
		tab.Click(`form[action$="/skills/security-fundamentals/progress"] button[value="learning"]`)
		tab.Click(`form[action$="/skills/a-backend-language/progress"] button[value="known"]`)
		if !strings.HasSuffix(tab.URL(), bd+"/skills") {
			t.Fatalf("%s px: after marking the browser is at %s", w, tab.URL())
		}
		if got := tab.Text(".plan-progress strong"); got != "1 of "+total {
			t.Fatalf("%s px: after three marks the plan says %q, want 1 of %s", w, got, total)
		}
		if n := tab.Count(`form.mark button[aria-pressed="true"]`); n < 3 {
			t.Fatalf("%s px: %d pressed mark buttons", w, n)
		}
		tab.Eval(`document.querySelector("#hours").value = "10"; true`, nil)
		tab.Click(`form.pace button[type=submit]`)
		if txt := tab.Text(".plan-progress"); !strings.Contains(txt, "at 10 hours a week") {
			t.Fatalf("%s px: after changing the pace: %q", w, txt)
		}
		check(t, tab, "skills page with a plan at "+w+" px")
		screenshot(t, tab, "plan-skills-"+w+".png")

		tab.Open(app.URL + "/plan")
		if txt := tab.Text("main"); !strings.Contains(txt, "1 of "+total) || !strings.Contains(txt, "at 10 hours a week") {
			t.Fatalf("%s px: /plan shows %q", w, txt)
		}
		check(t, tab, "plan page at "+w+" px")
		screenshot(t, tab, "plan-"+w+".png")

		tab.Open(app.URL + bd + "/salary")
		tab.Click(`a[href$="/salary/simulate"]`)
		tab.Eval(`document.querySelector("#years").value = "2"; document.querySelector("#raise").value = "5"; true`, nil)
		tab.Click(`form.sim button[type=submit]`)
		shared := tab.URL()
		if !strings.Contains(shared, "years=2") || !strings.Contains(shared, "raise=5") || !strings.Contains(shared, "start=junior") {
			t.Fatalf("%s px: the simulator's URL %s", w, shared)
		}
		var path string
		tab.Eval(`document.querySelector('[data-testid="simulated-path"]').getAttribute("d")`, &path)
		sum := tab.Text(".sim-total")
		if path == "" || !strings.Contains(sum, "$") {
			t.Fatalf("%s px: no simulated path (%q, %q)", w, path, sum)
		}
		check(t, tab, "simulator at "+w+" px")
		screenshot(t, tab, "simulate-"+w+".png")

		other := fresh.Tab(t, width, 900)
		other.Open(shared)
		var again string
		other.Eval(`document.querySelector('[data-testid="simulated-path"]').getAttribute("d")`, &again)
		if again != path || other.Text(".sim-total") != sum {
			t.Fatalf("%s px: the shared URL shows another path in a fresh browser:\n%s\n%s\n%q vs %q", w, path, again, other.Text(".sim-total"), sum)
		}
	}
}
