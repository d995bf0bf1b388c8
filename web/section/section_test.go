package section

import (
	"net/url"
	"testing"
)

func TestLoginURLRoundTripsNext(t *testing.T) {
	for _, next := range []string{"/a?b=c&d", "/careers/backend-developer/salary", "/x#frag", "/a b/ü"} {
		for _, build := range []func(string) string{LoginURL, SignupURL} {
			u, err := url.Parse(build(next))
			if err != nil {
				t.Fatal(err)
			}
			if got := u.Query().Get("next"); got != next {
				t.Errorf("%s: next = %q, want %q", u, got, next)
			}
			if len(u.Query()) != 1 || u.Fragment != "" {
				t.Errorf("%s: next leaked into other parameters or the fragment", u)
			}
		}
	}
	if LoginURL("") != "/login" {
		t.Errorf("LoginURL(\"\") = %q", LoginURL(""))
	}
}

func TestURLs(t *testing.T) {
	cases := map[string]string{
		URL("backend-developer", Overview):  "/careers/backend-developer",
		URL("backend-developer", WorkLife):  "/careers/backend-developer/work-life",
		SkillURL("backend-developer", "go"): "/careers/backend-developer/skills/go",
	}
	for got, want := range cases {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
	seen := map[string]bool{}
	for _, s := range Nav() {
		if seen[s.Label()] || s.Label() == string(s) && s != Overview {
			t.Errorf("section %q has no label of its own", s)
		}
		seen[s.Label()] = true
	}
}
