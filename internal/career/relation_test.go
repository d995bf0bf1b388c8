package career

import (
	"testing"

	"careerguide/internal/quiz"
)

// r = -0.07 once showed as "46 % alike"; 0 must read as unrelated.
func TestRelationMakesZeroUnrelated(t *testing.T) {
	for r, want := range map[float64]string{-0.07: "unrelated", 0: "unrelated", 0.95: "very alike", 0.6: "alike", 0.3: "a little alike", -0.3: "different", -0.9: "opposite"} {
		if got := Relation(r); got != want {
			t.Errorf("Relation(%v) = %q, want %q", r, got, want)
		}
	}
	// Backend (15-1252.00) and UX (15-1255.00) from O*NET 29.3.
	backend := quiz.Profile{3.93, 5.86, 2.26, 1.88, 1.87, 5.46}
	if r := Correlation(backend, backend); r < 0.9999 {
		t.Fatalf("a profile with itself: %v", r)
	}
	flat := quiz.Profile{4, 4, 4, 4, 4, 4}
	if r := Correlation(backend, flat); r != 0 {
		t.Fatalf("against a flat profile: %v", r)
	}
}
