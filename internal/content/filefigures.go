package content

import (
	"fmt"
	"slices"
	"strconv"

	"careerguide/internal/career"
	"careerguide/internal/onet"
)

// compareFileFigures records a problem for every occupation whose skills,
// knowledge, skill levels, education shares or alternate titles differ
// from what the published files give
// (want, by O*NET-SOC code); nothing when want is nil.
func (l *loader) compareFileFigures(cat *career.Catalog, want map[string]onet.FileFigures) {
	if want == nil {
		return
	}
	for i := range cat.Occupations {
		o := &cat.Occupations[i]
		w := want[o.Code]
		bad := func(format string, args ...any) {
			l.problem(occupationsJSON, firstOccupationLine+i, "%s: %s (run make data)", o.Code, fmt.Sprintf(format, args...))
		}
		for _, list := range []struct {
			what, file string
			got        []career.ElementRating
			want       []onet.Rating
		}{{"skills", "Skills.xlsx", o.Skills, w.Skills}, {"knowledge", "Knowledge.xlsx", o.Knowledge, w.Knowledge}} {
			if got, want := ratingsText(list.got), onetRatingsText(list.want); !slices.Equal(got, want) {
				bad("%s %s, but O*NET's %s gives %s", list.what, firstDiff(got, want), list.file, firstDiff(want, got))
			}
		}
		if len(o.SkillLevels) > 0 || len(w.SkillLevels) > 0 {
			if !slices.Equal(o.SkillLevels, w.SkillLevels) {
				bad("skill levels %v, but O*NET's Skills.xlsx gives %v", o.SkillLevels, w.SkillLevels)
			}
		}
		switch e := o.Education; {
		case e == nil && w.Education == nil:
		case e == nil || w.Education == nil:
			bad("education answers %v, but O*NET's Education, Training, and Experience.xlsx has them: %v", e != nil, w.Education != nil)
		default:
			for _, sc := range []struct {
				what      string
				got, want []float64
			}{{"required", e.Required, w.Education.Required}, {"experience", e.Experience, w.Education.Experience}, {"training", e.Training, w.Education.Training}} {
				if !slices.Equal(sc.got, sc.want) {
					bad("education %s shares %v, but O*NET's Education, Training, and Experience.xlsx gives %v", sc.what, sc.got, sc.want)
				}
			}
		}
		compareAltTitles(o.AltTitles, w.AltTitles, bad)
	}
}

// compareAltTitles records a problem when the occupation's alternate
// titles (title, short title, number of sources) are not those of O*NET's
// Alternate Titles.txt, naming the first that differs.
func compareAltTitles(got []career.AltTitle, want []onet.AltTitle, bad func(string, ...any)) {
	text := func(title, short string, sources int) string {
		if short != "" {
			title += " [" + short + "]"
		}
		if sources == 1 {
			return fmt.Sprintf("%q (1 source)", title)
		}
		return fmt.Sprintf("%q (%d sources)", title, sources)
	}
	g := make([]string, len(got))
	for i, a := range got {
		g[i] = text(a.Title, a.Short, a.Sources)
	}
	w := make([]string, len(want))
	for i, a := range want {
		w[i] = text(a.Title, a.Short, len(a.Sources))
	}
	slices.Sort(g)
	slices.Sort(w)
	if slices.Equal(g, w) {
		return
	}
	for _, t := range g {
		if _, found := slices.BinarySearch(w, t); !found {
			bad("alternate title %s, which O*NET's Alternate Titles.txt does not give", t)
			return
		}
	}
	for _, t := range w {
		if _, found := slices.BinarySearch(g, t); !found {
			bad("no alternate title %s, which O*NET's Alternate Titles.txt gives", t)
			return
		}
	}
}

func ratingsText(rs []career.ElementRating) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		lv := "–"
		if r.HasLevel {
			lv = strconv.FormatFloat(r.Level, 'f', -1, 64)
		}
		out[i] = fmt.Sprintf("%s %v/%s", r.Name, r.Importance, lv)
	}
	return out
}

func onetRatingsText(rs []onet.Rating) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		lv := "–"
		if r.Level != nil {
			lv = strconv.FormatFloat(*r.Level, 'f', -1, 64)
		}
		out[i] = fmt.Sprintf("%s %v/%s", r.Name, r.Importance, lv)
	}
	return out
}

// firstDiff is a's first entry that differs from b's at the same place:
// "#3 Speaking 4/4.25 (importance/level)", or "nothing at #9".
func firstDiff(a, b []string) string {
	for i := range max(len(a), len(b)) {
		switch {
		case i >= len(a):
			return fmt.Sprintf("nothing at #%d", i+1)
		case i >= len(b) || a[i] != b[i]:
			return fmt.Sprintf("#%d %s (importance/level)", i+1, a[i])
		}
	}
	return "the same"
}
