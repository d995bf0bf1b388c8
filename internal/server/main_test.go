package server_test

import (
	"os"
	"testing"

	"careerguide/internal/browsertest"
)

// TestMain runs the tests; the browser tests share one Chromium.
func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }
