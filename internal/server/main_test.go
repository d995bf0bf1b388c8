//go:build !race

package server_test

import (
	"os"
	"testing"

	"careerguide/internal/browsertest"
)

// TestMain runs the tests; the browser tests share one Chromium.
//
// The browser tests (browser_*_test.go, phone_targets_test.go) are built
// only without the race detector, like every PAGE_TESTS run of the
// Makefile: so chromedp, the largest dependency of the tests, is compiled
// once, not once for each build mode.
func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }
