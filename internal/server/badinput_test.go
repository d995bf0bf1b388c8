package server_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// A tour of hostile input on every route: malformed and hostile forms,
// huge values, invalid UTF-8, markup and SQL in every field, path tricks,
// unknown methods. Every answer is a 4xx page of the site (never a 500),
// nothing is echoed unescaped, and nothing is written.
func TestBadInputTour(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	const xss = `<script>alert(1)</script>`
	const xssAttr = `"><img src=x onerror=alert(1)>`
	const sqlMeta = `'; drop table users; --`
	hostile := []string{xss, xssAttr, sqlMeta, "\xff\xfe\xfd", strings.Repeat("A", 60<<10), "../../../../etc/passwd", "%00", "\x00"}

	quizFields := []string{}
	for _, q := range app.Catalog().Questions {
		quizFields = append(quizFields, q.ID)
	}
	forms := map[string][]string{
		bd + "/level":       {"level", "next"},
		bd + "/quiz":        quizFields,
		"/signup":           {"email", "password", "next"},
		"/login":            {"email", "password", "next"},
		"/account/password": {"current", "new"},
		"/account/delete":   {"password"},
		"/logout":           {},
		bd + "/skills/cloud-and-containers/progress": {"status", "next"},
		"/plan/pace": {"hours", "next"},
	}

	type probe struct {
		method, path, body, contentType string
	}
	var probes []probe
	for path, fields := range forms {
		form := "application/x-www-form-urlencoded"
		probes = append(probes,
			probe{"POST", path, "", form},                                            // missing fields
			probe{"POST", path, "zzz=1", form},                                       // extra field
			probe{"POST", path, "level=a&level=b&email=a&email=b&r01=1&r01=2", form}, // duplicates
			probe{"POST", path, "%zz%=%%", form},                                     // malformed encoding
			probe{"POST", path, strings.Repeat("x=1&", (1<<20)/4), form},             // 1 MiB
			probe{"POST", path, `{"level":"senior"}`, "application/json"},            // wrong type
			probe{"POST", path, "--b\r\nContent-Disposition: form-data\r\n\r\n", "multipart/form-data; boundary=b"},
		)
		for _, h := range hostile {
			v := url.Values{}
			for _, f := range fields {
				v.Set(f, h)
			}
			probes = append(probes, probe{"POST", path, v.Encode(), form})
		}
	}
	for _, p := range []string{
		"/careers/" + url.PathEscape(xss), "/careers/backend-developer/skills/" + url.PathEscape(xssAttr),
		"/results/" + url.PathEscape(sqlMeta), "/results/%ff%fe", "/static/../../go.mod", "/static/%2e%2e/%2e%2e/go.mod",
		"/static/css/..%2f..%2fstatic.go", "/careers/backend-developer/%00", "/" + strings.Repeat("a", 8000),
		"/signup?next=" + url.QueryEscape(xssAttr), "/login?next=" + url.QueryEscape("javascript:alert(1)"),
	} {
		probes = append(probes, probe{"GET", p, "", ""})
	}
	for _, field := range []string{"start", "years", "raise", "changes", "change_raise", "basis", "horizon"} {
		for _, h := range hostile[:4] {
			probes = append(probes, probe{"GET", bd + "/salary/simulate?" + field + "=" + url.QueryEscape(h), "", ""})
		}
	}
	for _, m := range []string{"PUT", "DELETE", "PATCH", "TRACE", "PROPFIND"} {
		probes = append(probes, probe{m, bd, "", ""}, probe{m, "/signup", "", ""})
	}

	before := rowCounts(t, app)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, p := range probes {
		req, err := http.NewRequest(p.method, app.URL+p.path, strings.NewReader(p.body))
		if err != nil {
			t.Fatal(err)
		}
		if p.contentType != "" {
			req.Header.Set("Content-Type", p.contentType)
		}
		req.Header.Set("Origin", app.URL)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", p.method, p.path, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		name := p.method + " " + short(p.path) + " " + short(p.body)
		switch {
		case resp.StatusCode >= 500:
			t.Errorf("%s: %d", name, resp.StatusCode)
		case resp.StatusCode < 400 && !allowedSuccess(p.method, p.path, p.body, resp):
			t.Errorf("%s: %d, want 4xx", name, resp.StatusCode)
		}
		if resp.StatusCode >= 400 && !strings.Contains(string(body), "careerguide") && p.method != "HEAD" {
			t.Errorf("%s: %d is not a page of the site", name, resp.StatusCode)
		}
		for _, bad := range []string{xss, `<img src=x onerror`} {
			if strings.Contains(string(body), bad) {
				t.Errorf("%s: markup reflected unescaped", name)
			}
		}
	}
	if after := rowCounts(t, app); after != before {
		t.Fatalf("hostile input wrote rows: %v -> %v", before, after)
	}
}

// allowedSuccess lists the hostile requests that rightly succeed: the
// login and sign-up forms themselves (their next= is sanitised), a logout
// (which takes no fields), the account forms of a visitor who is not
// signed in, who is sent to the login page, and a match test with answers
// missing, sent back to the form (where it is a 422) with only the valid
// answers in its address.
func allowedSuccess(method, path, body string, resp *http.Response) bool {
	loc := resp.Header.Get("Location")
	switch {
	case method == "POST" && path == bd+"/quiz":
		return resp.StatusCode == http.StatusSeeOther && draftLocation.MatchString(loc)
	case method == "GET" && (strings.HasPrefix(path, "/signup") || strings.HasPrefix(path, "/login")):
		return resp.StatusCode == http.StatusOK
	case path == "/logout" && body == "":
		return loc == "/"
	case strings.HasPrefix(path, "/account/"):
		return strings.HasPrefix(loc, "/login")
	}
	return false
}

// draftLocation is where a match test with answers missing is sent.
var draftLocation = regexp.MustCompile(`^/careers/backend-developer/quiz\?answers=[1-5-]{15}#missing$`)

func short(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// rowCounts counts the rows people can write.
func rowCounts(t *testing.T, app *testApp) [6]int64 {
	t.Helper()
	var c [6]int64
	err := app.Pool().QueryRow(context.Background(), `select (select count(*) from users), (select count(*) from quiz_results),
		(select count(*) from user_levels), (select coalesce(sum(results), 0) from result_histogram),
		(select count(*) from user_skills), (select count(*) from user_pace)`).Scan(&c[0], &c[1], &c[2], &c[3], &c[4], &c[5])
	if err != nil {
		t.Fatal(err)
	}
	return c
}
