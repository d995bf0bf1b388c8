package onet

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// fixtureTaskStatement is a task sentence the occupations file must never hold.
const fixtureTaskStatement = "Modify existing software to correct errors (a statement the importer must never copy)."

// fixtureTasks is Task Statements.txt for the fixture: Software Developers
// have two core tasks and one supplemental, Actors one unrated ("n/a"), the
// others none.
func fixtureTasks() [][]string {
	return [][]string{
		{"O*NET-SOC Code", "Title", "Task ID", "Task", "Task Type", "Incumbents Responding", "Date", "Domain Source"},
		{"15-1252.00", "Software Developers", "16987", fixtureTaskStatement, "Core", "24", "08/2023", "Incumbent"},
		{"15-1252.00", "Software Developers", "16988", "Analyze user needs.", "Core", "24", "08/2023", "Incumbent"},
		{"15-1252.00", "Software Developers", "16989", "Store, retrieve, and manipulate data.", "Supplemental", "24", "08/2023", "Incumbent"},
		{"27-2011.00", "Actors", "120", "Learn lines.", "n/a", "n/a", "08/2023", "Analyst"},
	}
}

func TestImportCountsTasks(t *testing.T) {
	f := importFixture(t, newFixture())
	for code, want := range map[string]*Tasks{
		"15-1252.00": {Core: 2, Supplemental: 1},
		"27-2011.00": {Unrated: 1},
		"55-1011.00": nil,
	} {
		got := byCode(t, f, code).Tasks
		if (got == nil) != (want == nil) || got != nil && *got != *want {
			t.Errorf("%s tasks = %+v, want %+v", code, got, want)
		}
	}
	var onetFiles []string
	for _, s := range f.Header.Sources {
		if s.Key == SourceONET {
			onetFiles = s.Files
		}
	}
	if !strings.Contains(strings.Join(onetFiles, "|"), fileTasks) {
		t.Errorf("O*NET source files %q do not name %s", onetFiles, fileTasks)
	}
	var b bytes.Buffer
	if err := Write(&b, f); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "Modify existing software") || strings.Contains(b.String(), "Learn lines") {
		t.Error("the file holds O*NET's task statements")
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.Contains(line, `"code":"15-1252.00"`) && !strings.Contains(line, `"tasks":{"core":2,"supplemental":1,"unrated":0}`) {
			t.Errorf("15-1252.00 line lacks its task counts: %s", line)
		}
		if strings.Contains(line, `"code":"55-1011.00"`) && !strings.Contains(line, `"tasks":null`) {
			t.Errorf("55-1011.00 line lacks tasks null: %s", line)
		}
	}
	if s := Summary(f); !strings.Contains(s, ", 2 with task statements, 2 with skills, 1 with education, 1 with technologies") {
		t.Errorf("summary = %q", s)
	}
}

func TestReadTaskStatements(t *testing.T) {
	p := newFixture().write(t)
	got, err := ReadTaskStatements(filepath.Join(p.ONET, fileTasks))
	if err != nil {
		t.Fatal(err)
	}
	sd := got["15-1252.00"]
	if len(got) != 2 || len(sd) != 3 || sd[0] != (TaskStatement{Core: true, Text: fixtureTaskStatement}) || sd[2].Core {
		t.Errorf("statements = %+v", got)
	}
}

func TestBadTaskRowsNameFileRowColumn(t *testing.T) {
	cases := []badInput{
		{"missing column", func(t *testing.T, fx *fixture) { fx.dropTSV(t, fileTasks, "Task Type") },
			Error{File: fileTasks, Row: 1, Column: "Task Type"}, "missing column"},
		{"unknown type", func(t *testing.T, fx *fixture) { fx.setTSV(t, fileTasks, 2, "Task Type", "Optional") },
			Error{File: fileTasks, Row: 3, Column: "Task Type"}, `unknown task type "Optional"`},
		{"unknown occupation", func(t *testing.T, fx *fixture) { fx.setTSV(t, fileTasks, 1, "O*NET-SOC Code", "15-1252.99") },
			Error{File: fileTasks, Row: 2, Column: "O*NET-SOC Code"}, `"15-1252.99" is not in Occupation Data.txt`},
		{"task listed twice", func(t *testing.T, fx *fixture) { fx.setTSV(t, fileTasks, 2, "Task ID", "16987") },
			Error{File: fileTasks, Row: 3, Column: "Task ID"}, "task 16987 appears twice for 15-1252.00"},
		{"empty statement", func(t *testing.T, fx *fixture) { fx.setTSV(t, fileTasks, 3, "Task", " ") },
			Error{File: fileTasks, Row: 4, Column: "Task"}, "empty"},
	}
	checkBadInputs(t, cases)
}

// TestRealTaskCounts checks the counts of a few occupations against what
// Task Statements.txt lists for them, read by hand.
func TestRealTaskCounts(t *testing.T) {
	f := importReal(t)
	for code, want := range map[string]*Tasks{
		"29-1141.00": {Core: 15, Supplemental: 12},            // Registered Nurses
		"35-3023.01": {Core: 19},                              // Baristas
		"47-2111.00": {Core: 20, Supplemental: 1},             // Electricians
		"11-2011.00": {Core: 13, Supplemental: 8, Unrated: 9}, // Advertising and Promotions Managers
		"15-1252.00": {Unrated: 19},                           // Software Developers: analysts' statements, not rated
		"15-1299.00": nil,                                     // Computer Occupations, All Other: none
	} {
		got := byCode(t, f, code).Tasks
		if (got == nil) != (want == nil) || got != nil && *got != *want {
			t.Errorf("%s tasks = %+v, want %+v", code, got, want)
		}
	}
	n, total := 0, 0
	for _, o := range f.Occupations {
		if o.Tasks != nil {
			n++
			total += o.Tasks.Total()
		}
	}
	if n != 923 || total != 18796 {
		t.Errorf("%d occupations with %d tasks, want 923 with 18,796", n, total)
	}
}
