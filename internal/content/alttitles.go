package content

import (
	"cmp"
	"slices"
	"strings"

	"careerguide/internal/career"
	"careerguide/internal/onet"
)

// altTitles are o's alternate titles, the most common first: by how many
// of the sources O*NET draws its titles from name them, then those also in
// O*NET's sample of reported job titles, then by title ("Registered Nurse
// (RN)", named by 7 sources, and "Nurse", by 5, before Registered Nurses'
// reported titles, most of them named by one). Problems go to bad.
func altTitles(o onet.Occupation, bad func(string, ...any)) []career.AltTitle {
	if len(o.AltTitles) == 0 {
		return nil
	}
	reported := make(map[string]bool, len(o.ReportedTitles))
	for _, t := range o.ReportedTitles {
		reported[strings.ToLower(t)] = true
	}
	seen := make(map[string]bool, len(o.AltTitles))
	out := make([]career.AltTitle, 0, len(o.AltTitles))
	for _, a := range o.AltTitles {
		switch {
		case strings.TrimSpace(a.Title) == "":
			bad("an alternate title is empty")
			continue
		case seen[a.Title]:
			bad("alternate title %q is listed twice", a.Title)
			continue
		case len(a.Sources) == 0:
			bad("alternate title %q names no source", a.Title)
		}
		seen[a.Title] = true
		out = append(out, career.AltTitle{Title: a.Title, Short: a.Short, Sources: len(a.Sources), Reported: reported[strings.ToLower(a.Title)]})
	}
	slices.SortStableFunc(out, func(a, b career.AltTitle) int {
		if a.Sources != b.Sources {
			return cmp.Compare(b.Sources, a.Sources)
		}
		if a.Reported != b.Reported {
			if a.Reported {
				return -1
			}
			return 1
		}
		return cmp.Or(strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), strings.Compare(a.Title, b.Title))
	})
	return out
}
