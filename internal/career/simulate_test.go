package career

import (
	"errors"
	"testing"
)

func pays(s Simulation) []int {
	out := []int{}
	for _, y := range s.Years {
		out = append(out, y.Pay)
	}
	return out
}

func TestSimulateBaseWithAJobChange(t *testing.T) {
	c := ladder()
	a := Assumptions{Start: "junior", YearsPerLevel: 2, Raise: 3, JobChanges: 1, JobChangeRaise: 10, Basis: BasisBase, Horizon: 5}
	if err := c.Check(a); err != nil {
		t.Fatal(err)
	}
	s := c.Simulate(a)
	// y1 70,000 (junior's bottom); y2 +3 % = 72,100; y3 promoted to mid:
	// 74,263 lifted to mid's bottom 95,000; y4 +3 % = 97,850, and the job
	// change (year 1 + round(5/2) = 4) +10 % = 107,635; y5 promoted to
	// senior: 110,864 lifted to 125,000.
	want := []int{70000, 72100, 95000, 107635, 125000}
	if got := pays(s); len(got) != 5 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] || got[3] != want[3] || got[4] != want[4] {
		t.Fatalf("pay %v, want %v", got, want)
	}
	if s.Total != 469735 {
		t.Fatalf("total %d, want 469,735", s.Total)
	}
	if !s.Years[3].JobChange || !s.Years[2].Promoted || s.Years[4].Level.Key != "senior" {
		t.Fatalf("%+v", s.Years)
	}
}

func TestSimulateTopMarketWithoutChanges(t *testing.T) {
	c := ladder()
	a := Assumptions{Start: "mid", YearsPerLevel: 3, Raise: 5, Basis: BasisTop, Horizon: 5}
	s := c.Simulate(a)
	// y1 130,000 (mid's top-market bottom); y2 136,500; y3 143,325; y4
	// promoted: 150,491 lifted to 170,000; y5 178,500 (senior is the top).
	want := []int{130000, 136500, 143325, 170000, 178500}
	got := pays(s)
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("pay %v, want %v", got, want)
		}
	}
	if s.Total != 758325 {
		t.Fatalf("total %d, want 758,325", s.Total)
	}
}

func TestCheckNamesTheBadField(t *testing.T) {
	c := ladder()
	ok := c.DefaultAssumptions(nil)
	ok.Horizon = 15
	if err := c.Check(ok); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	for field, change := range map[string]func(*Assumptions){
		"start":        func(a *Assumptions) { a.Start = "wizard" },
		"years":        func(a *Assumptions) { a.YearsPerLevel = 0 },
		"raise":        func(a *Assumptions) { a.Raise = 21 },
		"changes":      func(a *Assumptions) { a.JobChanges = 15 },
		"change_raise": func(a *Assumptions) { a.JobChangeRaise = -1 },
		"basis":        func(a *Assumptions) { a.Basis = "moon" },
		"horizon":      func(a *Assumptions) { a.Horizon = 21 },
	} {
		a := ok
		change(&a)
		var ae *AssumptionError
		if err := c.Check(a); !errors.As(err, &ae) || ae.Field != field {
			t.Errorf("%s: got %v", field, err)
		}
	}
	// junior 0, senior 5: two steps, 2.5 years -> 3.
	if c.TypicalYearsPerLevel() != 3 {
		t.Fatal(c.TypicalYearsPerLevel())
	}
}
