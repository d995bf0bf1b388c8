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
		answers, items, missing := parseAnswers(form, cat.Questions)
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

// FuzzSafeRedirect: the target is either returned as a same-site path or
// replaced by the fallback.
func FuzzSafeRedirect(f *testing.F) {
	for _, s := range []string{"/account", "//evil.example", "/\\evil.example", "https://evil.example", "/ok?x=1#y", "javascript:alert(1)", "/%2F%2Fevil", "\t/x", "/x\r\nSet-Cookie: a=b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, target string) {
		got := safeRedirect(target, "/")
		if got == "/" {
			return
		}
		if got != target || !strings.HasPrefix(got, "/") || strings.HasPrefix(got, "//") || strings.HasPrefix(got, "/\\") || strings.ContainsAny(got, "\r\n\t") {
			t.Fatalf("unsafe redirect %q", got)
		}
		u, err := url.Parse(got)
		if err != nil || u.Host != "" || u.Scheme != "" {
			t.Fatalf("redirect %q leaves the site", got)
		}
	})
}
