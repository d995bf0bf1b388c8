// Package section names the pages of a career guide, one word each, for
// the routes, the navigation and the templates alike.
package section

import "net/url"

// Section is one page of a career guide; its value is the page's path
// segment under /careers/{slug}.
type Section string

// The sections, and the level form every guide posts to.
const (
	Overview Section = ""
	Path     Section = "path"
	Salary   Section = "salary"
	Skills   Section = "skills"
	Day      Section = "day"
	Myths    Section = "myths"
	WorkLife Section = "work-life"
	Related  Section = "related"
	Quiz     Section = "quiz"
	Results  Section = "results"
	Level    Section = "level" // POST: set or clear the person's level
)

// Nav is the sections of every guide, in navigation order.
func Nav() []Section {
	return []Section{Overview, Path, Salary, Skills, Day, Myths, WorkLife, Related, Quiz, Results}
}

// Label is the section's name in the navigation.
func (s Section) Label() string {
	switch s {
	case Overview:
		return "Overview"
	case Path:
		return "Career path"
	case Salary:
		return "Salary"
	case Skills:
		return "Skills"
	case Day:
		return "Day in the life"
	case Myths:
		return "Myths"
	case WorkLife:
		return "Work-life"
	case Related:
		return "Related"
	case Quiz:
		return "Match test"
	case Results:
		return "Result Library"
	case Level:
		return "Your level"
	}
	return string(s)
}

// Route is the section's route pattern below /careers/{slug}.
func (s Section) Route() string { return "/" + string(s) }

// Guide is the path of a career guide's overview.
func Guide(slug string) string { return "/careers/" + slug }

// URL is the path of the section in the guide of the career with slug.
func URL(slug string, s Section) string {
	if s == Overview {
		return Guide(slug)
	}
	return Guide(slug) + "/" + string(s)
}

// SkillURL is the path of one skill's page in a guide.
func SkillURL(slug, skill string) string { return URL(slug, Skills) + "/" + skill }

// CompareURL is the page comparing the careers with slugs a and b.
func CompareURL(a, b string) string {
	return "/compare?a=" + url.QueryEscape(a) + "&b=" + url.QueryEscape(b)
}

// LoginURL is the login page that returns to next afterwards.
func LoginURL(next string) string { return withNext("/login", next) }

// SignupURL is the sign-up page that returns to next afterwards.
func SignupURL(next string) string { return withNext("/signup", next) }

func withNext(page, next string) string {
	if next == "" {
		return page
	}
	return page + "?next=" + url.QueryEscape(next)
}

// ProgressURL is where a skill's progress form posts (status=known,
// learning, skip, or empty to clear).
func ProgressURL(slug, skill string) string { return SkillURL(slug, skill) + "/progress" }

// SimulateURL is the salary simulator of a guide.
func SimulateURL(slug string) string { return URL(slug, Salary) + "/simulate" }

// PlanURL is the page of every guide where the person set a level; PaceURL
// is where the hours-a-week form posts.
const (
	PlanURL = "/plan"
	PaceURL = "/plan/pace"
)
