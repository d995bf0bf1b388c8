// Package htmlcheck checks HTML documents with the W3C Nu HTML checker in
// tests, and finds the npm test tools that the browser tests share (the
// checker's vnu-jar and axe-core), installed in internal/browsertest/node_modules.
//
// It does not drive a browser, so tests that check markup without one do not
// compile chromedp.
package htmlcheck

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// vnuFile is the W3C Nu HTML checker (npm vnu-jar), under the tools' directory.
const vnuFile = "node_modules/vnu-jar/build/dist/vnu.jar"

// vnuTimeout limits one run of the checker over every document.
const vnuTimeout = 3 * time.Minute

// HTMLError is an error the Nu HTML checker finds in a document.
type HTMLError struct {
	Doc     string // the name the document was given
	Line    int
	Column  int
	Message string
	Extract string // the markup around the error
}

func (e HTMLError) String() string {
	return e.Doc + ":" + itoa(e.Line) + ":" + itoa(e.Column) + ": " + e.Message + " in " + strings.TrimSpace(e.Extract)
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// CheckHTML runs the W3C Nu HTML checker (https://validator.github.io/validator/,
// from the npm package vnu-jar) once over the documents, by name, and
// returns its errors (warnings are left out), sorted by document.
//
// It needs a Java runtime: without one it skips the test, except on CI
// (CI=true), where it fails it. vnu.jar comes from
// internal/browsertest/node_modules (see NodeModule).
func CheckHTML(t *testing.T, docs map[string][]byte) []HTMLError {
	t.Helper()
	java, err := exec.LookPath("java")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("htmlcheck: vnu: java is required on CI (install the Debian package default-jre-headless)")
		}
		t.Skip("htmlcheck: vnu: java is not installed; skipping the HTML check")
	}
	jar := NodeModule(t, vnuFile)

	dir := t.TempDir()
	byFile := map[string]string{}
	// A run lasts a second or two: the JVM's quick compiler alone and its
	// serial collector spend about half the CPU of its defaults on it; the
	// checker needs more than the default stack on some documents.
	args := []string{"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss2m", "-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always"}
	names := make([]string, 0, len(docs))
	for name := range docs {
		names = append(names, name)
	}
	sort.Strings(names)
	for i, name := range names {
		file := filepath.Join(dir, "doc"+itoa(i)+".html")
		if err := os.WriteFile(file, docs[name], 0o644); err != nil {
			t.Fatal(err)
		}
		byFile[file] = name
		args = append(args, file)
	}
	ctx, cancel := context.WithTimeout(context.Background(), vnuTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, java, args...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("htmlcheck: vnu: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	var out struct {
		Messages []struct {
			Type, URL, Message, Extract string
			LastLine, FirstColumn       int
		}
	}
	if err := json.Unmarshal([]byte(stderr.String()), &out); err != nil {
		t.Fatalf("htmlcheck: vnu: reading its report: %v\n%s", err, stderr.String())
	}
	var errs []HTMLError
	for _, m := range out.Messages {
		if m.Type != "error" && m.Type != "non-document-error" {
			continue
		}
		file := strings.TrimPrefix(m.URL, "file:")
		doc, ok := byFile[filepath.Clean(file)]
		if !ok {
			doc = m.URL
		}
		errs = append(errs, HTMLError{Doc: doc, Line: m.LastLine, Column: m.FirstColumn, Message: m.Message, Extract: m.Extract})
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Doc < errs[j].Doc })
	return errs
}
