package content_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"careerguide/internal/content"
	"careerguide/internal/onet"
)

// TestFileFiguresDifferingFromTheFilesFail: given the figures the
// published files give, a skill, knowledge or education figure or an
// alternate title of the occupations file that differs from them is a
// problem on its line.
func TestFileFiguresDifferingFromTheFilesFail(t *testing.T) {
	t.Parallel()
	m := copyFS(t)
	f, err := onet.Decode(bytes.NewReader(m["occupations/occupations.json"].Data))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]onet.FileFigures{}
	for _, o := range f.Occupations {
		files[o.Code] = onet.FileFigures{Skills: o.Skills, Knowledge: o.Knowledge, SkillLevels: o.SkillLevels, Education: o.Education, AltTitles: o.AltTitles}
	}
	if _, err := content.LoadWith(m, content.Options{FileFigures: files}); err != nil {
		t.Fatalf("the committed file against its own figures: %v", err)
	}
	for _, c := range []struct {
		name, code, old, new, want string
	}{
		{"skill importance", "29-1141.00", `{"name":"Speaking","im":4,`, `{"name":"Speaking","im":4.5,`,
			"29-1141.00: skills #3 Speaking 4.5/4.25 (importance/level), but O*NET's Skills.xlsx gives #3 Speaking 4/4.25 (importance/level) (run make data)"},
		{"knowledge level", "51-4121.00", `{"name":"Mechanical","im":3.1,"lv":3.18}`, `{"name":"Mechanical","im":3.1,"lv":3.8}`,
			"51-4121.00: knowledge #2 Mechanical 3.1/3.8 (importance/level), but O*NET's Knowledge.xlsx gives #2 Mechanical 3.1/3.18"},
		{"a skill left out", "25-2021.00", `,{"name":"Reading Comprehension","im":3.88,"lv":3.88}]`, `]`,
			"25-2021.00: skills nothing at #8, but O*NET's Skills.xlsx gives #8 Reading Comprehension 3.88/3.88"},
		{"skill level", "29-1141.00", `"skill_levels":[4.25,`, `"skill_levels":[4.5,`,
			"29-1141.00: skill levels [4.5 "},
		{"education share", "25-2021.00", `"required":[0,0,0,0,0,78.17,0,21.83,`, `"required":[0,0,0,0,0,21.83,0,78.17,`,
			"25-2021.00: education required shares [0 0 0 0 0 21.83 0 78.17 0 0 0 0], but O*NET's Education, Training, and Experience.xlsx gives [0 0 0 0 0 78.17 0 21.83 0 0 0 0]"},
		{"alternate title sources", "35-3023.01", `{"title":"Barista","sources":["02","08","10"]}`, `{"title":"Barista","sources":["02","10"]}`,
			`35-3023.01: alternate title "Barista" (2 sources), which O*NET's Alternate Titles.txt does not give`},
		{"alternate title renamed", "35-3023.01", `{"title":"Juicer","sources":["10"]}`, `{"title":"Juice Maker","sources":["10"]}`,
			`35-3023.01: alternate title "Juice Maker" (1 source), which O*NET's Alternate Titles.txt does not give`},
		{"alternate title left out", "35-3023.01", `,{"title":"Juicer","sources":["10"]}]`, `]`,
			`35-3023.01: no alternate title "Juicer" (1 source), which O*NET's Alternate Titles.txt gives`},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := copyFS(t)
			editOccupation(t, m, c.code, c.old, c.new)
			_, err := content.LoadWith(m, content.Options{FileFigures: files})
			var probs content.Problems
			if !errors.As(err, &probs) {
				t.Fatalf("want Problems, got %v", err)
			}
			line := lineOf(t, m, "occupations/occupations.json", `"code":"`+c.code+`"`)
			for _, p := range probs {
				if strings.Contains(p.Msg, c.want) && p.Line == line {
					return
				}
			}
			t.Fatalf("no problem %q at line %d; got:\n%v", c.want, line, err)
		})
	}
}
