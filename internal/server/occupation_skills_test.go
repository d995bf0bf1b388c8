package server_test

import (
	"os"
	"strings"
	"testing"

	"careerguide/web/pages"

	"github.com/PuerkitoBio/goquery"
)

// sectionText is the whitespace-normalised text of the page's section
// labelled by id, with a space between table cells.
func sectionText(p page, id string) string {
	s := p.Doc.Find(`section[aria-labelledby="` + id + `"]`).Clone()
	s.Find("th, td, dt, dd, li").Each(func(_ int, c *goquery.Selection) { c.AppendHtml(" ") })
	return strings.Join(strings.Fields(s.Text()), " ")
}

// TestOccupationSkillsEducationTechnology: the skills and knowledge (O*NET
// 29.0), the education, experience and training answers and the
// technologies of three occupations, with the figures read by hand from
// O*NET's files.
func TestOccupationSkillsEducationTechnology(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	for _, c := range []struct {
		code                   string
		skills, getIn, tech    []string
		notInSkills, notInTech []string
	}{
		{
			code: "29-1141.00", // Registered Nurses
			skills: []string{
				"Skills and knowledge", "as O*NET 29.0 rates it",
				"Social Perceptiveness 4.12 4.38", "Active Listening 4.00 4.25", "Judgment and Decision Making 3.88 3.75",
				"Psychology 4.58 6.08", "Medicine and Dentistry 4.36 4.47", "Administration and Management 3.29 2.89",
				"Source: O*NET 29.0 Database: Skills and Knowledge", "released August 2024",
				"These ratings are from O*NET 29.0; the page's other O*NET figures are from O*NET 29.3.",
				"This page includes information from the O*NET 29.0 Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license.",
			},
			notInSkills: []string{"Monitoring", "Writing"}, // 9th and 10th by importance
			getIn: []string{
				"56 %† say a bachelor's degree is needed; 23 % a post-secondary certificate and 19 % an associate's degree.",
				"a master's degree 1 %", "a high school diploma or the equivalent 1 %", "a bachelor's degree 56 %†",
				"Related work experience: The most common answer is 1 to 2 years (34 %); 19 % say none.",
				"On-the-job training: The most common answer is 3 to 6 months (34 %); no one says none or a short demonstration.",
				"answers of workers in the occupation, dated 08/2021",
				"† O*NET advises caution with this share",
				"Typical education for entry (BLS) Bachelor's degree",
			},
			tech: []string{
				"O*NET lists 43 technologies in 20 categories for this occupation; it flags 16 as hot technologies.",
				"Medical software (17): eClinicalWorks EHR software hot, Epic Systems hot, Henry Schein Dentrix hot, MEDITECH software hot and 13 more",
				"Business intelligence and data analysis software (1): Apache Spark hot",
			},
		},
		{
			code: "51-4121.00", // Welders, Cutters, Solderers, and Brazers
			skills: []string{
				"Quality Control Analysis 3.12 3.00", "Judgment and Decision Making 2.88 2.62", "Critical Thinking 2.88 2.38", "Active Listening 2.62 2.38",
				"Production and Processing 3.49 3.36", "Public Safety and Security 2.51 1.90",
			},
			notInSkills: []string{"Speaking"},
			getIn: []string{
				"54 % say a high school diploma or the equivalent is needed; 21 % less than a high school diploma and 12 % a post-secondary certificate.",
				"a bachelor's degree 1 %",
				"Related work experience: The most common answer is 1 to 2 years (34 %); 13 % say none.",
				"On-the-job training: The most common answer is 1 to 3 months (27 %); 4 % say none or a short demonstration.",
				"dated 08/2022",
			},
			tech: []string{"O*NET lists 13 technologies in 9 categories", "Analytical or scientific software (3):"},
		},
		{
			code: "25-2021.00", // Elementary School Teachers, Except Special Education
			skills: []string{
				"Learning Strategies 4.25 4.50", "Instructing 4.25 4.00", "Reading Comprehension 3.88 3.88",
				"English Language 4.86 4.68", "Education and Training 4.84 5.55",
			},
			notInSkills: []string{"Writing", "Coordination"},
			getIn: []string{
				"78 % say a bachelor's degree is needed; 22 % a master's degree.",
				"Related work experience: The most common answer is none (33 %).",
				"On-the-job training: The most common answer is 6 months to a year (27 %); 25 % say none or a short demonstration.",
				"dated 08/2024",
			},
			tech: []string{"O*NET lists 30 technologies in 16 categories", "Computer based training software (5):"},
		},
	} {
		p := b.get("/occupations/" + c.code)
		for _, s := range []struct {
			id       string
			want, no []string
		}{{"skills", c.skills, c.notInSkills}, {"get-in", c.getIn, nil}, {"technology", c.tech, c.notInTech}} {
			text := sectionText(p, s.id)
			for _, w := range s.want {
				if !strings.Contains(text, w) {
					t.Errorf("%s section %s lacks %q; it reads:\n%s", c.code, s.id, w, text)
				}
			}
			for _, w := range s.no {
				if strings.Contains(text, w) {
					t.Errorf("%s section %s shows %q", c.code, s.id, w)
				}
			}
		}
		if os.Getenv("SHOW_SECTIONS") != "" {
			t.Logf("%s:\n%s\n\n%s\n\n%s", c.code, sectionText(p, "skills"), sectionText(p, "get-in"), sectionText(p, "technology"))
		}
	}

	// The technologies: the largest category first, so Registered Nurses
	// no longer lead with Apache Spark.
	p := b.get("/occupations/29-1141.00")
	if first := strings.Join(strings.Fields(p.Doc.Find(`section[aria-labelledby="technology"] ul.tech li`).First().Text()), " "); !strings.HasPrefix(first, "Medical software (17)") {
		t.Errorf("first technology category = %q, want Medical software", first)
	}
	if n := p.Doc.Find(`section[aria-labelledby="technology"] .flag`).Length(); n != 11 || p.Doc.Find(`.flag:contains("in demand")`).Length() != 0 {
		t.Errorf("29-1141.00: %d technologies marked, want the 11 hot ones shown and none in demand", n)
	}
	if p.Doc.Find(`section[aria-labelledby="technology"] a[href="https://www.onetonline.org/link/details/29-1141.00#TechnologySkills"]`).Length() != 1 {
		t.Error("no link to every technology on O*NET OnLine")
	}

	// Moving here: the closest skill profiles of other SOC codes. Registered
	// Nurses and Exercise Physiologists differ by 0.347 over the 35 skill
	// levels of Skills.xlsx (computed by hand from the file).
	moves := sectionText(p, "moves")
	for _, want := range []string{
		"Moving here from another job",
		"From Exercise Physiologists (difference 0.35): the biggest steps up are Social Perceptiveness (3.88 to 4.38), Coordination (3.62 to 4.00) and Active Listening (4.00 to 4.25).",
		"Method: careerguide compares the levels (0 to 7) O*NET 29.0 gives every occupation on each of its 35 skills",
		"Source: O*NET 29.0 Database: Skills and Knowledge, released August 2024.",
	} {
		if !strings.Contains(moves, want) {
			t.Errorf("29-1141.00 moves lack %q; they read:\n%s", want, moves)
		}
	}
	if n := p.Doc.Find(`section[aria-labelledby="moves"] ol.moves > li`).Length(); n != 5 {
		t.Errorf("29-1141.00: %d moves, want 5", n)
	}
	if strings.Contains(moves, "Acute Care Nurses") {
		t.Error("29-1141.00 lists a specialty of its own SOC code as another job")
	}

	// Without O*NET's answers or ratings, the sections say so.
	p = b.get("/occupations/55-1011.00")
	for id, want := range map[string]string{
		"skills":     "O*NET 29.0 rates no skills or knowledge for this occupation.",
		"get-in":     "O*NET publishes no answers on the education, experience and training this occupation needs.",
		"technology": "O*NET 29.3 lists no technology for this occupation.",
	} {
		if text := sectionText(p, id); !strings.Contains(text, want) {
			t.Errorf("55-1011.00 section %s = %q, want %q", id, text, want)
		}
	}
	if p.Doc.Find(`section[aria-labelledby="moves"]`).Length() != 0 {
		t.Error("55-1011.00 has no skills, yet shows moves")
	}
}

// TestMovesMethodNoteHolds: the method note says most of the pairs listed
// differ by under half a level; it stays true of the data.
func TestMovesMethodNoteHolds(t *testing.T) {
	t.Parallel()
	cat := newTestApp(t).Catalog()
	under, all := 0, 0
	for i := range cat.Occupations {
		for _, m := range cat.ClosestBySkills(&cat.Occupations[i], pages.MaxMoves) {
			all++
			if m.Difference < 0.5 {
				under++
			}
		}
	}
	if all < 4000 || under*2 <= all {
		t.Errorf("%d of %d listed pairs differ by under half a level: the note says most do", under, all)
	}
	t.Logf("%d of %d listed pairs differ by under half a level", under, all)
}
