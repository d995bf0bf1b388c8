package finder

import (
	"testing"

	"careerguide/internal/career"
)

func TestGuidesTheSearchNames(t *testing.T) {
	cat := &career.Catalog{}
	for _, name := range []string{"Backend Developer", "Frontend Developer", "Full-Stack Developer", "Game Developer",
		"Mobile Developer", "DevOps / Site Reliability Engineer", "Data Engineer", "Machine Learning Engineer",
		"QA / Test Engineer", "Security Engineer", "UX / Product Designer"} {
		cat.Careers = append(cat.Careers, career.Career{Name: name})
	}
	for q, want := range map[string]string{
		"machine learning engineer":        "Machine Learning Engineer",
		"Machine-Learning Engineers":       "Machine Learning Engineer", // punctuation, plural
		"dev ops":                          "DevOps / Site Reliability Engineer",
		"front end developer":              "Frontend Developer",
		"full stack":                       "Full-Stack Developer",
		"senior backend developer jobs":    "Backend Developer", // the whole name in the search
		"data":                             "Data Engineer",
		"designer":                         "UX / Product Designer",
		"engineer":                         "", // five guides share it
		"developer":                        "",
		"nurse":                            "",
		"machine learning engineer salary": "Machine Learning Engineer",
	} {
		got := Guides(cat, q)
		switch {
		case want == "" && len(got) != 0:
			t.Errorf("%q names %d guides, first %q; want none", q, len(got), got[0].Name)
		case want != "" && (len(got) != 1 || got[0].Name != want):
			names := []string{}
			for _, g := range got {
				names = append(names, g.Name)
			}
			t.Errorf("%q names %q, want %q", q, names, want)
		}
	}
}
