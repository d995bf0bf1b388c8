package server_test

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"careerguide/internal/server"
	"careerguide/internal/testdb"
)

// hostileApp is a handler on a fresh database whose log is kept to read.
func hostileApp(t *testing.T, env map[string]string, change func(*server.Deps)) (*testApp, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	a := newTestApp(t).withDeps(env, func(d *server.Deps) {
		d.Logger = slog.New(slog.NewTextHandler(logs, nil))
		if change != nil {
			change(d)
		}
	})
	return a, logs
}

// A NUL byte (or invalid UTF-8) cannot be stored or searched by
// PostgreSQL: it is the client's mistake, answered 400 with what is
// wrong, and logged as neither a warning nor an error.
func TestNULAndInvalidBytesAreBadRequests(t *testing.T) {
	t.Parallel()
	a, logs := hostileApp(t, nil, nil)
	b := a.browser()
	for _, path := range []string{"/occupations?q=x%00", "/occupations?q=%00", "/occupations?q=nurse&letter=%00", "/compare?a=%00", "/occupations?q=%ff%fe"} {
		p := b.get(path)
		if p.Status != http.StatusBadRequest {
			t.Errorf("GET %s: %d, want 400", path, p.Status)
			continue
		}
		p.mustContain(t, "character")
		if p.Header.Get("Retry-After") != "" {
			t.Errorf("GET %s: Retry-After on a client error", path)
		}
	}
	if strings.Contains(logs.String(), "level=WARN") || strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("bad bytes were logged as a fault:\n%s", logs.String())
	}
}

// An unknown method on a known path lists that path's methods; on an
// unknown path it is a 404, whatever the method.
func TestAllowNamesThePathsMethods(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	b := a.browser()
	for _, c := range []struct{ method, path, allow string }{
		{"FOO", "/careers/backend-developer/salary", "GET, HEAD"},
		{"DELETE", "/careers/backend-developer/salary", "GET, HEAD"},
		{"FOO", "/careers/backend-developer/quiz", "GET, HEAD, POST"},
		{"PUT", "/login", "GET, HEAD, POST"},
		{"FOO", "/occupations", "GET, HEAD"},
		{"PATCH", "/logout", "POST"},
	} {
		req, _ := http.NewRequest(c.method, a.URL+c.path, nil)
		p := b.do(req)
		if p.Status != http.StatusMethodNotAllowed || p.Header.Get("Allow") != c.allow {
			t.Errorf("%s %s: %d Allow %q, want 405 Allow %q", c.method, c.path, p.Status, p.Header.Get("Allow"), c.allow)
		}
	}
	for _, m := range []string{"FOO", "DELETE", "POST", "GET"} {
		req, _ := http.NewRequest(m, a.URL+"/no-such-page", nil)
		if p := b.do(req); p.Status != http.StatusNotFound {
			t.Errorf("%s /no-such-page: %d Allow %q, want 404", m, p.Status, p.Header.Get("Allow"))
		}
	}
}

// Many ranges in one request are not served: the answer is never larger
// than the whole file.
func TestManyRangesAreNotServed(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	b := a.browser()
	full := b.get("/results/library.json")
	if full.Status != http.StatusOK {
		t.Fatalf("library.json: %d", full.Status)
	}
	css := b.get("/")
	href, _ := css.Doc.Find(`link[rel=stylesheet]`).Attr("href")
	for _, path := range []string{"/results/library.json", href} {
		whole := len(b.get(path).Body)
		req, _ := http.NewRequest(http.MethodGet, a.URL+path, nil)
		req.Header.Set("Range", "bytes="+strings.TrimSuffix(strings.Repeat("0-0,", 500), ","))
		p := b.do(req)
		if p.Status == http.StatusPartialContent || len(p.Body) > whole {
			t.Errorf("%s with 500 ranges: %d, %d bytes (whole file %d)", path, p.Status, len(p.Body), whole)
		}
	}
	// A generated file is served whole, whatever the ranges asked.
	req, _ := http.NewRequest(http.MethodGet, a.URL+"/results/library.json", nil)
	req.Header.Set("Range", "bytes=0-9,20-29")
	if p := b.do(req); p.Status != http.StatusOK || p.Body != full.Body {
		t.Errorf("library.json with two ranges: %d, %d bytes; want 200 and the whole file", p.Status, len(p.Body))
	}
}

// Shedding load (503) and client faults are warnings at most: an ERROR
// line is a fault of the server.
func TestLoadSheddingIsNotLoggedAsError(t *testing.T) {
	t.Parallel()
	a, logs := hostileApp(t, nil, func(d *server.Deps) { d.Draining = func() bool { return true } })
	b := a.browser()
	if p := b.get("/readyz"); p.Status != http.StatusServiceUnavailable {
		t.Fatalf("readyz while draining: %d", p.Status)
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a 503 logged as an error:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "level=WARN") {
		t.Errorf("a 503 not logged as a warning:\n%s", logs.String())
	}
}

// A form over the body limit gets the whole 413 page, never a reset: with
// Expect: 100-continue before the body is sent, and without it after the
// server read (and threw away) a bounded part of the body.
func TestTooLargeFormGetsTheWhole413Page(t *testing.T) {
	t.Parallel()
	h := newTestApp(t).handlerWith(nil, func(*server.Deps) {})
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	addr := ts.Listener.Addr().String()
	body := "email=" + strings.Repeat("a", 6<<20)
	head := func(extra string) string {
		return "POST /login HTTP/1.1\r\nHost: " + addr + "\r\nContent-Type: application/x-www-form-urlencoded\r\nSec-Fetch-Site: same-origin\r\n" + extra + "\r\n"
	}
	read := func(name string, conn net.Conn) {
		t.Helper()
		conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Errorf("%s: no response: %v", name, err)
			return
		}
		page, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestEntityTooLarge || err != nil || !strings.Contains(string(page), "</html>") {
			t.Errorf("%s: %d, %d bytes, %v; want the whole 413 page", name, resp.StatusCode, len(page), err)
		}
	}
	for i := range 20 {
		// Expect: 100-continue with a length over the limit: 413 at once.
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conn.Write([]byte(head(fmt.Sprintf("Content-Length: %d\r\nExpect: 100-continue\r\n", len(body)))))
		read(fmt.Sprintf("expect %d", i), conn)
		conn.Close()

		// Chunked with Expect: the body is read up to the limit.
		conn, err = net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conn.Write([]byte(head("Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n")))
		go func(conn net.Conn) {
			for range 16 {
				if _, err := fmt.Fprintf(conn, "%x\r\n%s\r\n", 64<<10, strings.Repeat("b", 64<<10)); err != nil {
					return
				}
			}
			io.WriteString(conn, "0\r\n\r\n")
		}(conn)
		br := bufio.NewReader(conn)
		conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		line, _ := br.ReadString('\n')
		if strings.Contains(line, "100") {
			br.ReadString('\n') // the blank line after 100 Continue
			resp, err := http.ReadResponse(br, nil)
			if err != nil {
				t.Errorf("chunked %d: no response: %v", i, err)
			} else {
				page, err := io.ReadAll(resp.Body)
				if resp.StatusCode != http.StatusRequestEntityTooLarge || err != nil || !strings.Contains(string(page), "</html>") {
					t.Errorf("chunked %d: %d, %d bytes, %v", i, resp.StatusCode, len(page), err)
				}
			}
		} else if !strings.Contains(line, "413") {
			t.Errorf("chunked %d: %q", i, line)
		}
		conn.Close()

		// A plain 1 MiB form, sent whole.
		conn, err = net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		go func(conn net.Conn) { conn.Write([]byte(head(fmt.Sprintf("Content-Length: %d\r\n", len(body))) + body)) }(conn)
		read(fmt.Sprintf("plain %d", i), conn)
		conn.Close()
	}
}

// Searches that are not kept count against the client network's limit; a
// kept one does not, and another network is not affected.
func TestNewSearchesAreLimitedPerNetwork(t *testing.T) {
	t.Parallel()
	a, _ := hostileApp(t, map[string]string{"SEARCH_RATE_LIMIT": "3", "TRUSTED_PROXIES": "127.0.0.1/32"}, nil)
	b := a.browser()
	get := func(ip, q string) page {
		req, _ := http.NewRequest(http.MethodGet, a.URL+"/occupations?q="+q, nil)
		req.Header.Set("X-Forwarded-For", ip)
		return b.do(req)
	}
	for _, q := range []string{"nurse", "welder", "baker"} {
		if p := get("192.0.2.1", q); p.Status != http.StatusOK {
			t.Fatalf("search %s: %d", q, p.Status)
		}
	}
	if p := get("192.0.2.1", "Nurse"); p.Status != http.StatusOK {
		t.Errorf("a kept search (other spelling): %d, want 200", p.Status)
	}
	p := get("192.0.2.1", "pilot")
	if p.Status != http.StatusTooManyRequests || p.Header.Get("Retry-After") == "" {
		t.Errorf("fourth new search: %d, want 429 with Retry-After", p.Status)
	}
	if p := get("192.0.2.2", "pilot"); p.Status != http.StatusOK {
		t.Errorf("another network: %d, want 200", p.Status)
	}
	if p := get("192.0.2.3", "ana eng man sys dat ter ion"); p.Status != http.StatusBadRequest {
		t.Errorf("a search of 7 words: %d, want 400", p.Status)
	}
}

// Strangers guessing an account's password from many networks slow down
// themselves, never the owner: the owner logs in from a new browser on
// another network. One network guessing waits longer and longer.
func TestStrangersCannotLockTheOwnerOut(t *testing.T) {
	t.Parallel()
	a := newTestAppOn(t, testdb.URLWithContent(t), map[string]string{"TRUSTED_PROXIES": "127.0.0.1/32"})
	a.browser().signUp("victim@example.com")
	login := func(ip, email, password string) page {
		b := a.browser()
		req := b.newPost("/login", url.Values{"email": {email}, "password": {password}})
		req.Header.Set("X-Forwarded-For", ip)
		return b.do(req)
	}
	var retry []int
	for i := range 36 {
		ip := fmt.Sprintf("198.51.100.%d", 1+i%3)
		p := login(ip, []string{"victim@example.com", "VICTIM@example.com", "ｖｉｃｔｉｍ@example.com"}[i%3], "guess "+fmt.Sprint(i))
		switch p.Status {
		case http.StatusUnauthorized:
		case http.StatusTooManyRequests:
			n, _ := strconv.Atoi(p.Header.Get("Retry-After"))
			retry = append(retry, n)
		default:
			t.Fatalf("guess %d: %d", i, p.Status)
		}
	}
	if len(retry) == 0 {
		t.Fatal("36 wrong passwords from three networks: never slowed down")
	}
	if p := login("203.0.113.50", "victim@example.com", pw); p.Status != http.StatusSeeOther {
		t.Fatalf("the owner from a new browser and network while strangers guess: %d, want 303", p.Status)
	}
	// A network that goes on guessing waits longer each time.
	for i := range 3 {
		login("192.0.2.77", "victim@example.com", "guess again "+fmt.Sprint(i))
	}
	var waits []int
	for i := range 12 {
		p := login("192.0.2.88", fmt.Sprintf("nobody%d@example.com", i), "wrong")
		if p.Status == http.StatusTooManyRequests {
			n, _ := strconv.Atoi(p.Header.Get("Retry-After"))
			waits = append(waits, n)
		}
	}
	if len(waits) == 0 || waits[0] <= 0 {
		t.Errorf("12 wrong logins from one network: waits %v, want a delay", waits)
	}
}

// Sign-up attempts for an address from elsewhere never block the person
// it belongs to.
func TestSignUpAttemptsElsewhereDoNotBlockTheAddress(t *testing.T) {
	t.Parallel()
	a := newTestAppOn(t, testdb.URLWithContent(t), map[string]string{"TRUSTED_PROXIES": "127.0.0.1/32"})
	for i := range 8 {
		b := a.browser()
		req := b.newPost("/signup", url.Values{"email": {"newcomer@example.com"}, "password": {"short"}})
		req.Header.Set("X-Forwarded-For", fmt.Sprintf("198.51.100.%d", 1+i%2))
		b.do(req)
	}
	b := a.browser()
	req := b.newPost("/signup", url.Values{"email": {"newcomer@example.com"}, "password": {pw}})
	req.Header.Set("X-Forwarded-For", "203.0.113.9")
	if p := b.do(req); p.Status != http.StatusSeeOther {
		t.Fatalf("the real person signing up after 8 attempts elsewhere: %d, want 303", p.Status)
	}
}

// Addresses that only look like an account's (a Cyrillic і, a dotless ı)
// are that account: no second account, and they log in to it.
func TestConfusableEmailsAreOneAccount(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	a.browser().signUp("tim@example.com")
	for _, lookAlike := range []string{"t\u0456m@example.com", "t\u0131m@example.com", "t\u0456m@ex\u0430mple.com"} {
		if p := a.browser().post("/signup", url.Values{"email": {lookAlike}, "password": {pw}}); p.Status != http.StatusUnprocessableEntity {
			t.Errorf("sign-up as %+q: %d, want 422", lookAlike, p.Status)
		}
	}
	if n := count(t, a, "select count(*) from users"); n != 1 {
		t.Errorf("%d accounts, want 1", n)
	}
	if p := a.browser().post("/login", url.Values{"email": {"t\u0131m@example.com"}, "password": {pw}}); p.Status != http.StatusSeeOther {
		t.Errorf("login with a look-alike of the address: %d, want 303", p.Status)
	}
}
