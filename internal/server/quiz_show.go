package server

import (
	"net/http"
	"strconv"

	"careerguide/internal/career"
	"careerguide/web/components"
	"careerguide/web/pages"
	"careerguide/web/section"

	"github.com/a-h/templ"
)

// matchURL is the match test for everyone.
const matchURL = "/match"

// matchShow is GET /match: the quick test (15 statements) for everyone,
// kept as a rendered page; with ?answers= (see quizDraftURL) the test as
// sent with answers missing, 422.
func (s *server) matchShow(w http.ResponseWriter, r *http.Request) {
	s.showTest(w, r, components.CareerNav{})
}

// quizShow is GET /careers/{slug}/quiz: the same test, whose result leads
// with the guide's fit.
func (s *server) quizShow(w http.ResponseWriter, r *http.Request) {
	nav, ok := s.careerNav(w, r, section.Quiz)
	if !ok {
		return
	}
	s.showTest(w, r, nav)
}

// showTest is the quick test, empty (a kept page) or as sent with answers
// missing (?answers=: the given answers kept, each missing one marked,
// 422; 200 if none is missing).
func (s *server) showTest(w http.ResponseWriter, r *http.Request, nav components.CareerNav) {
	qs := s.quickQuestions()
	if s.draftShown(w, r, "Please open the test again and answer every statement.",
		func(v string) ([]pages.QuizItem, int, bool) { return parseDraft(v, qs) },
		func(items []pages.QuizItem) pages.QuizPage { return s.quizPage(r, nav, items) }) {
		return
	}
	s.renderCached(w, r, nav, func() templ.Component {
		return pages.Quiz(s.quizPage(r, nav, emptyItems(qs, 0)))
	})
}

// quickQuestions are the statements of the quick test (set 0, first).
func (s *server) quickQuestions() []career.Question {
	cat := s.catalog()
	return cat.Questions[:cat.QuickQuestions()]
}

// emptyItems are the statements qs on a form, numbered from first+1.
// draftShown answers a test form sent back with answers missing
// (?answers=, see parseDraft): the given answers kept and each missing one
// marked, 422 (200 if none is missing); 400 when the link is damaged, with
// again saying how to start over. It reports whether the request had one.
func (s *server) draftShown(w http.ResponseWriter, r *http.Request, again string,
	parse func(string) ([]pages.QuizItem, int, bool), page func([]pages.QuizItem) pages.QuizPage) bool {
	q := r.URL.Query()
	if !q.Has(draftParam) {
		return false
	}
	items, missing, ok := parse(q.Get(draftParam))
	if !ok || len(q[draftParam]) != 1 {
		s.errorPage(w, r, http.StatusBadRequest, "This link to the test is damaged", "We could not read the answers in it. "+again)
		return true
	}
	p := page(items)
	p.Missing = missing
	status := http.StatusOK
	if missing > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, pages.Quiz(p))
	return true
}

func emptyItems(qs []career.Question, first int) []pages.QuizItem {
	items := make([]pages.QuizItem, len(qs))
	for i, q := range qs {
		items[i] = pages.QuizItem{ID: q.ID, Text: q.Text, Number: first + i + 1}
	}
	return items
}

// quizPage is the quick test's page with items, empty or as submitted;
// nav.Career is nil for the test at /match.
func (s *server) quizPage(r *http.Request, nav components.CareerNav, items []pages.QuizItem) pages.QuizPage {
	n := strconv.Itoa(len(items))
	p := pages.QuizPage{
		Chrome: s.chrome(r, "What careers fit me? The match test", n+" statements about work you would enjoy, matched with every occupation O*NET describes."),
		Nav:    nav, Items: items, Action: matchURL, Total: len(s.catalog().Questions),
	}
	if nav.Career != nil {
		p.Chrome = s.chrome(r, nav.Career.Name+" match test", n+" statements to see how well "+nav.Career.Name+" fits your interests.")
		p.Action = components.SectionURL(nav.Career, section.Quiz)
	}
	return p
}
