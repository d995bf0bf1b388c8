//go:build race

package server_test

import (
	"os"
	"testing"
)

// TestMain runs the tests. Under the race detector there are no browser
// tests, so there is no Chromium to close (see main_test.go).
func TestMain(m *testing.M) { os.Exit(m.Run()) }
