package server

import (
	"net/http"

	"careerguide/web/components"
	"careerguide/web/pages"
	"careerguide/web/section"

	"github.com/a-h/templ"
)

// quizShow is GET /careers/{slug}/quiz: the empty test, or with
// ?answers= (see quizDraftURL) the test as sent with answers missing: the
// given answers kept, each missing one marked, 422 (200 if none is missing).
func (s *server) quizShow(w http.ResponseWriter, r *http.Request) {
	nav, ok := s.careerNav(w, r, section.Quiz)
	if !ok {
		return
	}
	if q := r.URL.Query(); q.Has(draftParam) {
		items, missing, ok := parseDraft(q.Get(draftParam), s.catalog().Questions)
		if !ok || len(q[draftParam]) != 1 {
			s.errorPage(w, r, http.StatusBadRequest, "This link to the test is damaged",
				"We could not read the answers in it. Please open the test again from the guide and answer every statement.")
			return
		}
		page := s.quizPage(r, nav, items)
		page.Missing = missing
		status := http.StatusOK
		if missing > 0 {
			status = http.StatusUnprocessableEntity
		}
		s.render(w, r, status, pages.Quiz(page))
		return
	}
	s.renderCached(w, r, nav, func() templ.Component {
		qs := s.catalog().Questions
		items := make([]pages.QuizItem, len(qs))
		for i, q := range qs {
			items[i] = pages.QuizItem{ID: q.ID, Text: q.Text}
		}
		return pages.Quiz(s.quizPage(r, nav, items))
	})
}

// quizPage is the match test page with items, empty or as submitted.
func (s *server) quizPage(r *http.Request, nav components.CareerNav, items []pages.QuizItem) pages.QuizPage {
	return pages.QuizPage{
		Chrome: s.chrome(r, nav.Career.Name+" match test", "15 statements to see how well "+nav.Career.Name+" fits your interests."),
		Nav:    nav, Items: items,
	}
}
