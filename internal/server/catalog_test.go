package server_test

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"careerguide/internal/quiz"

	"github.com/PuerkitoBio/goquery"
)

// Choosing a Holland letter orders every career by its score on that
// interest type, highest first, and shows the score with its source;
// sorting by pay orders by the official median.
func TestCatalogOrdersByInterestScore(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	cat := app.Catalog()
	for i, letter := range strings.Split(quiz.Letters, "") {
		p := b.get("/?letter=" + letter)
		if p.Status != http.StatusOK {
			t.Fatalf("letter %s: %d", letter, p.Status)
		}
		cards := p.Doc.Find("ul.cards > li")
		if cards.Length() != len(cat.Careers) {
			t.Errorf("letter %s lists %d careers, want all %d", letter, cards.Length(), len(cat.Careers))
		}
		var scores []float64
		cards.Each(func(_ int, card *goquery.Selection) {
			href, _ := card.Find("h3 a").Attr("href")
			c, ok := cat.Career(strings.TrimPrefix(href, "/careers/"))
			if !ok {
				t.Fatalf("card links %q", href)
			}
			score := c.Interests.Scores[i]
			scores = append(scores, score)
			if got, want := strings.TrimSpace(card.Find("dd.score").Text()), fmt.Sprintf("%.2f of 7", score); got != want {
				t.Errorf("letter %s, %s: score %q, want %q", letter, c.Slug, got, want)
			}
			if src := card.Find(".source").Text(); !strings.Contains(src, "O*NET") || !strings.Contains(src, c.Interests.Source.Date) {
				t.Errorf("letter %s, %s: the score does not name O*NET and its date: %q", letter, c.Slug, src)
			}
		})
		if !sort.SliceIsSorted(scores, func(i, j int) bool { return scores[i] > scores[j] }) {
			t.Errorf("letter %s: scores not highest first: %v", letter, scores)
		}
		if scores[0] == scores[len(scores)-1] {
			t.Errorf("letter %s: every career scores %v, the order says nothing", letter, scores[0])
		}
		p.mustContain(t, "Ordered by how strongly people in each career score on "+letter)
	}
	byPay := b.get("/?sort=pay")
	var medians []int
	byPay.Doc.Find("ul.cards > li h3 a").Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		c, _ := cat.Career(strings.TrimPrefix(href, "/careers/"))
		medians = append(medians, c.MedianPay())
	})
	if len(medians) != len(cat.Careers) || !sort.SliceIsSorted(medians, func(i, j int) bool { return medians[i] > medians[j] }) {
		t.Fatalf("sorted by pay: %v", medians)
	}
	if byPay.Doc.Find(`select#sort option[value="years"]`).Length() != 0 {
		t.Error("the catalog still offers to sort by years to the top")
	}
	for _, bad := range []string{"/?letter=X", "/?letter=IC", "/?sort=" + url.QueryEscape("<b>"), "/?sort=years", "/?sort=interest"} {
		if p := b.get(bad); p.Status != http.StatusBadRequest {
			t.Errorf("GET %s: %d, want 400", bad, p.Status)
		}
	}
}

func TestCrawlCompareEveryPair(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	cat := app.Catalog()
	if p := b.get("/compare"); p.Status != http.StatusOK || p.Doc.Find("select#a option").Length() != len(cat.Careers)+1 {
		t.Fatalf("chooser: %d", p.Status)
	}
	for i := range cat.Careers {
		for j := range cat.Careers {
			a, c := &cat.Careers[i], &cat.Careers[j]
			p := b.get("/compare?a=" + a.Slug + "&b=" + c.Slug)
			if i == j {
				if p.Status != http.StatusBadRequest {
					t.Errorf("compare %s with itself: %d", a.Slug, p.Status)
				}
				continue
			}
			if p.Status != http.StatusOK {
				t.Fatalf("compare %s %s: %d", a.Slug, c.Slug, p.Status)
			}
			p.mustContain(t, a.Name+" vs "+c.Name, "Both need", "Work-life", "alike")
			if rows := p.Doc.Find("table").First().Find("tbody tr").Length(); rows != max(len(a.Levels), len(c.Levels)) {
				t.Errorf("%s vs %s: %d ladder rows", a.Slug, c.Slug, rows)
			}
			checkSkillSplit(t, p, cat, a, c)
		}
	}
	if p := b.get("/compare?a=backend-developer&b=astronaut"); p.Status != http.StatusBadRequest {
		t.Fatalf("unknown career: %d", p.Status)
	}
}

// The data-minded answers give the profile R 2, I 7, A 2, S 3.25, E 2.5,
// C 5.5. Its fit with a guide is the Pearson correlation r of the six
// scores, in bands (Best from .80, Great from .60, Good from .40, else not
// a fit), computed here without the quiz package; guides with one
// interest profile share one line.
func TestResultRanksEveryCareerLikeAHandComputation(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	r := b.get(b.takeTest("backend-developer", dataMinded))
	person := []float64{2, 7, 2, 3.25, 2.5, 5.5}
	pearson := func(x, y []float64) float64 {
		var mx, my float64
		for i := range x {
			mx, my = mx+x[i]/6, my+y[i]/6
		}
		var sxy, sxx, syy float64
		for i := range x {
			sxy += (x[i] - mx) * (y[i] - my)
			sxx += (x[i] - mx) * (x[i] - mx)
			syy += (y[i] - my) * (y[i] - my)
		}
		return sxy / math.Sqrt(sxx*syy)
	}
	cat := app.Catalog()
	type ranked struct {
		names []string
		match float64
	}
	var want []ranked
	seen := map[[6]float64]int{}
	for _, c := range cat.Careers {
		if i, ok := seen[c.Interests.Scores]; ok {
			want[i].names = append(want[i].names, c.Name)
			continue
		}
		seen[c.Interests.Scores] = len(want)
		want = append(want, ranked{[]string{c.Name}, pearson(person, c.Interests.Scores[:])})
	}
	sort.SliceStable(want, func(i, j int) bool { return want[i].match > want[j].match })
	items := r.Doc.Find("#guide-ranking > li")
	if items.Length() != len(want) {
		t.Fatalf("ranking lists %d lines, want %d", items.Length(), len(want))
	}
	items.Each(func(i int, s *goquery.Selection) {
		names := want[i].names
		label := names[0]
		if len(names) > 1 {
			label = strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
		}
		band := "Not a fit"
		switch r := want[i].match; {
		case r >= .80:
			band = "Best fit"
		case r >= .60:
			band = "Great fit"
		case r >= .40:
			band = "Good fit"
		}
		prefix := fmt.Sprintf("%s %s (r = %s)", band, label, strings.Replace(fmt.Sprintf("%.2f", want[i].match), "-", "\u2212", 1))
		if txt := strings.Join(strings.Fields(s.Text()), " "); !strings.HasPrefix(txt, prefix) {
			t.Errorf("rank %d: %q, want %s", i+1, txt, prefix)
		}
	})
}
