package onet

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func importFixture(t *testing.T, fx *fixture) *File {
	t.Helper()
	f, err := Import(fx.write(t))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func byCode(t *testing.T, f *File, code string) *Occupation {
	t.Helper()
	for i := range f.Occupations {
		if f.Occupations[i].Code == code {
			return &f.Occupations[i]
		}
	}
	t.Fatalf("no occupation %s", code)
	return nil
}

func TestImportFixture(t *testing.T) {
	f := importFixture(t, newFixture())

	h := f.Header
	if h.WageTop != (WageTop{Annual: 239200, Hourly: 115}) {
		t.Errorf("wage top = %+v, want the note's $239,200 a year, $115.00 an hour", h.WageTop)
	}
	if h.ProjectionYears != (ProjectionYears{Base: 2024, Projected: 2034}) {
		t.Errorf("projection years = %+v", h.ProjectionYears)
	}
	releases := map[string]string{}
	for _, s := range h.Sources {
		releases[s.Key] = s.Name + " | " + s.Release
	}
	want := map[string]string{
		SourceONET:        "O*NET 29.3 Database | May 2025",
		SourceInterests:   "O*NET 29.3 Database: Interests | 11/2023",
		SourceSkills:      "O*NET 29.0 Database: Skills and Knowledge | August 2024",
		SourceOEWS:        "Occupational Employment and Wage Statistics (OEWS), national | May 2024",
		SourceProjections: "Employment Projections | 2024-34",
	}
	if !reflect.DeepEqual(releases, want) {
		t.Errorf("sources = %v, want %v", releases, want)
	}
	if h.Counts != (Counts{Occupations: 6, WithInterests: 2, WithJobZone: 3, WithWages: 5, WithProjection: 5}) {
		t.Errorf("counts = %+v", h.Counts)
	}
	if len(h.JobZones) != 5 || h.JobZones[3].Name != "Job Zone Four: Considerable Preparation Needed" || h.JobZones[3].SVPRange != "(7.0 to < 8.0)" {
		t.Errorf("job zones = %+v", h.JobZones)
	}

	var codes []string
	for _, o := range f.Occupations {
		codes = append(codes, o.Code)
	}
	if want := []string{"13-1021.00", "15-1252.00", "15-1299.08", "15-1299.09", "27-2011.00", "55-1011.00"}; !reflect.DeepEqual(codes, want) {
		t.Errorf("codes = %v, want %v", codes, want)
	}

	sd := byCode(t, f, "15-1252.00")
	if sd.SOC != "15-1252" || sd.Title != "Software Developers" || sd.JobZone != 4 {
		t.Errorf("15-1252.00 = %s %q zone %d", sd.SOC, sd.Title, sd.JobZone)
	}
	if want := (Interests{RIASEC: [6]float64{3.93, 5.86, 2.26, 1.88, 1.87, 5.46}, HighPoint: "ICR", Date: "11/2023"}); sd.Interests == nil || *sd.Interests != want {
		t.Errorf("interests = %+v, want %+v", sd.Interests, want)
	}
	w := sd.Wages
	if w == nil || w.SOC != "15-1252" || len(w.SharedWith) != 0 || w.Employment != Num(1654440) ||
		w.Annual != (Pay{Num(144570), Num(79850), Num(103050), Num(133080), Num(169000), Num(211450)}) ||
		w.Hourly.Median != Num(63.98) || w.AnnualOnly || w.HourlyOnly {
		t.Errorf("15-1252.00 wages = %+v", w)
	}
	p := sd.Projection
	if p == nil || p.SOC != "15-1252" || p.EmploymentThousands != 1693.8 || p.ProjectedEmploymentThousands != 1961.4 ||
		p.ChangeThousands != 267.7 || p.ChangePercent != 15.8 || p.OpeningsThousands != 115.2 ||
		p.Education != "Bachelor's degree" || p.Training != "None" ||
		p.HandbookURL != "https://www.bls.gov/ooh/computer-and-information-technology/software-developers.htm" {
		t.Errorf("15-1252.00 projection = %+v", p)
	}
	if want := []string{"application developer", "Developer", "Software Engineer"}; !reflect.DeepEqual(sd.ReportedTitles, want) {
		t.Errorf("reported titles = %q, want %q (sorted, each once)", sd.ReportedTitles, want)
	}
	if want := (Related{PrimaryShort: []string{"15-1299.09", "15-1299.08"}, PrimaryLong: []string{}, Supplemental: []string{"27-2011.00"}}); !reflect.DeepEqual(sd.Related, want) {
		t.Errorf("related = %+v, want %+v (by index)", sd.Related, want)
	}
	if sd.WorkValues != nil {
		t.Errorf("work values = %+v, want none", sd.WorkValues)
	}

	// Two O*NET occupations under one SOC code share its figures, and say so.
	for _, c := range [][2]string{{"15-1299.08", "15-1299.09"}, {"15-1299.09", "15-1299.08"}} {
		o := byCode(t, f, c[0])
		if o.Wages == nil || o.Wages.SOC != "15-1299" || !reflect.DeepEqual(o.Wages.SharedWith, []string{c[1]}) {
			t.Errorf("%s wages = %+v, want 15-1299's shared with %s", c[0], o.Wages, c[1])
		}
		if o.Projection == nil || o.Projection.SOC != "15-1299" || !reflect.DeepEqual(o.Projection.SharedWith, []string{c[1]}) {
			t.Errorf("%s projection = %+v", c[0], o.Projection)
		}
		// "#": above the top code, never a number.
		if o.Wages.Annual.P90 != (Figure{Mark: AboveTop}) || o.Wages.Hourly.P90 != (Figure{Mark: AboveTop}) {
			t.Errorf("%s p90 = %+v / %+v, want #", c[0], o.Wages.Annual.P90, o.Wages.Hourly.P90)
		}
		if o.Projection.HandbookURL != "" {
			t.Errorf("%s handbook = %q, want none (BLS shows —)", c[0], o.Projection.HandbookURL)
		}
	}
	ce := byCode(t, f, "15-1299.08")
	if want := (WorkValues{5.67, 4.83, 5.67, 4.33, 4.67, 5.67, []string{"Achievement", "Independence", "Recognition"}, "06/2008"}); ce.WorkValues == nil || !reflect.DeepEqual(*ce.WorkValues, want) {
		t.Errorf("work values = %+v, want %+v", ce.WorkValues, want)
	}

	// No detailed BLS row: the broad group's one code no O*NET occupation has.
	buyer := byCode(t, f, "13-1021.00")
	if buyer.Wages == nil || buyer.Wages.SOC != "13-1020" || buyer.Wages.Title != "Buyers and Purchasing Agents" || buyer.Projection == nil || buyer.Projection.SOC != "13-1020" {
		t.Errorf("13-1021.00 = wages %+v projection %+v, want 13-1020's", buyer.Wages, buyer.Projection)
	}
	if buyer.Interests != nil || buyer.JobZone != 0 {
		t.Errorf("13-1021.00 interests %+v zone %d, want none", buyer.Interests, buyer.JobZone)
	}

	// "*": not published, never 0; hourly-only occupations say so.
	actor := byCode(t, f, "27-2011.00")
	na := Figure{Mark: NotPublished}
	if actor.Wages == nil || actor.Wages.Annual != (Pay{na, na, na, na, na, na}) || !actor.Wages.HourlyOnly || actor.Wages.Hourly.Median != Num(23.33) {
		t.Errorf("actors wages = %+v", actor.Wages)
	}
	if actor.Interests == nil || actor.Interests.HighPoint != "AS" {
		t.Errorf("actors interests = %+v, want high point AS (third is 0: none)", actor.Interests)
	}

	// Nothing published: every section explicitly absent.
	air := byCode(t, f, "55-1011.00")
	if air.Interests != nil || air.WorkValues != nil || air.Wages != nil || air.Projection != nil || air.JobZone != 0 {
		t.Errorf("55-1011.00 = %+v, want nothing but code and title", air)
	}
	var b bytes.Buffer
	if err := Write(&b, f); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.Contains(line, `"code":"55-1011.00"`) {
			for _, s := range []string{`"interests":null`, `"work_values":null`, `"wages":null`, `"projection":null`, `"job_zone":0`, `"reported_titles":[]`, `"technologies":[]`} {
				if !strings.Contains(line, s) {
					t.Errorf("55-1011.00 line lacks %s: %s", s, line)
				}
			}
		}
	}
	if strings.Contains(b.String(), fixtureDescription) || strings.Contains(b.String(), "words") {
		t.Error("the file holds O*NET's sentences")
	}
}

func TestWriteIsDeterministicAndRoundTrips(t *testing.T) {
	fx := newFixture()
	var first, second, again bytes.Buffer
	if err := Write(&first, importFixture(t, fx)); err != nil {
		t.Fatal(err)
	}
	if err := Write(&second, importFixture(t, fx)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Fatal("two imports of the same files differ")
	}
	f, err := Decode(bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(&again, f); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), again.Bytes()) {
		t.Fatalf("decode then write changed the file:\n%s\n---\n%s", first.String(), again.String())
	}
	// One occupation a line, between the header line and the closing line.
	lines := strings.Split(strings.TrimSuffix(first.String(), "\n"), "\n")
	if len(lines) != 2+len(f.Occupations)+1 || !strings.HasPrefix(lines[0], `{"header":`) || lines[1] != `"occupations":[` || lines[len(lines)-1] != "]}" {
		t.Errorf("layout:\n%s", first.String())
	}
}

func TestDecodeRejects(t *testing.T) {
	for name, in := range map[string]string{
		"unknown field": `{"header":{"format":%d},"occupations":[],"extra":1}`,
		"other format":  `{"header":{"format":%d0},"occupations":[]}`,
		"bad mark":      `{"header":{"format":%d},"occupations":[{"code":"x","wages":{"employment":"n/a"}}]}`,
		"null figure":   `{"header":{"format":%d},"occupations":[{"code":"x","wages":{"employment":null}}]}`,
		"trailing data": `{"header":{"format":%d},"occupations":[]} {}`,
	} {
		if _, err := Decode(strings.NewReader(fmt.Sprintf(in, FormatVersion))); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
	if _, err := Decode(strings.NewReader(fmt.Sprintf(`{"header":{"format":%d},"occupations":[]}`, FormatVersion))); err != nil {
		t.Errorf("the current format: %v", err)
	}
}

func TestFigureJSON(t *testing.T) {
	for _, c := range []struct {
		f    Figure
		json string
	}{
		{Num(133080), `133080`},
		{Num(63.98), `63.98`},
		{Num(0), `0`},
		{Figure{Mark: AboveTop}, `"#"`},
		{Figure{Mark: NotPublished}, `"*"`},
		{Figure{Mark: NoEmployment}, `"**"`},
	} {
		b, err := json.Marshal(c.f)
		if err != nil || string(b) != c.json {
			t.Errorf("marshal %+v = %s, %v; want %s", c.f, b, err, c.json)
		}
		var back Figure
		if err := json.Unmarshal([]byte(c.json), &back); err != nil || back != c.f {
			t.Errorf("unmarshal %s = %+v, %v", c.json, back, err)
		}
	}
	if _, err := json.Marshal(Figure{Mark: "~"}); err == nil {
		t.Error("marshalled an unknown mark")
	}
}

// TestBadInputNamesFileRowColumn: a missing column or a bad value fails
// with the file, the row and the column.
func TestBadInputNamesFileRowColumn(t *testing.T) {
	oewsSheet, projSheet := "national_M2024_dl", "Table 1.2"
	cases := []badInput{
		{"missing O*NET column", func(t *testing.T, fx *fixture) { fx.dropTSV(t, fileInterests, "Data Value") },
			Error{File: fileInterests, Row: 1, Column: "Data Value"}, "missing column"},
		{"interest not a number", func(t *testing.T, fx *fixture) { fx.setTSV(t, fileInterests, 3, "Data Value", "high") },
			Error{File: fileInterests, Row: 4, Column: "Data Value"}, `not a number: "high"`},
		{"interest off the scale", func(t *testing.T, fx *fixture) { fx.setTSV(t, fileInterests, 2, "Data Value", "9.5") },
			Error{File: fileInterests, Row: 3, Column: "Data Value"}, "outside 1-7"},
		{"interest missing a letter", func(t *testing.T, fx *fixture) {
			fx.onet[fileInterests] = append(fx.onet[fileInterests][:4], fx.onet[fileInterests][5:]...)
		}, Error{File: fileInterests, Row: 2, Column: "Element ID"}, "15-1252.00 has no row for 1.B.1.d"},
		{"unknown occupation", func(t *testing.T, fx *fixture) { fx.setTSV(t, fileJobZones, 2, "O*NET-SOC Code", "99-9999.00") },
			Error{File: fileJobZones, Row: 3, Column: "O*NET-SOC Code"}, `"99-9999.00" is not in Occupation Data.txt`},
		{"job zone out of range", func(t *testing.T, fx *fixture) { fx.setTSV(t, fileJobZones, 3, "Job Zone", "7") },
			Error{File: fileJobZones, Row: 4, Column: "Job Zone"}, "outside 1-5"},
		{"bad occupation code", func(t *testing.T, fx *fixture) { fx.setTSV(t, fileOccupations, 1, "O*NET-SOC Code", "13-1021") },
			Error{File: fileOccupations, Row: 2, Column: "O*NET-SOC Code"}, "want an O*NET-SOC code"},
		{"bad flag", func(t *testing.T, fx *fixture) { fx.setTSV(t, fileTechnology, 4, "Hot Technology", "maybe") },
			Error{File: fileTechnology, Row: 5, Column: "Hot Technology"}, `want Y or N, not "maybe"`},
		{"unknown tier", func(t *testing.T, fx *fixture) { fx.setTSV(t, fileRelated, 1, "Relatedness Tier", "Tertiary") },
			Error{File: fileRelated, Row: 2, Column: "Relatedness Tier"}, `unknown tier "Tertiary"`},
		{"short row", func(t *testing.T, fx *fixture) {
			fx.onet[fileReportedTitle][2] = fx.onet[fileReportedTitle][2][:2]
		}, Error{File: fileReportedTitle, Row: 3, Column: "Reported Job Title"}, "2 fields, want 4"},
		{"missing OEWS column", func(t *testing.T, fx *fixture) {
			setSheet(t, fx.oews[oewsSheet], 0, 0, "A_PCT90", "A_P90")
		}, Error{File: "national_M2024_dl.xlsx [national_M2024_dl]", Row: 1, Column: "A_PCT90"}, "missing column"},
		{"OEWS wage not a number", func(t *testing.T, fx *fixture) {
			setSheet(t, fx.oews[oewsSheet], 0, 4, "A_MEDIAN", "n/a")
		}, Error{File: "national_M2024_dl.xlsx [national_M2024_dl]", Row: 5, Column: "A_MEDIAN"}, `not a number: "n/a"`},
		{"OEWS wage marked as employment", func(t *testing.T, fx *fixture) {
			setSheet(t, fx.oews[oewsSheet], 0, 4, "A_PCT10", "**")
		}, Error{File: "national_M2024_dl.xlsx [national_M2024_dl]", Row: 5, Column: "A_PCT10"}, `not a number: "**"`},
		{"OEWS state file", func(t *testing.T, fx *fixture) {
			setSheet(t, fx.oews[oewsSheet], 0, 2, "AREA", "06")
		}, Error{File: "national_M2024_dl.xlsx [national_M2024_dl]", Row: 3, Column: "AREA"}, "not the national estimate"},
		{"OEWS without top code note", func(t *testing.T, fx *fixture) {
			fx.oews["Field Descriptions"] = fx.oews["Field Descriptions"][:5]
		}, Error{File: "national_M2024_dl.xlsx"}, "top-coded wage"},
		{"missing projections column", func(t *testing.T, fx *fixture) {
			setSheet(t, fx.proj[projSheet], 1, 1, "Employment change, percent, 2024–34", "Change")
		}, Error{File: "occupation.xlsx [Table 1.2]", Row: 2, Column: "Employment change, percent, …"}, "missing column"},
		{"projection shown as —", func(t *testing.T, fx *fixture) {
			setSheet(t, fx.proj[projSheet], 1, 5, "Employment change, percent, 2024–34", "—")
		}, Error{File: "occupation.xlsx [Table 1.2]", Row: 6, Column: "Employment change, percent, 2024–34"}, `not a number: "—"`},
		{"projection with hidden decimals", func(t *testing.T, fx *fixture) {
			setSheet(t, fx.proj[projSheet], 1, 4, "Employment, 2034", 1961.42)
		}, Error{File: "occupation.xlsx [Table 1.2]", Row: 5, Column: "Employment, 2034"}, "more decimals than the 1 published"},
		{"projections without sheet", func(t *testing.T, fx *fixture) {
			fx.proj["Index"] = fx.proj[projSheet]
			fx.proj[projSheet] = [][]any{{"moved"}}
		}, Error{File: "occupation.xlsx [Table 1.2]", Column: "… National Employment Matrix code"}, "no header row"},
	}
	checkBadInputs(t, cases)
}

func TestCommand(t *testing.T) {
	p := newFixture().write(t)
	out := t.TempDir() + "/content/occupations/occupations.json"
	var stdout bytes.Buffer
	err := Command([]string{"import", "--onet", p.ONET, "--skills", p.Skills, "--oews", p.OEWS, "--projections", p.Projections, "--out", out}, &stdout)
	if err != nil {
		t.Fatal(err)
	}
	if s := stdout.String(); strings.Count(s, "\n") != 1 || !strings.Contains(s, "6 occupations: 2 with interests, 3 with a job zone, 5 with wages, 5 with a projection") {
		t.Errorf("summary = %q", s)
	}
	for _, args := range [][]string{nil, {"export"}, {"import", "--nope"}, {"import", "extra"}} {
		if err := Command(args, &stdout); err == nil || !strings.Contains(err.Error(), "usage:") {
			t.Errorf("Command(%q) = %v, want usage", args, err)
		}
	}
	err = Command([]string{"import", "--onet", t.TempDir(), "--skills", p.Skills, "--oews", p.OEWS, "--projections", p.Projections, "--out", out}, &stdout)
	if err == nil {
		t.Error("imported from an empty folder")
	}
}
