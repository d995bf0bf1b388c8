package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestContentCheckComparesSummariesWithTasks: with --tasks, a summary that
// copies one of O*NET's task statements fails the check; without the file
// the check says it did not compare.
func TestContentCheckComparesSummariesWithTasks(t *testing.T) {
	t.Parallel()
	tasks, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "data", "onet-29.3", "Task Statements.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tasks); err != nil {
		t.Skipf("O*NET's Task Statements.txt is not beside the repository (%v)", err)
	}
	// runMain splits its arguments at spaces: copy the file (and the
	// occupations it names) to a path without any.
	onetDir := t.TempDir()
	for _, name := range []string{"Task Statements.txt", "Occupation Data.txt"} {
		b, err := os.ReadFile(filepath.Join(filepath.Dir(tasks), name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "Task Statements.txt" {
			name = "tasks.txt"
		}
		if err := os.WriteFile(filepath.Join(onetDir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tasks = filepath.Join(onetDir, "tasks.txt")
	dir := copyContent(t)
	file := filepath.Join(dir, "occupations", "summaries.yaml")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	copiedTask := "Modify existing software to correct errors, adapt it to new hardware, or upgrade interfaces and improve performance."
	s := strings.Replace(string(b), "help install new systems", "help install new systems. "+copiedTask, 1)
	if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	// The test runs in cmd/careerguide, where the default path finds nothing.
	out, errOut, code := runMain(t, "content", "check", dir)
	if code != 0 || !strings.Contains(out, "summaries not compared with O*NET's task statements") {
		t.Fatalf("without tasks: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	_, errOut, code = runMain(t, "content", "check", "--tasks", tasks, dir)
	if code != 1 || !strings.Contains(errOut, "occupations/summaries.yaml:") || !strings.Contains(errOut, "15-1252.00: repeats an O*NET task statement word for word") {
		t.Fatalf("with tasks: exit %d, stderr %q", code, errOut)
	}
}
