package pages_test

import (
	"strings"
	"testing"

	"careerguide/web/components"
	"careerguide/web/pages"
)

// A Library says how many people sent its results; where some results
// were stored before people were counted, it says how many people sent
// the ones stored since, and that the earlier ones were not counted,
// rather than calling every result a person.
func TestLibraryLedeCountsPeople(t *testing.T) {
	nav := backendNav(t, "/careers/backend-developer/results", "")
	lede := func(total int64, people pages.PeopleCount) string {
		t.Helper()
		doc := render(t, pages.Library(pages.LibraryPage{Chrome: components.Chrome{Title: "Library"}, Nav: nav, Total: total, People: people, MinGroup: 10,
			Histogram: components.NewHistogram("h", make([]int64, 20), nil, 10)}))
		return strings.Join(strings.Fields(doc.Find("main .lede").Text()), " ")
	}
	for _, c := range []struct {
		total  int64
		people pages.PeopleCount
		want   string
	}{
		{0, pages.PeopleCount{}, "0 results have been stored for the Backend Developer match test."},
		{9, pages.PeopleCount{Results: 9, People: 1, Since: "7 December 2026"}, "9 results from 1 person have been stored for the Backend Developer match test."},
		{1, pages.PeopleCount{Results: 1, People: 1, Since: "7 December 2026"}, "1 result from 1 person has been stored for the Backend Developer match test."},
		{40, pages.PeopleCount{Results: 9, People: 2, Since: "7 December 2026"}, "40 results have been stored for the Backend Developer match test. The 9 results stored since 7 December 2026 came from 2 people; who sent the earlier ones was not counted."},
		{40, pages.PeopleCount{}, "40 results have been stored for the Backend Developer match test. Who sent them was not counted"},
	} {
		if got := lede(c.total, c.people); !strings.HasPrefix(got, c.want) {
			t.Errorf("%d results, %+v:\n got %q\nwant %q…", c.total, c.people, got, c.want)
		}
	}
}
