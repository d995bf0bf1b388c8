package content_test

import (
	"errors"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	contentfs "careerguide/content"
	"careerguide/internal/career"
	"careerguide/internal/content"
)

// copyFS copies the real content into a map the test can edit.
func copyFS(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(contentfs.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := contentfs.FS.ReadFile(p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// loadedReal is the embedded content, loaded once for the tests that only
// read it.
var loadedReal = sync.OnceValues(func() (*career.Catalog, error) { return content.Load(contentfs.FS) })

// realContent is the embedded content; the test fails when it is invalid.
// The catalog is shared: a test must not change it.
func realContent(t *testing.T) *career.Catalog {
	t.Helper()
	cat, err := loadedReal()
	if err != nil {
		t.Fatalf("content/ is invalid:\n%v", err)
	}
	return cat
}

func TestRealContentIsValid(t *testing.T) {
	t.Parallel()
	cat := realContent(t)
	c, ok := cat.Career("backend-developer")
	if !ok {
		t.Fatal("no backend-developer career")
	}
	if len(c.Levels) != 5 || c.Levels[0].Base.Min != 70000 || c.Levels[4].Base.Max != 220000 {
		t.Fatalf("levels: %+v", c.Levels)
	}
	if len(cat.Questions) != 60 || cat.QuickQuestions() != 15 {
		t.Fatalf("questions: %d", len(cat.Questions))
	}
	if !strings.Contains(c.Overview, "<p>") {
		t.Fatalf("overview is not rendered Markdown: %.80q", c.Overview)
	}
}

func TestHashChangesWithContent(t *testing.T) {
	t.Parallel()
	m := copyFS(t)
	h1, err := content.Hash(m)
	if err != nil {
		t.Fatal(err)
	}
	f := m["careers/backend-developer/overview.md"]
	f.Data = append(f.Data, []byte("\nOne more sentence.\n")...)
	h2, _ := content.Hash(m)
	if h1 == h2 {
		t.Fatal("hash did not change with the content")
	}
}

// edit replaces old with new in a file of the copy; the test fails when old is absent.
func edit(t *testing.T, m fstest.MapFS, name, old, new string) {
	t.Helper()
	s := string(m[name].Data)
	if !strings.Contains(s, old) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	m[name] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
}

// editOccupation replaces old with new in the occupations file's line of
// the occupation code.
func editOccupation(t *testing.T, m fstest.MapFS, code, old, new string) {
	t.Helper()
	const occ = "occupations/occupations.json"
	lines := strings.Split(string(m[occ].Data), "\n")
	for i, l := range lines {
		if strings.Contains(l, `"code":"`+code+`"`) {
			if !strings.Contains(l, old) {
				t.Fatalf("%s's line does not contain %q", code, old)
			}
			lines[i] = strings.Replace(l, old, new, 1)
			m[occ] = &fstest.MapFile{Data: []byte(strings.Join(lines, "\n"))}
			return
		}
	}
	t.Fatalf("no occupation %s", code)
}

// lineOf is the 1-based line of the first occurrence of needle in the file.
func lineOf(t *testing.T, m fstest.MapFS, name, needle string) int {
	t.Helper()
	s := string(m[name].Data)
	i := strings.Index(s, needle)
	if i < 0 {
		t.Fatalf("%s does not contain %q", name, needle)
	}
	return strings.Count(s[:i], "\n") + 1
}

func TestValidationErrorsNameFileAndLine(t *testing.T) {
	t.Parallel()
	const career = "careers/backend-developer/career.yaml"
	const skills = "careers/backend-developer/skills.yaml"
	const quiz = "quiz/questions.yaml"
	const topics = "skill-topics.yaml"
	tests := []struct {
		name   string
		change func(t *testing.T, m fstest.MapFS) (file string, line int)
		want   string
	}{
		{"unknown field", func(t *testing.T, m fstest.MapFS) (string, int) {
			edit(t, m, career, "tagline:", "colour: blue\ntagline:")
			return career, lineOf(t, m, career, "colour:")
		}, `unknown field "colour"`},
		{"duplicate key", func(t *testing.T, m fstest.MapFS) (string, int) {
			edit(t, m, career, "tagline:", "name: Again\ntagline:")
			return career, lineOf(t, m, career, "name: Again")
		}, `mapping key "name" already defined`},
		{"missing required field", func(t *testing.T, m fstest.MapFS) (string, int) {
			edit(t, m, career, "title: Senior Backend Developer", "title: ''")
			return career, lineOf(t, m, career, "title: ''")
		}, `missing required field "title"`},
		{"bad reference", func(t *testing.T, m fstest.MapFS) (string, int) {
			edit(t, m, skills, "level: junior", "level: apprentice")
			return skills, lineOf(t, m, skills, "level: apprentice")
		}, `unknown level "apprentice"`},
		{"unknown skill topic", func(t *testing.T, m fstest.MapFS) (string, int) {
			edit(t, m, skills, "topics: [git]", "topics: [gti]")
			return skills, lineOf(t, m, skills, "topics: [gti]")
		}, `unknown topic "gti": not a key of skill-topics.yaml`},
		{"unknown skill topic in a block list", func(t *testing.T, m fstest.MapFS) (string, int) {
			edit(t, m, skills, "topics: [sql, data-modelling]", "topics:\n      - sql\n      - databases")
			return skills, lineOf(t, m, skills, "- databases")
		}, `unknown topic "databases"`},
		{"skill without topics", func(t *testing.T, m fstest.MapFS) (string, int) {
			edit(t, m, skills, "    topics: [git]\n", "")
			return skills, lineOf(t, m, skills, "- slug: git\n")
		}, `missing required field "topics"`},
		{"duplicate topic key", func(t *testing.T, m fstest.MapFS) (string, int) {
			edit(t, m, topics, "key: testing", "key: git")
			return topics, lineOf(t, m, topics, "key: git\n    name: Automated")
		}, `duplicate topic key "git"`},
		{"duplicate topic name", func(t *testing.T, m fstest.MapFS) (string, int) {
			edit(t, m, topics, "name: Automated testing", "name: Version control and code review")
			return topics, lineOf(t, m, topics, "key: testing\n    name:") + 1
		}, `duplicate topic name "Version control and code review"`},
		{"Holland code against the scores", func(t *testing.T, m fstest.MapFS) (string, int) {
			edit(t, m, career, "holland_code: ICR", "holland_code: CIR")
			return career, lineOf(t, m, career, "holland_code: CIR")
		}, `holland_code "CIR" does not fit the interest scores: its letters must be the highest scores, highest first (I 5.86, C 5.46, R 3.93, A 2.26, S 1.88, E 1.87)`},
		{"Holland code skipping a higher score", func(t *testing.T, m fstest.MapFS) (string, int) {
			edit(t, m, career, "holland_code: ICR", "holland_code: IA")
			return career, lineOf(t, m, career, "holland_code: IA")
		}, `holland_code "IA" does not fit the interest scores`},
		{"growth occupation repeating the occupation", func(t *testing.T, m fstest.MapFS) (string, int) {
			edit(t, m, career, `growth_period: "2024-34"`, "growth_period: \"2024-34\"\n  growth_occupation: software developers (SOC 15-1252)")
			return career, lineOf(t, m, career, "growth_occupation:")
		}, `growth_occupation is the occupation itself`},
		{"unknown RIASEC key", func(t *testing.T, m fstest.MapFS) (string, int) {
			edit(t, m, quiz, "type: I", "type: X")
			return quiz, lineOf(t, m, quiz, "type: X")
		}, `unknown RIASEC key "X"`},
		{"fifty-nine questions", func(t *testing.T, m fstest.MapFS) (string, int) {
			s := string(m[quiz].Data)
			i := strings.LastIndex(s, "- id:")
			m[quiz] = &fstest.MapFile{Data: []byte(s[:i])}
			return quiz, lineOf(t, m, quiz, "- id:")
		}, "exactly 60 questions, found 59"},
		{"statement out of its set", func(t *testing.T, m fstest.MapFS) (string, int) {
			edit(t, m, quiz, "text: Weld steel parts together in a workshop.\n    type: R\n    set: 1", "text: Weld steel parts together in a workshop.\n    type: R\n    set: 0")
			return quiz, lineOf(t, m, quiz, "text: Weld steel") + 2 // its set
		}, "must be in set 1"},
		{"schedule time not on a clock", func(t *testing.T, m fstest.MapFS) (string, int) {
			const day = "careers/backend-developer/day.yaml"
			edit(t, m, day, `time: "9:00"`, `time: "9 am"`)
			return day, lineOf(t, m, day, `time: "9 am"`)
		}, `time "9 am": want hours and minutes on a 24-hour clock`},
		{"percentile disagreeing with BLS", func(t *testing.T, m fstest.MapFS) (string, int) {
			const fe = "careers/frontend-developer/career.yaml"
			edit(t, m, fe, "annual: 90930", "annual: 133080")
			return fe, lineOf(t, m, fe, "annual: 133080")
		}, "the 50th percentile is 133080, but BLS OEWS gives 90930 for SOC 15-1254 (Web Developers)"},
		{"growth disagreeing with BLS", func(t *testing.T, m fstest.MapFS) (string, int) {
			const de = "careers/data-engineer/career.yaml"
			edit(t, m, de, "growth_percent: 9", "growth_percent: 4")
			return de, lineOf(t, m, de, "growth_percent: 4")
		}, "growth_percent 4, but BLS projects 8.7 % for SOC 15-1243 (Database architects): write 9"},
		{"interest disagreeing with O*NET", func(t *testing.T, m fstest.MapFS) (string, int) {
			edit(t, m, career, "  I: 5.86", "  I: 5.5")
			return career, lineOf(t, m, career, "  I: 5.5")
		}, "interest I = 5.5, but O*NET gives 5.86 for 15-1252.00"},
		{"occupation with a job zone out of range", func(t *testing.T, m fstest.MapFS) (string, int) {
			const occ = "occupations/occupations.json"
			edit(t, m, occ, `"title":"Web Developers","job_zone":3`, `"title":"Web Developers","job_zone":9`)
			return occ, lineOf(t, m, occ, `"code":"15-1254.00"`)
		}, "15-1254.00: job zone 9: want 1 to 5, or 0 for none"},
		{"skill importance off O*NET's scale", func(t *testing.T, m fstest.MapFS) (string, int) {
			const occ = "occupations/occupations.json"
			editOccupation(t, m, "29-1141.00", `{"name":"Social Perceptiveness","im":4.12,`, `{"name":"Social Perceptiveness","im":5.12,`)
			return occ, lineOf(t, m, occ, `"code":"29-1141.00"`)
		}, `29-1141.00: skills "Social Perceptiveness": importance 5.12 is outside O*NET's 1-5 scale`},
		{"skills out of order", func(t *testing.T, m fstest.MapFS) (string, int) {
			const occ = "occupations/occupations.json"
			editOccupation(t, m, "29-1141.00", `{"name":"Reading Comprehension","im":3.88,"lv":4.25}`, `{"name":"Reading Comprehension","im":4.5,"lv":4.25}`)
			return occ, lineOf(t, m, occ, `"code":"29-1141.00"`)
		}, `29-1141.00: skills "Reading Comprehension": importance 4.5 above the one before it`},
		{"skill level off O*NET's scale", func(t *testing.T, m fstest.MapFS) (string, int) {
			const occ = "occupations/occupations.json"
			editOccupation(t, m, "29-1141.00", `"skill_levels":[4.25,`, `"skill_levels":[9.25,`)
			return occ, lineOf(t, m, occ, `"code":"29-1141.00"`)
		}, "29-1141.00: skill level 9.25 is outside O*NET's 0-7 scale"},
		{"education shares not adding up", func(t *testing.T, m fstest.MapFS) (string, int) {
			const occ = "occupations/occupations.json"
			editOccupation(t, m, "29-1141.00", `"required":[0,0.76,22.5,`, `"required":[0,10.76,22.5,`)
			return occ, lineOf(t, m, occ, `"code":"29-1141.00"`)
		}, "29-1141.00: education required: shares add up to 110.00 %, not 100 %"},
		{"technology categories out of order", func(t *testing.T, m fstest.MapFS) (string, int) {
			const occ = "occupations/occupations.json"
			editOccupation(t, m, "29-1141.00", `{"category":"Medical software","count":17,`, `{"category":"Medical software","count":3,`)
			return occ, lineOf(t, m, occ, `"code":"29-1141.00"`)
		}, `29-1141.00: technology category "Data base user interface and query software": 4 technologies, more than the one before it`},
		{"occupations file that is not JSON", func(t *testing.T, m fstest.MapFS) (string, int) {
			const occ = "occupations/occupations.json"
			edit(t, m, occ, `"title":"Web Developers"`, `"title":Web Developers"`)
			return occ, lineOf(t, m, occ, `"code":"15-1254.00"`)
		}, "invalid character 'W'"},
		{"salary range upside down", func(t *testing.T, m fstest.MapFS) (string, int) {
			edit(t, m, career, "min: 70000", "min: 99000")
			return career, lineOf(t, m, career, "min: 99000")
		}, "base min 99000 is above max 95000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := copyFS(t)
			file, line := tt.change(t, m)
			_, err := content.Load(m)
			var probs content.Problems
			if !errors.As(err, &probs) {
				t.Fatalf("want Problems, got %v", err)
			}
			for _, p := range probs {
				if p.File == file && strings.Contains(p.Msg, tt.want) {
					if p.Line != line {
						t.Errorf("%s: line %d, want %d", p, p.Line, line)
					}
					return
				}
			}
			t.Fatalf("no problem %q in %s; got:\n%v", tt.want, file, err)
		})
	}
}

// Every topic of the vocabulary lines up skills of at least two careers:
// a topic only one career uses could never show on the compare page.
func TestEverySkillTopicIsShared(t *testing.T) {
	t.Parallel()
	cat := realContent(t)
	careers := map[string]map[string]bool{}
	for _, c := range cat.Careers {
		for _, s := range c.Skills {
			for _, k := range s.Topics {
				if careers[k] == nil {
					careers[k] = map[string]bool{}
				}
				careers[k][c.Slug] = true
			}
		}
	}
	for _, tp := range cat.Topics {
		if n := len(careers[tp.Key]); n < 2 {
			t.Errorf("topic %q (%s) is used by %d careers, want 2 or more", tp.Key, tp.Name, n)
		}
	}
}

// Every career's interest profile is O*NET's for the career's own O*NET
// code, with a date, and careers that share a code share the profile.
func TestInterestProfilesComeFromTheCareersONetCode(t *testing.T) {
	t.Parallel()
	cat := realContent(t)
	byCode := map[string]string{}
	for _, c := range cat.Careers {
		src := c.Interests.Source
		if !strings.HasPrefix(src.Name, "O*NET") || !strings.Contains(src.Name, "("+c.ONetCode+")") ||
			!strings.HasSuffix(src.URL, "/"+c.ONetCode) || src.Date == "" {
			t.Errorf("%s: interest profile source %+v is not O*NET's for %s", c.Slug, src, c.ONetCode)
		}
		if first, ok := byCode[c.ONetCode]; ok {
			other, _ := cat.Career(first)
			if other.Interests.Scores != c.Interests.Scores || other.HollandCode != c.HollandCode {
				t.Errorf("%s and %s both use O*NET %s but differ: %v %s vs %v %s", first, c.Slug, c.ONetCode,
					other.Interests.Scores, other.HollandCode, c.Interests.Scores, c.HollandCode)
			}
		} else {
			byCode[c.ONetCode] = c.Slug
		}
	}
}

// Guides filed under one O*NET occupation must say so, naming each other:
// the match test gives them one match.
func TestGuidesSharingAnOccupationNameEachOther(t *testing.T) {
	t.Parallel()
	m := copyFS(t)
	edit(t, m, "careers/full-stack-developer/career.yaml", "Backend Developer and Mobile Developer are filed", "Other guides are filed")
	_, err := content.Load(m)
	if err == nil {
		t.Fatal("a guide sharing Software Developers without naming the others passed")
	}
	for _, want := range []string{"careers/full-stack-developer/career.yaml", "occupation_why", `"Backend Developer"`, `"Mobile Developer"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the problem does not name %s:\n%v", want, err)
		}
	}
	m = copyFS(t)
	edit(t, m, "careers/qa-engineer/career.yaml", "Software Quality Assurance Analysts and Testers (15-1253.00) is O*NET's occupation for planning and running the tests that find problems in software before its users do.", "")
	if _, err := content.Load(m); err == nil || !strings.Contains(err.Error(), "occupation_why") {
		t.Errorf("an empty occupation_why passed: %v", err)
	}
}
