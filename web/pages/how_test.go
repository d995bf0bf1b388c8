package pages_test

import (
	"strings"
	"testing"

	"careerguide/web/pages"
)

// The How page shows the alpha table only from MinResults results on, and
// says in words why it shows none otherwise.
func TestHowPageAlphaStates(t *testing.T) {
	scales := []pages.HowScale{
		{Letter: "R", Name: "Realistic", Statements: 2, Alpha: "0.61"},
		{Letter: "I", Name: "Investigative", Statements: 3, Note: "answers do not vary yet"},
	}
	cases := []struct {
		p          pages.HowPage
		want, deny string
		table      bool
	}{
		{pages.HowPage{Scales: scales, Results: 12, MinResults: 50}, "Not enough results yet: 12 stored so far.", "We could not read", false},
		{pages.HowPage{Scales: scales, Results: 60, MinResults: 50}, "from 60 results stored on careerguide", "Not enough results", true},
		{pages.HowPage{Scales: scales, Results: 60, MinResults: 50, AlphaUnavailable: true}, "We could not read the reliability figures just now.", "from 60 results", false},
	}
	for _, c := range cases {
		doc := render(t, pages.How(c.p))
		txt := text(doc.Find("main"))
		if !strings.Contains(txt, c.want) || strings.Contains(txt, c.deny) {
			t.Errorf("results %d (unavailable %v): want %q, not %q; page: %.300s", c.p.Results, c.p.AlphaUnavailable, c.want, c.deny, txt)
		}
		table := doc.Find(`table caption:contains("Internal consistency")`).Length() == 1
		if table != c.table {
			t.Errorf("results %d (unavailable %v): alpha table shown %v, want %v", c.p.Results, c.p.AlphaUnavailable, table, c.table)
		}
		if c.table {
			rows := doc.Find(`table:has(caption:contains("Internal consistency")) tbody tr`)
			if rows.Length() != 2 || text(rows.Eq(0).Find("td").Last()) != "0.61" || text(rows.Eq(1).Find("td").Last()) != "answers do not vary yet" {
				t.Errorf("alpha rows: %q", texts(rows))
			}
		}
	}
}
