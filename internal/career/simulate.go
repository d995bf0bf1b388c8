package career

import (
	"fmt"
	"math"
)

// PayBasis is which of a level's pay ranges a simulation starts from.
type PayBasis string

// The pay bases of the simulator.
const (
	BasisBase PayBasis = "base" // national base salary
	BasisTop  PayBasis = "top"  // top-market estimate (SF, NY, Seattle)
)

// Assumptions are every input of the salary simulator.
type Assumptions struct {
	Start          string   // level key the path starts at, in year 1
	YearsPerLevel  int      // years spent at each level before the next (1-10)
	Raise          int      // yearly raise within a level, percent (0-MaxRaise)
	JobChanges     int      // number of job changes over the horizon (see MaxJobChangesIn)
	JobChangeRaise int      // raise each job change brings, percent (0-MaxJobRaise)
	Basis          PayBasis // base or top
	Horizon        int      // years simulated (MinHorizon to the career's MaxHorizon)
}

// Simulator bounds. They keep a simulated path inside what the guide's
// own figures describe: the ladder's pay ranges and its projection, whose
// aggressive line assumes one or two moves between employers in 15 years.
const (
	MinHorizon, MaxHorizon             = 5, 20
	MinYearsPerLevel, MaxYearsPerLevel = 1, 10
	// MaxRaise is a yearly raise within a level: a few times the typical
	// merit raise, not a promotion (promotions are simulated apart).
	MaxRaise = 10
	// MaxJobChanges is the most moves between employers one path can make,
	// and YearsPerJobChange the fewest years each one needs.
	MaxJobChanges, YearsPerJobChange = 3, 5
	MaxJobRaise                      = 20
	DefaultRaise, DefaultJobChanges  = 3, 1
	DefaultJobChangeRaise            = 10
)

// MaxHorizonFor is how many years the simulator may run for c: as far as
// its projection reaches (within MinHorizon..MaxHorizon), or MaxHorizon
// for a guide without one.
func (c *Career) MaxHorizonFor() int {
	if y := c.Projection.Years(); y > 0 {
		return min(max(y, MinHorizon), MaxHorizon)
	}
	return MaxHorizon
}

// MaxJobChangesIn is the most job changes a path of horizon years may make:
// one every YearsPerJobChange years, at most MaxJobChanges.
func MaxJobChangesIn(horizon int) int {
	return min(MaxJobChanges, max(horizon, 0)/YearsPerJobChange)
}

// DefaultAssumptions are the simulator's defaults for a person at start
// (nil: the first level): the ladder's own pace, the guide's projection
// horizon, and careerguide's estimates for raises and job changes.
func (c *Career) DefaultAssumptions(start *Level) Assumptions {
	if start == nil && len(c.Levels) > 0 {
		start = &c.Levels[0]
	}
	a := Assumptions{
		YearsPerLevel: c.TypicalYearsPerLevel(), Raise: DefaultRaise,
		JobChanges: DefaultJobChanges, JobChangeRaise: DefaultJobChangeRaise,
		Basis: BasisBase, Horizon: c.MaxHorizonFor(),
	}
	if start != nil {
		a.Start = start.Key
	}
	return a
}

// TypicalYearsPerLevel is the average span of the ladder's levels below
// the top (from a level's first year to the next level's), rounded, within
// the simulator's bounds.
func (c *Career) TypicalYearsPerLevel() int {
	if len(c.Levels) < 2 {
		return MinYearsPerLevel
	}
	total := c.Levels[len(c.Levels)-1].YearsMin - c.Levels[0].YearsMin
	avg := int(math.Round(float64(total) / float64(len(c.Levels)-1)))
	return min(max(avg, MinYearsPerLevel), MaxYearsPerLevel)
}

// AssumptionError names the assumption that is out of range.
type AssumptionError struct {
	Field   string // the form field: start, years, raise, changes, change_raise, basis, horizon
	Message string
}

func (e *AssumptionError) Error() string { return e.Field + ": " + e.Message }

// Check validates a against the career; the first bad field is returned.
func (c *Career) Check(a Assumptions) error {
	switch {
	case c.Level(a.Start) == nil:
		return &AssumptionError{"start", "Choose one of the levels of this career."}
	case a.YearsPerLevel < MinYearsPerLevel || a.YearsPerLevel > MaxYearsPerLevel:
		return &AssumptionError{"years", fmt.Sprintf("Years per level must be a whole number from %d to %d.", MinYearsPerLevel, MaxYearsPerLevel)}
	case a.Raise < 0 || a.Raise > MaxRaise:
		return &AssumptionError{"raise", fmt.Sprintf("The yearly raise must be a whole percent from 0 to %d.", MaxRaise)}
	case a.Horizon < MinHorizon || a.Horizon > c.MaxHorizonFor():
		return &AssumptionError{"horizon", fmt.Sprintf("The horizon must be %d to %d years, as far as this guide's projection reaches.", MinHorizon, c.MaxHorizonFor())}
	case a.JobChanges < 0 || a.JobChanges > MaxJobChangesIn(a.Horizon):
		return &AssumptionError{"changes", fmt.Sprintf("Job changes must be a whole number from 0 to %d: at most one every %d years simulated, and no more than %d.", MaxJobChangesIn(a.Horizon), YearsPerJobChange, MaxJobChanges)}
	case a.JobChangeRaise < 0 || a.JobChangeRaise > MaxJobRaise:
		return &AssumptionError{"change_raise", fmt.Sprintf("The raise a job change brings must be a whole percent from 0 to %d.", MaxJobRaise)}
	case a.Basis != BasisBase && a.Basis != BasisTop:
		return &AssumptionError{"basis", "Choose national base salary or the top-market estimate."}
	}
	return nil
}

// SimYear is one year of a simulated path.
type SimYear struct {
	Year int
	// CareerYear is the year of the whole career it falls in, counted as
	// the guide's projection counts them: Year plus the years of experience
	// the starting level begins at (its YearsMin). A senior's first year
	// is compared with the projection's year for a new senior, not year 1.
	CareerYear int
	Level      *Level
	Pay        int
	Promoted   bool
	JobChange  bool
}

// Simulation is a simulated pay path.
type Simulation struct {
	Years []SimYear
	Total int // pay earned over every simulated year
	// Offset is the years of experience before year 1: the starting
	// level's YearsMin.
	Offset int
	// Capped reports whether a raise or job change was held at the top of
	// a level's range in some year.
	Capped bool
}

// Simulate computes the path a describes; a must pass Check. Year 1 pays
// the bottom of the start level's range. Each later year either promotes
// (after YearsPerLevel years at a level, until the top: the yearly raise,
// but at least the bottom of the new level's range) or gives the yearly
// raise; a job change year adds its raise on top. Pay never passes the top
// of the range of the level held that year: the ladder is where the
// figures come from, and a raise beyond it stops there. The job changes
// are spread evenly: change k of n falls in year 1 + round(k × Horizon ÷
// (n+1)). Every year's pay is rounded to whole dollars.
func (c *Career) Simulate(a Assumptions) Simulation {
	start := c.Level(a.Start)
	idx := start.Rank - 1
	changes := map[int]bool{}
	for k := 1; k <= a.JobChanges; k++ {
		changes[1+int(math.Round(float64(k*a.Horizon)/float64(a.JobChanges+1)))] = true
	}
	band := func(i int) Range {
		if a.Basis == BasisTop {
			return c.Levels[i].TopMarket
		}
		return c.Levels[i].Base
	}
	grow := func(pay, pct int) int { return int(math.Round(float64(pay) * (1 + float64(pct)/100))) }
	sim := Simulation{Offset: start.YearsMin}
	pay, atLevel := band(idx).Min, 0
	for y := 1; y <= a.Horizon; y++ {
		sy := SimYear{Year: y, CareerYear: y + start.YearsMin}
		if y > 1 {
			atLevel++
			pay = grow(pay, a.Raise)
			if atLevel >= a.YearsPerLevel && idx < len(c.Levels)-1 {
				idx++
				atLevel = 0
				pay = max(pay, band(idx).Min)
				sy.Promoted = true
			}
			if changes[y] {
				pay = grow(pay, a.JobChangeRaise)
				sy.JobChange = true
			}
			if top := band(idx).Max; top > 0 && pay > top {
				pay = top
				sim.Capped = true
			}
		}
		sy.Level, sy.Pay = &c.Levels[idx], pay
		sim.Years = append(sim.Years, sy)
		sim.Total += pay
	}
	return sim
}
