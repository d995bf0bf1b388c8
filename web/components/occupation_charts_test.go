package components_test

import (
	"strings"
	"testing"

	"careerguide/web/components"

	"github.com/PuerkitoBio/goquery"
)

// The occupation page's pay and interest charts have a narrow layout, 320
// units across, so that their 12-unit labels render at 11 px or more in a
// 360 px phone's column (at least 328 px of it: 12 × 328 / 320 ≥ 11), and
// every label stays inside the chart without touching another. Checked on
// every occupation with wages or interests, including the "#" top-coded
// figures, whose labels are the longest.
func TestOccupationChartsHaveANarrowLayout(t *testing.T) {
	const fontSize, charW = 12.0, 0.55
	cat := catalog(t)
	check := func(what string, svg *goquery.Selection) {
		t.Helper()
		if vb := strings.Fields(attr(t, svg, "viewBox")); len(vb) != 4 || vb[2] != "320" {
			t.Fatalf("%s: narrow viewBox %q, want 320 units across", what, vb)
		}
		type box struct {
			s                        string
			left, right, top, bottom float64
		}
		var boxes []box
		svg.Find("text").Each(func(_ int, e *goquery.Selection) {
			x, w := num(t, e, "x"), float64(len([]rune(text(e))))*fontSize*charW
			left, right := x, x+w
			switch e.AttrOr("text-anchor", "start") {
			case "end":
				left, right = x-w, x
			case "middle":
				left, right = x-w/2, x+w/2
			}
			if left < 0 || right > 320 {
				t.Errorf("%s: label %q spans %.0f to %.0f, outside 0 to 320", what, text(e), left, right)
			}
			boxes = append(boxes, box{text(e), left, right, num(t, e, "y") - fontSize*0.8, num(t, e, "y")})
		})
		for i, a := range boxes {
			for _, b := range boxes[i+1:] {
				if a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom {
					t.Errorf("%s: labels %q and %q overlap", what, a.s, b.s)
				}
			}
		}
	}
	pay, interests := 0, 0
	for i := range cat.Occupations {
		o := &cat.Occupations[i]
		if o.Wages != nil && !o.Wages.HourlyOnly {
			check(o.Code+" pay", narrowOf(chart(t, components.PayPercentiles(components.NewPercentileChart(o, &cat.OccupationData)))))
			pay++
		}
		if o.Interests != nil {
			check(o.Code+" interests", narrowOf(chart(t, components.InterestProfile(components.NewInterestChart(o.Title, o.Interests)))))
			interests++
		}
		if t.Failed() {
			return
		}
	}
	if pay < 900 || interests < 900 {
		t.Fatalf("checked %d pay and %d interest charts", pay, interests)
	}
}
