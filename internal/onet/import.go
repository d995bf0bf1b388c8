package onet

import (
	"fmt"
	"path/filepath"
	"sort"
)

// Paths are the published files an import reads.
type Paths struct {
	ONET string // the O*NET database text files' folder, e.g. onet-29.3
	// Skills is the folder of the O*NET release whose Skills.xlsx and
	// Knowledge.xlsx are read, with its Read Me.txt, e.g. onet-29.0.
	Skills      string
	OEWS        string // the OEWS national workbook, e.g. national_M2024_dl.xlsx
	Projections string // the Employment Projections workbook, occupation.xlsx
}

// Import reads the published files and derives the occupations file.
func Import(p Paths) (*File, error) {
	rel, err := readReadMe(p.ONET)
	if err != nil {
		return nil, err
	}
	occ, err := readOccupations(p.ONET)
	if err != nil {
		return nil, err
	}
	interestDates, err := readInterests(p.ONET, occ)
	if err != nil {
		return nil, err
	}
	zones, err := readJobZoneReference(p.ONET)
	if err != nil {
		return nil, err
	}
	for _, read := range []func(string, occupations) error{
		readWorkValues, readJobZones, readRelated, readReportedTitles, readAltTitles, readTechnologies, readTasks, readEducation,
	} {
		if err := read(p.ONET, occ); err != nil {
			return nil, err
		}
	}
	skillsRel, skillNames, err := readSkills(p.Skills, occ)
	if err != nil {
		return nil, err
	}
	wages, err := readOEWS(p.OEWS)
	if err != nil {
		return nil, err
	}
	proj, err := readProjections(p.Projections)
	if err != nil {
		return nil, err
	}

	list := make([]Occupation, 0, len(occ))
	for _, o := range occ {
		list = append(list, *o)
	}
	sort.Slice(list, func(a, b int) bool { return list[a].Code < list[b].Code })
	join(list, wages.Rows, func(o *Occupation, row *oewsRow, shared []string) {
		o.Wages = &Wages{
			SOC: row.SOC, Title: row.Title, SharedWith: shared,
			Employment: row.Employment, Annual: row.Annual, Hourly: row.Hourly,
			AnnualOnly: row.AnnualOnly, HourlyOnly: row.HourlyOnly,
		}
	})
	join(list, proj.Rows, func(o *Occupation, row *Projection, shared []string) {
		p := *row
		p.SharedWith = shared
		o.Projection = &p
	})

	f := &File{
		Header: Header{
			Format: FormatVersion,
			Sources: []Source{
				{
					Key: SourceONET, Name: rel.Name, Release: rel.Date,
					Publisher: "National Center for O*NET Development for USDOL/ETA",
					License:   "CC BY 4.0", URL: "https://www.onetcenter.org/database.html",
					Credit: onetCredit(rel.Name),
					Files:  []string{fileReadMe, fileOccupations, fileJobZones, fileJobZoneRef, fileRelated, fileReportedTitle, fileAltTitles, fileTechnology, fileWorkValues, fileTasks, fileEducation, fileEducationCats},
				},
				{
					Key: SourceInterests, Name: rel.Name + ": Interests", Release: dateRange(interestDates),
					Publisher: "National Center for O*NET Development for USDOL/ETA",
					License:   "CC BY 4.0", URL: "https://www.onetcenter.org/database.html",
					Files: []string{fileInterests},
				},
				{
					Key: SourceSkills, Name: skillsRel.Name + ": Skills and Knowledge", Release: skillsRel.Date,
					Publisher: "National Center for O*NET Development for USDOL/ETA",
					License:   "CC BY 4.0", URL: "https://www.onetcenter.org/database.html",
					Credit: onetCredit(skillsRel.Name),
					Files:  []string{fileReadMe, fileSkills, fileKnowledge},
				},
				{
					Key: SourceOEWS, Name: "Occupational Employment and Wage Statistics (OEWS), national", Release: wages.Release,
					Publisher: "U.S. Bureau of Labor Statistics",
					License:   "public domain", URL: "https://www.bls.gov/oes/",
					Files: []string{filepath.Base(p.OEWS)},
				},
				{
					Key: SourceProjections, Name: "Employment Projections", Release: fmt.Sprintf("%d-%02d", proj.Years.Base, proj.Years.Projected%100),
					Publisher: "U.S. Bureau of Labor Statistics",
					License:   "public domain", URL: "https://www.bls.gov/emp/",
					Files: []string{filepath.Base(p.Projections) + " [" + projectionsSheet + "]"},
				},
			},
			WageTop:         wages.Top,
			ProjectionYears: proj.Years,
			JobZones:        zones,
			SkillNames:      skillNames,
		},
		Occupations: list,
	}
	f.Header.Counts = count(list)
	return f, nil
}

// join gives each occupation the BLS row for its SOC code. When BLS has no
// row for that code, the occupation takes the one row of its SOC broad group
// (same first five digits) whose code no O*NET occupation has: BLS publishes
// some occupations only together, under the broad code (13-1020) or a
// combined one (21-1018 for 21-1011 and 21-1014). Otherwise it gets none.
func join[R any](list []Occupation, rows map[string]*R, set func(o *Occupation, row *R, shared []string)) {
	onetSOC := map[string]bool{}
	for _, o := range list {
		onetSOC[o.SOC] = true
	}
	spare := map[string][]string{} // broad group -> BLS codes no O*NET occupation has
	for code := range rows {
		if !onetSOC[code] {
			spare[code[:6]] = append(spare[code[:6]], code)
		}
	}
	source := make([]string, len(list)) // BLS code each occupation's figures come from
	users := map[string][]string{}      // BLS code -> O*NET codes using it
	for i, o := range list {
		code := o.SOC
		if rows[code] == nil {
			if s := spare[code[:6]]; len(s) == 1 {
				code = s[0]
			} else {
				continue
			}
		}
		source[i] = code
		users[code] = append(users[code], o.Code)
	}
	for i := range list {
		code := source[i]
		if code == "" {
			continue
		}
		shared := []string{}
		for _, c := range users[code] {
			if c != list[i].Code {
				shared = append(shared, c)
			}
		}
		set(&list[i], rows[code], shared)
	}
}

func count(list []Occupation) Counts {
	c := Counts{Occupations: len(list)}
	for _, o := range list {
		if o.Interests != nil {
			c.WithInterests++
		}
		if o.JobZone > 0 {
			c.WithJobZone++
		}
		if o.Wages != nil {
			c.WithWages++
		}
		if o.Projection != nil {
			c.WithProjection++
		}
	}
	return c
}

// onetCredit is the attribution O*NET's CC BY 4.0 license asks for, for the
// release named ("O*NET 29.3 Database").
func onetCredit(release string) string {
	return "This page includes information from the " + release +
		" by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA)." +
		" Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA." +
		" careerguide has modified all or some of this information." +
		" USDOL/ETA has not approved, endorsed, or tested these modifications."
}

// dateRange is "11/2023", or "06/2008 to 11/2023" when dates differ.
func dateRange(dates []string) string {
	switch len(dates) {
	case 0:
		return ""
	case 1:
		return dates[0]
	}
	return dates[0] + " to " + dates[len(dates)-1]
}

// Summary is a one-line account of f.
func Summary(f *File) string {
	c := f.Header.Counts
	tasks, skills, edu, tech := 0, 0, 0, 0
	for _, o := range f.Occupations {
		if o.Tasks != nil {
			tasks++
		}
		if len(o.Skills) > 0 {
			skills++
		}
		if o.Education != nil {
			edu++
		}
		if o.Tech.Technologies > 0 {
			tech++
		}
	}
	return fmt.Sprintf("%d occupations: %d with interests, %d with a job zone, %d with wages, %d with a projection, %d with task statements, %d with skills, %d with education, %d with technologies",
		c.Occupations, c.WithInterests, c.WithJobZone, c.WithWages, c.WithProjection, tasks, skills, edu, tech)
}
