package server

import (
	"compress/gzip"
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"careerguide/internal/career"
	"careerguide/internal/store"
	"careerguide/web/pages"
	"careerguide/web/section"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"
)

// Session keys of the plan: skillPrefix+career+"/"+skill holds a skill's
// mark, paceKey the hours a week (int64).
const (
	skillPrefix = "skill/"
	paceKey     = "pace"
)

func skillKey(ref career.SkillRef) string { return skillPrefix + ref.Career + "/" + ref.Skill }

// sessionMarks are the skill marks kept in this session.
func (s *server) sessionMarks(ctx context.Context) career.Marks {
	m := career.Marks{}
	for _, k := range s.sessions.Keys(ctx) {
		rest, ok := strings.CutPrefix(k, skillPrefix)
		if !ok {
			continue
		}
		slug, skill, ok := strings.Cut(rest, "/")
		if st, valid := career.ParseStatus(s.sessions.GetString(ctx, k)); ok && valid {
			m[career.SkillRef{Career: slug, Skill: skill}] = st
		}
	}
	return m
}

// sessionPace is the hours a week set in this session, or 0.
func (s *server) sessionPace(ctx context.Context) int {
	return int(s.sessions.GetInt64(ctx, paceKey))
}

// pace is the hours a week the plan's estimates use.
func (s *server) pace(ctx context.Context) int {
	if p := s.sessionPace(ctx); p >= career.MinPace && p <= career.MaxPace {
		return p
	}
	return career.DefaultPace
}

// progress is what the person's marks say about every skill.
func (s *server) progress(ctx context.Context) career.Progress {
	return career.NewProgress(s.catalog(), s.sessionMarks(ctx))
}

// hasPlanData reports whether the session holds marks or a pace: pages
// that show them are then rendered per request, never cached (the cache's
// variant holds only the level and the signed-in state).
func (s *server) hasPlanData(ctx context.Context) bool {
	if !s.hasSession(ctx) {
		return false
	}
	if s.sessionPace(ctx) != 0 {
		return true
	}
	for _, k := range s.sessions.Keys(ctx) {
		if strings.HasPrefix(k, skillPrefix) {
			return true
		}
	}
	return false
}

// startsSession checks the new-session limit for a request that will
// create a session; false when it answered 429.
func (s *server) startsSession(w http.ResponseWriter, r *http.Request, what string) bool {
	if s.sessions.Token(r.Context()) != "" {
		return true
	}
	if retry, over := s.overLimit(w, r, limitCheck{s.limits.newSession, s.clientNetwork(r)}); over {
		s.errorPage(w, r, http.StatusTooManyRequests, "Too many new visits",
			"Many new visits came from your network in a short time, so we did not keep "+what+". Please wait "+retry+" seconds, then try again.")
		return false
	}
	return true
}

// saveForAccount runs save for the signed-in account, if any. An account
// deleted meanwhile leaves a signed-out session that keeps the change.
func (s *server) saveForAccount(w http.ResponseWriter, r *http.Request, save func(uid int64) error) bool {
	uid, err := s.account(r.Context())
	if err == nil && uid != 0 {
		err = save(uid)
		if errors.Is(err, store.ErrNoUser) {
			err = s.signOut(r.Context())
		}
	}
	if err != nil {
		s.unavailable(w, r, err)
		return false
	}
	return true
}

// skillProgress is POST /careers/{slug}/skills/{skill}/progress:
// status=known, learning or skip marks the skill, status= (empty) clears
// the mark; then 303 back to next. Any other status is 422 with the skill
// page, and changes nothing.
func (s *server) skillProgress(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r, "status", "next")
	if !ok {
		return
	}
	nav, ok := s.careerNav(w, r, section.Skills)
	if !ok {
		return
	}
	sk := nav.Career.Skill(chi.URLParam(r, "skill"))
	if sk == nil {
		s.notFound(w, r)
		return
	}
	if !form.Has("status") {
		s.errorPage(w, r, http.StatusBadRequest, "We could not read that form", "Please use the buttons on the skill's page to mark it.")
		return
	}
	raw := form.Get("status")
	st, valid := career.ParseStatus(raw)
	if raw != "" && !valid {
		nav.Path = section.SkillURL(nav.Career.Slug, sk.Slug)
		p := s.skillPage(r, nav, sk)
		p.Error = "“" + raw + "” is not a mark we know. Choose I know this, Learning or Skip."
		w.Header().Set("Cache-Control", "no-store")
		s.render(w, r, http.StatusUnprocessableEntity, pages.SkillShow(p))
		return
	}
	if !s.startsSession(w, r, "your mark") {
		return
	}
	ref := career.SkillRef{Career: nav.Career.Slug, Skill: sk.Slug}
	if !s.saveForAccount(w, r, func(uid int64) error { return s.Store.SetUserSkill(r.Context(), uid, ref, st) }) {
		return
	}
	if st == "" {
		s.sessions.Remove(r.Context(), skillKey(ref))
	} else {
		s.sessions.Put(r.Context(), skillKey(ref), string(st))
	}
	seeOther(w, safeRedirect(form.Get("next"), section.SkillURL(nav.Career.Slug, sk.Slug)))
}

// paceSet is POST /plan/pace: hours=1..40 sets the hours a week the plan
// assumes; then 303 back to next. Anything else is 422 with the plan page,
// the typed value kept, and the previous pace unchanged.
func (s *server) paceSet(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r, "hours", "next")
	if !ok {
		return
	}
	if !form.Has("hours") {
		s.errorPage(w, r, http.StatusBadRequest, "We could not read that form", "Please set your hours a week on the plan page.")
		return
	}
	raw := form.Get("hours")
	hours, err := strconv.Atoi(strings.TrimSpace(raw))
	if err != nil || hours < career.MinPace || hours > career.MaxPace {
		p := s.planPage(r)
		p.PaceValue = raw
		p.PaceError = "Enter the hours a week as a whole number from 1 to 40."
		s.render(w, r, http.StatusUnprocessableEntity, pages.Plan(p))
		return
	}
	if !s.startsSession(w, r, "your pace") {
		return
	}
	if !s.saveForAccount(w, r, func(uid int64) error { return s.Store.SetUserPace(r.Context(), uid, hours) }) {
		return
	}
	s.sessions.Put(r.Context(), paceKey, int64(hours))
	seeOther(w, safeRedirect(form.Get("next"), section.PlanURL))
}

// planShow is GET /plan: every guide where the person set a level. The
// page is a function of the content and the session values planState
// lists, so a render is kept per state: a reload, or another person at the
// same levels with the same marks, gets the kept bytes.
func (s *server) planShow(w http.ResponseWriter, r *http.Request) {
	serveKept(s, w, r, s.kept().plans, s.planState(r), gzip.DefaultCompression, func() (templ.Component, bool) {
		return pages.Plan(s.planPage(r)), true
	})
}

// planState is every session value the plan page shows: whether the
// person is signed in, and the levels, skill marks and pace, as
// "key=value" lines in key order.
func (s *server) planState(r *http.Request) string {
	ctx := r.Context()
	var b strings.Builder
	if s.isSignedIn(r) {
		b.WriteString("signed-in\n")
	}
	for _, k := range s.sessions.Keys(ctx) { // sorted
		switch {
		case k == paceKey:
			b.WriteString(k + "=" + strconv.FormatInt(s.sessions.GetInt64(ctx, k), 10) + "\n")
		case strings.HasPrefix(k, levelPrefix), strings.HasPrefix(k, skillPrefix):
			b.WriteString(k + "=" + s.sessions.GetString(ctx, k) + "\n")
		}
	}
	return b.String()
}

func (s *server) planPage(r *http.Request) pages.PlanPage {
	ctx := r.Context()
	pace := s.pace(ctx)
	p := pages.PlanPage{
		Chrome: s.chrome(r, "My plan", "Your progress toward the next level in every guide where you set your level."),
		Pace:   pace, PaceValue: strconv.Itoa(pace),
	}
	prog := s.progress(ctx)
	cat := s.catalog()
	for i := range cat.Careers {
		c := &cat.Careers[i]
		if cur := s.currentLevel(ctx, c); cur != nil {
			p.Guides = append(p.Guides, pages.PlanGuide{Career: c, Plan: c.PlanFor(cur, prog)})
		}
	}
	return p
}
