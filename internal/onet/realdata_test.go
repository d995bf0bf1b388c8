package onet

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
)

// The published files, kept beside the repository (not in it).
var sharedData = filepath.Join("..", "..", "..", "shared", "data")

var real struct {
	once sync.Once
	file *File
	err  error
}

// importReal imports the published files once for all tests, or skips
// when they are absent.
func importReal(t *testing.T) *File {
	t.Helper()
	p := Paths{
		ONET:        filepath.Join(sharedData, "onet-29.3"),
		Skills:      filepath.Join(sharedData, "onet-29.0"),
		OEWS:        filepath.Join(sharedData, "bls", "national_M2024_dl.xlsx"),
		Projections: filepath.Join(sharedData, "bls", "occupation.xlsx"),
	}
	for _, path := range []string{p.ONET, p.Skills, p.OEWS, p.Projections} {
		if _, err := os.Stat(path); err != nil {
			t.Skipf("the published O*NET and BLS files are not beside the repository (%v)", err)
		}
	}
	real.once.Do(func() { real.file, real.err = Import(p) })
	if real.err != nil {
		t.Fatal(real.err)
	}
	return real.file
}

// TestRealFigures checks figures against what the published files say.
func TestRealFigures(t *testing.T) {
	f := importReal(t)
	for _, c := range []struct {
		code                string
		p10, median, p90    float64
		growth              float64
		education, soc, ttl string
	}{
		{"15-1252.00", 79850, 133080, 211450, 15.8, "Bachelor's degree", "15-1252", "Software Developers"},
		{"15-1254.00", 48560, 90930, 162870, 7.5, "Bachelor's degree", "15-1254", "Web Developers"},
		{"15-1243.00", 0, 135980, 0, 8.7, "Bachelor's degree", "15-1243", "Database Architects"},
		{"15-2051.00", 0, 112590, 0, 33.5, "Bachelor's degree", "15-2051", "Data Scientists"},
		{"15-1299.08", 52650, 108970, 176800, 8.2, "Bachelor's degree", "15-1299", "Computer Occupations, All Other"},
	} {
		o := byCode(t, f, c.code)
		w, p := o.Wages, o.Projection
		if w == nil || p == nil {
			t.Errorf("%s: wages %v projection %v", c.code, w, p)
			continue
		}
		if w.SOC != c.soc || w.Title != c.ttl || p.SOC != c.soc {
			t.Errorf("%s: figures from %s %q / %s, want %s %q", c.code, w.SOC, w.Title, p.SOC, c.soc, c.ttl)
		}
		if w.Annual.Median != Num(c.median) {
			t.Errorf("%s: median %+v, want %v", c.code, w.Annual.Median, c.median)
		}
		if c.p10 != 0 && (w.Annual.P10 != Num(c.p10) || w.Annual.P90 != Num(c.p90)) {
			t.Errorf("%s: p10 %+v p90 %+v, want %v and %v", c.code, w.Annual.P10, w.Annual.P90, c.p10, c.p90)
		}
		if p.ChangePercent != c.growth || p.Education != c.education {
			t.Errorf("%s: growth %v %q, want %v %q", c.code, p.ChangePercent, p.Education, c.growth, c.education)
		}
	}

	sd := byCode(t, f, "15-1252.00")
	if want := [6]float64{3.93, 5.86, 2.26, 1.88, 1.87, 5.46}; sd.Interests == nil || sd.Interests.RIASEC != want || sd.Interests.HighPoint != "ICR" {
		t.Errorf("15-1252.00 interests = %+v, want %v ICR", sd.Interests, want)
	}
	if sd.Wages.Employment != Num(1654440) || len(sd.Wages.SharedWith) != 0 {
		t.Errorf("15-1252.00 employment %+v shared %v", sd.Wages.Employment, sd.Wages.SharedWith)
	}
	if sd.Projection.HandbookURL != "https://www.bls.gov/ooh/computer-and-information-technology/software-developers.htm" {
		t.Errorf("15-1252.00 handbook = %q", sd.Projection.HandbookURL)
	}

	// "#": Chief Executives' 75th and 90th percentiles are above the top code.
	top, na := Figure{Mark: AboveTop}, Figure{Mark: NotPublished}
	ceo := byCode(t, f, "11-1011.00").Wages
	if ceo.Annual.Median != Num(206420) || ceo.Annual.P75 != top || ceo.Annual.P90 != top || ceo.Hourly.P75 != top {
		t.Errorf("chief executives = %+v", ceo)
	}
	if !reflect.DeepEqual(ceo.SharedWith, []string{"11-1011.03"}) {
		t.Errorf("chief executives shared with %v, want 11-1011.03", ceo.SharedWith)
	}
	if f.Header.WageTop != (WageTop{Annual: 239200, Hourly: 115}) {
		t.Errorf("wage top = %+v", f.Header.WageTop)
	}
	// "*": actors are paid by the hour, legislators by the year.
	actors := byCode(t, f, "27-2011.00").Wages
	if !actors.HourlyOnly || actors.Annual != (Pay{na, na, na, na, na, na}) || actors.Hourly.Median != Num(23.33) {
		t.Errorf("actors = %+v", actors)
	}
	leg := byCode(t, f, "11-1031.00").Wages
	if !leg.AnnualOnly || leg.Hourly != (Pay{na, na, na, na, na, na}) || leg.Annual.Median != Num(44810) {
		t.Errorf("legislators = %+v", leg)
	}
	// Published only together: counselors under BLS's combined code.
	sub := byCode(t, f, "21-1011.00")
	if sub.Wages == nil || sub.Wages.SOC != "21-1018" || !reflect.DeepEqual(sub.Wages.SharedWith, []string{"21-1014.00"}) || sub.Projection.SOC != "21-1018" {
		t.Errorf("21-1011.00 wages %+v", sub.Wages)
	}
	// No BLS figures at all for the military; O*NET has no interests either.
	air := byCode(t, f, "55-1011.00")
	if air.Wages != nil || air.Projection != nil || air.Interests != nil {
		t.Errorf("55-1011.00 = %+v", air)
	}

	releases := map[string]string{}
	for _, s := range f.Header.Sources {
		releases[s.Key] = s.Release
	}
	if want := map[string]string{SourceONET: "May 2025", SourceInterests: "11/2023", SourceSkills: "August 2024", SourceOEWS: "May 2024", SourceProjections: "2024-34"}; !reflect.DeepEqual(releases, want) {
		t.Errorf("releases = %v, want %v", releases, want)
	}
	if c := f.Header.Counts; c.Occupations != 1016 || c.WithInterests != 923 {
		t.Errorf("counts = %+v, want 1016 occupations, 923 with interests", c)
	}
}

// TestCommittedFileIsFresh: the committed occupations file is what the
// importer makes of the published files.
func TestCommittedFileIsFresh(t *testing.T) {
	f := importReal(t)
	var fresh bytes.Buffer
	if err := Write(&fresh, f); err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile(filepath.Join("..", "..", DefaultOut))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(committed, fresh.Bytes()) {
		t.Fatalf("%s differs from a fresh import (%d bytes, fresh %d): run make data and commit it", DefaultOut, len(committed), fresh.Len())
	}
	if _, err := Decode(bytes.NewReader(committed)); err != nil {
		t.Fatal(err)
	}
}

// TestRealSkillsEducationTechnology checks three occupations against
// Skills.xlsx and Knowledge.xlsx (O*NET 29.0), Education, Training, and
// Experience.xlsx and Technology Skills.txt (O*NET 29.3), read by hand.
func TestRealSkillsEducationTechnology(t *testing.T) {
	f := importReal(t)
	type rating struct {
		name   string
		im, lv float64
	}
	for _, c := range []struct {
		code                 string
		skills, knowledge    []rating
		required             []float64
		experience, training []float64
		flagged              []string
		date                 string
		firstCategory        string
		tech                 TechCount
	}{
		{
			code: "29-1141.00", // Registered Nurses
			skills: []rating{{"Social Perceptiveness", 4.12, 4.38}, {"Active Listening", 4, 4.25}, {"Speaking", 4, 4.25}, {"Critical Thinking", 4, 4.12},
				{"Coordination", 4, 4}, {"Service Orientation", 4, 4}, {"Reading Comprehension", 3.88, 4.25}, {"Judgment and Decision Making", 3.88, 3.75}},
			knowledge: []rating{{"Psychology", 4.58, 6.08}, {"Customer and Personal Service", 4.4, 5.48}, {"Medicine and Dentistry", 4.36, 4.47}, {"English Language", 4.18, 3.71},
				{"Administrative", 3.55, 3.83}, {"Therapy and Counseling", 3.43, 3.62}, {"Mathematics", 3.43, 3.4}, {"Administration and Management", 3.29, 2.89}},
			required:   []float64{0, 0.76, 22.5, 0, 19.39, 55.92, 0, 1.43, 0, 0, 0, 0},
			experience: []float64{19.43, 0.77, 0, 5.17, 12.46, 34.47, 1.41, 13.41, 12.87, 0, 0},
			training:   []float64{0, 16.94, 15.99, 34.4, 12.68, 19.99, 0, 0, 0},
			flagged:    []string{"required 6"}, date: "08/2021",
			firstCategory: "Medical software", tech: TechCount{Technologies: 43, Categories: 20, Hot: 16},
		},
		{
			code: "51-4121.00", // Welders, Cutters, Solderers, and Brazers
			skills: []rating{{"Quality Control Analysis", 3.12, 3}, {"Monitoring", 3, 2.75}, {"Judgment and Decision Making", 2.88, 2.62}, {"Critical Thinking", 2.88, 2.38},
				{"Operations Monitoring", 2.75, 2.5}, {"Time Management", 2.75, 2.25}, {"Operation and Control", 2.62, 2.5}, {"Active Listening", 2.62, 2.38}},
			knowledge: []rating{{"Production and Processing", 3.49, 3.36}, {"Mechanical", 3.1, 3.18}, {"Mathematics", 2.94, 2.21}, {"English Language", 2.87, 2.25},
				{"Design", 2.82, 2.59}, {"Engineering and Technology", 2.58, 2.71}, {"Education and Training", 2.53, 2.58}, {"Public Safety and Security", 2.51, 1.9}},
			required:   []float64{20.83, 53.55, 11.64, 11.28, 1.75, 0.94, 0, 0, 0, 0, 0, 0},
			experience: []float64{13.4, 6.06, 6.02, 3.61, 10.42, 33.91, 18.76, 3.91, 3.91, 0, 0},
			training:   []float64{4.3, 18.63, 26.75, 24.85, 17.1, 8.37, 0, 0, 0},
			flagged:    []string{}, date: "08/2022",
			firstCategory: "Analytical or scientific software", tech: TechCount{Technologies: 13, Categories: 9, Hot: 5},
		},
		{
			code: "25-2021.00", // Elementary School Teachers, Except Special Education
			skills: []rating{{"Learning Strategies", 4.25, 4.5}, {"Instructing", 4.25, 4}, {"Speaking", 4.12, 4}, {"Active Listening", 4, 4},
				{"Monitoring", 4, 4}, {"Social Perceptiveness", 4, 4}, {"Critical Thinking", 4, 3.88}, {"Reading Comprehension", 3.88, 3.88}},
			knowledge: []rating{{"English Language", 4.86, 4.68}, {"Education and Training", 4.84, 5.55}, {"Mathematics", 3.91, 3.66}, {"Customer and Personal Service", 3.85, 4.15},
				{"Psychology", 3.66, 3.64}, {"Therapy and Counseling", 3.27, 4.04}, {"Computers and Electronics", 3.23, 3.35}, {"Public Safety and Security", 3.18, 2.65}},
			required:   []float64{0, 0, 0, 0, 0, 78.17, 0, 21.83, 0, 0, 0, 0},
			experience: []float64{32.81, 0, 0, 10.4, 19.87, 17.71, 19.22, 0, 0, 0, 0},
			training:   []float64{24.85, 5.18, 10.82, 8.12, 26.71, 17.38, 6.94, 0, 0},
			flagged:    []string{}, date: "08/2024",
			firstCategory: "Computer based training software", tech: TechCount{Technologies: 30, Categories: 16, Hot: 7},
		},
	} {
		o := byCode(t, f, c.code)
		for _, list := range []struct {
			what string
			got  []Rating
			want []rating
		}{{"skills", o.Skills, c.skills}, {"knowledge", o.Knowledge, c.knowledge}} {
			var want []Rating
			for _, r := range list.want {
				want = append(want, Rating{Name: r.name, Importance: r.im, Level: lv(r.lv)})
			}
			if !reflect.DeepEqual(list.got, want) {
				t.Errorf("%s %s:\n got %s\nwant %s", c.code, list.what, ratingsText(list.got), ratingsText(want))
			}
		}
		want := &Education{Required: c.required, Experience: c.experience, Training: c.training, Flagged: c.flagged, Date: c.date, Domain: "Incumbent"}
		if !reflect.DeepEqual(o.Education, want) {
			t.Errorf("%s education = %+v\nwant %+v", c.code, o.Education, want)
		}
		if o.Tech != c.tech || len(o.Technologies) == 0 || o.Technologies[0].Category != c.firstCategory {
			t.Errorf("%s technology %+v, first category %+v; want %+v, %s", c.code, o.Tech, o.Technologies, c.tech, c.firstCategory)
		}
	}
	// Registered Nurses lead with their medical software, not with the
	// one business intelligence tool O*NET lists for them.
	rn := byCode(t, f, "29-1141.00").Technologies[0]
	if rn.Count != 17 || rn.Examples[0] != (Technology{Name: "eClinicalWorks EHR software", Hot: true}) {
		t.Errorf("29-1141.00 first category = %+v", rn)
	}
	n, skills, edu := 0, 0, 0
	for _, o := range f.Occupations {
		if len(o.Skills) > 0 {
			skills++
		}
		if o.Education != nil {
			edu++
		}
		if o.Tech.Technologies > 0 {
			n++
		}
	}
	if skills != 879 || edu != 858 || n != 923 {
		t.Errorf("%d occupations with skills, %d with education, %d with technology; want 879, 858, 923", skills, edu, n)
	}
}
