package browsertest

import (
	"context"
	"slices"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// The tests' Chromium runs JavaScript without V8's optimizing compilers
// (JSFlags): the flag reaches the browser's command line, which passes it
// on to every renderer.
func TestChromiumRunsWithoutOptimizingCompilers(t *testing.T) {
	t.Parallel()
	b := New(t)
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	got, err := chromedp.CallBrowser(ctx, browser.GetBrowserCommandLine, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "--js-flags=" + JSFlags; !slices.Contains(got.Arguments, want) {
		t.Fatalf("Chromium's command line %q lacks %q", got.Arguments, want)
	}
}
