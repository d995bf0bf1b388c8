package server_test

import (
	"net/http"
	"net/url"
	"testing"
)

// A next= that cleaning turns into "/\evil.example" (which browsers read as
// //evil.example) never reaches the Location header, after login or after
// setting a level; a clean path on the site does, exactly as sent.
func TestRedirectsAfterLoginAndLevelStayOnTheSite(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	b.signUp("redirect@example.com")
	hostile := []string{"/./\\evil.example", "/x/../\\evil.example", "/.//evil.example", "/%2e%2e/%5cevil.example", "/%2F%2Fevil.example", "/\t/evil.example"}
	for _, next := range hostile {
		b.post("/logout", nil)
		p := b.post("/login", url.Values{"email": {"redirect@example.com"}, "password": {pw}, "next": {next}})
		if p.Status != http.StatusSeeOther || p.Header.Get("Location") != "/" {
			t.Errorf("login with next=%q: %d Location %q, want 303 to /", next, p.Status, p.Header.Get("Location"))
		}
		p = b.post(bd+"/level", url.Values{"level": {"senior"}, "next": {next}})
		if p.Status != http.StatusSeeOther || p.Header.Get("Location") != bd+"/path" {
			t.Errorf("level with next=%q: %d Location %q, want 303 to the path page", next, p.Status, p.Header.Get("Location"))
		}
	}
	if p := b.post(bd+"/level", url.Values{"level": {"senior"}, "next": {bd + "/salary?x=1"}}); p.Header.Get("Location") != bd+"/salary?x=1" {
		t.Errorf("a clean next: Location %q", p.Header.Get("Location"))
	}
}
