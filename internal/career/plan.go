package career

import (
	"cmp"
	"slices"
)

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

// Hours is a range of estimated hours: Min works through the shortest
// resource of each skill, Max through every resource listed.
type Hours struct {
	Min, Max int
}

func (h Hours) add(o Hours) Hours { return Hours{h.Min + o.Min, h.Max + o.Max} }

// SkillHours is the estimated time to learn s from its resources.
func SkillHours(s *Skill) Hours {
	var h Hours
	for i, r := range s.Resources {
		if i == 0 || r.Hours < h.Min {
			h.Min = r.Hours
		}
		h.Max += r.Hours
	}
	return h
}

// PlanItem is one skill of a learning plan.
type PlanItem struct {
	Skill  *Skill
	Level  *Level // where the skill is first expected
	Status Status // "" when unmarked
	// From is the skill whose mark the status comes from, when it is
	// another one sharing a topic; nil for the skill's own mark.
	From    *SkillRef
	BuiltOn int // how many skills of later levels share a topic with it
	Hours   Hours
}

// Open reports whether the item is still to learn: neither known nor skipped.
func (it PlanItem) Open() bool { return it.Status != Known && it.Status != Skip }

// LearningPlan is what a person at a level should learn to reach the next one.
type LearningPlan struct {
	Current *Level
	Next    *Level // nil at the top of the ladder
	// Items are the skills Next expects beyond Current, and any skill of a
	// lower level the person marked as learning, ordered by level, then by
	// how many later skills build on their topics (most first), then in
	// content order.
	Items []PlanItem
	Known []Skill // expected at Current or below
	Done  int     // items marked known
	Total int     // items not skipped
	Left  Hours   // estimated hours of the open items
}

// PlanFor builds the learning plan for a person at current (not nil) with
// their progress.
func (c *Career) PlanFor(current *Level, p Progress) LearningPlan {
	plan := LearningPlan{Current: current, Next: c.Next(current)}
	for i := range c.Skills {
		s := &c.Skills[i]
		l := c.Level(s.LevelKey)
		if l == nil {
			continue
		}
		st, from := p.Of(c.Slug, s)
		if l.Rank <= current.Rank {
			plan.Known = append(plan.Known, *s)
			if st != Learning || plan.Next == nil {
				continue
			}
		} else if plan.Next == nil || l.Rank > plan.Next.Rank {
			continue
		}
		plan.Items = append(plan.Items, PlanItem{Skill: s, Level: l, Status: st, From: from, BuiltOn: c.builtOn(s, l.Rank), Hours: SkillHours(s)})
	}
	slices.SortStableFunc(plan.Items, func(a, b PlanItem) int {
		return cmp.Or(cmp.Compare(a.Level.Rank, b.Level.Rank), cmp.Compare(b.BuiltOn, a.BuiltOn))
	})
	for _, it := range plan.Items {
		switch {
		case it.Status == Known:
			plan.Done++
			plan.Total++
		case it.Status == Skip:
		default:
			plan.Total++
			plan.Left = plan.Left.add(it.Hours)
		}
	}
	return plan
}

// builtOn counts the skills above rank that share a topic with s.
func (c *Career) builtOn(s *Skill, rank int) int {
	n := 0
	for i := range c.Skills {
		o := &c.Skills[i]
		l := c.Level(o.LevelKey)
		if o == s || l == nil || l.Rank <= rank {
			continue
		}
		for _, t := range o.Topics {
			if slices.Contains(s.Topics, t) {
				n++
				break
			}
		}
	}
	return n
}

// Pace bounds: hours a week a person can give to learning.
const (
	DefaultPace = 5
	MinPace     = 1
	MaxPace     = 40
)

// Weeks is how many weeks hours take at pace hours a week, rounded up.
func Weeks(h Hours, pace int) (lo, hi int) {
	if pace < 1 {
		pace = DefaultPace
	}
	return (h.Min + pace - 1) / pace, (h.Max + pace - 1) / pace
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

// Years is a range of whole years.
type Years struct {
	Min, Max int
}

// TimeToNext estimates how long after reaching current the next level
// typically comes: the years the ladder gives current (from its first
// year to the next level's first year), a year either side, at least one.
// ok is false at the top of the ladder.
func (c *Career) TimeToNext(current *Level) (y Years, ok bool) {
	next := c.Next(current)
	if next == nil {
		return Years{}, false
	}
	span := max(next.YearsMin-current.YearsMin, 1)
	return Years{Min: max(span-1, 1), Max: span + 1}, true
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
