package server

import (
	"net/http"
	"net/url"

	"careerguide/internal/career"
	"careerguide/web/pages"
)

// compare is GET /compare?a=<slug>&b=<slug>: two careers side by side.
// Without parameters it shows the chooser; unknown or equal careers are 400.
func (s *server) compare(w http.ResponseWriter, r *http.Request) {
	cat := s.catalog()
	p := pages.ComparePage{Chrome: s.chrome(r, "Compare careers", "Two tech careers side by side: pay by level, skills, work-life and interests."), Types: cat.RIASEC, Data: &cat.OccupationData}
	for i := range cat.Careers {
		p.Careers = append(p.Careers, &cat.Careers[i])
	}
	q := r.URL.Query()
	aSlug, bSlug := q.Get("a"), q.Get("b")
	if aSlug == "" && bSlug == "" {
		s.render(w, r, http.StatusOK, pages.Compare(p))
		return
	}
	a, okA := cat.Career(aSlug)
	b, okB := cat.Career(bSlug)
	switch {
	case !okA || !okB:
		p.Message = "Choose two careers from the lists."
	case a.Slug == b.Slug:
		p.Message = "Choose two different careers."
	}
	if p.Message != "" {
		if okA {
			p.A = a
		}
		if okB {
			p.B = b
		}
		if p.A != nil && p.B != nil { // same career twice: keep the first choice only
			p.B = nil
		}
		s.render(w, r, http.StatusBadRequest, pages.Compare(p))
		return
	}
	p.A, p.B = a, b
	p.Chrome.Title = a.Name + " vs " + b.Name
	p.Chrome.Canonical = s.absURL("/compare?" + url.Values{"a": {a.Slug}, "b": {b.Slug}}.Encode()) // the query picks the page
	for i := range max(len(a.Levels), len(b.Levels)) {
		row := pages.CompareRow{Rank: i + 1}
		if i < len(a.Levels) {
			row.A = &a.Levels[i]
		}
		if i < len(b.Levels) {
			row.B = &b.Levels[i]
		}
		p.Rows = append(p.Rows, row)
	}
	p.Common, p.OnlyA, p.OnlyB = career.CompareSkills(cat.Topics, a, b)
	p.Correlation = career.Correlation(a.Interests.Scores, b.Interests.Scores)
	s.render(w, r, http.StatusOK, pages.Compare(p))
}
