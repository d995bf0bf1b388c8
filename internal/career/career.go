// Package career holds the domain types of a career guide and the pure logic
// built on them: salary figures, the ladder and the learning plan for a level.
package career

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"careerguide/internal/quiz"
)

// Source names where a figure or a statement comes from.
type Source struct {
	Name string // publisher and document, e.g. "U.S. Bureau of Labor Statistics, Occupational Outlook Handbook"
	URL  string
	Date string // the date or period the figures describe, e.g. "May 2024"
}

// Provenance says where a group of figures comes from: a Source, or an
// estimate with the reasoning behind it. Exactly one of the two is set.
type Provenance struct {
	Source   *Source
	Estimate bool
	Basis    string // for estimates: how the figure was derived
}

// Range is a yearly pay range in whole US dollars.
type Range struct {
	Min int
	Max int
}

// Link is a titled external reference.
type Link struct {
	Title string
	URL   string
	Note  string
}

// Resource is a free learning resource of a skill, with careerguide's
// estimate of the hours it takes to work through (an estimate: reading,
// exercises and a small project of one's own, at a beginner's pace).
type Resource struct {
	Link
	Hours int
}

// Interests is an O*NET-style interest profile on the 1-7 scale, in RIASEC order.
type Interests struct {
	Scores quiz.Profile
	Source Source
}

// Level is one rung of a career ladder.
type Level struct {
	Key              string // stable identifier used in forms and sessions, e.g. "senior"
	Rank             int    // 1 = entry level
	Title            string
	Short            string // short label for compact pickers, e.g. "Senior"
	YearsMin         int
	YearsMax         int // 0 means open-ended ("12+")
	Base             Range
	WithEquity       Range // base plus typical bonus and equity
	TopMarket        Range // San Francisco, New York, Seattle
	Pay              Provenance
	Summary          string // one sentence
	Responsibilities string // rendered HTML
	Examples         []string
}

// ProjectionPoint is the expected pay at a given year of experience in the
// two scenarios of the salary projection.
type ProjectionPoint struct {
	Year            int
	Stage           string // the level the conservative line is at that year
	AggressiveStage string // the aggressive line's level; "" when it is Stage
	Conservative    int
	Aggressive      int
}

// AggressiveLevel is the level the aggressive line is at.
func (p ProjectionPoint) AggressiveLevel() string {
	if p.AggressiveStage != "" {
		return p.AggressiveStage
	}
	return p.Stage
}

// Projection is a 10-15 year salary projection.
type Projection struct {
	Points []ProjectionPoint
	Pay    Provenance
	Note   string // rendered HTML: the assumptions of the two scenarios
}

// Years is the year of the projection's last point: how far it reaches.
func (p Projection) Years() int {
	if len(p.Points) == 0 {
		return 0
	}
	return p.Points[len(p.Points)-1].Year
}

// MaxPay is the highest pay the projection reaches (its aggressive
// scenario's top), or 0 without points.
func (p Projection) MaxPay() int {
	top := 0
	for _, pt := range p.Points {
		top = max(top, pt.Aggressive, pt.Conservative)
	}
	return top
}

// Percentile is one published pay percentile.
type Percentile struct {
	Percentile int // 10, 25, 50, 75, 90
	Annual     int
}

// MarketFigures are official reference figures for the career's occupation.
type MarketFigures struct {
	Occupation    string // e.g. "Software developers (SOC 15-1252)"
	Percentiles   []Percentile
	GrowthPercent int    // projected employment growth over GrowthPeriod
	GrowthPeriod  string // e.g. "2024-34"
	// GrowthOccupation is the wider group the growth projection covers,
	// when BLS projects it for a group rather than this occupation alone.
	GrowthOccupation string
	// GrowthScope says exactly what the growth figure covers (plain text).
	GrowthScope string
	Source      Source
}

// SalaryBoost is what a skill adds to pay, with its provenance.
type SalaryBoost struct {
	Text string // e.g. "+5-10%"
	Pay  Provenance
}

// Skill is something the career needs, with how to learn it.
type Skill struct {
	Slug       string
	Name       string
	LevelKey   string   // the level at which the skill is expected
	Topics     []string // keys of the Catalog's skill topics it covers; none when no other career shares it
	Summary    string
	HowToLearn string // rendered HTML
	Resources  []Resource
	Boost      SalaryBoost
}

// ScheduleEntry is one slot of a typical working day.
type ScheduleEntry struct {
	Time     string // "9:00"
	Activity string
}

// Clock is the entry's time as a valid HTML time string ("09:00"), or ""
// when Time is not h:mm or hh:mm on a 24-hour clock.
func (e ScheduleEntry) Clock() string {
	h, m, ok := strings.Cut(e.Time, ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return ""
	}
	hour, err1 := strconv.Atoi(h)
	minute, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || h[0] == '+' || h[0] == '-' || m[0] == '+' || m[0] == '-' || hour > 23 || minute > 59 {
		return ""
	}
	return fmt.Sprintf("%02d:%02d", hour, minute)
}

// DayInTheLife compares a junior's and a senior's typical day.
type DayInTheLife struct {
	Intro  string // rendered HTML
	Junior []ScheduleEntry
	Senior []ScheduleEntry
	// JuniorLevels and SeniorLevels are the keys of the levels whose day
	// each schedule describes; a level in neither has a day of its own
	// (typically the leadership level at the top of the ladder).
	JuniorLevels []string
	SeniorLevels []string
}

// The schedules of DayInTheLife.
const (
	JuniorDay = "junior"
	SeniorDay = "senior"
)

// DayFor is the schedule (JuniorDay or SeniorDay) that describes the level's
// day, or "" when neither does or l is nil.
func (d DayInTheLife) DayFor(l *Level) string {
	if l == nil {
		return ""
	}
	for _, k := range d.JuniorLevels {
		if k == l.Key {
			return JuniorDay
		}
	}
	for _, k := range d.SeniorLevels {
		if k == l.Key {
			return SeniorDay
		}
	}
	return ""
}

// Myth is a common belief about the career and what is actually true.
type Myth struct {
	Myth    string
	Reality string // rendered HTML
	Source  *Source
}

// Rating is one aspect of work-life balance on a 1-5 scale.
type Rating struct {
	Aspect      string // stress | flexibility | burnout
	Label       string
	Score       int    // 1 (low) .. 5 (high)
	Explanation string // rendered HTML
}

// WorkLife describes stress, flexibility, burnout risk, remote work and on-call.
type WorkLife struct {
	Ratings []Rating
	// Basis says how the ratings were reached: they are careerguide's
	// estimates, and the basis names what sets this career apart.
	Basis  string
	Remote string  // rendered HTML
	OnCall string  // rendered HTML
	Source *Source // evidence the basis draws on, when one is cited
}

// Career is one complete career guide.
type Career struct {
	Slug     string
	Name     string
	Tagline  string
	Summary  string // one paragraph, plain text
	Overview string // rendered HTML: what the job is
	SOCCode  string
	ONetCode string
	// OccupationWhy is plain text: why the guide is filed under ONetCode,
	// and which other guides share it.
	OccupationWhy string
	HollandCode   string
	Interests     Interests
	Levels        []Level
	Projection    Projection
	Market        MarketFigures
	Skills        []Skill
	Day           DayInTheLife
	Myths         []Myth
	WorkLife      WorkLife
	Reading       []Link
}

// RIASECType describes one letter of the Holland code.
type RIASECType struct {
	Letter  string
	Name    string
	Summary string
}

// Question is one statement of the match test.
type Question struct {
	ID   string // stable, e.g. "q01"
	Text string
	Type string // one RIASEC letter
	Set  int    // 0: the quick test; 1-3: a "Sharpen your result" round
}

// Catalog is everything the content holds: the careers, the RIASEC types and
// the match test. A loaded Catalog is never modified; a new one replaces it.
type Catalog struct {
	Careers   []Career
	RIASEC    []RIASECType
	Questions []Question
	Items     []quiz.Item  // the statements as the scorer takes them, in the order of Questions
	Topics    []SkillTopic // the shared vocabulary of skill topics, in display order
	// Occupations are every O*NET occupation with its official figures,
	// sorted by code; OccupationData names their sources.
	Occupations    []Occupation
	OccupationData OccupationData
	Hash           string   // content hash of the files it was loaded from
	derived        *derived // kept with it (NewCatalog, Derived)
}

// Career returns the career with the slug, or false.
func (c *Catalog) Career(slug string) (*Career, bool) {
	for i := range c.Careers {
		if c.Careers[i].Slug == slug {
			return &c.Careers[i], true
		}
	}
	return nil, false
}

// Level returns the level with the key, or nil.
func (c *Career) Level(key string) *Level {
	for i := range c.Levels {
		if c.Levels[i].Key == key {
			return &c.Levels[i]
		}
	}
	return nil
}

// Skill returns the skill with the slug, or nil.
func (c *Career) Skill(slug string) *Skill {
	for i := range c.Skills {
		if c.Skills[i].Slug == slug {
			return &c.Skills[i]
		}
	}
	return nil
}

// Correlation is Pearson's r of two interest profiles: 1 the same shape,
// 0 unrelated, -1 opposite. A flat profile has no shape: 0.
func Correlation(a, b quiz.Profile) float64 {
	n := float64(len(a))
	var ma, mb float64
	for i := range a {
		ma += a[i]
		mb += b[i]
	}
	ma, mb = ma/n, mb/n
	var saa, sbb, sab float64
	for i := range a {
		da, db := a[i]-ma, b[i]-mb
		saa += da * da
		sbb += db * db
		sab += da * db
	}
	if saa == 0 || sbb == 0 {
		return 0
	}
	return sab / math.Sqrt(saa*sbb)
}

// Relation puts a correlation of two interest profiles in words, in bands
// where 0 means unrelated: "very alike" from 0.8, "alike" from 0.5, "a
// little alike" from 0.2, "unrelated" above -0.2, "different" above -0.5,
// and "opposite" below.
func Relation(r float64) string {
	switch {
	case r >= 0.8:
		return "very alike"
	case r >= 0.5:
		return "alike"
	case r >= 0.2:
		return "a little alike"
	case r > -0.2:
		return "unrelated"
	case r > -0.5:
		return "different"
	default:
		return "opposite"
	}
}
