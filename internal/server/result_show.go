package server

import (
	"compress/gzip"
	"errors"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"careerguide/internal/career"
	"careerguide/internal/quiz"
	"careerguide/internal/store"
	"careerguide/web/components"
	"careerguide/web/pages"
	"careerguide/web/section"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"
)

// A result's percentile among earlier results is shown only when at least
// minPercentileBase results were stored before it; the page says how many,
// counted up to percentileCap.
const (
	minPercentileBase = 30
	percentileCap     = 10000
)

// maxZone is the highest O*NET Job Zone; topOccupations is how many
// occupation groups the result page lists.
const (
	maxZone        = 5
	topOccupations = 12
	compareTop     = 5 // the top occupation groups a retake is compared on
	// liveReliabilityPeople is how many people the live reliability must
	// rest on before the stability figure uses it instead of O*NET's.
	liveReliabilityPeople = 200
)

// parseResultZone reads ?zone=N (1..5: occupations in Job Zone N, as
// O*NET's own lists do); 0 means any, as does an empty value (the form's
// "Any amount"). ok is false for any other value.
func parseResultZone(v url.Values) (zone int, ok bool) {
	z, present := v["zone"]
	if !present || len(z) == 1 && z[0] == "" {
		return 0, true
	}
	if len(z) != 1 || len(z[0]) != 1 || z[0][0] < '1' || z[0][0] > '0'+maxZone {
		return 0, false
	}
	return int(z[0][0] - '0'), true
}

// resultShow is GET /results/{id}.
func (s *server) resultShow(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	if !store.ValidResultID(id) {
		s.notFound(w, r)
		return
	}
	zone, ok := parseResultZone(r.URL.Query())
	if !ok {
		s.errorPage(w, r, http.StatusBadRequest, "We could not use that filter", "Choose how much preparation you are willing to do: Job Zone 1 to 5, or any.")
		return
	}
	// A stored result never changes: its page is rendered once per variant
	// (and Job Zone filter) and kept in a bounded cache. Whether the result
	// still exists is asked every time, so a deleted result is never served.
	// The person who took it may see their previous result beside it: that
	// render is personal, so it is never cached, and a request that may be
	// theirs (the id in their results cookie, or signed in) skips the cache.
	key := s.pageKey(r, nil)
	if zone != 0 {
		key.path += "?zone=" + strconv.Itoa(zone)
	}
	kept := s.kept().results
	mine := s.anonymousResults(r)
	if slices.Contains(mine, id) || s.isSignedIn(r) {
		c, personal, ok := s.resultView(w, r, id, zone, mine)
		switch {
		case !ok:
		case personal:
			w.Header().Set("Cache-Control", "private, no-store")
			s.render(w, r, http.StatusOK, c)
		default: // nothing of theirs to show beside it: the page everyone sees
			serveKept(s, w, r, kept, key, gzip.DefaultCompression, func() (templ.Component, bool) { return c, true })
		}
		return
	}
	exists, err := s.Stored.Exists(r.Context(), id)
	switch {
	case err != nil:
		s.unavailable(w, r, err)
		return
	case !exists:
		kept.drop(key)
		s.notFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", cacheRevalidate)
	serveKept(s, w, r, kept, key, gzip.DefaultCompression, func() (templ.Component, bool) {
		c, _, ok := s.resultView(w, r, id, zone, nil)
		return c, ok
	})
}

// resultView is the page of result id; with mine (the results of the
// person asking), their previous result for the same guide is shown
// beside it, and personal is true. ok is false when it answered the
// request itself (404, 503).
func (s *server) resultView(w http.ResponseWriter, r *http.Request, id string, zone int, mine []string) (c templ.Component, personal, ok bool) {
	cat := s.catalog()
	res, err := s.Store.Result(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return nil, false, false
	}
	if err != nil {
		s.unavailable(w, r, err)
		return nil, false, false
	}
	var guide *career.Career
	if res.CareerSlug != "" {
		var found bool
		if guide, found = cat.Career(res.CareerSlug); !found {
			s.notFound(w, r)
			return nil, false, false
		}
	}
	var prev *store.Result
	if mine != nil || s.isSignedIn(r) {
		prev, err = s.previousResult(r, res, mine)
		if err != nil {
			s.unavailable(w, r, err)
			return nil, false, false
		}
	}
	earlier := 0
	if guide != nil {
		if earlier, err = s.Store.EarlierResults(r.Context(), res.CareerSlug, res.CreatedAt, percentileCap); err != nil {
			s.unavailable(w, r, err)
			return nil, false, false
		}
	}
	p := s.resultPage(r, cat, guide, res, earlier, zone, s.reliability(r))
	if prev != nil {
		p.Previous = comparison(cat, prev, res)
	}
	return pages.Result(p), prev != nil, true
}

// previousResult is the requester's result for the same guide before res
// when res is theirs (its id in their results cookie, or their account's),
// or nil.
func (s *server) previousResult(r *http.Request, res *store.Result, mine []string) (*store.Result, error) {
	user, err := s.account(r.Context())
	if err != nil {
		return nil, err
	}
	if !slices.Contains(mine, res.ID) && (user == 0 || res.UserID != user) {
		return nil, nil
	}
	prev, err := s.Store.PreviousResult(r.Context(), res.CareerSlug, res.ID, res.CreatedAt, user, mine)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	return prev, err
}

// reliability is the statement reliability the stability figures use:
// careerguide's own once its live figures for the quick test rest on
// liveReliabilityPeople people, O*NET's scaled by Spearman-Brown before
// (and when the figures cannot be read).
func (s *server) reliability(r *http.Request) quiz.Reliability {
	cat := s.catalog()
	items := cat.Items[:cat.QuickQuestions()]
	m, err := s.Store.AlphaMoments(r.Context(), quiz.Layout(items), len(items))
	if err != nil {
		s.Logger.Warn("live reliability", "err", err)
		return quiz.ONetReliability()
	}
	if rel, ok := quiz.LiveReliability(items, m, liveReliabilityPeople); ok {
		return rel
	}
	return quiz.ONetReliability()
}

// resultPage is the view model of a result: what anyone with its link
// sees (the comparison with a previous result is added by the caller).
// c is the guide the test was started from, nil for /match.
func (s *server) resultPage(r *http.Request, cat *career.Catalog, c *career.Career, res *store.Result, earlier, zone int, rel quiz.Reliability) pages.ResultPage {
	current := currentLayout(cat, res)
	var items []quiz.Item
	var verdict quiz.Verdict
	if current {
		items = cat.Items[:len(res.Answers)]
		verdict, _, _ = quiz.Check(items, res.Answers, quiz.ONetReliability())
	} else {
		// Taken with the earlier statements: shown by the rule it was
		// shown with then (six scores within quiz.FlatSpread).
		items, _ = quiz.ItemsFromLayout(res.Layout)
		verdict = quiz.Verdict{Spread: quiz.Spread(res.Scores), Threshold: quiz.FlatSpread}
		if quiz.Flat(res.Scores) {
			verdict.Guard = quiz.GuardNoise
		}
	}
	noise := rel.Noise(quiz.TypeCounts(items))
	p := pages.ResultPage{
		Chrome:     s.resultChrome(r, c, verdict.Guarded()),
		Guide:      c,
		Verdict:    verdict,
		Scores:     res.Scores,
		Types:      cat.RIASEC,
		Answered:   len(res.Answers),
		Total:      len(cat.Questions),
		Legacy:     !current,
		Percentile: res.Percentile,
		Earlier:    earlier, EarlierCap: percentileCap, MinEarlier: minPercentileBase,
		ShareURL:        s.Config.BaseURL.String() + "/results/" + res.ID,
		ResultURL:       "/results/" + res.ID,
		TakenOn:         res.CreatedAt.UTC().Format("2 January 2006"),
		Zone:            zone,
		Zones:           cat.OccupationData.JobZones,
		Data:            &cat.OccupationData,
		AllNeutral:      allNeutral(res.Answers),
		HowItWorks:      howTheTestWorksURL,
		RetakeURL:       matchURL,
		OccupationsN:    len(cat.Occupations),
		LiveReliability: rel.Live, ReliabilityPeople: rel.People,
	}
	if current && len(res.Answers) < len(cat.Questions) {
		p.SharpenURL = refineURL(res.ID)
	}
	if c != nil {
		p.Nav = components.CareerNav{Career: c, Section: section.Quiz, Path: r.URL.Path} // the page does not depend on the level
		p.Chart = components.NewScoreChart("scores", c.Name, res.Scores, c.Interests.Scores)
		p.Profile = c.Interests.Scores
		p.RetakeURL = components.SectionURL(c, section.Quiz)
	}
	if verdict.Guarded() {
		if c != nil {
			p.Links = resultLinks(c, false) // a guarded result's fit says nothing: read about the work instead
		}
		return p
	}
	p.Code = quiz.TiedCode(res.Scores, noise)
	p.CodeText = quiz.CodeText(p.Code)
	for _, g := range p.Code {
		for _, letter := range string(g) {
			for _, t := range cat.RIASEC {
				if t.Letter == string(letter) {
					p.Meanings = append(p.Meanings, t)
				}
			}
		}
	}
	p.Stability = quiz.InTen(quiz.Stability(res.Scores, noise, rel.ScaleReliability(quiz.TypeCounts(items)), p.Code[0], quiz.Seed(res.Answers)))
	p.Occupations, p.Rated = cat.OccupationFits(res.Scores, zone)
	if len(p.Occupations) > topOccupations {
		p.Occupations = p.Occupations[:topOccupations]
	}
	p.Guides = cat.GuideFits(res.Scores, zone)
	if c != nil {
		p.GuideR = quiz.Correlation(res.Scores, c.Interests.Scores)
		p.GuideFit = quiz.FitOf(p.GuideR)
		p.Links = resultLinks(c, p.GuideFit >= quiz.GoodFit)
		if current && p.GuideFit >= quiz.GoodFit {
			p.Up, p.Down = career.Movers(cat.RIASEC, c, cat.Questions[:len(res.Answers)], items, res.Answers)
		}
	}
	return p
}

// howTheTestWorksURL is the page that explains the test.
const howTheTestWorksURL = "/how-the-test-works"

func allNeutral(answers []int) bool {
	for _, a := range answers {
		if a != (quiz.MinAnswer+quiz.MaxAnswer)/2 {
			return false
		}
	}
	return true
}

// comparison sets a previous result of the same person and guide beside
// res: the change on each interest type and in the top occupations.
func comparison(cat *career.Catalog, prev, res *store.Result) *pages.Comparison {
	cmp := &pages.Comparison{
		URL: "/results/" + prev.ID, TakenOn: prev.CreatedAt.UTC().Format("2 January 2006, 15:04 UTC"),
		Holland: prev.Holland,
		WasFlat: flatResult(cat, prev), IsFlat: flatResult(cat, res),
	}
	for i, t := range cat.RIASEC {
		if i >= len(res.Scores) {
			break
		}
		d := res.Scores[i] - prev.Scores[i]
		cmp.Rows = append(cmp.Rows, pages.ChangeRow{
			Type: t.Name, Before: components.TwoDecimals(prev.Scores[i]), After: components.TwoDecimals(res.Scores[i]),
			Change: signed(d), Large: math.Abs(d) > normalChange,
		})
	}
	if cmp.WasFlat || cmp.IsFlat {
		return cmp
	}
	before, _ := cat.OccupationFits(prev.Scores, 0)
	after, _ := cat.OccupationFits(res.Scores, 0)
	titles := func(gs []career.OccupationFit) []string {
		var out []string
		for _, g := range gs[:min(compareTop, len(gs))] {
			for _, o := range g.Occupations {
				out = append(out, o.Title)
			}
		}
		return out
	}
	b, a := titles(before), titles(after)
	for _, t := range a {
		if !slices.Contains(b, t) {
			cmp.Entered = append(cmp.Entered, t)
		}
	}
	for _, t := range b {
		if !slices.Contains(a, t) {
			cmp.Left = append(cmp.Left, t)
		}
	}
	cmp.SameTop = slices.Equal(a, b)
	cmp.Top = compareTop
	return cmp
}

// flatResult reports whether a stored result's answers did not separate
// interests, by the rule of its statements.
func flatResult(cat *career.Catalog, res *store.Result) bool {
	if !currentLayout(cat, res) {
		return quiz.Flat(res.Scores)
	}
	v, _, err := quiz.Check(cat.Items[:len(res.Answers)], res.Answers, quiz.ONetReliability())
	return err != nil || v.Guarded()
}

// normalChange is the change on one interest type, in points on the 1-7
// scale, that two answers a step apart can make (our estimate from the
// test's arithmetic: one step is 1.5 points divided among a type's 2 or 3
// statements, 0.5-0.75 a step).
const normalChange = 1.5

// signed formats a change with its sign and two decimals, like the scores:
// "+0.75", "−1.50", "0.00".
func signed(d float64) string {
	s := strconv.FormatFloat(math.Abs(d), 'f', 2, 64)
	switch {
	case s == "0.00":
		return s
	case d > 0:
		return "+" + s
	}
	return "\u2212" + s
}

// resultLinks are the sections of guide c worth reading next.
func resultLinks(c *career.Career, fits bool) []pages.ResultLink {
	u := func(s section.Section) string { return components.SectionURL(c, s) }
	if fits {
		return []pages.ResultLink{
			{Label: "Career path", URL: u(section.Path), Why: "see where you would start and what each level asks"},
			{Label: "Skills and learning plan", URL: u(section.Skills), Why: "the skills to build first, with free resources"},
			{Label: "Salary", URL: u(section.Salary), Why: "what the levels pay"},
		}
	}
	return []pages.ResultLink{
		{Label: "Day in the life", URL: u(section.Day), Why: "check whether the daily work appeals to you"},
		{Label: "Myths and reality", URL: u(section.Myths), Why: "what the job is and is not"},
	}
}

// resultChrome is the layout data of a result page: never indexed (a
// result is private to whoever has its link), and with Open Graph title and
// description for the link people share.
func (s *server) resultChrome(r *http.Request, c *career.Career, guarded bool) components.Chrome {
	ch := s.chrome(r, "What careers fit me: a match test result",
		"A result of careerguide's match test: the occupations whose interests fit the answers, in bands, with how certain the result is.")
	if c != nil {
		ch = s.chrome(r, "Match test result from "+c.Name,
			"A result of careerguide's match test taken from the "+c.Name+" guide: how the guide fits, and every occupation ranked by the same answers.")
	}
	if guarded {
		ch.Description = "A result of careerguide's match test whose answers do not separate one interest from another, so it ranks no occupation."
	}
	ch.NoIndex, ch.Share = true, true
	return ch
}
