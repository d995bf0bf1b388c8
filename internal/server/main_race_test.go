//go:build race

package server_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMain runs the tests. Under the race detector there are no browser
// tests, so there is no Chromium to close (see main_test.go).
func TestMain(m *testing.M) { os.Exit(m.Run()) }

// TestRaceBuildHasNoBrowser: the race-detector build of these tests
// depends on no chromedp, so make test compiles it once; a test file that
// uses internal/browsertest needs the build constraint !race (the HTML
// checker is in internal/browsertest/htmlcheck, which has no chromedp).
func TestRaceBuildHasNoBrowser(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH to list the build's packages")
	}
	out, err := exec.Command(gobin, "list", "-race", "-deps", "-test", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, p := range strings.Fields(string(out)) {
		if strings.HasPrefix(p, "github.com/chromedp/") {
			t.Fatalf("the race build of the server tests depends on %s: give the test file that brings it the build constraint !race", p)
		}
	}
}
