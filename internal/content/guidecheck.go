package content

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"careerguide/internal/career"
)

// The checks in this file catch errors guides have made about whose
// figures they show: each one failed on a guide before it was corrected.

// escapeONET keeps the asterisk of "O*NET" literal: Markdown would read
// the asterisks of two mentions as emphasis around the text between them.
func escapeONET(src string) string {
	return strings.ReplaceAll(src, "O*NET", `O\*NET`)
}

// checkEmphasis records a problem when rendering lost a literal "O*NET"
// (its asterisk became emphasis).
func (l *loader) checkEmphasis(file string, line func() int, src, html string) {
	if want, got := strings.Count(src, "O*NET"), strings.Count(html, "O*NET"); got != want {
		l.problem(file, line(), "%d of %d mentions of O*NET rendered as emphasis (<em>): write O*NET so it stays literal", want-got, want)
	}
}

var (
	socRef = regexp.MustCompile(`SOC (\d\d-\d\d\d\d)`)
	// percentileFor finds "percentile(s) for <occupation>" in a pay basis.
	percentileFor = regexp.MustCompile(`(?i)\b(?:percentiles?|median) (?:of [^ ]+ )?for ([a-z ,/-]+?)(?: \(SOC (\d\d-\d\d\d\d)|[;:,.()]|$| because| which| around| where| and the| with| between)`)
	// combinedOnly is a claim that BLS projects an occupation only together
	// with others.
	combinedOnly = regexp.MustCompile(`(?i)\b(?:publishes|projects|projection)\b[^.]*\bonly\b[^.]*\b(?:together|combined)\b`)
	sentenceEnd  = regexp.MustCompile(`[.!?](?:\s+|$)`)
)

func sentences(s string) []string {
	var out []string
	for _, p := range sentenceEnd.Split(strings.Join(strings.Fields(s), " "), -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// checkOverview checks what an overview says about the official figures:
// a sentence about the page's official figures names the SOC code the
// wages are for, and no sentence claims BLS projects the occupation only
// with others when the data has a projection for it alone.
func (l *loader) checkOverview(file, src string, c *career.Career) {
	o, ok := l.guideOccupation(c)
	if !ok {
		return
	}
	for _, s := range sentences(src) {
		lower := strings.ToLower(s)
		if strings.Contains(lower, "official") && (strings.Contains(lower, "figures") || strings.Contains(lower, "wage")) {
			for _, m := range socRef.FindAllStringSubmatch(s, -1) {
				if o.Wages != nil && m[1] != o.Wages.SOC {
					l.problem(file, 0, "%q says the official figures are for SOC %s, but the wages shown are BLS OEWS SOC %s (%s)", s, m[1], o.Wages.SOC, o.Wages.Title)
				}
			}
		}
		if p := o.Projection; p != nil && p.SOC == o.SOC && combinedOnly.MatchString(s) {
			l.problem(file, 0, "%q: BLS Employment Projections (Table 1.2) project SOC %s (%s) alone, %s %%", s, p.SOC, p.Title, oneDecimal(p.ChangePercent))
		}
	}
}

// guideOccupation is the imported occupation a guide stands on.
func (l *loader) guideOccupation(c *career.Career) (*career.Occupation, bool) {
	if l.occ == nil || len(l.occ.Occupations) == 0 {
		return nil, false
	}
	return l.occ.Occupation(c.ONetCode)
}

func oneDecimal(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// checkGuideFigures checks the guide's pay bases, growth scope and
// projection stages against the data and the ladder.
func (l *loader) checkGuideFigures(d *doc, f *careerFile, c *career.Career) {
	// The conservative line stays below the ladder's top level: the top
	// is where only some people arrive, and every guide's note says many
	// stay below it. The aggressive line may reach it.
	titles := map[string]int{}
	for _, lv := range c.Levels {
		titles[lv.Title] = lv.Rank
	}
	for i, pt := range c.Projection.Points {
		p := fmt.Sprintf("$.projection.points[%d]", i)
		rank, ok := titles[pt.Stage]
		switch {
		case !ok:
			d.errf(p+".stage", "stage %q is not the title of a level of this ladder", pt.Stage)
		case len(c.Levels) > 1 && rank == len(c.Levels):
			d.errf(p+".stage", "the conservative line reaches the top level %q in year %d, yet it assumes slow promotions and the note says many people stay below it: give stage a level below the top and put the top in aggressive_stage", pt.Stage, pt.Year)
		}
		if pt.AggressiveStage != "" {
			if _, ok := titles[pt.AggressiveStage]; !ok {
				d.errf(p+".aggressive_stage", "aggressive_stage %q is not the title of a level of this ladder", pt.AggressiveStage)
			}
		}
	}

	o, ok := l.guideOccupation(c)
	if !ok {
		return
	}
	// A pay basis that compares a level with another occupation's
	// percentiles names that occupation's SOC code, so a reader can tell
	// it from the occupation whose official wages the page shows.
	if w := o.Wages; w != nil {
		own := strings.ToLower(w.Title)
		for i, lv := range c.Levels {
			for _, m := range percentileFor.FindAllStringSubmatch(lv.Pay.Basis, -1) {
				name := strings.TrimSpace(strings.ToLower(m[1]))
				if strings.HasPrefix(name, own) || strings.HasPrefix(own, name) || m[2] != "" || name == "" {
					continue
				}
				if strings.HasPrefix(name, "that") || strings.HasPrefix(name, "the ") || strings.HasPrefix(name, "this") {
					continue
				}
				d.errf(fmt.Sprintf("$.levels[%d].pay.basis", i), "the basis compares with percentiles for %q, but this page's official wages are BLS OEWS SOC %s (%s): compare with those, or name the other occupation's SOC code and say why", name, w.SOC, w.Title)
			}
		}
	}
	// The growth figure's scope: the SOC code BLS projects and its exact
	// figure, so a wider group's figure cannot pass for it.
	if p := o.Projection; p != nil && f.Market.GrowthScope != "" {
		exact := oneDecimal(p.ChangePercent)
		if !strings.Contains(f.Market.GrowthScope, p.SOC) || !strings.Contains(f.Market.GrowthScope, exact) {
			d.errf("$.market.growth_scope", "growth_scope must name SOC %s and its projected change %s %% (BLS Employment Projections Table 1.2)", p.SOC, exact)
		}
	}
}
