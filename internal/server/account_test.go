package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"careerguide/internal/testdb"
)

const pw = "correct horse battery"

func sessionCookie(b *browser) string {
	u, _ := url.Parse(b.base)
	for _, c := range b.Jar.Cookies(u) {
		if c.Name == "session" {
			return c.Value
		}
	}
	return ""
}

func TestSignUpLogoutLoginRoundTrip(t *testing.T) {
	t.Parallel()
	app := newTestAppHashing(t, testdb.URLWithContent(t), nil, nil) // production's password cost, checked below
	b := app.browser()

	// Validation: bad email, short password; the email typed is kept.
	p := b.post("/signup", url.Values{"email": {"not-an-email"}, "password": {"short"}})
	if p.Status != http.StatusUnprocessableEntity {
		t.Fatalf("invalid sign-up: %d", p.Status)
	}
	p.mustContain(t, "valid email address", "at least 12 characters")
	if v, _ := p.Doc.Find("#email").Attr("value"); v != "not-an-email" {
		t.Fatalf("the email typed was not kept: %q", v)
	}
	if p := b.post("/signup", url.Values{"email": {"x@example.com"}, "password": {strings.Repeat("p", 129)}}); p.Status != http.StatusUnprocessableEntity {
		t.Fatalf("129-character password: %d", p.Status)
	}

	p = b.post("/signup", url.Values{"email": {"  Ada@Example.COM "}, "password": {pw}, "next": {"/account"}})
	if p.Status != http.StatusSeeOther || p.Header.Get("Location") != "/account" {
		t.Fatalf("sign-up: %d %q", p.Status, p.Header.Get("Location"))
	}
	var hash string
	if err := app.Pool().QueryRow(context.Background(), "select password_hash from users where email = 'ada@example.com'").Scan(&hash); err != nil {
		t.Fatalf("no normalized account row: %v", err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q", hash)
	}
	b.get("/account").mustContain(t, "Signed in as ada@example.com")

	// The same email again, differently written: refused.
	other := app.browser()
	if p := other.post("/signup", url.Values{"email": {"ADA@example.com"}, "password": {pw}}); p.Status != http.StatusUnprocessableEntity || !strings.Contains(p.text(), "log in instead") {
		t.Fatalf("duplicate email: %d", p.Status)
	}

	if p := b.post("/logout", nil); p.Status != http.StatusSeeOther {
		t.Fatalf("logout: %d", p.Status)
	}
	if p := b.get("/account"); p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Header.Get("Location"), "/login") {
		t.Fatalf("account after logout: %d %q", p.Status, p.Header.Get("Location"))
	}

	// Unknown email and wrong password: the same answer.
	wrong := b.post("/login", url.Values{"email": {"ada@example.com"}, "password": {"wrong password!"}})
	unknown := b.post("/login", url.Values{"email": {"nobody@example.com"}, "password": {pw}})
	if wrong.Status != unknown.Status || wrong.Status != http.StatusUnauthorized {
		t.Fatalf("failed logins: %d and %d", wrong.Status, unknown.Status)
	}
	if wm, um := wrong.Doc.Find("[role=alert]").Text(), unknown.Doc.Find("[role=alert]").Text(); wm != um || wm == "" {
		t.Fatalf("failed logins say %q and %q", wm, um)
	}

	p = b.post("/login", url.Values{"email": {"ADA@example.com "}, "password": {pw}, "next": {"//evil.example/steal"}})
	if p.Status != http.StatusSeeOther || p.Header.Get("Location") != "/" {
		t.Fatalf("login with an off-site next: %d %q", p.Status, p.Header.Get("Location"))
	}
	b.get("/account").mustContain(t, "Signed in as ada@example.com")
}

func TestLoginRenewsTheTokenAndLogoutDestroysIt(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	b.signUp("grace@example.com")
	b.post("/logout", nil)

	b.post(bd+"/level", url.Values{"level": {"junior"}}) // an anonymous session
	before := sessionCookie(b)
	if before == "" {
		t.Fatal("no session cookie before login")
	}
	b.post("/login", url.Values{"email": {"grace@example.com"}, "password": {pw}})
	after := sessionCookie(b)
	if after == "" || after == before {
		t.Fatalf("session token not renewed at login: %q -> %q", before, after)
	}
	// The old token is anonymous now.
	old := app.browser()
	u, _ := url.Parse(app.URL)
	old.Jar.SetCookies(u, []*http.Cookie{{Name: "session", Value: before, Path: "/"}})
	if p := old.get("/account"); p.Status != http.StatusSeeOther {
		t.Fatalf("the pre-login token still reaches the account: %d", p.Status)
	}

	b.post("/logout", nil)
	var n int
	app.Pool().QueryRow(context.Background(), "select count(*) from sessions where token = $1", after).Scan(&n)
	if n != 0 {
		t.Fatal("logout left the session in the database")
	}
	stolen := app.browser()
	stolen.Jar.SetCookies(u, []*http.Cookie{{Name: "session", Value: after, Path: "/"}})
	if p := stolen.get("/account"); p.Status != http.StatusSeeOther {
		t.Fatalf("the logged-out token still reaches the account: %d", p.Status)
	}
}

func TestAnonymousLevelAndResultsMoveToTheAccount(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	// An account that saved "staff" earlier.
	old := app.browser()
	old.signUp("linus@example.com")
	old.post(bd+"/level", url.Values{"level": {"staff"}})

	b := app.browser()
	b.post(bd+"/level", url.Values{"level": {"senior"}})
	res := b.post(bd+"/quiz", answers(4, 5, 3))
	id := strings.TrimPrefix(res.Header.Get("Location"), "/results/")
	if p := b.post("/login", url.Values{"email": {"linus@example.com"}, "password": {pw}}); p.Status != http.StatusSeeOther {
		t.Fatalf("login: %d", p.Status)
	}
	acc := b.get("/account")
	acc.mustContain(t, "Saved level: Senior Backend Developer") // the session's level wins
	if acc.Doc.Find(`a[href="/results/`+id+`"]`).Length() != 1 {
		t.Fatal("the anonymous result is not listed in the account")
	}
	var owner int64
	app.Pool().QueryRow(context.Background(), "select coalesce(user_id, 0) from quiz_results where id = $1", id).Scan(&owner)
	if owner == 0 {
		t.Fatal("the result was not claimed")
	}

	// In a new browser, logging in brings the saved level back.
	fresh := app.browser()
	fresh.post("/login", url.Values{"email": {"linus@example.com"}, "password": {pw}})
	if here := fresh.get(bd + "/path").Doc.Find("ol.ladder li.here h2").Text(); !strings.Contains(here, "Senior Backend Developer") {
		t.Fatalf("after login the path marks %q", here)
	}
	// A result taken while signed in belongs to the account at once.
	fresh.post(bd+"/quiz", answers(2, 3))
	var n int
	app.Pool().QueryRow(context.Background(), "select count(*) from quiz_results r join users u on u.id = r.user_id where u.email = 'linus@example.com'").Scan(&n)
	if n != 2 {
		t.Fatalf("the account has %d results, want 2", n)
	}
}

func TestAccountPasswordChangeAndDelete(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	b.signUp("barbara@example.com")
	resultURL := b.post(bd+"/quiz", answers(5, 1)).Header.Get("Location")
	if p := app.browser().get(resultURL); p.Status != http.StatusOK { // rendered and cached
		t.Fatalf("result page: %d", p.Status)
	}

	if p := b.post("/account/password", url.Values{"current": {"not my password"}, "new": {"another long password"}}); p.Status != http.StatusUnprocessableEntity {
		t.Fatalf("wrong current password: %d", p.Status)
	}
	if p := b.post("/account/password", url.Values{"current": {pw}, "new": {"another long password"}}); p.Status != http.StatusSeeOther {
		t.Fatalf("password change: %d", p.Status)
	}
	b.get("/account").mustContain(t, "Your password was changed.")

	if p := b.post("/account/delete", url.Values{"password": {pw}}); p.Status != http.StatusUnprocessableEntity {
		t.Fatalf("delete with the old password: %d", p.Status)
	}
	before := count(t, app, "select sum(results) from result_histogram")
	if p := b.post("/account/delete", url.Values{"password": {"another long password"}}); p.Status != http.StatusSeeOther {
		t.Fatalf("delete: %d", p.Status)
	}
	if n := count(t, app, "select count(*) from users where email = 'barbara@example.com'"); n != 0 {
		t.Fatal("the account row is still there")
	}
	if n := count(t, app, "select count(*) from quiz_results where user_id is not null"); n != 0 {
		t.Fatal("the account's results are still stored")
	}
	if after := count(t, app, "select sum(results) from result_histogram"); after != before {
		t.Fatalf("the Result Library lost the anonymous count: %d -> %d", before, after)
	}
	if p := b.get("/account"); p.Status != http.StatusSeeOther {
		t.Fatalf("account after delete: %d", p.Status)
	}
	if p := app.browser().get(resultURL); p.Status != http.StatusNotFound {
		t.Fatalf("the deleted account's result page: %d, want 404", p.Status)
	}
}

func TestCrossSitePostsAreRejected(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	routes := []string{bd + "/level", bd + "/quiz", "/signup", "/login", "/logout", "/account/password", "/account/delete"}
	for _, path := range routes {
		for name, set := range map[string]func(h http.Header){
			"Sec-Fetch-Site": func(h http.Header) { h.Set("Sec-Fetch-Site", "cross-site") },
			"Origin":         func(h http.Header) { h.Set("Origin", "https://evil.example") },
		} {
			req, _ := http.NewRequest(http.MethodPost, app.URL+path, strings.NewReader("level=senior"))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			set(req.Header)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("POST %s with a cross-site %s: %d, want 403", path, name, resp.StatusCode)
			}
		}
	}
}

func TestLoginIsRateLimitedPerIP(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	for i := 1; i <= 10; i++ {
		if p := b.post("/login", url.Values{"email": {"someone@example.com"}, "password": {"wrong password " + string(rune('a'+i))}}); p.Status != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d", i, p.Status)
		}
	}
	p := b.post("/login", url.Values{"email": {"other@example.com"}, "password": {pw}})
	if p.Status != http.StatusTooManyRequests {
		t.Fatalf("11th attempt: %d, want 429", p.Status)
	}
	if p.Header.Get("Retry-After") == "" {
		t.Fatal("429 without Retry-After")
	}
	p.mustContain(t, "Too many attempts", "seconds")
}

func TestSecurityHeadersAndBodyLimits(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	for _, path := range []string{"/", bd, bd + "/salary", "/login", "/signup", "/nope", "/results/AAAAAAAAAAAAAAAAAAAAAA"} {
		p := b.get(path)
		csp := p.Header.Get("Content-Security-Policy")
		if csp == "" || strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if p.Header.Get("X-Content-Type-Options") != "nosniff" || p.Header.Get("Referrer-Policy") == "" {
			t.Errorf("%s: missing nosniff or Referrer-Policy", path)
		}
		if p.Header.Get("Strict-Transport-Security") != "" {
			t.Errorf("%s: HSTS over plain http", path)
		}
		if strings.Contains(p.Body, "<script>") || strings.Contains(p.Body, " style=") {
			t.Errorf("%s has an inline script or style", path)
		}
	}
	big := b.post("/login", url.Values{"email": {strings.Repeat("a", 1<<20)}})
	if big.Status != http.StatusRequestEntityTooLarge {
		t.Fatalf("1 MiB POST: %d, want 413", big.Status)
	}
}

func TestHTTPSCookiesAndHSTS(t *testing.T) {
	t.Parallel()
	app := newTestAppOn(t, testdb.URLWithContent(t), map[string]string{"BASE_URL": "https://careers.example"})
	b := app.browser()
	req, _ := http.NewRequest(http.MethodPost, app.URL+bd+"/level", strings.NewReader("level=senior"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := b.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if !strings.Contains(resp.Header.Get("Strict-Transport-Security"), "max-age=") {
		t.Fatal("no HSTS when BASE_URL is https")
	}
	var found bool
	for _, c := range resp.Cookies() {
		if c.Name == "__Host-session" {
			found = true
			if !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Domain != "" {
				t.Fatalf("cookie %+v", c)
			}
		}
	}
	if !found {
		t.Fatalf("no __Host-session cookie: %v", resp.Header.Values("Set-Cookie"))
	}
}
