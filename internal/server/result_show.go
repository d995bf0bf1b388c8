package server

import (
	"compress/gzip"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"careerguide/internal/career"
	"careerguide/internal/quiz"
	"careerguide/internal/store"
	"careerguide/web/components"
	"careerguide/web/pages"
	"careerguide/web/section"

	"github.com/a-h/templ"
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

// maxZone is the highest O*NET Job Zone; topOccupations is how many
// occupation groups the result page lists.
const (
	maxZone        = 5
	topOccupations = 10
	compareTop     = 5 // the top occupation groups a retake is compared on
)

// parseResultZone reads ?zone=N (1..5: occupations that need at most Job
// Zone N's preparation); 0 means any, as does an empty value (the form's
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
	if !validResultID(id) {
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
	guide, found := cat.Career(res.CareerSlug)
	if !found {
		s.notFound(w, r)
		return nil, false, false
	}
	var prev *store.Result
	if mine != nil || s.isSignedIn(r) {
		prev, err = s.previousResult(r, res, mine)
		if err != nil {
			s.unavailable(w, r, err)
			return nil, false, false
		}
	}
	earlier, err := s.Store.EarlierResults(r.Context(), res.CareerSlug, res.CreatedAt, percentileCap)
	if err != nil {
		s.unavailable(w, r, err)
		return nil, false, false
	}
	p := s.resultPage(r, cat, guide, res, earlier, zone)
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

// resultPage is the view model of a result: what anyone with its link
// sees (the comparison with a previous result is added by the caller).
func (s *server) resultPage(r *http.Request, cat *career.Catalog, c *career.Career, res *store.Result, earlier, zone int) pages.ResultPage {
	match := int(math.Round(res.Match))
	flat := quiz.Flat(res.Scores)
	nav := components.CareerNav{Career: c, Section: section.Quiz, Path: r.URL.Path} // the page does not depend on the level
	p := pages.ResultPage{
		Chrome:     s.resultChrome(r, c.Name, match, flat),
		Nav:        nav,
		Flat:       flat,
		Spread:     quiz.Spread(res.Scores),
		FlatSpread: quiz.FlatSpread,
		Match:      match,
		Band:       quiz.Band(res.Match),
		Chart:      components.NewScoreChart("scores", c.Name, res.Scores, c.Interests.Scores),
		Scores:     res.Scores,
		Profile:    c.Interests.Scores,
		Holland:    res.Holland,
		Types:      cat.RIASEC,
		Percentile: res.Percentile,
		Earlier:    earlier, EarlierCap: percentileCap, MinEarlier: minPercentileBase,
		ShareURL:     s.Config.BaseURL.String() + "/results/" + res.ID,
		ResultURL:    "/results/" + res.ID,
		TakenOn:      res.CreatedAt.UTC().Format("2 January 2006"),
		Links:        resultLinks(c, res.Match),
		Zone:         zone,
		Zones:        cat.OccupationData.JobZones,
		Data:         &cat.OccupationData,
		AllNeutral:   allNeutral(res.Answers),
		HowItWorks:   howTheTestWorksURL,
		RetakeURL:    components.SectionURL(c, section.Quiz),
		OccupationsN: len(cat.Occupations),
	}
	for _, letter := range res.Holland {
		for _, t := range cat.RIASEC {
			if t.Letter == string(letter) {
				p.Meanings = append(p.Meanings, t)
			}
		}
	}
	if flat {
		p.Links = resultLinks(c, 0) // a flat result's match says nothing: read about the work instead
		return p
	}
	if ev, err := quiz.Evaluate(cat.Items, res.Answers, c.Interests.Scores); err == nil {
		p.Up, p.Down = movers(cat, c, res.Answers, ev.Contributions)
	}
	p.Occupations, p.Rated = occupationGroups(cat, res.Scores, zone)
	if len(p.Occupations) > topOccupations {
		p.Occupations = p.Occupations[:topOccupations]
	}
	p.Guides = guideGroups(cat, res.Scores, zone)
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

// occupationGroups ranks every occupation with an O*NET interest profile
// that needs at most Job Zone zone's preparation (0: any), occupations with
// equal profiles as one group, best first; rated is how many occupations
// took part.
func occupationGroups(cat *career.Catalog, person quiz.Profile, zone int) (groups []pages.OccupationGroup, rated int) {
	var occs []*career.Occupation
	var profiles []quiz.Profile
	for i := range cat.Occupations {
		o := &cat.Occupations[i]
		if o.Interests == nil || (zone != 0 && (o.JobZone == 0 || o.JobZone > zone)) {
			continue
		}
		occs = append(occs, o)
		profiles = append(profiles, o.Interests.Scores)
	}
	for _, g := range quiz.RankGroups(person, profiles) {
		og := pages.OccupationGroup{Match: int(math.Round(g.Match))}
		for _, i := range g.Indices {
			og.Occupations = append(og.Occupations, occs[i])
		}
		groups = append(groups, og)
	}
	return groups, len(occs)
}

// guideGroups ranks the guides whose occupation needs at most Job Zone
// zone's preparation (0: any), guides with equal interest profiles (those
// written for one O*NET occupation) as one group, best first.
func guideGroups(cat *career.Catalog, person quiz.Profile, zone int) []pages.GuideGroup {
	var guides []*career.Career
	var profiles []quiz.Profile
	for i := range cat.Careers {
		c := &cat.Careers[i]
		if zone != 0 {
			o, ok := cat.Occupation(c.ONetCode)
			if !ok || o.JobZone == 0 || o.JobZone > zone {
				continue
			}
		}
		guides = append(guides, c)
		profiles = append(profiles, c.Interests.Scores)
	}
	var out []pages.GuideGroup
	for _, g := range quiz.RankGroups(person, profiles) {
		gg := pages.GuideGroup{Match: int(math.Round(g.Match))}
		for _, i := range g.Indices {
			gg.Guides = append(gg.Guides, guides[i])
		}
		if o, ok := cat.Occupation(gg.Guides[0].ONetCode); ok && len(gg.Guides) > 1 {
			same := true
			for _, c := range gg.Guides[1:] {
				same = same && c.ONetCode == o.Code
			}
			if same {
				gg.Occupation = o
			}
		}
		out = append(out, gg)
	}
	return out
}

// movers are the three answers that raised and lowered the match most,
// each said in words: which answer, which way, by how much against a
// Neutral answer to the same statement, and why when the career's profile
// explains it on its own.
func movers(cat *career.Catalog, c *career.Career, answers []int, contribs []quiz.Contribution) (up, down []pages.Mover) {
	labels := pages.ScaleLabels()
	var mean float64
	for _, v := range c.Interests.Scores {
		mean += v
	}
	mean /= float64(len(c.Interests.Scores))
	for _, ct := range contribs {
		if math.Abs(ct.Delta) < 0.5 {
			continue
		}
		q := cat.Questions[ct.Index]
		a := answers[ct.Index]
		t := strings.Index(quiz.Letters, q.Type)
		typeName := q.Type
		for _, rt := range cat.RIASEC {
			if rt.Letter == q.Type {
				typeName = rt.Name
			}
		}
		raised := ct.Delta > 0
		m := pages.Mover{Up: raised, Answer: labels[a-1], Statement: q.Text, Points: fmt.Sprintf("%.1f", math.Abs(ct.Delta))}
		m.Verb = "lowered"
		if raised {
			m.Verb = "raised"
		}
		if q.Reverse {
			m.Keying = "agreeing counts against " + typeName
		} else {
			m.Keying = "agreeing counts towards " + typeName
		}
		// An answer leaning towards the type raises the match when the
		// career scores the type above its own average, and lowers it when
		// below; leaning away, the other way round. When the correlation
		// moved otherwise (through the person's other scores), no reason
		// is given rather than a wrong one.
		towards := (a > 3) != q.Reverse
		high := c.Interests.Scores[t] > mean
		if t >= 0 && towards == raised == high {
			level := "low"
			if high {
				level = "high"
			}
			m.Reason = fmt.Sprintf("%s's O*NET profile scores %s on %s (%.2f, against an average of %.2f over its six types)", c.Name, level, typeName, c.Interests.Scores[t], mean)
		}
		if m.Up && len(up) < 3 {
			up = append(up, m)
		} else if !m.Up && len(down) < 3 {
			down = append(down, m)
		}
	}
	return up, down
}

// comparison sets a previous result of the same person and guide beside
// res: the change on each interest type and in the top occupations.
func comparison(cat *career.Catalog, prev, res *store.Result) *pages.Comparison {
	cmp := &pages.Comparison{
		URL: "/results/" + prev.ID, TakenOn: prev.CreatedAt.UTC().Format("2 January 2006, 15:04 UTC"),
		Match: int(math.Round(prev.Match)), Holland: prev.Holland,
		WasFlat: quiz.Flat(prev.Scores), IsFlat: quiz.Flat(res.Scores),
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
	before, _ := occupationGroups(cat, prev.Scores, 0)
	after, _ := occupationGroups(cat, res.Scores, 0)
	titles := func(gs []pages.OccupationGroup) []string {
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
func (s *server) resultChrome(r *http.Request, career string, match int, flat bool) components.Chrome {
	ch := s.chrome(r, fmt.Sprintf("%d%% match with %s", match, career), fmt.Sprintf(
		"A %d%% match with %s on careerguide's 15-statement interest test, with every O*NET occupation ranked by the same answers.", match, career))
	if flat {
		ch = s.chrome(r, "Match test result for "+career, fmt.Sprintf(
			"A result of careerguide's 15-statement interest test for %s whose answers do not separate one interest from another.", career))
	}
	ch.NoIndex, ch.Share = true, true
	return ch
}
