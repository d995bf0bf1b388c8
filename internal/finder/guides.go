package finder

import (
	"slices"
	"strings"

	"careerguide/internal/career"
)

// maxNamedGuides is the most guides a query may name: a word more guides
// share ("engineer", "developer") names none of them.
const maxNamedGuides = 3

// Guides are the guides of cat that q names, in the catalog's order: every
// word of q is a word of the guide's name (case and punctuation aside; a
// plural "s" may be dropped; two words of q side by side may be one word of
// the name, so "dev ops" names "DevOps / Site Reliability Engineer" and
// "front end developer" "Frontend Developer"), or every word of the name
// is in q ("senior machine learning engineer"). None when more than
// maxNamedGuides would be.
func Guides(cat *career.Catalog, q string) []*career.Career {
	qw := words(q)
	if len(qw) == 0 {
		return nil
	}
	forms := [][]string{qw}
	for i := 0; i+1 < len(qw); i++ {
		forms = append(forms, slices.Concat(qw[:i], []string{qw[i] + qw[i+1]}, qw[i+2:]))
	}
	var out []*career.Career
	for i := range cat.Careers {
		c := &cat.Careers[i]
		nw := words(c.Name)
		if holds(qw, nw) || slices.ContainsFunc(forms, func(f []string) bool { return holds(nw, f) }) {
			out = append(out, c)
		}
	}
	if len(out) > maxNamedGuides {
		return nil
	}
	return out
}

// words are the lower-case words of s: runs of a-z and 0-9.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < '0' || r > '9')
	})
}

// holds reports whether every word of want is in have, or is once its
// plural "s" is dropped.
func holds(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) && !(len(w) > 3 && strings.HasSuffix(w, "s") && slices.Contains(have, strings.TrimSuffix(w, "s"))) {
			return false
		}
	}
	return true
}
