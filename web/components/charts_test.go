package components_test

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"careerguide/internal/career"
	"careerguide/web/components"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"
)

// chart renders one chart component, which draws a wide and a narrow
// layout, and returns the wide <svg>, after checking what every layout
// owes a visitor: a text alternative read by screen readers and only
// finite coordinates inside its own viewBox.
func chart(t *testing.T, c templ.Component) *goquery.Selection {
	t.Helper()
	svgs := render(t, c).Find("svg")
	if svgs.Length() != 2 {
		t.Fatalf("%d svg elements, want a wide and a narrow layout", svgs.Length())
	}
	for i, class := range []string{"chart wide", "chart narrow"} {
		if got := attr(t, svgs.Eq(i), "class"); got != class {
			t.Errorf("svg %d: class %q, want %q", i, got, class)
		}
		checkSVG(t, svgs.Eq(i))
	}
	if a, b := attr(t, svgs.Eq(0), "aria-labelledby"), attr(t, svgs.Eq(1), "aria-labelledby"); a == b {
		t.Errorf("both layouts are labelled by %q: ids must differ", a)
	}
	return svgs.Eq(0)
}

// narrowOf is the narrow layout that chart checked beside the wide svg.
func narrowOf(svg *goquery.Selection) *goquery.Selection { return svg.Next() }

// checkSVG checks one layout of a chart.
func checkSVG(t *testing.T, svg *goquery.Selection) {
	t.Helper()
	if got := attr(t, svg, "role"); got != "img" {
		t.Errorf("svg role=%q, want img", got)
	}
	ids := strings.Fields(attr(t, svg, "aria-labelledby"))
	if len(ids) != 2 {
		t.Fatalf("aria-labelledby=%q, want the title and the description", ids)
	}
	for i, tag := range []string{"title", "desc"} {
		el := svg.Find(tag + "#" + ids[i])
		if el.Length() != 1 || text(el) == "" {
			t.Errorf("aria-labelledby names %q, want a non-empty <%s> with that id in the chart", ids[i], tag)
		}
	}
	var box []float64
	for _, f := range strings.Fields(attr(t, svg, "viewBox")) {
		box = append(box, finite(t, "viewBox", f))
	}
	if len(box) != 4 || box[2] <= 0 || box[3] <= 0 {
		t.Fatalf("viewBox %v, want x y width height", box)
	}
	inside := func(what string, x, y float64) {
		if x < box[0] || x > box[0]+box[2] || y < box[1] || y > box[1]+box[3] {
			t.Errorf("%s at (%.1f, %.1f) lies outside the viewBox %v", what, x, y, box)
		}
	}
	svg.Find("*").Each(func(_ int, e *goquery.Selection) {
		for _, a := range e.Nodes[0].Attr {
			switch a.Key {
			case "x", "y", "x1", "x2", "y1", "y2", "width", "height", "cx", "cy", "r":
				v := finite(t, a.Key, a.Val)
				if (a.Key == "width" || a.Key == "height") && v < 0 {
					t.Errorf("negative %s=%s", a.Key, a.Val)
				}
			case "d":
				for _, p := range pathPoints(t, a.Val) {
					inside("path point", p[0], p[1])
				}
			}
		}
		switch goquery.NodeName(e) {
		case "rect":
			x, y, w, h := num(t, e, "x"), num(t, e, "y"), num(t, e, "width"), num(t, e, "height")
			inside("rect corner", x, y)
			inside("rect corner", x+w, y+h)
		case "circle":
			inside("circle", num(t, e, "cx"), num(t, e, "cy"))
		case "text":
			inside("label "+text(e), num(t, e, "x"), num(t, e, "y"))
		case "line":
			inside("line end", num(t, e, "x1"), num(t, e, "y1"))
			inside("line end", num(t, e, "x2"), num(t, e, "y2"))
		}
	})
}

func finite(t *testing.T, name, v string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		t.Errorf("%s=%q is not a finite number", name, v)
	}
	return f
}

// pathPoints reads the points of an SVG path made of M and L commands.
func pathPoints(t *testing.T, d string) [][2]float64 {
	t.Helper()
	var pts [][2]float64
	fields := strings.Fields(d)
	for i := 0; i+1 < len(fields); i += 2 {
		cmd := fields[i][:1]
		if cmd != "M" && cmd != "L" || (cmd == "M") != (i == 0) {
			t.Fatalf("path %q: want M then L commands", d)
		}
		pts = append(pts, [2]float64{finite(t, "path x", fields[i][1:]), finite(t, "path y", fields[i+1])})
	}
	if len(fields)%2 != 0 {
		t.Fatalf("path %q: odd number of coordinates", d)
	}
	return pts
}

func near(a, b float64) bool { return math.Abs(a-b) <= 0.11 }

// testCareer has round figures, so the expected labels are plain to read.
func testCareer() *career.Career {
	return &career.Career{Slug: "test-engineer", Name: "Test Engineer", Levels: []career.Level{
		{Key: "junior", Rank: 1, Title: "Junior Test Engineer", Short: "Junior", Base: career.Range{Min: 70000, Max: 95000}},
		{Key: "mid", Rank: 2, Title: "Test Engineer", Short: "Mid-level", Base: career.Range{Min: 95000, Max: 125000}},
		{Key: "staff", Rank: 3, Title: "Staff Test Engineer", Short: "Staff", Base: career.Range{Min: 125500, Max: 160000}},
	}, Projection: career.Projection{Points: []career.ProjectionPoint{
		{Year: 0, Stage: "Junior", Conservative: 70000, Aggressive: 70000},
		{Year: 5, Stage: "Mid-level", Conservative: 110000, Aggressive: 130000},
		{Year: 10, Stage: "Staff", Conservative: 140000, Aggressive: 190000},
	}}}
}

func TestSalaryBands(t *testing.T) {
	c := testCareer()
	svg := chart(t, components.SalaryBands(components.NewBandChart(c, "mid")))
	if got := text(svg.Find("title")); !strings.Contains(got, "Test Engineer") {
		t.Errorf("title %q does not name the career", got)
	}
	bands := svg.Find("rect.band")
	if bands.Length() != len(c.Levels) {
		t.Fatalf("%d bars, want one per level (%d)", bands.Length(), len(c.Levels))
	}
	var here []int
	bands.Each(func(i int, b *goquery.Selection) {
		if b.HasClass("here") {
			here = append(here, i)
		}
	})
	if !slices.Equal(here, []int{1}) {
		t.Errorf("bars highlighted: %v, want only the set level's (1)", here)
	}
	if got, want := texts(svg.Find(`text[text-anchor="end"]`)), []string{"Junior", "Mid-level", "Staff"}; !slices.Equal(got, want) {
		t.Errorf("level labels %q, want %q", got, want)
	}
	if got, want := texts(svg.Find("text:not([text-anchor])")), []string{"$70K–$95K", "$95K–$125K", "$125.5K–$160K"}; !slices.Equal(got, want) {
		t.Errorf("pay labels %q, want %q", got, want)
	}
	ticks := svg.Find(`text[text-anchor="middle"]`)
	if got, want := texts(ticks), []string{"$0", "$50K", "$100K", "$150K", "$200K"}; !slices.Equal(got, want) {
		t.Fatalf("axis labels %q, want %q", got, want)
	}
	// Each bar spans its level's range on the axis.
	x0, x200 := num(t, ticks.First(), "x"), num(t, ticks.Last(), "x")
	at := func(dollars int) float64 { return x0 + float64(dollars)/200000*(x200-x0) }
	bands.Each(func(i int, b *goquery.Selection) {
		l := c.Levels[i]
		x, w := num(t, b, "x"), num(t, b, "width")
		if !near(x, at(l.Base.Min)) || !near(x+w, at(l.Base.Max)) {
			t.Errorf("%s bar spans %.1f-%.1f, want %.1f-%.1f on the axis", l.Key, x, x+w, at(l.Base.Min), at(l.Base.Max))
		}
	})
}

func TestSalaryBandsOfEveryCareer(t *testing.T) {
	for _, c := range catalog(t).Careers {
		t.Run(c.Slug, func(t *testing.T) {
			svg := chart(t, components.SalaryBands(components.NewBandChart(&c, c.Levels[len(c.Levels)-1].Key)))
			if n := svg.Find("rect.band").Length(); n != len(c.Levels) {
				t.Errorf("%d bars, want %d", n, len(c.Levels))
			}
			var want []string
			for _, l := range c.Levels {
				want = append(want, components.MoneyShort(l.Base.Min)+"–"+components.MoneyShort(l.Base.Max))
			}
			if got := texts(svg.Find("text:not([text-anchor])")); !slices.Equal(got, want) {
				t.Errorf("pay labels %q, want %q", got, want)
			}
			if n := svg.Find("rect.band.here").Length(); n != 1 {
				t.Errorf("%d bars highlighted, want the top level's", n)
			}
		})
	}
}

func TestProjectionChart(t *testing.T) {
	c := testCareer()
	svg := chart(t, components.ProjectionChart(components.NewProjectionChart(c)))
	if got := text(svg.Find("title")); !strings.Contains(got, "10 years") || !strings.Contains(got, "Test Engineer") {
		t.Errorf("title %q, want the span and the career", got)
	}
	grid := svg.Find("line.grid")
	if got, want := texts(svg.Find(`text[text-anchor="end"]`)), []string{"$0", "$50K", "$100K", "$150K", "$200K"}; !slices.Equal(got, want) {
		t.Fatalf("pay axis %q, want %q", got, want)
	}
	years := svg.Find(`text[text-anchor="middle"]`)
	if got, want := texts(years), []string{"0", "5", "10", "Years of experience"}; !slices.Equal(got, want) {
		t.Fatalf("year axis %q, want %q", got, want)
	}
	y0, y200 := num(t, grid.First(), "y1"), num(t, grid.Last(), "y1")
	yAt := func(dollars int) float64 { return y0 + float64(dollars)/200000*(y200-y0) }
	for class, pick := range map[string]func(career.ProjectionPoint) int{
		"1": func(p career.ProjectionPoint) int { return p.Aggressive },
		"2": func(p career.ProjectionPoint) int { return p.Conservative },
	} {
		dots := svg.Find("circle.dot-" + class)
		if dots.Length() != len(c.Projection.Points) {
			t.Fatalf("line %s: %d dots, want one per year (%d)", class, dots.Length(), len(c.Projection.Points))
		}
		line := pathPoints(t, attr(t, svg.Find("path.line-"+class), "d"))
		if len(line) != dots.Length() {
			t.Fatalf("line %s: %d points, want %d", class, len(line), dots.Length())
		}
		dots.Each(func(i int, d *goquery.Selection) {
			p := c.Projection.Points[i]
			cx, cy := num(t, d, "cx"), num(t, d, "cy")
			if !near(cx, num(t, years.Eq(i), "x")) || !near(cy, yAt(pick(p))) {
				t.Errorf("line %s, year %d: dot at (%.1f, %.1f), want over its year at $%d", class, p.Year, cx, cy, pick(p))
			}
			if !near(line[i][0], cx) || !near(line[i][1], cy) {
				t.Errorf("line %s does not pass through its dot for year %d", class, p.Year)
			}
		})
	}
	legend := texts(svg.Find("g text"))
	if !slices.Equal(legend, []string{"Aggressive", "Conservative"}) {
		t.Errorf("legend %q", legend)
	}
}

func TestProjectionOfEveryCareer(t *testing.T) {
	for _, c := range catalog(t).Careers {
		t.Run(c.Slug, func(t *testing.T) {
			svg := chart(t, components.ProjectionChart(components.NewProjectionChart(&c)))
			for _, class := range []string{"dot-1", "dot-2"} {
				if n := svg.Find("circle." + class).Length(); n != len(c.Projection.Points) {
					t.Errorf("%d %s dots, want %d", n, class, len(c.Projection.Points))
				}
			}
		})
	}
}

func TestScoresVsCareer(t *testing.T) {
	person := [6]float64{7, 1, 4, 0, 9, 5.5} // 0 and 9 lie outside the 1-7 scale
	profile := [6]float64{1, 7, 2.5, 3, 4, 6}
	svg := chart(t, components.ScoresVsCareer(components.NewScoreChart("scores", "Test Engineer", person, profile)))
	if got := text(svg.Find("title")); !strings.Contains(got, "Test Engineer") {
		t.Errorf("title %q does not name the career", got)
	}
	if got, want := texts(svg.Find(`svg > text[text-anchor="middle"]`)), []string{"R", "I", "A", "S", "E", "C"}; !slices.Equal(got, want) {
		t.Errorf("type labels %q, want %q", got, want)
	}
	if got, want := texts(svg.Find(`text[text-anchor="end"]`)), []string{"1", "2", "3", "4", "5", "6", "7"}; !slices.Equal(got, want) {
		t.Fatalf("scale %q, want %q", got, want)
	}
	grid := svg.Find("line.grid")
	bottom, top := num(t, grid.First(), "y1"), num(t, grid.Last(), "y1")
	heightOf := func(score float64) float64 { return (min(max(score, 1), 7) - 1) / 6 * (bottom - top) }
	for class, scores := range map[string][6]float64{"bar-1": person, "bar-2": profile} {
		bars := svg.Find("svg > rect." + class)
		if bars.Length() != 6 {
			t.Fatalf("%d %s bars, want one per RIASEC type", bars.Length(), class)
		}
		bars.Each(func(i int, b *goquery.Selection) {
			y, h := num(t, b, "y"), num(t, b, "height")
			if !near(y+h, bottom) {
				t.Errorf("%s %d: bar ends at %.1f, not on the axis at %.1f", class, i, y+h, bottom)
			}
			if !near(h, heightOf(scores[i])) {
				t.Errorf("%s %d: score %.1f drawn %.1f high, want %.1f", class, i, scores[i], h, heightOf(scores[i]))
			}
		})
	}
	if got := texts(svg.Find("g text")); !slices.Equal(got, []string{"You", "Test Engineer (O*NET)"}) {
		t.Errorf("legend %q", got)
	}
}

func TestScoresVsEveryCareer(t *testing.T) {
	for _, c := range catalog(t).Careers {
		chart(t, components.ScoresVsCareer(components.NewScoreChart("s-"+c.Slug, c.Name, [6]float64{1, 2, 3, 4, 5, 6}, c.Interests.Scores)))
	}
}

func TestMatchHistogram(t *testing.T) {
	counts := make([]int64, 20)
	counts[1], counts[2], counts[3], counts[19] = 3, 5, 10, 20 // bucket 1 is under the privacy threshold
	svg := chart(t, components.MatchHistogram(components.NewHistogram("histogram", counts, nil, 5)))
	if got := text(svg.Find("desc")); !strings.Contains(got, "fewer than 5") {
		t.Errorf("description %q does not say small groups are hidden", got)
	}
	bottom := num(t, svg.Find("line.grid"), "y1")
	bars := svg.Find("rect.bar-1")
	wantBuckets := []int{2, 3, 19}
	if bars.Length() != len(wantBuckets) {
		t.Fatalf("%d bars, want one per bucket with at least 5 results (%d)", bars.Length(), len(wantBuckets))
	}
	ticks := svg.Find(`text[text-anchor="middle"]`)
	if got, want := texts(ticks), []string{"0%", "20%", "40%", "60%", "80%", "100%"}; !slices.Equal(got, want) {
		t.Fatalf("axis %q, want %q", got, want)
	}
	x0, x100 := num(t, ticks.First(), "x"), num(t, ticks.Last(), "x")
	width := (x100 - x0) / 20
	tallest := 0.0
	bars.Each(func(i int, b *goquery.Selection) {
		tallest = max(tallest, num(t, b, "height"))
	})
	bars.Each(func(i int, b *goquery.Selection) {
		k := wantBuckets[i]
		x, w, y, h := num(t, b, "x"), num(t, b, "width"), num(t, b, "y"), num(t, b, "height")
		if x < x0+float64(k)*width || x+w > x0+float64(k+1)*width {
			t.Errorf("bar %d spans %.1f-%.1f, outside bucket %d (%.1f-%.1f)", i, x, x+w, k, x0+float64(k)*width, x0+float64(k+1)*width)
		}
		if !near(y+h, bottom) {
			t.Errorf("bar %d ends at %.1f, not on the axis at %.1f", i, y+h, bottom)
		}
		if want := float64(counts[k]) / 20 * tallest; !near(h, want) {
			t.Errorf("bucket %d (%d results) is %.1f high, want %.1f", k, counts[k], h, want)
		}
	})
}

// A band with many results from fewer than 5 people (one network sending
// the test again and again) is hidden like a small one, and does not set
// the scale of the others.
func TestMatchHistogramHidesBandsOfFewPeople(t *testing.T) {
	counts, people := make([]int64, 20), make([]int64, 20)
	counts[3], people[3] = 10, 5
	counts[17], people[17] = 40, 2
	ch := components.NewHistogram("histogram", counts, people, 5)
	if !ch.Bars[17].Hidden || ch.Bars[17].H != 0 || ch.Bars[3].Hidden {
		t.Fatalf("band 17 (40 results, 2 people) hidden %v, height %.1f; band 3 hidden %v", ch.Bars[17].Hidden, ch.Bars[17].H, ch.Bars[3].Hidden)
	}
	if ch.Bars[3].H < 170 { // the tallest band shown fills the plot (180)
		t.Fatalf("band 3 is %.1f high: the hidden band set the scale", ch.Bars[3].H)
	}
	svg := chart(t, components.MatchHistogram(ch))
	if n := svg.Find("rect.bar-1").Length(); n != 1 {
		t.Fatalf("%d bars drawn, want 1", n)
	}
}

func TestMatchHistogramEmpty(t *testing.T) {
	svg := chart(t, components.MatchHistogram(components.NewHistogram("histogram", make([]int64, 20), nil, 5)))
	if n := svg.Find("rect").Length(); n != 0 {
		t.Errorf("%d bars drawn without results", n)
	}
}

// A histogram of fewer than five buckets must still lay out (its axis
// once stepped by len/5, which is zero there, and never ended).
func TestMatchHistogramFewBuckets(t *testing.T) {
	for _, n := range []int{1, 2, 3, 4, 5, 6, 7, 10, 20} {
		counts := make([]int64, n)
		for i := range counts {
			counts[i] = int64(5 * (i + 1))
		}
		done := make(chan components.Histogram, 1)
		go func() { done <- components.NewHistogram("h", counts, nil, 5) }()
		select {
		case h := <-done:
			svg := chart(t, components.MatchHistogram(h))
			if got := svg.Find("rect.bar-1").Length(); got != n {
				t.Errorf("%d buckets: %d bars", n, got)
			}
			labels := texts(svg.Find(`text[text-anchor="middle"]`))
			if len(labels) < 2 || labels[0] != "0%" || labels[len(labels)-1] != "100%" {
				t.Errorf("%d buckets: axis %q, want it to run from 0%% to 100%%", n, labels)
			}
		case <-time.After(2 * time.Second):
			t.Fatalf("NewHistogram with %d buckets did not return", n)
		}
	}
}

// The narrow layouts are 320 units across, so that their 12-unit labels
// render at about 12 px in a phone's column, and every label fits: text
// is estimated at 0.55 of the font size a character (the browser test
// measures the rendered boxes), right-anchored text ends at its x.
func TestNarrowLayoutsFitTheirLabels(t *testing.T) {
	const fontSize, charW = 12.0, 0.55
	type labelBox struct {
		text                     string
		left, right, top, bottom float64
	}
	fits := func(t *testing.T, what string, svg *goquery.Selection) {
		t.Helper()
		var boxes []labelBox
		box := strings.Fields(attr(t, svg, "viewBox"))
		if len(box) != 4 || box[2] != "320" {
			t.Fatalf("%s: narrow viewBox %q, want 320 units across", what, box)
		}
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
			boxes = append(boxes, labelBox{text(e), left, right, num(t, e, "y") - fontSize*0.8, num(t, e, "y")})
		})
		// No two labels overlap (a label's box rises 0.8 of the font size
		// from its baseline).
		for i, a := range boxes {
			for _, b := range boxes[i+1:] {
				if a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom {
					t.Errorf("%s: labels %q and %q overlap", what, a.text, b.text)
				}
			}
		}
	}
	for _, c := range catalog(t).Careers {
		fits(t, c.Slug+" bands", narrowOf(chart(t, components.SalaryBands(components.NewBandChart(&c, "")))))
		fits(t, c.Slug+" projection", narrowOf(chart(t, components.ProjectionChart(components.NewProjectionChart(&c)))))
		fits(t, c.Slug+" scores", narrowOf(chart(t, components.ScoresVsCareer(components.NewScoreChart("s", c.Name, c.Interests.Scores, c.Interests.Scores)))))
		for _, horizon := range []int{career.MinHorizon, career.MaxHorizon} {
			for _, basis := range []career.PayBasis{career.BasisBase, career.BasisTop} {
				a := c.DefaultAssumptions(nil)
				a.Horizon, a.Basis, a.Raise = horizon, basis, career.MaxRaise
				what := fmt.Sprintf("%s simulation over %d years (%s)", c.Slug, horizon, basis)
				fits(t, what, narrowOf(chart(t, components.SimulationChart(components.NewSimulationChart(&c, c.Simulate(a))))))
			}
		}
	}
	fits(t, "histogram", narrowOf(chart(t, components.MatchHistogram(components.NewHistogram("h", make([]int64, 20), nil, 5)))))
}
