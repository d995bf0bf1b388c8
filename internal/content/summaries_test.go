package content_test

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	contentfs "careerguide/content"
	"careerguide/internal/content"
	"careerguide/internal/onet"
)

const summaries = "occupations/summaries.yaml"

// dropSummary removes code's entry (its key line up to the blank line after
// it) from the copy's summaries file.
func dropSummary(t *testing.T, m fstest.MapFS, code string) {
	t.Helper()
	s := string(m[summaries].Data)
	i := strings.Index(s, "\n"+code+":")
	if i < 0 {
		t.Fatalf("%s has no entry %s", summaries, code)
	}
	end := strings.Index(s[i+1:], "\n\n")
	if end < 0 {
		s = s[:i+1]
	} else {
		s = s[:i+1] + s[i+1+end+2:]
	}
	m[summaries] = &fstest.MapFile{Data: []byte(s)}
}

// problemsOf loads m with opt and returns the problems as lines.
func problemsOf(t *testing.T, m fstest.MapFS, opt content.Options) string {
	t.Helper()
	_, err := content.LoadWith(m, opt)
	var ps content.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("err = %v, want Problems", err)
	}
	return ps.Error()
}

func TestSummariesReachTheirOccupations(t *testing.T) {
	cat := realContent(t)
	sd, _ := cat.Occupation("15-1252.00")
	if !strings.HasPrefix(sd.Summary, "Software developers design, build and change") || strings.Contains(sd.Summary, "\n") {
		t.Errorf("15-1252.00 summary = %q, want the file's text on one line", sd.Summary)
	}
	if sd.Tasks == nil || sd.Tasks.Unrated != 19 {
		t.Errorf("15-1252.00 tasks = %+v, want 19 unrated", sd.Tasks)
	}
	other, _ := cat.Occupation("19-1029.04")
	if other.Summary != "" {
		t.Errorf("19-1029.04 has a summary %q; none is written", other.Summary)
	}
}

// TestRequiredSummaries: the most-employed occupations with task
// statements (ties by code) and every guide's occupation.
func TestRequiredSummaries(t *testing.T) {
	cat := realContent(t)
	req := content.RequiredSummaries(cat)
	guides := map[string]bool{}
	for _, c := range cat.Careers {
		guides[c.ONetCode] = true
		if req[c.ONetCode] == "" {
			t.Errorf("guide %s's occupation %s is not required", c.Slug, c.ONetCode)
		}
	}
	byEmployment := 0
	for code := range req {
		if !guides[code] || strings.Contains(req[code], "ranks") {
			byEmployment++
		}
	}
	if byEmployment != content.RequiredByEmployment {
		t.Errorf("%d required by employment, want %d", byEmployment, content.RequiredByEmployment)
	}
	// Home Health Aides and Personal Care Aides share SOC 31-1120's
	// employment (3,988,140, May 2024), the most of any: both rank, by code.
	if !strings.HasPrefix(req["31-1121.00"], "Home Health Aides ranks 1 ") || !strings.HasPrefix(req["31-1122.00"], "Personal Care Aides ranks 2 ") {
		t.Errorf("31-1121.00: %q, 31-1122.00: %q", req["31-1121.00"], req["31-1122.00"])
	}
	if _, ok := req["15-1299.00"]; ok {
		t.Error("15-1299.00 is required, but O*NET lists no tasks for it")
	}
}

func TestSummaryMissingFails(t *testing.T) {
	m := copyFS(t)
	dropSummary(t, m, "15-1255.00")
	dropSummary(t, m, "31-1121.00")
	got := problemsOf(t, m, content.Options{})
	for _, want := range []string{
		summaries + ": 15-1255.00: missing summary (the guide UX / Product Designer stands on it)",
		summaries + ": 31-1121.00: missing summary (Home Health Aides ranks 1 by employment",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems:\n%s\nwant %q", got, want)
		}
	}
}

func TestSummaryFileProblemsNameTheLine(t *testing.T) {
	m := copyFS(t)
	long := strings.Repeat("word ", 120)
	m[summaries].Data = append(m[summaries].Data, []byte("\n99-9999.99: >-\n  "+long+"\n\n19-1029.04: Too short.\n\n15-1299.00: >-\n  "+long+"\n")...)
	got := problemsOf(t, m, content.Options{})
	for _, want := range []string{
		summaries + ":" + itoa(lineOf(t, m, summaries, "99-9999.99:")) + ": 99-9999.99: not an O*NET-SOC code of occupations/occupations.json",
		summaries + ":" + itoa(lineOf(t, m, summaries, "19-1029.04:")) + ": 19-1029.04: 2 words: write 30 to 110",
		summaries + ":" + itoa(lineOf(t, m, summaries, "15-1299.00:")) + ": 15-1299.00: O*NET lists no task statements for Computer Occupations, All Other",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems:\n%s\nwant %q", got, want)
		}
	}

	m = copyFS(t)
	m[summaries].Data = append(m[summaries].Data, []byte("\n15-1252.00: Twice.\n")...)
	got = problemsOf(t, m, content.Options{})
	want := summaries + ":" + itoa(strings.Count(string(m[summaries].Data), "\n")) + `: mapping key "15-1252.00" already defined`
	if !strings.Contains(got, want) {
		t.Errorf("problems:\n%s\nwant %q", got, want)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// statements gives 15-1252.00 two task statements, one of them short.
func statements() map[string][]onet.TaskStatement {
	return map[string][]onet.TaskStatement{"15-1252.00": {
		{Core: false, Text: "Coordinate installation of software system."},
		{Core: false, Text: "Modify existing software to correct errors, adapt it to new hardware, or upgrade interfaces and improve performance."},
	}}
}

func TestSummaryRepeatingATaskStatementFails(t *testing.T) {
	m := copyFS(t)
	line := lineOf(t, m, summaries, "15-1252.00:")
	edit(t, m, summaries, "help install new systems", "COORDINATE installation of\n  software   system and help install new systems")
	got := problemsOf(t, m, content.Options{TaskStatements: statements()})
	want := summaries + ":" + itoa(line) + `: 15-1252.00: repeats an O*NET task statement word for word: "Coordinate installation of software system."`
	if !strings.Contains(got, want) {
		t.Errorf("problems:\n%s\nwant %q", got, want)
	}
}

func TestSummarySharingEightWordsWithATaskStatementFails(t *testing.T) {
	m := copyFS(t)
	line := lineOf(t, m, summaries, "15-1252.00:")
	// Seven words in a row are the writer's own choice; eight are copied.
	edit(t, m, summaries, "and fix or improve it after release", "and adapt it to new hardware, or upgrade it after release")
	if _, err := content.LoadWith(m, content.Options{TaskStatements: statements()}); err != nil {
		t.Fatalf("seven shared words: %v", err)
	}
	edit(t, m, summaries, "and adapt it to new hardware, or upgrade it", "and adapt it to new hardware, or upgrade interfaces")
	got := problemsOf(t, m, content.Options{TaskStatements: statements()})
	want := summaries + ":" + itoa(line) + `: 15-1252.00: shares 8 words in a row ("adapt it to new hardware or upgrade interfaces") with an O*NET task statement`
	if !strings.Contains(got, want) {
		t.Errorf("problems:\n%s\nwant %q", got, want)
	}
	// Without the task statements the copy cannot be seen.
	if _, err := content.Load(m); err != nil {
		t.Errorf("without task statements: %v", err)
	}
}

// TestRealSummariesAreOwnWords compares every summary with O*NET's task
// statements, when the published file is beside the repository.
func TestRealSummariesAreOwnWords(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "data", "onet-29.3", "Task Statements.txt")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("O*NET's Task Statements.txt is not beside the repository (%v)", err)
	}
	tasks, err := onet.ReadTaskStatements(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := content.LoadWith(contentfs.FS, content.Options{TaskStatements: tasks}); err != nil {
		t.Fatalf("content with task statements:\n%v", err)
	}
}
