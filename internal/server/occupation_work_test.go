package server_test

import (
	"strings"
	"testing"

	"careerguide/internal/browsertest/htmlcheck"
)

// TestOccupationWorkSection: "What the work is like" shows careerguide's
// summary where one is written (synced through PostgreSQL with the rest of
// the content), otherwise how many tasks O*NET lists, each with the link to
// the full list; an occupation without tasks says so.
func TestOccupationWorkSection(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()

	p := b.get("/occupations/15-1252.00")
	work := strings.Join(strings.Fields(p.Doc.Find(`section[aria-labelledby="work"]`).Text()), " ")
	for _, want := range []string{
		"What the work is like",
		"Software developers design, build and change the programs",
		"Based on O*NET 29.3 task statements, in careerguide's words.",
		"O*NET lists 19 unrated tasks for this occupation",
		"Unrated tasks were written by O*NET's analysts",
	} {
		if !strings.Contains(work, want) {
			t.Errorf("15-1252.00 section %q lacks %q", work, want)
		}
	}
	if p.Doc.Find(`section[aria-labelledby="work"] a[href="https://www.onetonline.org/link/details/15-1252.00#Tasks"]`).Length() != 1 {
		t.Error("15-1252.00: no link to the full task list on O*NET OnLine")
	}

	p = b.get("/occupations/19-1029.04")
	work = strings.Join(strings.Fields(p.Doc.Find(`section[aria-labelledby="work"]`).Text()), " ")
	if !strings.Contains(work, "O*NET 29.3 lists 12 core and 9 supplemental tasks for this occupation: the full task list on O*NET OnLine.") ||
		strings.Contains(work, "Based on") || !strings.Contains(work, "Core tasks are the ones most workers") {
		t.Errorf("19-1029.04 section = %q, want the counts and no summary", work)
	}
	if p.Doc.Find(`a[href="https://www.onetonline.org/link/details/19-1029.04#Tasks"]`).Length() != 1 {
		t.Error("19-1029.04: no link to the full task list on O*NET OnLine")
	}

	p = b.get("/occupations/15-1299.00")
	work = strings.Join(strings.Fields(p.Doc.Find(`section[aria-labelledby="work"]`).Text()), " ")
	if !strings.HasSuffix(work, "O*NET 29.3 lists no tasks for this occupation.") || p.Doc.Find(`section[aria-labelledby="work"] a`).Length() != 0 {
		t.Errorf("15-1299.00 section = %q, want only that O*NET lists no tasks", work)
	}
}

// TestOccupationWorkSectionIsValidHTML: the three forms of the section
// (summary, counts, no tasks) pass the Nu HTML checker.
func TestOccupationWorkSectionIsValidHTML(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	docs := map[string][]byte{}
	for _, code := range []string{"15-1252.00", "19-1029.04", "15-1299.00"} {
		docs["/occupations/"+code] = []byte(b.get("/occupations/" + code).Body)
	}
	for _, e := range htmlcheck.CheckHTML(t, docs) {
		t.Errorf("vnu: %s", e)
	}
}
