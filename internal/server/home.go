package server

import (
	"net/http"
	"sort"
	"strings"

	"careerguide/internal/quiz"
	"careerguide/web/components"
	"careerguide/web/pages"
)

// home is the career catalog. ?letter= (a Holland letter) orders the
// careers by their score on that interest type, highest first, and shows
// the score; ?sort= orders by name or by official median pay (highest
// first), and ?sort=interest by the letter's score (the default with a
// letter).
func (s *server) home(w http.ResponseWriter, r *http.Request) {
	cat := s.catalog()
	q := r.URL.Query()
	letter, order := q.Get("letter"), q.Get("sort")
	idx := -1
	if letter != "" && len(letter) == 1 {
		idx = strings.Index(quiz.Letters, letter)
	}
	if order == "" {
		order = "name"
		if idx >= 0 {
			order = "interest"
		}
	}
	switch {
	case letter != "" && idx < 0:
		s.errorPage(w, r, http.StatusBadRequest, "We could not use that interest",
			"Choose one of the six Holland interest types: R, I, A, S, E or C.")
		return
	case order != "name" && order != "pay" && order != "interest":
		s.errorPage(w, r, http.StatusBadRequest, "We could not sort that way",
			"Sort the careers by name or by median pay, or choose an interest type to order them by.")
		return
	case order == "interest" && idx < 0:
		s.errorPage(w, r, http.StatusBadRequest, "Choose an interest first",
			"To order careers by interest, choose one of the six Holland interest types: R, I, A, S, E or C.")
		return
	}
	p := pages.HomePage{
		Chrome: s.chrome(r, "Tech career guides", "Career guides for tech jobs: pay at every level, skills, daily work and a match test."),
		All:    cat.Careers, Letter: letter, Sort: order, Types: cat.RIASEC, Data: &cat.OccupationData,
		Deleted: q.Get("account") == "deleted",
	}
	for i := range cat.Careers {
		c := &cat.Careers[i]
		card := pages.HomeCard{Career: c}
		if idx >= 0 {
			card.Score = c.Interests.Scores[idx]
		}
		p.Cards = append(p.Cards, card)
	}
	if idx >= 0 {
		for i := range cat.RIASEC {
			if cat.RIASEC[i].Letter == letter {
				p.Type = &cat.RIASEC[i]
			}
		}
	}
	sort.SliceStable(p.Cards, func(i, j int) bool {
		a, b := p.Cards[i], p.Cards[j]
		switch order {
		case "pay":
			if a.Career.MedianPay() != b.Career.MedianPay() {
				return a.Career.MedianPay() > b.Career.MedianPay()
			}
		case "interest":
			if a.Score != b.Score {
				return a.Score > b.Score
			}
		}
		return a.Career.Name < b.Career.Name
	})
	p.Finder = components.Finder{Count: len(cat.Occupations), Zones: []int{1, 2, 3, 4, 5}}
	for i := range cat.Occupations {
		if cat.Occupations[i].Wages != nil {
			p.Finder.WithPay++
		}
		if cat.Occupations[i].Projection != nil {
			p.Finder.WithProjection++
		}
	}
	s.render(w, r, http.StatusOK, pages.Home(p))
}
