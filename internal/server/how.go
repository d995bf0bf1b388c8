package server

import (
	"fmt"
	"net/http"
	"strconv"

	"careerguide/internal/quiz"
	"careerguide/web/pages"
)

// minAlphaResults is the fewest stored results the How page shows the
// scales' Cronbach's alpha for: with fewer, it swings too much from one
// result to the next.
const minAlphaResults = 50

// howItWorks is GET /how-the-test-works: the test's statements, scoring
// and matching, and each scale's internal consistency from the running
// sums kept with the results (a few rows, whatever the number of results).
func (s *server) howItWorks(w http.ResponseWriter, r *http.Request) {
	cat := s.catalog()
	// The explanation stands without the figures: when the database does
	// not answer, the page says the figures are missing.
	m, err := s.Store.Moments(r.Context(), quiz.Layout(cat.Items), len(cat.Items))
	if err != nil {
		s.Logger.Warn("how page: reliability figures", "err", err)
	}
	p := pages.HowPage{
		Chrome: s.chrome(r, "How the match test works",
			"How careerguide's 15-statement match test turns answers into interest scores and a match, what a match means, and how reliable it is."),
		Statements: len(cat.Items), Results: m.N, MinResults: minAlphaResults,
		FlatSpread: strconv.FormatFloat(quiz.FlatSpread, 'f', -1, 64), AlphaUnavailable: err != nil,
	}
	p.ONet, _ = cat.OccupationData.Source("onet")
	for t := range len(quiz.Letters) {
		sc := pages.HowScale{Letter: quiz.Letters[t : t+1], Name: quiz.Letters[t : t+1]}
		for _, rt := range cat.RIASEC {
			if rt.Letter == sc.Letter {
				sc.Name = rt.Name
			}
		}
		for _, it := range cat.Items {
			if it.Type == t {
				sc.Statements++
				if it.Reverse {
					sc.Reverse++
				}
			}
		}
		alpha, k, ok := quiz.Alpha(cat.Items, m, t)
		switch {
		case ok:
			sc.Alpha = fmt.Sprintf("%.2f", alpha)
		case k < 2:
			sc.Note = "needs two statements or more"
		default:
			sc.Note = "answers do not vary yet"
		}
		p.Scales = append(p.Scales, sc)
	}
	s.render(w, r, http.StatusOK, pages.How(p))
}
