package onet

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"careerguide/internal/quiz"
)

// The O*NET text files the importer reads.
const (
	fileReadMe        = "Read Me.txt"
	fileOccupations   = "Occupation Data.txt"
	fileInterests     = "Interests.txt"
	fileWorkValues    = "Work Values.txt"
	fileJobZones      = "Job Zones.txt"
	fileJobZoneRef    = "Job Zone Reference.txt"
	fileRelated       = "Related Occupations.txt"
	fileReportedTitle = "Sample of Reported Titles.txt"
	fileTechnology    = "Technology Skills.txt"
)

const colCode = "O*NET-SOC Code"

var (
	onetCodeRE = regexp.MustCompile(`^\d{2}-\d{4}\.\d{2}$`)
	dateRE     = regexp.MustCompile(`^(0[1-9]|1[0-2])/(\d{4})$`)
)

// onetRelease is what Read Me.txt says of the release.
type onetRelease struct {
	Name string // "O*NET 29.3 Database"
	Date string // "May 2025"
}

var (
	readMeNameRE = regexp.MustCompile(`^O\*NET \d+\.\d+ Database$`)
	readMeDateRE = regexp.MustCompile(`^([A-Z][a-z]+ \d{4}) Release$`)
)

func readReadMe(dir string) (onetRelease, error) {
	b, err := os.ReadFile(filepath.Join(dir, fileReadMe))
	if err != nil {
		return onetRelease{}, err
	}
	var rel onetRelease
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if rel.Name == "" && readMeNameRE.MatchString(line) {
			rel.Name = line
		}
		if m := readMeDateRE.FindStringSubmatch(line); rel.Date == "" && m != nil {
			rel.Date = m[1]
		}
	}
	if rel.Name == "" || rel.Date == "" {
		return rel, &Error{File: fileReadMe, Err: errors.New(`no "O*NET n.n Database" and "Month YYYY Release" lines`)}
	}
	return rel, nil
}

// occupations indexes the occupations being built by O*NET-SOC code.
type occupations map[string]*Occupation

// lookup finds the occupation named in column col of r.
func (occ occupations) lookup(r *row, col string) *Occupation {
	code := r.text(col)
	if r.err != nil {
		return nil
	}
	o := occ[code]
	if o == nil {
		r.fail(col, "%q is not in %s", code, fileOccupations)
	}
	return o
}

// date reads an O*NET "MM/YYYY" date.
func (r *row) date(col string) string {
	s := r.text(col)
	if r.err == nil && !dateRE.MatchString(s) {
		r.fail(col, "want a MM/YYYY date, not %q", s)
	}
	return s
}

// dateKey makes MM/YYYY dates sort in time order ("" first).
func dateKey(d string) string {
	if len(d) != 7 {
		return ""
	}
	return d[3:] + d[:2]
}

// laterDate returns the later of two MM/YYYY dates.
func laterDate(a, b string) string {
	if dateKey(b) > dateKey(a) {
		return b
	}
	return a
}

func readOccupations(dir string) (occupations, error) {
	t, err := readTSV(filepath.Join(dir, fileOccupations))
	if err != nil {
		return nil, err
	}
	if err := t.need(colCode, "Title"); err != nil {
		return nil, err
	}
	occ := make(occupations, len(t.rows))
	for i := range t.rows {
		r := t.row(i)
		code, title := r.text(colCode), r.text("Title")
		if r.err == nil && !onetCodeRE.MatchString(code) {
			r.fail(colCode, "want an O*NET-SOC code like 15-1252.00, not %q", code)
		}
		if r.err == nil && occ[code] != nil {
			r.fail(colCode, "%s appears twice", code)
		}
		if r.err != nil {
			return nil, r.err
		}
		occ[code] = &Occupation{
			Code: code, SOC: code[:7], Title: title,
			ReportedTitles: []string{}, AltTitles: []AltTitle{}, Technologies: []TechCategory{},
			Skills: []Rating{}, Knowledge: []Rating{}, SkillLevels: []float64{},
			Related: Related{PrimaryShort: []string{}, PrimaryLong: []string{}, Supplemental: []string{}},
		}
	}
	if len(occ) == 0 {
		return nil, &Error{File: fileOccupations, Err: errors.New("no occupations")}
	}
	return occ, nil
}

// profile collects an occupation's six scores and three high points from
// Interests or Work Values, checking that each comes once.
type profile struct {
	score  [6]float64
	high   [3]int // 1-6, 0 for none
	seen   [9]bool
	date   string
	firstN int // source row of the occupation's first row, for errors
}

// readProfiles reads Interests.txt or Work Values.txt: six elements
// (idPrefix + "a".."f") on scale scoreScale (1-7) and three high points
// ("g".."i") on scale highScale (0-6). names gets the six elements' names.
func readProfiles(dir, file, idPrefix, scoreScale, highScale string, occ occupations) (map[*Occupation]*profile, [6]string, error) {
	var names [6]string
	t, err := readTSV(filepath.Join(dir, file))
	if err != nil {
		return nil, names, err
	}
	if err := t.need(colCode, "Element ID", "Element Name", "Scale ID", "Data Value", "Date"); err != nil {
		return nil, names, err
	}
	profiles := map[*Occupation]*profile{}
	for i := range t.rows {
		r := t.row(i)
		o := occ.lookup(r, colCode)
		id, scale := r.text("Element ID"), r.text("Scale ID")
		if r.err != nil {
			return nil, names, r.err
		}
		k := -1
		if strings.HasPrefix(id, idPrefix) && len(id) == len(idPrefix)+1 {
			k = strings.IndexByte("abcdefghi", id[len(idPrefix)])
		}
		switch {
		case k < 0:
			r.fail("Element ID", "unknown element %q (want %sa to %si)", id, idPrefix, idPrefix)
		case k < 6 && scale != scoreScale:
			r.fail("Scale ID", "%s is on scale %q, want %q", id, scale, scoreScale)
		case k >= 6 && scale != highScale:
			r.fail("Scale ID", "%s is on scale %q, want %q", id, scale, highScale)
		}
		if r.err != nil {
			return nil, names, r.err
		}
		p := profiles[o]
		if p == nil {
			p = &profile{firstN: t.rowNums[i]}
			profiles[o] = p
		}
		if p.seen[k] {
			r.fail("Element ID", "%s appears twice for %s", id, o.Code)
		}
		p.seen[k] = true
		if k < 6 {
			p.score[k] = r.numIn("Data Value", 2, 1, 7)
			name := r.text("Element Name")
			if names[k] == "" {
				names[k] = name
			} else if r.err == nil && name != names[k] {
				r.fail("Element Name", "%s is named %q here and %q above", id, name, names[k])
			}
		} else {
			p.high[k-6] = int(r.numIn("Data Value", 0, 0, 6))
		}
		p.date = laterDate(p.date, r.date("Date"))
		if r.err != nil {
			return nil, names, r.err
		}
	}
	for o, p := range profiles {
		for k, ok := range p.seen {
			if !ok {
				return nil, names, &Error{File: t.name, Row: p.firstN, Column: "Element ID",
					Err: fmt.Errorf("%s has no row for %s%c", o.Code, idPrefix, "abcdefghi"[k])}
			}
		}
	}
	return profiles, names, nil
}

// readInterests fills Interests and returns the dates of the ratings.
func readInterests(dir string, occ occupations) ([]string, error) {
	profiles, names, err := readProfiles(dir, fileInterests, "1.B.1.", "OI", "IH", occ)
	if err != nil {
		return nil, err
	}
	for k, name := range names {
		if name != "" && name[0] != quiz.Letters[k] {
			return nil, &Error{File: fileInterests, Column: "Element Name",
				Err: fmt.Errorf("1.B.1.%c is %q, want the %c of %s", 'a'+k, name, quiz.Letters[k], quiz.Letters)}
		}
	}
	dates := map[string]bool{}
	for o, p := range profiles {
		var hp []byte
		for _, h := range p.high {
			if h > 0 {
				hp = append(hp, quiz.Letters[h-1])
			}
		}
		o.Interests = &Interests{RIASEC: p.score, HighPoint: string(hp), Date: p.date}
		dates[p.date] = true
	}
	return sortedDates(dates), nil
}

// readWorkValues fills WorkValues.
func readWorkValues(dir string, occ occupations) error {
	profiles, names, err := readProfiles(dir, fileWorkValues, "1.B.2.", "EX", "VH", occ)
	if err != nil {
		return err
	}
	for o, p := range profiles {
		s := p.score
		wv := &WorkValues{
			Achievement: s[0], WorkingConditions: s[1], Recognition: s[2],
			Relationships: s[3], Support: s[4], Independence: s[5],
			HighPoints: []string{}, Date: p.date,
		}
		for _, h := range p.high {
			if h > 0 {
				wv.HighPoints = append(wv.HighPoints, names[h-1])
			}
		}
		o.WorkValues = wv
	}
	return nil
}

func readJobZones(dir string, occ occupations) error {
	t, err := readTSV(filepath.Join(dir, fileJobZones))
	if err != nil {
		return err
	}
	if err := t.need(colCode, "Job Zone"); err != nil {
		return err
	}
	for i := range t.rows {
		r := t.row(i)
		o := occ.lookup(r, colCode)
		z := int(r.numIn("Job Zone", 0, 1, 5))
		if r.err == nil && o.JobZone != 0 {
			r.fail(colCode, "%s appears twice", o.Code)
		}
		if r.err != nil {
			return r.err
		}
		o.JobZone = z
	}
	return nil
}

func readJobZoneReference(dir string) ([]JobZone, error) {
	t, err := readTSV(filepath.Join(dir, fileJobZoneRef))
	if err != nil {
		return nil, err
	}
	if err := t.need("Job Zone", "Name", "SVP Range"); err != nil {
		return nil, err
	}
	zones := make([]JobZone, 5)
	for i := range t.rows {
		r := t.row(i)
		z := int(r.numIn("Job Zone", 0, 1, 5))
		name, svp := r.text("Name"), r.text("SVP Range")
		if r.err == nil && zones[z-1].Zone != 0 {
			r.fail("Job Zone", "zone %d appears twice", z)
		}
		if r.err != nil {
			return nil, r.err
		}
		zones[z-1] = JobZone{Zone: z, Name: name, SVPRange: svp}
	}
	for i, z := range zones {
		if z.Zone == 0 {
			return nil, &Error{File: t.name, Column: "Job Zone", Err: fmt.Errorf("no row for zone %d", i+1)}
		}
	}
	return zones, nil
}

func readRelated(dir string, occ occupations) error {
	t, err := readTSV(filepath.Join(dir, fileRelated))
	if err != nil {
		return err
	}
	const colRelated, colTier, colIndex = "Related O*NET-SOC Code", "Relatedness Tier", "Index"
	if err := t.need(colCode, colRelated, colTier, colIndex); err != nil {
		return err
	}
	type link struct {
		from  *Occupation
		index int
		tier  *[]string
		code  string
	}
	var links []link
	seen := map[[2]string]bool{}
	for i := range t.rows {
		r := t.row(i)
		o := occ.lookup(r, colCode)
		rel := occ.lookup(r, colRelated)
		tier := r.text(colTier)
		idx := int(r.numIn(colIndex, 0, 1, 1e6))
		if r.err != nil {
			return r.err
		}
		var list *[]string
		switch tier {
		case "Primary-Short":
			list = &o.Related.PrimaryShort
		case "Primary-Long":
			list = &o.Related.PrimaryLong
		case "Supplemental":
			list = &o.Related.Supplemental
		default:
			r.fail(colTier, "unknown tier %q (want Primary-Short, Primary-Long or Supplemental)", tier)
			return r.err
		}
		key := [2]string{o.Code, rel.Code}
		if seen[key] {
			r.fail(colRelated, "%s is listed twice for %s", rel.Code, o.Code)
			return r.err
		}
		seen[key] = true
		links = append(links, link{from: o, index: idx, tier: list, code: rel.Code})
	}
	sort.SliceStable(links, func(a, b int) bool {
		if links[a].from.Code != links[b].from.Code {
			return links[a].from.Code < links[b].from.Code
		}
		return links[a].index < links[b].index
	})
	for _, l := range links {
		*l.tier = append(*l.tier, l.code)
	}
	return nil
}

func readReportedTitles(dir string, occ occupations) error {
	t, err := readTSV(filepath.Join(dir, fileReportedTitle))
	if err != nil {
		return err
	}
	const col = "Reported Job Title"
	if err := t.need(colCode, col); err != nil {
		return err
	}
	seen := map[*Occupation]map[string]bool{}
	for i := range t.rows {
		r := t.row(i)
		o := occ.lookup(r, colCode)
		title := r.text(col)
		if r.err != nil {
			return r.err
		}
		if seen[o] == nil {
			seen[o] = map[string]bool{}
		}
		if !seen[o][title] {
			seen[o][title] = true
			o.ReportedTitles = append(o.ReportedTitles, title)
		}
	}
	for o := range seen {
		sort.Slice(o.ReportedTitles, func(a, b int) bool { return lessFold(o.ReportedTitles[a], o.ReportedTitles[b]) })
	}
	return nil
}

// readTechnologies groups each occupation's technologies by O*NET's
// category (Commodity Title), keeps the MaxTechCategories categories with
// the most technologies (ties: more flagged hot or in demand first, then
// by name) and in each the first MaxTechExamples technologies (flagged
// first, then by name), and counts them all. A technology listed twice in
// a category is one, flagged when either row flags it.
func readTechnologies(dir string, occ occupations) error {
	t, err := readTSV(filepath.Join(dir, fileTechnology))
	if err != nil {
		return err
	}
	const colName, colCategory, colHot, colDemand = "Example", "Commodity Title", "Hot Technology", "In Demand"
	if err := t.need(colCode, colName, colCategory, colHot, colDemand); err != nil {
		return err
	}
	type group struct {
		name  string
		techs map[string]*Technology
	}
	byOcc := map[*Occupation]map[string]*group{}
	for i := range t.rows {
		r := t.row(i)
		o := occ.lookup(r, colCode)
		name, category := r.text(colName), r.text(colCategory)
		hot, demand := r.flag(colHot), r.flag(colDemand)
		if r.err != nil {
			return r.err
		}
		if byOcc[o] == nil {
			byOcc[o] = map[string]*group{}
		}
		g := byOcc[o][category]
		if g == nil {
			g = &group{name: category, techs: map[string]*Technology{}}
			byOcc[o][category] = g
		}
		tech := g.techs[name]
		if tech == nil {
			tech = &Technology{Name: name}
			g.techs[name] = tech
		}
		tech.Hot = tech.Hot || hot
		tech.InDemand = tech.InDemand || demand
	}
	flagged := func(t Technology) int {
		n := 0
		if t.Hot {
			n++
		}
		if t.InDemand {
			n++
		}
		return n
	}
	for o, groups := range byOcc {
		all := map[string]Technology{}
		var cats []TechCategory
		flags := map[string]int{}
		for _, g := range groups {
			c := TechCategory{Category: g.name, Count: len(g.techs)}
			for _, tech := range g.techs {
				c.Examples = append(c.Examples, *tech)
				if flagged(*tech) > 0 {
					flags[g.name]++
				}
				a := all[tech.Name]
				all[tech.Name] = Technology{Name: tech.Name, Hot: a.Hot || tech.Hot, InDemand: a.InDemand || tech.InDemand}
			}
			sort.Slice(c.Examples, func(a, b int) bool {
				x, y := c.Examples[a], c.Examples[b]
				if fx, fy := flagged(x), flagged(y); fx != fy {
					return fx > fy
				}
				if x.InDemand != y.InDemand {
					return x.InDemand
				}
				return lessFold(x.Name, y.Name)
			})
			c.Examples = c.Examples[:min(len(c.Examples), MaxTechExamples)]
			cats = append(cats, c)
		}
		sort.Slice(cats, func(a, b int) bool {
			x, y := cats[a], cats[b]
			if x.Count != y.Count {
				return x.Count > y.Count
			}
			if flags[x.Category] != flags[y.Category] {
				return flags[x.Category] > flags[y.Category]
			}
			return lessFold(x.Category, y.Category)
		})
		o.Tech = TechCount{Technologies: len(all), Categories: len(cats)}
		for _, tech := range all {
			if tech.Hot {
				o.Tech.Hot++
			}
			if tech.InDemand {
				o.Tech.InDemand++
			}
		}
		o.Technologies = cats[:min(len(cats), MaxTechCategories)]
	}
	return nil
}

// lessFold orders strings case-insensitively, then bytewise.
func lessFold(a, b string) bool {
	la, lb := strings.ToLower(a), strings.ToLower(b)
	if la != lb {
		return la < lb
	}
	return a < b
}

// sortedDates lists the MM/YYYY dates of m, earliest first.
func sortedDates(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool { return dateKey(keys[a]) < dateKey(keys[b]) })
	return keys
}
