package career

import (
	"math"
	"slices"
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

// ClosestBySkills returns the n occupations of other SOC codes whose skill
// profile (SkillLevels) is closest to o's, closest first (ties by code),
// each with up to MaxSteps steps up: among o's most important skills
// (o.Skills, whose level is published), those where o's level is above the
// other occupation's, the largest rise first (ties in o's order). It
// returns nothing when o has no skill profile.
func (c *Catalog) ClosestBySkills(o *Occupation, n int) []SkillMove {
	names := c.OccupationData.SkillNames
	if n <= 0 || len(o.SkillLevels) == 0 || len(o.SkillLevels) != len(names) {
		return nil
	}
	// The n smallest sums of squared gaps, kept in order (ties by code, as
	// the catalog is sorted by code and a later one never displaces an
	// equal one).
	type near struct {
		from *Occupation
		sum  float64
	}
	best := make([]near, 0, n+1)
	for i := range c.Occupations {
		from := &c.Occupations[i]
		if from.SOC == o.SOC || len(from.SkillLevels) != len(o.SkillLevels) {
			continue // the occupation itself, or one of the same SOC code (a specialty of the same job), or no skills
		}
		sum := 0.0
		for k, v := range o.SkillLevels {
			d := v - from.SkillLevels[k]
			sum += d * d
		}
		if len(best) == n && sum >= best[n-1].sum {
			continue
		}
		j := len(best)
		best = append(best, near{})
		for j > 0 && best[j-1].sum > sum {
			best[j] = best[j-1]
			j--
		}
		best[j] = near{from, sum}
		best = best[:min(len(best), n)]
	}
	moves := make([]SkillMove, len(best))
	for i, b := range best {
		moves[i] = SkillMove{From: b.from, Difference: math.Sqrt(b.sum / float64(len(o.SkillLevels)))}
	}
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
