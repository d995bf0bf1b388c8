package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// Figures that belong to a wider BLS group say so wherever they appear:
// in the list (Baristas show all fast food and counter workers), when
// sorting by them, in related-occupation tables; "All Other" pages say
// they are a catch-all; BLS's combined codes are not called SOC codes;
// sources give the period their figures describe.
func TestFiguresSayWhoseTheyAre(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()

	list := b.get("/occupations?letter=R&sort=employment")
	if list.Status != http.StatusOK {
		t.Fatalf("%d", list.Status)
	}
	if list.Doc.Find("#group-sort-note").Length() != 1 {
		t.Error("sorting by employment does not say that group figures sort by the group's")
	}
	found := false
	list.Doc.Find("tbody tr").Each(func(_ int, row *goquery.Selection) {
		if strings.Contains(row.Find("td").First().Text(), "Baristas") {
			found = true
			text := strings.Join(strings.Fields(row.Text()), " ")
			if !strings.Contains(text, "3,780,930 (group)") || !strings.Contains(text, "Figures of a wider BLS group: Fast Food and Counter Workers") {
				t.Errorf("the Baristas row does not mark the group's figures: %q", text)
			}
		}
	})
	if !found {
		t.Error("Baristas are not among the first realistic occupations by employment")
	}
	if n := b.get("/occupations?letter=R&sort=name").Doc.Find("#group-sort-note").Length(); n != 0 {
		t.Error("sorting by name warns about group figures")
	}

	// Baristas' related occupations include Fast Food and Counter Workers
	// (35-3023.00), whose median is the same group's.
	barista := b.get("/occupations/35-3023.01")
	rel := strings.Join(strings.Fields(barista.Doc.Find(`table:contains("Related occupations") tbody`).Text()), " ")
	if !strings.Contains(rel, "group") {
		t.Errorf("related occupations do not mark group figures: %q", rel)
	}
	barista.mustContain(t, "OEWS counts wage and salary jobs", "including the self-employed")
	// The headline figures name the group too, not only the Pay section.
	head := figures(barista.Doc)
	for _, want := range []string{"$30,480 a year, BLS, May 2024; a wider group's: Fast Food and Counter Workers", "904,300 BLS, average 2024–2034; a wider group's: Fast food and counter workers"} {
		if !strings.Contains(head, want) {
			t.Errorf("the headline figures do not say whose they are: want %q in %q", want, head)
		}
	}
	if head := figures(b.get("/occupations/15-1252.00").Doc); strings.Contains(head, "wider") || strings.Contains(head, "shared") {
		t.Errorf("Software Developers' own figures are marked as a group's: %q", head)
	}
	// A change BLS rounds to 0.0 thousand beside +0.3 %: not "0 jobs".
	if got := b.get("/occupations/29-1029.00").Doc.Find(`dt:contains("Change") + dd`).Text(); got != "+0.3\u00a0% (fewer than 50 jobs; BLS rounds these figures to the hundred)" {
		t.Errorf("29-1029.00's change in jobs: %q, want it said as fewer than 50", got)
	}
	// A median BLS gives only as its top figure, or only by the hour, still
	// leads the page.
	for code, want := range map[string]string{
		"29-1217.00": "Median pay $239,200 or more a year (the highest figure BLS publishes), BLS, May 2024",
		"27-2011.00": "Median pay $23.33 an hour (BLS publishes only hourly wages), BLS, May 2024",
	} {
		if head := figures(b.get("/occupations/" + code).Doc); !strings.Contains(head, want) {
			t.Errorf("%s's headline figures %q, want %q", code, head, want)
		}
	}
	rn := figures(b.get("/occupations/29-1141.00").Doc)
	if !strings.Contains(rn, "$93,600 a year, BLS, May 2024; shared with 4 other O*NET occupations") {
		t.Errorf("an occupation sharing its code's wages does not say so in the headline: %q", rn)
	}

	allOther := b.get("/occupations/15-1299.00")
	if allOther.Doc.Find("#catch-all").Length() != 1 {
		t.Error("an All Other page does not say it is a catch-all")
	}

	combined := b.get("/occupations/51-2022.00")
	combined.mustContain(t, "BLS code 51-2028, which combines several SOC codes and is not a SOC code itself")
	if strings.Contains(combined.text(), "SOC 51-2028") {
		t.Error("the combined code 51-2028 is called a SOC code")
	}

	sw := b.get("/occupations/15-1252.00")
	sw.mustContain(t, "estimates for May 2024", "projections for 2024-34", "ratings of 11/2023")
	if strings.Contains(sw.text(), "released 2024-34") || strings.Contains(sw.text(), "released May 2024") {
		t.Error("a source's reference period is called a release")
	}

	leg := b.get("/occupations/11-1031.00")
	if leg.Doc.Find("#annual-only").Length() != 1 {
		t.Error("an annual-only occupation does not explain why hourly pay is missing")
	}

	// A match test result marks them in its ranking too.
	cat, err := loadedContent()
	if err != nil {
		t.Fatal(err)
	}
	res := b.get(b.post("/match", byType(b.get("/match"), map[byte]int{'r': 5, 'i': 4, 'a': 1, 's': 1, 'e': 2, 'c': 3})).Header.Get("Location"))
	marked := 0
	res.Doc.Find("#occupation-ranking > li").Each(func(_ int, li *goquery.Selection) {
		links := li.Find("a")
		if links.Length() != 1 {
			return // several occupations of one profile: each line names its own
		}
		o, ok := cat.Occupation(strings.TrimPrefix(links.AttrOr("href", ""), "/occupations/"))
		if !ok {
			t.Fatalf("ranking links %q", links.AttrOr("href", ""))
		}
		text := strings.Join(strings.Fields(li.Text()), " ")
		want := o.WagesWider() || o.ProjectionWider()
		if strings.Contains(text, "(group)") != want {
			t.Errorf("%s (%s) in the ranking: %q; group figures: %v", o.Title, o.Code, text, want)
		}
		if want {
			marked++
		}
	})
	if marked == 0 {
		t.Error("no occupation of the ranking has a group's figures: the check above checked nothing")
	}
	res.mustContain(t, "“(group)”: the figure is a wider BLS group's")

	home := b.get("/")
	count := strings.Join(strings.Fields(home.Doc.Find("#finder-count").Text()), " ")
	if !strings.Contains(count, "1,016 occupations") || !strings.Contains(count, "996 of them with official pay") || !strings.Contains(count, "997 with an employment projection") {
		t.Errorf("home count: %q", count)
	}
}

// figures is the text of an occupation page's headline figures: each
// figure's label, number and source, a space between them.
func figures(doc *goquery.Document) string {
	var parts []string
	doc.Find("ul.figures li").Each(func(_ int, li *goquery.Selection) {
		parts = append(parts, strings.TrimSpace(li.Contents().First().Text()))
		li.Children().Each(func(_ int, s *goquery.Selection) {
			parts = append(parts, strings.Join(strings.Fields(s.Text()), " "))
		})
	})
	return strings.Join(parts, " ")
}
