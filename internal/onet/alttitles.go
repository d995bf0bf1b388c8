package onet

import (
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// fileAltTitles is O*NET's file of alternate job titles.
const fileAltTitles = "Alternate Titles.txt"

// AltTitle is one of the other titles O*NET lists for an occupation.
type AltTitle struct {
	Title string `json:"title"`
	// Short is O*NET's short form of the title ("ER Nurse" for "Emergency
	// Room Nurse (ER Nurse)"); "" when O*NET gives none ("n/a").
	Short string `json:"short,omitempty"`
	// Sources are O*NET's codes of the sources that list the title, as
	// published ("02", "04"), sorted.
	Sources []string `json:"sources"`
}

var sourceCodeRE = regexp.MustCompile(`^\d{2}$`)

// readAltTitles gives each occupation its alternate titles, sorted
// by title. A title listed twice for one occupation (O*NET does so when two
// rows differ only in the short title or the sources) is kept once, with
// every source of both rows and the short title one of them gives.
func readAltTitles(dir string, occ occupations) error {
	t, err := readTSV(filepath.Join(dir, fileAltTitles))
	if err != nil {
		return err
	}
	const colTitle, colShort, colSources = "Alternate Title", "Short Title", "Source(s)"
	if err := t.need(colCode, colTitle, colShort, colSources); err != nil {
		return err
	}
	byOcc := map[*Occupation]map[string]*AltTitle{}
	for i := range t.rows {
		r := t.row(i)
		o := occ.lookup(r, colCode)
		title, short, sources := r.text(colTitle), r.text(colShort), r.text(colSources)
		if short == "n/a" {
			short = ""
		}
		codes := strings.Split(sources, ",")
		for _, c := range codes {
			if r.err == nil && !sourceCodeRE.MatchString(c) {
				r.fail(colSources, "want two-digit source codes separated by commas, not %q", sources)
			}
		}
		if r.err != nil {
			return r.err
		}
		if byOcc[o] == nil {
			byOcc[o] = map[string]*AltTitle{}
		}
		a := byOcc[o][title]
		if a == nil {
			a = &AltTitle{Title: title, Sources: []string{}}
			byOcc[o][title] = a
		}
		if short != "" && a.Short != "" && short != a.Short {
			r.fail(colShort, "%q of %s has the short titles %q and %q", title, o.Code, a.Short, short)
			return r.err
		}
		if short != "" {
			a.Short = short
		}
		for _, c := range codes {
			if !slices.Contains(a.Sources, c) {
				a.Sources = append(a.Sources, c)
			}
		}
	}
	for o, titles := range byOcc {
		for _, a := range titles {
			sort.Strings(a.Sources)
			o.AltTitles = append(o.AltTitles, *a)
		}
		sort.Slice(o.AltTitles, func(a, b int) bool { return lessFold(o.AltTitles[a].Title, o.AltTitles[b].Title) })
	}
	return nil
}
