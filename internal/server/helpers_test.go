package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	contentfs "careerguide/content"
	"careerguide/internal/app"
	"careerguide/internal/auth"
	"careerguide/internal/career"
	"careerguide/internal/config"
	"careerguide/internal/content"
	"careerguide/internal/server"
	"careerguide/internal/store"
	"careerguide/internal/testdb"
	"careerguide/web/static"

	"github.com/PuerkitoBio/goquery"
	"github.com/alexedwards/argon2id"
)

// testApp is a careerguide instance on its own fresh database, served by httptest.
type testApp struct {
	*app.App
	URL string
	t   *testing.T
}

func newTestApp(t *testing.T) *testApp {
	t.Helper()
	return newTestAppOn(t, testdb.URLWithContent(t), nil)
}

// newTestAppOn starts an app on dbURL; env overrides the configuration.
func newTestAppOn(t *testing.T, dbURL string, env map[string]string) *testApp {
	t.Helper()
	return newTestAppHashing(t, dbURL, env, testHashing)
}

// loadedContent is the embedded content, loaded once for every app of the
// test binary (content.Load is the slowest part of a start).
var loadedContent = sync.OnceValues(func() (*career.Catalog, error) { return content.Load(contentfs.FS) })

// testHashing is the argon2id cost of the test apps' passwords: the least
// there is, as they protect nothing. The tests that need the production
// cost (its parameters, saturation) ask for it.
var testHashing = &argon2id.Params{Memory: 8, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// newTestAppHashing is newTestAppOn with passwords hashed at cost hashing,
// or at production's when nil.
func newTestAppHashing(t *testing.T, dbURL string, env map[string]string, hashing *argon2id.Params) *testApp {
	t.Helper()
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		logger = slog.New(slog.NewTextHandler(testWriter{t}, nil))
	}
	cat, err := loadedContent()
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.NewWith(context.Background(), cfg, dbURL, logger, app.Options{Content: cat, Hashing: hashing})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(a.Handler())
	t.Cleanup(func() {
		ts.Close()
		a.Close()
	})
	return &testApp{App: a, URL: ts.URL, t: t}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// browser is an HTTP client with a cookie jar that does not follow redirects.
type browser struct {
	*http.Client
	t    *testing.T
	base string
}

func (a *testApp) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{
		Client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
		t:      a.t, base: a.URL,
	}
}

// page is a fetched response with its parsed document.
type page struct {
	Status int
	Header http.Header
	Body   string
	Doc    *goquery.Document
}

func (b *browser) do(req *http.Request) page {
	b.t.Helper()
	resp, err := b.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(body)))
	if err != nil {
		b.t.Fatal(err)
	}
	return page{Status: resp.StatusCode, Header: resp.Header, Body: string(body), Doc: doc}
}

func (b *browser) get(path string) page {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.base+path, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.do(req)
}

// post submits a form the way a same-origin browser does.
func (b *browser) post(path string, form url.Values) page {
	b.t.Helper()
	return b.do(b.newPost(path, form))
}

// postFrom posts the form as sent from ip, through a trusted proxy
// (TRUSTED_PROXIES must hold 127.0.0.1).
func (b *browser) postFrom(ip, path string, form url.Values) page {
	b.t.Helper()
	req := b.newPost(path, form)
	req.Header.Set("X-Forwarded-For", ip)
	return b.do(req)
}

// newPost is the request post sends, to add headers to.
func (b *browser) newPost(path string, form url.Values) *http.Request {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return req
}

// text is the page's visible text with whitespace collapsed.
func (p page) text() string {
	return strings.Join(strings.Fields(p.Doc.Find("body").Text()), " ")
}

func (p page) mustContain(t *testing.T, want ...string) {
	t.Helper()
	txt := p.text()
	for _, w := range want {
		if !strings.Contains(txt, w) {
			t.Errorf("page does not show %q; it shows:\n%.400s…", w, txt)
		}
	}
}

// signUp creates an account in this browser's session and returns its email.
func (b *browser) signUp(email string) {
	b.t.Helper()
	p := b.post("/signup", url.Values{"email": {email}, "password": {"correct horse battery"}, "next": {"/account"}})
	if p.Status != http.StatusSeeOther {
		b.t.Fatalf("sign up %s: %d\n%.400s", email, p.Status, p.text())
	}
}

// withDeps serves another handler on a's database, built by server.New from
// Deps like the app's but changed by change (a small hasher, a log to
// read), and returns its test server's URL as a testApp.
func (a *testApp) withDeps(env map[string]string, change func(*server.Deps)) *testApp {
	a.t.Helper()
	ts := httptest.NewServer(a.handlerWith(env, change))
	a.t.Cleanup(ts.Close)
	return &testApp{App: a.App, URL: ts.URL, t: a.t}
}

// handlerWith is the handler withDeps serves.
func (a *testApp) handlerWith(env map[string]string, change func(*server.Deps)) http.Handler {
	a.t.Helper()
	ctx := context.Background()
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		a.t.Fatal(err)
	}
	st := store.New(a.Pool())
	assets, err := static.New()
	if err != nil {
		a.t.Fatal(err)
	}
	hasher, err := auth.NewHasherWith(testHashing, auth.DefaultBounds())
	if err != nil {
		a.t.Fatal(err)
	}
	key, err := st.SigningKey(ctx, "cookies")
	if err != nil {
		a.t.Fatal(err)
	}
	results := st.NewResultWriter(16, 10*time.Second)
	a.t.Cleanup(results.Close)
	stored := st.NewResultChecker(2, 16, 10*time.Second)
	a.t.Cleanup(stored.Close)
	sessions := st.NewSessionStore(2, 16, 10*time.Second)
	a.t.Cleanup(sessions.Close)
	d := server.Deps{
		Config: cfg, Store: st, Results: results, Stored: stored, Catalog: a.App.Catalog, SessionStore: sessions,
		Assets: assets, Hasher: hasher, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), SigningKey: key,
		Draining: func() bool { return false },
	}
	change(&d)
	return server.New(d)
}
