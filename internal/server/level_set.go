package server

import (
	"net/http"

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
	if uid := s.userID(r.Context()); uid != 0 {
		if err := s.Store.SetUserLevel(r.Context(), uid, nav.Career.Slug, key); err != nil {
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
