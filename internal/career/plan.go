package career

// Next is the level after current on the ladder, or nil at the top (or when
// current is nil).
func (c *Career) Next(current *Level) *Level {
	if current == nil || current.Rank >= len(c.Levels) {
		return nil
	}
	return &c.Levels[current.Rank]
}

// PayJump is what moving from one level to the next adds to base pay, at the
// bottom and at the top of the two bands.
type PayJump struct {
	AtMin, AtMax int
	Percent      int // rise of the band's midpoint, rounded
}

// Jump computes the pay jump from a to b.
func Jump(a, b *Level) PayJump {
	midA := (a.Base.Min + a.Base.Max) / 2
	midB := (b.Base.Min + b.Base.Max) / 2
	pct := 0
	if midA > 0 {
		pct = int((float64(midB-midA)/float64(midA))*100 + 0.5)
	}
	return PayJump{AtMin: b.Base.Min - a.Base.Min, AtMax: b.Base.Max - a.Base.Max, Percent: pct}
}

// LearningPlan is what a person at a level should learn to reach the next one.
type LearningPlan struct {
	Current *Level
	Next    *Level  // nil at the top of the ladder
	Skills  []Skill // expected at Next but not yet at Current, in content order
	Known   []Skill // already expected at Current or below
}

// PlanFor builds the learning plan for a person at current (not nil).
func (c *Career) PlanFor(current *Level) LearningPlan {
	plan := LearningPlan{Current: current, Next: c.Next(current)}
	for _, s := range c.Skills {
		l := c.Level(s.LevelKey)
		if l == nil {
			continue
		}
		switch {
		case l.Rank <= current.Rank:
			plan.Known = append(plan.Known, s)
		case plan.Next != nil && l.Rank <= plan.Next.Rank:
			plan.Skills = append(plan.Skills, s)
		}
	}
	return plan
}

// SkillsAt lists the skills first expected at the level.
func (c *Career) SkillsAt(levelKey string) []Skill {
	var out []Skill
	for _, s := range c.Skills {
		if s.LevelKey == levelKey {
			out = append(out, s)
		}
	}
	return out
}

// TopPay is the highest base salary on the ladder.
func (c *Career) TopPay() int {
	top := 0
	for _, l := range c.Levels {
		top = max(top, l.Base.Max)
	}
	return top
}

// TopLevel is the last level of the ladder, or nil when there is none.
func (c *Career) TopLevel() *Level {
	if len(c.Levels) == 0 {
		return nil
	}
	return &c.Levels[len(c.Levels)-1]
}

// YearsToTop is the experience at which the top level starts.
func (c *Career) YearsToTop() int {
	if len(c.Levels) == 0 {
		return 0
	}
	return c.Levels[len(c.Levels)-1].YearsMin
}

// MedianPay is the occupation's published median (50th percentile) annual
// wage, or 0 when the content gives none.
func (c *Career) MedianPay() int {
	for _, p := range c.Market.Percentiles {
		if p.Percentile == 50 {
			return p.Annual
		}
	}
	return 0
}
