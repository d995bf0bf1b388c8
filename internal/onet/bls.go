package onet

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

var socRE = regexp.MustCompile(`^\d{2}-\d{4}$`)

// oewsRow is one detailed occupation of the OEWS national table.
type oewsRow struct {
	SOC, Title string
	Employment Figure
	Annual     Pay
	Hourly     Pay
	AnnualOnly bool
	HourlyOnly bool
}

// oews is what the importer takes from the OEWS national workbook.
type oews struct {
	Release string // "May 2024"
	Top     WageTop
	Rows    map[string]*oewsRow // detailed occupations by SOC code
}

var (
	oewsReleaseRE = regexp.MustCompile(`^([A-Z][a-z]+ \d{4}) OEWS Estimates$`)
	// e.g. "#  = indicates a wage equal to or greater than $115.00 per hour or $239,200 per year"
	oewsTopRE = regexp.MustCompile(`^#\s*=.*\$([\d,]+(?:\.\d+)?) per hour or \$([\d,]+(?:\.\d+)?) per year`)
)

// readOEWS reads the national OEWS workbook (e.g. national_M2024_dl.xlsx):
// the data sheet (the one with an OCC_CODE column) and the notes giving
// the release and the top-coded wage.
func readOEWS(path string) (*oews, error) {
	file := filepath.Base(path)
	wb, err := openWorkbook(path)
	if err != nil {
		return nil, err
	}
	defer wb.Close()

	out := &oews{Rows: map[string]*oewsRow{}}
	var t *table
	for _, sheet := range wb.GetSheetList() {
		rows, err := wb.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, &Error{File: fmt.Sprintf("%s [%s]", file, sheet), Err: err}
		}
		for _, r := range rows {
			for _, c := range r {
				c = strings.TrimSpace(c)
				if m := oewsReleaseRE.FindStringSubmatch(c); m != nil && out.Release == "" {
					out.Release = m[1]
				}
				if m := oewsTopRE.FindStringSubmatch(c); m != nil && out.Top.Annual == 0 {
					out.Top.Hourly, _ = strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
					out.Top.Annual, _ = strconv.ParseFloat(strings.ReplaceAll(m[2], ",", ""), 64)
				}
			}
		}
		if t == nil && len(rows) > 0 && contains(rows[0], "OCC_CODE") {
			if t, err = sheetTable(file, sheet, rows, "OCC_CODE", func(c string) bool { return c == "OCC_CODE" }); err != nil {
				return nil, err
			}
		}
	}
	if t == nil {
		return nil, &Error{File: file, Column: "OCC_CODE", Err: errors.New("no sheet has this column")}
	}
	if out.Release == "" {
		return nil, &Error{File: file, Err: errors.New(`no "Month YYYY OEWS Estimates" title in the notes`)}
	}
	if out.Top.Annual <= 0 || out.Top.Hourly <= 0 {
		return nil, &Error{File: file, Err: errors.New(`no note giving the top-coded wage ("# = ... $N per hour or $N per year")`)}
	}

	wage := []string{"MEAN", "PCT10", "PCT25", "MEDIAN", "PCT75", "PCT90"}
	cols := []string{"AREA", "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP", "ANNUAL", "HOURLY"}
	for _, w := range wage {
		cols = append(cols, "A_"+w, "H_"+w)
	}
	if err := t.need(cols...); err != nil {
		return nil, err
	}
	pay := func(r *row, prefix string, decimals int) Pay {
		f := func(w string) Figure { return r.figure(prefix+w, decimals, AboveTop, NotPublished) }
		return Pay{Mean: f("MEAN"), P10: f("PCT10"), P25: f("PCT25"), Median: f("MEDIAN"), P75: f("PCT75"), P90: f("PCT90")}
	}
	for i := range t.rows {
		r := t.row(i)
		if area := r.text("AREA"); r.err == nil && area != "99" {
			r.fail("AREA", "%q is not the national estimate (99): use the national file", area)
		}
		group := r.text("O_GROUP")
		if r.err != nil {
			return nil, r.err
		}
		if group != "detailed" {
			continue
		}
		o := &oewsRow{
			SOC:        r.text("OCC_CODE"),
			Title:      r.text("OCC_TITLE"),
			Employment: r.figure("TOT_EMP", 0, NoEmployment),
			Annual:     pay(r, "A_", 0),
			Hourly:     pay(r, "H_", 2),
			AnnualOnly: r.boolText("ANNUAL"),
			HourlyOnly: r.boolText("HOURLY"),
		}
		if r.err == nil && !socRE.MatchString(o.SOC) {
			r.fail("OCC_CODE", "want a SOC code like 15-1252, not %q", o.SOC)
		}
		if r.err == nil && out.Rows[o.SOC] != nil {
			r.fail("OCC_CODE", "%s appears twice", o.SOC)
		}
		if r.err != nil {
			return nil, r.err
		}
		out.Rows[o.SOC] = o
	}
	if len(out.Rows) == 0 {
		return nil, &Error{File: t.name, Column: "O_GROUP", Err: errors.New(`no "detailed" occupations`)}
	}
	return out, nil
}

// boolText reads an OEWS TRUE/empty column.
func (r *row) boolText(col string) bool {
	switch s := r.str(col); strings.ToUpper(s) {
	case "TRUE":
		return true
	case "", "FALSE":
		return false
	default:
		r.fail(col, "want TRUE or nothing, not %q", s)
		return false
	}
}

func contains(cells []string, s string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) == s {
			return true
		}
	}
	return false
}

// projections is what the importer takes from the projections workbook.
type projections struct {
	Years ProjectionYears
	Rows  map[string]*Projection // line items by SOC code
}

// projectionsSheet is the sheet of occupation.xlsx with every occupation.
const projectionsSheet = "Table 1.2"

var employmentYearRE = regexp.MustCompile(`^Employment, (\d{4})$`)

// readProjections reads sheet "Table 1.2" of the Employment Projections
// workbook (occupation.xlsx). Its column headers carry the years
// ("Employment, 2024"); a figure BLS shows as "—" fails, a category so
// shown is "".
func readProjections(path string) (*projections, error) {
	file := filepath.Base(path)
	wb, err := openWorkbook(path)
	if err != nil {
		return nil, err
	}
	defer wb.Close()
	const codeSuffix = "National Employment Matrix code"
	t, err := readSheet(wb, file, projectionsSheet, "… "+codeSuffix, func(c string) bool { return strings.HasSuffix(c, codeSuffix) })
	if err != nil {
		return nil, err
	}
	prefix := func(p string) func(string) bool { return func(h string) bool { return strings.HasPrefix(h, p) } }
	var c struct{ code, title, typ, base, projected, change, percent, openings, education, experience, training, handbook string }
	for _, f := range []struct {
		dst   *string
		desc  string
		match func(string) bool
	}{
		{&c.code, "… " + codeSuffix, func(h string) bool { return strings.HasSuffix(h, codeSuffix) }},
		{&c.title, "… National Employment Matrix title", func(h string) bool { return strings.HasSuffix(h, "National Employment Matrix title") }},
		{&c.typ, "Occupation type", func(h string) bool { return h == "Occupation type" }},
		{&c.change, "Employment change, numeric, …", prefix("Employment change, numeric")},
		{&c.percent, "Employment change, percent, …", prefix("Employment change, percent")},
		{&c.openings, "Occupational openings, …", prefix("Occupational openings")},
		{&c.education, "Typical education needed for entry", prefix("Typical education needed for entry")},
		{&c.experience, "Work experience in a related occupation", prefix("Work experience in a related occupation")},
		{&c.training, "Typical on-the-job training …", prefix("Typical on-the-job training")},
		{&c.handbook, "Related Occupational Outlook Handbook (OOH) content …", prefix("Related Occupational Outlook Handbook")},
	} {
		if *f.dst, err = t.find(f.desc, f.match); err != nil {
			return nil, err
		}
	}
	var years []int
	for _, h := range t.header {
		if m := employmentYearRE.FindStringSubmatch(h); m != nil {
			y, _ := strconv.Atoi(m[1])
			years = append(years, y)
			if len(years) == 1 {
				c.base = h
			} else {
				c.projected = h
			}
		}
	}
	if len(years) != 2 || years[1] <= years[0] {
		return nil, &Error{File: t.name, Row: t.headerRow, Column: "Employment, YYYY", Err: fmt.Errorf("want two columns, base year then projected year; found %d", len(years))}
	}
	out := &projections{Years: ProjectionYears{Base: years[0], Projected: years[1]}, Rows: map[string]*Projection{}}
	category := func(r *row, col string) string {
		if s := r.str(col); s != "—" {
			return s
		}
		return ""
	}
	handbookCol := t.col[c.handbook]
	for i := range t.rows {
		r := t.row(i)
		switch typ := r.text(c.typ); typ {
		case "Summary":
			continue
		case "Line item":
		default:
			r.fail(c.typ, `want "Line item" or "Summary", not %q`, typ)
		}
		p := &Projection{
			SOC:                          r.text(c.code),
			Title:                        r.text(c.title),
			EmploymentThousands:          r.num(c.base, 1),
			ProjectedEmploymentThousands: r.num(c.projected, 1),
			ChangeThousands:              r.num(c.change, 1),
			ChangePercent:                r.num(c.percent, 1),
			OpeningsThousands:            r.num(c.openings, 1),
			Education:                    category(r, c.education),
			Experience:                   category(r, c.experience),
			Training:                     category(r, c.training),
		}
		if r.err == nil && !socRE.MatchString(p.SOC) {
			r.fail(c.code, "want a SOC code like 15-1252, not %q", p.SOC)
		}
		if r.err == nil && out.Rows[p.SOC] != nil {
			r.fail(c.code, "%s appears twice", p.SOC)
		}
		if r.err != nil {
			return nil, r.err
		}
		if category(r, c.handbook) != "" {
			cell, err := excelize.CoordinatesToCellName(handbookCol+1, t.rowNums[i])
			if err != nil {
				return nil, err
			}
			ok, link, err := wb.GetCellHyperLink(projectionsSheet, cell)
			if err != nil {
				r.fail(c.handbook, "%v", err)
				return nil, r.err
			}
			if ok && link != "" {
				if !strings.HasPrefix(link, "https://www.bls.gov/") {
					r.fail(c.handbook, "link %q is not on https://www.bls.gov/", link)
					return nil, r.err
				}
				p.HandbookURL = link
			}
		}
		out.Rows[p.SOC] = p
	}
	if len(out.Rows) == 0 {
		return nil, &Error{File: t.name, Column: c.typ, Err: errors.New(`no "Line item" rows`)}
	}
	return out, nil
}
