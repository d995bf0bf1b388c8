package server

import (
	"errors"
	"net/http"
	"strconv"

	"careerguide/internal/career"
	"careerguide/internal/quiz"
	"careerguide/internal/store"
	"careerguide/web/pages"

	"github.com/go-chi/chi/v5"
)

// refineURL is the "Sharpen your result" form of a result.
func refineURL(id string) string { return "/results/" + id + "/refine" }

// refinable reads the result of the request's {id} that a refine round
// can continue: taken with the current statements and not yet with all of
// them. It answers 404 (no such result) or 409-like 400 pages itself and
// returns ok false then; next are the statements of the next round.
func (s *server) refinable(w http.ResponseWriter, r *http.Request) (res *store.Result, guide *career.Career, next []career.Question, ok bool) {
	id := chi.URLParam(r, "id")
	if !store.ValidResultID(id) {
		s.notFound(w, r)
		return nil, nil, nil, false
	}
	res, err := s.Store.Result(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return nil, nil, nil, false
	}
	if err != nil {
		s.unavailable(w, r, err)
		return nil, nil, nil, false
	}
	cat := s.catalog()
	n := len(res.Answers)
	if !currentLayout(cat, res) {
		s.errorPage(w, r, http.StatusBadRequest, "This result cannot be sharpened",
			"It was taken with the earlier statements of the test. Take the test again to answer the current ones.")
		return nil, nil, nil, false
	}
	if n >= len(cat.Questions) {
		s.errorPage(w, r, http.StatusBadRequest, "This result is as sharp as it gets",
			"It already answers all "+strconv.Itoa(len(cat.Questions))+" statements of the test.")
		return nil, nil, nil, false
	}
	if res.CareerSlug != "" {
		guide, _ = cat.Career(res.CareerSlug) // a guide removed since: go on without it
	}
	round := cat.QuickQuestions()
	return res, guide, cat.Questions[n:min(n+round, len(cat.Questions))], true
}

// currentLayout reports whether res answered the first statements of the
// current test (and not earlier statements).
func currentLayout(cat *career.Catalog, res *store.Result) bool {
	n := len(res.Answers)
	return n <= len(cat.Items) && res.Layout == quiz.Layout(cat.Items[:n])
}

// refineShow is GET /results/{id}/refine: the next 15 statements; with
// ?answers= the round as sent with answers missing (422).
func (s *server) refineShow(w http.ResponseWriter, r *http.Request) {
	res, _, next, ok := s.refinable(w, r)
	if !ok {
		return
	}
	first := len(res.Answers)
	if s.draftShown(w, r, "Please open \u201cSharpen your result\u201d again from your result.",
		func(v string) ([]pages.QuizItem, int, bool) { return parseDraftFrom(v, next, first) },
		func(items []pages.QuizItem) pages.QuizPage { return s.refinePage(r, res, items) }) {
		return
	}
	s.render(w, r, http.StatusOK, pages.Quiz(s.refinePage(r, res, emptyItems(next, first))))
}

// refineSubmit is POST /results/{id}/refine: the next round's answers,
// stored with every earlier answer as a new result (303 to it).
func (s *server) refineSubmit(w http.ResponseWriter, r *http.Request) {
	res, guide, next, ok := s.refinable(w, r)
	if !ok {
		return
	}
	form, ok := s.parseForm(w, r, questionIDs(next)...)
	if !ok {
		return
	}
	answers, items, missing := parseAnswers(form, next, len(res.Answers))
	if missing > 0 {
		http.Redirect(w, r, quizDraftURL(refineURL(res.ID), answers), http.StatusSeeOther)
		return
	}
	all := append(append(make([]int, 0, len(res.Answers)+len(answers)), res.Answers...), answers...)
	s.saveTest(w, r, guide, res.LevelKey, all, func(notice string, status int) {
		p := s.refinePage(r, res, items)
		p.Notice = notice
		s.render(w, r, status, pages.Quiz(p))
	})
}

// refinePage is the form of one "Sharpen your result" round.
func (s *server) refinePage(r *http.Request, res *store.Result, items []pages.QuizItem) pages.QuizPage {
	cat := s.catalog()
	round := len(res.Answers) / max(1, cat.QuickQuestions())
	p := pages.QuizPage{
		Chrome: s.chrome(r, "Sharpen your result: round "+strconv.Itoa(round)+" of "+strconv.Itoa(len(cat.Questions)/max(1, cat.QuickQuestions())-1),
			strconv.Itoa(len(items))+" more statements to make your match test result more certain."),
		Items: items, Action: refineURL(res.ID), Round: round, Answered: len(res.Answers),
		Total: len(cat.Questions), ResultURL: "/results/" + res.ID,
	}
	p.Chrome.NoIndex = true
	return p
}
