package server

import (
	"compress/gzip"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"

	"careerguide/internal/career"
	"careerguide/internal/quiz"
	"careerguide/internal/store"
	"careerguide/web/components"
	"careerguide/web/pages"
	"careerguide/web/section"

	"github.com/go-chi/chi/v5"
)

// validResultID reports whether id has the shape of a result id, so
// garbage never reaches the database.
func validResultID(id string) bool {
	if len(id) != 22 {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// A result's percentile among earlier results is shown only when at least
// minPercentileBase results were stored before it; the page says how many,
// counted up to percentileCap.
const (
	minPercentileBase = 30
	percentileCap     = 10000
)

// resultShow is GET /results/{id}.
func (s *server) resultShow(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	if !validResultID(id) {
		s.notFound(w, r)
		return
	}
	// A stored result never changes: its page is rendered once per variant
	// and kept in a bounded cache. Whether the result still exists is asked
	// every time, so a deleted result is never served.
	cat := s.catalog()
	key := s.pageKey(r, nil)
	if p := s.cache.result(key); p != nil {
		exists, err := s.Store.ResultExists(r.Context(), id)
		switch {
		case err != nil:
			s.unavailable(w, r, err)
		case !exists:
			s.cache.dropResult(key)
			s.notFound(w, r)
		default:
			s.writeHTML(w, r, http.StatusOK, p.body, p.gz)
		}
		return
	}
	res, err := s.Store.Result(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	c, ok := cat.Career(res.CareerSlug)
	if !ok {
		s.notFound(w, r)
		return
	}
	earlier, err := s.Store.EarlierResults(r.Context(), res.CareerSlug, res.CreatedAt, percentileCap)
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	nav := components.CareerNav{Career: c, Section: section.Quiz, Path: r.URL.Path} // the page does not depend on the level
	p := pages.ResultPage{
		Chrome:     s.resultChrome(r, c.Name, int(math.Round(res.Match))),
		Nav:        nav,
		Match:      int(math.Round(res.Match)),
		Band:       quiz.Band(res.Match),
		Chart:      components.NewScoreChart("scores", c.Name, res.Scores, c.Interests.Scores),
		Scores:     res.Scores,
		Profile:    c.Interests.Scores,
		Holland:    res.Holland,
		Types:      cat.RIASEC,
		Percentile: res.Percentile,
		Earlier:    earlier, EarlierCap: percentileCap, MinEarlier: minPercentileBase,
		ShareURL: s.Config.BaseURL.String() + "/results/" + res.ID,
		TakenOn:  res.CreatedAt.UTC().Format("2 January 2006"),
		Links:    resultLinks(c, res.Match),
	}
	for _, letter := range res.Holland {
		for _, t := range cat.RIASEC {
			if t.Letter == string(letter) {
				p.Meanings = append(p.Meanings, t)
			}
		}
	}
	if ev, err := quiz.Evaluate(cat.Items, res.Answers, c.Interests.Scores); err == nil {
		p.Up, p.Down = movers(cat.Questions, res.Answers, ev.Contributions)
	}
	profiles := make([]quiz.Profile, len(cat.Careers))
	for i := range cat.Careers {
		profiles[i] = cat.Careers[i].Interests.Scores
	}
	for _, rk := range quiz.Rank(res.Scores, profiles) {
		p.Ranking = append(p.Ranking, pages.RankedCareer{Career: &cat.Careers[rk.Index], Match: int(math.Round(rk.Match))})
	}
	page, err := s.renderBytes(r, pages.Result(p), gzip.DefaultCompression)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.cache.putResult(key, page)
	s.writeHTML(w, r, http.StatusOK, page.body, page.gz)
}

// movers are the three answers that raised and lowered the match most.
func movers(qs []career.Question, answers []int, contribs []quiz.Contribution) (up, down []pages.Mover) {
	labels := pages.ScaleLabels()
	for _, c := range contribs {
		if math.Abs(c.Delta) < 0.5 {
			continue
		}
		m := pages.Mover{Statement: qs[c.Index].Text, Answer: labels[answers[c.Index]-1], Points: fmt.Sprintf("%+.1f", c.Delta), Up: c.Delta > 0}
		if m.Up && len(up) < 3 {
			up = append(up, m)
		} else if !m.Up && len(down) < 3 {
			down = append(down, m)
		}
	}
	return up, down
}

// resultLinks are the sections worth reading next for a match.
func resultLinks(c *career.Career, match float64) []pages.ResultLink {
	u := func(s section.Section) string { return components.SectionURL(c, s) }
	if match >= 65 {
		return []pages.ResultLink{
			{Label: "Career path", URL: u(section.Path), Why: "see where you would start and what each level asks"},
			{Label: "Skills and learning plan", URL: u(section.Skills), Why: "the skills to build first, with free resources"},
			{Label: "Salary", URL: u(section.Salary), Why: "what the levels pay"},
		}
	}
	return []pages.ResultLink{
		{Label: "Day in the life", URL: u(section.Day), Why: "check whether the daily work appeals to you"},
		{Label: "Myths and reality", URL: u(section.Myths), Why: "what the job is and is not"},
		{Label: "Interests and related reading", URL: u(section.Related), Why: "what " + strings.ToLower(c.HollandCode) + " interests mean and where to read more"},
	}
}

// resultChrome is the layout data of a result page: never indexed (a
// result is private to whoever has its link), and with Open Graph title and
// description for the link people share.
func (s *server) resultChrome(r *http.Request, career string, match int) components.Chrome {
	ch := s.chrome(r, fmt.Sprintf("%d%% match with %s", match, career), fmt.Sprintf(
		"A %d%% match with %s on careerguide's 15-statement interest test, with every tech career ranked by the same answers.", match, career))
	ch.NoIndex, ch.Share = true, true
	return ch
}
