package auth

import (
	"strings"
	"testing"
)

func TestEmail(t *testing.T) {
	if got := NormalizeEmail("  Ada@Example.COM \n"); got != "ada@example.com" {
		t.Fatalf("NormalizeEmail: %q", got)
	}
	for _, ok := range []string{"ada@example.com", "a.b+c@sub.example.org"} {
		if err := CheckEmail(ok); err != nil {
			t.Errorf("%q rejected: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "ada", "ada@", "@example.com", "ada@localhost", "Ada <ada@example.com>", "a b@example.com", strings.Repeat("a", 250) + "@x.io"} {
		if CheckEmail(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestPasswordLength(t *testing.T) {
	cases := map[string]error{
		// the messages name the limits

		strings.Repeat("a", 11):  ErrPasswordShort,
		strings.Repeat("a", 12):  nil,
		strings.Repeat("é", 12):  nil, // 12 characters, 24 bytes
		strings.Repeat("a", 128): nil,
		strings.Repeat("a", 129): ErrPasswordLong,
	}
	for pw, want := range cases {
		if got := CheckPassword(pw); got != want {
			t.Errorf("len %d: %v, want %v", len(pw), got, want)
		}
	}
}

func TestHashUsesOWASPParameters(t *testing.T) {
	h, err := Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q", h)
	}
	hs, err := NewHasher()
	if err != nil {
		t.Fatal(err)
	}
	if !hs.Check("correct horse battery", h) || hs.Check("wrong horse battery", h) || hs.Check("correct horse battery", "") {
		t.Fatal("Check gives the wrong answer")
	}
}

func TestMessagesNameTheLimits(t *testing.T) {
	if !strings.Contains(ErrPasswordShort.Error(), "12") || !strings.Contains(ErrPasswordLong.Error(), "128") || MinPassword != 12 || MaxPassword != 128 {
		t.Fatal("password messages and limits disagree")
	}
}
