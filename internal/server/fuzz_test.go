package server

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	contentfs "careerguide/content"
	"careerguide/internal/content"
)

// FuzzReadForm: any body, any content type: a clear error or only allowed,
// single, valid UTF-8 fields. Never a panic.
func FuzzReadForm(f *testing.F) {
	f.Add("level=senior&next=%2Fcareers", "application/x-www-form-urlencoded")
	f.Add("level=senior&level=junior", "application/x-www-form-urlencoded")
	f.Add("email=a%40b.c&password=xxxxxxxxxxxx&evil=1", "application/x-www-form-urlencoded")
	f.Add("q01=\xff\xfe", "application/x-www-form-urlencoded")
	f.Add("%zz=%%", "application/x-www-form-urlencoded")
	f.Add(strings.Repeat("a", 70<<10), "application/x-www-form-urlencoded")
	f.Add("{\"level\":1}", "application/json")
	f.Fuzz(func(t *testing.T, body, contentType string) {
		r := httptest.NewRequest(http.MethodPost, "/x", strings.NewReader(body))
		r.Header.Set("Content-Type", contentType)
		form, err := readForm(httptest.NewRecorder(), r, []string{"level", "next", "email", "password"})
		if err != nil {
			if err != errFormInvalid && err != errFormTooLarge {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		for k, vs := range form {
			if k != "level" && k != "next" && k != "email" && k != "password" {
				t.Fatalf("field %q passed the allow-list", k)
			}
			if len(vs) != 1 || !utf8.ValidString(vs[0]) {
				t.Fatalf("field %q: %q", k, vs)
			}
		}
	})
}

// FuzzParseAnswers: whatever the values, every answer kept is 1..5 and every
// statement is either answered or has a message.
func FuzzParseAnswers(f *testing.F) {
	cat, err := content.Load(contentfs.FS)
	if err != nil {
		f.Fatal(err)
	}
	f.Add("q01=5&q02=1&q03=3")
	f.Add("q01=0&q02=6&q03=-1&q04=3.5&q05=%20%204%20&q06=99999999999999999999")
	f.Add("q01=%E2%80%8B5")
	f.Fuzz(func(t *testing.T, query string) {
		form, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		answers, items, missing := parseAnswers(form, cat.Questions, 0)
		n := 0
		for i, it := range items {
			switch {
			case it.Error != "":
				n++
				if answers[i] != 0 || it.Answer != 0 {
					t.Fatalf("%s has an error and an answer", it.ID)
				}
			case answers[i] < 1 || answers[i] > 5 || it.Answer != answers[i]:
				t.Fatalf("%s kept answer %d", it.ID, answers[i])
			}
		}
		if n != missing {
			t.Fatalf("missing %d, errors %d", missing, n)
		}
	})
}

// FuzzSafeRedirect: the target is either returned as it is or replaced by
// the fallback, and what goes out as Location, read the way a browser reads
// it (tabs and line breaks dropped, backslashes as slashes) and resolved
// with Go's own URL resolution against a page of the site, stays on the
// site. It is clean, so http.Redirect would not rewrite it either.
func FuzzSafeRedirect(f *testing.F) {
	for _, s := range []string{"/account", "//evil.example", "/\\evil.example", "https://evil.example", "/ok?x=1#y", "javascript:alert(1)",
		"/%2F%2Fevil", "\t/x", "/x\r\nSet-Cookie: a=b", "/./\\evil.example", "/x/../\\evil.example", "/.//evil.example",
		"/%2e/%2e%2e//evil.example", "/%5Cevil.example", "/\t/evil.example", "/careers/backend-developer/path", "/careers/x/",
		"/?next=//evil.example", "/x#\\evil", "/\u00a0/evil.example", "/..", "/a/b/..", "/0#/."} {
		f.Add(s)
	}
	base, err := url.Parse("https://careers.example/careers/backend-developer/path")
	if err != nil {
		f.Fatal(err)
	}
	browser := strings.NewReplacer("\t", "", "\n", "", "\r", "", "\\", "/")
	f.Fuzz(func(t *testing.T, target string) {
		got := safeRedirect(target, "/")
		if got != "/" && got != target {
			t.Fatalf("%q became %q", target, got)
		}
		rec := httptest.NewRecorder()
		seeOther(rec, got)
		loc := rec.Header().Get("Location")
		if rec.Code != http.StatusSeeOther || loc != got {
			t.Fatalf("seeOther(%q): %d %q", got, rec.Code, loc)
		}
		ref, err := url.Parse(browser.Replace(loc))
		if err != nil {
			t.Fatalf("Location %q does not parse: %v", loc, err)
		}
		if res := base.ResolveReference(ref); res.Scheme != base.Scheme || res.Host != base.Host || res.User != nil {
			t.Fatalf("Location %q leaves the site: %s", loc, res)
		}
		// Clean already: resolving it removes no dot segment, and cleaning
		// it (as http.Redirect does) changes nothing. (http.Redirect takes
		// a fragment for part of the path, so that check skips fragments.)
		if res := base.ResolveReference(ref); res.EscapedPath() != ref.EscapedPath() {
			t.Fatalf("%q is not clean: it resolves to the path %q", got, res.EscapedPath())
		}
		if !strings.Contains(got, "#") {
			rec = httptest.NewRecorder()
			http.Redirect(rec, httptest.NewRequest(http.MethodPost, "/careers/backend-developer/level", nil), got, http.StatusSeeOther)
			if cleaned := rec.Header().Get("Location"); cleaned != got {
				t.Fatalf("%q is not clean: http.Redirect writes %q", got, cleaned)
			}
		}
	})
}
