package onet

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// O*NET's Education, Training, and Experience ratings (a workbook) and the
// names of their categories (a text file).
const (
	fileEducation     = "Education, Training, and Experience.xlsx"
	fileEducationCats = "Education, Training, and Experience Categories.txt"
)

// educationScale is one of the three scales the importer keeps.
type educationScale struct {
	scale string // Scale ID
	key   string // in Education.Flagged: "required", "experience", "training"
	// labels are careerguide's words for the categories, in order; fit
	// holds, for each, words O*NET's description of that category must
	// contain, so that a renumbered category fails the import instead of
	// being shown under the wrong words.
	labels []string
	fit    [][]string
}

// educationScales are the scales read: required level of education (RL),
// related work experience (RW) and on-the-job training (OJ), in
// Education's order. On-site or in-plant training (PT) is not kept.
func educationScales() [3]educationScale {
	return [3]educationScale{
		{"RL", "required", EducationLevels(), [][]string{
			{"Less than", "High School"}, {"High School Diploma"}, {"Post-Secondary Certificate"}, {"Some College"},
			{"Associate"}, {"Bachelor"}, {"Post-Baccalaureate"}, {"Master's Degree"}, {"Post-Master"},
			{"First Professional"}, {"Doctoral Degree"}, {"Post-Doctoral"},
		}},
		{"RW", "experience", ExperienceSpans(), [][]string{
			{}, {"Up to", "1 month"}, {"1 month", "3 months"}, {"3 months", "6 months"}, {"6 months", "1 year"},
			{"1 year", "2 years"}, {"2 years", "4 years"}, {"4 years", "6 years"}, {"6 years", "8 years"},
			{"8 years", "10 years"}, {"Over 10 years"},
		}},
		{"OJ", "training", TrainingSpans(), [][]string{
			{"None", "short demonstration"}, {"short demonstration", "1 month"}, {"1 month", "3 months"},
			{"3 months", "6 months"}, {"6 months", "1 year"}, {"1 year", "2 years"}, {"2 years", "4 years"},
			{"4 years", "10 years"}, {"Over 10 years"},
		}},
	}
}

// EducationLevels names O*NET's 12 categories of required education, in
// order, in careerguide's words (to follow "say the job needs").
func EducationLevels() []string {
	return []string{
		"less than a high school diploma", "a high school diploma or the equivalent", "a post-secondary certificate",
		"some college courses", "an associate's degree", "a bachelor's degree", "a post-baccalaureate certificate",
		"a master's degree", "a post-master's certificate", "a first professional degree (such as law or medicine)",
		"a doctoral degree", "post-doctoral training",
	}
}

// ExperienceSpans names O*NET's 11 categories of related work experience,
// in order, in careerguide's words.
func ExperienceSpans() []string {
	return []string{
		"none", "up to a month", "1 to 3 months", "3 to 6 months", "6 months to a year", "1 to 2 years",
		"2 to 4 years", "4 to 6 years", "6 to 8 years", "8 to 10 years", "more than 10 years",
	}
}

// TrainingSpans names O*NET's 9 categories of on-the-job training, in
// order, in careerguide's words.
func TrainingSpans() []string {
	return []string{
		"none or a short demonstration", "up to a month", "1 to 3 months", "3 to 6 months", "6 months to a year",
		"1 to 2 years", "2 to 4 years", "4 to 10 years", "more than 10 years",
	}
}

// checkEducationCategories reads the categories file and checks that each
// scale's categories are the ones careerguide's labels name.
func checkEducationCategories(dir string) error {
	t, err := readTSV(filepath.Join(dir, fileEducationCats))
	if err != nil {
		return err
	}
	const colScale, colCat, colDesc = "Scale ID", "Category", "Category Description"
	if err := t.need(colScale, colCat, colDesc); err != nil {
		return err
	}
	scales := educationScales()
	seen := map[string]int{}
	for i := range t.rows {
		r := t.row(i)
		scale := r.text(colScale)
		if r.err != nil {
			return r.err
		}
		var s *educationScale
		for k := range scales {
			if scales[k].scale == scale {
				s = &scales[k]
			}
		}
		if s == nil {
			continue
		}
		cat := int(r.numIn(colCat, 0, 1, float64(len(s.labels))))
		desc := r.str(colDesc)
		if r.err == nil {
			for _, w := range s.fit[cat-1] {
				if !strings.Contains(desc, w) {
					r.fail(colDesc, "%s category %d is %q, which does not fit careerguide's %q", scale, cat, desc, s.labels[cat-1])
					break
				}
			}
		}
		if r.err != nil {
			return r.err
		}
		seen[scale]++
	}
	for _, s := range scales {
		if seen[s.scale] != len(s.labels) {
			return &Error{File: t.name, Column: colScale, Err: fmt.Errorf("%d categories of %s, want %d", seen[s.scale], s.scale, len(s.labels))}
		}
	}
	return nil
}

// readEducation fills Education from the workbook in dir.
func readEducation(dir string, occ occupations) error {
	if err := checkEducationCategories(dir); err != nil {
		return err
	}
	wb, err := openWorkbook(filepath.Join(dir, fileEducation))
	if err != nil {
		return err
	}
	defer wb.Close()
	sheets := wb.GetSheetList()
	if len(sheets) == 0 {
		return &Error{File: fileEducation, Err: errors.New("no sheet")}
	}
	t, err := readSheet(wb, fileEducation, sheets[0], colCode, func(c string) bool { return c == colCode })
	if err != nil {
		return err
	}
	const colScale, colCat, colValue, colSuppress, colDomain = "Scale ID", "Category", "Data Value", "Recommend Suppress", "Domain Source"
	if err := t.need(colCode, colScale, colCat, colValue, colSuppress, "Date", colDomain); err != nil {
		return err
	}
	type rows struct {
		edu      *Education
		seen     [3][]bool
		firstRow int
	}
	scales := educationScales()
	byOcc := map[*Occupation]*rows{}
	for i := range t.rows {
		r := t.row(i)
		o := occ.lookup(r, colCode)
		scale := r.text(colScale)
		if r.err != nil {
			return r.err
		}
		k := -1
		for j, s := range scales {
			if s.scale == scale {
				k = j
			}
		}
		if k < 0 {
			continue
		}
		s := scales[k]
		cat := int(r.numIn(colCat, 0, 1, float64(len(s.labels))))
		v := r.numIn(colValue, 2, 0, 100)
		date, domain := r.date("Date"), r.text(colDomain)
		if r.err != nil {
			return r.err
		}
		e := byOcc[o]
		if e == nil {
			e = &rows{edu: &Education{
				Required: make([]float64, len(scales[0].labels)), Experience: make([]float64, len(scales[1].labels)),
				Training: make([]float64, len(scales[2].labels)), Flagged: []string{},
			}, firstRow: t.rowNums[i]}
			for j, s := range scales {
				e.seen[j] = make([]bool, len(s.labels))
			}
			byOcc[o] = e
		}
		if e.seen[k][cat-1] {
			r.fail(colCat, "%s category %d appears twice for %s", scale, cat, o.Code)
			return r.err
		}
		e.seen[k][cat-1] = true
		[3][]float64{e.edu.Required, e.edu.Experience, e.edu.Training}[k][cat-1] = v
		switch r.str(colSuppress) {
		case "Y":
			e.edu.Flagged = append(e.edu.Flagged, s.key+" "+strconv.Itoa(cat))
		case "N", "":
		default:
			r.fail(colSuppress, "want Y, N or nothing, not %q", r.str(colSuppress))
			return r.err
		}
		e.edu.Date = laterDate(e.edu.Date, date)
		if k == 0 {
			e.edu.Domain = domain
		}
	}
	for o, e := range byOcc {
		for k, s := range scales {
			for c, ok := range e.seen[k] {
				if !ok {
					return &Error{File: t.name, Row: e.firstRow, Column: colCat, Err: fmt.Errorf("%s has no %s category %d", o.Code, s.scale, c+1)}
				}
			}
		}
		o.Education = e.edu
	}
	return nil
}
