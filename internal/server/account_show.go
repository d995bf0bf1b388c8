package server

import (
	"math"
	"net/http"

	"careerguide/internal/quiz"
	"careerguide/web/components"
	"careerguide/web/pages"
	"careerguide/web/section"
)

// requireUser is the signed-in account id, confirmed by the database;
// otherwise it redirects to the login page (303), or answers 503 when the
// database does not answer, and returns 0.
func (s *server) requireUser(w http.ResponseWriter, r *http.Request) int64 {
	id, err := s.account(r.Context())
	if err != nil {
		s.unavailable(w, r, err)
		return 0
	}
	if id == 0 {
		http.Redirect(w, r, section.LoginURL("/account"), http.StatusSeeOther)
	}
	return id
}

// accountPage builds /account: saved levels, results, password and delete forms.
func (s *server) accountPage(r *http.Request, userID int64) (pages.AccountPage, error) {
	p := pages.AccountPage{Chrome: s.chrome(r, "Your account", "Your careerguide account: the levels you have set, your saved match test results, your password and how to delete the account.")}
	p.Chrome.NoIndex = true
	p.Email = s.email(r)
	p.Password.Current = components.Field{ID: "current", Name: "current", Label: "Current password", Type: "password", Autocomplete: "current-password"}
	p.Password.New = components.Field{ID: "new", Name: "new", Label: "New password", Type: "password", Autocomplete: "new-password", Hint: "12 to 128 characters."}
	p.Delete = components.Field{ID: "confirm", Name: "password", Label: "Your password, to confirm", Type: "password", Autocomplete: "current-password"}
	saved, err := s.Store.UserLevels(r.Context(), userID)
	if err != nil {
		return p, err
	}
	cat := s.catalog()
	for i := range cat.Careers {
		c := &cat.Careers[i]
		p.Levels = append(p.Levels, pages.AccountLevel{Career: c, Level: c.Level(saved[c.Slug])})
	}
	results, err := s.Store.UserResults(r.Context(), userID)
	if err != nil {
		return p, err
	}
	for _, res := range results {
		name, match := res.CareerSlug, int(math.Round(res.Match))
		if c, ok := cat.Career(res.CareerSlug); ok {
			name = c.Name
		} else if res.CareerSlug == "" {
			name, match = "What careers fit me? (no guide)", -1 // no guide, so no match with one
		}
		p.Results = append(p.Results, pages.AccountResult{
			URL: "/results/" + res.ID, Career: name, Holland: res.Holland,
			TakenOn: res.CreatedAt.UTC().Format("2 Jan 2006 15:04 UTC"), Match: match,
			Flat: quiz.Flat(res.Scores),
		})
	}
	return p, nil
}

// accountShow is GET /account.
func (s *server) accountShow(w http.ResponseWriter, r *http.Request) {
	id := s.requireUser(w, r)
	if id == 0 {
		return
	}
	p, err := s.accountPage(r, id)
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	p.Flash = s.sessions.PopString(r.Context(), flashKey)
	s.render(w, r, http.StatusOK, pages.Account(p))
}
