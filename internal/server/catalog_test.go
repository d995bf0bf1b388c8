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

func TestCompareEveryPair(t *testing.T) {
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

// All answers neutral (3) give the flat profile 4,4,4,4,4,4: its match with a
// career is the distance fallback, 100 * (1 - d / (6*sqrt(6))). For
// Backend Developer (O*NET 15-1252.00: R 3.93, I 5.86, A 2.26, S 1.88,
// E 1.87, C 5.46), d^2 = 0.0049 + 3.4596 + 3.0276 + 4.4944 + 4.5369 +
// 2.1316 = 17.655, so the match is 100 * (1 - 4.20179 / 14.69694) = 71.41 %.
func TestResultRanksEveryCareerLikeAHandComputation(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	p := b.post(bd+"/quiz", answers(3))
	r := b.get(p.Header.Get("Location"))
	r.mustContain(t, "Your match with Backend Developer: 71%")
	cat := app.Catalog()
	if len(cat.Careers) < 2 {
		return // the ranking is shown from two careers on
	}
	type ranked struct {
		name  string
		match float64
	}
	var want []ranked
	for _, c := range cat.Careers {
		d := 0.0
		for _, v := range c.Interests.Scores {
			d += (4 - v) * (4 - v)
		}
		want = append(want, ranked{c.Name, 100 * (1 - math.Sqrt(d)/(6*math.Sqrt(6)))})
	}
	sort.SliceStable(want, func(i, j int) bool { return want[i].match > want[j].match })
	items := r.Doc.Find("ol.ranking > li")
	if items.Length() != len(cat.Careers) {
		t.Fatalf("ranking lists %d careers, want %d", items.Length(), len(cat.Careers))
	}
	items.Each(func(i int, s *goquery.Selection) {
		if txt := strings.Join(strings.Fields(s.Text()), " "); txt != fmt.Sprintf("%s: %d%%", want[i].name, int(math.Round(want[i].match))) {
			t.Errorf("rank %d: %q, want %s at %.0f%%", i+1, txt, want[i].name, want[i].match)
		}
	})
}
