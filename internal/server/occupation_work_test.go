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

// The occupation pages of this file, occupation_skills_test.go and
// search_titles_test.go pass the Nu HTML checker, in one run of it (a
// run starts a JVM, which costs more than checking the pages): the work
// section's three forms (summary, counts, no tasks), the skills sections
// with and without data, and the pages with the titles' new parts (an
// occupation page with Also called, the SOC code's list, a search naming
// a guide and a search that could not be read).
func TestOccupationPagesAreValidHTML(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	docs := map[string][]byte{}
	for _, path := range []string{
		// The work section.
		"/occupations/15-1252.00", "/occupations/19-1029.04", "/occupations/15-1299.00",
		// The skills sections.
		"/occupations/29-1141.00", "/occupations/55-1011.00",
		// The titles.
		"/occupations/29-1141", "/occupations?q=machine+learning+engineer", "/occupations?q=caf%E9",
	} {
		docs[path] = []byte(b.get(path).Body)
	}
	for _, e := range htmlcheck.CheckHTML(t, docs) {
		t.Errorf("vnu: %s", e)
	}
}
