package server

import (
	"net/http"
	"sort"
	"strings"

	"careerguide/internal/career"
	"careerguide/internal/quiz"
	"careerguide/web/components"
	"careerguide/web/pages"
)

// home is the career catalog: ?letter= filters by a Holland letter, ?sort=
// orders by name, pay (median, highest first) or years to the top.
func (s *server) home(w http.ResponseWriter, r *http.Request) {
	cat := s.catalog()
	q := r.URL.Query()
	letter, order := q.Get("letter"), q.Get("sort")
	if order == "" {
		order = "name"
	}
	if (letter != "" && (len(letter) != 1 || !strings.Contains(quiz.Letters, letter))) ||
		(order != "name" && order != "pay" && order != "years") {
		s.errorPage(w, r, http.StatusBadRequest, "We could not use that filter",
			"Choose a Holland letter (R, I, A, S, E or C) and sort by name, pay or years.")
		return
	}
	list := make([]*career.Career, 0, len(cat.Careers))
	for i := range cat.Careers {
		if c := &cat.Careers[i]; letter == "" || strings.Contains(c.HollandCode, letter) {
			list = append(list, c)
		}
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		switch order {
		case "pay":
			if a.MedianPay() != b.MedianPay() {
				return a.MedianPay() > b.MedianPay()
			}
		case "years":
			if a.YearsToTop() != b.YearsToTop() {
				return a.YearsToTop() < b.YearsToTop()
			}
		}
		return a.Name < b.Name
	})
	s.render(w, r, http.StatusOK, pages.Home(pages.HomePage{
		Chrome:  s.chrome(r, "Tech career guides", "Career guides for tech jobs: pay at every level, skills, daily work and a match test."),
		Careers: list, Letter: letter, Sort: order, Types: cat.RIASEC,
		Deleted: q.Get("account") == "deleted",
		Finder:  components.Finder{Count: len(cat.Occupations), Zones: []int{1, 2, 3, 4, 5}},
	}))
}
