// Package onet reads the published O*NET database text files and the BLS
// OEWS and Employment Projections workbooks, and writes and reads the
// derived occupations file committed under content/occupations/.
//
// The derived file holds facts only: codes, titles, reported and alternate
// job titles, numbers, technology names, related codes, release dates and source names.
// O*NET's description and task sentences are never written into it: of the
// task statements it keeps only how many there are of each type.
//
// Layout: one JSON object whose "header" names the sources, then
// "occupations", one occupation per line, sorted by O*NET-SOC code.
// Writing the same File twice gives the same bytes.
package onet

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// FormatVersion is the version of the derived file's layout; Decode refuses
// any other.
const FormatVersion = 2

// File is the whole derived occupations file.
type File struct {
	Header      Header       `json:"header"`
	Occupations []Occupation `json:"occupations"` // sorted by Code
}

// Header says where the figures come from.
type Header struct {
	Format  int      `json:"format"`  // FormatVersion
	Sources []Source `json:"sources"` // keys SourceONET, SourceInterests, SourceSkills, SourceOEWS, SourceProjections
	// WageTop is OEWS's top code: a wage marked "#" is at or above it.
	WageTop WageTop `json:"wage_top"`
	// ProjectionYears are the base and target years of the projections
	// (employment figures are in thousands).
	ProjectionYears ProjectionYears `json:"projection_years"`
	JobZones        []JobZone       `json:"job_zones"` // zones 1-5, in order
	// SkillNames are the skills every Occupation.SkillLevels rates, in
	// O*NET's Content Model order (SourceSkills release).
	SkillNames []string `json:"skill_names"`
	Counts     Counts   `json:"counts"`
}

// Source keys in Header.Sources.
const (
	SourceONET      = "onet"
	SourceInterests = "onet_interests"
	// SourceSkills is the O*NET release the skills and knowledge ratings
	// come from (29.0: an older release than the rest of O*NET's figures).
	SourceSkills      = "onet_skills"
	SourceOEWS        = "oews"
	SourceProjections = "projections"
)

// Source is one published dataset the file was derived from.
type Source struct {
	Key       string   `json:"key"`
	Name      string   `json:"name"`      // e.g. "O*NET 29.3 Database"
	Publisher string   `json:"publisher"` // e.g. "U.S. Bureau of Labor Statistics"
	Release   string   `json:"release"`   // as the publisher dates it: "May 2025", "11/2023", "May 2024", "2024-34"
	License   string   `json:"license"`   // "CC BY 4.0" or "public domain"
	URL       string   `json:"url"`
	Credit    string   `json:"credit,omitempty"` // the attribution the license asks for, shown wherever the data is
	Files     []string `json:"files"`            // the published files read, by name
}

// WageTop is the top-coded wage of OEWS ("#" means at or above it).
type WageTop struct {
	Annual float64 `json:"annual"` // dollars a year, e.g. 239200
	Hourly float64 `json:"hourly"` // dollars an hour, e.g. 115
}

// ProjectionYears are the years of the Employment Projections.
type ProjectionYears struct {
	Base      int `json:"base"`      // e.g. 2024
	Projected int `json:"projected"` // e.g. 2034
}

// JobZone is one O*NET Job Zone's name (from Job Zone Reference).
type JobZone struct {
	Zone     int    `json:"zone"`
	Name     string `json:"name"`      // e.g. "Job Zone Four: Considerable Preparation Needed"
	SVPRange string `json:"svp_range"` // e.g. "(7.0 to < 8.0)"
}

// Counts summarize the file.
type Counts struct {
	Occupations    int `json:"occupations"`
	WithInterests  int `json:"with_interests"`
	WithJobZone    int `json:"with_job_zone"`
	WithWages      int `json:"with_wages"`
	WithProjection int `json:"with_projection"`
}

// Occupation is one O*NET-SOC occupation. A section O*NET or BLS does not
// publish for it is null (nil), never zero.
type Occupation struct {
	Code  string `json:"code"`  // O*NET-SOC code, 8 digits: "15-1252.00"
	SOC   string `json:"soc"`   // its SOC 2018 code, 6 digits: "15-1252"
	Title string `json:"title"` // O*NET title

	JobZone        int         `json:"job_zone"` // 1-5; 0 when O*NET gives none
	Interests      *Interests  `json:"interests"`
	WorkValues     *WorkValues `json:"work_values"`
	Wages          *Wages      `json:"wages"`
	Projection     *Projection `json:"projection"`
	Tasks          *Tasks      `json:"tasks"`           // how many task statements O*NET lists; nil when none
	ReportedTitles []string    `json:"reported_titles"` // O*NET's sample of reported job titles, sorted
	// AltTitles are O*NET's alternate titles, sorted by title.
	AltTitles []AltTitle `json:"alternate_titles"`
	// Skills and Knowledge are the MaxRatings elements O*NET rates most
	// important for the occupation (Header's SourceSkills release), most
	// important first; empty when O*NET rates none.
	Skills    []Rating `json:"skills"`
	Knowledge []Rating `json:"knowledge"`
	// SkillLevels is the occupation's level (0-7) on every skill of
	// Header.SkillNames, in that order, for comparing occupations' skill
	// profiles: as published, but 0 where O*NET marks the skill not
	// relevant to the occupation. Empty when O*NET rates no skills.
	SkillLevels []float64  `json:"skill_levels"`
	Education   *Education `json:"education"` // nil when O*NET publishes none
	// Technologies are the MaxTechCategories largest of O*NET's technology
	// categories for the occupation; Tech counts all of them.
	Technologies []TechCategory `json:"technologies"`
	Tech         TechCount      `json:"tech"`
	Related      Related        `json:"related"`
}

// MaxRatings is how many skills, and how many knowledge areas, the file
// keeps per occupation.
const MaxRatings = 8

// Rating is an O*NET skill or knowledge element's ratings for one
// occupation: importance (1-5) and level (0-7), as published (2 decimals).
type Rating struct {
	Name       string  `json:"name"` // O*NET's element name, "Active Listening"
	Importance float64 `json:"im"`
	// Level is nil when O*NET recommends suppressing it (too few
	// respondents or too wide a spread to publish).
	Level *float64 `json:"lv"`
}

// Education is what the workers (or experts) O*NET asked say an occupation
// needs: each category's share of respondents, in percent (2 decimals), in
// O*NET's category order (EducationLevels, ExperienceSpans, TrainingSpans).
type Education struct {
	Required   []float64 `json:"required"`   // required level of education, 12 categories
	Experience []float64 `json:"experience"` // related work experience, 11 categories
	Training   []float64 `json:"training"`   // on-the-job training, 9 categories
	// Flagged lists the shares O*NET recommends suppressing (a small or
	// widely spread sample), as "required 6", "training 2" and so on.
	Flagged []string `json:"flagged"`
	Date    string   `json:"date"`   // the latest date of the ratings, "08/2023"
	Domain  string   `json:"domain"` // who was asked: "Incumbent", "Occupational Expert", ...
}

// TechCategory is one O*NET technology category (its Commodity Title) with
// how many technologies O*NET lists in it for the occupation and the first
// MaxTechExamples of them: the ones flagged hot or in demand first, then by
// name.
type TechCategory struct {
	Category string       `json:"category"`
	Count    int          `json:"count"`
	Examples []Technology `json:"examples"`
}

// TechCount counts all the technologies O*NET lists for an occupation and
// their categories, including those not kept.
type TechCount struct {
	Technologies int `json:"technologies"`
	Categories   int `json:"categories"`
	Hot          int `json:"hot"`
	InDemand     int `json:"in_demand"`
}

// How many technology categories, and how many examples in each, the file
// keeps per occupation.
const (
	MaxTechCategories = 8
	MaxTechExamples   = 4
)

// Interests is an occupation's O*NET interest profile.
type Interests struct {
	// RIASEC holds the six "OI" scores (1-7) in career.Letters order.
	RIASEC [6]float64 `json:"riasec"`
	// HighPoint is O*NET's high-point code: up to three of career.Letters,
	// first the highest ("ICR"); shorter when O*NET names fewer.
	HighPoint string `json:"high_point"`
	Date      string `json:"date"` // O*NET's date of the ratings, "11/2023"
}

// WorkValues is an occupation's O*NET work values profile (extent, 1-7).
type WorkValues struct {
	Achievement       float64 `json:"achievement"`
	WorkingConditions float64 `json:"working_conditions"`
	Recognition       float64 `json:"recognition"`
	Relationships     float64 `json:"relationships"`
	Support           float64 `json:"support"`
	Independence      float64 `json:"independence"`
	// HighPoints names up to three values, first the highest, as O*NET
	// spells them ("Achievement", "Working Conditions", ...).
	HighPoints []string `json:"high_points"`
	Date       string   `json:"date"`
}

// Wages are the OEWS national figures an occupation's pay comes from.
// They are the SOC code's: several O*NET occupations may share them.
type Wages struct {
	// SOC and Title name the OEWS row the figures come from. SOC differs
	// from the occupation's own SOC when BLS publishes only a wider or
	// combined code (e.g. 13-1020 for 13-1021, 13-1022 and 13-1023).
	SOC   string `json:"soc"`
	Title string `json:"title"`
	// SharedWith lists the other O*NET occupations whose figures come from
	// the same row, sorted; empty when the figures are this one's alone.
	SharedWith []string `json:"shared_with"`
	Employment Figure   `json:"employment"` // people employed, or "**"
	Annual     Pay      `json:"annual"`     // dollars a year
	Hourly     Pay      `json:"hourly"`     // dollars an hour
	// AnnualOnly / HourlyOnly: BLS releases only annual (teachers, pilots)
	// or only hourly (actors, musicians) wages; the other side is "*".
	AnnualOnly bool `json:"annual_only,omitempty"`
	HourlyOnly bool `json:"hourly_only,omitempty"`
}

// Pay is a mean and the 10th to 90th percentiles. Each may be "#" (at or
// above Header.WageTop) or "*" (not published).
type Pay struct {
	Mean   Figure `json:"mean"`
	P10    Figure `json:"p10"`
	P25    Figure `json:"p25"`
	Median Figure `json:"median"`
	P75    Figure `json:"p75"`
	P90    Figure `json:"p90"`
}

// Projection is the Employment Projections row an occupation's outlook
// comes from; like Wages it is the SOC code's.
type Projection struct {
	SOC        string   `json:"soc"`
	Title      string   `json:"title"`
	SharedWith []string `json:"shared_with"`
	// Employment in thousands in the base and projected years, the change
	// in thousands and percent, and the openings a year (thousands,
	// average over the period).
	EmploymentThousands          float64 `json:"employment_thousands"`
	ProjectedEmploymentThousands float64 `json:"projected_employment_thousands"`
	ChangeThousands              float64 `json:"change_thousands"`
	ChangePercent                float64 `json:"change_percent"`
	OpeningsThousands            float64 `json:"openings_thousands"`
	// BLS categories, as BLS words them; "" when BLS shows "—".
	Education   string `json:"education"`  // typical education needed for entry
	Experience  string `json:"experience"` // work experience in a related occupation
	Training    string `json:"training"`   // typical on-the-job training
	HandbookURL string `json:"handbook_url,omitempty"`
}

// Tasks counts the task statements O*NET lists for an occupation, by their
// Task Type: core (rated relevant and important by most incumbents),
// supplemental (the others rated), and unrated ("n/a": statements written by
// O*NET's analysts and not rated either way).
type Tasks struct {
	Core         int `json:"core"`
	Supplemental int `json:"supplemental"`
	Unrated      int `json:"unrated"`
}

// Total is the number of task statements.
func (t Tasks) Total() int { return t.Core + t.Supplemental + t.Unrated }

// Technology is a technology O*NET lists for an occupation, flagged hot
// (frequent in employers' job postings) or in demand (among the most
// frequent in this occupation's postings) when O*NET flags it so.
type Technology struct {
	Name     string `json:"name"`
	Hot      bool   `json:"hot,omitempty"`
	InDemand bool   `json:"in_demand,omitempty"`
}

// Related holds O*NET's related occupations by tier, each in O*NET's order.
type Related struct {
	PrimaryShort []string `json:"primary_short"`
	PrimaryLong  []string `json:"primary_long"`
	Supplemental []string `json:"supplemental"`
}

// Decode reads a derived occupations file, refusing unknown fields and
// other format versions.
func Decode(r io.Reader) (*File, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("occupations file: %w", err)
	}
	if dec.More() {
		return nil, errors.New("occupations file: data after the end")
	}
	if f.Header.Format != FormatVersion {
		return nil, fmt.Errorf("occupations file: format %d, want %d (run the importer again)", f.Header.Format, FormatVersion)
	}
	return &f, nil
}

// Write writes f: the header on one line, then one occupation a line.
func Write(w io.Writer, f *File) error {
	var b bytes.Buffer
	b.WriteString(`{"header":`)
	if err := encode(&b, f.Header); err != nil {
		return err
	}
	b.WriteString(",\n\"occupations\":[\n")
	for i, o := range f.Occupations {
		if i > 0 {
			b.WriteString(",\n")
		}
		if err := encode(&b, o); err != nil {
			return fmt.Errorf("%s: %w", o.Code, err)
		}
	}
	b.WriteString("\n]}\n")
	_, err := w.Write(b.Bytes())
	return err
}

// encode writes v as compact JSON without HTML escaping and without the
// encoder's trailing newline.
func encode(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1)
	return nil
}
