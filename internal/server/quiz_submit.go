package server

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"careerguide/internal/career"
	"careerguide/internal/quiz"
	"careerguide/internal/store"
	"careerguide/web/components"
	"careerguide/web/pages"
	"careerguide/web/section"

	"github.com/jackc/pgx/v5/pgconn"
)

// randomID is 128 random bits, base64url without padding (22 characters).
func randomID() string {
	var b [16]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// quizSubmit is POST /careers/{slug}/quiz: the quick test started from a
// guide (see submitTest).
func (s *server) quizSubmit(w http.ResponseWriter, r *http.Request) {
	nav, ok := s.careerNav(w, r, section.Quiz)
	if !ok {
		return
	}
	s.submitTest(w, r, nav)
}

// matchSubmit is POST /match: the quick test for everyone.
func (s *server) matchSubmit(w http.ResponseWriter, r *http.Request) {
	s.submitTest(w, r, components.CareerNav{})
}

// submitTest validates the quick test's answers, scores them and stores
// the result with its counters in one transaction (the group-commit
// writer), then 303 to the result. Missing or out-of-range answers send
// the browser (303) to the form at quizDraftURL, which shows it again
// (422) with every given answer kept and a message beside each problem. A
// client network over QUIZ_RATE_LIMIT gets the filled form at once (429).
func (s *server) submitTest(w http.ResponseWriter, r *http.Request, nav components.CareerNav) {
	qs := s.quickQuestions()
	form, ok := s.parseForm(w, r, questionIDs(qs)...)
	if !ok {
		return
	}
	answers, items, missing := parseAnswers(form, qs, 0)
	page := func() pages.QuizPage { return s.quizPage(r, nav, items) }
	if missing > 0 {
		// Post/Redirect/Get: the form comes back from a GET that carries the
		// answers given (and answers 422), so no POST is left in the
		// browser's history for Back to resend.
		action := matchURL
		if nav.Career != nil {
			action = section.URL(nav.Career.Slug, section.Quiz)
		}
		http.Redirect(w, r, quizDraftURL(action, answers), http.StatusSeeOther)
		return
	}
	s.saveTest(w, r, nav.Career, "", answers, func(notice string, status int) {
		p := page()
		p.Notice = notice
		s.render(w, r, status, pages.Quiz(p))
	})
}

// questionIDs are the form field names of qs.
func questionIDs(qs []career.Question) []string {
	ids := make([]string, len(qs))
	for i, q := range qs {
		ids[i] = q.ID
	}
	return ids
}

// saveTest scores answers (to the first len(answers) statements) and
// stores them as a new result for guide (nil: the test for everyone), the
// level kept from levelKey when a refinement continues a result, then 303
// to the result. again shows the form again with a notice when nothing
// could be stored.
func (s *server) saveTest(w http.ResponseWriter, r *http.Request, guide *career.Career, levelKey string, answers []int, again func(notice string, status int)) {
	cat := s.catalog()
	if retry, over := s.overLimit(w, r, limitCheck{s.limits.quiz, s.clientNetwork(r)}); over {
		again("Many tests were sent from your network in the last minute, so we did not save this one. Your answers are still filled in below: please wait "+retry+" seconds, then send them again.", http.StatusTooManyRequests)
		return
	}
	out, err := quiz.Assess(cat.Items[:len(answers)], answers, cat.QuickQuestions(), quiz.ONetReliability())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	res := &store.Result{
		ID: store.NewResultID(time.Now()), Answers: answers, Scores: out.Scores,
		Holland: quiz.HollandCode(out.Scores), Flat: out.Verdict.Guarded(), Layout: out.Layout,
		Alpha: out.Alpha, LevelKey: levelKey,
	}
	if !res.Flat {
		res.TopOccupation = bestOccupation(cat, out.Scores)
	}
	// Every result still adds to the running sums of its layout (the
	// Libraries' last-change time rests on them).
	if res.Moments, err = quiz.MomentVector(cat.Items[:len(answers)], answers); err != nil {
		s.serverError(w, r, err)
		return
	}
	complete := false
	if guide != nil {
		res.CareerSlug = guide.Slug
		res.Match = quiz.Match(out.Scores, guide.Interests.Scores)
		if l := s.currentLevel(r.Context(), guide); l != nil && levelKey == "" {
			res.LevelKey = l.Key
		}
		// The percentile among earlier results, from counters at most
		// libraryTTL old; and whether the groups the result joins still
		// count clients (they only gain them, so old counters never say so
		// wrongly).
		if lib, err := s.counters.counters(r.Context(), guide.Slug, false, s.loadLibrary); err == nil {
			res.Percentile = quiz.Percentile(lib.Histogram, res.Match)
			complete = lib.ClientsComplete(res.Match, res.GuideCode(), res.LevelKey)
		}
	} else {
		complete = true
	}
	if site, err := s.counters.counters(r.Context(), store.SiteScope, false, s.loadSiteLibrary); err != nil || !site.SiteClientsComplete(res.Flat, res.Holland, res.TopOccupation) {
		complete = false
	}
	res.UserID, err = s.account(r.Context())
	if err == nil {
		// Every result counts its sender among the people of its
		// Libraries; the groups and live reliability only when they need it.
		var client []byte
		client, err = s.client(r.Context(), r)
		res.Sender = client
		if !complete {
			res.Client = client
		}
		if len(res.Alpha) > 0 {
			res.AlphaClient = client
		}
	}
	if err == nil {
		err = s.Results.Save(r.Context(), res)
	}
	if errors.Is(err, store.ErrNoUser) {
		// The account was deleted just now: sign out, keep the result anonymously.
		if err = s.signOut(r.Context()); err == nil {
			res.UserID = 0
			err = s.Results.Save(r.Context(), res)
		}
	}
	if err != nil {
		// Nothing was stored: show the filled form again so nothing typed is lost.
		if r.Context().Err() != nil {
			s.Logger.Info("save result: the client went away", "err", err)
		} else {
			s.Logger.Error("save result", "err", err)
		}
		status := http.StatusServiceUnavailable
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) {
			status = http.StatusInternalServerError
		}
		w.Header().Set("Retry-After", "5")
		again("We could not save your answers just now. They are still filled in below: please try again in a moment.", status)
		return
	}
	if guide != nil {
		s.counters.forgetCounters(guide.Slug)
	}
	s.counters.forgetCounters(store.SiteScope)
	if res.UserID == 0 {
		// Remember anonymous results so an account made later can claim them.
		s.rememberResult(w, r, res.ID)
	}
	seeOther(w, "/results/"+res.ID) // the id is base64url: safe as it is
}

// occupationIndex is the catalog's occupation profiles prepared for
// quiz.Nearest, made once per content snapshot and kept with it
// (career.Derived).
type occupationIndex struct {
	codes   []string
	nearest *quiz.Nearest
}

// occupationIndexKey keeps a catalog's occupationIndex with it.
type occupationIndexKey struct{}

func newOccupationIndex(cat *career.Catalog) *occupationIndex {
	idx := &occupationIndex{}
	var profiles []quiz.Profile
	for i := range cat.Occupations {
		if o := &cat.Occupations[i]; o.Interests != nil {
			idx.codes = append(idx.codes, o.Code)
			profiles = append(profiles, o.Interests.Scores)
		}
	}
	idx.nearest = quiz.NewNearest(profiles)
	return idx
}

// bestOccupation is the O*NET-SOC code of the occupation whose interest
// profile matches p best (quiz.Match) across the catalog; "" when no
// occupation has a profile. It runs on every submission, so the profiles
// are prepared once per content snapshot (quiz.Nearest: about 2 µs for
// the 1,016 occupations, against about 28 µs calling Match on each).
func bestOccupation(cat *career.Catalog, p quiz.Profile) string {
	idx := career.Derived(cat, occupationIndexKey{}, newOccupationIndex)
	if i, _ := idx.nearest.Best(p); i >= 0 {
		return idx.codes[i]
	}
	return ""
}

// draftParam is the query parameter of quizDraftURL.
const draftParam = "answers"

// quizDraftURL is the form at action with the answers given so far: one
// character a statement, the answer 1-5 or "-" for none, e.g.
// ?answers=45-3-----------. It ends at the list of unanswered statements.
func quizDraftURL(action string, answers []int) string {
	b := make([]byte, len(answers))
	for i, a := range answers {
		b[i] = '-'
		if a >= quiz.MinAnswer && a <= quiz.MaxAnswer {
			b[i] = byte('0' + a)
		}
	}
	return action + "?" + draftParam + "=" + string(b) + "#missing"
}

// parseDraft reads the answers of quizDraftURL back, as parseAnswers reads
// a form; ok is false when the value does not have that shape.
func parseDraft(v string, qs []career.Question) (items []pages.QuizItem, missing int, ok bool) {
	return parseDraftFrom(v, qs, 0)
}

// parseDraftFrom is parseDraft for statements numbered from first+1.
func parseDraftFrom(v string, qs []career.Question, first int) (items []pages.QuizItem, missing int, ok bool) {
	if len(v) != len(qs) {
		return nil, 0, false
	}
	items = emptyItems(qs, first)
	for i := range qs {
		switch c := v[i]; {
		case c == '-':
			items[i].Error = "Please choose an answer."
			missing++
		case c >= '0'+quiz.MinAnswer && c <= '0'+quiz.MaxAnswer:
			items[i].Answer = int(c - '0')
		default:
			return nil, 0, false
		}
	}
	return items, missing, true
}

// parseAnswers reads one answer (1..5) per statement from the form. Every
// valid answer is kept in items (numbered from first+1), each missing or
// invalid one gets a message.
func parseAnswers(form url.Values, qs []career.Question, first int) (answers []int, items []pages.QuizItem, missing int) {
	items = emptyItems(qs, first)
	answers = make([]int, len(qs))
	for i, q := range qs {
		v := strings.TrimSpace(form.Get(q.ID))
		n, err := strconv.Atoi(v)
		switch {
		case v == "":
			items[i].Error = "Please choose an answer."
			missing++
		case err != nil || n < quiz.MinAnswer || n > quiz.MaxAnswer:
			items[i].Error = "Please choose one of the five answers."
			missing++
		default:
			items[i].Answer, answers[i] = n, n
		}
	}
	return answers, items, missing
}
