package career

import (
	"math"
	"slices"
	"strings"
)

// SkillMove is one occupation whose skill profile is close to another's,
// with the steps up from it: the skills the other occupation rates most
// important where it asks for a higher level.
type SkillMove struct {
	From *Occupation
	// Difference is the root mean square difference of the two
	// occupations' levels over every skill (0 = the same profile).
	Difference float64
	Steps      []SkillStep // largest first
}

// SkillStep is one skill's level in the occupation moved from and in the
// one moved to.
type SkillStep struct {
	Name     string
	From, To float64
}

// Rise is how much higher the level is in the occupation moved to.
func (s SkillStep) Rise() float64 { return s.To - s.From }

// MaxSteps is how many steps up a SkillMove names at most.
const MaxSteps = 3

// SkillDifference is the root mean square difference of two skill
// profiles of the same skills; false when either has none or they differ
// in length.
func SkillDifference(a, b []float64) (float64, bool) {
	if len(a) == 0 || len(a) != len(b) {
		return 0, false
	}
	sum := 0.0
	for i := range a {
		d := a[i] - b[i]
		sum += d * d
	}
	return math.Sqrt(sum / float64(len(a))), true
}

// ClosestBySkills returns the n occupations of other SOC codes whose skill
// profile (SkillLevels) is closest to o's, closest first (ties by code),
// each with
// up to MaxSteps steps up: among o's most important skills (o.Skills, whose
// level is published), those where o's level is above the other
// occupation's, the largest rise first (ties in o's order). It returns
// nothing when o has no skill profile.
func (c *Catalog) ClosestBySkills(o *Occupation, n int) []SkillMove {
	names := c.OccupationData.SkillNames
	if len(o.SkillLevels) == 0 || len(o.SkillLevels) != len(names) {
		return nil
	}
	var moves []SkillMove
	for i := range c.Occupations {
		from := &c.Occupations[i]
		if from.SOC == o.SOC {
			continue // the occupation itself, or one of the same SOC code: a specialty of the same job
		}
		if d, ok := SkillDifference(o.SkillLevels, from.SkillLevels); ok {
			moves = append(moves, SkillMove{From: from, Difference: d})
		}
	}
	slices.SortStableFunc(moves, func(a, b SkillMove) int {
		if a.Difference != b.Difference {
			if a.Difference < b.Difference {
				return -1
			}
			return 1
		}
		return strings.Compare(a.From.Code, b.From.Code)
	})
	moves = moves[:min(n, len(moves))]
	index := make(map[string]int, len(names))
	for i, name := range names {
		index[name] = i
	}
	for m := range moves {
		var steps []SkillStep
		for _, r := range o.Skills {
			i, ok := index[r.Name]
			if !ok || !r.HasLevel {
				continue
			}
			if s := (SkillStep{Name: r.Name, From: moves[m].From.SkillLevels[i], To: r.Level}); s.Rise() > 0 {
				steps = append(steps, s)
			}
		}
		slices.SortStableFunc(steps, func(a, b SkillStep) int {
			switch {
			case a.Rise() > b.Rise():
				return -1
			case a.Rise() < b.Rise():
				return 1
			}
			return 0
		})
		moves[m].Steps = steps[:min(MaxSteps, len(steps))]
	}
	return moves
}
