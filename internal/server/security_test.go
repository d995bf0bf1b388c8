package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"careerguide/internal/auth"
	"careerguide/internal/server"
	"careerguide/internal/testdb"
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
