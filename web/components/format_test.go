package components_test

import (
	"testing"

	"careerguide/web/components"
)

func TestSignedPercent(t *testing.T) {
	for n, want := range map[int]string{8: "+8%", -4: "\u22124%", 0: "0%"} {
		if got := components.SignedPercent(n); got != want {
			t.Errorf("SignedPercent(%d) = %q, want %q", n, got, want)
		}
	}
}
