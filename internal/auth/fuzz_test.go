package auth

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzSignUpFields: normalizing and checking any email and password either
// accepts them or answers with a Problem; an accepted pair is within limits.
func FuzzSignUpFields(f *testing.F) {
	f.Add("  Ada@Example.COM ", "correct horse battery")
	f.Add("a@b", "short")
	f.Add("<script>@x.io", strings.Repeat("é", 129))
	f.Add("\xff@example.com", "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4")
	f.Add("ａｌｉｃｅ@example.com", "correct horse battery")
	f.Add("alice\u200b@example.com", "correct horse battery")
	f.Add("\u0130stanbul@example.com", "correct horse battery")
	f.Fuzz(func(t *testing.T, email, pw string) {
		e := NormalizeEmail(email)
		if NormalizeEmail(e) != e {
			t.Fatalf("normalizing %q again changes it", e)
		}
		if err := CheckEmail(e); err == nil {
			if len(e) > MaxEmail || !utf8.ValidString(e) || !strings.Contains(e, "@") || e != strings.ToLower(e) || !norm.NFKC.IsNormalString(e) {
				t.Fatalf("accepted email %q", e)
			}
			if i := strings.IndexFunc(e, invisible); i >= 0 {
				t.Fatalf("accepted email %+q with an invisible character", e)
			}
		} else if _, ok := err.(Problem); !ok {
			t.Fatalf("email error %T", err)
		}
		if err := CheckPassword(pw); err == nil {
			if n := utf8.RuneCountInString(pw); n < MinPassword || n > MaxPassword || !utf8.ValidString(pw) {
				t.Fatalf("accepted password of %d characters", n)
			}
		}
	})
}
