//go:build !race

package server_test

import (
	"testing"

	"careerguide/internal/browsertest"
)

// An occupation page on a phone and a desktop: its pay and interest
// charts' labels render at 11 px or more and stay inside their charts,
// the group and catch-all notes read well, and axe finds nothing serious.
// Computer Occupations, All Other has top-coded pay ("#"), the longest
// labels; Baristas show a wider group's figures.
func TestBrowserOccupationChartsOnPhones(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	br := browsertest.New(t)
	tab := br.Tab(t, 360, 900)
	for _, code := range []string{"15-1299.00", "35-3023.01", "11-2021.00"} {
		atWidths(tab, app.URL+"/occupations/"+code, []int{360, 390, 1280}, func(width int) {
			w := itoa(width)
			check(t, tab, code+" at "+w+" px")
			var labels []chartLabel
			tab.Eval(chartLabelsScript, &labels)
			if len(labels) < 12 {
				t.Errorf("%s at %s px: %d chart labels, want the pay and interest charts' labels", code, w, len(labels))
			}
			smallest := 100.0
			for _, l := range labels {
				smallest = min(smallest, l.Px)
				if l.Px < 11 || !l.Inside {
					t.Errorf("%s at %s px: chart label %q at %.1f px, inside %v", code, w, l.Text, l.Px, l.Inside)
				}
			}
			t.Logf("%s at %s px: %d chart labels, the smallest at %.1f px", code, w, len(labels), smallest)
			if width != 360 {
				screenshot(t, tab, "occupation-charts-"+code+"-"+w+".png")
			}
		})
	}
	atWidths(tab, app.URL+"/occupations?letter=R&sort=employment", []int{360, 390, 1280}, func(width int) {
		w := itoa(width)
		check(t, tab, "list sorted by employment at "+w+" px")
		if width != 360 {
			screenshot(t, tab, "occupations-group-marks-"+w+".png")
		}
	})
}
