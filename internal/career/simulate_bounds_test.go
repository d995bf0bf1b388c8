package career

import (
	"errors"
	"testing"
)

// The assumptions that printed $527,805,967 are refused field by field,
// and the most generous path the bounds allow never passes the top of
// the range of the level it is at.
func TestSimulatorStaysInsideTheLadder(t *testing.T) {
	c := ladder()
	c.Projection.Points = []ProjectionPoint{{Year: 1, Conservative: 70000, Aggressive: 90000}, {Year: 15, Conservative: 150000, Aggressive: 180000}}
	base := Assumptions{Start: "junior", YearsPerLevel: 1, Raise: 3, JobChanges: 1, JobChangeRaise: 10, Basis: BasisBase, Horizon: 15}
	for field, change := range map[string]func(*Assumptions){
		"raise":        func(a *Assumptions) { a.Raise = 20 },
		"changes":      func(a *Assumptions) { a.JobChanges = 10 },
		"change_raise": func(a *Assumptions) { a.JobChangeRaise = 50 },
		"horizon":      func(a *Assumptions) { a.Horizon = 20 }, // the projection reaches 15
	} {
		a := base
		change(&a)
		var ae *AssumptionError
		if err := c.Check(a); !errors.As(err, &ae) || ae.Field != field {
			t.Errorf("%s: got %v", field, err)
		}
	}
	// Four changes in 15 years is one more than allowed; three pass.
	a := base
	a.JobChanges = 4
	if err := c.Check(a); err == nil {
		t.Fatal("4 job changes in 15 years accepted")
	}
	a = Assumptions{Start: "junior", YearsPerLevel: 1, Raise: MaxRaise, JobChanges: 3, JobChangeRaise: MaxJobRaise, Basis: BasisTop, Horizon: 15}
	if err := c.Check(a); err != nil {
		t.Fatal(err)
	}
	s := c.Simulate(a)
	for _, y := range s.Years {
		if y.Pay > y.Level.TopMarket.Max {
			t.Fatalf("year %d pays %d at %s, above its range's top %d", y.Year, y.Pay, y.Level.Key, y.Level.TopMarket.Max)
		}
	}
	if !s.Capped || s.Total > 15*210000 {
		t.Fatalf("capped %v, total %d", s.Capped, s.Total)
	}
}

// A path that starts at senior is compared with the projection from the
// year a senior's experience begins (senior starts at 5 years: year 6).
func TestSimulationStartsAtThePersonsCareerYear(t *testing.T) {
	c := ladder()
	s := c.Simulate(Assumptions{Start: "senior", YearsPerLevel: 2, Raise: 3, Basis: BasisBase, Horizon: 5})
	if s.Offset != 5 || s.Years[0].CareerYear != 6 || s.Years[4].CareerYear != 10 {
		t.Fatalf("offset %d, career years %d..%d", s.Offset, s.Years[0].CareerYear, s.Years[4].CareerYear)
	}
	j := c.Simulate(Assumptions{Start: "junior", YearsPerLevel: 2, Raise: 3, Basis: BasisBase, Horizon: 5})
	if j.Years[0].CareerYear != 1 {
		t.Fatalf("a junior's first year is career year %d", j.Years[0].CareerYear)
	}
}
