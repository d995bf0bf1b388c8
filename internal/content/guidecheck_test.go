package content_test

import (
	"strings"
	"testing"

	"careerguide/internal/content"
)

// loadErr loads m and returns the problems, failing when there are none.
func loadErr(t *testing.T, m map[string]string, what string) string {
	t.Helper()
	fs := copyFS(t)
	for name, edits := range m {
		parts := strings.SplitN(edits, "\x00", 2)
		edit(t, fs, name, parts[0], parts[1])
	}
	_, err := content.Load(fs)
	if err == nil {
		t.Fatalf("%s passed the content check", what)
	}
	return err.Error()
}

func mustName(t *testing.T, err string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(err, w) {
			t.Errorf("the problem does not say %q:\n%s", w, err)
		}
	}
}

// "O*NET" twice in a paragraph once rendered as O<em>NET … O</em>NET.
func TestONETIsNeverEmphasis(t *testing.T) {
	cat := realContent(t)
	for _, c := range cat.Careers {
		html := c.Overview + c.Projection.Note + c.WorkLife.Remote + c.WorkLife.OnCall + c.Day.Intro
		for _, l := range c.Levels {
			html += l.Responsibilities
		}
		for _, s := range c.Skills {
			html += s.HowToLearn
		}
		for _, m := range c.Myths {
			html += m.Reality
		}
		if strings.Contains(html, "O<em>") || strings.Contains(html, "</em>NET") {
			t.Errorf("%s: O*NET rendered as emphasis", c.Slug)
		}
	}
	if c, _ := cat.Career("backend-developer"); strings.Count(c.Overview, "O*NET") < 2 {
		t.Fatalf("the backend overview lost its literal O*NET: %.200q", c.Overview)
	}
}

// Frontend Developer's wages are Web Developers' (15-1254), not Software
// Developers' (15-1252), and its ladder is calibrated against them.
func TestFrontendFiguresAreWebDevelopers(t *testing.T) {
	err := loadErr(t, map[string]string{
		"careers/frontend-developer/overview.md": "are the Bureau of Labor Statistics figures for web developers (SOC 15-1254)\x00are the Bureau of Labor Statistics figures for software developers (SOC 15-1252)",
	}, "an overview calling the wages software developers'")
	mustName(t, err, "careers/frontend-developer/overview.md", "SOC 15-1252", "SOC 15-1254")
	err = loadErr(t, map[string]string{
		"careers/frontend-developer/career.yaml": "percentiles for web developers (SOC 15-1254), the wages this page shows\x00percentiles for software developers, the wages this page shows",
	}, "a frontend ladder compared with software developers' percentiles")
	mustName(t, err, "careers/frontend-developer/career.yaml:39", `"software developers"`, "SOC 15-1254")
}

// BLS Table 1.2 projects database architects (15-1243) alone, +8.7 %.
func TestDataEngineerGrowthIsDatabaseArchitectsAlone(t *testing.T) {
	err := loadErr(t, map[string]string{
		"careers/data-engineer/overview.md": "BLS projects database architects on their own\x00BLS publishes its growth projection only for database administrators and architects together",
	}, "the claim that BLS projects architects only with administrators")
	mustName(t, err, "careers/data-engineer/overview.md", "15-1243", "8.7")
}

// The growth figure says its scope: +16 % is software developers alone
// (15.8), not the handbook's combined group (15.2).
func TestGrowthScopeNamesTheExactFigure(t *testing.T) {
	for _, slug := range []string{"backend-developer", "full-stack-developer", "mobile-developer"} {
		err := loadErr(t, map[string]string{
			"careers/" + slug + "/career.yaml": "Software developers (SOC 15-1252) alone: BLS Employment Projections Table 1.2 gives +15.8 %, shown rounded.\x00The handbook's page for software developers, quality assurance analysts and testers: +16 %.",
		}, slug+": a growth figure credited to the combined page")
		mustName(t, err, "careers/"+slug+"/career.yaml", "growth_scope", "15-1252", "15.8")
	}
	err := loadErr(t, map[string]string{
		"careers/database-administrator/career.yaml": "Database administrators (SOC 15-1242) alone: BLS Employment Projections Table 1.2 gives -0.7 %\x00Database administrators and architects: -1 %",
	}, "DBA growth without its scope")
	mustName(t, err, "growth_scope", "15-1242", "-0.7")
}

// The conservative line assumes slow promotions, and the note says many
// people stay at senior or staff: it must not reach Director / VP.
func TestConservativeLineStaysBelowTheTop(t *testing.T) {
	err := loadErr(t, map[string]string{
		"careers/backend-developer/career.yaml": "stage: Staff Backend Developer, aggressive_stage: \"Backend Director / VP Engineering\"\x00stage: \"Backend Director / VP Engineering\"",
	}, "a conservative line reaching Director / VP")
	mustName(t, err, "careers/backend-developer/career.yaml:166", "conservative line reaches the top level")
}

// Game Developer is about programming: it stands on Software Developers,
// and the guides sharing that occupation name each other.
func TestGameDeveloperStandsOnSoftwareDevelopers(t *testing.T) {
	cat := realContent(t)
	g, _ := cat.Career("game-developer")
	if g.ONetCode != "15-1252.00" || g.HollandCode != "ICR" || !strings.Contains(g.OccupationWhy, "Video Game Designers") {
		t.Fatalf("game developer: %s %s %q", g.ONetCode, g.HollandCode, g.OccupationWhy)
	}
	e := loadErr(t, map[string]string{
		"careers/backend-developer/career.yaml": "Full-Stack Developer, Mobile Developer and Game Developer are filed\x00Full-Stack Developer and Mobile Developer are filed",
	}, "a guide sharing Software Developers without naming Game Developer")
	mustName(t, e, "careers/backend-developer/career.yaml", `"Game Developer"`)
}
