package main

import (
	"os"
	"path/filepath"
	"strconv"
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

// TestContentCheckComparesSkillsWithTheFiles: with --onet and --skills, a
// skill figure of the occupations file that differs from O*NET's files
// fails the check, on its line.
func TestContentCheckComparesSkillsWithTheFiles(t *testing.T) {
	t.Parallel()
	data, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "data"))
	if err != nil {
		t.Fatal(err)
	}
	onetDir, skillsDir := filepath.Join(data, "onet-29.3"), filepath.Join(data, "onet-29.0")
	for _, d := range []string{onetDir, skillsDir} {
		if _, err := os.Stat(d); err != nil || strings.Contains(d, " ") {
			t.Skipf("O*NET's files are not beside the repository at a path without spaces (%v)", err)
		}
	}
	// One check, of the committed content with one figure changed: every
	// problem is reported, so the one reported is the only difference
	// between the content and the files (a check reads the files for
	// about 10 CPU-seconds).
	dir := copyContent(t)
	file := filepath.Join(dir, "occupations", "occupations.json")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	line := 0
	for i, l := range lines {
		if strings.Contains(l, `"code":"29-1141.00"`) {
			lines[i] = strings.Replace(l, `{"name":"Psychology","im":4.58,"lv":6.08}`, `{"name":"Psychology","im":4.58,"lv":6.8}`, 1)
			line = i + 1
		}
	}
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runMain(t, "content", "check", "--onet", onetDir, "--skills", skillsDir, dir)
	want := "occupations/occupations.json:" + strconv.Itoa(line) + ": 29-1141.00: knowledge #1 Psychology 4.58/6.8 (importance/level), but O*NET's Knowledge.xlsx gives #1 Psychology 4.58/6.08"
	if code != 1 || !strings.Contains(errOut, want) {
		t.Fatalf("changed: exit %d, stderr %q, want %q", code, errOut, want)
	}
	if n := strings.Count(strings.TrimSpace(errOut), "\n") + 1; n != 1 {
		t.Errorf("%d problems, want only the changed figure's: %s", n, errOut)
	}
	if !strings.Contains(out, "skills, knowledge, education and alternate titles compared with "+skillsDir) {
		t.Errorf("stdout %q does not say what was compared", out)
	}
	if _, errOut, code = runMain(t, "content", "check", "--skills", skillsDir, dir); code != 1 || !strings.Contains(errOut, "give both --onet and --skills") {
		t.Errorf("--skills alone: exit %d, stderr %q", code, errOut)
	}
}
