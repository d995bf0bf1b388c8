package server_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// An occupation page lists the other titles O*NET gives it, the most common
// first (by how many of O*NET's sources name them), at most 12, with how
// many O*NET lists and from which release.
func TestOccupationPageSaysWhatElseItIsCalled(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	for _, c := range []struct {
		code, note string
		first      []string
		n          int
	}{
		// Registered Nurses: 100 titles; "Registered Nurse (RN)" is named by 7 sources, "Nurse" by 5.
		{"29-1141.00", "O*NET 29.3 lists 100 other titles for this occupation; these are the first 12.", []string{"Registered Nurse (RN)", "Nurse"}, 12},
		// Baristas: 11 titles; "Barista" is named by 3 sources, the others by 1.
		{"35-3023.01", "O*NET 29.3 lists 11 other titles for this occupation, all shown here.", []string{"Barista"}, 11},
		// Electricians: "Electrician" and "Maintenance Electrician" by 5 each, in name order.
		{"47-2111.00", "O*NET 29.3 lists 89 other titles", []string{"Electrician", "Maintenance Electrician"}, 12},
	} {
		p := b.get("/occupations/" + c.code)
		sec := p.Doc.Find(`section[aria-labelledby="also-called"]`)
		if sec.Find("h2").Text() != "Also called" {
			t.Errorf("%s: no Also called section", c.code)
			continue
		}
		var titles []string
		sec.Find("li").Each(func(_ int, s *goquery.Selection) { titles = append(titles, strings.TrimSpace(s.Text())) })
		if len(titles) != c.n || !slices.Equal(titles[:len(c.first)], c.first) {
			t.Errorf("%s: %d titles %q, want %d starting %q", c.code, len(titles), titles, c.n, c.first)
		}
		if note := sec.Find("p.source").Text(); !strings.Contains(note, c.note) || !strings.Contains(note, "sources O*NET draws its titles from") {
			t.Errorf("%s: note %q, want %q and what the order means", c.code, note, c.note)
		}
	}
}
