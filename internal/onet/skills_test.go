package onet

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// ratingRows are one element's importance and level rows in Skills.xlsx or
// Knowledge.xlsx: suppressIM and suppressLV set Recommend Suppress,
// irrelevant sets Not Relevant (on the level row, as O*NET does).
func ratingRows(code, title, id, name string, im, lv float64, suppressIM, suppressLV, irrelevant bool) [][]any {
	yn := func(b bool) string {
		if b {
			return "Y"
		}
		return "N"
	}
	return [][]any{
		{code, title, id, name, "IM", "Importance", im, 8.0, 0.1, im - 0.2, im + 0.2, yn(suppressIM), "", "08/2023", "Analyst"},
		{code, title, id, name, "LV", "Level", lv, 8.0, 0.1, lv - 0.2, lv + 0.2, yn(suppressLV), yn(irrelevant), "08/2023", "Analyst"},
	}
}

func ratingHeader() []any {
	return []any{"O*NET-SOC Code", "Title", "Element ID", "Element Name", "Scale ID", "Scale Name", "Data Value", "N", "Standard Error", "Lower CI Bound", "Upper CI Bound", "Recommend Suppress", "Not Relevant", "Date", "Domain Source"}
}

// fixtureSkills: Software Developers have eleven skills rated, of which one
// is not relevant and one has its importance suppressed, with ties in
// importance (broken by level, then by element ID); Actors are rated on the
// same eleven, all but one not relevant; Software Developers have two
// knowledge areas.
func fixtureSkills() map[string][][]any {
	sd, st := "15-1252.00", "Software Developers"
	skills, actors := [][]any{ratingHeader()}, [][]any{}
	for _, e := range []struct {
		id, name         string
		im, lv           float64
		supIM, supLV, nr bool
	}{
		{"2.A.1.a", "Reading Comprehension", 4, 4.5, false, false, false},
		{"2.A.1.b", "Active Listening", 3.5, 3.88, false, false, false},
		{"2.A.1.c", "Writing", 3.5, 3.88, false, false, false},
		{"2.A.1.d", "Speaking", 3.5, 4, false, false, false},
		{"2.A.1.e", "Mathematics", 3.25, 3, false, false, false},
		{"2.A.2.a", "Critical Thinking", 4.25, 4.62, false, false, false},
		{"2.A.2.b", "Active Learning", 3, 3, false, false, false},
		{"2.B.2.i", "Complex Problem Solving", 4.12, 4.75, false, true, false},
		{"2.B.3.e", "Technology Design", 4.5, 4, true, false, false},
		{"2.B.3.k", "Troubleshooting", 3, 3.12, false, false, false},
		{"2.B.5.a", "Management of Financial Resources", 4.9, 0, false, false, true},
	} {
		skills = append(skills, ratingRows(sd, st, e.id, e.name, e.im, e.lv, e.supIM, e.supLV, e.nr)...)
		if e.name == "Speaking" {
			actors = append(actors, ratingRows("27-2011.00", "Actors", e.id, e.name, 3.88, 4.12, false, false, false)...)
		} else {
			actors = append(actors, ratingRows("27-2011.00", "Actors", e.id, e.name, 1, 0.5, false, false, true)...)
		}
	}
	skills = append(skills, actors...)
	knowledge := [][]any{ratingHeader()}
	knowledge = append(knowledge, ratingRows(sd, st, "2.C.4.a", "Mathematics", 3.8, 4.1, false, false, false)...)
	knowledge = append(knowledge, ratingRows(sd, st, "2.C.3.a", "Computers and Electronics", 4.5, 5, false, false, false)...)
	return map[string][][]any{fileSkills: skills, fileKnowledge: knowledge}
}

// fixtureEducationCategories is the categories file, in its layout, with
// descriptions of the fixture's own.
func fixtureEducationCategories() [][]string {
	rows := [][]string{{"Element ID", "Element Name", "Scale ID", "Scale Name", "Category", "Category Description"}}
	add := func(id, name, scale string, descs ...string) {
		for i, d := range descs {
			rows = append(rows, []string{id, name, scale, name + " scale", fmt.Sprint(i + 1), d})
		}
	}
	add("2.D.1", "Required Level of Education", "RL", "Less than a High School Diploma", "High School Diploma or GED",
		"Post-Secondary Certificate", "Some College Courses", "Associate's Degree", "Bachelor's Degree",
		"Post-Baccalaureate Certificate", "Master's Degree", "Post-Master's Certificate", "First Professional Degree",
		"Doctoral Degree", "Post-Doctoral Training")
	add("3.A.1", "Related Work Experience", "RW", "", "Up to 1 month", "1 month to 3 months", "3 months to 6 months",
		"6 months to 1 year", "1 year to 2 years", "2 years to 4 years", "4 years to 6 years", "6 years to 8 years",
		"8 years to 10 years", "Over 10 years")
	add("3.A.2", "On-Site or In-Plant Training", "PT", "", "a month", "three months")
	add("3.A.3", "On-the-Job Training", "OJ", "None or short demonstration", "short demonstration to 1 month",
		"1 month to 3 months", "3 months to 6 months", "6 months to 1 year", "1 year to 2 years", "2 years to 4 years",
		"4 years to 10 years", "Over 10 years")
	return rows
}

// fixtureEducation: Software Developers' answers, one share flagged for
// suppression; on-site training (PT) and importance (IM) rows are not kept.
func fixtureEducation() [][]any {
	rows := [][]any{{"O*NET-SOC Code", "Title", "Element ID", "Element Name", "Scale ID", "Scale Name", "Category", "Data Value", "N", "Standard Error", "Lower CI Bound", "Upper CI Bound", "Recommend Suppress", "Date", "Domain Source"}}
	add := func(id, scale string, values []float64, flagged int, date string) {
		for i, v := range values {
			sup := "N"
			if i+1 == flagged {
				sup = "Y"
			}
			rows = append(rows, []any{"15-1252.00", "Software Developers", id, "element", scale, "scale", float64(i + 1), v, 27.0, 1.0, "", "", sup, date, "Incumbent"})
		}
	}
	add("2.D.1", "RL", []float64{0, 5, 0, 10, 15, 60, 0, 10, 0, 0, 0, 0}, 6, "08/2022")
	add("3.A.1", "RW", []float64{20, 0, 0, 0, 10, 30, 25, 15, 0, 0, 0}, 0, "08/2023")
	add("3.A.2", "PT", []float64{50, 50}, 0, "08/2023")
	add("3.A.3", "OJ", []float64{10, 20, 30.5, 39.5, 0, 0, 0, 0, 0}, 0, "08/2023")
	rows = append(rows, []any{"15-1252.00", "Software Developers", "2.D.4.a", "Certification", "IM", "Importance", "", 3.01, 28.0, 0.2, 2.4, 3.5, "N", "08/2023", "Incumbent"})
	return rows
}

func lv(v float64) *float64 { return &v }

// TestImportSkills: the top skills by importance, ties to the higher level
// and then to the element first in O*NET's order; nothing O*NET marks not
// relevant or whose importance it suppresses; no level where it suppresses
// that; the 29.0 release named as its own source.
func TestImportSkills(t *testing.T) {
	f := importFixture(t, newFixture())
	sd := byCode(t, f, "15-1252.00")
	want := []Rating{
		{"Critical Thinking", 4.25, lv(4.62)},
		{"Complex Problem Solving", 4.12, nil},
		{"Reading Comprehension", 4, lv(4.5)},
		{"Speaking", 3.5, lv(4)},
		{"Active Listening", 3.5, lv(3.88)},
		{"Writing", 3.5, lv(3.88)},
		{"Mathematics", 3.25, lv(3)},
		{"Troubleshooting", 3, lv(3.12)},
	}
	if !reflect.DeepEqual(sd.Skills, want) {
		t.Errorf("skills:\n got %s\nwant %s", ratingsText(sd.Skills), ratingsText(want))
	}
	if want := []Rating{{"Computers and Electronics", 4.5, lv(5)}, {"Mathematics", 3.8, lv(4.1)}}; !reflect.DeepEqual(sd.Knowledge, want) {
		t.Errorf("knowledge = %s, want %s", ratingsText(sd.Knowledge), ratingsText(want))
	}
	if a := byCode(t, f, "27-2011.00"); !reflect.DeepEqual(a.Skills, []Rating{{"Speaking", 3.88, lv(4.12)}}) || len(a.Knowledge) != 0 {
		t.Errorf("actors = %s / %s", ratingsText(a.Skills), ratingsText(a.Knowledge))
	}
	if want := []string{"Reading Comprehension", "Active Listening", "Writing", "Speaking", "Mathematics", "Critical Thinking", "Active Learning",
		"Complex Problem Solving", "Technology Design", "Troubleshooting", "Management of Financial Resources"}; !reflect.DeepEqual(f.Header.SkillNames, want) {
		t.Errorf("skill names = %q, want Content Model order %q", f.Header.SkillNames, want)
	}
	// Every skill's level, as published but 0 where not relevant.
	if want := []float64{4.5, 3.88, 3.88, 4, 3, 4.62, 3, 4.75, 4, 3.12, 0}; !reflect.DeepEqual(sd.SkillLevels, want) {
		t.Errorf("skill levels = %v, want %v", sd.SkillLevels, want)
	}
	if want := []float64{0, 0, 0, 4.12, 0, 0, 0, 0, 0, 0, 0}; !reflect.DeepEqual(byCode(t, f, "27-2011.00").SkillLevels, want) {
		t.Errorf("actors' skill levels = %v, want %v", byCode(t, f, "27-2011.00").SkillLevels, want)
	}
	var src *Source
	for i, s := range f.Header.Sources {
		if s.Key == SourceSkills {
			src = &f.Header.Sources[i]
		}
	}
	if src == nil || src.Name != "O*NET 29.0 Database: Skills and Knowledge" || src.Release != "August 2024" ||
		!reflect.DeepEqual(src.Files, []string{fileReadMe, fileSkills, fileKnowledge}) || !strings.HasPrefix(src.Credit, "This page includes information from the O*NET 29.0 Database by the U.S. Department of Labor") {
		t.Errorf("skills source = %+v", src)
	}
	var b bytes.Buffer
	if err := Write(&b, f); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.Contains(line, `"code":"15-1252.00"`) && !strings.Contains(line, `{"name":"Complex Problem Solving","im":4.12,"lv":null}`) {
			t.Errorf("15-1252.00: no null level for the suppressed one: %s", line)
		}
		if strings.Contains(line, `"code":"55-1011.00"`) && !strings.Contains(line, `"skills":[],"knowledge":[],"skill_levels":[],"education":null`) {
			t.Errorf("55-1011.00: want empty skills and knowledge and no education: %s", line)
		}
	}
	for _, o := range f.Occupations {
		for _, r := range o.Skills {
			if r.Name == "Technology Design" || r.Name == "Management of Financial Resources" {
				t.Errorf("%s keeps %s, which O*NET marks not relevant or suppresses", o.Code, r.Name)
			}
		}
	}
}

func ratingsText(rs []Rating) string {
	var parts []string
	for _, r := range rs {
		l := "nil"
		if r.Level != nil {
			l = fmt.Sprint(*r.Level)
		}
		parts = append(parts, fmt.Sprintf("%s %v/%s", r.Name, r.Importance, l))
	}
	return strings.Join(parts, "; ")
}

func TestImportEducation(t *testing.T) {
	f := importFixture(t, newFixture())
	want := &Education{
		Required:   []float64{0, 5, 0, 10, 15, 60, 0, 10, 0, 0, 0, 0},
		Experience: []float64{20, 0, 0, 0, 10, 30, 25, 15, 0, 0, 0},
		Training:   []float64{10, 20, 30.5, 39.5, 0, 0, 0, 0, 0},
		Flagged:    []string{"required 6"},
		Date:       "08/2023",
		Domain:     "Incumbent",
	}
	if got := byCode(t, f, "15-1252.00").Education; !reflect.DeepEqual(got, want) {
		t.Errorf("education = %+v\nwant %+v", got, want)
	}
	if got := byCode(t, f, "27-2011.00").Education; got != nil {
		t.Errorf("actors education = %+v, want none", got)
	}
	if len(EducationLevels()) != 12 || len(ExperienceSpans()) != 11 || len(TrainingSpans()) != 9 {
		t.Error("labels do not match O*NET's category counts")
	}
}

// TestImportTechnologies: every technology counted, grouped by category,
// the largest category first and the flagged technologies first in each.
func TestImportTechnologies(t *testing.T) {
	f := importFixture(t, newFixture())
	sd := byCode(t, f, "15-1252.00")
	want := []TechCategory{
		{"Object or component oriented development software", 2, []Technology{{Name: "Python", InDemand: true}, {Name: "COBOL"}}},
		{"Configuration management software", 1, []Technology{{Name: "Git", Hot: true}}},
		{"Development environment software", 1, []Technology{{Name: "Python", Hot: true}}},
		{"Operating system software", 1, []Technology{{Name: "Kubernetes", InDemand: true}}},
	}
	if !reflect.DeepEqual(sd.Technologies, want) {
		t.Errorf("technologies = %+v\nwant %+v", sd.Technologies, want)
	}
	if want := (TechCount{Technologies: 4, Categories: 4, Hot: 2, InDemand: 2}); sd.Tech != want {
		t.Errorf("counts = %+v, want %+v", sd.Tech, want)
	}

	// Many categories: the MaxTechCategories largest kept, each with at
	// most MaxTechExamples, the counts whole.
	fx := newFixture()
	total := 0
	for c := range MaxTechCategories + 2 {
		for i := range c + 1 {
			hot := "N"
			if i == c {
				hot = "Y"
			}
			fx.onet[fileTechnology] = append(fx.onet[fileTechnology], []string{"27-2011.00", "Actors", fmt.Sprintf("Tool %02d-%02d", c, i), "1", fmt.Sprintf("Category %02d", c), hot, "N"})
			total++
		}
	}
	a := byCode(t, importFixture(t, fx), "27-2011.00")
	if a.Tech != (TechCount{Technologies: total, Categories: MaxTechCategories + 2, Hot: MaxTechCategories + 2}) || len(a.Technologies) != MaxTechCategories {
		t.Fatalf("actors: %+v, %d categories kept", a.Tech, len(a.Technologies))
	}
	first := a.Technologies[0]
	wantFirst := fmt.Sprintf("Category %02d", MaxTechCategories+1)
	if first.Category != wantFirst || first.Count != MaxTechCategories+2 || len(first.Examples) != MaxTechExamples ||
		first.Examples[0] != (Technology{Name: fmt.Sprintf("Tool %02d-%02d", MaxTechCategories+1, MaxTechCategories+1), Hot: true}) ||
		first.Examples[1].Name != fmt.Sprintf("Tool %02d-00", MaxTechCategories+1) {
		t.Errorf("largest category = %+v, want %s with the hot tool first, then by name", first, wantFirst)
	}
	if last := a.Technologies[MaxTechCategories-1]; last.Category != "Category 02" || last.Count != 3 {
		t.Errorf("last kept = %+v, want Category 02 (3)", last)
	}
}

func TestBadSkillAndEducationRows(t *testing.T) {
	cases := []badInput{
		{"importance off the scale", func(t *testing.T, fx *fixture) {
			setSheet(t, fx.skills[fileSkills], 0, 3, "Data Value", 5.5)
		}, Error{File: "Skills.xlsx [Skills]", Row: 4, Column: "Data Value"}, "outside 1-5"},
		{"level off the scale", func(t *testing.T, fx *fixture) {
			setSheet(t, fx.skills[fileKnowledge], 0, 2, "Data Value", 7.5)
		}, Error{File: "Knowledge.xlsx [Knowledge]", Row: 3, Column: "Data Value"}, "outside 0-7"},
		{"unknown scale", func(t *testing.T, fx *fixture) {
			setSheet(t, fx.skills[fileSkills], 0, 1, "Scale ID", "XX")
		}, Error{File: "Skills.xlsx [Skills]", Row: 2, Column: "Scale ID"}, `unknown scale "XX"`},
		{"unknown occupation", func(t *testing.T, fx *fixture) {
			setSheet(t, fx.skills[fileSkills], 0, 1, "O*NET-SOC Code", "15-1252.99")
		}, Error{File: "Skills.xlsx [Skills]", Row: 2, Column: "O*NET-SOC Code"}, "is not in Occupation Data.txt"},
		{"skill without its level row", func(t *testing.T, fx *fixture) {
			fx.skills[fileKnowledge] = fx.skills[fileKnowledge][:4]
		}, Error{File: "Knowledge.xlsx [Knowledge]", Column: "Scale ID"}, "15-1252.00 has no level (LV) row for 2.C.3.a"},
		{"an occupation rated on fewer skills", func(t *testing.T, fx *fixture) {
			rows := fx.skills[fileSkills]
			fx.skills[fileSkills] = rows[:len(rows)-2] // Actors' last skill, both rows
		}, Error{File: fileSkills, Column: "Element ID"}, "27-2011.00 is rated on 10 skills, other occupations on 11"},
		{"share above 100", func(t *testing.T, fx *fixture) {
			setSheet(t, fx.education, 0, 1, "Data Value", 101.0)
		}, Error{File: fileEducation + " [Education, Training, and Experi]", Row: 2, Column: "Data Value"}, "outside 0-100"},
		{"category twice", func(t *testing.T, fx *fixture) {
			setSheet(t, fx.education, 0, 2, "Category", 1.0)
		}, Error{File: fileEducation + " [Education, Training, and Experi]", Row: 3, Column: "Category"}, "RL category 1 appears twice"},
		{"renumbered category", func(t *testing.T, fx *fixture) {
			fx.setTSV(t, fileEducationCats, 6, "Category Description", "Master's Degree")
		}, Error{File: fileEducationCats, Row: 7, Column: "Category Description"}, `does not fit careerguide's "a bachelor's degree"`},
	}
	checkBadInputs(t, cases)
}

func TestReadFileFigures(t *testing.T) {
	fx := newFixture()
	p := fx.write(t)
	got, err := ReadFileFigures(p.ONET, p.Skills)
	if err != nil {
		t.Fatal(err)
	}
	f := importFixture(t, fx)
	if len(got) != len(f.Occupations) {
		t.Fatalf("%d occupations, want %d", len(got), len(f.Occupations))
	}
	for _, o := range f.Occupations {
		if want := (FileFigures{Skills: o.Skills, Knowledge: o.Knowledge, SkillLevels: o.SkillLevels, Education: o.Education, AltTitles: o.AltTitles}); !reflect.DeepEqual(got[o.Code], want) {
			t.Errorf("%s = %+v, want what Import keeps: %+v", o.Code, got[o.Code], want)
		}
	}
	if len(got["15-1252.00"].Skills) != MaxRatings || got["15-1252.00"].Education == nil {
		t.Errorf("15-1252.00 = %+v", got["15-1252.00"])
	}
}
