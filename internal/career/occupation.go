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

// Technology is a technology O*NET flags for an occupation.
type Technology struct {
	Name     string
	Hot      bool
	InDemand bool
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
	Technologies   []Technology
	Related        []string // related O*NET-SOC codes, closest first

	// Tasks counts the task statements O*NET lists; nil when none.
	Tasks *OccTasks
	// Summary is careerguide's own account of the work, written from
	// O*NET's task statements (plain text); "" when none is written.
	Summary string
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
