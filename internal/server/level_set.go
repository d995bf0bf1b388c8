package server

import (
	"errors"
	"net/http"

	"careerguide/internal/store"
	"careerguide/web/components"
	"careerguide/web/pages"
	"careerguide/web/section"
)

// levelSet is POST /careers/{slug}/level: level=<key> sets the person's
// level for the career, level= (empty) clears it; then 303 back to next.
// An unknown level is 422 with the path page and its message, and changes
// nothing.
func (s *server) levelSet(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r, "level", "next")
	if !ok {
		return
	}
	nav, ok := s.careerNav(w, r, section.Path)
	if !ok {
		return
	}
	if !form.Has("level") {
		s.errorPage(w, r, http.StatusBadRequest, "We could not read that form", "Please choose a level on the career path page.")
		return
	}
	key := form.Get("level")
	if key != "" && nav.Career.Level(key) == nil {
		nav.Path = components.SectionURL(nav.Career, section.Path)
		nav.PickerError = "There is no level called “" + key + "” on this career path. Choose one of the levels below."
		s.render(w, r, http.StatusUnprocessableEntity, pages.Path(s.pathPage(r, nav)))
		return
	}
	if s.sessions.Token(r.Context()) == "" { // this request starts a session
		if retry, over := s.overLimit(w, r, limitCheck{s.limits.newSession, s.clientNetwork(r)}); over {
			s.errorPage(w, r, http.StatusTooManyRequests, "Too many new visits",
				"Many new visits came from your network in a short time, so we did not keep your level. Please wait "+retry+" seconds, then choose it again.")
			return
		}
	}
	uid, err := s.account(r.Context())
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	if uid != 0 {
		err := s.Store.SetUserLevel(r.Context(), uid, nav.Career.Slug, key)
		if errors.Is(err, store.ErrNoUser) { // deleted just now: keep the level in a signed-out session
			err = s.signOut(r.Context())
		}
		if err != nil {
			s.unavailable(w, r, err)
			return
		}
	}
	if key == "" {
		s.sessions.Remove(r.Context(), levelKey(nav.Career.Slug))
	} else {
		s.sessions.Put(r.Context(), levelKey(nav.Career.Slug), key)
	}
	seeOther(w, safeRedirect(form.Get("next"), components.SectionURL(nav.Career, section.Path)))
}
