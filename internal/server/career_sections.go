package server

import (
	"net/http"

	"careerguide/internal/career"
	"careerguide/web/components"
	"careerguide/web/pages"
	"careerguide/web/section"

	"github.com/a-h/templ"
)

// textSection is a guide section that shows the guide's content and
// nothing of the person's beyond the chrome: the sections differ only in
// their title and description (each made from the guide's name) and page.
type textSection struct {
	sec         section.Section
	title       func(name string) string
	description func(name string) string
	page        func(p sectionPage) templ.Component
}

// sectionPage is what a text section's page is made from.
type sectionPage struct {
	Chrome components.Chrome
	Nav    components.CareerNav
	Cat    *career.Catalog
}

// textSections are /careers/{slug}/day, /myths, /work-life and /related.
func textSections() []textSection {
	return []textSection{
		{
			sec:   section.Day,
			title: func(n string) string { return "A day in the life of " + components.WithArticle(n) },
			description: func(n string) string {
				return "A junior and a senior " + n + "'s working day, hour by hour: meetings, focused work, reviews and on-call."
			},
			page: func(p sectionPage) templ.Component { return pages.Day(pages.DayPage{Chrome: p.Chrome, Nav: p.Nav}) },
		},
		{
			sec:   section.Myths,
			title: func(n string) string { return n + " myths" },
			description: func(n string) string {
				return "Common beliefs about working as " + components.WithArticle(n) + ", and what is actually true, with sources where facts decide it."
			},
			page: func(p sectionPage) templ.Component { return pages.Myths(pages.MythsPage{Chrome: p.Chrome, Nav: p.Nav}) },
		},
		{
			sec:   section.WorkLife,
			title: func(n string) string { return n + " work-life balance" },
			description: func(n string) string {
				return "How " + components.WithArticle(n) + "'s work fits with the rest of life: stress, flexibility, burnout risk, remote work and on-call."
			},
			page: func(p sectionPage) templ.Component {
				return pages.WorkLife(pages.WorkLifePage{Chrome: p.Chrome, Nav: p.Nav})
			},
		},
		{
			sec:   section.Related,
			title: func(n string) string { return n + " interests and reading" },
			description: func(n string) string {
				return "The " + n + " career's Holland code (the interests it suits), careers with similar profiles and further reading."
			},
			page: func(p sectionPage) templ.Component {
				return pages.Related(pages.RelatedPage{Chrome: p.Chrome, Nav: p.Nav, Types: p.Cat.RIASEC, Data: &p.Cat.OccupationData})
			},
		},
	}
}

// textSection is the handler of one text section: the page, kept per
// variant like every guide page.
func (s *server) textSection(ts textSection) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		nav, ok := s.careerNav(w, r, ts.sec)
		if !ok {
			return
		}
		s.renderCached(w, r, nav, func() templ.Component {
			name := nav.Career.Name
			return ts.page(sectionPage{Chrome: s.chrome(r, ts.title(name), ts.description(name)), Nav: nav, Cat: s.catalog()})
		})
	}
}
