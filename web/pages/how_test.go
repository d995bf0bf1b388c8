package pages_test

import (
	"strings"
	"testing"

	"careerguide/web/pages"
)

// The How page shows live alpha only from MinPeople people on, with its
// interval, and always what O*NET's figures lead to expect; it says in
// words why it shows no live figure otherwise.
func TestHowPageAlphaStates(t *testing.T) {
	scales := []pages.HowScale{
		{Letter: "R", Name: "Realistic", Statements: 3, Alpha: "0.61", Interval: "0.55 to 0.66", Expected: "0.51", ONet: "0.78"},
		{Letter: "I", Name: "Investigative", Statements: 2, Note: "answers do not vary yet", Expected: "0.48", ONet: "0.82"},
	}
	cases := []struct {
		people     int64
		down       bool
		want, deny string
		live       bool
	}{
		{12, false, "Not enough people yet: 12 so far.", "We could not read", false},
		{60, false, "from 60 people", "Not enough people", true},
		{60, true, "We could not read the reliability figures just now.", "", true},
	}
	for _, c := range cases {
		p := pages.HowPage{MinPeople: 50, AlphaUnavailable: c.down, Alpha: []pages.HowAlphaTable{{Statements: 15, People: c.people, Scales: scales}}}
		doc := render(t, pages.How(p))
		txt := text(doc.Find("main"))
		if !strings.Contains(txt, c.want) || c.deny != "" && strings.Contains(txt, c.deny) {
			t.Errorf("people %d: want %q, not %q; page: %.300s", c.people, c.want, c.deny, txt)
		}
		live := doc.Find(`table th:contains("α here")`).Length() == 1
		if live != c.live {
			t.Errorf("people %d: live column shown %v, want %v", c.people, live, c.live)
		}
		rows := doc.Find(`table:has(caption:contains("Internal consistency")) tbody tr`)
		if rows.Length() != 2 || !strings.Contains(text(rows.Eq(0)), "0.51") {
			t.Errorf("alpha rows: %q", texts(rows))
		}
		if c.live && (!strings.Contains(text(rows.Eq(0)), "0.55 to 0.66") || !strings.Contains(text(rows.Eq(1)), "answers do not vary yet")) {
			t.Errorf("live rows: %q", texts(rows))
		}
	}
}

// The How page cites its sources in full where we could confirm them:
// journal, volume and pages of Assouline and Meir (1987) and Spokane
// (1985) with the DOI we have, O*NET's report with its address and the α
// we take from it; it says plainly what we could not confirm of Tranberg,
// Slane and Ekeberg (1993); and each study named in the text links to its
// entry.
func TestHowPageCitesItsSources(t *testing.T) {
	doc := render(t, pages.How(pages.HowPage{MinPeople: 50, ONetAlpha: []string{"Realistic .78", "Investigative .82", "Artistic .78", "Social .78", "Enterprising .87", "Conventional .83"}}))
	for id, want := range map[string][]string{
		"source-assouline-meir": {"Assouline, M., and Meir, E. I. (1987).", "Meta-analysis of the relationship between congruence and well-being measures.", "Journal of Vocational Behavior, 31, 319–332.", "doi:10.1016/0001-8791(87)90046-7"},
		"source-spokane":        {"Spokane, A. R. (1985).", "A review of research on person-environment congruence in Holland's theory of careers.", "Journal of Vocational Behavior, 26(3), 306–343."},
		"source-tranberg":       {"Tranberg, M., Slane, S., and Ekeberg, S. E. (1993)", "We have not been able to confirm where it was published (journal, volume and pages)", "Chartrand, J., and Walsh, W. B. (1999).", "Journal of Vocational Behavior, 55, 136–146."},
		"source-rounds":         {"Rounds, J., Su, R., Lewis, P., and Rivkin, D. (2010).", "O*NET Interest Profiler Short Form Psychometric Characteristics: Summary.", "National Center for O*NET Development", "Realistic .78, Investigative .82, Artistic .78, Social .78, Enterprising .87, Conventional .83."},
	} {
		li := doc.Find("main li#" + id)
		if li.Length() != 1 {
			t.Errorf("no source entry #%s", id)
			continue
		}
		txt := text(li)
		for _, w := range want {
			if !strings.Contains(txt, w) {
				t.Errorf("#%s does not say %q; it says %q", id, w, txt)
			}
		}
		if n := doc.Find(`main a[href="#` + id + `"]`).Length(); n != 1 {
			t.Errorf("#%s: %d links from the text, want 1", id, n)
		}
	}
	for _, href := range []string{"https://doi.org/10.1016/0001-8791(87)90046-7", "https://www.onetcenter.org/reports/IPSF_Psychometric.html"} {
		if doc.Find(`main li a[href="`+href+`"]`).Length() != 1 {
			t.Errorf("no link to %s", href)
		}
	}
}
