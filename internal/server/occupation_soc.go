package server

import (
	"net/http"
	"regexp"
	"strings"

	"careerguide/internal/career"
	"careerguide/web/components"
	"careerguide/web/pages"

	"github.com/a-h/templ"
)

// socCodeRE is a 6-digit SOC code, as BLS writes it: "29-1141".
var socCodeRE = regexp.MustCompile(`^\d{2}-\d{4}$`)

// occupationsOfSOC are the occupations O*NET files under SOC code soc, by
// O*NET-SOC code.
func occupationsOfSOC(cat *career.Catalog, soc string) []*career.Occupation {
	var out []*career.Occupation
	for i := range cat.Occupations {
		if o := &cat.Occupations[i]; o.SOC == soc {
			out = append(out, o)
		}
	}
	return out
}

// socShow answers /occupations/{soc} for a 6-digit SOC code: a redirect
// (302: a new O*NET release may divide the code) to the one occupation
// O*NET files under it, or the list of them when it divides the code; 404
// when none. It reports false when code is not a SOC code.
func (s *server) socShow(w http.ResponseWriter, r *http.Request, cat *career.Catalog, code string) bool {
	if !socCodeRE.MatchString(code) {
		return false
	}
	occs := occupationsOfSOC(cat, code)
	switch len(occs) {
	case 0:
		s.notFound(w, r)
	case 1:
		http.Redirect(w, r, components.OccupationURL(occs[0].Code), http.StatusFound)
	default:
		titles := make([]string, len(occs))
		for i, o := range occs {
			titles[i] = o.Title
		}
		s.renderCached(w, r, components.CareerNav{}, func() templ.Component {
			p := pages.SOCPage{SOC: code, Occs: occs, Data: &cat.OccupationData}
			p.Chrome = s.chrome(r, p.Heading(), "The O*NET occupations of SOC code "+code+", under which BLS publishes pay and outlook: "+strings.Join(titles, "; ")+".")
			return pages.SOC(p)
		})
	}
	return true
}
