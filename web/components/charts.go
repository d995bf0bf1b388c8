package components

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"careerguide/internal/career"
	"careerguide/internal/quiz"

	"github.com/a-h/templ"
)

// Geometry of the server-rendered SVG charts. Everything is computed here,
// so the templates only place shapes.
//
// Every chart has two layouts: a wide one (chartW units across) and a
// narrow one for phones (narrowW units), which the stylesheet swaps at
// 40rem. An SVG scales with its box, so one layout cannot serve both: the
// wide one's 12-unit labels would render at about 6 px on a 360 px phone,
// the narrow one's at about 12 px.

const (
	chartW      = 640
	narrowW     = 320
	bandLabelW  = 190
	bandRowH    = 34
	bandTop     = 10
	axisH       = 28
	lineLeft    = 64
	lineRight   = 16
	lineTop     = 16
	lineH       = 260
	tickDollars = 50000
)

// Frame is what every chart has whatever it draws: the id its title and
// description are named by, the title and description a screen reader
// reads, and its size in SVG units.
type Frame struct {
	ID            string
	Title, Desc   string
	Width, Height int
}

// ViewBox is the frame's SVG viewBox.
func (f Frame) ViewBox() string {
	return "0 0 " + strconv.Itoa(f.Width) + " " + strconv.Itoa(f.Height)
}

// layouts renders a chart's wide layout and, when it has one, its narrow
// layout after it, for the stylesheet to swap at 40rem.
func layouts[T any](wide T, narrow *T, draw func(T, string) templ.Component) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		if err := draw(wide, layoutClass(narrow != nil)).Render(ctx, w); err != nil {
			return err
		}
		if narrow == nil {
			return nil
		}
		return draw(*narrow, "chart narrow").Render(ctx, w)
	})
}

// layoutClass is the class of a chart's wide layout: "chart wide" when a
// narrow layout follows it for the stylesheet to swap in, else "chart".
func layoutClass(hasNarrow bool) string {
	if hasNarrow {
		return "chart wide"
	}
	return "chart"
}

// SalaryBands is the salary band chart, in its wide and narrow layouts;
// the page follows it with a table of the same figures.
func SalaryBands(ch BandChart) templ.Component { return layouts(ch, ch.Narrow, salaryBands) }

// ProjectionChart draws the two salary scenarios, in its wide and narrow
// layouts.
func ProjectionChart(ch LineChart) templ.Component { return layouts(ch, ch.Narrow, projectionSVG) }

// ScoresVsCareer draws the six RIASEC scores of a person and a career, in
// its wide and narrow layouts.
func ScoresVsCareer(ch ScoreChart) templ.Component { return layouts(ch, ch.Narrow, scoresVsCareer) }

// MatchHistogram draws the distribution of match percentages, in its wide
// and narrow layouts.
func MatchHistogram(ch Histogram) templ.Component { return layouts(ch, ch.Narrow, matchHistogram) }

// SimulationChart draws a simulated pay path against the two projections,
// in its wide and narrow layouts.
func SimulationChart(ch SimChart) templ.Component { return layouts(ch, ch.Narrow, simulationSVG) }

// Tick is an axis label at a position.
type Tick struct {
	Pos   float64
	Label string
}

// Band is one level's bar in the salary band chart.
type Band struct {
	Label      string
	X, Y, W, H float64
	TextY      float64
	ValueX     float64
	Value      string
	Here       bool
}

// BandChart is the salary band per level.
type BandChart struct {
	Frame
	Bands      []Band
	Ticks      []Tick
	PlotLeft   float64
	PlotBottom float64
	// Stacked puts each level's name and range on a line above its bar
	// (the narrow layout) instead of to its left and right.
	Stacked bool
	// Narrow is the same chart laid out for phones; nil in a narrow layout.
	Narrow *BandChart
}

func roundUp(v, step int) int { return (v + step - 1) / step * step }

// payTick is the step between pay labels on an axis from 0 to at least
// maxPay that is plotH units high: tickDollars, or the first of its
// multiples 2, 5, 10, 20, ... that leaves 20 units a label.
func payTick(maxPay int, plotH float64) int {
	for scale := tickDollars; ; scale *= 10 {
		for _, k := range []int{1, 2, 5} {
			if tick := k * scale; float64(roundUp(maxPay, tick)/tick)*20 <= plotH {
				return tick
			}
		}
	}
}

// payByYear scales a line chart of pay by year: years along the plot,
// pay from 0 to at least maxPay up it, with its pay labels set (payTick
// apart). x and y place a year and a pay.
func payByYear(ch *LineChart, years, maxPay int) (x func(year int) float64, y func(pay int) float64) {
	plotH := ch.PlotBottom - ch.PlotTop
	tick := payTick(max(maxPay, 1), plotH)
	top := roundUp(max(maxPay, 1), tick)
	x = func(year int) float64 {
		return ch.PlotLeft + float64(year)/float64(years)*(ch.PlotRight-ch.PlotLeft)
	}
	y = func(v int) float64 { return ch.PlotBottom - float64(v)/float64(top)*plotH }
	for v := 0; v <= top; v += tick {
		ch.YTicks = append(ch.YTicks, Tick{Pos: y(v), Label: MoneyShort(v)})
	}
	return x, y
}

// yearLabelStep is every how many years a chart of years across plotW
// units labels: a year label needs about 24 units.
func yearLabelStep(years int, plotW float64) int {
	return max(1, int(24*float64(years)/plotW+0.999))
}

// NewBandChart lays out the base salary band of every level; currentKey is
// highlighted.
func NewBandChart(c *career.Career, currentKey string) BandChart {
	ch := bandChart(c, currentKey, false)
	narrow := bandChart(c, currentKey, true)
	ch.Narrow = &narrow
	return ch
}

// bandChart lays out the wide chart (names left of the bars, ranges right
// of them) or the narrow one (name and range above each bar, ticks every
// two steps).
func bandChart(c *career.Career, currentKey string, stacked bool) BandChart {
	top := roundUp(c.TopPay(), tickDollars)
	width, left, right, rowH, step, id := chartW, float64(bandLabelW), 90.0, bandRowH, tickDollars, "bands-"+c.Slug
	if stacked {
		width, left, right, rowH, step, id = narrowW, 16, 24, 44, 2*tickDollars, id+"-narrow"
	}
	plotW := float64(width) - left - right
	x := func(v int) float64 { return left + float64(v)/float64(top)*plotW }
	ch := BandChart{
		Frame: Frame{
			ID: id, Width: width, Height: bandTop + len(c.Levels)*rowH + axisH,
			Title: "Base salary by level: " + c.Name,
			Desc:  "Horizontal bars from the lowest to the highest base salary of each level, in US dollars a year. The table below has the same figures.",
		},
		PlotLeft: left, Stacked: stacked,
	}
	ch.PlotBottom = float64(bandTop + len(c.Levels)*rowH)
	for i, l := range c.Levels {
		y := float64(bandTop + i*rowH)
		b := Band{
			Label: l.Short, X: x(l.Base.Min), Y: y + 6, W: x(l.Base.Max) - x(l.Base.Min), H: float64(rowH - 12),
			TextY: y + float64(rowH)/2 + 4, ValueX: x(l.Base.Max) + 6,
			Value: MoneyShort(l.Base.Min) + "–" + MoneyShort(l.Base.Max), Here: l.Key == currentKey,
		}
		if stacked { // the text line on top, then the bar
			b.TextY, b.Y, b.H = y+14, y+20, float64(rowH-26)
		}
		ch.Bands = append(ch.Bands, b)
	}
	for v := 0; v <= top; v += step {
		ch.Ticks = append(ch.Ticks, Tick{Pos: x(v), Label: MoneyShort(v)})
	}
	return ch
}

// LegendKey is one key of a line chart's legend: a short line of Class
// starting at X, then its Label 30 units to the right.
type LegendKey struct {
	X     float64
	Class string
	Label string
}

// simLegend is the simulator's legend keys (you, aggressive,
// conservative), starting at the given x positions.
func simLegend(you, aggr, cons float64) []LegendKey {
	return []LegendKey{{X: you, Class: "line-3", Label: "You"}, {X: aggr, Class: "line-1", Label: "Aggressive"}, {X: cons, Class: "line-2", Label: "Conservative"}}
}

// Point is a chart coordinate.
type Point struct{ X, Y float64 }

// LineChart is the salary projection in two scenarios.
type LineChart struct {
	Frame
	Conservative, Aggressive []Point
	ConsPath, AggrPath       string
	XTicks, YTicks           []Tick
	PlotLeft, PlotRight      float64
	PlotTop, PlotBottom      float64
	// Legend is the chart's keys: a line of each key's class, then its label.
	Legend []LegendKey
	// Narrow is the same chart laid out for phones; nil in a narrow layout.
	Narrow *LineChart
}

// NewProjectionChart lays out the projection points by year.
func NewProjectionChart(c *career.Career) LineChart {
	ch := projectionChart(c, chartW, lineH, "projection-"+c.Slug)
	narrow := projectionChart(c, narrowW, 200, "projection-"+c.Slug+"-narrow")
	ch.Narrow = &narrow
	return ch
}

// projectionChart lays out the chart width units across with a plot
// plotH units high; a year label needs about 24 units, so a narrow chart
// labels every other year.
func projectionChart(c *career.Career, width int, plotH float64, id string) LineChart {
	pts := c.Projection.Points
	ch := LineChart{
		Frame: Frame{
			ID: id, Width: width, Height: int(lineTop + plotH + axisH + 8),
			Title: "Salary projection over " + strconv.Itoa(c.Projection.Years()) + " years: " + c.Name,
			Desc:  "Two lines of yearly pay by year of experience: a conservative and an aggressive scenario. The table below has the same figures.",
		},
		PlotLeft: lineLeft, PlotRight: float64(width - lineRight), PlotTop: lineTop, PlotBottom: lineTop + plotH,
		Legend: []LegendKey{{X: lineLeft + 10, Class: "line-1", Label: "Aggressive"}, {X: lineLeft + 130, Class: "line-2", Label: "Conservative"}},
	}
	if len(pts) == 0 {
		return ch
	}
	x, y := payByYear(&ch, c.Projection.Years(), c.Projection.MaxPay())
	every := yearLabelStep(len(pts), ch.PlotRight-ch.PlotLeft)
	for i, p := range pts {
		ch.Conservative = append(ch.Conservative, Point{x(p.Year), y(p.Conservative)})
		ch.Aggressive = append(ch.Aggressive, Point{x(p.Year), y(p.Aggressive)})
		if i%every == 0 {
			ch.XTicks = append(ch.XTicks, Tick{Pos: x(p.Year), Label: strconv.Itoa(p.Year)})
		}
	}
	ch.ConsPath, ch.AggrPath = path(ch.Conservative), path(ch.Aggressive)
	return ch
}

func path(pts []Point) string {
	s := ""
	for i, p := range pts {
		cmd := "L"
		if i == 0 {
			cmd = "M"
		}
		s += fmt.Sprintf("%s%.1f %.1f ", cmd, p.X, p.Y)
	}
	return s
}

// OneDecimal formats a number with one decimal, as SVG coordinates are written.
func OneDecimal(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// ScoreBar is one RIASEC type's pair of bars: the person and the career.
type ScoreBar struct {
	Letter           string
	X                float64 // left of the pair
	PersonY, PersonH float64
	CareerY, CareerH float64
	PersonV, CareerV string
}

// ScoreChart compares a person's six interest scores with a career's profile.
type ScoreChart struct {
	Frame
	Bars                []ScoreBar
	BarW                float64
	YTicks              []Tick
	PlotLeft, PlotRight float64
	PlotBottom          float64
	CareerName          string
	// Legend1X is where the person's legend key starts; Legend2 where the
	// career's does: beside the person's, or on a line of its own at the
	// left edge in the narrow layout.
	Legend1X float64
	Legend2  Point
	// Narrow is the same chart laid out for phones; nil in a narrow layout.
	Narrow *ScoreChart
}

// NewScoreChart lays out person vs career on the 1-7 scale.
func NewScoreChart(id, careerName string, person, profile quiz.Profile) ScoreChart {
	ch := scoreChart(id, careerName, person, profile, false)
	narrow := scoreChart(id+"-narrow", careerName, person, profile, true)
	ch.Narrow = &narrow
	return ch
}

// scoreChart lays out the wide chart, or the narrow one with the legend on
// two lines.
func scoreChart(id, careerName string, person, profile quiz.Profile, narrow bool) ScoreChart {
	h, width, top := 220.0, chartW, 0.0
	if narrow {
		h, width, top = 180, narrowW, 18
	}
	ch := ScoreChart{
		Frame: Frame{
			ID: id, Width: width, Height: int(top + lineTop + h + axisH + 24),
			Title: "Your interest scores compared with " + careerName,
			Desc:  "Pairs of bars for the six RIASEC interest types on a 1 to 7 scale: your score, then the career's O*NET profile. The table below has the same figures.",
		},
		PlotLeft: 40, PlotRight: float64(width - 10),
		PlotBottom: top + lineTop + h + 20, CareerName: careerName, Legend1X: 40 + 10, Legend2: Point{X: 40 + 80, Y: 4},
	}
	if narrow {
		ch.Legend1X, ch.Legend2 = 10, Point{X: 10, Y: 22}
	}
	y := func(v float64) float64 { return ch.PlotBottom - (v-1)/6*h }
	slot := (ch.PlotRight - ch.PlotLeft) / 6
	ch.BarW = slot * 0.34
	for i := range 6 {
		x := ch.PlotLeft + float64(i)*slot + slot*0.14
		p, c := clamp17(person[i]), clamp17(profile[i])
		ch.Bars = append(ch.Bars, ScoreBar{
			Letter: quiz.Letters[i : i+1], X: x,
			PersonY: y(p), PersonH: ch.PlotBottom - y(p), CareerY: y(c), CareerH: ch.PlotBottom - y(c),
			PersonV: OneDecimal(p), CareerV: OneDecimal(c),
		})
	}
	for v := 1; v <= 7; v++ {
		ch.YTicks = append(ch.YTicks, Tick{Pos: y(float64(v)), Label: strconv.Itoa(v)})
	}
	return ch
}

func clamp17(v float64) float64 { return min(max(v, 1), 7) }

// HistBar is one bucket of the match histogram.
type HistBar struct {
	X, Y, W, H float64
	Label      string
	Count      int64
	Hidden     bool // fewer people than the privacy threshold: not drawn
}

// Histogram is the distribution of match percentages.
type Histogram struct {
	Frame
	Bars       []HistBar
	XTicks     []Tick
	PlotBottom float64
	// Narrow is the same chart laid out for phones; nil in a narrow layout.
	Narrow *Histogram
}

// NewHistogram lays out counts per bucket of width 100/len(counts); a
// bucket whose results came from fewer than minGroup people (people[i],
// at most counts[i]; nil: one person per result) is hidden.
func NewHistogram(id string, counts, people []int64, minGroup int64) Histogram {
	ch := histogram(id, counts, people, minGroup, chartW, 180)
	narrow := histogram(id+"-narrow", counts, people, minGroup, narrowW, 140)
	ch.Narrow = &narrow
	return ch
}

// histogram lays out the histogram width units across, h high.
func histogram(id string, counts, people []int64, minGroup int64, width int, h float64) Histogram {
	left, right := 20.0, float64(width)-20
	ch := Histogram{PlotBottom: lineTop + h, Frame: Frame{
		ID: id, Width: width, Height: int(lineTop + h + axisH + 10),
		Title: "How well test-takers matched",
		Desc:  "Number of results in each band of match percentage, from 0 to 100. Bands with results from fewer than " + strconv.FormatInt(minGroup, 10) + " different networks are not shown. The table below has the same figures.",
	}}
	hidden := func(i int) bool {
		p := counts[i]
		if people != nil {
			p = min(p, people[i])
		}
		return counts[i] > 0 && p < minGroup
	}
	var top int64 = 1
	for i, c := range counts {
		if !hidden(i) {
			top = max(top, c)
		}
	}
	n := len(counts)
	if n == 0 {
		return ch
	}
	w := (right - left) / float64(n)
	for i, c := range counts {
		b := HistBar{X: left + float64(i)*w + 1, W: w - 2, Count: c, Hidden: hidden(i),
			Label: strconv.Itoa(i*100/n) + "–" + strconv.Itoa((i+1)*100/n) + "%"}
		if !b.Hidden {
			b.H = float64(c) / float64(top) * h
		}
		b.Y = ch.PlotBottom - b.H
		ch.Bars = append(ch.Bars, b)
	}
	step := max(1, n/5) // about five ticks; every bucket when there are fewer
	for i := 0; i <= n; i += step {
		ch.XTicks = append(ch.XTicks, Tick{Pos: left + float64(i)*w, Label: strconv.Itoa(i*100/n) + "%"})
	}
	return ch
}

// SimChart is a simulated pay path against the guide's two projections.
type SimChart struct {
	LineChart
	You     []Point
	YouPath string
	// Narrow is the same chart laid out for phones; nil in a narrow layout.
	Narrow *SimChart
}

// NewSimulationChart lays out the simulated path (one point a year) with
// the guide's conservative and aggressive projections, on one axis of
// years that reaches as far as the longer of the two, wide and narrow.
func NewSimulationChart(c *career.Career, sim career.Simulation) SimChart {
	ch := simulationChart(c, sim, chartW, lineTop, lineH, "simulation-"+c.Slug)
	ch.Legend = simLegend(ch.PlotLeft+10, ch.PlotLeft+90, ch.PlotLeft+210)
	// The narrow keys start at the left edge (beside the plot they would
	// not fit 320 units), on a row of their own above the plot, clear of
	// the axis labels.
	narrow := simulationChart(c, sim, narrowW, lineTop+20, 200, "simulation-"+c.Slug+"-narrow")
	narrow.Legend = simLegend(8, 72, 172)
	ch.Narrow = &narrow
	return ch
}

// simulationChart lays out the chart width units across with a plot plotH
// units high from plotTop down; a year label needs about 24 units, so a narrow chart labels
// every second or third year.
func simulationChart(c *career.Career, sim career.Simulation, width int, plotTop, plotH float64, id string) SimChart {
	// Your path is drawn at the career years it covers, so a path that
	// starts at a later level lines up with the projection for that level.
	years := c.Projection.Years()
	if n := len(sim.Years); n > 0 {
		years = max(years, sim.Years[n-1].CareerYear)
	}
	ch := SimChart{LineChart: LineChart{
		Frame: Frame{
			ID: id, Width: width, Height: int(plotTop + plotH + axisH + 8),
			Title: "Your simulated pay over " + strconv.Itoa(len(sim.Years)) + " years against the guide's projections: " + c.Name,
			Desc:  "A solid line of your simulated yearly pay by year of a career, and the guide's aggressive and conservative projections. The table below has the same figures.",
		},
		PlotLeft: lineLeft, PlotRight: float64(width - lineRight), PlotTop: plotTop, PlotBottom: plotTop + plotH,
	}}
	if years == 0 {
		return ch
	}
	maxPay := c.Projection.MaxPay()
	for _, y := range sim.Years {
		maxPay = max(maxPay, y.Pay)
	}
	x, y := payByYear(&ch.LineChart, years, maxPay)
	for _, p := range c.Projection.Points {
		ch.Conservative = append(ch.Conservative, Point{x(p.Year), y(p.Conservative)})
		ch.Aggressive = append(ch.Aggressive, Point{x(p.Year), y(p.Aggressive)})
	}
	for _, sy := range sim.Years {
		ch.You = append(ch.You, Point{x(sy.CareerYear), y(sy.Pay)})
	}
	step := yearLabelStep(years, ch.PlotRight-ch.PlotLeft)
	if years > 10 {
		step = max(step, 2)
	}
	for yr := step; yr <= years; yr += step {
		ch.XTicks = append(ch.XTicks, Tick{Pos: x(yr), Label: strconv.Itoa(yr)})
	}
	ch.ConsPath, ch.AggrPath, ch.YouPath = path(ch.Conservative), path(ch.Aggressive), path(ch.You)
	return ch
}
