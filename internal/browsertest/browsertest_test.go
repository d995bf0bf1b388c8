package browsertest_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"careerguide/internal/browsertest"
)

// csp is the policy of the site: no inline script or style, no eval.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'"

// newServer serves the pages with the policy of the site. A path that is not
// in pages is not found.
func newServer(t *testing.T, pages map[string]http.HandlerFunc) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	for pattern, h := range pages {
		mux.HandleFunc(pattern, h)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// html answers with a page.
func html(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(body))
	}
}

// static answers with a file of the content type.
func static(contentType string, body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write(body)
	}
}

const startPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Start - careerguide</title>
<link rel="stylesheet" href="/site.css">
</head>
<body>
<header><p>careerguide</p></header>
<main>
<h1>Tell us your name</h1>
<form method="post" action="/next">
<label for="name">Name</label>
<input id="name" name="name" type="text" value="Ada" autocomplete="given-name">
<button type="submit">Continue</button>
</form>
</main>
</body>
</html>`

const donePage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Done - careerguide</title>
<link rel="stylesheet" href="/site.css">
</head>
<body>
<main>
<h1>All done</h1>
<p>Thank you.</p>
</main>
</body>
</html>`

func TestCleanPage(t *testing.T) {
	t.Parallel()
	srv := newServer(t, map[string]http.HandlerFunc{
		"GET /{$}":      html(startPage),
		"GET /done":     html(donePage),
		"GET /site.css": static("text/css", []byte("body { font-family: sans-serif; margin: 2rem; }\n")),
		"POST /next": func(w http.ResponseWriter, r *http.Request) {
			if r.FormValue("name") != "Ada" {
				http.Error(w, "bad name", http.StatusBadRequest)
				return
			}
			http.Redirect(w, r, "/done", http.StatusSeeOther)
		},
	})

	b := browsertest.New(t)
	tab := b.Tab(t, 1024, 768)
	tab.Open(srv.URL + "/")
	if got, want := tab.Text("h1"), "Tell us your name"; got != want {
		t.Errorf(`Text("h1") = %q, want %q`, got, want)
	}
	if got := tab.Count("input"); got != 1 {
		t.Errorf(`Count("input") = %d, want 1`, got)
	}
	if v := tab.Axe(); len(v) > 0 {
		t.Errorf("Axe() on the start page = %+v, want none", v)
	}

	tab.Click(`button[type="submit"]`)
	if got := tab.URL(); !strings.HasSuffix(got, "/done") {
		t.Errorf("URL() = %q, want a URL that ends with /done", got)
	}
	if got, want := tab.Text("h1"), "All done"; got != want {
		t.Errorf(`Text("h1") = %q, want %q`, got, want)
	}
	if got := tab.Text("#missing"); got != "" {
		t.Errorf(`Text("#missing") = %q, want ""`, got)
	}
	if v := tab.Axe(); len(v) > 0 {
		t.Errorf("Axe() on the done page = %+v, want none", v)
	}
	// After Axe, so that the injection of axe-core is checked too.
	if p := tab.Problems(); len(p) > 0 {
		t.Errorf("Problems() = %q, want none", p)
	}

	var title string
	tab.Eval(`document.title`, &title)
	if title != "Done - careerguide" {
		t.Errorf("Eval(document.title) = %q", title)
	}

	path := filepath.Join(t.TempDir(), "shots", "done.png")
	tab.Screenshot(path)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) == 0 || !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("the screenshot is not a PNG (%d bytes)", len(data))
	}
}

func TestCSPViolation(t *testing.T) {
	t.Parallel()
	srv := newServer(t, map[string]http.HandlerFunc{
		"GET /{$}": html(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Inline</title></head>
<body>
<main>
<h1>Inline</h1>
<p style="color: red">Red text</p>
<script>document.title = "changed";</script>
</main>
</body>
</html>`),
	})

	b := browsertest.New(t)
	tab := b.Tab(t, 800, 600)
	tab.Open(srv.URL + "/")

	var title string
	tab.Eval(`document.title`, &title)
	if title != "Inline" {
		t.Errorf("the inline script ran: the title is %q", title)
	}
	problems := tab.Problems()
	for _, directive := range []string{"script-src", "style-src"} {
		if !slices.ContainsFunc(problems, func(p string) bool {
			return strings.HasPrefix(p, "CSP violation:") && strings.Contains(p, directive)
		}) {
			t.Errorf("Problems() has no CSP violation of %s: %q", directive, problems)
		}
	}
	t.Logf("Problems():\n  %s", strings.Join(problems, "\n  "))
}

func TestAxeViolations(t *testing.T) {
	t.Parallel()
	srv := newServer(t, map[string]http.HandlerFunc{
		"GET /pixel.png": static("image/png", pixelPNG(t)),
		"GET /{$}": html(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Broken</title></head>
<body>
<main>
<h1>Broken</h1>
<img src="/pixel.png" width="20" height="20">
<form action="/search"><input type="text" name="q"></form>
</main>
</body>
</html>`),
	})

	b := browsertest.New(t)
	tab := b.Tab(t, 800, 600)
	tab.Open(srv.URL + "/")
	violations := tab.Axe()
	t.Logf("Axe() = %+v", violations)

	byID := map[string]browsertest.AxeViolation{}
	for _, v := range violations {
		byID[v.ID] = v
		if v.Impact != "serious" && v.Impact != "critical" {
			t.Errorf("Axe() returned %s with the impact %q", v.ID, v.Impact)
		}
	}
	if v, ok := byID["image-alt"]; !ok {
		t.Errorf("Axe() has no image-alt violation")
	} else if v.Impact != "critical" || !slices.Contains(v.Nodes, "img") || v.Help == "" {
		t.Errorf("image-alt = %+v, want a critical violation on img with help", v)
	}
	if v, ok := byID["label"]; !ok {
		t.Errorf("Axe() has no label violation")
	} else if len(v.Nodes) != 1 || !strings.Contains(v.Nodes[0], "input") {
		t.Errorf("label = %+v, want one node, the input", v)
	}
	// Rules that can report nothing serious are not run (region,
	// landmarks, heading order: moderate at most); the serious ones and
	// target-size are.
	var rules map[string]struct {
		Enabled bool `json:"enabled"`
	}
	tab.Eval(`axeRules()`, &rules)
	off := 0
	for _, r := range rules {
		if !r.Enabled {
			off++
		}
	}
	_, regionOff := rules["region"]
	_, headingOff := rules["heading-order"]
	_, contrastOff := rules["color-contrast"]
	if !regionOff || !headingOff || !rules["target-size"].Enabled || contrastOff || off < 20 {
		t.Errorf("axe rules %v: want region, heading-order and 20 or more others off, target-size on, color-contrast as axe has it", rules)
	}
	if p := tab.Problems(); len(p) > 0 {
		t.Errorf("Problems() = %q, want none", p)
	}
}

func TestConsoleError(t *testing.T) {
	t.Parallel()
	srv := newServer(t, map[string]http.HandlerFunc{
		"GET /app.js":   static("text/javascript", []byte(`console.log("fine"); console.error("boom");`+"\n")),
		"GET /throw.js": static("text/javascript", []byte(`throw new Error("kaboom");`+"\n")),
		"GET /{$}": html(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Console</title>
<script src="/app.js"></script>
<script src="/throw.js"></script>
</head>
<body><main><h1>Console</h1></main></body>
</html>`),
	})

	b := browsertest.New(t)
	tab := b.Tab(t, 800, 600)
	tab.Open(srv.URL + "/")
	problems := tab.Problems()
	t.Logf("Problems():\n  %s", strings.Join(problems, "\n  "))
	has := func(s string) bool {
		return slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, s) })
	}
	if !has("boom") {
		t.Errorf("Problems() has no console error boom: %q", problems)
	}
	if !has("kaboom") {
		t.Errorf("Problems() has no uncaught exception kaboom: %q", problems)
	}
	if has("fine") {
		t.Errorf("Problems() has the console.log message: %q", problems)
	}
}

// TestClickWithoutNavigation checks that Click returns for a click that
// changes the page with a script, and for a link to a fragment.
func TestClickWithoutNavigation(t *testing.T) {
	t.Parallel()
	srv := newServer(t, map[string]http.HandlerFunc{
		"GET /click.js": static("text/javascript", []byte(`document.addEventListener("DOMContentLoaded", () => {
  document.querySelector("#more").addEventListener("click", () => {
    document.querySelector("#out").textContent = "clicked";
  });
});
`)),
		"GET /{$}": html(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Click</title><script src="/click.js"></script></head>
<body><main><h1>Click</h1>
<button id="more" type="button">More</button>
<p id="out">not yet</p>
<a id="jump" href="#end">Jump</a>
<a id="page2" href="/two">Page two</a>
<p id="end">The end</p>
</main></body>
</html>`),
		"GET /two": html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Two</title></head>
<body><main><h1>Page two</h1></main></body></html>`),
	})

	b := browsertest.New(t)
	tab := b.Tab(t, 800, 600)
	tab.Open(srv.URL + "/")
	tab.Click("#more")
	if got := tab.Text("#out"); got != "clicked" {
		t.Errorf(`after the click, Text("#out") = %q, want "clicked"`, got)
	}
	tab.Click("#jump")
	if got := tab.URL(); !strings.HasSuffix(got, "/#end") {
		t.Errorf("after the fragment link, URL() = %q", got)
	}
	tab.Click("#page2")
	if got := tab.Text("h1"); got != "Page two" {
		t.Errorf(`after the link, Text("h1") = %q, want "Page two"`, got)
	}

	// A second tab of the same browser.
	tab2 := b.Tab(t, 375, 667)
	tab2.Open(srv.URL + "/two")
	var width int
	tab2.Eval(`window.innerWidth`, &width)
	if width != 375 {
		t.Errorf("the viewport of the second tab is %d pixels wide, want 375", width)
	}
	for _, tb := range []*browsertest.Tab{tab, tab2} {
		if p := tb.Problems(); len(p) > 0 {
			t.Errorf("Problems() = %q, want none", p)
		}
	}
}

// TestChoose checks that Choose picks a radio button of a group, the form
// sends it, and a later Choose in the group replaces it.
func TestChoose(t *testing.T) {
	t.Parallel()
	srv := newServer(t, map[string]http.HandlerFunc{
		"GET /{$}": html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Choose</title></head>
<body><main><h1>Choose</h1>
<form method="post" action="/sent">
<fieldset><legend>How much?</legend>
<label><input type="radio" name="q" value="1"> Little</label>
<label><input type="radio" name="q" value="2"> Some</label>
<label><input type="radio" name="q" value="3"> Much</label>
</fieldset>
<button type="submit">Send</button>
</form></main></body></html>`),
		"POST /sent": func(w http.ResponseWriter, r *http.Request) {
			html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sent</title></head>
<body><main><h1>`+r.PostFormValue("q")+`</h1></main></body></html>`)(w, r)
		},
	})
	tab := browsertest.New(t).Tab(t, 800, 600)
	tab.Open(srv.URL + "/")
	tab.Choose(`input[name="q"][value="1"]`)
	tab.Choose(`input[name="q"][value="3"]`)
	if n := tab.Count(`input[name="q"]:checked`); n != 1 {
		t.Fatalf("%d answers checked, want 1", n)
	}
	tab.Click(`button[type=submit]`)
	if got := tab.Text("h1"); got != "3" {
		t.Errorf("the form sent %q, want 3", got)
	}
}

// TestAxeRunsOncePerPageState checks that Axe answers a page it has checked
// in the same state from that check, with its violations, and runs
// axe-core again when the viewport, the markup or a form control differ.
// It is not parallel, so that no other test's checks count.
func TestAxeRunsOncePerPageState(t *testing.T) {
	page := `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Once</title></head>
<body><main><h1>Once</h1><img src="/pixel.png">
<form><label><input type="checkbox" name="x"> X</label></form></main></body></html>`
	srv := newServer(t, map[string]http.HandlerFunc{
		"GET /{$}":       html(page),
		"GET /other":     html(strings.Replace(page, "<h1>Once</h1>", "<h1>Other</h1>", 1)),
		"GET /pixel.png": static("image/png", pixelPNG(t)),
	})
	b := browsertest.New(t)
	runs0, reused0 := browsertest.AxeRuns()
	step := func(what string, wantRuns, wantReused int) {
		t.Helper()
		runs, reused := browsertest.AxeRuns()
		if runs-runs0 != wantRuns || reused-reused0 != wantReused {
			t.Errorf("%s: axe-core ran %d times and answered %d from a check, want %d and %d", what, runs-runs0, reused-reused0, wantRuns, wantReused)
		}
	}
	imageAlt := func(tab *browsertest.Tab, what string) {
		t.Helper()
		if v := tab.Axe(); !slices.ContainsFunc(v, func(v browsertest.AxeViolation) bool { return v.ID == "image-alt" }) {
			t.Errorf("%s: violations %+v, want image-alt", what, v)
		}
	}
	tab := b.Tab(t, 800, 600)
	tab.Open(srv.URL + "/")
	imageAlt(tab, "first check")
	step("first check", 1, 0)
	tab2 := b.Tab(t, 800, 600)
	tab2.Open(srv.URL + "/")
	imageAlt(tab2, "the same page in another tab")
	step("the same page in another tab", 1, 1)
	tab3 := b.Tab(t, 400, 600)
	tab3.Open(srv.URL + "/")
	imageAlt(tab3, "another width")
	step("another width", 2, 1)
	tab.Choose(`input[name="x"]`)
	imageAlt(tab, "a checked box")
	step("a checked box", 3, 1)
	tab2.Open(srv.URL + "/other")
	imageAlt(tab2, "other markup")
	step("other markup", 4, 1)
}

// pixelPNG returns a small PNG image.
func pixelPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.RGBA{R: 200, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Resize lays the loaded page out again for the new width, without loading
// it again, and axe-core checks it at the width it now has: a tap target
// of 16 px passes on the desktop layout and fails on the phone one.
func TestResize(t *testing.T) {
	t.Parallel()
	var loads atomic.Int32
	srv := newServer(t, map[string]http.HandlerFunc{
		"GET /{$}": func(w http.ResponseWriter, r *http.Request) {
			loads.Add(1)
			html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sizes</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/site.css"></head>
<body><main><h1>Sizes</h1><p class="wide">Wide</p><p><a href="/a">A</a><a href="/b">B</a></p></main></body></html>`)(w, r)
		},
		"GET /site.css": static("text/css", []byte(".wide { display: none; } a { display: inline-block; padding: 8px; }\n"+
			"@media (max-width: 500px) { a { padding: 0; width: 16px; height: 16px; } }\n"+
			"@media (min-width: 900px) { .wide { display: block; } }\n")),
	})
	tab := browsertest.New(t).Tab(t, 1280, 800)
	tab.Open(srv.URL + "/")
	visible := func() (shown bool) {
		tab.Eval(`getComputedStyle(document.querySelector(".wide")).display !== "none"`, &shown)
		return shown
	}
	if !visible() || len(tab.Axe()) != 0 {
		t.Fatalf("at 1280 px: .wide shown %v, axe %+v; want shown and no violation", visible(), tab.Axe())
	}
	tab.Resize(320, 800)
	var width int
	tab.Eval(`innerWidth`, &width)
	if width != 320 || visible() {
		t.Errorf("after Resize(320, 800): innerWidth %d, .wide shown %v; want 320 and hidden", width, visible())
	}
	if v := tab.Axe(); len(v) != 1 || v[0].ID != "target-size" {
		t.Errorf("at 320 px axe found %+v, want the 16 px tap targets (target-size)", v)
	}
	tab.Resize(1280, 800)
	if !visible() || loads.Load() != 1 {
		t.Errorf("back at 1280 px: .wide shown %v after %d loads; want shown after 1", visible(), loads.Load())
	}
}

// A link whose navigation starts later than navigationGrace after the
// click (as on a machine too busy to start it sooner; here a click handler
// starts it 700 ms late), and a form sent to a page that takes 1 s:
// Click waits for the new document, as a person waits after tapping.
func TestClickWaitsForASlowPage(t *testing.T) {
	t.Parallel()
	page := func(h1, body string) http.HandlerFunc {
		return html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>` + h1 + `</title></head><body><main><h1>` + h1 + `</h1>` + body + `</main></body></html>`)
	}
	slow := func(h http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(time.Second)
			h(w, r)
		}
	}
	srv := newServer(t, map[string]http.HandlerFunc{
		"GET /{$}": page("Start", `<p><a href="/slow">Slow page</a></p><script src="/busy.js"></script>`),
		"GET /busy.js": static("text/javascript", []byte(`document.querySelector("a").addEventListener("click", (e) => {
  e.preventDefault();
  setTimeout(() => { location.href = e.target.href; }, 700);
});`)),
		"GET /slow":  slow(page("Slow", `<form method="post" action="/sent"><button type="submit">Send</button></form>`)),
		"POST /sent": slow(page("Sent", "")),
	})
	tab := browsertest.New(t).Tab(t, 1024, 768)
	tab.Open(srv.URL + "/")
	tab.Click(`a[href="/slow"]`)
	if got := tab.Text("h1"); got != "Slow" {
		t.Errorf("after clicking a link to a page that comes late: h1 %q, want Slow", got)
	}
	tab.Click(`button[type=submit]`)
	if got := tab.Text("h1"); got != "Sent" {
		t.Errorf("after sending a form to a page that takes 1 s: h1 %q, want Sent", got)
	}
}
