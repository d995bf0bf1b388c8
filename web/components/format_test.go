package components_test

import (
	"testing"

	"careerguide/internal/career"
	"careerguide/web/components"
)

func TestWeeksAndYearsText(t *testing.T) {
	for _, c := range []struct {
		h    career.Hours
		pace int
		want string
	}{
		{career.Hours{Min: 12, Max: 38}, 5, "about 3–8 weeks at 5 hours a week"},
		{career.Hours{Min: 3, Max: 5}, 5, "about 1 week at 5 hours a week"},
		{career.Hours{Min: 2, Max: 2}, 1, "about 2 weeks at 1 hour a week"},
	} {
		if got := components.WeeksText(c.h, c.pace); got != c.want {
			t.Errorf("WeeksText(%v, %d) = %q, want %q", c.h, c.pace, got, c.want)
		}
	}
	if got := components.YearsText(career.Years{Min: 1, Max: 3}); got != "1–3 years" {
		t.Errorf("YearsText = %q", got)
	}
	if got := components.YearsText(career.Years{Min: 1, Max: 1}); got != "1 year" {
		t.Errorf("YearsText = %q", got)
	}
}

func TestSignedPercent(t *testing.T) {
	for n, want := range map[int]string{8: "+8%", -4: "\u22124%", 0: "0%"} {
		if got := components.SignedPercent(n); got != want {
			t.Errorf("SignedPercent(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestMoneyShort(t *testing.T) {
	for n, want := range map[int]string{
		950: "$950", 220_000: "$220K", 97_500: "$97.5K", 1_000_000: "$1M", 1_250_000: "$1.25M", 4_000_000: "$4M",
	} {
		if got := components.MoneyShort(n); got != want {
			t.Errorf("MoneyShort(%d) = %q, want %q", n, got, want)
		}
	}
}
