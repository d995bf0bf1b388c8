package onet

import (
	"fmt"
	"path/filepath"
	"sort"
)

// The O*NET workbooks of skill and knowledge ratings (each one sheet named
// as the file), read from their own release's folder.
const (
	fileSkills    = "Skills.xlsx"
	fileKnowledge = "Knowledge.xlsx"
)

// elementRating is one element's two ratings for one occupation, as read.
type elementRating struct {
	id, name   string
	importance float64
	level      float64
	hasIM      bool
	hasLV      bool
	suppressIM bool // Recommend Suppress "Y" on the importance row
	suppressLV bool // on the level row
	irrelevant bool // Not Relevant "Y" (on the level row)
}

// readRatings reads Skills.xlsx or Knowledge.xlsx in dir: for every
// occupation, each element's importance (IM, 1-5) and level (LV, 0-7).
// It returns the occupations' ratings in the file's element order.
func readRatings(dir, file string, occ occupations) (map[*Occupation][]*elementRating, error) {
	wb, err := openWorkbook(filepath.Join(dir, file))
	if err != nil {
		return nil, err
	}
	defer wb.Close()
	sheet := file[:len(file)-len(filepath.Ext(file))]
	t, err := readSheet(wb, file, sheet, colCode, func(c string) bool { return c == colCode })
	if err != nil {
		return nil, err
	}
	const colID, colName, colScale, colValue, colSuppress, colRelevant = "Element ID", "Element Name", "Scale ID", "Data Value", "Recommend Suppress", "Not Relevant"
	if err := t.need(colCode, colID, colName, colScale, colValue, colSuppress, colRelevant, "Date"); err != nil {
		return nil, err
	}
	out := map[*Occupation][]*elementRating{}
	index := map[*Occupation]map[string]*elementRating{}
	names := map[string]string{}
	for i := range t.rows {
		r := t.row(i)
		o := occ.lookup(r, colCode)
		id, name, scale := r.text(colID), r.text(colName), r.text(colScale)
		if r.err != nil {
			return nil, r.err
		}
		if prev, ok := names[id]; ok && prev != name {
			r.fail(colName, "%s is named %q here and %q above", id, name, prev)
			return nil, r.err
		}
		names[id] = name
		if index[o] == nil {
			index[o] = map[string]*elementRating{}
		}
		e := index[o][id]
		if e == nil {
			e = &elementRating{id: id, name: name}
			index[o][id] = e
			out[o] = append(out[o], e)
		}
		suppress := r.str(colSuppress) == "Y"
		switch scale {
		case "IM":
			if e.hasIM {
				r.fail(colScale, "%s has two importance rows for %s", o.Code, id)
			}
			e.importance, e.hasIM, e.suppressIM = r.numIn(colValue, 2, 1, 5), true, suppress
		case "LV":
			if e.hasLV {
				r.fail(colScale, "%s has two level rows for %s", o.Code, id)
			}
			e.level, e.hasLV, e.suppressLV = r.numIn(colValue, 2, 0, 7), true, suppress
			e.irrelevant = r.str(colRelevant) == "Y"
		default:
			r.fail(colScale, "unknown scale %q (want IM or LV)", scale)
		}
		if s := r.str(colSuppress); r.err == nil && s != "" && s != "Y" && s != "N" {
			r.fail(colSuppress, "want Y, N or nothing, not %q", s)
		}
		r.date("Date")
		if r.err != nil {
			return nil, r.err
		}
	}
	for o, list := range out {
		for _, e := range list {
			if !e.hasIM || !e.hasLV {
				missing := "importance (IM)"
				if e.hasIM {
					missing = "level (LV)"
				}
				return nil, &Error{File: t.name, Column: colScale, Err: fmt.Errorf("%s has no %s row for %s", o.Code, missing, e.id)}
			}
		}
	}
	return out, nil
}

// topRatings keeps the n elements rated most important, leaving out those
// O*NET marks not relevant to the occupation or whose importance it
// recommends suppressing. Ties in importance go to the higher level, then
// to the element that comes first in O*NET's Content Model (by ID).
func topRatings(list []*elementRating, n int) []Rating {
	var kept []*elementRating
	for _, e := range list {
		if !e.irrelevant && !e.suppressIM {
			kept = append(kept, e)
		}
	}
	sort.SliceStable(kept, func(a, b int) bool {
		x, y := kept[a], kept[b]
		if x.importance != y.importance {
			return x.importance > y.importance
		}
		if x.level != y.level {
			return x.level > y.level
		}
		return elementLess(x.id, y.id)
	})
	out := []Rating{}
	for _, e := range kept[:min(n, len(kept))] {
		r := Rating{Name: e.name, Importance: e.importance}
		if !e.suppressLV {
			lv := e.level
			r.Level = &lv
		}
		out = append(out, r)
	}
	return out
}

// elementLess orders Content Model IDs ("2.A.1.a" < "2.A.2.b" < "2.B.10.a")
// part by part, numbers by value.
func elementLess(a, b string) bool {
	pa, pb := splitID(a), splitID(b)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if pa[i] == pb[i] {
			continue
		}
		na, ea := atoiOK(pa[i])
		nb, eb := atoiOK(pb[i])
		if ea && eb {
			return na < nb
		}
		return pa[i] < pb[i]
	}
	return len(pa) < len(pb)
}

func splitID(id string) []string {
	var parts []string
	start := 0
	for i := 0; i <= len(id); i++ {
		if i == len(id) || id[i] == '.' {
			parts = append(parts, id[start:i])
			start = i + 1
		}
	}
	return parts
}

func atoiOK(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// readSkills fills Skills, Knowledge and SkillLevels from the workbooks in
// dir (O*NET 29.0) and returns the release's name and date from its Read
// Me.txt and the names of the skills SkillLevels rates.
func readSkills(dir string, occ occupations) (onetRelease, []string, error) {
	rel, err := readReadMe(dir)
	if err != nil {
		return rel, nil, err
	}
	var names []string
	for _, f := range []struct {
		file string
		set  func(o *Occupation, r []Rating)
	}{
		{fileSkills, func(o *Occupation, r []Rating) { o.Skills = r }},
		{fileKnowledge, func(o *Occupation, r []Rating) { o.Knowledge = r }},
	} {
		ratings, err := readRatings(dir, f.file, occ)
		if err != nil {
			return rel, nil, err
		}
		for o, list := range ratings {
			f.set(o, topRatings(list, MaxRatings))
		}
		if f.file == fileSkills {
			if names, err = skillLevels(ratings); err != nil {
				return rel, nil, err
			}
		}
	}
	return rel, names, nil
}

// skillLevels fills SkillLevels: every occupation's level on each skill,
// in Content Model order, 0 where O*NET marks the skill not relevant. It
// fails when occupations are not rated on the same skills.
func skillLevels(ratings map[*Occupation][]*elementRating) ([]string, error) {
	ids := map[string]string{}
	for _, list := range ratings {
		for _, e := range list {
			ids[e.id] = e.name
		}
	}
	order := make([]string, 0, len(ids))
	for id := range ids {
		order = append(order, id)
	}
	sort.Slice(order, func(a, b int) bool { return elementLess(order[a], order[b]) })
	names := make([]string, len(order))
	for i, id := range order {
		names[i] = ids[id]
	}
	for o, list := range ratings {
		if len(list) != len(order) {
			return nil, &Error{File: fileSkills, Column: "Element ID", Err: fmt.Errorf("%s is rated on %d skills, other occupations on %d", o.Code, len(list), len(order))}
		}
		level := map[string]float64{}
		for _, e := range list {
			if !e.irrelevant {
				level[e.id] = e.level
			}
		}
		o.SkillLevels = make([]float64, len(order))
		for i, id := range order {
			o.SkillLevels[i] = level[id]
		}
	}
	return names, nil
}

// FileFigures are the skill, knowledge and education figures and the
// alternate titles the occupations file keeps for one occupation, as the
// published files give them; content check compares the file with them.
type FileFigures struct {
	Skills      []Rating
	Knowledge   []Rating
	SkillLevels []float64
	Education   *Education
	AltTitles   []AltTitle // sorted by title
}

// ReadFileFigures derives, from the published files, the figures Import
// keeps of skills and knowledge (Skills.xlsx and Knowledge.xlsx in
// skillsDir), of education (onetDir's Education, Training, and
// Experience workbook) and the alternate titles (onetDir's Alternate
// Titles.txt), by O*NET-SOC code. Codes are checked against onetDir's
// Occupation Data.txt.
func ReadFileFigures(onetDir, skillsDir string) (map[string]FileFigures, error) {
	occ, err := readOccupations(onetDir)
	if err != nil {
		return nil, err
	}
	if _, _, err := readSkills(skillsDir, occ); err != nil {
		return nil, err
	}
	if err := readEducation(onetDir, occ); err != nil {
		return nil, err
	}
	if err := readAltTitles(onetDir, occ); err != nil {
		return nil, err
	}
	out := make(map[string]FileFigures, len(occ))
	for code, o := range occ {
		out[code] = FileFigures{Skills: o.Skills, Knowledge: o.Knowledge, SkillLevels: o.SkillLevels, Education: o.Education, AltTitles: o.AltTitles}
	}
	return out, nil
}
