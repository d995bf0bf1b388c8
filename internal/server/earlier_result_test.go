package server_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"careerguide/internal/quiz"

	"github.com/PuerkitoBio/goquery"
)

// earlierLayout is the layout of the 15 statements the test had before
// the 60 of today (one letter a statement, lower case when reverse-keyed).
const earlierLayout = "IICRASEICRAsEce"

// storeEarlierResult stores a result as the earlier test stored it: its
// answers, the scores its own statements gave them, and its layout.
func storeEarlierResult(t *testing.T, app *testApp, id string, answers []int) quiz.Profile {
	t.Helper()
	items, ok := quiz.ItemsFromLayout(earlierLayout)
	if !ok {
		t.Fatalf("layout %q does not read", earlierLayout)
	}
	scores, err := quiz.Score(items, answers)
	if err != nil {
		t.Fatal(err)
	}
	arr := func(vs []string) string { return "{" + strings.Join(vs, ",") + "}" }
	var a, s []string
	for _, v := range answers {
		a = append(a, fmt.Sprint(v))
	}
	for _, v := range scores {
		s = append(s, fmt.Sprint(v))
	}
	if _, err := app.Pool().Exec(context.Background(), `insert into quiz_results (id, career_slug, answers, scores, match_pct, holland, layout)
		values ($1, 'backend-developer', $2, $3, 50, $4, $5)`, id, arr(a), arr(s), quiz.HollandCode(scores), earlierLayout); err != nil {
		t.Fatal(err)
	}
	return scores
}

// earlierFigures is what a result page says about the result itself, one
// line each: the Holland code and stability figures, the sentence on
// stability, the notice on the earlier statements, and the person's six
// scores as the score table shows them. Fits to occupations and guides are
// left out: they follow O*NET's current profiles by design.
func earlierFigures(doc *goquery.Document) string {
	var lines []string
	add := func(s *goquery.Selection) {
		s.Each(func(_ int, e *goquery.Selection) {
			lines = append(lines, strings.Join(strings.Fields(e.Text()), " "))
		})
	}
	add(doc.Find("main h1"))
	add(doc.Find("main ul.figures li"))
	add(doc.Find("main #stability"))
	add(doc.Find("main p.notice"))
	doc.Find("main table").Each(func(_ int, t *goquery.Selection) {
		if !strings.Contains(t.Find("caption").Text(), "Interest scores") {
			return
		}
		t.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
			lines = append(lines, strings.TrimSpace(tr.Find("th").Text())+": "+strings.TrimSpace(tr.Find("td").First().Text()))
		})
	})
	return strings.Join(lines, "\n") + "\n"
}

// A result taken with the earlier 15 statements stays as it was shown:
// its page gives the same Holland code, stability and six scores as the
// stored copy in testdata (any change there is a change to old results,
// made on purpose or not at all), the scores are the ones its own
// statements give its answers, and it keeps the rule of its time: answers
// that today's guards would refuse to rank (every answer the same) are
// ranked when their scores spread 1.5 points or more, as they were then.
func TestEarlierResultShowsItsOwnFigures(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()

	const id = "-P8Eearlier00000000001"
	scores := storeEarlierResult(t, app, id, []int{5, 5, 4, 2, 1, 3, 2, 5, 4, 1, 2, 4, 2, 2, 4})
	p := b.get("/results/" + id)
	if p.Status != http.StatusOK {
		t.Fatalf("earlier result: %d", p.Status)
	}
	got := earlierFigures(p.Doc)
	want, err := os.ReadFile("testdata/earlier_result.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("an earlier result's figures changed; if on purpose, write testdata/earlier_result.txt anew:\n--- got\n%s--- stored\n%s", got, want)
	}
	for i, s := range scores {
		if line := fmt.Sprintf(": %.2f\n", s); !strings.Contains(got, quiz.Letters[i:i+1]+" — ") || !strings.Contains(got, line) {
			t.Errorf("score %d (%.2f) is not in the score table:\n%s", i, s, got)
		}
	}

	const same = "-P8Eearlier00000000002"
	all := make([]int, 15)
	for i := range all {
		all[i] = 5
	}
	scores = storeEarlierResult(t, app, same, all)
	if quiz.Spread(scores) < quiz.FlatSpread {
		t.Fatalf("every answer Strongly agree spreads %.2f under the earlier statements: not the case this test is for", quiz.Spread(scores))
	}
	p = b.get("/results/" + same)
	if p.Status != http.StatusOK {
		t.Fatalf("earlier result, every answer the same: %d", p.Status)
	}
	p.mustContain(t, "What fits you", "your Holland code", "taken with the earlier 15 statements")
	if strings.Contains(p.text(), "no ranking of occupations") {
		t.Error("an earlier result ranked in its time is now shown unranked")
	}
}
