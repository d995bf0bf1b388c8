package career

import (
	"fmt"
	"math"
	"strings"

	"careerguide/internal/quiz"
)

// OccupationFit is one or more occupations with exactly the same O*NET
// interest profile, so the same correlation with a person: never ranked
// among themselves.
type OccupationFit struct {
	Occupations []*Occupation
	R           float64
	Fit         quiz.Fit
}

// GuideFit is one or more guides with the same interest profile; when
// they are written for one O*NET occupation, Occupation is it.
type GuideFit struct {
	Guides     []*Career
	Occupation *Occupation
	R          float64
	Fit        quiz.Fit
}

// QuickQuestions is the number of statements of the quick test (set 0).
func (c *Catalog) QuickQuestions() int {
	n := 0
	for _, q := range c.Questions {
		if q.Set == 0 {
			n++
		}
	}
	return n
}

// OccupationFits ranks every occupation with an O*NET interest profile in
// Job Zone zone (0: every zone) by its correlation with person, equal
// profiles as one group, best first; rated is how many took part. Groups
// that are not a fit (quiz.NoFit) are left out.
func (c *Catalog) OccupationFits(person quiz.Profile, zone int) (fits []OccupationFit, rated int) {
	var occs []*Occupation
	var profiles []quiz.Profile
	for i := range c.Occupations {
		o := &c.Occupations[i]
		if o.Interests == nil || (zone != 0 && o.JobZone != zone) {
			continue
		}
		occs = append(occs, o)
		profiles = append(profiles, o.Interests.Scores)
	}
	for _, g := range quiz.RankGroups(person, profiles) {
		r := quiz.Correlation(person, profiles[g.Indices[0]])
		f := quiz.FitOf(r)
		if f == quiz.NoFit {
			break // best first: the rest are no fit either
		}
		of := OccupationFit{R: r, Fit: f}
		for _, i := range g.Indices {
			of.Occupations = append(of.Occupations, occs[i])
		}
		fits = append(fits, of)
	}
	return fits, len(occs)
}

// GuideFits ranks every guide whose occupation is in Job Zone zone (0:
// any), guides with equal interest profiles as one group, best first,
// fits and non-fits alike (a guide's own page says how it stands).
func (c *Catalog) GuideFits(person quiz.Profile, zone int) []GuideFit {
	var guides []*Career
	var profiles []quiz.Profile
	for i := range c.Careers {
		g := &c.Careers[i]
		if zone != 0 {
			o, ok := c.Occupation(g.ONetCode)
			if !ok || o.JobZone != zone {
				continue
			}
		}
		guides = append(guides, g)
		profiles = append(profiles, g.Interests.Scores)
	}
	var out []GuideFit
	for _, g := range quiz.RankGroups(person, profiles) {
		r := quiz.Correlation(person, profiles[g.Indices[0]])
		gf := GuideFit{R: r, Fit: quiz.FitOf(r)}
		for _, i := range g.Indices {
			gf.Guides = append(gf.Guides, guides[i])
		}
		if o, ok := c.Occupation(gf.Guides[0].ONetCode); ok && len(gf.Guides) > 1 {
			same := true
			for _, x := range gf.Guides[1:] {
				same = same && x.ONetCode == o.Code
			}
			if same {
				gf.Occupation = o
			}
		}
		out = append(out, gf)
	}
	return out
}

// Mover is one answer that moved a person's correlation with a guide,
// said in words a reader can check.
type Mover struct {
	Answer    int // 1..5
	Statement string
	TypeName  string  // the statement's interest type, "Realistic"
	Delta     float64 // the change in r against a Neutral answer
	// Reason says why, in words: the guide's score on the statement's
	// type against its own average, and what the answer did to the
	// person's score on that type.
	Reason string
}

// Up reports whether the answer raised the correlation.
func (m Mover) Up() bool { return m.Delta > 0 }

// minMove is the least change in r a mover is shown for.
const minMove = 0.005

// Movers are the (at most three each) answers that raised and lowered the
// correlation of the person's profile with guide c most, each against a
// Neutral answer to the same statement. items and qs are the statements
// the answers were given to (the current ones: a result taken with other
// statements has none).
func Movers(types []RIASECType, c *Career, qs []Question, items []quiz.Item, answers []int) (up, down []Mover) {
	if len(qs) != len(answers) || len(items) != len(answers) {
		return nil, nil
	}
	p, err := quiz.Score(items, answers)
	if err != nil {
		return nil, nil
	}
	base := quiz.Correlation(p, c.Interests.Scores)
	var mean float64
	for _, v := range c.Interests.Scores {
		mean += v / 6
	}
	alt := append([]int(nil), answers...)
	var all []Mover
	for i, a := range answers {
		if a == 3 {
			continue
		}
		alt[i] = 3
		q, err := quiz.Score(items, alt)
		alt[i] = a
		if err != nil {
			continue
		}
		d := base - quiz.Correlation(q, c.Interests.Scores)
		if math.Abs(d) < minMove {
			continue
		}
		t := items[i].Type
		name := quiz.Letters[t : t+1]
		for _, rt := range types {
			if rt.Letter == name {
				name = rt.Name
			}
		}
		towards := a > 3
		guideHigh := c.Interests.Scores[t] > mean
		rel := "below"
		if guideHigh {
			rel = "above"
		}
		moved := "raised"
		if !towards {
			moved = "lowered"
		}
		reason := fmt.Sprintf("%s scores %s on %s (%.2f), %s its own average of %.2f; your answer %s your %s score",
			c.Name, strings.ToLower(levelWord(guideHigh)), name, c.Interests.Scores[t], rel, mean, moved, name)
		if (towards == guideHigh) != (d > 0) {
			// The answer pushed the type the way the guide leans, yet the
			// correlation fell (or the other way round): the correlation
			// compares shapes, so a type already far above the others can
			// stretch the person's profile beyond the guide's.
			reason += ", but the match compares the shape of all six scores: this answer also moved your average, and with it where your other five scores stand against it"
		}
		all = append(all, Mover{Answer: a, Statement: qs[i].Text, TypeName: name, Delta: d, Reason: reason})
	}
	// Largest change first; stable, so equal changes keep statement order.
	for i := 1; i < len(all); i++ {
		for j := i; j > 0 && math.Abs(all[j].Delta) > math.Abs(all[j-1].Delta); j-- {
			all[j], all[j-1] = all[j-1], all[j]
		}
	}
	for _, m := range all {
		if m.Up() && len(up) < 3 {
			up = append(up, m)
		} else if !m.Up() && len(down) < 3 {
			down = append(down, m)
		}
	}
	return up, down
}

func levelWord(high bool) string {
	if high {
		return "high"
	}
	return "low"
}
