package content

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"careerguide/internal/career"
	"careerguide/internal/onet"

	"github.com/goccy/go-yaml/ast"
)

// summariesYAML maps O*NET-SOC codes to careerguide's own summaries of the
// work, written from O*NET's task statements.
const summariesYAML = "occupations/summaries.yaml"

// Bounds of a summary, in words: two to four plain sentences.
const (
	summaryMinWords = 30
	summaryMaxWords = 110
)

// RequiredByEmployment is how many occupations, the ones with task
// statements that employ the most people (BLS OEWS), must have a summary.
const RequiredByEmployment = 150

// sharedRun is the number of words in a row a summary may not share with
// one of its occupation's task statements.
const sharedRun = 8

// Options change what Load checks.
type Options struct {
	// TaskStatements are O*NET's task statements by O*NET-SOC code (see
	// onet.ReadTaskStatements). When given, no summary may repeat one of
	// its occupation's statements, nor share a run of 8 words with one.
	TaskStatements map[string][]onet.TaskStatement
	// FileFigures are the skill, knowledge and education figures the
	// published files give, by O*NET-SOC code (see onet.ReadFileFigures).
	// When given, the occupations file must hold the same.
	FileFigures map[string]onet.FileFigures
}

// RequiredSummaries lists the O*NET-SOC codes that must have a summary,
// each with the reason: the RequiredByEmployment occupations with task
// statements that employ the most people (BLS OEWS employment, which may be
// the SOC code's shared by several O*NET occupations; ties by code), and
// every occupation a guide stands on.
func RequiredSummaries(cat *career.Catalog) map[string]string {
	var ranked []*career.Occupation
	for i := range cat.Occupations {
		o := &cat.Occupations[i]
		if o.Tasks != nil && o.Wages != nil && o.Wages.Employment.Known() {
			ranked = append(ranked, o)
		}
	}
	slices.SortStableFunc(ranked, func(a, b *career.Occupation) int {
		if c := cmp.Compare(b.Wages.Employment.Value, a.Wages.Employment.Value); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
	req := map[string]string{}
	for i, o := range ranked[:min(len(ranked), RequiredByEmployment)] {
		req[o.Code] = fmt.Sprintf("%s ranks %d by employment among the occupations with task statements", o.Title, i+1)
	}
	for _, c := range cat.Careers {
		if _, ok := req[c.ONetCode]; !ok {
			req[c.ONetCode] = fmt.Sprintf("the guide %s stands on it", c.Name)
		}
	}
	return req
}

// summaries reads summaries.yaml into the catalog's occupations and checks
// it: known codes with task statements, the length, every required
// occupation present and, with tasks, nothing copied from O*NET.
func (l *loader) summaries(cat *career.Catalog, tasks map[string][]onet.TaskStatement) {
	var m map[string]string
	d := l.decode(summariesYAML, &m)
	if d == nil {
		return
	}
	var lines map[string]int // each code's line, read only for a problem
	codes := make([]string, 0, len(m))
	for code := range m {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	for _, code := range codes {
		text := strings.Join(strings.Fields(m[code]), " ")
		bad := func(format string, args ...any) {
			if lines == nil {
				lines = keyLines(d.tree())
			}
			l.problem(summariesYAML, lines[code], "%s: %s", code, fmt.Sprintf(format, args...))
		}
		o, ok := cat.Occupation(code)
		switch {
		case !ok:
			bad("not an O*NET-SOC code of %s", occupationsJSON)
			continue
		case o.Tasks == nil:
			bad("O*NET lists no task statements for %s, so a summary has nothing to stand on", o.Title)
			continue
		}
		if n := len(strings.Fields(text)); n < summaryMinWords || n > summaryMaxWords {
			bad("%d words: write %d to %d (two to four sentences)", n, summaryMinWords, summaryMaxWords)
		}
		if statements, ok := tasks[code]; ok {
			if msg := copied(text, statements); msg != "" {
				bad("%s", msg)
			}
		}
		o.Summary = text
	}
	if len(cat.Occupations) == 0 {
		return
	}
	req := RequiredSummaries(cat)
	missing := make([]string, 0)
	for code := range req {
		if _, ok := m[code]; !ok {
			missing = append(missing, code)
		}
	}
	slices.Sort(missing)
	for _, code := range missing {
		l.problem(summariesYAML, 0, "%s: missing summary (%s)", code, req[code])
	}
}

// copied says how text repeats one of the task statements: a statement
// word for word (case, spacing and punctuation aside), or a run of
// sharedRun words in a row; "" when it does neither.
func copied(text string, statements []onet.TaskStatement) string {
	words := wordsOf(text)
	joined := " " + strings.Join(words, " ") + " "
	runs := map[string]string{}
	for _, s := range statements {
		sw := wordsOf(s.Text)
		if len(sw) > 0 && strings.Contains(joined, " "+strings.Join(sw, " ")+" ") {
			return fmt.Sprintf("repeats an O*NET task statement word for word: %q", s.Text)
		}
		for i := 0; i+sharedRun <= len(sw); i++ {
			runs[strings.Join(sw[i:i+sharedRun], " ")] = s.Text
		}
	}
	for i := 0; i+sharedRun <= len(words); i++ {
		run := strings.Join(words[i:i+sharedRun], " ")
		if s, ok := runs[run]; ok {
			return fmt.Sprintf("shares %d words in a row (%q) with an O*NET task statement: %q; say it in your own words", sharedRun, run, s)
		}
	}
	return ""
}

// wordsOf splits s into lower-case words of letters and digits.
func wordsOf(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// keyLines maps each top-level key of a YAML mapping to its line.
func keyLines(f *ast.File) map[string]int {
	lines := map[string]int{}
	if f == nil {
		return lines
	}
	for _, doc := range f.Docs {
		var values []*ast.MappingValueNode
		switch n := doc.Body.(type) {
		case *ast.MappingNode:
			values = n.Values
		case *ast.MappingValueNode:
			values = []*ast.MappingValueNode{n}
		}
		for _, v := range values {
			if t := v.Key.GetToken(); t != nil && t.Position != nil {
				lines[t.Value] = t.Position.Line
			}
		}
	}
	return lines
}
