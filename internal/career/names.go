package career

import (
	"iter"
)

// NameKind is what kind of name of an occupation a Name is; among equal
// matches of a search the kinds rank in this order.
type NameKind int16

const (
	NameTitle    NameKind = 0 // the O*NET title
	NameGuide    NameKind = 1 // the name of a guide filed under the occupation
	NameReported NameKind = 2 // one of O*NET's reported job titles
	NameAlt      NameKind = 3 // one of O*NET's alternate titles, or its short form
)

// Name is one name an occupation goes by.
type Name struct {
	Occ  int // position in Catalog.Occupations
	Kind NameKind
	Term string
	// Sources is how many of O*NET's sources list an alternate title.
	Sources int
}

// Names are the names each occupation of cat goes by, in the order of its
// occupations, and for each the O*NET title, its guides, its reported
// titles, then its alternate titles and their short forms; a name is given
// once per occupation, as its first kind.
func (cat *Catalog) Names() iter.Seq[Name] {
	return func(yield func(Name) bool) {
		guides := map[string][]string{}
		for _, c := range cat.Careers {
			guides[c.ONetCode] = append(guides[c.ONetCode], c.Name)
		}
		for i := range cat.Occupations {
			o := &cat.Occupations[i]
			seen := map[string]bool{}
			give := func(kind NameKind, term string, sources int) bool {
				if term == "" || seen[term] {
					return true
				}
				seen[term] = true
				return yield(Name{Occ: i, Kind: kind, Term: term, Sources: sources})
			}
			ok := give(NameTitle, o.Title, 0)
			for _, g := range guides[o.Code] {
				ok = ok && give(NameGuide, g, 0)
			}
			for _, t := range o.ReportedTitles {
				ok = ok && give(NameReported, t, 0)
			}
			for _, a := range o.AltTitles {
				ok = ok && give(NameAlt, a.Title, a.Sources) && give(NameAlt, a.Short, a.Sources)
			}
			if !ok {
				return
			}
		}
	}
}
