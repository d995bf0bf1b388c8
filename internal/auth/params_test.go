package auth

import (
	"context"
	"strings"
	"testing"

	"github.com/alexedwards/argon2id"
)

// A Hasher made with other parameters hashes and checks with them; the
// default Hasher keeps OWASP's (TestHashUsesOWASPParameters).
func TestHasherWithOtherParameters(t *testing.T) {
	ctx := context.Background()
	hs, err := NewHasherWith(&argon2id.Params{Memory: 64, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}, DefaultBounds())
	if err != nil {
		t.Fatal(err)
	}
	h, err := hs.Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q", h)
	}
	if ok, err := hs.Check(ctx, "correct horse battery", h); !ok || err != nil {
		t.Errorf("Check of the right password: %v %v", ok, err)
	}
	if ok, err := hs.Check(ctx, "wrong horse battery", h); ok || err != nil {
		t.Errorf("Check of a wrong password: %v %v", ok, err)
	}
	if p := Params(); p.Memory != 19456 || p.Iterations != 2 || p.Parallelism != 1 {
		t.Errorf("default parameters %+v, want m=19456 t=2 p=1", p)
	}
}
