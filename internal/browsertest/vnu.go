package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// vnuFile is the W3C Nu HTML checker (npm vnu-jar) in the directory of the package.
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
// internal/browsertest/node_modules; when it is missing, CheckHTML runs
// "npm ci" there once, under a file lock.
func CheckHTML(t *testing.T, docs map[string][]byte) []HTMLError {
	t.Helper()
	java, err := exec.LookPath("java")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("browsertest: vnu: java is required on CI (install the Debian package default-jre-headless)")
		}
		t.Skip("browsertest: vnu: java is not installed; skipping the HTML check")
	}
	jar := vnuJar(t)

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
		t.Fatalf("browsertest: vnu: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	var out struct {
		Messages []struct {
			Type, URL, Message, Extract string
			LastLine, FirstColumn       int
		}
	}
	if err := json.Unmarshal([]byte(stderr.String()), &out); err != nil {
		t.Fatalf("browsertest: vnu: reading its report: %v\n%s", err, stderr.String())
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

// vnuJar is the path of vnu.jar; it installs the npm packages when the file
// is missing.
func vnuJar(t *testing.T) string {
	t.Helper()
	dir := packageDir()
	if dir == "" {
		t.Fatal("browsertest: vnu: cannot find the directory of the package internal/browsertest")
	}
	unlock, err := lockFile(filepath.Join(dir, ".npm.lock"))
	if err != nil {
		t.Fatalf("browsertest: vnu: %v", err)
	}
	defer unlock()
	path := filepath.Join(dir, filepath.FromSlash(vnuFile))
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		npmCI(t, dir)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("browsertest: vnu: %v", err)
	}
	return path
}
