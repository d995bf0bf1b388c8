package onet

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// fixtureAltTitles is Alternate Titles.txt for the fixture: Software
// Developers have three titles, one of them in two rows that differ in the
// short title and sources (as O*NET lists a few), Actors one, the others
// none.
func fixtureAltTitles() [][]string {
	return [][]string{
		{"O*NET-SOC Code", "Alternate Title", "Short Title", "Source(s)"},
		{"15-1252.00", "Software Engineer", "n/a", "02,04"},
		{"15-1252.00", "Dev Ops Engineer", "n/a", "08"},
		{"15-1252.00", "Applications Developer (Apps Developer)", "n/a", "04"},
		{"15-1252.00", "Applications Developer (Apps Developer)", "Apps Developer", "02,04"},
		{"27-2011.00", "Stage Actor", "n/a", "10"},
	}
}

func TestImportAltTitles(t *testing.T) {
	f := importFixture(t, newFixture())
	want := []AltTitle{
		{Title: "Applications Developer (Apps Developer)", Short: "Apps Developer", Sources: []string{"02", "04"}},
		{Title: "Dev Ops Engineer", Sources: []string{"08"}},
		{Title: "Software Engineer", Sources: []string{"02", "04"}},
	}
	if got := byCode(t, f, "15-1252.00").AltTitles; !reflect.DeepEqual(got, want) {
		t.Errorf("15-1252.00 alternate titles = %+v\nwant %+v (sorted, a title listed twice once)", got, want)
	}
	if got := byCode(t, f, "27-2011.00").AltTitles; len(got) != 1 || got[0].Title != "Stage Actor" {
		t.Errorf("27-2011.00 alternate titles = %+v", got)
	}
	var b bytes.Buffer
	if err := Write(&b, f); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.Contains(line, `"code":"15-1252.00"`) &&
			!strings.Contains(line, `"reported_titles":["application developer","Developer","Software Engineer"],"alternate_titles":[{"title":"Applications Developer (Apps Developer)","short":"Apps Developer","sources":["02","04"]},{"title":"Dev Ops Engineer","sources":["08"]},`) {
			t.Errorf("15-1252.00 line lacks its alternate titles after its reported titles: %s", line)
		}
		if strings.Contains(line, `"code":"55-1011.00"`) && !strings.Contains(line, `"alternate_titles":[]`) {
			t.Errorf("55-1011.00 line lacks an empty list of alternate titles: %s", line)
		}
	}
	for _, s := range f.Header.Sources {
		if s.Key == SourceONET && !strings.Contains(strings.Join(s.Files, "|"), fileAltTitles) {
			t.Errorf("O*NET source files %q do not name %s", s.Files, fileAltTitles)
		}
	}
}

func TestBadAltTitleRowsNameFileRowColumn(t *testing.T) {
	cases := []badInput{
		{"missing column", func(t *testing.T, fx *fixture) { fx.dropTSV(t, fileAltTitles, "Short Title") },
			Error{File: fileAltTitles, Row: 1, Column: "Short Title"}, "missing column"},
		{"unknown occupation", func(t *testing.T, fx *fixture) { fx.setTSV(t, fileAltTitles, 2, "O*NET-SOC Code", "15-1252.99") },
			Error{File: fileAltTitles, Row: 3, Column: "O*NET-SOC Code"}, `"15-1252.99" is not in Occupation Data.txt`},
		{"empty title", func(t *testing.T, fx *fixture) { fx.setTSV(t, fileAltTitles, 1, "Alternate Title", "") },
			Error{File: fileAltTitles, Row: 2, Column: "Alternate Title"}, "empty"},
		{"bad source", func(t *testing.T, fx *fixture) { fx.setTSV(t, fileAltTitles, 5, "Source(s)", "10;02") },
			Error{File: fileAltTitles, Row: 6, Column: "Source(s)"}, `"10;02"`},
		{"two short titles", func(t *testing.T, fx *fixture) { fx.setTSV(t, fileAltTitles, 3, "Short Title", "Apps Dev") },
			Error{File: fileAltTitles, Row: 5, Column: "Short Title"}, `short titles "Apps Dev" and "Apps Developer"`},
	}
	checkBadInputs(t, cases)
}

// TestRealAltTitles checks three occupations' alternate titles against
// Alternate Titles.txt, read by hand.
func TestRealAltTitles(t *testing.T) {
	f := importReal(t)
	// Baristas: every row of the file.
	want := []AltTitle{
		{Title: "Barista", Sources: []string{"02", "08", "10"}},
		{Title: "Cafe Barista", Sources: []string{"10"}},
		{Title: "Catering Barista", Sources: []string{"02"}},
		{Title: "Coffee Bar Attendant", Sources: []string{"08"}},
		{Title: "Coffee Barista", Sources: []string{"10"}},
		{Title: "Coffee Brewer", Sources: []string{"08"}},
		{Title: "Coffee Maker", Sources: []string{"08"}},
		{Title: "Coffee Shop Attendant", Sources: []string{"08"}},
		{Title: "Coffee Sommelier", Sources: []string{"08"}},
		{Title: "Gourmet Coffee Attendant", Sources: []string{"10"}},
		{Title: "Juicer", Sources: []string{"10"}},
	}
	if got := byCode(t, f, "35-3023.01").AltTitles; !reflect.DeepEqual(got, want) {
		t.Errorf("35-3023.01 alternate titles = %+v\nwant %+v", got, want)
	}
	find := func(code, title string) AltTitle {
		t.Helper()
		for _, a := range byCode(t, f, code).AltTitles {
			if a.Title == title {
				return a
			}
		}
		t.Errorf("%s has no alternate title %q", code, title)
		return AltTitle{}
	}
	// Registered Nurses: 100 rows, each a title of its own.
	if n := len(byCode(t, f, "29-1141.00").AltTitles); n != 100 {
		t.Errorf("29-1141.00 has %d alternate titles, want 100", n)
	}
	for _, c := range []struct {
		code string
		want AltTitle
	}{
		{"29-1141.00", AltTitle{Title: "Charge Nurse", Sources: []string{"02"}}},
		{"29-1141.00", AltTitle{Title: "Nurse", Sources: []string{"02", "04", "06", "08", "10"}}},
		{"29-1141.00", AltTitle{Title: "Emergency Room Nurse (ER Nurse)", Short: "ER Nurse", Sources: []string{"04", "06"}}},
		// Mental health counselors: 38 rows, two titles listed twice
		// (once without the short title).
		{"21-1014.00", AltTitle{Title: "Licensed Mental Health Counselor (LMHC)", Short: "LMHC", Sources: []string{"02", "04"}}},
		{"21-1014.00", AltTitle{Title: "Licensed Clinical Mental Health Counselor (LCMHC)", Short: "LCMHC", Sources: []string{"04"}}},
	} {
		if got := find(c.code, c.want.Title); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s %q = %+v, want %+v", c.code, c.want.Title, got, c.want)
		}
	}
	if n := len(byCode(t, f, "21-1014.00").AltTitles); n != 36 {
		t.Errorf("21-1014.00 has %d alternate titles, want 36 (38 rows, two titles twice)", n)
	}
	rows, occs := 0, 0
	for _, o := range f.Occupations {
		rows += len(o.AltTitles)
		if len(o.AltTitles) > 0 {
			occs++
		}
	}
	if rows != 56560-2 || occs != 1016 {
		t.Errorf("%d alternate titles of %d occupations, want 56,558 (56,560 rows, two repeated) of 1,016", rows, occs)
	}
}
