package pages_test

import (
	"context"
	"io"
	"testing"

	contentfs "careerguide/content"
	"careerguide/internal/career"
	"careerguide/internal/content"
	"careerguide/internal/quiz"
	"careerguide/web/components"
	"careerguide/web/pages"

	"github.com/a-h/templ"
)

// Rendering cost of every page, with allocations (go test -bench . ./web/pages).
func BenchmarkRender(b *testing.B) {
	cat, err := content.Load(contentfs.FS)
	if err != nil {
		b.Fatal(err)
	}
	c := &cat.Careers[0]
	chrome := components.Chrome{Title: "t", CSS: "/static/css/site.css", Path: "/careers/" + c.Slug}
	nav := components.CareerNav{Career: c, Careers: cat.Careers, Current: c.Level("senior"), Path: chrome.Path}
	plan := c.PlanFor(nav.Current, career.Progress{})
	marked := career.NewProgress(cat, career.Marks{{Career: c.Slug, Skill: c.Skills[0].Slug}: career.Known})
	var guides []pages.PlanGuide
	for i := range cat.Careers[:2] {
		g := &cat.Careers[i]
		guides = append(guides, pages.PlanGuide{Career: g, Plan: g.PlanFor(&g.Levels[0], marked)})
	}
	sim := c.Simulate(c.DefaultAssumptions(nil))
	quizPage := pages.QuizPage{Chrome: chrome, Nav: nav}
	for _, q := range cat.Questions {
		quizPage.Items = append(quizPage.Items, pages.QuizItem{ID: q.ID, Text: q.Text})
	}
	var scores quiz.Profile
	for i := range scores {
		scores[i] = 4
	}
	cases := map[string]templ.Component{
		"home":     pages.Home(pages.HomePage{Chrome: chrome, Cards: []pages.HomeCard{{Career: c}}, All: cat.Careers, Sort: "name"}),
		"overview": pages.Overview(pages.OverviewPage{Chrome: chrome, Nav: nav, Next: c.Next(nav.Current)}),
		"path":     pages.Path(pages.PathPage{Chrome: chrome, Nav: nav}),
		"salary":   pages.Salary(pages.SalaryPage{Chrome: chrome, Nav: nav, Bands: components.NewBandChart(c, "senior"), Projection: components.NewProjectionChart(c)}),
		"skills":   pages.Skills(pages.SkillsPage{Chrome: chrome, Nav: nav, Plan: &plan}),
		"plan":     pages.Plan(pages.PlanPage{Chrome: chrome, Guides: guides, Pace: 8, PaceValue: "8"}),
		"simulate": pages.SalarySimulate(pages.SimulatePage{Chrome: chrome, Nav: nav, Sim: &sim, Chart: components.NewSimulationChart(c, sim)}),
		"skill":    pages.SkillShow(pages.SkillPage{Chrome: chrome, Nav: nav, Skill: &c.Skills[0], Level: c.Level(c.Skills[0].LevelKey)}),
		"day":      pages.Day(pages.DayPage{Chrome: chrome, Nav: nav}),
		"myths":    pages.Myths(pages.MythsPage{Chrome: chrome, Nav: nav}),
		"worklife": pages.WorkLife(pages.WorkLifePage{Chrome: chrome, Nav: nav}),
		"related":  pages.Related(pages.RelatedPage{Chrome: chrome, Nav: nav, Types: cat.RIASEC}),
		"quiz":     pages.Quiz(quizPage),
		"result": pages.Result(pages.ResultPage{Chrome: chrome, Nav: nav, Guide: c, GuideR: 0.8, GuideFit: quiz.BestFit,
			Chart: components.NewScoreChart("s", c.Name, scores, c.Interests.Scores), Scores: scores, Profile: c.Interests.Scores,
			Code: []quiz.CodeGroup{"I", "C", "R"}, CodeText: "I, then C, then R", Stability: 8, Types: cat.RIASEC, Meanings: cat.RIASEC[:3]}),
		"library": pages.Library(pages.LibraryPage{Chrome: chrome, Nav: nav, Total: 1000, MinGroup: 5,
			Histogram: components.NewHistogram("h", make([]int64, 20), nil, 5)}),
	}
	for name, comp := range cases {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := comp.Render(context.Background(), io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
