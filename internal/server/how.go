package server

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"careerguide/internal/quiz"
	"careerguide/web/pages"
)

// minAlphaPeople is the fewest people the How page shows the scales'
// Cronbach's alpha for: with fewer, it swings too much from one result to
// the next.
const minAlphaPeople = 50

// howItWorks is GET /how-the-test-works: every statement, the scoring,
// the guards and their thresholds, the fit bands, and each scale's live
// internal consistency (one result per client network per day) beside
// what O*NET's figures lead to expect.
func (s *server) howItWorks(w http.ResponseWriter, r *http.Request) {
	cat := s.catalog()
	quick := cat.QuickQuestions()
	p := pages.HowPage{
		Chrome: s.chrome(r, "How the match test works",
			"How careerguide's match test turns 15 to 60 answers into interest scores and fits, when it ranks nothing, and how reliable it is."),
		Statements: len(cat.Items), Quick: quick, MinPeople: minAlphaPeople, LivePeople: liveReliabilityPeople,
		OneSided: int(math.Round(quiz.OneSided * 100)), ItemSD: strconv.FormatFloat(quiz.ItemSD, 'f', 1, 64),
		BestFit: fmt.Sprintf("%.2f", quiz.BestFitR), GreatFit: fmt.Sprintf("%.2f", quiz.GreatFitR), GoodFit: fmt.Sprintf("%.2f", quiz.GoodFitR),
	}
	p.ONet, _ = cat.OccupationData.Source("onet")
	names := map[string]string{}
	for _, t := range cat.RIASEC {
		names[t.Letter] = t.Name
	}
	for i, q := range cat.Questions {
		set := "Quick test"
		if q.Set > 0 {
			set = "Sharpen, round " + strconv.Itoa(q.Set)
		}
		p.Items = append(p.Items, pages.HowStatement{Number: i + 1, Text: q.Text, Letter: q.Type, Type: names[q.Type], Set: set})
	}
	for t := range len(quiz.Letters) {
		p.ONetAlpha = append(p.ONetAlpha, names[quiz.Letters[t:t+1]]+" "+strings.TrimPrefix(fmt.Sprintf("%.2f", quiz.ONetAlpha10()[t]), "0"))
	}
	rel := quiz.ONetReliability()
	for n := quick; n <= len(cat.Items); n += quick {
		noise := rel.Noise(quiz.TypeCounts(cat.Items[:n]))
		lo, hi := math.Inf(1), 0.0
		for a := range noise {
			for b := range a {
				t := quiz.NoiseZ * math.Hypot(noise[a], noise[b])
				lo, hi = min(lo, t), max(hi, t)
			}
		}
		p.Thresholds = append(p.Thresholds, pages.HowThreshold{Statements: n, From: fmt.Sprintf("%.2f", lo), To: fmt.Sprintf("%.2f", hi)})
	}
	// The live figures: the quick test's statements (every result answers
	// them) and all of them (results sharpened to the end).
	for _, n := range []int{quick, len(cat.Items)} {
		items := cat.Items[:n]
		m, err := s.Store.AlphaMoments(r.Context(), quiz.Layout(items), n)
		if err != nil {
			s.Logger.Warn("how page: reliability figures", "err", err)
			p.AlphaUnavailable = true
			break
		}
		table := pages.HowAlphaTable{Statements: n, People: m.N}
		counts := quiz.TypeCounts(items)
		for t := range len(quiz.Letters) {
			row := pages.HowScale{Letter: quiz.Letters[t : t+1], Name: names[quiz.Letters[t:t+1]], Statements: counts[t],
				ONet: fmt.Sprintf("%.2f", quiz.ONetAlpha10()[t]), Expected: fmt.Sprintf("%.2f", quiz.Expected(t, counts[t]))}
			if alpha, k, ok := quiz.Alpha(items, m, t); ok {
				row.Alpha = fmt.Sprintf("%.2f", alpha)
				if lo, hi, ok := quiz.Feldt(alpha, m.N, k); ok {
					row.Interval = fmt.Sprintf("%.2f to %.2f", lo, hi)
				}
			} else {
				row.Note = "answers do not vary yet"
			}
			table.Scales = append(table.Scales, row)
		}
		p.Alpha = append(p.Alpha, table)
	}
	p.LiveNow = s.reliability(r).Live
	s.render(w, r, http.StatusOK, pages.How(p))
}
