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
