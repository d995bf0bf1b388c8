package content

// The types below mirror the YAML files under content/ one to one. Every
// field is listed; unknown fields and duplicate keys are rejected. Fields
// documented as Markdown are rendered to HTML once, at load. Provenance is
// written either as `source: {name, url, date}` or as `estimate: true` with
// a `basis:` sentence, never both.

// fileSource is a citation.
type fileSource struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
	Date string `yaml:"date"`
}

// fileProvenance is embedded wherever figures are given.
type fileProvenance struct {
	Source   *fileSource `yaml:"source"`
	Estimate bool        `yaml:"estimate"`
	Basis    string      `yaml:"basis"`
}

type fileRange struct {
	Min int `yaml:"min"`
	Max int `yaml:"max"`
}

type fileLink struct {
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
	Note  string `yaml:"note"`
}

// fileResource is a skill's learning resource: a link and the estimated
// hours to work through it.
type fileResource struct {
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
	Note  string `yaml:"note"`
	Hours int    `yaml:"hours"` // required, 1-200: careerguide's estimate
}

// careerFile is content/careers/<slug>/career.yaml. The long description
// lives beside it in overview.md (Markdown).
type careerFile struct {
	Name     string `yaml:"name"`
	Tagline  string `yaml:"tagline"`
	Summary  string `yaml:"summary"`
	SOCCode  string `yaml:"soc_code"`
	ONetCode string `yaml:"onet_code"`
	// OccupationWhy says why the guide is filed under its O*NET
	// occupation; guides sharing one must name each other in it.
	OccupationWhy string       `yaml:"occupation_why"`
	HollandCode   string       `yaml:"holland_code"`
	Interests     fileInterest `yaml:"interests"`
	Levels        []fileLevel  `yaml:"levels"`
	Projection    fileProj     `yaml:"projection"`
	Market        fileMarket   `yaml:"market"`
	Reading       []fileLink   `yaml:"reading"`
}

// fileInterest is the O*NET interest profile, 1-7 scale.
type fileInterest struct {
	R      *float64   `yaml:"R"`
	I      *float64   `yaml:"I"`
	A      *float64   `yaml:"A"`
	S      *float64   `yaml:"S"`
	E      *float64   `yaml:"E"`
	C      *float64   `yaml:"C"`
	Source fileSource `yaml:"source"`
}

type fileLevel struct {
	Key              string         `yaml:"key"`
	Title            string         `yaml:"title"`
	Short            string         `yaml:"short"`
	YearsMin         *int           `yaml:"years_min"`
	YearsMax         int            `yaml:"years_max"` // 0 or absent: open-ended
	Base             fileRange      `yaml:"base"`
	WithEquity       fileRange      `yaml:"with_equity"`
	TopMarket        fileRange      `yaml:"top_market"`
	Pay              fileProvenance `yaml:"pay"`
	Summary          string         `yaml:"summary"`
	Responsibilities string         `yaml:"responsibilities"` // Markdown
	Examples         []string       `yaml:"examples"`
}

type fileProj struct {
	Note   string          `yaml:"note"` // Markdown
	Pay    fileProvenance  `yaml:"pay"`
	Points []fileProjPoint `yaml:"points"`
}

type fileProjPoint struct {
	Year int `yaml:"year"`
	// Stage is the level the conservative line is at; AggressiveStage the
	// aggressive line's when it differs (absent: the same).
	Stage           string `yaml:"stage"`
	AggressiveStage string `yaml:"aggressive_stage"`
	Conservative    int    `yaml:"conservative"`
	Aggressive      int    `yaml:"aggressive"`
}

type fileMarket struct {
	Occupation    string           `yaml:"occupation"`
	Percentiles   []filePercentile `yaml:"percentiles"`
	GrowthPercent *int             `yaml:"growth_percent"`
	GrowthPeriod  string           `yaml:"growth_period"`
	// GrowthOccupation names the group the projection covers when it is
	// wider than the occupation the wages are for; empty means the same.
	GrowthOccupation string `yaml:"growth_occupation"`
	// GrowthScope says exactly what the growth figure covers: the SOC
	// code BLS projects and its figure to one decimal, and how it differs
	// from any wider figure a cited page gives. Required.
	GrowthScope string     `yaml:"growth_scope"`
	Source      fileSource `yaml:"source"`
}

type filePercentile struct {
	Percentile int `yaml:"percentile"`
	Annual     int `yaml:"annual"`
}

// skillsFile is content/careers/<slug>/skills.yaml.
type skillsFile struct {
	Skills []fileSkill `yaml:"skills"`
}

type fileSkill struct {
	Slug       string         `yaml:"slug"`
	Name       string         `yaml:"name"`
	Level      string         `yaml:"level"`  // a level key of the same career
	Topics     *[]string      `yaml:"topics"` // required; keys of skill-topics.yaml, [] for a skill no other career shares
	Summary    string         `yaml:"summary"`
	HowToLearn string         `yaml:"how_to_learn"` // Markdown
	Resources  []fileResource `yaml:"resources"`
	Boost      fileBoost      `yaml:"salary_boost"`
}

// skillTopicsFile is content/skill-topics.yaml: the vocabulary of skill
// topics every career's skills.yaml refers to, in display order.
type skillTopicsFile struct {
	Topics []fileSkillTopic `yaml:"topics"`
}

type fileSkillTopic struct {
	Key  string `yaml:"key"`
	Name string `yaml:"name"`
}

type fileBoost struct {
	Text string         `yaml:"text"`
	Prov fileProvenance `yaml:",inline"`
}

// dayFile is content/careers/<slug>/day.yaml.
type dayFile struct {
	Intro  string      `yaml:"intro"` // Markdown
	Junior []fileEntry `yaml:"junior"`
	Senior []fileEntry `yaml:"senior"`
	// JuniorLevels and SeniorLevels are the level keys whose day each
	// schedule describes; a level may be in at most one, or in neither.
	JuniorLevels []string `yaml:"junior_levels"`
	SeniorLevels []string `yaml:"senior_levels"`
}

type fileEntry struct {
	Time     string `yaml:"time"`
	Activity string `yaml:"activity"`
}

// mythsFile is content/careers/<slug>/myths.yaml.
type mythsFile struct {
	Myths []fileMyth `yaml:"myths"`
}

type fileMyth struct {
	Myth    string      `yaml:"myth"`
	Reality string      `yaml:"reality"` // Markdown
	Source  *fileSource `yaml:"source"`
}

// workLifeFile is content/careers/<slug>/worklife.yaml.
type workLifeFile struct {
	Ratings []fileRating `yaml:"ratings"`
	// Basis is required: the ratings are careerguide's estimates, and the
	// basis says what they rest on and why this career differs.
	Basis  string      `yaml:"basis"`
	Remote string      `yaml:"remote"`  // Markdown
	OnCall string      `yaml:"on_call"` // Markdown
	Source *fileSource `yaml:"source"`  // evidence the basis cites, optional
}

type fileRating struct {
	Aspect      string `yaml:"aspect"` // stress | flexibility | burnout
	Label       string `yaml:"label"`
	Score       int    `yaml:"score"`       // 1..5
	Explanation string `yaml:"explanation"` // Markdown
}

// quizFile is content/quiz/questions.yaml.
type quizFile struct {
	Questions []fileQuestion `yaml:"questions"`
}

type fileQuestion struct {
	ID   string `yaml:"id"`
	Text string `yaml:"text"`
	Type string `yaml:"type"`
	// Set is 0 for the quick test, 1-3 for the rounds of "Sharpen your
	// result". No statement is reverse-keyed.
	Set int `yaml:"set"`
}

// riasecFile is content/riasec.yaml.
type riasecFile struct {
	Source fileSource       `yaml:"source"`
	Types  []fileRIASECType `yaml:"types"`
}

type fileRIASECType struct {
	Letter  string `yaml:"letter"`
	Name    string `yaml:"name"`
	Summary string `yaml:"summary"`
}
