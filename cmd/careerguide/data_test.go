package main

import (
	"strings"
	"testing"
)

func TestDataCommand(t *testing.T) {
	t.Parallel()
	_, errOut, code := runMain(t, "data")
	if code != 1 || !strings.Contains(errOut, "usage: careerguide data import") {
		t.Fatalf("data without import: exit %d, stderr %q", code, errOut)
	}
	// An empty folder in place of the O*NET files: the import names what is missing.
	dir := t.TempDir()
	_, errOut, code = runMain(t, "data", "import", "--onet", dir, "--out", dir+"/occupations.json")
	if code != 1 || !strings.Contains(errOut, "Read Me.txt") {
		t.Fatalf("empty O*NET folder: exit %d, stderr %q", code, errOut)
	}
}
