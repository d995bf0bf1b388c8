package server_test

import (
	"fmt"
	"strings"
	"testing"
)

// Each career shows the official figures of its own occupation code, and a
// growth projection that covers a wider group says which group.
func TestOfficialFiguresAreForTheCareersOwnOccupation(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	member := app.browser()
	member.signUp("figures@example.com")
	for _, tc := range []struct {
		slug    string
		want    []string
		notWant []string
	}{
		{"backend-developer",
			[]string{"Official figures: Software developers (SOC 15-1252)", "$133,080", "Projected employment growth 2024-34: +16%", "Software developers (SOC 15-1252) alone", "+15.8 %", "15.2 %"},
			[]string{" for database"}},
		{"machine-learning-engineer",
			[]string{"Official figures: Data scientists (SOC 15-2051)", "$112,590", "Projected employment growth 2024-34: +34%", "Occupational Outlook Handbook, Data Scientists"},
			[]string{"$211,450"}},
		{"data-engineer",
			[]string{"Official figures: Database architects (SOC 15-1243)", "$135,980",
				"Projected employment growth 2024-34: +9%"},
			[]string{"combined"}},
		{"frontend-developer",
			[]string{"Official figures: Web developers (SOC 15-1254)", "$90,930", "$48,560", "$162,870", "Projected employment growth 2024-34: +8%"},
			[]string{"$133,080"}},
	} {
		p := member.get("/careers/" + tc.slug + "/salary")
		p.mustContain(t, tc.want...)
		for _, s := range tc.notWant {
			if strings.Contains(p.text(), s) {
				t.Errorf("%s salary page shows %q", tc.slug, s)
			}
		}
	}
	// The catalog's headline median is the occupation's median.
	home := app.browser().get("/")
	home.mustContain(t, "$112,590", "$135,980")

	// Every career's official figures are for its own SOC code.
	for _, c := range app.Catalog().Careers {
		if !strings.Contains(c.Market.Occupation, "(SOC "+c.SOCCode+")") {
			t.Errorf("%s (SOC %s) shows the official figures of %q", c.Slug, c.SOCCode, c.Market.Occupation)
		}
	}

	// A projected decline reads as one, never as "+-4%".
	for _, c := range app.Catalog().Careers {
		if c.Market.GrowthPercent >= 0 {
			continue
		}
		salary := member.get("/careers/" + c.Slug + "/salary")
		salary.mustContain(t, fmt.Sprintf("\u2212%d%%", -c.Market.GrowthPercent))
		if strings.Contains(salary.Body, "+-") || strings.Contains(salary.Body, "+\u2212") {
			t.Errorf("%s: a decline is shown with a plus sign", c.Slug)
		}
	}
}
