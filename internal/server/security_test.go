package server_test

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"careerguide/internal/auth"
	"careerguide/internal/server"
	"careerguide/internal/testdb"
	"careerguide/web/section"

	"github.com/PuerkitoBio/goquery"
	"github.com/alexedwards/argon2id"
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

// Password hashing is bounded: when every slot is taken, a login answers
// 503 with Retry-After and the form again with the email typed, never
// waiting without limit; the others are checked as usual.
func TestLoginAnswers503WhenHashingIsSaturated(t *testing.T) {
	t.Parallel()
	h, err := auth.NewBoundedHasher(auth.Bounds{Slots: 1, Queue: 0})
	if err != nil {
		t.Fatal(err)
	}
	app := newTestApp(t).withDeps(map[string]string{"TRUSTED_PROXIES": "127.0.0.1/32"}, func(d *server.Deps) { d.Hasher = h })
	const n = 20
	res := make([]page, n)
	gate := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := app.browser()
			req := b.newPost("/login", url.Values{"email": {fmt.Sprintf("busy%d@example.com", i)}, "password": {"not the password"}})
			req.Header.Set("X-Forwarded-For", fmt.Sprintf("192.0.2.%d", i+1))
			<-gate
			res[i] = b.do(req)
		}()
	}
	close(gate)
	wg.Wait()
	busy := 0
	for i, p := range res {
		switch p.Status {
		case http.StatusUnauthorized:
		case http.StatusServiceUnavailable:
			busy++
			if p.Header.Get("Retry-After") == "" {
				t.Errorf("login %d: 503 without Retry-After", i)
			}
			if v, _ := p.Doc.Find("#email").Attr("value"); v != fmt.Sprintf("busy%d@example.com", i) {
				t.Errorf("login %d: 503 lost the email typed (%q)", i, v)
			}
			p.mustContain(t, "try again in a moment")
		default:
			t.Errorf("login %d: %d, want 401 or 503", i, p.Status)
		}
	}
	if busy == 0 {
		t.Fatalf("%d logins at once with one hashing slot: no 503", n)
	}
}

// IPv6 clients are limited per /64: other addresses of the same /64 share
// its bucket, the next /64 has its own.
func TestLoginRateLimitKeysIPv6BySlash64(t *testing.T) {
	t.Parallel()
	app := newTestAppOn(t, testdb.URLWithContent(t), map[string]string{"TRUSTED_PROXIES": "127.0.0.1/32"})
	b := app.browser()
	login := func(from string, i int) page {
		req := b.newPost("/login", url.Values{"email": {fmt.Sprintf("v6-%d@example.com", i)}, "password": {"not the password"}})
		req.Header.Set("X-Forwarded-For", from)
		return b.do(req)
	}
	for i := 1; i <= 10; i++ {
		if p := login(fmt.Sprintf("2001:db8:1:2::%x", i), i); p.Status != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d", i, p.Status)
		}
	}
	if p := login("2001:db8:1:2:ffff:ffff:ffff:ffff", 11); p.Status != http.StatusTooManyRequests {
		t.Fatalf("11th attempt from another address of the /64: %d, want 429", p.Status)
	}
	if p := login("2001:db8:1:3::1", 12); p.Status != http.StatusUnauthorized {
		t.Fatalf("from the next /64: %d, want 401", p.Status)
	}
}

// loggedIn is a new browser signed in to the account with password.
func (a *testApp) loggedIn(email, password string) *browser {
	a.t.Helper()
	b := a.browser()
	if p := b.post("/login", url.Values{"email": {email}, "password": {password}}); p.Status != http.StatusSeeOther {
		a.t.Fatalf("login %s: %d", email, p.Status)
	}
	return b
}

// signedOut reports whether the browser's session no longer reaches the account.
func signedOut(t *testing.T, b *browser) bool {
	t.Helper()
	p := b.get("/account")
	return p.Status == http.StatusSeeOther && p.Header.Get("Location") == section.LoginURL("/account")
}

// A password change signs the account out of every other session (their
// rows are deleted) and keeps the session that changed it.
func TestPasswordChangeSignsOutEverywhereElse(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	a := app.browser()
	a.signUp("everywhere@example.com")
	other, third := app.loggedIn("everywhere@example.com", pw), app.loggedIn("everywhere@example.com", pw)
	otherToken := sessionCookie(other)
	if n := count(t, app, "select count(*) from user_sessions s join users u on u.id = s.user_id where u.email = 'everywhere@example.com'"); n != 3 {
		t.Fatalf("%d sessions tracked for the account, want 3", n)
	}

	if p := a.post("/account/password", url.Values{"current": {pw}, "new": {"a brand new password"}}); p.Status != http.StatusSeeOther {
		t.Fatalf("password change: %d", p.Status)
	}
	a.get("/account").mustContain(t, "Your password was changed. You were signed out everywhere else.")
	for name, b := range map[string]*browser{"other": other, "third": third} {
		if !signedOut(t, b) {
			t.Errorf("the %s session still reaches the account after the password change", name)
		}
	}
	if n := count(t, app, "select count(*) from sessions where token = $1", otherToken); n != 0 {
		t.Fatal("the other session's row is still stored")
	}
	if n := count(t, app, "select count(*) from user_sessions"); n != 1 {
		t.Fatalf("%d sessions tracked, want only the one that changed the password", n)
	}
	// The old token cannot come back by acting: a quiz from it is anonymous.
	loc := other.post(bd+"/quiz", answers(3, 4)).Header.Get("Location")
	if n := count(t, app, "select count(*) from quiz_results where id = $1 and user_id is null", strings.TrimPrefix(loc, "/results/")); n != 1 {
		t.Fatalf("the signed-out session's result: %q not stored anonymously", loc)
	}
}

// Deleting an account deletes every session signed in to it.
func TestAccountDeletionSignsOutEverySession(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	a := app.browser()
	a.signUp("gone@example.com")
	other := app.loggedIn("gone@example.com", pw)
	otherToken := sessionCookie(other)
	if p := a.post("/account/delete", url.Values{"password": {pw}}); p.Status != http.StatusSeeOther {
		t.Fatalf("delete: %d", p.Status)
	}
	if !signedOut(t, other) {
		t.Fatal("the other session still reaches the deleted account")
	}
	if n := count(t, app, "select count(*) from sessions where token = $1", otherToken); n != 0 {
		t.Fatal("the other session's row is still stored")
	}
}

// A session whose account no longer exists (deleted behind its back) is
// signed out by the first thing it does for the account: never a 5xx, and
// nothing typed is lost (the quiz result is stored, anonymously).
func TestSessionOfAVanishedAccountIsSignedOut(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	ctx := context.Background()
	for _, action := range []string{"quiz", "level", "password", "delete", "account"} {
		t.Run(action, func(t *testing.T) {
			email := action + "@vanished.example"
			b := app.browser()
			b.signUp(email)
			if _, err := app.Pool().Exec(ctx, "delete from users where email = $1", email); err != nil {
				t.Fatal(err)
			}
			var p page
			switch action {
			case "quiz":
				p = b.post(bd+"/quiz", answers(2, 5))
				if p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Header.Get("Location"), "/results/") {
					t.Fatalf("quiz: %d %q, want 303 to the result", p.Status, p.Header.Get("Location"))
				}
				id := strings.TrimPrefix(p.Header.Get("Location"), "/results/")
				if n := count(t, app, "select count(*) from quiz_results where id = $1 and user_id is null", id); n != 1 {
					t.Fatal("the result was not stored anonymously")
				}
			case "level":
				p = b.post(bd+"/level", url.Values{"level": {"senior"}})
				if p.Status != http.StatusSeeOther {
					t.Fatalf("level: %d, want 303", p.Status)
				}
				if here := b.get(bd + "/path").Doc.Find("ol.ladder li.here h2").Text(); !strings.Contains(here, "Senior") {
					t.Fatalf("the level was not kept in the signed-out session: %q", here)
				}
			case "password":
				p = b.post("/account/password", url.Values{"current": {pw}, "new": {"a brand new password"}})
			case "delete":
				p = b.post("/account/delete", url.Values{"password": {pw}})
			case "account":
				p = b.get("/account")
			}
			if p.Status >= 500 {
				t.Fatalf("%s: %d", action, p.Status)
			}
			if !signedOut(t, b) {
				t.Fatalf("%s: the session still counts as signed in", action)
			}
			if _, signedIn := b.get(bd).Doc.Find("form[action='/logout']").Attr("action"); signedIn {
				t.Fatalf("%s: the header still offers to log out", action)
			}
		})
	}
}

// Wrong passwords sent from anywhere exhaust the per-email limit for
// unknown browsers only: a browser that logged in to the account before
// (signed device cookie) has its own bucket, still limited, password right
// or not; a device cookie of another account does not help.
func TestWrongPasswordsElsewhereDoNotLockOutAKnownBrowser(t *testing.T) {
	t.Parallel()
	app := newTestAppOn(t, testdb.URLWithContent(t), map[string]string{"TRUSTED_PROXIES": "127.0.0.1/32"})
	from := func(b *browser, ip string, email, password string) page {
		req := b.newPost("/login", url.Values{"email": {email}, "password": {password}})
		req.Header.Set("X-Forwarded-For", ip)
		return b.do(req)
	}
	owner := app.browser()
	owner.signUp("owner@example.com")
	owner.post("/logout", nil)
	attacker := app.browser()
	attacker.signUp("attacker@example.com") // a device cookie, for another account

	for i := 1; i <= 10; i++ {
		if p := from(app.browser(), fmt.Sprintf("198.51.100.%d", i), "owner@example.com", "guess number "+fmt.Sprint(i)); p.Status != http.StatusUnauthorized {
			t.Fatalf("wrong password %d from elsewhere: %d", i, p.Status)
		}
	}
	if p := from(app.browser(), "198.51.100.200", "owner@example.com", pw); p.Status != http.StatusSeeOther {
		t.Fatalf("the owner on a new browser and network after 10 wrong passwords from elsewhere: %d, want 303 (no lock per account)", p.Status)
	}
	_ = attacker
	if p := from(owner, "203.0.113.7", "owner@example.com", pw); p.Status != http.StatusSeeOther {
		t.Fatalf("the owner's browser after 10 wrong passwords from elsewhere: %d, want 303", p.Status)
	}

	// The owner's own bucket is limited too, the right password included.
	owner.post("/logout", nil)
	for i := 1; i <= 10; i++ {
		if p := from(owner, "203.0.113.8", "owner@example.com", "typo "+fmt.Sprint(i)); p.Status != http.StatusUnauthorized {
			t.Fatalf("the owner's wrong password %d: %d", i, p.Status)
		}
	}
	if p := from(owner, "203.0.113.9", "owner@example.com", pw); p.Status != http.StatusTooManyRequests {
		t.Fatalf("the owner's browser after 10 wrong passwords of its own (right password): %d, want 429", p.Status)
	}
}

// levelRow is the Result Library's row for a level, or "" when it is hidden.
func levelRow(p page, title string) string {
	row := ""
	p.Doc.Find("table").Each(func(_ int, t *goquery.Selection) {
		if strings.Contains(t.Find("caption").Text(), "each level") {
			t.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
				if strings.Contains(tr.Find("th").Text(), title) {
					row = strings.Join(strings.Fields(tr.Text()), " ")
				}
			})
		}
	})
	return row
}

// Padding cannot reveal a hidden group: one real Director result stays
// hidden however many results other addresses of one network add to the
// group (addresses of one IPv4 /24 or one IPv6 /48 are one network here:
// one subscriber commonly holds many /64s); results from ten networks open
// it.
func TestPaddingFromOneNetworkCannotRevealAHiddenGroup(t *testing.T) {
	t.Parallel()
	app := newTestAppOn(t, testdb.URLWithContent(t), map[string]string{"TRUSTED_PROXIES": "127.0.0.1/32", "QUIZ_RATE_LIMIT": "0"})
	director := func(ip string, vals ...int) {
		b := app.browser()
		b.postFrom(ip, bd+"/level", url.Values{"level": {"director"}})
		if p := b.postFrom(ip, bd+"/quiz", answers(vals...)); p.Status != http.StatusSeeOther {
			t.Fatalf("quiz from %s: %d", ip, p.Status)
		}
	}
	director("203.0.113.10", 5, 1, 4) // the real one
	for i := range 12 {               // an attacker pads from addresses of one /24 and /64s of one /48
		director([]string{"198.51.100.66", "198.51.100.67", "2001:db8:66:1::1", "2001:db8:66:2::1", "2001:db8:66:3::1", "198.51.100.68"}[i%6], 3)
	}
	lib := app.browser().get(bd + "/results")
	if row := levelRow(lib, "Director"); row != "" {
		t.Fatalf("padding revealed the hidden Director group: %q", row)
	}
	lib.mustContain(t, "13 results from 3 people have been stored") // the count of results still adds up, and the padding is one person a network

	// Eight more networks: ten in all, and the group is shown.
	for i := range 8 {
		director(fmt.Sprintf("192.0.%d.9", 10+i), 2)
	}
	if row := levelRow(app.browser().get(bd+"/results"), "Director"); !strings.Contains(row, "21") {
		t.Fatalf("a Director group from 10 networks: %q, want it shown with 21 results", row)
	}
	if n := count(t, app, "select count(*) from result_group_clients where kind = 'l' and key = 'director'"); n != 10 {
		t.Fatalf("%d clients kept for the group, want 10 (the threshold)", n)
	}
	var stored string
	app.Pool().QueryRow(context.Background(), "select string_agg(encode(client, 'escape'), ',') from result_group_clients").Scan(&stored)
	if strings.Contains(stored, "203.0.113") || strings.Contains(stored, "2001:db8") {
		t.Fatal("a client network is stored as it is")
	}
}

// QUIZ_RATE_LIMIT limits submissions per client network: over it, 429 with
// Retry-After and the form again with every answer kept, nothing stored.
func TestQuizSubmissionsAreLimitedPerNetwork(t *testing.T) {
	t.Parallel()
	app := newTestAppOn(t, testdb.URLWithContent(t), map[string]string{"TRUSTED_PROXIES": "127.0.0.1/32", "QUIZ_RATE_LIMIT": "3"})
	b := app.browser()
	for i := range 3 {
		if p := b.postFrom("203.0.113.20", bd+"/quiz", answers(1+i)); p.Status != http.StatusSeeOther {
			t.Fatalf("submission %d: %d", i+1, p.Status)
		}
	}
	p := b.postFrom("203.0.113.20", bd+"/quiz", answers(4, 2))
	if p.Status != http.StatusTooManyRequests || p.Header.Get("Retry-After") == "" {
		t.Fatalf("4th submission in a minute: %d (Retry-After %q), want 429", p.Status, p.Header.Get("Retry-After"))
	}
	p.mustContain(t, "still filled in")
	if n := p.Doc.Find(`input[type=radio][checked]`).Length(); n != 15 {
		t.Fatalf("%d answers kept, want 15", n)
	}
	if v, _ := p.Doc.Find(`input[name=i01][checked]`).Attr("value"); v != "2" {
		t.Fatalf("i01 kept as %q, want 2", v)
	}
	if n := count(t, app, "select count(*) from quiz_results"); n != 3 {
		t.Fatalf("%d results stored, want 3", n)
	}
	if p := b.postFrom("203.0.113.21", bd+"/quiz", answers(4, 2)); p.Status != http.StatusSeeOther {
		t.Fatalf("another network: %d", p.Status)
	}
}

// SESSION_RATE_LIMIT limits the sessions a client network starts (each a
// stored row); a visitor with a session keeps changing its level.
func TestNewSessionsAreLimitedPerNetwork(t *testing.T) {
	t.Parallel()
	app := newTestAppOn(t, testdb.URLWithContent(t), map[string]string{"TRUSTED_PROXIES": "127.0.0.1/32", "SESSION_RATE_LIMIT": "2"})
	first := app.browser()
	for i := range 2 {
		b := first
		if i > 0 {
			b = app.browser()
		}
		if p := b.postFrom("203.0.113.30", bd+"/level", url.Values{"level": {"senior"}}); p.Status != http.StatusSeeOther {
			t.Fatalf("new session %d: %d", i+1, p.Status)
		}
	}
	p := app.browser().postFrom("203.0.113.30", bd+"/level", url.Values{"level": {"senior"}})
	if p.Status != http.StatusTooManyRequests || p.Header.Get("Retry-After") == "" {
		t.Fatalf("3rd new session in a minute: %d, want 429 with Retry-After", p.Status)
	}
	if n := count(t, app, "select count(*) from sessions"); n != 2 {
		t.Fatalf("%d sessions stored, want 2", n)
	}
	if p := first.postFrom("203.0.113.30", bd+"/level", url.Values{"level": {"staff"}}); p.Status != http.StatusSeeOther {
		t.Fatalf("a level change in an existing session: %d", p.Status)
	}
}

// logBuffer collects log lines written by several goroutines.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// A form whose body never fully arrives (the client went away, or sent it
// too slowly) is not a server error: no 500 and no ERROR line.
func TestCutShortBodyIsNotAServerError(t *testing.T) {
	t.Parallel()
	logs := &logBuffer{}
	h := newTestApp(t).handlerWith(nil, func(d *server.Deps) { d.Logger = slog.New(slog.NewTextHandler(logs, nil)) })
	ts := httptest.NewUnstartedServer(h)
	ts.Config.ReadTimeout = 500 * time.Millisecond
	ts.Start()
	t.Cleanup(ts.Close)
	head := "POST /login HTTP/1.1\r\nHost: " + ts.Listener.Addr().String() + "\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
		"Sec-Fetch-Site: same-origin\r\nContent-Length: 1000\r\n\r\nemail=someone%40example.com&password=corr"
	requestLine := func(n int) string { // waits for the n-th request log line
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if lines := regexp.MustCompile(`(?m)^.*msg=request .*$`).FindAllString(logs.String(), -1); len(lines) >= n {
				return lines[n-1]
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("no request line %d in the log:\n%s", n, logs.String())
		return ""
	}

	// The client goes away mid-body.
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	conn.Write([]byte(head))
	conn.Close()
	if line := requestLine(1); !strings.Contains(line, "status=4") {
		t.Errorf("aborted body: %s", line)
	}

	// The body stalls past the read timeout: 408, and the client is told.
	conn, err = net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.Write([]byte(head))
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("slow body: no response: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestTimeout {
		t.Errorf("slow body: %d, want 408", resp.StatusCode)
	}
	if line := requestLine(2); !strings.Contains(line, "status=408") {
		t.Errorf("slow body: %s", line)
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Fatalf("a cut-short body logged an error:\n%s", logs.String())
	}
}

// Addresses that look like an existing one make no second account: a
// full-width alice@example.com is alice@example.com, and one with a
// zero-width space gets a clear 422 with the form kept.
func TestLookAlikeEmailsMakeNoSecondAccount(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	app.browser().signUp("alice@example.com")
	p := app.browser().post("/signup", url.Values{"email": {"ａｌｉｃｅ@example.com"}, "password": {pw}})
	if p.Status != http.StatusUnprocessableEntity {
		t.Fatalf("full-width look-alike: %d, want 422", p.Status)
	}
	invisible := "alice\u200b@example.com"
	p = app.browser().post("/signup", url.Values{"email": {invisible}, "password": {pw}})
	if p.Status != http.StatusUnprocessableEntity {
		t.Fatalf("zero-width space: %d, want 422", p.Status)
	}
	p.mustContain(t, "invisible character")
	if v, _ := p.Doc.Find("#email").Attr("value"); v != invisible {
		t.Fatalf("the email typed was not kept: %+q", v)
	}
	if n := count(t, app, "select count(*) from users"); n != 1 {
		t.Fatalf("%d accounts, want 1", n)
	}
	if p := app.browser().post("/login", url.Values{"email": {"ａｌｉｃｅ@ｅｘａｍｐｌｅ.ｃｏｍ"}, "password": {pw}}); p.Status != http.StatusSeeOther {
		t.Fatalf("login with the full-width form of the address: %d, want 303", p.Status)
	}
}

// Login, sign-up and account responses are never stored by a cache;
// content pages still may be.
func TestAccountPagesAreNotStored(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	noStore := func(name string, p page) {
		t.Helper()
		if !strings.Contains(strings.Join(p.Header.Values("Cache-Control"), ","), "no-store") {
			t.Errorf("%s (%d): Cache-Control %q, want no-store", name, p.Status, p.Header.Values("Cache-Control"))
		}
	}
	noStore("GET /signup", b.get("/signup"))
	noStore("GET /login", b.get("/login"))
	noStore("POST /signup (422)", b.post("/signup", url.Values{"email": {"nope"}, "password": {pw}}))
	noStore("POST /login (401)", b.post("/login", url.Values{"email": {"nobody@example.com"}, "password": {pw}}))
	noStore("POST /signup (303)", b.post("/signup", url.Values{"email": {"stored@example.com"}, "password": {pw}}))
	noStore("GET /account", b.get("/account"))
	noStore("POST /account/password (422)", b.post("/account/password", url.Values{"current": {"wrong password!"}, "new": {"short"}}))
	if p := b.get(bd); strings.Contains(strings.Join(p.Header.Values("Cache-Control"), ","), "no-store") {
		t.Errorf("a career page is marked no-store")
	}
}

// Signing up with an address that has an account says nothing of the
// account (the message holds either way) and takes about as long as
// creating one: the password is hashed first in both cases.
func TestSignUpDoesNotTellThatAnAddressHasAnAccount(t *testing.T) {
	t.Parallel()
	// The production cost: with the test apps' least cost the hash takes
	// nothing, and what the timing compares would not be the hash.
	app := newTestAppHashing(t, testdb.URLWithContent(t), nil, nil)
	app.browser().signUp("known@example.com")
	p := app.browser().post("/signup", url.Values{"email": {"known@example.com"}, "password": {"some other password"}})
	if p.Status != http.StatusUnprocessableEntity {
		t.Fatalf("sign-up with a taken address: %d", p.Status)
	}
	if msg := strings.ToLower(p.text()); strings.Contains(msg, "already exists") || strings.Contains(msg, "already has") || strings.Contains(msg, "is taken") {
		t.Fatalf("the answer tells that the address has an account: %q", p.text())
	}
	timeIt := func(email string, want int) time.Duration {
		start := time.Now()
		p := app.browser().post("/signup", url.Values{"email": {email}, "password": {"a long enough password"}})
		d := time.Since(start)
		if p.Status != want {
			t.Fatalf("sign-up as %s: %d, want %d", email, p.Status, want)
		}
		return d
	}
	// What tells a taken address apart is an answer without a password
	// hash: a few milliseconds, where a hash takes tens. Each answer for a
	// taken address is timed against one hash at the production cost,
	// measured right after it, as a busy machine slows both; of three such
	// pairs the closest counts (more would meet the sign-up limit of one
	// network), so that load landing on one hash alone cannot fail the
	// test, while an answer that skips the hash is a few milliseconds
	// against hundreds in every pair. (A new account also writes its user
	// and session; its answers are logged beside them.)
	hashOnce := func() time.Duration {
		start := time.Now()
		if _, err := argon2id.CreateHash("a long enough password", auth.Params()); err != nil {
			t.Fatal(err)
		}
		return time.Since(start)
	}
	var taken, fresh, hash []time.Duration
	best := 0.0
	for i := range 3 {
		taken = append(taken, timeIt("known@example.com", http.StatusUnprocessableEntity))
		hash = append(hash, hashOnce())
		fresh = append(fresh, timeIt(fmt.Sprintf("new%d@example.com", i), http.StatusSeeOther))
		best = max(best, float64(taken[i])/float64(hash[i]))
	}
	t.Logf("taken address %v, hash after it %v, new address %v", taken, hash, fresh)
	if best < 0.5 {
		t.Fatalf("a taken address answers in %v, each faster than half the password hash after it (%v; a new address: %v): the answer skips the hash, and its speed tells the address has an account", taken, hash, fresh)
	}
}
