// Package content reads the career guide's content files (YAML and
// Markdown), validates them with file:line errors and renders Markdown once.
// The result is a career.Catalog, ready to be synced into Postgres.
package content

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"careerguide/internal/career"
	"careerguide/internal/quiz"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// Problem is one thing wrong with a content file.
type Problem struct {
	File string
	Line int // 0 when the problem concerns the whole file
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Problems is the error Load returns when content is invalid: every problem
// found, in file order.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Files each career directory must hold.
const (
	careerYAML   = "career.yaml"
	overviewMD   = "overview.md"
	skillsYAML   = "skills.yaml"
	dayYAML      = "day.yaml"
	mythsYAML    = "myths.yaml"
	workLifeYAML = "worklife.yaml"
	quizYAML     = "quiz/questions.yaml"
	riasecYAML   = "riasec.yaml"
	topicsYAML   = "skill-topics.yaml"
	careersDir   = "careers"
	// QuestionCount is the number of statements in the match test, made
	// of QuestionSets sets of SetSize (set 0 is the quick test, each other
	// set one "Sharpen your result" round).
	QuestionCount = 60
	QuestionSets  = 4
	SetSize       = QuestionCount / QuestionSets
)

// Load reads and validates all content in fsys (the root holds careers/,
// quiz/, riasec.yaml and skill-topics.yaml). On invalid content it returns
// Problems.
func Load(fsys fs.FS) (*career.Catalog, error) { return LoadWith(fsys, Options{}) }

// LoadWith is Load with the further checks opt asks for.
func LoadWith(fsys fs.FS, opt Options) (*career.Catalog, error) {
	l := &loader{fsys: fsys, md: goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))}
	cat := career.NewCatalog()
	cat.RIASEC = l.riasec()
	cat.Questions = l.questions()
	cat.Items = quizItems(cat.Questions)
	cat.Topics = l.skillTopics()
	cat.Occupations, cat.OccupationData = l.occupations()
	l.occ = cat
	dirs, err := fs.ReadDir(fsys, careersDir)
	if err != nil {
		l.problem(careersDir, 0, "cannot read the careers directory: %v", err)
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		if c, ok := l.career(d.Name()); ok {
			cat.Careers = append(cat.Careers, c)
		}
	}
	if len(cat.Careers) == 0 && len(l.problems) == 0 {
		l.problem(careersDir, 0, "no careers found")
	}
	l.sharedOccupations(cat.Careers)
	l.summaries(cat, opt.TaskStatements)
	l.compareFileFigures(cat, opt.FileFigures)
	if len(l.problems) > 0 {
		return nil, l.problems
	}
	cat.Hash, err = Hash(fsys)
	if err != nil {
		return nil, err
	}
	return cat, nil
}

// Hash is a digest of every file under fsys: names and bytes.
func Hash(fsys fs.FS) (string, error) {
	var names []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".json")) {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("hash content: %w", err)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return "", fmt.Errorf("hash content: %w", err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

type loader struct {
	fsys     fs.FS
	md       goldmark.Markdown
	problems Problems
	// topics holds the keys of skill-topics.yaml; nil when that file could
	// not be read, so skills' topics are not checked against it.
	topics map[string]bool
	// occ holds the occupations read so far: guides' official figures are
	// checked against them (none when the occupations file is unusable).
	occ *career.Catalog
}

func (l *loader) problem(file string, line int, format string, args ...any) {
	l.problems = append(l.problems, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// doc is one decoded YAML file; it resolves YAML paths to line numbers.
type doc struct {
	l    *loader
	name string
	src  []byte
	ast  *ast.File // nil until line needs it
}

// decode reads name into v, rejecting unknown fields and duplicate keys. It
// returns nil when the file cannot be read or decoded (the problem is recorded).
func (l *loader) decode(name string, v any) *doc {
	b, err := fs.ReadFile(l.fsys, name)
	if err != nil {
		l.problem(name, 0, "missing file")
		return nil
	}
	if len(bytes.TrimSpace(b)) == 0 {
		l.problem(name, 1, "empty file")
		return nil
	}
	if !utf8Valid(b) {
		l.problem(name, 0, "not valid UTF-8")
		return nil
	}
	if err := yaml.UnmarshalWithOptions(b, v, yaml.DisallowUnknownField()); err != nil {
		line := 0
		msg := err.Error()
		var ye yaml.Error
		if errors.As(err, &ye) {
			msg = ye.GetMessage()
			if t := ye.GetToken(); t != nil && t.Position != nil {
				line = t.Position.Line
			}
		}
		l.problem(name, line, "%s", msg)
		return nil
	}
	return &doc{l: l, name: name, src: b}
}

// line is the line of the node at a YAML path like "$.levels[2].title", or of
// its nearest existing parent. The syntax tree is built on the first call:
// only a file with a problem to report needs it.
// tree is the file's syntax tree, parsed the first time it is asked for
// (only a problem needs line numbers); nil when it does not parse.
func (d *doc) tree() *ast.File {
	if d.ast == nil {
		f, err := parser.ParseBytes(d.src, 0)
		if err != nil {
			return nil
		}
		d.ast = f
	}
	return d.ast
}

func (d *doc) line(p string) int {
	if d.tree() == nil {
		return 1
	}
	for p != "" && p != "$" {
		yp, err := yaml.PathString(p)
		if err == nil {
			if n, err := yp.FilterFile(d.ast); err == nil && n != nil {
				if t := n.GetToken(); t != nil && t.Position != nil {
					return t.Position.Line
				}
			}
		}
		i := strings.LastIndexAny(p, ".[")
		if i <= 0 {
			break
		}
		p = p[:i]
	}
	return 1
}

func (d *doc) errf(p string, format string, args ...any) {
	d.l.problem(d.name, d.line(p), format, args...)
}

// required records a problem when s is blank.
func (d *doc) required(p, field, s string) {
	if strings.TrimSpace(s) == "" {
		d.errf(p+"."+field, "missing required field %q", field)
	}
}

// markdown renders a required Markdown field; raw HTML is dropped.
func (d *doc) markdown(p, field, src string) string {
	d.required(p, field, src)
	html := d.l.render(src)
	d.l.checkEmphasis(d.name, func() int { return d.line(p + "." + field) }, src, html)
	return html
}

func (l *loader) render(src string) string {
	var buf bytes.Buffer
	if err := l.md.Convert([]byte(escapeONET(src)), &buf); err != nil {
		// goldmark only fails on writer errors; a bytes.Buffer has none.
		return ""
	}
	return buf.String()
}

func utf8Valid(b []byte) bool { return strings.ToValidUTF8(string(b), "\uFFFD") == string(b) }

func (d *doc) url(p, field, u string) {
	d.required(p, field, u)
	if u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		d.errf(p+"."+field, "%s %q must be an absolute http(s) URL", field, u)
	}
}

func (d *doc) source(p string, s fileSource) career.Source {
	d.required(p, "name", s.Name)
	d.url(p, "url", s.URL)
	d.required(p, "date", s.Date)
	return career.Source{Name: s.Name, URL: s.URL, Date: s.Date}
}

func (d *doc) optionalSource(p string, s *fileSource) *career.Source {
	if s == nil {
		return nil
	}
	src := d.source(p, *s)
	return &src
}

func (d *doc) provenance(p string, v fileProvenance) career.Provenance {
	switch {
	case v.Source != nil && v.Estimate:
		d.errf(p, "give either source or estimate: true, not both")
	case v.Source == nil && !v.Estimate:
		d.errf(p, "figures need a source or estimate: true with a basis")
	case v.Estimate:
		d.required(p, "basis", v.Basis)
	case v.Basis != "":
		d.errf(p+".basis", "basis is only for estimates")
	}
	return career.Provenance{Source: d.optionalSource(p+".source", v.Source), Estimate: v.Estimate, Basis: v.Basis}
}

func (d *doc) payRange(p, field string, r fileRange) career.Range {
	switch {
	case r.Min <= 0 || r.Max <= 0:
		d.errf(p+"."+field, "%s needs min and max above zero", field)
	case r.Min > r.Max:
		d.errf(p+"."+field, "%s min %d is above max %d", field, r.Min, r.Max)
	}
	return career.Range{Min: r.Min, Max: r.Max}
}

func (d *doc) links(p string, in []fileLink) []career.Link {
	out := make([]career.Link, 0, len(in))
	for i, r := range in {
		lp := fmt.Sprintf("%s[%d]", p, i)
		d.required(lp, "title", r.Title)
		d.url(lp, "url", r.URL)
		out = append(out, career.Link{Title: r.Title, URL: r.URL, Note: r.Note})
	}
	return out
}

// maxResourceHours bounds a resource's estimated hours: more is a course
// of study, not a resource.
const maxResourceHours = 200

func (d *doc) resources(p string, in []fileResource) []career.Resource {
	links := make([]fileLink, len(in))
	for i, r := range in {
		links[i] = fileLink{Title: r.Title, URL: r.URL, Note: r.Note}
	}
	out := make([]career.Resource, len(in))
	for i, l := range d.links(p, links) {
		out[i] = career.Resource{Link: l, Hours: in[i].Hours}
		if h := in[i].Hours; h < 1 || h > maxResourceHours {
			d.errf(fmt.Sprintf("%s[%d].hours", p, i), "hours (the estimated time to work through it) must be 1 to %d, found %d", maxResourceHours, h)
		}
	}
	return out
}

func validSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

func (l *loader) riasec() []career.RIASECType {
	var f riasecFile
	d := l.decode(riasecYAML, &f)
	if d == nil {
		return nil
	}
	d.source("$.source", f.Source)
	if len(f.Types) != len(quiz.Letters) {
		d.errf("$.types", "want %d types (%s), found %d", len(quiz.Letters), quiz.Letters, len(f.Types))
	}
	out := make([]career.RIASECType, 0, len(f.Types))
	for i, t := range f.Types {
		p := fmt.Sprintf("$.types[%d]", i)
		if i < len(quiz.Letters) && t.Letter != quiz.Letters[i:i+1] {
			d.errf(p+".letter", "type %d must be %q (order %s), found %q", i+1, quiz.Letters[i:i+1], quiz.Letters, t.Letter)
		}
		d.required(p, "name", t.Name)
		d.required(p, "summary", t.Summary)
		out = append(out, career.RIASECType{Letter: t.Letter, Name: t.Name, Summary: t.Summary})
	}
	return out
}

func (l *loader) questions() []career.Question {
	var f quizFile
	d := l.decode(quizYAML, &f)
	if d == nil {
		return nil
	}
	if len(f.Questions) != QuestionCount {
		d.errf("$.questions", "the match test needs exactly %d questions, found %d", QuestionCount, len(f.Questions))
	}
	seen := map[string]bool{}
	var perType [len(quiz.Letters)]int
	var perSet [QuestionSets][len(quiz.Letters)]int
	out := make([]career.Question, 0, len(f.Questions))
	for i, q := range f.Questions {
		p := fmt.Sprintf("$.questions[%d]", i)
		d.required(p, "id", q.ID)
		if q.ID != "" && !validSlug(q.ID) {
			d.errf(p+".id", "id %q: use lowercase letters, digits and hyphens", q.ID)
		}
		if seen[q.ID] {
			d.errf(p+".id", "duplicate question id %q", q.ID)
		}
		seen[q.ID] = true
		d.required(p, "text", q.Text)
		t := strings.Index(quiz.Letters, q.Type)
		if len(q.Type) != 1 || t < 0 {
			d.errf(p+".type", "unknown RIASEC key %q: want one of R, I, A, S, E, C", q.Type)
		}
		// The answers are stored in file order, so the sets follow each
		// other: the first SetSize statements are set 0, and so on.
		if want := min(i/SetSize, QuestionSets-1); q.Set != want {
			d.errf(p+".set", "statement %d must be in set %d (sets of %d, in order), found %d", i+1, want, SetSize, q.Set)
		} else if t >= 0 {
			perType[t]++
			perSet[q.Set][t]++
		}
		out = append(out, career.Question{ID: q.ID, Text: q.Text, Type: q.Type, Set: q.Set})
	}
	for t, n := range perType {
		if len(f.Questions) == QuestionCount && n != QuestionCount/len(quiz.Letters) {
			d.errf("$.questions", "type %c has %d statements, want %d", quiz.Letters[t], n, QuestionCount/len(quiz.Letters))
		}
	}
	for set, counts := range perSet {
		for t, n := range counts {
			if len(f.Questions) == QuestionCount && (n < 2 || n > 3) {
				d.errf("$.questions", "set %d has %d statements of type %c, want 2 or 3", set, n, quiz.Letters[t])
			}
		}
	}
	return out
}

// skillTopics reads the vocabulary of skill topics and remembers its keys
// for checking every skill's topics.
func (l *loader) skillTopics() []career.SkillTopic {
	var f skillTopicsFile
	d := l.decode(topicsYAML, &f)
	if d == nil {
		return nil
	}
	if len(f.Topics) == 0 {
		d.errf("$.topics", "at least one topic is needed")
	}
	l.topics = map[string]bool{}
	names := map[string]bool{}
	out := make([]career.SkillTopic, 0, len(f.Topics))
	for i, t := range f.Topics {
		p := fmt.Sprintf("$.topics[%d]", i)
		if !validSlug(t.Key) {
			d.errf(p+".key", "topic key %q: use lowercase letters, digits and hyphens", t.Key)
		}
		if l.topics[t.Key] {
			d.errf(p+".key", "duplicate topic key %q", t.Key)
		}
		l.topics[t.Key] = true
		d.required(p, "name", t.Name)
		if t.Name != "" && names[t.Name] {
			d.errf(p+".name", "duplicate topic name %q: the compare page tells topics apart by name", t.Name)
		}
		names[t.Name] = true
		out = append(out, career.SkillTopic{Key: t.Key, Name: t.Name})
	}
	return out
}

func (l *loader) career(slug string) (career.Career, bool) {
	dir := path.Join(careersDir, slug)
	before := len(l.problems)
	if !validSlug(slug) {
		l.problem(dir, 0, "directory name %q is not a valid slug (lowercase letters, digits, hyphens)", slug)
	}
	c := career.Career{Slug: slug}
	l.careerFile(dir, &c)
	if b, err := fs.ReadFile(l.fsys, path.Join(dir, overviewMD)); err != nil {
		l.problem(path.Join(dir, overviewMD), 0, "missing file")
	} else if strings.TrimSpace(string(b)) == "" {
		l.problem(path.Join(dir, overviewMD), 1, "empty file")
	} else {
		c.Overview = l.render(string(b))
		l.checkEmphasis(path.Join(dir, overviewMD), func() int { return 0 }, string(b), c.Overview)
		l.checkOverview(path.Join(dir, overviewMD), string(b), &c)
	}
	// Without a readable career.yaml the level references cannot be checked.
	var levels map[string]bool
	if len(c.Levels) > 0 {
		levels = map[string]bool{}
		for _, lv := range c.Levels {
			levels[lv.Key] = true
		}
	}
	l.skillsFile(dir, &c, levels)
	l.dayFile(dir, &c, levels)
	l.mythsFile(dir, &c)
	l.workLifeFile(dir, &c)
	return c, len(l.problems) == before
}

// sharedOccupations checks that guides filed under one O*NET occupation
// say so: each one's occupation_why names every other guide sharing it,
// since the match test cannot tell them apart.
func (l *loader) sharedOccupations(careers []career.Career) {
	byCode := map[string][]*career.Career{}
	for i := range careers {
		byCode[careers[i].ONetCode] = append(byCode[careers[i].ONetCode], &careers[i])
	}
	for code, cs := range byCode {
		for _, c := range cs {
			for _, other := range cs {
				if other != c && !strings.Contains(c.OccupationWhy, other.Name) {
					l.problem(path.Join(careersDir, c.Slug, careerYAML), 0,
						"occupation_why: %s shares O*NET %s with %s; say so and why, naming %q", c.Name, code, other.Name, other.Name)
				}
			}
		}
	}
}

func (l *loader) careerFile(dir string, c *career.Career) {
	var f careerFile
	d := l.decode(path.Join(dir, careerYAML), &f)
	if d == nil {
		return
	}
	d.required("$", "name", f.Name)
	d.required("$", "tagline", f.Tagline)
	d.required("$", "summary", f.Summary)
	d.required("$", "occupation_why", f.OccupationWhy)
	if !matches(f.SOCCode, "99-9999") {
		d.errf("$.soc_code", "soc_code %q: want the form 15-1252", f.SOCCode)
	}
	if !matches(f.ONetCode, "99-9999.99") {
		d.errf("$.onet_code", "onet_code %q: want the form 15-1252.00", f.ONetCode)
	}
	if !validHolland(f.HollandCode) {
		d.errf("$.holland_code", "holland_code %q: want 1 to 3 distinct letters of RIASEC", f.HollandCode)
	}
	c.Name, c.Tagline, c.Summary = f.Name, f.Tagline, f.Summary
	c.SOCCode, c.ONetCode, c.HollandCode = f.SOCCode, f.ONetCode, f.HollandCode
	c.OccupationWhy = strings.TrimSpace(f.OccupationWhy)

	scores := []*float64{f.Interests.R, f.Interests.I, f.Interests.A, f.Interests.S, f.Interests.E, f.Interests.C}
	for i, s := range scores {
		letter := quiz.Letters[i : i+1]
		switch {
		case s == nil:
			d.errf("$.interests", "missing required field %q", letter)
		case *s < 1 || *s > 7:
			d.errf("$.interests."+letter, "interest %s = %v is outside O*NET's 1-7 scale", letter, *s)
		default:
			c.Interests.Scores[i] = *s
		}
	}
	c.Interests.Source = d.source("$.interests.source", f.Interests.Source)
	if validHolland(f.HollandCode) && !slices.Contains(scores, nil) && !hollandFits(f.HollandCode, c.Interests.Scores) {
		d.errf("$.holland_code", "holland_code %q does not fit the interest scores: its letters must be the highest scores, highest first (%s)",
			f.HollandCode, byScore(c.Interests.Scores))
	}

	if len(f.Levels) < 2 {
		d.errf("$.levels", "a career needs at least 2 levels, found %d", len(f.Levels))
	}
	keys := map[string]bool{}
	for i, fl := range f.Levels {
		p := fmt.Sprintf("$.levels[%d]", i)
		if !validSlug(fl.Key) {
			d.errf(p+".key", "level key %q: use lowercase letters, digits and hyphens", fl.Key)
		}
		if keys[fl.Key] {
			d.errf(p+".key", "duplicate level key %q", fl.Key)
		}
		keys[fl.Key] = true
		d.required(p, "title", fl.Title)
		d.required(p, "short", fl.Short)
		d.required(p, "summary", fl.Summary)
		lv := career.Level{
			Key: fl.Key, Rank: i + 1, Title: fl.Title, Short: fl.Short, Summary: fl.Summary,
			YearsMax:         fl.YearsMax,
			Base:             d.payRange(p, "base", fl.Base),
			WithEquity:       d.payRange(p, "with_equity", fl.WithEquity),
			TopMarket:        d.payRange(p, "top_market", fl.TopMarket),
			Pay:              d.provenance(p+".pay", fl.Pay),
			Responsibilities: d.markdown(p, "responsibilities", fl.Responsibilities),
			Examples:         fl.Examples,
		}
		if fl.YearsMin == nil {
			d.errf(p, "missing required field %q", "years_min")
		} else {
			lv.YearsMin = *fl.YearsMin
		}
		switch {
		case lv.YearsMin < 0 || lv.YearsMax < 0:
			d.errf(p+".years_min", "years cannot be negative")
		case lv.YearsMax != 0 && lv.YearsMax <= lv.YearsMin:
			d.errf(p+".years_max", "years_max %d must be above years_min %d", lv.YearsMax, lv.YearsMin)
		case lv.YearsMax == 0 && i != len(f.Levels)-1:
			d.errf(p, "only the top level may be open-ended (no years_max)")
		}
		if i > 0 && lv.YearsMin < c.Levels[i-1].YearsMin {
			d.errf(p+".years_min", "years_min %d is below the previous level's %d", lv.YearsMin, c.Levels[i-1].YearsMin)
		}
		if len(fl.Examples) < 3 {
			d.errf(p+".examples", "each level needs at least 3 examples of work, found %d", len(fl.Examples))
		}
		for j, e := range fl.Examples {
			if strings.TrimSpace(e) == "" {
				d.errf(fmt.Sprintf("%s.examples[%d]", p, j), "empty example")
			}
		}
		c.Levels = append(c.Levels, lv)
	}

	pj := f.Projection
	c.Projection.Note = d.markdown("$.projection", "note", pj.Note)
	c.Projection.Pay = d.provenance("$.projection.pay", pj.Pay)
	if len(pj.Points) < 2 {
		d.errf("$.projection.points", "a projection needs at least 2 points, found %d", len(pj.Points))
	}
	for i, pt := range pj.Points {
		p := fmt.Sprintf("$.projection.points[%d]", i)
		d.required(p, "stage", pt.Stage)
		switch {
		case pt.Year <= 0:
			d.errf(p+".year", "year must be 1 or more")
		case i > 0 && pt.Year <= pj.Points[i-1].Year:
			d.errf(p+".year", "years must increase: %d follows %d", pt.Year, pj.Points[i-1].Year)
		}
		if pt.Conservative <= 0 || pt.Aggressive < pt.Conservative {
			d.errf(p, "want 0 < conservative <= aggressive, found %d and %d", pt.Conservative, pt.Aggressive)
		}
		c.Projection.Points = append(c.Projection.Points, career.ProjectionPoint{
			Year: pt.Year, Stage: pt.Stage, AggressiveStage: pt.AggressiveStage, Conservative: pt.Conservative, Aggressive: pt.Aggressive,
		})
	}

	m := f.Market
	d.required("$.market", "occupation", m.Occupation)
	d.required("$.market", "growth_period", m.GrowthPeriod)
	if m.GrowthPercent == nil {
		d.errf("$.market", "missing required field %q", "growth_percent")
	} else {
		c.Market.GrowthPercent = *m.GrowthPercent
	}
	d.required("$.market", "growth_scope", m.GrowthScope)
	c.Market.Occupation, c.Market.GrowthPeriod, c.Market.GrowthOccupation = m.Occupation, m.GrowthPeriod, m.GrowthOccupation
	c.Market.GrowthScope = strings.TrimSpace(m.GrowthScope)
	if m.GrowthOccupation != "" && strings.EqualFold(m.GrowthOccupation, m.Occupation) {
		d.errf("$.market.growth_occupation", "growth_occupation is the occupation itself: leave it out")
	}
	c.Market.Source = d.source("$.market.source", m.Source)
	if len(m.Percentiles) == 0 {
		d.errf("$.market.percentiles", "at least one percentile is needed")
	}
	for i, pc := range m.Percentiles {
		p := fmt.Sprintf("$.market.percentiles[%d]", i)
		if pc.Percentile < 1 || pc.Percentile > 99 || pc.Annual <= 0 {
			d.errf(p, "want a percentile from 1 to 99 and an annual figure above zero")
		}
		if i > 0 && (pc.Percentile <= m.Percentiles[i-1].Percentile || pc.Annual < m.Percentiles[i-1].Annual) {
			d.errf(p, "percentiles must rise with their figures")
		}
		c.Market.Percentiles = append(c.Market.Percentiles, career.Percentile{Percentile: pc.Percentile, Annual: pc.Annual})
	}
	c.Reading = d.links("$.reading", f.Reading)
	l.checkOfficial(d, &f, c)
	l.checkGuideFigures(d, &f, c)
}

func (l *loader) skillsFile(dir string, c *career.Career, levels map[string]bool) {
	var f skillsFile
	d := l.decode(path.Join(dir, skillsYAML), &f)
	if d == nil {
		return
	}
	if len(f.Skills) == 0 {
		d.errf("$.skills", "at least one skill is needed")
	}
	seen := map[string]bool{}
	for i, s := range f.Skills {
		p := fmt.Sprintf("$.skills[%d]", i)
		if !validSlug(s.Slug) {
			d.errf(p+".slug", "skill slug %q: use lowercase letters, digits and hyphens", s.Slug)
		}
		if seen[s.Slug] {
			d.errf(p+".slug", "duplicate skill slug %q", s.Slug)
		}
		seen[s.Slug] = true
		d.required(p, "name", s.Name)
		d.required(p, "summary", s.Summary)
		if levels != nil && !levels[s.Level] {
			d.errf(p+".level", "unknown level %q: not a level key of this career", s.Level)
		}
		if len(s.Resources) < 2 {
			d.errf(p+".resources", "each skill needs at least 2 free learning resources, found %d", len(s.Resources))
		}
		d.required(p+".salary_boost", "text", s.Boost.Text)
		c.Skills = append(c.Skills, career.Skill{
			Slug: s.Slug, Name: s.Name, LevelKey: s.Level, Topics: l.skillTopicKeys(d, p, s.Topics), Summary: s.Summary,
			HowToLearn: d.markdown(p, "how_to_learn", s.HowToLearn),
			Resources:  d.resources(p+".resources", s.Resources),
			Boost:      career.SalaryBoost{Text: s.Boost.Text, Pay: d.provenance(p+".salary_boost", s.Boost.Prov)},
		})
	}
}

// skillTopicKeys checks a skill's topics against skill-topics.yaml. The
// field is required so that no skill is left out of the comparison of
// careers by mistake; an empty list says no other career shares the skill.
func (l *loader) skillTopicKeys(d *doc, p string, topics *[]string) []string {
	if topics == nil {
		d.errf(p, "missing required field %q (a list of keys from %s; [] for a skill no other career shares)", "topics", topicsYAML)
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for j, t := range *topics {
		tp := fmt.Sprintf("%s.topics[%d]", p, j)
		switch {
		case l.topics != nil && !l.topics[t]:
			d.errf(tp, "unknown topic %q: not a key of %s", t, topicsYAML)
		case seen[t]:
			d.errf(tp, "duplicate topic %q", t)
		}
		seen[t] = true
		out = append(out, t)
	}
	return out
}

func (l *loader) dayFile(dir string, c *career.Career, levels map[string]bool) {
	var f dayFile
	d := l.decode(path.Join(dir, dayYAML), &f)
	if d == nil {
		return
	}
	c.Day.Intro = d.markdown("$", "intro", f.Intro)
	entries := func(field string, in []fileEntry) []career.ScheduleEntry {
		if len(in) < 3 {
			d.errf("$."+field, "a schedule needs at least 3 entries, found %d", len(in))
		}
		out := make([]career.ScheduleEntry, 0, len(in))
		for i, e := range in {
			p := fmt.Sprintf("$.%s[%d]", field, i)
			d.required(p, "time", e.Time)
			if e.Time != "" && (career.ScheduleEntry{Time: e.Time}).Clock() == "" {
				d.errf(p+".time", "time %q: want hours and minutes on a 24-hour clock, like 9:00 or 14:30", e.Time)
			}
			d.required(p, "activity", e.Activity)
			out = append(out, career.ScheduleEntry{Time: e.Time, Activity: e.Activity})
		}
		return out
	}
	c.Day.Junior = entries("junior", f.Junior)
	c.Day.Senior = entries("senior", f.Senior)
	seen := map[string]string{}
	keys := func(field string, in []string) []string {
		if len(in) == 0 {
			d.errf("$."+field, "name the level keys whose day this schedule describes")
		}
		for i, k := range in {
			p := fmt.Sprintf("$.%s[%d]", field, i)
			if levels != nil && !levels[k] {
				d.errf(p, "unknown level %q: not a level key of this career", k)
			}
			if other, ok := seen[k]; ok {
				d.errf(p, "level %q is already in %s", k, other)
			}
			seen[k] = field
		}
		return in
	}
	c.Day.JuniorLevels = keys("junior_levels", f.JuniorLevels)
	c.Day.SeniorLevels = keys("senior_levels", f.SeniorLevels)
}

func (l *loader) mythsFile(dir string, c *career.Career) {
	var f mythsFile
	d := l.decode(path.Join(dir, mythsYAML), &f)
	if d == nil {
		return
	}
	if len(f.Myths) == 0 {
		d.errf("$.myths", "at least one myth is needed")
	}
	for i, m := range f.Myths {
		p := fmt.Sprintf("$.myths[%d]", i)
		d.required(p, "myth", m.Myth)
		c.Myths = append(c.Myths, career.Myth{
			Myth: m.Myth, Reality: d.markdown(p, "reality", m.Reality), Source: d.optionalSource(p+".source", m.Source),
		})
	}
}

func (l *loader) workLifeFile(dir string, c *career.Career) {
	var f workLifeFile
	d := l.decode(path.Join(dir, workLifeYAML), &f)
	if d == nil {
		return
	}
	// The work-life ratings every career gives, in display order.
	aspects := [...]string{"stress", "flexibility", "burnout"}
	seen := map[string]bool{}
	for i, r := range f.Ratings {
		p := fmt.Sprintf("$.ratings[%d]", i)
		known := false
		for _, a := range aspects {
			known = known || a == r.Aspect
		}
		if !known {
			d.errf(p+".aspect", "unknown aspect %q: want stress, flexibility or burnout", r.Aspect)
		}
		if seen[r.Aspect] {
			d.errf(p+".aspect", "duplicate aspect %q", r.Aspect)
		}
		seen[r.Aspect] = true
		d.required(p, "label", r.Label)
		if r.Score < 1 || r.Score > 5 {
			d.errf(p+".score", "score %d: want 1 to 5", r.Score)
		}
		c.WorkLife.Ratings = append(c.WorkLife.Ratings, career.Rating{
			Aspect: r.Aspect, Label: r.Label, Score: r.Score, Explanation: d.markdown(p, "explanation", r.Explanation),
		})
	}
	for _, a := range aspects {
		if !seen[a] {
			d.errf("$.ratings", "missing rating for %q", a)
		}
	}
	d.required("$", "basis", f.Basis)
	c.WorkLife.Basis = f.Basis
	c.WorkLife.Remote = d.markdown("$", "remote", f.Remote)
	c.WorkLife.OnCall = d.markdown("$", "on_call", f.OnCall)
	c.WorkLife.Source = d.optionalSource("$.source", f.Source)
}

// matches reports whether s has the shape of pattern, where 9 stands for a digit.
func matches(s, pattern string) bool {
	if len(s) != len(pattern) {
		return false
	}
	for i := range len(s) {
		if pattern[i] == '9' {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		} else if s[i] != pattern[i] {
			return false
		}
	}
	return true
}

// hollandFits reports whether code's letters are the highest of scores,
// highest first (ties in RIASEC order), as O*NET's high-point codes are.
func hollandFits(code string, scores quiz.Profile) bool {
	return strings.HasPrefix(quiz.HollandCode(scores), code)
}

// byScore lists the letters with their scores, highest first.
func byScore(scores quiz.Profile) string {
	idx := []int{0, 1, 2, 3, 4, 5}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(scores[b], scores[a]) })
	parts := make([]string, len(idx))
	for k, i := range idx {
		parts[k] = fmt.Sprintf("%c %.2f", quiz.Letters[i], scores[i])
	}
	return strings.Join(parts, ", ")
}

func validHolland(code string) bool {
	if len(code) < 1 || len(code) > 3 {
		return false
	}
	for i := range len(code) {
		if !strings.ContainsRune(quiz.Letters, rune(code[i])) || strings.Count(code, code[i:i+1]) > 1 {
			return false
		}
	}
	return true
}

// quizItems are the statements as the scorer takes them (their types were
// validated as RIASEC letters).
func quizItems(qs []career.Question) []quiz.Item {
	items := make([]quiz.Item, len(qs))
	for i, q := range qs {
		items[i] = quiz.Item{Type: strings.Index(quiz.Letters, q.Type)}
	}
	return items
}
