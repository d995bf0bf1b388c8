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

// idEncoding writes a result id's bits with the characters of base64url
// in their byte order, so ids sort as their bits do.
var idEncoding = base64.NewEncoding("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz").WithPadding(base64.NoPadding)

// newResultID is a result's id made at now: 128 bits in the characters of
// base64url (22, idEncoding), the first 48 the time in milliseconds and
// the other 80 random. Nobody guesses 80 random bits, and ids made later sort
// later, so a new result's key goes at the end of the primary key's index:
// with fully random ids each insert changed a random page of an index of a
// million keys, which PostgreSQL must also write whole to its log the first
// time after every checkpoint (the quiz POST ran 35-45 % faster in the
// bench with ordered ids).
func newResultID(now time.Time) string {
	var b [16]byte
	rand.Read(b[6:])
	ms := uint64(now.UnixMilli())
	for i := range 6 {
		b[i] = byte(ms >> (40 - 8*i))
	}
	return idEncoding.EncodeToString(b[:])
}

// quizSubmit is POST /careers/{slug}/quiz: validate the 15 answers, score,
// store the result with its counters in one transaction, 303 to the result.
// Missing or out-of-range answers send the browser (303) to the form at
// quizDraftURL, which shows it again (422) with every given answer kept and
// a message beside each problem. A client network over QUIZ_RATE_LIMIT
// gets the filled form at once (429).
func (s *server) quizSubmit(w http.ResponseWriter, r *http.Request) {
	cat := s.catalog()
	allowed := make([]string, len(cat.Questions))
	for i, q := range cat.Questions {
		allowed[i] = q.ID
	}
	form, ok := s.parseForm(w, r, allowed...)
	if !ok {
		return
	}
	nav, ok := s.careerNav(w, r, section.Quiz)
	if !ok {
		return
	}
	answers, items, missing := parseAnswers(form, cat.Questions)
	if missing > 0 {
		// Post/Redirect/Get: the form comes back from a GET that carries the
		// answers given (and answers 422), so no POST is left in the
		// browser's history for Back to resend.
		http.Redirect(w, r, quizDraftURL(nav.Career.Slug, answers), http.StatusSeeOther)
		return
	}
	if retry, over := s.overLimit(w, r, limitCheck{s.limits.quiz, s.clientNetwork(r)}); over {
		page := s.quizPage(r, nav, items)
		page.Notice = "Many tests were sent from your network in the last minute, so we did not save this one. Your answers are still filled in below: please wait " + retry + " seconds, then send them again."
		s.render(w, r, http.StatusTooManyRequests, pages.Quiz(page))
		return
	}

	ev, err := quiz.Evaluate(cat.Items, answers, nav.Career.Interests.Scores)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	res := &store.Result{
		ID: newResultID(time.Now()), CareerSlug: nav.Career.Slug, Answers: answers, Scores: ev.Scores,
		Match: ev.Match, Holland: ev.Holland, Flat: quiz.Flat(ev.Scores), Layout: quiz.Layout(cat.Items),
	}
	if !res.Flat {
		res.TopOccupation = s.bestOccupation(cat, ev.Scores)
	}
	if res.Moments, err = quiz.MomentVector(cat.Items, answers); err != nil {
		s.serverError(w, r, err)
		return
	}
	if l := s.currentLevel(r.Context(), nav.Career); l != nil {
		res.LevelKey = l.Key
	}
	// The percentile among earlier results, from counters at most libraryTTL
	// old; and whether the groups the result joins still count clients
	// (they only gain them, so old counters never say so wrongly).
	complete := false
	if lib, err := s.counters.counters(r.Context(), nav.Career.Slug, false, s.loadLibrary); err == nil {
		res.Percentile = quiz.Percentile(lib.Histogram, ev.Match)
		complete = lib.ClientsComplete(ev.Match, res.GuideCode(), res.LevelKey)
	}
	if site, err := s.counters.counters(r.Context(), store.SiteScope, false, s.loadSiteLibrary); err != nil || !site.SiteClientsComplete(res.Flat, res.Holland, res.TopOccupation) {
		complete = false
	}
	res.UserID, err = s.account(r.Context())
	if err == nil && !complete {
		res.Client, err = s.client(r.Context(), r)
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
		page := s.quizPage(r, nav, items)
		if r.Context().Err() != nil {
			s.Logger.Info("save result: the client went away", "err", err)
		} else {
			s.Logger.Error("save result", "err", err)
		}
		page.Notice = "We could not save your answers just now. They are still filled in below: please try again in a moment."
		status := http.StatusServiceUnavailable
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) {
			status = http.StatusInternalServerError
		}
		w.Header().Set("Retry-After", "5")
		s.render(w, r, status, pages.Quiz(page))
		return
	}
	s.counters.forgetCounters(nav.Career.Slug)
	s.counters.forgetCounters(store.SiteScope)
	if res.UserID == 0 {
		// Remember anonymous results so an account made later can claim them.
		s.rememberResult(w, r, res.ID)
	}
	seeOther(w, "/results/"+res.ID) // the id is base64url: safe as it is
}

// occupationIndex is the catalog's occupation profiles prepared for
// quiz.Nearest, built once per content version.
type occupationIndex struct {
	hash    string
	codes   []string
	nearest *quiz.Nearest
}

// bestOccupation is the O*NET-SOC code of the occupation whose interest
// profile matches p best (quiz.Match) across the catalog; "" when no
// occupation has a profile. It runs on every submission, so the profiles
// are prepared once per content version (quiz.Nearest: about 2 µs for
// the 1,016 occupations, against about 28 µs calling Match on each).
func (s *server) bestOccupation(cat *career.Catalog, p quiz.Profile) string {
	idx := s.occIndex.Load()
	if idx == nil || idx.hash != cat.Hash {
		idx = &occupationIndex{hash: cat.Hash}
		var profiles []quiz.Profile
		for i := range cat.Occupations {
			if o := &cat.Occupations[i]; o.Interests != nil {
				idx.codes = append(idx.codes, o.Code)
				profiles = append(profiles, o.Interests.Scores)
			}
		}
		idx.nearest = quiz.NewNearest(profiles)
		s.occIndex.Store(idx)
	}
	if i, _ := idx.nearest.Best(p); i >= 0 {
		return idx.codes[i]
	}
	return ""
}

// draftParam is the query parameter of quizDraftURL.
const draftParam = "answers"

// quizDraftURL is the test's page with the answers given so far: one
// character a statement, the answer 1-5 or "-" for none, e.g.
// ?answers=45-3-----------. It ends at the list of unanswered statements.
func quizDraftURL(slug string, answers []int) string {
	b := make([]byte, len(answers))
	for i, a := range answers {
		b[i] = '-'
		if a >= quiz.MinAnswer && a <= quiz.MaxAnswer {
			b[i] = byte('0' + a)
		}
	}
	return section.URL(slug, section.Quiz) + "?" + draftParam + "=" + string(b) + "#missing"
}

// parseDraft reads the answers of quizDraftURL back, as parseAnswers reads
// a form; ok is false when the value does not have that shape.
func parseDraft(v string, qs []career.Question) (items []pages.QuizItem, missing int, ok bool) {
	if len(v) != len(qs) {
		return nil, 0, false
	}
	items = make([]pages.QuizItem, len(qs))
	for i, q := range qs {
		items[i] = pages.QuizItem{ID: q.ID, Text: q.Text}
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
// valid answer is kept in items, each missing or invalid one gets a message.
func parseAnswers(form url.Values, qs []career.Question) (answers []int, items []pages.QuizItem, missing int) {
	items = make([]pages.QuizItem, len(qs))
	answers = make([]int, len(qs))
	for i, q := range qs {
		items[i] = pages.QuizItem{ID: q.ID, Text: q.Text}
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
