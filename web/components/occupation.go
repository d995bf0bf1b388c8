package components

import (
	"math"
	"strconv"
	"strings"

	"careerguide/internal/career"
	"careerguide/internal/quiz"
)

// OccupationURL is the page of an occupation.
func OccupationURL(code string) string { return "/occupations/" + code }

// AnnualFigure formats an annual wage, or says what its BLS mark means:
// "$90,930", "$239,200 or more (#)", "not published (*)".
func AnnualFigure(f career.Figure, data *career.OccupationData) string {
	switch f.Mark {
	case "":
		return Money(int(math.Round(f.Value)))
	case career.AboveTop:
		return Money(int(data.WageTopAnnual)) + " or more (#)"
	}
	return "not published (" + string(f.Mark) + ")"
}

// HourlyFigure formats an hourly wage like AnnualFigure: "$43.72".
func HourlyFigure(f career.Figure, data *career.OccupationData) string {
	switch f.Mark {
	case "":
		return "$" + strconv.FormatFloat(f.Value, 'f', 2, 64)
	case career.AboveTop:
		return "$" + strconv.FormatFloat(data.WageTopHourly, 'f', 2, 64) + " or more (#)"
	}
	return "not published (" + string(f.Mark) + ")"
}

// EmploymentFigure formats an OEWS employment figure or its mark.
func EmploymentFigure(f career.Figure) string {
	if !f.Known() {
		return "not published (" + string(f.Mark) + ")"
	}
	return Thousands(int(math.Round(f.Value)))
}

// FromThousands formats a figure BLS gives in thousands as people:
// 1,895.5 -> "1,895,500".
func FromThousands(v float64) string { return Thousands(int(math.Round(v * 1000))) }

// GrowthText formats a projected change in percent with one decimal and
// its sign: "+15.8 %", "−4.0 %".
func GrowthText(p float64) string {
	s := strconv.FormatFloat(math.Abs(p), 'f', 1, 64) + "\u00a0%"
	switch {
	case p > 0:
		return "+" + s
	case p < 0:
		return "\u2212" + s
	}
	return s
}

// MedianText is an occupation's annual median for lists: the figure, the
// mark's meaning, or "no BLS wages".
func MedianText(o *career.Occupation, data *career.OccupationData) string {
	if o.Wages == nil {
		return "no BLS wages"
	}
	return AnnualFigure(o.Wages.Annual.Median, data)
}

// LetterName is the name of one RIASEC letter ("I" -> "Investigative").
func LetterName(letter string) string {
	switch letter {
	case "R":
		return "Realistic"
	case "I":
		return "Investigative"
	case "A":
		return "Artistic"
	case "S":
		return "Social"
	case "E":
		return "Enterprising"
	case "C":
		return "Conventional"
	}
	return letter
}

// HollandWords says a high-point code in words: "Investigative, Conventional
// and Realistic".
func HollandWords(code string) string {
	var names []string
	for _, r := range code {
		names = append(names, LetterName(string(r)))
	}
	return AndList(names)
}

// AndList joins names as a sentence does: "A", "A and B", "A, B and C".
func AndList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// zoneWords describe a Job Zone's preparation, in our words.
func zoneWords(zone int) string {
	switch zone {
	case 1:
		return "little or no preparation: a few days to a few months of training, often no diploma"
	case 2:
		return "some preparation: usually a high school diploma and some months of training or experience"
	case 3:
		return "medium preparation: usually vocational training, an associate's degree or an apprenticeship"
	case 4:
		return "considerable preparation: usually a bachelor's degree and several years of experience"
	case 5:
		return "extensive preparation: usually a graduate degree and many years of experience"
	}
	return ""
}

// JobZoneText is "Job Zone 4: considerable preparation, ..." or a sentence
// that O*NET gives none.
func JobZoneText(zone int) string {
	if zone < 1 || zone > 5 {
		return "O*NET assigns no Job Zone to this occupation"
	}
	return "Job Zone " + strconv.Itoa(zone) + ": " + zoneWords(zone)
}

// ZoneShort is the short name of a Job Zone for filters and links.
func ZoneShort(zone int) string {
	if zone < 1 || zone > 5 {
		return "none"
	}
	return "Job Zone " + strconv.Itoa(zone) + ", " + strings.SplitN(zoneWords(zone), ":", 2)[0]
}

// PercentileBar is one percentile of the pay chart.
type PercentileBar struct {
	Label    string // "10th"
	Value    string // the figure or its mark, in words
	Y, TextY float64
	W        float64 // bar width; 0 when there is no number to draw
	Top      bool    // at or above the top code: drawn to the edge, open
}

// PercentileChart draws an occupation's annual pay percentiles.
type PercentileChart struct {
	Frame
	PlotLeft   float64
	PlotBottom float64
	Bars       []PercentileBar
	Ticks      []Tick
	BarH       float64
}

// NewPercentileChart lays out the annual 10th-90th percentiles; a "#"
// figure is drawn to the top code and marked, a "*" figure not at all.
func NewPercentileChart(o *career.Occupation, data *career.OccupationData) PercentileChart {
	const rowH, top, labelW = 34.0, 10.0, 60.0
	pts := o.Wages.Annual.Percentiles()
	maxV := data.WageTopAnnual
	for _, p := range pts {
		if p.Figure.Known() {
			maxV = max(maxV, p.Figure.Value)
		}
	}
	if maxV <= 0 {
		maxV = 1
	}
	plotW := float64(chartW) - labelW - 190
	ch := PercentileChart{
		Frame: Frame{
			ID: "pay-chart", Width: chartW,
			Title: "Annual pay percentiles of " + o.Title,
			Desc:  "Bars for the 10th, 25th, 50th (median), 75th and 90th percentile of annual pay, BLS OEWS. The table below has the same figures.",
		},
		PlotLeft: labelW, BarH: rowH * 0.6,
		PlotBottom: top + rowH*float64(len(pts)),
	}
	ch.Height = int(ch.PlotBottom + axisH)
	for i, p := range pts {
		y := top + float64(i)*rowH
		b := PercentileBar{Label: strconv.Itoa(p.Percentile) + "th", Y: y + rowH*0.2, TextY: y + rowH*0.62, Value: AnnualFigure(p.Figure, data)}
		switch {
		case p.Figure.Known():
			b.W = p.Figure.Value / maxV * plotW
		case p.Figure.Mark == career.AboveTop:
			b.W, b.Top = data.WageTopAnnual/maxV*plotW, true
		}
		ch.Bars = append(ch.Bars, b)
	}
	for v := 0; float64(v) <= maxV; v += 50000 {
		ch.Ticks = append(ch.Ticks, Tick{Pos: labelW + float64(v)/maxV*plotW, Label: MoneyShort(v)})
	}
	return ch
}

// InterestBar is one RIASEC score of an occupation's profile.
type InterestBar struct {
	Letter   string
	Name     string
	Score    string
	Y, TextY float64
	W        float64
	High     bool // part of the high-point code
}

// InterestChart draws an occupation's six interest scores (1-7).
type InterestChart struct {
	Frame
	PlotLeft float64
	Bars     []InterestBar
	BarH     float64
}

// NewInterestChart lays out the six scores as horizontal bars.
func NewInterestChart(title string, in *career.OccInterests) InterestChart {
	const rowH, top, labelW = 30.0, 6.0, 130.0
	plotW := float64(chartW) - labelW - 60
	ch := InterestChart{
		Frame: Frame{
			ID: "interest-chart", Width: chartW, Height: int(top + rowH*6 + 6),
			Title: "Interest profile of " + title,
			Desc:  "Six bars, one per RIASEC interest type, on O*NET's scale from 1 to 7. The table below has the same figures.",
		},
		PlotLeft: labelW, BarH: rowH * 0.6,
	}
	for i, v := range in.Scores {
		y := top + float64(i)*rowH
		letter := quiz.Letters[i : i+1]
		ch.Bars = append(ch.Bars, InterestBar{
			Letter: letter, Name: LetterName(letter), Score: TwoDecimals(v), Y: y + rowH*0.2, TextY: y + rowH*0.62,
			W: (clamp17(v) - 1) / 6 * plotW, High: strings.Contains(in.HighPoint, letter),
		})
	}
	return ch
}
