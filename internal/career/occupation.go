package career

import (
	"slices"
	"strings"

	"careerguide/internal/quiz"
)

// Mark is a U.S. Bureau of Labor Statistics sign shown instead of a number.
type Mark string

// The marks of the BLS wage tables.
const (
	AboveTop     Mark = "#"  // at or above the top-coded wage
	NotPublished Mark = "*"  // no wage estimate published
	NoEmployment Mark = "**" // no employment estimate published
)

// Figure is a number, or the BLS mark published in its place.
type Figure struct {
	Value float64 `json:",omitempty"`
	Mark  Mark    `json:",omitempty"`
}

// Known reports whether f is a number.
func (f Figure) Known() bool { return f.Mark == "" }

// Pay is a mean and the 10th to 90th percentiles.
type Pay struct {
	Mean, P10, P25, Median, P75, P90 Figure
}

// Percentiles are the five percentiles in order, with their percentile.
func (p Pay) Percentiles() [5]PayPoint {
	return [5]PayPoint{{10, p.P10}, {25, p.P25}, {50, p.Median}, {75, p.P75}, {90, p.P90}}
}

// PayPoint is one percentile of a Pay.
type PayPoint struct {
	Percentile int
	Figure     Figure
}

// OccWages are the BLS OEWS national figures of an occupation. They are the
// SOC code's: other O*NET occupations (SharedWith) may have the same row.
type OccWages struct {
	SOC        string
	Title      string // the BLS row's title
	SharedWith []string
	Employment Figure
	Annual     Pay
	Hourly     Pay
	AnnualOnly bool
	HourlyOnly bool
}

// OccProjection is the BLS Employment Projections row of an occupation.
type OccProjection struct {
	SOC                 string
	Title               string
	SharedWith          []string
	EmploymentThousands float64
	ProjectedThousands  float64
	ChangeThousands     float64
	ChangePercent       float64
	OpeningsThousands   float64
	Education           string
	Experience          string
	Training            string
	HandbookURL         string
}

// OccInterests is an O*NET interest profile with its high-point code.
type OccInterests struct {
	Scores    quiz.Profile // 1-7, in quiz.Letters order
	HighPoint string       // e.g. "ICR"
	Date      string
}

// WorkValue is one O*NET work value's extent (1-7).
type WorkValue struct {
	Name  string
	Score float64
}

// OccWorkValues is an O*NET work values profile.
type OccWorkValues struct {
	Values     []WorkValue // the six values in O*NET's order
	HighPoints []string    // up to three names, highest first
	Date       string
}

// OccTasks counts the task statements O*NET lists for an occupation by
// type: core, supplemental, and unrated (statements O*NET's analysts wrote
// and did not rate either way).
type OccTasks struct {
	Core         int
	Supplemental int
	Unrated      int
}

// Technology is a technology O*NET lists for an occupation, with its
// flags: hot (frequent in job postings) and in demand (frequent in this
// occupation's postings).
type Technology struct {
	Name     string
	Hot      bool
	InDemand bool
}

// TechCategory is one of O*NET's technology categories for an occupation:
// how many technologies it holds and the first few, flagged ones first.
type TechCategory struct {
	Category string
	Count    int
	Examples []Technology
}

// TechCount counts all the technologies O*NET lists for an occupation.
type TechCount struct {
	Technologies, Categories, Hot, InDemand int
}

// ElementRating is an O*NET skill or knowledge area's importance (1-5) and level
// (0-7) for an occupation; HasLevel is false when O*NET advises against
// publishing the level.
type ElementRating struct {
	Name       string
	Importance float64
	Level      float64
	HasLevel   bool
}

// OccEducation is what the people O*NET asked say an occupation needs:
// the percent choosing each category, in O*NET's order (see
// onet.EducationLevels, ExperienceSpans and TrainingSpans).
type OccEducation struct {
	Required   []float64
	Experience []float64
	Training   []float64
	// Flagged marks the shares O*NET recommends suppressing, by scale
	// ("required", "experience", "training") and 0-based category.
	Flagged map[string][]bool
	Date    string
	Domain  string // "Incumbent", "Occupational Expert", ...
}

// IsFlagged reports whether O*NET flags share i of scale.
func (e *OccEducation) IsFlagged(scale string, i int) bool {
	f := e.Flagged[scale]
	return i < len(f) && f[i]
}

// AltTitle is another title O*NET lists for an occupation.
type AltTitle struct {
	Title string
	Short string // O*NET's short form of the title ("ER Nurse"); "" when none
	// Sources is how many of O*NET's sources list the title; Reported
	// whether it is also in O*NET's sample of reported job titles.
	Sources  int
	Reported bool
}

// Occupation is one O*NET-SOC occupation with its official figures. A
// section its source does not publish is nil (JobZone 0), never zero.
type Occupation struct {
	Code           string // O*NET-SOC, "15-1252.00"
	SOC            string // "15-1252"
	Title          string
	JobZone        int
	Interests      *OccInterests
	WorkValues     *OccWorkValues
	Wages          *OccWages
	Projection     *OccProjection
	ReportedTitles []string
	// Technologies are O*NET's largest technology categories for the
	// occupation, most technologies first; Tech counts them all.
	Technologies []TechCategory
	Tech         TechCount
	// Skills and Knowledge: the elements O*NET rates most important,
	// most important first (from the O*NET release of source onet_skills).
	Skills    []ElementRating
	Knowledge []ElementRating
	// SkillLevels is the level (0-7) on each skill of
	// OccupationData.SkillNames; empty when O*NET rates none.
	SkillLevels []float64
	Education   *OccEducation // nil when O*NET publishes none
	Related     []string      // related O*NET-SOC codes, closest first

	// Tasks counts the task statements O*NET lists; nil when none.
	Tasks *OccTasks
	// Summary is careerguide's own account of the work, written from
	// O*NET's task statements (plain text); "" when none is written.
	Summary string

	// AltTitles are O*NET's alternate titles, the most common first: by
	// how many sources list them, then those also in the sample of
	// reported titles, then by title.
	AltTitles []AltTitle
}

// MedianAnnual is the annual median wage when published as a number, and
// whether it is.
func (o *Occupation) MedianAnnual() (int, bool) {
	if o.Wages == nil || !o.Wages.Annual.Median.Known() {
		return 0, false
	}
	return int(o.Wages.Annual.Median.Value), true
}

// OccSource is one published dataset behind the occupations.
type OccSource struct {
	Key       string
	Name      string
	Publisher string
	Release   string
	License   string
	URL       string
	Credit    string
}

// OccJobZone is one O*NET Job Zone's name.
type OccJobZone struct {
	Zone int
	Name string
}

// OccupationData says where the occupations' figures come from.
type OccupationData struct {
	Sources        []OccSource
	WageTopAnnual  float64
	WageTopHourly  float64
	ProjectionBase int
	ProjectionEnd  int
	JobZones       []OccJobZone
	// SkillNames are the skills Occupation.SkillLevels rate, in order.
	SkillNames []string
}

// Source returns the source with key, or false.
func (d *OccupationData) Source(key string) (OccSource, bool) {
	for _, s := range d.Sources {
		if s.Key == key {
			return s, true
		}
	}
	return OccSource{}, false
}

// Occupation returns the occupation with the O*NET-SOC code, or false. The
// catalog's occupations are sorted by code.
func (c *Catalog) Occupation(code string) (*Occupation, bool) {
	i, ok := slices.BinarySearchFunc(c.Occupations, code, func(o Occupation, code string) int { return strings.Compare(o.Code, code) })
	if !ok {
		return nil, false
	}
	return &c.Occupations[i], true
}

// GuidesFor returns the guides whose O*NET-SOC code is code.
func (c *Catalog) GuidesFor(code string) []*Career {
	var out []*Career
	for i := range c.Careers {
		if c.Careers[i].ONetCode == code {
			out = append(out, &c.Careers[i])
		}
	}
	return out
}

// WagesWider reports whether the occupation's wages (and employment) are a
// wider BLS group's: a code that combines several SOC codes, or a SOC code
// O*NET divides into several occupations that all show its figures.
func (o *Occupation) WagesWider() bool {
	return o.Wages != nil && (o.Wages.SOC != o.SOC || len(o.Wages.SharedWith) > 0)
}

// ProjectionWider is WagesWider for the employment projection.
func (o *Occupation) ProjectionWider() bool {
	return o.Projection != nil && (o.Projection.SOC != o.SOC || len(o.Projection.SharedWith) > 0)
}

// CatchAll reports whether the occupation's BLS figures are an "All Other"
// group's: BLS's catch-all for the occupations of a group it does not list
// on their own.
func (o *Occupation) CatchAll() bool {
	return strings.Contains(o.Title, "All Other") || (o.Wages != nil && strings.Contains(o.Wages.Title, "All Other"))
}

// IsSOC reports whether a BLS code is a SOC 2018 code: one some O*NET
// occupation is filed under, or a broad occupation (ending in 0). BLS
// also publishes a few codes of its own that combine SOC codes (such as
// 51-2028); those are not SOC codes.
func (c *Catalog) IsSOC(code string) bool {
	if strings.HasSuffix(code, "0") {
		return true
	}
	for i := range c.Occupations {
		if c.Occupations[i].SOC == code {
			return true
		}
	}
	return false
}
