package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"strconv"
	"strings"

	"careerguide/internal/career"
	"careerguide/internal/onet"
	"careerguide/internal/quiz"
)

// occupationsJSON is the occupations file the importer writes: a header
// line, a line opening the list, then one occupation a line.
const occupationsJSON = "occupations/occupations.json"

// firstOccupationLine is the line of the file's first occupation.
const firstOccupationLine = 3

// occupations reads and checks the occupations file. Problems name the line
// of the occupation (one a line, as the importer writes them).
func (l *loader) occupations() ([]career.Occupation, career.OccupationData) {
	b, err := fs.ReadFile(l.fsys, occupationsJSON)
	if err != nil {
		l.problem(occupationsJSON, 0, "missing file (run make data)")
		return nil, career.OccupationData{}
	}
	f, err := onet.Decode(bytes.NewReader(b))
	if err != nil {
		line := 0
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line = lineAt(b, se.Offset)
		case errors.As(err, &te):
			line = lineAt(b, te.Offset)
		}
		l.problem(occupationsJSON, line, "%v", err)
		return nil, career.OccupationData{}
	}
	data := career.OccupationData{
		WageTopAnnual: f.Header.WageTop.Annual, WageTopHourly: f.Header.WageTop.Hourly,
		ProjectionBase: f.Header.ProjectionYears.Base, ProjectionEnd: f.Header.ProjectionYears.Projected,
	}
	for _, s := range f.Header.Sources {
		data.Sources = append(data.Sources, career.OccSource{Key: s.Key, Name: s.Name, Publisher: s.Publisher, Release: s.Release, License: s.License, URL: s.URL, Credit: s.Credit})
	}
	for _, k := range []string{onet.SourceONET, onet.SourceInterests, onet.SourceSkills, onet.SourceOEWS, onet.SourceProjections} {
		if _, ok := data.Source(k); !ok {
			l.problem(occupationsJSON, 1, "header: source %q is missing", k)
		}
	}
	data.SkillNames = f.Header.SkillNames
	for _, z := range f.Header.JobZones {
		data.JobZones = append(data.JobZones, career.OccJobZone{Zone: z.Zone, Name: z.Name})
	}
	codes := make(map[string]bool, len(f.Occupations))
	for _, o := range f.Occupations {
		codes[o.Code] = true
	}
	out := make([]career.Occupation, 0, len(f.Occupations))
	for i, o := range f.Occupations {
		line := firstOccupationLine + i
		bad := func(format string, args ...any) {
			l.problem(occupationsJSON, line, "%s: %s", o.Code, fmt.Sprintf(format, args...))
		}
		if !matches(o.Code, "99-9999.99") || !strings.HasPrefix(o.Code, o.SOC+".") {
			bad("code %q and SOC %q: want the forms 15-1252.00 and 15-1252", o.Code, o.SOC)
		}
		if i > 0 && o.Code <= f.Occupations[i-1].Code {
			bad("occupations must be sorted by code without repeats")
		}
		if strings.TrimSpace(o.Title) == "" {
			bad("missing title")
		}
		if o.JobZone < 0 || o.JobZone > 5 {
			bad("job zone %d: want 1 to 5, or 0 for none", o.JobZone)
		}
		occ := career.Occupation{Code: o.Code, SOC: o.SOC, Title: o.Title, JobZone: o.JobZone, ReportedTitles: o.ReportedTitles}
		if in := o.Interests; in != nil {
			for j, v := range in.RIASEC {
				if v < 1 || v > 7 {
					bad("interest %c = %v is outside O*NET's 1-7 scale", quiz.Letters[j], v)
				}
			}
			if !validHolland(in.HighPoint) {
				bad("high-point code %q: want 1 to 3 distinct letters of RIASEC", in.HighPoint)
			}
			occ.Interests = &career.OccInterests{Scores: quiz.Profile(in.RIASEC), HighPoint: in.HighPoint, Date: in.Date}
		}
		if wv := o.WorkValues; wv != nil {
			occ.WorkValues = &career.OccWorkValues{HighPoints: wv.HighPoints, Date: wv.Date, Values: []career.WorkValue{
				{Name: "Achievement", Score: wv.Achievement}, {Name: "Working Conditions", Score: wv.WorkingConditions},
				{Name: "Recognition", Score: wv.Recognition}, {Name: "Relationships", Score: wv.Relationships},
				{Name: "Support", Score: wv.Support}, {Name: "Independence", Score: wv.Independence},
			}}
		}
		if w := o.Wages; w != nil {
			occ.Wages = &career.OccWages{
				SOC: w.SOC, Title: w.Title, SharedWith: w.SharedWith, Employment: figure(w.Employment),
				Annual: pay(w.Annual), Hourly: pay(w.Hourly), AnnualOnly: w.AnnualOnly, HourlyOnly: w.HourlyOnly,
			}
			if msg := risingPay(occ.Wages.Annual); msg != "" {
				bad("annual wages: %s", msg)
			}
			l.knownCodes(bad, "wages shared with", w.SharedWith, codes)
		}
		if p := o.Projection; p != nil {
			occ.Projection = &career.OccProjection{
				SOC: p.SOC, Title: p.Title, SharedWith: p.SharedWith,
				EmploymentThousands: p.EmploymentThousands, ProjectedThousands: p.ProjectedEmploymentThousands,
				ChangeThousands: p.ChangeThousands, ChangePercent: p.ChangePercent, OpeningsThousands: p.OpeningsThousands,
				Education: p.Education, Experience: p.Experience, Training: p.Training, HandbookURL: p.HandbookURL,
			}
			if p.EmploymentThousands < 0 || p.OpeningsThousands < 0 {
				bad("projection: negative employment or openings")
			}
			l.knownCodes(bad, "projection shared with", p.SharedWith, codes)
		}
		if t := o.Tasks; t != nil {
			if t.Core < 0 || t.Supplemental < 0 || t.Unrated < 0 || t.Core+t.Supplemental+t.Unrated == 0 {
				bad("tasks %+v: want counts of at least 0 and at least one task, or null", *t)
			}
			occ.Tasks = &career.OccTasks{Core: t.Core, Supplemental: t.Supplemental, Unrated: t.Unrated}
		}
		occ.AltTitles = altTitles(o, bad)
		occ.Technologies, occ.Tech = technologies(bad, o.Technologies, o.Tech)
		occ.Skills = ratings(bad, "skills", o.Skills)
		occ.Knowledge = ratings(bad, "knowledge", o.Knowledge)
		if len(o.SkillLevels) > 0 {
			if len(o.SkillLevels) != len(f.Header.SkillNames) {
				bad("%d skill levels for the %d skill names of the header", len(o.SkillLevels), len(f.Header.SkillNames))
			}
			for _, v := range o.SkillLevels {
				if v < 0 || v > 7 {
					bad("skill level %v is outside O*NET's 0-7 scale", v)
					break
				}
			}
			occ.SkillLevels = o.SkillLevels
		}
		if e := o.Education; e != nil {
			occ.Education = education(bad, e)
		}
		for _, tier := range [][]string{o.Related.PrimaryShort, o.Related.PrimaryLong, o.Related.Supplemental} {
			l.knownCodes(bad, "related occupation", tier, codes)
			occ.Related = append(occ.Related, tier...)
		}
		out = append(out, occ)
	}
	if len(out) == 0 {
		l.problem(occupationsJSON, 2, "no occupations")
	}
	return out, data
}

func (l *loader) knownCodes(bad func(string, ...any), what string, list []string, codes map[string]bool) {
	for _, c := range list {
		if !codes[c] {
			bad("%s %q is not in the file", what, c)
		}
	}
}

// ratings checks an occupation's skills or knowledge areas: at most
// onet.MaxRatings, each named once, importance on O*NET's 1-5 scale and
// level on its 0-7 scale, most important first.
func ratings(bad func(string, ...any), what string, in []onet.Rating) []career.ElementRating {
	if len(in) > onet.MaxRatings {
		bad("%d %s: the file keeps at most %d", len(in), what, onet.MaxRatings)
	}
	seen := map[string]bool{}
	out := make([]career.ElementRating, 0, len(in))
	for i, r := range in {
		switch {
		case strings.TrimSpace(r.Name) == "" || seen[r.Name]:
			bad("%s %d: name %q is empty or repeated", what, i+1, r.Name)
		case r.Importance < 1 || r.Importance > 5:
			bad("%s %q: importance %v is outside O*NET's 1-5 scale", what, r.Name, r.Importance)
		case r.Level != nil && (*r.Level < 0 || *r.Level > 7):
			bad("%s %q: level %v is outside O*NET's 0-7 scale", what, r.Name, *r.Level)
		case i > 0 && r.Importance > in[i-1].Importance:
			bad("%s %q: importance %v above the one before it: most important first", what, r.Name, r.Importance)
		}
		seen[r.Name] = true
		c := career.ElementRating{Name: r.Name, Importance: r.Importance}
		if r.Level != nil {
			c.Level, c.HasLevel = *r.Level, true
		}
		out = append(out, c)
	}
	return out
}

// education checks the shares of an occupation's education, experience
// and training: one per O*NET category, each 0-100 %, adding up to 100 %
// (to the rounding of the published figures).
func education(bad func(string, ...any), e *onet.Education) *career.OccEducation {
	out := &career.OccEducation{Required: e.Required, Experience: e.Experience, Training: e.Training, Date: e.Date, Domain: e.Domain, Flagged: map[string][]bool{}}
	for _, sc := range []struct {
		key    string
		shares []float64
		want   int
	}{
		{"required", e.Required, len(onet.EducationLevels())},
		{"experience", e.Experience, len(onet.ExperienceSpans())},
		{"training", e.Training, len(onet.TrainingSpans())},
	} {
		if len(sc.shares) != sc.want {
			bad("education %s: %d shares, want one for each of O*NET's %d categories", sc.key, len(sc.shares), sc.want)
			continue
		}
		sum := 0.0
		for _, v := range sc.shares {
			if v < 0 || v > 100 {
				bad("education %s: share %v is outside 0-100 %%", sc.key, v)
			}
			sum += v
		}
		if math.Abs(sum-100) > 0.5 {
			bad("education %s: shares add up to %.2f %%, not 100 %%", sc.key, sum)
		}
		out.Flagged[sc.key] = make([]bool, sc.want)
	}
	for _, f := range e.Flagged {
		key, num, _ := strings.Cut(f, " ")
		n, err := strconv.Atoi(num)
		if flags, ok := out.Flagged[key]; !ok || err != nil || n < 1 || n > len(flags) {
			bad("education flag %q: want a scale (required, experience, training) and one of its categories", f)
			continue
		}
		out.Flagged[key][n-1] = true
	}
	if !matches(e.Date, "99/9999") || strings.TrimSpace(e.Domain) == "" {
		bad("education: date %q and domain %q: want MM/YYYY and who was asked", e.Date, e.Domain)
	}
	return out
}

// technologies checks an occupation's technology categories: at most
// onet.MaxTechCategories, most technologies first, each with 1 to
// onet.MaxTechExamples examples and no more than its count, and no more
// categories or technologies than the counts of all of them say.
func technologies(bad func(string, ...any), in []onet.TechCategory, n onet.TechCount) ([]career.TechCategory, career.TechCount) {
	if len(in) > onet.MaxTechCategories || len(in) > n.Categories || len(in) == 0 && n.Technologies > 0 {
		bad("%d technology categories kept of %d: want up to %d, and some when there are technologies", len(in), n.Categories, onet.MaxTechCategories)
	}
	out := make([]career.TechCategory, 0, len(in))
	for i, c := range in {
		if strings.TrimSpace(c.Category) == "" || len(c.Examples) == 0 || len(c.Examples) > min(c.Count, onet.MaxTechExamples) || c.Count > n.Technologies {
			bad("technology category %d %q: %d examples of %d (of %d in all): want 1 to %d, and no more than its count", i+1, c.Category, len(c.Examples), c.Count, n.Technologies, onet.MaxTechExamples)
		}
		if i > 0 && c.Count > in[i-1].Count {
			bad("technology category %q: %d technologies, more than the one before it: largest first", c.Category, c.Count)
		}
		tc := career.TechCategory{Category: c.Category, Count: c.Count}
		for _, t := range c.Examples {
			tc.Examples = append(tc.Examples, career.Technology{Name: t.Name, Hot: t.Hot, InDemand: t.InDemand})
		}
		out = append(out, tc)
	}
	if n.Hot > n.Technologies || n.InDemand > n.Technologies {
		bad("technologies: %d hot and %d in demand of %d", n.Hot, n.InDemand, n.Technologies)
	}
	return out, career.TechCount{Technologies: n.Technologies, Categories: n.Categories, Hot: n.Hot, InDemand: n.InDemand}
}

func figure(f onet.Figure) career.Figure {
	return career.Figure{Value: f.Value, Mark: career.Mark(f.Mark)}
}

func pay(p onet.Pay) career.Pay {
	return career.Pay{Mean: figure(p.Mean), P10: figure(p.P10), P25: figure(p.P25), Median: figure(p.Median), P75: figure(p.P75), P90: figure(p.P90)}
}

// risingPay says what is wrong when the known percentiles do not rise, or
// a number follows a "#" (which is above every number).
func risingPay(p career.Pay) string {
	prev, top := math.Inf(-1), false
	for _, pt := range p.Percentiles() {
		switch {
		case pt.Figure.Mark == career.AboveTop:
			top = true
		case pt.Figure.Known() && top:
			return fmt.Sprintf("p%d is a number above a \"#\"", pt.Percentile)
		case pt.Figure.Known() && pt.Figure.Value < prev:
			return fmt.Sprintf("p%d %v is below the percentile before it", pt.Percentile, pt.Figure.Value)
		case pt.Figure.Known():
			prev = pt.Figure.Value
		}
	}
	return ""
}

// lineAt is the 1-based line of byte offset off in b.
func lineAt(b []byte, off int64) int {
	off = min(max(off, 0), int64(len(b)))
	return bytes.Count(b[:off], []byte("\n")) + 1
}

// checkOfficial records a problem for every official figure a guide states
// that disagrees with the imported data for its O*NET-SOC code: the
// interest scores and Holland code (O*NET), the wage percentiles (BLS OEWS)
// and the growth rounded to a whole percent (BLS Employment Projections).
func (l *loader) checkOfficial(d *doc, f *careerFile, c *career.Career) {
	if l.occ == nil || len(l.occ.Occupations) == 0 || !matches(c.ONetCode, "99-9999.99") {
		return
	}
	o, ok := l.occ.Occupation(c.ONetCode)
	if !ok {
		d.errf("$.onet_code", "onet_code %q is not in %s", c.ONetCode, occupationsJSON)
		return
	}
	if c.SOCCode != o.SOC {
		d.errf("$.soc_code", "soc_code %q: O*NET files %s under %s", c.SOCCode, o.Code, o.SOC)
	}
	if in := o.Interests; in != nil {
		for i, v := range c.Interests.Scores {
			letter := quiz.Letters[i : i+1]
			if math.Abs(v-in.Scores[i]) > 0.005 {
				d.errf("$.interests."+letter, "interest %s = %v, but O*NET gives %v for %s", letter, v, in.Scores[i], o.Code)
			}
		}
		if c.HollandCode != in.HighPoint {
			d.errf("$.holland_code", "holland_code %q, but O*NET's high-point code for %s is %q", c.HollandCode, o.Code, in.HighPoint)
		}
	}
	if w := o.Wages; w != nil {
		for i, pc := range f.Market.Percentiles {
			var want career.Figure
			for _, pt := range w.Annual.Percentiles() {
				if pt.Percentile == pc.Percentile {
					want = pt.Figure
				}
			}
			switch {
			case want == (career.Figure{}):
				d.errf(fmt.Sprintf("$.market.percentiles[%d].percentile", i), "BLS publishes no %dth percentile", pc.Percentile)
			case !want.Known():
				d.errf(fmt.Sprintf("$.market.percentiles[%d].annual", i), "the %dth percentile is %d, but BLS shows %q for %s (SOC %s)", pc.Percentile, pc.Annual, want.Mark, o.Code, w.SOC)
			case float64(pc.Annual) != want.Value:
				d.errf(fmt.Sprintf("$.market.percentiles[%d].annual", i), "the %dth percentile is %d, but BLS OEWS gives %.0f for SOC %s (%s)", pc.Percentile, pc.Annual, want.Value, w.SOC, w.Title)
			}
		}
	}
	if p := o.Projection; p != nil && f.Market.GrowthPercent != nil {
		if want := int(math.Round(p.ChangePercent)); *f.Market.GrowthPercent != want {
			d.errf("$.market.growth_percent", "growth_percent %d, but BLS projects %.1f %% for SOC %s (%s): write %d", *f.Market.GrowthPercent, p.ChangePercent, p.SOC, p.Title, want)
		}
		if f.Market.GrowthOccupation != "" && p.SOC == o.SOC {
			d.errf("$.market.growth_occupation", "BLS projects SOC %s (%s) alone: leave growth_occupation out", p.SOC, p.Title)
		}
	}
}
