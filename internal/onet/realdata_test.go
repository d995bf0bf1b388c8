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
		OEWS:        filepath.Join(sharedData, "bls", "national_M2024_dl.xlsx"),
		Projections: filepath.Join(sharedData, "bls", "occupation.xlsx"),
	}
	for _, path := range []string{p.ONET, p.OEWS, p.Projections} {
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
	if want := map[string]string{SourceONET: "May 2025", SourceInterests: "11/2023", SourceOEWS: "May 2024", SourceProjections: "2024-34"}; !reflect.DeepEqual(releases, want) {
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
