package server

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"careerguide/internal/career"
	"careerguide/web/components"
	"careerguide/web/pages"
	"careerguide/web/section"
)

// salarySimulate is GET /careers/{slug}/salary/simulate: the simulator.
// The query holds every assumption (a missing one takes its default), so a
// path can be shared by its URL; a malformed or out-of-range value is 422
// naming the field, with the form as sent. Rendered per request: its
// default start is the person's level.
func (s *server) salarySimulate(w http.ResponseWriter, r *http.Request) {
	nav, ok := s.careerNav(w, r, section.Salary)
	if !ok {
		return
	}
	nav.Path = section.SimulateURL(nav.Career.Slug)
	c := nav.Career
	def := c.DefaultAssumptions(nav.Current)
	q := r.URL.Query()
	a := def
	p := pages.SimulatePage{
		Chrome: s.chrome(r, c.Name+" salary simulator", "Simulate your own "+c.Name+" pay path: promotions, raises and job changes, against the guide's projections."),
		Nav:    nav,
	}
	startWhy := "Default: the first level of the ladder."
	if nav.Current != nil {
		startWhy = "Default: your level, " + nav.Current.Title + "."
	}
	p.Start = pages.SimField{Name: "start", Label: "Starting level (year 1)", Value: a.Start, Why: startWhy + " Year 1 pays the bottom of its range."}
	if v, ok := query(q, "start"); ok {
		p.Start.Value = v
		a.Start = v
		if c.Level(v) == nil {
			p.Start.Error = "Choose one of the levels of this career."
		}
	}
	// Top-market pay is careerguide's own estimate and, as on the path and
	// salary pages, for members only: a visitor who is not signed in is
	// offered the base salary, and a URL asking for top-market pay is
	// refused on the basis field.
	p.Members = p.Chrome.SignedIn
	p.Basis = pages.SimField{Name: "basis", Label: "Pay basis", Value: string(a.Basis),
		Why: "Default: national base salary, the ladder's base range. The top-market estimate uses each level's San Francisco, New York and Seattle range."}
	if !p.Members {
		p.Basis.Why = "National base salary, the ladder's base range. The top-market estimate (San Francisco, New York, Seattle) is careerguide's own and for members."
	}
	if v, ok := query(q, "basis"); ok {
		p.Basis.Value = v
		a.Basis = career.PayBasis(v)
		switch {
		case a.Basis != career.BasisBase && a.Basis != career.BasisTop:
			p.Basis.Error = "Choose national base salary or the top-market estimate."
		case a.Basis == career.BasisTop && !p.Members:
			p.Basis.Error = "The top-market estimate is for members: log in or create a free account to see it, or choose national base salary."
		}
	}
	num := []struct {
		f   pages.SimField
		dst *int
	}{
		{pages.SimField{Name: "years", Label: "Years at each level before the next (promotion pace)", Min: career.MinYearsPerLevel, Max: career.MaxYearsPerLevel,
			Why: "Default " + strconv.Itoa(def.YearsPerLevel) + ": the average years this guide's ladder gives each level below the top."}, &a.YearsPerLevel},
		{pages.SimField{Name: "raise", Label: "Yearly raise within a level, in percent", Max: career.MaxRaise,
			Why: "Default " + strconv.Itoa(def.Raise) + " %: careerguide's estimate of a typical yearly merit raise, roughly keeping pace with wages in general. Promotions are simulated apart, so a yearly raise above " + strconv.Itoa(career.MaxRaise) + " % is not one the guide's figures support."}, &a.Raise},
		{pages.SimField{Name: "changes", Label: "Job changes over the years simulated", Max: career.MaxJobChanges,
			Why: "Default " + strconv.Itoa(def.JobChanges) + ": careerguide's estimate; the guide's aggressive projection assumes one or two moves between employers. At most one every " + strconv.Itoa(career.YearsPerJobChange) + " years simulated; changes are spread evenly over the years."}, &a.JobChanges},
		{pages.SimField{Name: "change_raise", Label: "Raise each job change brings, in percent", Max: career.MaxJobRaise,
			Why: "Default " + strconv.Itoa(def.JobChangeRaise) + " %: careerguide's estimate of the pay rise a move between employers commonly brings, on top of the yearly raise."}, &a.JobChangeRaise},
		{pages.SimField{Name: "horizon", Label: "Years to simulate", Min: career.MinHorizon, Max: c.MaxHorizonFor(),
			Why: "Default " + strconv.Itoa(def.Horizon) + ": as far as this guide's own projection reaches, which is as far as the simulator goes."}, &a.Horizon},
	}
	bad := p.Start.Error != "" || p.Basis.Error != ""
	for i := range num {
		f := &num[i].f
		f.Value = strconv.Itoa(*num[i].dst)
		v, ok := query(q, f.Name)
		if !ok {
			continue
		}
		f.Value = v
		n, err := strconv.Atoi(v)
		if err != nil || n < f.Min || n > f.Max {
			f.Error = "Enter a whole number from " + strconv.Itoa(f.Min) + " to " + strconv.Itoa(f.Max) + "."
			bad = true
			continue
		}
		*num[i].dst = n
	}
	if !bad {
		var ae *career.AssumptionError
		if err := c.Check(a); errors.As(err, &ae) {
			bad = true
			for i := range num {
				if num[i].f.Name == ae.Field {
					num[i].f.Error = ae.Message
				}
			}
		}
	}
	for _, n := range num {
		p.Fields = append(p.Fields, n.f)
	}
	if bad {
		s.render(w, r, http.StatusUnprocessableEntity, pages.SalarySimulate(p))
		return
	}
	sim := c.Simulate(a)
	p.Sim = &sim
	p.Chart = components.NewSimulationChart(c, sim)
	p.ShareURL = shareURL(c.Slug, a)
	s.render(w, r, http.StatusOK, pages.SalarySimulate(p))
}

// query is the single value of a query field; a repeated field counts as
// its first value.
func query(q url.Values, name string) (string, bool) {
	vs, ok := q[name]
	if !ok || len(vs) == 0 {
		return "", false
	}
	return vs[0], true
}

// shareURL is the simulator's URL with every assumption of a.
func shareURL(slug string, a career.Assumptions) string {
	v := url.Values{}
	v.Set("start", a.Start)
	v.Set("years", strconv.Itoa(a.YearsPerLevel))
	v.Set("raise", strconv.Itoa(a.Raise))
	v.Set("changes", strconv.Itoa(a.JobChanges))
	v.Set("change_raise", strconv.Itoa(a.JobChangeRaise))
	v.Set("basis", string(a.Basis))
	v.Set("horizon", strconv.Itoa(a.Horizon))
	return section.SimulateURL(slug) + "?" + v.Encode()
}
