package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	contentfs "careerguide/content"
	"careerguide/internal/testdb"
)

// TestMain lets tests run the real main() in a child process, to check exit
// codes and output as a user sees them.
func TestMain(m *testing.M) {
	if os.Getenv("CAREERGUIDE_RUN_MAIN") == "1" {
		os.Args = append([]string{"careerguide"}, strings.Fields(os.Getenv("CAREERGUIDE_ARGS"))...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func runMain(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "CAREERGUIDE_RUN_MAIN=1", "CAREERGUIDE_ARGS="+strings.Join(args, " "))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code = 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// copyContent writes the embedded content to a temp dir.
func copyContent(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(contentfs.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, p), 0o755)
		}
		b, err := contentfs.FS.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestContentCheck(t *testing.T) {
	t.Parallel()
	dir := copyContent(t)
	out, errOut, code := runMain(t, "content", "check", dir)
	if code != 0 || !strings.Contains(out, "content ok") {
		t.Fatalf("valid content: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	file := filepath.Join(dir, "careers", "backend-developer", "career.yaml")
	b, _ := os.ReadFile(file)
	lines := strings.Split(string(b), "\n")
	// An unknown field on line 2 and a duplicate key on line 4.
	lines = append(lines[:1], append([]string{"salary_secret: 1"}, lines[1:]...)...)
	os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644)
	_, errOut, code = runMain(t, "content", "check", dir)
	if code != 1 {
		t.Fatalf("unknown field: exit %d, want 1", code)
	}
	if want := "careers/backend-developer/career.yaml:2: unknown field \"salary_secret\""; !strings.Contains(errOut, want) {
		t.Fatalf("stderr %q does not contain %q", errOut, want)
	}

	os.WriteFile(file, append(b, []byte("name: Twice\n")...), 0o644)
	_, errOut, code = runMain(t, "content", "check", dir)
	wantLine := strings.Count(string(b), "\n") + 1
	if code != 1 || !strings.Contains(errOut, "career.yaml:"+strconv.Itoa(wantLine)+": mapping key \"name\" already defined") {
		t.Fatalf("duplicate key: exit %d, stderr %q (want line %d)", code, errOut, wantLine)
	}
}

func TestMigrateCommand(t *testing.T) {
	t.Parallel()
	url := testdb.URL(t)
	var out bytes.Buffer
	getenv := func(k string) string {
		if k == "DATABASE_URL" {
			return url
		}
		return ""
	}
	if err := run(context.Background(), []string{"migrate"}, getenv, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "migrations applied") {
		t.Fatalf("output %q", out.String())
	}
	if err := run(context.Background(), []string{"frobnicate"}, getenv, &out); err == nil || !strings.Contains(err.Error(), "unknown command") {
		t.Fatalf("unknown command: %v", err)
	}
}
