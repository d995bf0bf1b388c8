package onet

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// fixture is a small copy of the published files, in their formats, that
// a test may change before writing it out.
type fixture struct {
	onet  map[string][][]string // O*NET text file -> rows, header first
	oews  map[string][][]any    // OEWS workbook sheet -> rows
	proj  map[string][][]any    // projections workbook sheet -> rows
	links map[string]string     // "Table 1.2" cell -> hyperlink
	// skills: Skills.xlsx and Knowledge.xlsx (O*NET 29.0) -> rows of their
	// one sheet; education: Education, Training, and Experience.xlsx's rows.
	skills    map[string][][]any
	education [][]any
}

const fixtureDescription = "Write code for a living (a description the importer must never copy)."

func newFixture() *fixture {
	interest := func(code, title string, riasec [6]string, high [3]string) [][]string {
		names := []string{"Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional"}
		var rows [][]string
		for i, v := range riasec {
			rows = append(rows, []string{code, title, "1.B.1." + string(rune('a'+i)), names[i], "OI", "Occupational Interests", v, "11/2023", "Machine Learning"})
		}
		for i, v := range high {
			rows = append(rows, []string{code, title, "1.B.1." + string(rune('g'+i)), []string{"First", "Second", "Third"}[i] + " Interest High-Point", "IH", "Occupational Interest High-Point", v, "11/2023", "Machine Learning"})
		}
		return rows
	}
	wv := func(code, title string, ex [6]string, high [3]string, date string) [][]string {
		names := []string{"Achievement", "Working Conditions", "Recognition", "Relationships", "Support", "Independence"}
		var rows [][]string
		for i, v := range ex {
			rows = append(rows, []string{code, title, "1.B.2." + string(rune('a'+i)), names[i], "EX", "Extent", v, date, "Analyst"})
		}
		for i, v := range high {
			rows = append(rows, []string{code, title, "1.B.2." + string(rune('g'+i)), []string{"First", "Second", "Third"}[i] + " Work Value High-Point", "VH", "Work Value High-Point", v, date, "Analyst"})
		}
		return rows
	}
	oewsHeader := []any{"AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "NAICS", "NAICS_TITLE", "I_GROUP", "OWN_CODE", "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP", "EMP_PRSE", "JOBS_1000", "LOC_QUOTIENT", "PCT_TOTAL", "PCT_RPT", "H_MEAN", "A_MEAN", "MEAN_PRSE", "H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90", "ANNUAL", "HOURLY"}
	oewsRow := func(code, title, group string, emp any, hMean, aMean any, h, a [5]any, annual, hourly string) []any {
		row := []any{"99", "U.S.", "1", "US", "000000", "Cross-industry", "cross-industry", "1235", code, title, group, emp, 1.0, "", "", "", "", hMean, aMean, 0.5}
		row = append(row, h[:]...)
		row = append(row, a[:]...)
		return append(row, annual, hourly)
	}
	projHeader := []any{"2024 National Employment Matrix title", "2024 National Employment Matrix code", "Occupation type", "Employment, 2024", "Employment, 2034", "Employment distribution, percent, 2024", "Employment distribution, percent, 2034", "Employment change, numeric, 2024–34", "Employment change, percent, 2024–34", "Percent self employed, 2024", "Occupational openings, 2024–34 annual average", "Median annual wage, dollars, 2024[1]", "Typical education needed for entry", "Work experience in a related occupation", "Typical on-the-job training needed to attain competency in the occupation", "Related Occupational Outlook Handbook (OOH) content xlsx"}

	fx := &fixture{
		onet: map[string][][]string{
			fileOccupations: {
				{"O*NET-SOC Code", "Title", "Description"},
				{"13-1021.00", "Buyers and Purchasing Agents, Farm Products", "Buy things."},
				{"15-1252.00", "Software Developers", fixtureDescription},
				{"15-1299.08", "Computer Systems Engineers/Architects", "Design systems."},
				{"15-1299.09", "Information Technology Project Managers", "Plan projects."},
				{"27-2011.00", "Actors", "Act."},
				{"55-1011.00", "Air Crew Officers", "Fly."},
			},
			fileInterests: slices.Concat(
				[][]string{{"O*NET-SOC Code", "Title", "Element ID", "Element Name", "Scale ID", "Scale Name", "Data Value", "Date", "Domain Source"}},
				interest("15-1252.00", "Software Developers", [6]string{"3.93", "5.86", "2.26", "1.88", "1.87", "5.46"}, [3]string{"2.0", "6.0", "1.0"}),
				interest("27-2011.00", "Actors", [6]string{"2.31", "2.13", "7.0", "4.1", "4.0", "1.67"}, [3]string{"3.0", "4.0", "0.0"}),
			),
			fileWorkValues: slices.Concat(
				[][]string{{"O*NET-SOC Code", "Title", "Element ID", "Element Name", "Scale ID", "Scale Name", "Data Value", "Date", "Domain Source"}},
				wv("15-1299.08", "Computer Systems Engineers/Architects", [6]string{"5.67", "4.83", "5.67", "4.33", "4.67", "5.67"}, [3]string{"1.0", "6.0", "3.0"}, "06/2008"),
			),
			fileJobZones: {
				{"O*NET-SOC Code", "Title", "Job Zone", "Date", "Domain Source"},
				{"15-1252.00", "Software Developers", "4", "08/2023", "Analyst"},
				{"15-1299.08", "Computer Systems Engineers/Architects", "3", "08/2023", "Analyst"},
				{"27-2011.00", "Actors", "2", "08/2023", "Analyst"},
			},
			fileJobZoneRef: {
				{"Job Zone", "Name", "Experience", "Education", "Job Training", "Examples", "SVP Range"},
				{"1", "Job Zone One: Little or No Preparation Needed", "words", "words", "words", "words", "(Below 4.0)"},
				{"2", "Job Zone Two: Some Preparation Needed", "words", "words", "words", "words", "(4.0 to < 6.0)"},
				{"3", "Job Zone Three: Medium Preparation Needed", "words", "words", "words", "words", "(6.0 to < 7.0)"},
				{"4", "Job Zone Four: Considerable Preparation Needed", "words", "words", "words", "words", "(7.0 to < 8.0)"},
				{"5", "Job Zone Five: Extensive Preparation Needed", "words", "words", "words", "words", "(8.0 and above)"},
			},
			fileRelated: {
				{"O*NET-SOC Code", "Title", "Related O*NET-SOC Code", "Related Title", "Relatedness Tier", "Index"},
				{"15-1252.00", "Software Developers", "27-2011.00", "Actors", "Supplemental", "3"},
				{"15-1252.00", "Software Developers", "15-1299.08", "Computer Systems Engineers/Architects", "Primary-Short", "2"},
				{"15-1252.00", "Software Developers", "15-1299.09", "Information Technology Project Managers", "Primary-Short", "1"},
			},
			fileReportedTitle: {
				{"O*NET-SOC Code", "Title", "Reported Job Title", "Shown in My Next Move"},
				{"15-1252.00", "Software Developers", "Software Engineer", "Y"},
				{"15-1252.00", "Software Developers", "application developer", "N"},
				{"15-1252.00", "Software Developers", "Developer", "N"},
				{"15-1252.00", "Software Developers", "Software Engineer", "N"},
			},
			fileTasks:         fixtureTasks(),
			fileEducationCats: fixtureEducationCategories(),
			fileAltTitles:     fixtureAltTitles(),
			fileTechnology: {
				{"O*NET-SOC Code", "Title", "Example", "Commodity Code", "Commodity Title", "Hot Technology", "In Demand"},
				{"15-1252.00", "Software Developers", "Python", "43232403", "Development environment software", "Y", "N"},
				{"15-1252.00", "Software Developers", "Python", "43232405", "Object or component oriented development software", "N", "Y"},
				{"15-1252.00", "Software Developers", "COBOL", "43232405", "Object or component oriented development software", "N", "N"},
				{"15-1252.00", "Software Developers", "Kubernetes", "43233004", "Operating system software", "N", "Y"},
				{"15-1252.00", "Software Developers", "Git", "43232402", "Configuration management software", "Y", "N"},
			},
		},
		oews: map[string][][]any{
			"national_M2024_dl": {
				oewsHeader,
				oewsRow("00-0000", "All Occupations", "total", 154187380.0, 32.66, 67920.0, [5]any{14.42, 17.66, 23.8, 37.89, 60.44}, [5]any{29990.0, 36730.0, 49500.0, 78810.0, 125720.0}, "", ""),
				oewsRow("13-1020", "Buyers and Purchasing Agents", "detailed", 480500.0, 37.0, 76960.0, [5]any{21.0, 26.0, 34.0, 44.0, 56.0}, [5]any{43680.0, 54080.0, 70720.0, 91520.0, 116480.0}, "", ""),
				oewsRow("15-1250", "Software and Web Developers, Programmers, and Testers", "broad", 2000000.0, 60.0, 124800.0, [5]any{30.0, 40.0, 55.0, 70.0, 90.0}, [5]any{62400.0, 83200.0, 114400.0, 145600.0, 187200.0}, "", ""),
				oewsRow("15-1252", "Software Developers", "detailed", 1654440.0, 69.5, 144570.0, [5]any{38.39, 49.55, 63.98, 81.25, 101.66}, [5]any{79850.0, 103050.0, 133080.0, 169000.0, 211450.0}, "", ""),
				oewsRow("15-1299", "Computer Occupations, All Other", "detailed", 439380.0, 56.11, 116700.0, [5]any{25.31, 36.71, 52.39, 70.93, "#"}, [5]any{52650.0, 76360.0, 108970.0, 147530.0, "#"}, "", ""),
				oewsRow("27-2011", "Actors", "detailed", 38800.0, 44.4, "*", [5]any{14.0, 16.94, 23.33, 41.09, 97.19}, [5]any{"*", "*", "*", "*", "*"}, "", "TRUE"),
			},
			"Field Descriptions": {
				{"May 2024 OEWS Estimates"},
				{},
				{"Notes:"},
				{"*  = indicates that a wage estimate is not available"},
				{"**  = indicates that an employment estimate is not available"},
				{"#  = indicates a wage equal to or greater than $115.00 per hour or $239,200 per year "},
			},
		},
		proj: map[string][][]any{
			"Index": {{"Occupation.xlsx contents"}},
			"Table 1.2": {
				{"Table 1.2 Occupational projections, 2024–2034, and worker characteristics, 2024 (Employment in thousands)"},
				projHeader,
				{"Total, all occupations", "00-0000", "Summary", 169956.1, 175167.9, 100.0, 100.0, 5211.8, 3.1, 5.8, 18863.3, 49500.0, "—", "—", "—", "—"},
				{"  Buyers and purchasing agents", "13-1020", "Line item", 485.0, 479.9, 0.3, 0.3, -5.1, -1.1, 1.2, 39.5, 71950.0, "Bachelor's degree", "None", "Moderate-term on-the-job training", "OOH Content"},
				{"  Software developers", "15-1252", "Line item", 1693.8, 1961.4, 1.0, 1.1, 267.7, 15.8, 4.4, 115.2, 133080.0, "Bachelor's degree", "None", "None", "OOH Content"},
				{"  Computer occupations, all other", "15-1299", "Line item", 472.0, 510.5, 0.3, 0.3, 38.5, 8.2, 3.0, 31.3, 108970.0, "Bachelor's degree", "None", "None", "—"},
				{"  Actors", "27-2011", "Line item", 57.0, 57.1, 0.0, 0.0, 0.2, 0.3, 18.0, 6.3, "—", "Some college, no degree", "None", "Long-term on-the-job training", "OOH Content"},
				{"Footnotes:"},
				{"[1] Data are from the Occupational Employment and Wage Statistics program."},
			},
		},
		links: map[string]string{
			"P5": "https://www.bls.gov/ooh/computer-and-information-technology/software-developers.htm",
		},
		skills:    fixtureSkills(),
		education: fixtureEducation(),
	}
	return fx
}

// write puts the fixture's files in a new temporary folder.
func (fx *fixture) write(t *testing.T) Paths {
	t.Helper()
	dir := t.TempDir()
	p := Paths{
		ONET:        filepath.Join(dir, "onet"),
		Skills:      filepath.Join(dir, "onet-skills"),
		OEWS:        filepath.Join(dir, "national_M2024_dl.xlsx"),
		Projections: filepath.Join(dir, "occupation.xlsx"),
	}
	for _, d := range []string{p.ONET, p.Skills} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(p.Skills, fileReadMe), []byte("O*NET 29.0 Database\nAugust 2024 Release\n-------------------\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for file, rows := range fx.skills {
		sheet := strings.TrimSuffix(file, ".xlsx")
		writeWorkbook(t, filepath.Join(p.Skills, file), []string{sheet}, map[string][][]any{sheet: rows}, nil)
	}
	writeWorkbook(t, filepath.Join(p.ONET, fileEducation), []string{"Education, Training, and Experi"}, map[string][][]any{"Education, Training, and Experi": fx.education}, nil)
	readme := "O*NET 29.3 Database\nMay 2025 Release\n----------------\n"
	if err := os.WriteFile(filepath.Join(p.ONET, fileReadMe), []byte(readme), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, rows := range fx.onet {
		var b strings.Builder
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t"))
			b.WriteString("\n")
		}
		if err := os.WriteFile(filepath.Join(p.ONET, name), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeWorkbook(t, p.OEWS, []string{"national_M2024_dl", "Field Descriptions"}, fx.oews, nil)
	writeWorkbook(t, p.Projections, []string{"Index", "Table 1.2"}, fx.proj, fx.links)
	return p
}

func writeWorkbook(t *testing.T, path string, order []string, sheets map[string][][]any, links map[string]string) {
	t.Helper()
	wb := excelize.NewFile()
	defer wb.Close()
	for i, name := range order {
		if i == 0 {
			if err := wb.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := wb.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := wb.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	for cell, link := range links {
		if err := wb.SetCellHyperLink("Table 1.2", cell, link, "External"); err != nil {
			t.Fatal(err)
		}
	}
	if err := wb.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// colIndex finds a column of a header row.
func colIndex[T any](t *testing.T, header []T, name string) int {
	t.Helper()
	for i, h := range header {
		if fmt.Sprint(h) == name {
			return i
		}
	}
	t.Fatalf("fixture has no column %q", name)
	return -1
}

// setTSV sets the cell of O*NET file name at row (0 = header) and column col.
func (fx *fixture) setTSV(t *testing.T, name string, row int, col, value string) {
	t.Helper()
	rows := fx.onet[name]
	rows[row][colIndex(t, rows[0], col)] = value
}

// dropTSV removes column col from O*NET file name.
func (fx *fixture) dropTSV(t *testing.T, name, col string) {
	t.Helper()
	rows := fx.onet[name]
	i := colIndex(t, rows[0], col)
	for r := range rows {
		rows[r] = slices.Delete(rows[r], i, i+1)
	}
}

// setSheet sets a cell of a workbook sheet's row (0-based index into the rows).
func setSheet(t *testing.T, rows [][]any, headerRow, row int, col string, value any) {
	t.Helper()
	rows[row][colIndex(t, rows[headerRow], col)] = value
}

// badInput is a change to the fixture's files that Import must refuse
// with an *Error naming want's file, row and column, its message holding
// msg.
type badInput struct {
	name   string
	change func(t *testing.T, fx *fixture)
	want   Error // Err is matched by the text in msg
	msg    string
}

// checkBadInputs imports the fixture with each change, as a subtest.
func checkBadInputs(t *testing.T, cases []badInput) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fx := newFixture()
			c.change(t, fx)
			_, err := Import(fx.write(t))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want an *Error", err)
			}
			if e.File != c.want.File || e.Row != c.want.Row || e.Column != c.want.Column || !strings.Contains(e.Err.Error(), c.msg) {
				t.Fatalf("err = %v\nwant file %q row %d column %q: …%s…", err, c.want.File, c.want.Row, c.want.Column, c.msg)
			}
			if !strings.Contains(err.Error(), c.want.File) {
				t.Errorf("message %q does not name the file", err)
			}
		})
	}
}
