//go:build !race

package server_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"careerguide/internal/browsertest"
)

// screenshot saves the tab's whole page as .data/screenshots/name (a
// git-ignored folder) when SCREENSHOTS is set (make screenshots): pictures
// are for people to look at, no assertion reads them, so make test does
// not spend its time taking them.
func screenshot(t *testing.T, tab *browsertest.Tab, name string) {
	t.Helper()
	if os.Getenv("SCREENSHOTS") == "" {
		return
	}
	_, file, _, _ := runtime.Caller(0)
	tab.Screenshot(filepath.Join(filepath.Dir(file), "..", "..", ".data", "screenshots", name))
}

// atWidths loads pageURL once in tab at the first of widths (tabs here
// are 900 px tall) and calls fn at each width in turn, the page resized
// to it.
func atWidths(tab *browsertest.Tab, pageURL string, widths []int, fn func(width int)) {
	tab.Resize(widths[0], 900)
	tab.Open(pageURL)
	for _, width := range widths {
		tab.Resize(width, 900)
		fn(width)
	}
}

// check fails the test on console errors, CSP violations and serious or
// critical accessibility problems of the tab's current page.
func check(t *testing.T, tab *browsertest.Tab, what string) {
	t.Helper()
	if p := tab.Problems(); len(p) > 0 {
		t.Errorf("%s: browser problems: %q", what, p)
	}
	for _, v := range tab.Axe() {
		t.Errorf("%s: accessibility (%s) %s: %s at %v", what, v.Impact, v.ID, v.Help, v.Nodes)
	}
}

// The level picker: a level set with a click is marked on the other
// pages. (Every section at 390 and 1280 px: TestBrowserPhonesAndKeyboards.)
func TestBrowserLevelPicker(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	br := browsertest.New(t)

	// Set a level with a click, then see it on another page.
	tab := br.Tab(t, 1280, 900)
	tab.Open(app.URL + bd + "/path")
	tab.Click(`form[action$="/level"] input[value="senior"] ~ button`)
	if !strings.HasSuffix(tab.URL(), bd+"/path") {
		t.Fatalf("after choosing a level the browser is at %s", tab.URL())
	}
	if txt := tab.Text("ol.ladder li.here h2"); !strings.Contains(txt, "Senior Backend Developer") || !strings.Contains(txt, "You are here") {
		t.Fatalf("path page marks %q", txt)
	}
	tab.Open(app.URL + bd + "/skills")
	if txt := tab.Text("#plan-heading"); !strings.Contains(txt, "Senior Backend Developer → Staff Backend Developer") {
		t.Fatalf("skills page leads with %q", txt)
	}
	tab.Open(app.URL + bd)
	if txt := tab.Text("ol.ladder li.here"); !strings.Contains(txt, "You are here") {
		t.Fatalf("overview marks %q", txt)
	}
	check(t, tab, "overview with a level")
	screenshot(t, tab, "backend-developer-with-level-1280.png")
}

func TestBrowserMatchTest(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	br := browsertest.New(t)
	tab := br.Tab(t, 1280, 900)
	tab.Open(app.URL + bd + "/quiz")
	answerTest(t, tab, strings.Split("1 5 2 3 2 4 2 5 1 2 2 4 2 2 2", " ")) // dataMinded
	if h := tab.Text("h1"); h != "What fits you" {
		t.Fatalf("result heading %q", h)
	}
	if tab.Count("svg.chart rect") < 12 {
		t.Fatal("no score chart on the result page")
	}
	check(t, tab, "result page")
	screenshot(t, tab, "result-1280.png")

	tab.Open(app.URL + bd + "/results")
	if txt := tab.Text("main .lede"); !strings.Contains(txt, "1 result from 1 person has been stored") {
		t.Fatalf("Result Library says %q", txt)
	}
	check(t, tab, "Result Library")
}

// A submission with answers missing comes back with them listed and
// linked; after fixing it and seeing the result, Back returns to the test
// without asking to resend a form.
func TestBrowserMissingAnswersAndBack(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	br := browsertest.New(t)
	tab := br.Tab(t, 1280, 900)
	tab.Open(app.URL + bd + "/quiz")
	// Twelve answers first: the test comes back with the three missing
	// ones listed and linked, the twelve kept, from an address Back can
	// return to without resending a form.
	for i := 1; i <= 12; i++ {
		value := []string{"5", "4", "2", "5", "3"}[i%5]
		tab.Choose(`input[name="` + quickIDs[i-1] + `"][value="` + value + `"]`)
	}
	tab.Click(`form[action$="/quiz"] button[type=submit]`)
	returned := tab.URL()
	if !strings.Contains(returned, bd+"/quiz?answers=") {
		t.Fatalf("after a submission with answers missing the browser is at %s, want the form's GET address", returned)
	}
	if n := tab.Count(`#missing a[href="#r03-1"], #missing a[href="#a03-1"], #missing a[href="#e03-1"]`); n != 3 {
		t.Fatalf("the summary links %d of the 3 missing statements", n)
	}
	if n := tab.Count(`input[type="radio"]:checked`); n != 12 {
		t.Fatalf("%d answers kept, want 12", n)
	}
	// The 422 is the one problem the browser reports.
	for _, p := range tab.Problems() {
		if !strings.Contains(p, "status of 422") {
			t.Errorf("browser problem: %s", p)
		}
	}
	for _, v := range tab.Axe() {
		t.Errorf("accessibility (%s) %s: %s at %v", v.Impact, v.ID, v.Help, v.Nodes)
	}
	screenshot(t, tab, "quiz-missing-1280.png")
	tab.Click(`#missing a[href="#a03-1"]`)
	if !strings.HasSuffix(tab.URL(), "#a03-1") {
		t.Fatalf("the link to statement 14 leads to %s", tab.URL())
	}
	for i := 13; i <= 15; i++ {
		value := []string{"5", "4", "2", "5", "3"}[i%5]
		tab.Choose(`input[name="` + quickIDs[i-1] + `"][value="` + value + `"]`)
	}
	tab.Click(`form[action$="/quiz"] button[type=submit]`)
	if !strings.Contains(tab.URL(), "/results/") {
		t.Fatalf("after submitting the browser is at %s", tab.URL())
	}
	tab.Back()
	if got := tab.URL(); !strings.Contains(got, bd+"/quiz?answers=") || tab.Text("h1") != "What careers fit me? The match test, from Backend Developer" {
		t.Fatalf("Back from the result shows %s with heading %q (%.200s), want the test as it was", got, tab.Text("h1"), tab.Text("body"))
	}
}

func TestBrowserAccountKeepsTheLevel(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	br := browsertest.New(t)
	tab := br.Tab(t, 1280, 900)

	tab.Open(app.URL + "/signup")
	check(t, tab, "sign-up page")
	tab.Eval(`document.querySelector("#email").value = "hopper@example.com"; document.querySelector("#password").value = "correct horse battery"; true`, nil)
	tab.Click(`form[action="/signup"] button[type=submit]`)
	tab.Open(app.URL + bd + "/salary")
	if txt := tab.Text("main"); !strings.Contains(txt, "$77,000 – $110,000") || strings.Contains(txt, "Sign up for equity, bonus and top-market pay") {
		t.Fatal("a member does not see the detailed salary data")
	}
	tab.Open(app.URL + bd + "/path")
	tab.Click(`form[action$="/level"] input[value="staff"] ~ button`)
	tab.Open(app.URL + "/account")
	check(t, tab, "account page")
	tab.Click(`form[action="/logout"] button`)

	tab.Open(app.URL + bd + "/salary")
	if txt := tab.Text("main"); strings.Contains(txt, "$77,000 – $110,000") || !strings.Contains(txt, "Sign up for equity, bonus and top-market pay") || !strings.Contains(txt, "$133,080") {
		t.Fatal("after logout careerguide's detailed estimates are still shown, or the official median is not")
	}
	if tab.Count("li.here, tr.here") != 0 {
		t.Fatal("after logout the level is still marked")
	}

	tab.Open(app.URL + "/login")
	check(t, tab, "login page")
	tab.Eval(`document.querySelector("#email").value = "hopper@example.com"; document.querySelector("#password").value = "correct horse battery"; true`, nil)
	tab.Click(`form[action="/login"] button[type=submit]`)
	tab.Open(app.URL + bd + "/path")
	if txt := tab.Text("ol.ladder li.here h2"); !strings.Contains(txt, "Staff Backend Developer") {
		t.Fatalf("after login the path marks %q", txt)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestBrowserCatalogFilterCareerCompare(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	br := browsertest.New(t)
	tab := br.Tab(t, 1280, 900)
	tab.Open(app.URL + "/")
	check(t, tab, "home")
	tab.Eval(`document.querySelector("#letter").value = "A"; true`, nil)
	tab.Click(`#letter ~ p button[type=submit]`)
	if !strings.Contains(tab.URL(), "letter=A") {
		t.Fatalf("after choosing an interest the browser is at %s", tab.URL())
	}
	if n := tab.Count("ul.cards > li"); n != len(app.Catalog().Careers) {
		t.Fatalf("ordering by A lists %d careers", n)
	}
	first := tab.Text("ul.cards > li h3 a")
	if first != "Game Developer" && first != "UX / Product Designer" {
		t.Errorf("the career scoring highest on Artistic is %q", first)
	}
	check(t, tab, "home ordered by interest")
	screenshot(t, tab, "home-letter-A-1280.png")
	tab.Click("ul.cards > li h3 a")
	if h := tab.Text("h1"); h != first {
		t.Fatalf("clicked %q, landed on %q", first, h)
	}
	check(t, tab, "career overview")
	if tab.Count(`#related-careers ~ ul a[href^="/compare"]`) == 0 {
		t.Skip("only one career in the catalog: nothing to compare")
	}
	tab.Click(`#related-careers ~ ul a[href^="/compare"]`)
	if h := tab.Text("h1"); !strings.HasPrefix(h, first+" vs ") {
		t.Fatalf("compare page heading %q", h)
	}
	if tab.Count("table") < 3 {
		t.Fatal("the compare page has no ladder, work-life and profile tables")
	}
	check(t, tab, "compare")
	screenshot(t, tab, "compare-1280.png")

	// The compare picker at the foot of a career page.
	tab.Open(app.URL + bd + "/myths")
	tab.Eval(`document.querySelector("#compare-b").value = "frontend-developer"; true`, nil)
	tab.Click(`form[action="/compare"] button[type=submit]`)
	if h := tab.Text("h1"); h != "Backend Developer vs Frontend Developer" {
		t.Fatalf("the compare picker led to %q", h)
	}
}
