// Package browsertest drives the system Chromium from Go tests through
// chromedp. It is a test helper: only _test.go files import it.
//
// A test opens a fresh browser (a browser context of the one Chromium of the
// test binary) with New, opens tabs with Browser.Tab and calls the methods of
// Tab. The package's TestMain runs its tests with Main. A method fails the test with t.Fatal when the browser
// reports an error. Each method has a timeout of 30 seconds.
//
//	b := browsertest.New(t)
//	tab := b.Tab(t, 1280, 800)
//	tab.Open(srv.URL + "/")
//	tab.Click(`button[type=submit]`)
//	if p := tab.Problems(); len(p) > 0 {
//		t.Errorf("problems: %q", p)
//	}
//	if v := tab.Axe(); len(v) > 0 {
//		t.Errorf("accessibility: %+v", v)
//	}
//
// New skips the test when Chromium is not installed, except on CI (CI=true),
// where it fails the test. Axe needs the npm package axe-core in
// internal/browsertest/node_modules. Axe runs "npm ci" there when the file is
// missing.
package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// JSFlags are the V8 flags of the tests' Chromium (see start).
const JSFlags = "--no-opt --no-maglev"

// actionTimeout is the overall timeout of one method of Tab.
const actionTimeout = 30 * time.Second

// navigationGrace is how long Click waits for a navigation to start before
// it treats the click as one that does not navigate.
const navigationGrace = 300 * time.Millisecond

// pollInterval is the interval of the polls of Click.
const pollInterval = 20 * time.Millisecond

// cspViolationsScript runs in every new document before the scripts of the
// page. It records the securitypolicyviolation events in
// window.__cspViolations. Problems reads and empties the list. A script that
// DevTools adds is not subject to the Content-Security-Policy of the page.
const cspViolationsScript = `(() => {
  if (window.__cspViolations) return;
  window.__cspViolations = [];
  window.addEventListener("securitypolicyviolation", (e) => {
    window.__cspViolations.push({
      directive: e.effectiveDirective || e.violatedDirective || "",
      blockedURI: e.blockedURI || "",
      sourceFile: e.sourceFile || "",
      line: e.lineNumber || 0,
      column: e.columnNumber || 0,
      sample: e.sample || "",
      disposition: e.disposition || "",
    });
  }, true);
})();`

// Browser is a fresh browser context (like an incognito window: its own
// cookies and storage) of the one headless Chromium of the test binary. It
// lasts for one test.
type Browser struct {
	ctx context.Context // the context of the browser context; a Tab derives its context from it

	axeMu  sync.Mutex
	axeSrc string // the source of axe.min.js, read on the first call of Axe
}

// chromium is the one Chromium process of the test binary: started by the
// first New, closed by Main.
type chromium struct {
	ctx   context.Context // the context of the first tab; browser contexts derive from it
	close func()
}

// shared holds the Chromium of the test binary and the answers of Axe on
// it. A test binary is one process and its tests share them; nothing
// outside tests imports this package.
var shared struct {
	mu  sync.Mutex
	c   *chromium
	err error
	axe axeCache // answers of Axe by page state
}

// New opens a fresh browser context for the test in the Chromium of the
// test binary, which the first call starts. t.Cleanup closes the context and
// its tabs. A package whose tests call New runs them with Main, which stops
// Chromium at the end.
//
// When Chromium is not installed, New calls t.Skip, or t.Fatal when the
// environment variable CI is "true".
func New(t *testing.T) *Browser {
	t.Helper()
	execPath := findChromium()
	if execPath == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("browsertest: chromium is required on CI (install the Debian package chromium-headless-shell or chromium)")
		}
		t.Skip("browsertest: chromium is not installed; skipping the browser test")
	}
	shared.mu.Lock()
	if shared.c == nil && shared.err == nil {
		shared.c, shared.err = start(execPath)
	}
	c, err := shared.c, shared.err
	shared.mu.Unlock()
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}

	ctx, cancel := chromedp.NewContext(c.ctx, chromedp.WithNewBrowserContext())
	// The first Do creates the browser context and binds it to ctx, so it
	// has no timeout of its own: a timer cancels ctx instead.
	timer := time.AfterFunc(actionTimeout, cancel)
	err = chromedp.Do(ctx)
	timer.Stop()
	if err != nil {
		cancel()
		t.Fatalf("browsertest: opening a browser context: %v", err)
	}
	t.Cleanup(func() {
		if err := chromedp.Cancel(ctx); err != nil && !errors.Is(err, context.Canceled) {
			t.Logf("browsertest: closing the browser context: %v", err)
		}
		cancel()
	})
	return &Browser{ctx: ctx}
}

// start starts a headless Chromium with a new profile in a temporary
// directory; its close stops it and removes the profile.
func start(execPath string) (*chromium, error) {
	userDataDir, err := os.MkdirTemp("", "browsertest-profile-")
	if err != nil {
		return nil, fmt.Errorf("creating the profile directory: %w", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		// Less work for the same pages: the tests look at each page once
		// and never watch it scroll or animate. The compositor's GPU
		// process runs as a thread of the browser (there is no GPU), one
		// raster thread, whole tiles rastered with their images decoded at
		// once, and scrolling and animation on the main thread: together
		// about a tenth less CPU over the browser tests; layout and
		// rendering are the same.
		chromedp.Flag("in-process-gpu", true),
		chromedp.Flag("num-raster-threads", "1"),
		chromedp.Flag("disable-checker-imaging", true),
		chromedp.Flag("disable-threaded-scrolling", true),
		chromedp.Flag("disable-threaded-animation", true),
		chromedp.Flag("disable-partial-raster", true),
		// JavaScript in V8's interpreter and baseline compiler only: the
		// optimizing compilers (Maglev, TurboFan) spend more CPU compiling
		// axe-core and the pages' scripts than they save on pages that
		// live a few seconds. Over the browser and crawl tests of
		// internal/server Chromium took 105 CPU-s instead of 126, and 20
		// instead of 26 on TestBrowserTapTargetsAndSmallText (57 axe-core
		// runs); TestChromiumRunsWithoutOptimizingCompilers checks the flag.
		chromedp.Flag("js-flags", JSFlags),
		chromedp.UserDataDir(userDataDir),
	)
	// The errors of chromedp outlive any one test: they go to stderr.
	errorf := func(format string, args ...any) {
		fmt.Fprintf(os.Stderr, "browsertest: chromedp: "+format+"\n", args...)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(allocCtx, chromedp.WithErrorf(errorf))
	closeAll := func() {
		// Cancel closes the browser gracefully and waits for it. The cancel
		// func of the allocator waits for the process to exit.
		if err := chromedp.Cancel(ctx); err != nil && !errors.Is(err, context.Canceled) {
			fmt.Fprintf(os.Stderr, "browsertest: closing chromium: %v\n", err)
		}
		cancelBrowser()
		cancelAlloc()
		removeAll(userDataDir)
	}
	// Start the browser. The first Run binds the life of the browser to ctx,
	// so it gets no timeout of its own: a timer cancels ctx instead.
	timer := time.AfterFunc(actionTimeout, cancelBrowser)
	err = chromedp.Do(ctx)
	timer.Stop()
	if err != nil {
		closeAll()
		return nil, fmt.Errorf("starting %s: %w", execPath, err)
	}
	return &chromium{ctx: ctx, close: closeAll}, nil
}

// Main runs the tests of m, then stops the Chromium that they shared. Call
// it from the TestMain of a package whose tests call New:
//
//	func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }
func Main(m *testing.M) int {
	code := m.Run()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.c != nil {
		shared.c.close()
		shared.c = nil
	}
	return code
}

// findChromium returns the path of the browser, or "" when none is
// installed: the one the environment variable CHROMIUM names, else
// Chromium's headless shell (Debian's chromium-headless-shell: the same
// engine without the desktop browser's user interface around it, about a
// third of the CPU for the same pages), else Chromium itself (Debian's
// chromium).
func findChromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium-headless-shell", "chromium", "chromium-browser", "google-chrome-stable", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// removeAll removes the profile directory. Chromium can still write a file
// for a moment after it exits, so it tries a few times.
func removeAll(dir string) {
	var err error
	for range 10 {
		if err = os.RemoveAll(dir); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	fmt.Fprintf(os.Stderr, "browsertest: removing %s: %v\n", dir, err)
}

// Tab is one tab of a Browser. Its methods are not safe for concurrent use;
// open one tab per goroutine.
type Tab struct {
	t       *testing.T
	b       *Browser
	ctx     context.Context
	frameID cdp.FrameID // the main frame; its ID is the ID of the target

	mu       sync.Mutex
	problems []string
	navs     int // the navigations of the main frame that started
	stopNavs int // the value of navs at the last stop of a load of the main frame, or at a same-document navigation
}

// Tab opens a new tab with a viewport of width x height CSS pixels. The tabs
// of a Browser share their cookies. t.Cleanup closes the tab.
//
// The tab records the console messages of type error and warning, the
// uncaught exceptions, the entries of the browser log of level error and
// warning, and the Content-Security-Policy violations. Problems returns them.
func (b *Browser) Tab(t *testing.T, width, height int) *Tab {
	t.Helper()
	tab := &Tab{t: t, b: b}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithListener(tab.listen))
	tab.ctx = ctx
	t.Cleanup(func() {
		if t.Failed() {
			tab.mu.Lock()
			if len(tab.problems) > 0 {
				t.Logf("browsertest: problems seen by the tab:\n  %s", strings.Join(tab.problems, "\n  "))
			}
			tab.mu.Unlock()
		}
		cancel()
	})

	// The first Do opens the tab and binds it to ctx, so it has no timeout
	// of its own: a timer cancels ctx instead.
	timer := time.AfterFunc(actionTimeout, cancel)
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(int64(width), int64(height)),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			tab.mu.Lock()
			tab.frameID = cdp.FrameID(tg.TargetID)
			tab.mu.Unlock()
			_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument,
				page.AddScriptToEvaluateOnNewDocumentParams{Source: cspViolationsScript})
			return err
		}),
	)
	timer.Stop()
	if err != nil {
		t.Fatalf("browsertest: opening a tab: %v", err)
	}
	return tab
}

// listen records the events of the tab. It runs in the loop that reads the
// messages of the tab, so it must return fast and run no command.
func (tab *Tab) listen(ev any) {
	var problem string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		text := strings.TrimSpace(consoleText(ev.Args))
		isCSP := mentionsCSP(text)
		if ev.Type != runtime.ConsoleAPICalledTypeError &&
			ev.Type != runtime.ConsoleAPICalledTypeWarning &&
			ev.Type != runtime.ConsoleAPICalledTypeAssert && !isCSP {
			return
		}
		problem = "console." + string(ev.Type) + ": " + text + stackPlace(ev.StackTrace)
		if isCSP {
			problem = "CSP violation: " + problem
		}
	case *runtime.EventExceptionThrown:
		problem = "uncaught exception: " + exceptionText(ev.ExceptionDetails)
	case *log.EventEntryAdded:
		e := ev.Entry
		isCSP := mentionsCSP(e.Text)
		if e.Level != log.EntryLevelError && e.Level != log.EntryLevelWarning && !isCSP {
			return
		}
		if e.Source == log.EntrySourceNetwork && isFavicon(e.URL) {
			// Chromium asks for /favicon.ico by itself, at a moment that
			// the test cannot predict. A failure is no problem of the page.
			return
		}
		problem = "log." + string(e.Level) + " (" + string(e.Source) + "): " + strings.TrimSpace(e.Text) + place(e.URL, e.LineNumber, -1)
		if isCSP {
			problem = "CSP violation: " + problem
		}
	case *page.EventFrameRequestedNavigation:
		// A link to a new tab or a download leaves the document as it is.
		if ev.Disposition == page.ClientNavigationDispositionCurrentTab || ev.Disposition == "" {
			tab.navEvent(ev.FrameID, true)
		}
	case *page.EventFrameStartedNavigating:
		tab.navEvent(ev.FrameID, true)
	case *page.EventFrameStartedLoading:
		tab.navEvent(ev.FrameID, true)
	case *page.EventFrameStoppedLoading:
		tab.navEvent(ev.FrameID, false)
	case *page.EventNavigatedWithinDocument:
		tab.navEvent(ev.FrameID, false)
	}
	if problem != "" {
		tab.mu.Lock()
		tab.problems = append(tab.problems, problem)
		tab.mu.Unlock()
	}
}

// navEvent counts the start of a navigation of the main frame, or notes the
// end of one. Click compares the counts: a stop counts only when a start came
// before it, so that a late stop event of an older load does not end the wait.
func (tab *Tab) navEvent(id cdp.FrameID, start bool) {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	if tab.frameID != "" && id != tab.frameID {
		return
	}
	if start {
		tab.navs++
	} else {
		tab.stopNavs = tab.navs
	}
}

// navState returns the number of navigations that started, and the value of
// that number at the last stop.
func (tab *Tab) navState() (navs, stopNavs int) {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return tab.navs, tab.stopNavs
}

// isFavicon reports whether the URL is the default icon of a site.
func isFavicon(rawURL string) bool {
	u, err := url.Parse(rawURL)
	return err == nil && u.Path == "/favicon.ico"
}

// mentionsCSP reports whether a message is about the Content-Security-Policy.
func mentionsCSP(s string) bool {
	return strings.Contains(s, "Content Security Policy") || strings.Contains(s, "Content-Security-Policy")
}

// consoleText renders the arguments of a console call.
func consoleText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		parts = append(parts, remoteText(a))
	}
	return strings.Join(parts, " ")
}

// remoteText renders one value: a string as it is, another value by its
// description or its JSON value.
func remoteText(o *runtime.RemoteObject) string {
	if o == nil {
		return "null"
	}
	if o.Type == runtime.RemoteObjectTypeString {
		var s string
		if json.Unmarshal(o.Value, &s) == nil {
			return s
		}
	}
	switch {
	case o.UnserializableValue != "":
		return string(o.UnserializableValue)
	case o.Description != "":
		return o.Description
	case len(o.Value) > 0:
		return string(o.Value)
	}
	return string(o.Type)
}

// exceptionText renders an uncaught exception with its first line and place.
func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	text := d.Text
	if d.Exception != nil {
		desc, _, _ := strings.Cut(remoteText(d.Exception), "\n")
		text = strings.TrimSpace(text + " " + desc)
	}
	loc := d.URL
	if loc == "" && d.StackTrace != nil && len(d.StackTrace.CallFrames) > 0 {
		loc = d.StackTrace.CallFrames[0].URL
	}
	return text + place(loc, d.LineNumber, d.ColumnNumber)
}

// stackPlace renders the place of the top frame of a stack.
func stackPlace(st *runtime.StackTrace) string {
	if st == nil || len(st.CallFrames) == 0 {
		return ""
	}
	f := st.CallFrames[0]
	return place(f.URL, f.LineNumber, f.ColumnNumber)
}

// place renders " (url:line:column)" with 1-based numbers. The protocol counts
// from 0. A negative column is left out.
func place(loc string, line, column int64) string {
	if loc == "" {
		return ""
	}
	s := loc + ":" + strconv.FormatInt(line+1, 10)
	if column >= 0 {
		s += ":" + strconv.FormatInt(column+1, 10)
	}
	return " (" + s + ")"
}

// run runs the steps with the timeout of one action.
func (tab *Tab) run(steps ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(tab.ctx, actionTimeout)
	defer cancel()
	return chromedp.Do(ctx, steps...)
}

// eval evaluates a JavaScript expression and returns its JSON value.
func (tab *Tab) eval(ctx context.Context, js string, opts ...chromedp.EvaluateOption) (json.RawMessage, error) {
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](js, opts...))
	return json.RawMessage(raw), err
}

// Open navigates to pageURL, waits for the load event and for the body of the
// page. It fails the test when the page does not load. An HTTP error status
// is no failure: the test can check the page that the server sent.
func (tab *Tab) Open(pageURL string) {
	tab.t.Helper()
	tab.collectCSP()
	if err := tab.run(
		chromedp.Navigate(pageURL),
		chromedp.WaitReady(chromedp.CSS("body")),
	); err != nil {
		tab.t.Fatalf("browsertest: opening %s: %v", pageURL, err)
	}
}

// Back goes one step back in the tab's history, as the browser's Back
// button does, and waits for the page.
func (tab *Tab) Back() {
	tab.t.Helper()
	tab.collectCSP()
	if err := tab.run(
		chromedp.NavigateBack(),
		chromedp.WaitReady(chromedp.CSS("body")),
	); err != nil {
		tab.t.Fatalf("browsertest: going back: %v", err)
	}
}

// clickNavigatesScript tells whether a click on the element navigates to
// another document: a link to another page, or a submit button of a form
// the browser will send (valid, or not validated).
const clickNavigatesScript = `((e) => {
  if (!e) return false;
  const a = e.closest("a[href]");
  if (a) {
    const to = new URL(a.href, location.href), here = new URL(location.href);
    to.hash = ""; here.hash = "";
    return to.href !== here.href && (a.target === "" || a.target === "_self") && !a.hasAttribute("download");
  }
  const b = e.closest("button, input[type=submit], input[type=image]");
  return !!(b && b.form && (b.type === "submit" || b.type === "image") && (b.form.noValidate || b.formNoValidate || b.form.checkValidity()));
})(document.querySelector(%s))`

// Click clicks the first element that matches the CSS selector, and waits
// until a navigation that the click causes has finished, for example the
// POST of a form and the 303 redirect after it. A link to another page and
// a submit button of a valid form navigate: Click waits for the new
// document however long it takes to come (up to actionTimeout). Another
// click that starts no navigation within a short wait (navigationGrace)
// returns then.
func (tab *Tab) Click(selector string) {
	tab.t.Helper()
	tab.collectCSP()
	ctx, cancel := context.WithTimeout(tab.ctx, actionTimeout)
	defer cancel()

	// A marker in the window of the current document. A new document has
	// none.
	marker := strconv.FormatInt(time.Now().UnixNano(), 36)
	if _, err := tab.eval(ctx, `window.__browsertestMarker = `+strconv.Quote(marker)); err != nil {
		tab.t.Fatalf("browsertest: click %q: %v", selector, err)
	}
	var navigates bool
	if raw, err := tab.eval(ctx, fmt.Sprintf(clickNavigatesScript, jsString(selector))); err != nil || json.Unmarshal(raw, &navigates) != nil {
		tab.t.Fatalf("browsertest: click %q: %v", selector, err)
	}
	navs0, _ := tab.navState()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(selector))); err != nil {
		tab.t.Fatalf("browsertest: click %q: %v", selector, err)
	}

	start := time.Now()
	for {
		navs, stopNavs := tab.navState()
		started := navs > navs0
		stopped := stopNavs > navs0 // a load stopped after a navigation of this click started
		var state struct {
			Marker  string `json:"marker"`
			Ready   string `json:"ready"`
			HasBody bool   `json:"hasBody"`
		}
		raw, err := tab.eval(ctx, `({marker: window.__browsertestMarker || "", ready: document.readyState, hasBody: !!document.body})`)
		if err == nil && json.Unmarshal(raw, &state) == nil {
			sameDoc := state.Marker == marker
			ready := state.Ready == "complete" && state.HasBody
			switch {
			case !sameDoc && ready:
				// A new document has loaded.
				return
			case started && stopped && ready:
				// A navigation started and stopped in the same document,
				// for example a link to a fragment, or a response with
				// no content.
				return
			case !navigates && !started && sameDoc && time.Since(start) > navigationGrace:
				// No navigation.
				return
			}
		}
		// An error here is normal while the document changes: the
		// execution context of the old document is gone.
		select {
		case <-ctx.Done():
			tab.t.Fatalf("browsertest: click %q: waiting for the page: %v (last error: %v)", selector, ctx.Err(), err)
		case <-time.After(pollInterval):
		}
	}
}

// Choose clicks the first radio button or checkbox that matches the CSS
// selector, as a person picks an answer, and fails the test when it is not
// checked afterwards. Such a click starts no navigation, so Choose does not
// wait for one (Click would wait navigationGrace for each answer).
func (tab *Tab) Choose(selector string) {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, actionTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(selector))); err != nil {
		tab.t.Fatalf("browsertest: choose %q: %v", selector, err)
	}
	var checked bool
	tab.Eval(`(() => { const el = document.querySelector(`+jsString(selector)+`); return !!el && el.checked === true; })()`, &checked)
	if !checked {
		tab.t.Fatalf("browsertest: choose %q: the input is not checked after the click", selector)
	}
}

// Text returns the innerText of the first element that matches the CSS
// selector, or "" when none matches. It does not wait for the element.
func (tab *Tab) Text(selector string) string {
	tab.t.Helper()
	var s string
	tab.Eval(`(() => { const el = document.querySelector(`+jsString(selector)+`); return el ? el.innerText : ""; })()`, &s)
	return s
}

// Count returns the number of elements that match the CSS selector.
func (tab *Tab) Count(selector string) int {
	tab.t.Helper()
	var n int
	tab.Eval(`document.querySelectorAll(`+jsString(selector)+`).length`, &n)
	return n
}

// URL returns the location of the current page.
func (tab *Tab) URL() string {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, actionTimeout)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		tab.t.Fatalf("browsertest: reading the location: %v", err)
	}
	return loc
}

// Screenshot saves a PNG of the whole page at path. It creates the parent
// directory.
func (tab *Tab) Screenshot(path string) {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, actionTimeout)
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100 means PNG
	if err != nil {
		tab.t.Fatalf("browsertest: screenshot: %v", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tab.t.Fatalf("browsertest: screenshot: %v", err)
	}
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		tab.t.Fatalf("browsertest: screenshot: %v", err)
	}
}

// Problems returns the problems that the tab saw so far, in the order of
// arrival: console errors and warnings, uncaught exceptions, errors and
// warnings of the browser log, and Content-Security-Policy violations. A
// CSP violation usually shows up twice: as an entry of the log that starts
// with "CSP violation: log.error" and as an event of the page that starts
// with "CSP violation: securitypolicyviolation".
func (tab *Tab) Problems() []string {
	tab.t.Helper()
	tab.collectCSP()
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return append([]string(nil), tab.problems...)
}

// collectCSP moves the violations of window.__cspViolations of the current
// document into the problems of the tab. Open and Click call it before they
// leave the document, so that the violations of a page are not lost.
func (tab *Tab) collectCSP() {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, actionTimeout)
	defer cancel()
	raw, err := tab.eval(ctx, `Array.isArray(window.__cspViolations) ? window.__cspViolations.splice(0) : []`)
	if err != nil {
		// The tab has no document yet, or the document is changing. The log
		// entries still report the violations.
		tab.t.Logf("browsertest: reading window.__cspViolations: %v", err)
		return
	}
	var vs []struct {
		Directive   string `json:"directive"`
		BlockedURI  string `json:"blockedURI"`
		SourceFile  string `json:"sourceFile"`
		Line        int64  `json:"line"`
		Column      int64  `json:"column"`
		Sample      string `json:"sample"`
		Disposition string `json:"disposition"`
	}
	if err := json.Unmarshal(raw, &vs); err != nil {
		tab.t.Fatalf("browsertest: decoding window.__cspViolations: %v", err)
	}
	if len(vs) == 0 {
		return
	}
	tab.mu.Lock()
	defer tab.mu.Unlock()
	for _, v := range vs {
		s := fmt.Sprintf("CSP violation: securitypolicyviolation: %s blocked %q", v.Directive, v.BlockedURI)
		if v.Sample != "" {
			s += fmt.Sprintf(" (sample %q)", v.Sample)
		}
		if v.Disposition != "" && v.Disposition != "enforce" {
			s += " [" + v.Disposition + "]"
		}
		s += place(v.SourceFile, v.Line-1, v.Column-1) // the event counts from 1
		tab.problems = append(tab.problems, s)
	}
}

// Eval evaluates a JavaScript expression in the page and decodes its JSON
// value into out, which is a pointer or nil. A promise is awaited. It fails
// the test when the expression throws.
func (tab *Tab) Eval(js string, out any) {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, actionTimeout)
	defer cancel()
	raw, err := tab.eval(ctx, js, chromedp.EvalAwaitPromise)
	if err != nil {
		tab.t.Fatalf("browsertest: evaluating %s: %v", abbreviate(js), err)
	}
	if out == nil {
		return
	}
	if len(raw) == 0 {
		raw = json.RawMessage("null") // undefined
	}
	if err := json.Unmarshal(raw, out); err != nil {
		tab.t.Fatalf("browsertest: decoding the value of %s: %v", abbreviate(js), err)
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s) // a string always encodes
	return string(b)
}

// abbreviate shortens JavaScript source for an error message.
func abbreviate(js string) string {
	const max = 120
	if len(js) > max {
		return strconv.Quote(js[:max] + "…")
	}
	return strconv.Quote(js)
}

// EmulateMedia makes the tab's CSS media type media ("print", "screen"),
// or the default again for "".
func (tab *Tab) EmulateMedia(media string) {
	tab.t.Helper()
	if err := tab.run(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	})); err != nil {
		tab.t.Fatalf("browsertest: emulating the media %q: %v", media, err)
	}
}

// Resize gives the tab a viewport of width x height CSS pixels, as
// turning a phone or dragging a window's edge does: the page stays loaded
// and is laid out again for the new width (its media queries answer for
// it). Checking one page at several widths this way loads it, and
// injects axe-core into it, once.
func (tab *Tab) Resize(width, height int) {
	tab.t.Helper()
	if err := tab.run(chromedp.EmulateViewport(int64(width), int64(height))); err != nil {
		tab.t.Fatalf("browsertest: resizing the viewport to %dx%d: %v", width, height, err)
	}
	var w int
	tab.Eval(`innerWidth`, &w)
	if w != width {
		tab.t.Fatalf("browsertest: resized to %d px, the page sees %d", width, w)
	}
}
