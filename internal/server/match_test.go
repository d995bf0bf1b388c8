package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"careerguide/internal/testdb"

	"github.com/PuerkitoBio/goquery"
)

// byType answers each statement of the form in p (its radio names) with
// the value for its type, its id's first letter.
func byType(p page, vals map[byte]int) url.Values {
	form := url.Values{}
	p.Doc.Find(`form[method="post"] input[type="radio"]`).Each(func(_ int, in *goquery.Selection) {
		name, _ := in.Attr("name")
		form.Set(name, strconv.Itoa(vals[name[0]]))
	})
	return form
}

var clearRealistic = map[byte]int{'r': 5, 'i': 2, 'a': 2, 's': 2, 'e': 2, 'c': 2}

var stabilityRe = regexp.MustCompile(`would come out the same in about (\d+) in 10 retakes of these (\d+) statements`)

// The test for everyone: /match, a result, three Sharpen rounds up to all
// 60 statements, each stored as its own result with every answer so far.
func TestMatchTestAndThreeSharpenRounds(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	home := b.get("/")
	if home.Doc.Find(`main a[href="/match"]`).Length() == 0 || home.Doc.Find(`nav a[href="/match"]`).Length() == 0 {
		t.Fatal("the home page links /match neither in its first screen nor in the navigation")
	}
	form := b.get("/match")
	if form.Status != http.StatusOK || form.Doc.Find("form fieldset legend").Length() != 15 {
		t.Fatalf("/match: %d, %d statements", form.Status, form.Doc.Find("form fieldset legend").Length())
	}
	sent := b.post("/match", byType(form, clearRealistic))
	loc := sent.Header.Get("Location")
	if sent.Status != http.StatusSeeOther || !strings.HasPrefix(loc, "/results/") {
		t.Fatalf("POST /match: %d to %q", sent.Status, loc)
	}
	res := b.get(loc)
	m := stabilityRe.FindStringSubmatch(res.text())
	if m == nil || m[2] != "15" {
		t.Fatalf("no stability figure for 15 statements: %.600s", res.text())
	}
	if n, _ := strconv.Atoi(m[1]); n < 8 {
		t.Errorf("clear Realistic: about %d in 10, want 8 or more", n)
	}
	if !strings.Contains(res.text(), "Best fit") || strings.Contains(res.text(), "fit fit") {
		t.Errorf("result bands: %.600s", res.text())
	}
	for round := 1; round <= 3; round++ {
		sharpen, ok := res.Doc.Find(`a:contains("Sharpen your result")`).Attr("href")
		if !ok {
			t.Fatalf("round %d: no Sharpen link", round)
		}
		f := b.get(sharpen)
		legends := f.Doc.Find("form fieldset legend")
		if f.Status != http.StatusOK || legends.Length() != 15 || !strings.HasPrefix(legends.First().Text(), strconv.Itoa(round*15+1)+". ") {
			t.Fatalf("round %d form: %d, %d statements, first %q", round, f.Status, legends.Length(), legends.First().Text())
		}
		// A missing answer comes back 422 with the others kept.
		partial := byType(f, clearRealistic)
		first, _ := f.Doc.Find(`form input[type="radio"]`).First().Attr("name")
		partial.Del(first)
		back := b.post(sharpen, partial)
		if back.Status != http.StatusSeeOther {
			t.Fatalf("round %d with an answer missing: %d", round, back.Status)
		}
		again := b.get(back.Header.Get("Location"))
		if again.Status != http.StatusUnprocessableEntity || again.Doc.Find("input[checked]").Length() != 14 {
			t.Fatalf("round %d: 422 page %d with %d answers kept, want 14", round, again.Status, again.Doc.Find("input[checked]").Length())
		}
		next := b.post(sharpen, byType(f, clearRealistic))
		if next.Status != http.StatusSeeOther {
			t.Fatalf("round %d: %d", round, next.Status)
		}
		loc = next.Header.Get("Location")
		res = b.get(loc)
		id := strings.TrimPrefix(loc, "/results/")
		if n := count(t, app, "select cardinality(answers) from quiz_results where id = $1", id); n != int64(15*(round+1)) {
			t.Fatalf("round %d: the result holds %d answers", round, n)
		}
	}
	m = stabilityRe.FindStringSubmatch(res.text())
	if m == nil || m[2] != "60" {
		t.Fatalf("no stability figure for 60 statements: %.600s", res.text())
	}
	if res.Doc.Find(`a:contains("Sharpen your result")`).Length() != 0 {
		t.Error("a result of all 60 statements still offers to sharpen it")
	}
	if p := b.get(loc + "/refine"); p.Status != http.StatusBadRequest {
		t.Errorf("refining all 60: %d, want 400", p.Status)
	}
}

// Answers that cannot separate interests get no ranking, fit or code,
// say why, and offer Sharpen and a retake.
func TestGuardedResultsRankNothing(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	cases := []struct {
		form url.Values
		why  string
	}{
		{answers(5), "You gave the same answer to all 15 statements"},
		{answers(1), "You gave the same answer to all 15 statements"},
		{answers(4, 5, 4, 5, 4, 5, 4, 5, 4, 5, 4, 5, 4, 3, 3), "You agreed with 13 of the 15 statements"},
		{answers(4, 3, 3, 3, 3, 3, 4, 3, 3, 3, 3, 3, 3, 3, 3), "may be chance"},
	}
	for _, c := range cases {
		p := b.get(b.takeTest("backend-developer", c.form))
		txt := p.text()
		if !strings.Contains(txt, c.why) || !strings.Contains(txt, "do not separate your interests") {
			t.Errorf("%v: %.500s", c.form, txt)
		}
		if p.Doc.Find("#occupation-ranking, #guide-ranking, .band").Length() != 0 || strings.Contains(txt, "Your Holland code") || strings.Contains(txt, "Best fit") {
			t.Errorf("%v: a guarded result shows a ranking, fit or code", c.form)
		}
		if p.Doc.Find(`a:contains("Sharpen your result")`).Length() != 1 || p.Doc.Find(`a:contains("Take the test again")`).Length() != 1 {
			t.Errorf("%v: no Sharpen and retake offered", c.form)
		}
	}
}

// ?zone=N lists occupations of Job Zone N only, as O*NET's lists do.
func TestResultZoneListsOnlyThatZone(t *testing.T) {
	t.Parallel()
	cat, err := loadedContent()
	if err != nil {
		t.Fatal(err)
	}
	app := newTestApp(t)
	b := app.browser()
	res := b.takeTest("backend-developer", answers(2, 5, 2, 3, 3, 4))
	listed := 0
	for zone := 1; zone <= 5; zone++ {
		p := b.get(fmt.Sprintf("%s?zone=%d", res, zone))
		got := codes(p, 100)
		if p.Status != http.StatusOK || len(got) == 0 && !strings.Contains(p.text(), "No occupation in this Job Zone fits your interests") {
			t.Fatalf("zone %d: %d, %d occupations", zone, p.Status, len(got))
		}
		listed += len(got)
		for _, code := range got {
			o, ok := cat.Occupation(code)
			if !ok || o.JobZone != zone {
				t.Errorf("zone %d lists %s (Job Zone %d)", zone, code, o.JobZone)
			}
		}
	}
	if listed < 20 {
		t.Errorf("%d occupations listed over the five zones", listed)
	}
	if p := b.get(res + "?zone=6"); p.Status != http.StatusBadRequest {
		t.Errorf("zone 6: %d, want 400", p.Status)
	}
}

// Live reliability counts one result per client network per day: many
// results from one network count once; a guarded result not at all.
func TestAlphaCountsOneResultPerClientPerDay(t *testing.T) {
	t.Parallel()
	app := newTestAppOn(t, testdb.URLWithContent(t), map[string]string{"TRUSTED_PROXIES": "127.0.0.1/32", "QUIZ_RATE_LIMIT": "0"})
	b := app.browser()
	for i := range 5 { // five results from one network, different answers
		if p := b.postFrom("198.51.100.7", "/match", answers(5, 2, 1+i%3, 2, 3, 4)); p.Status != http.StatusSeeOther {
			t.Fatalf("result %d: %d", i, p.Status)
		}
	}
	if p := b.postFrom("203.0.113.9", "/match", answers(2, 5, 2, 3, 1, 4)); p.Status != http.StatusSeeOther {
		t.Fatalf("second network: %d", p.Status)
	}
	if p := b.postFrom("192.0.2.1", "/match", answers(3)); p.Status != http.StatusSeeOther { // guarded: all Neutral
		t.Fatalf("guarded: %d", p.Status)
	}
	if n := count(t, app, "select count(*) from quiz_results"); n != 7 {
		t.Fatalf("%d results stored, want 7", n)
	}
	if n := count(t, app, "select coalesce(sum(people), 0) from alpha_moments"); n != 2 {
		t.Errorf("live reliability counts %d people, want 2 (one a network, the guarded result left out)", n)
	}
	if n := count(t, app, "select count(*) from alpha_clients"); n != 2 {
		t.Errorf("%d client rows, want 2", n)
	}
	how := b.get("/how-the-test-works")
	how.mustContain(t, "Not enough people yet: 2 so far.")
	if how.Doc.Find(`table caption:contains("Every statement")`).Parent().Find("tbody tr").Length() != 60 {
		t.Error("the How page does not list all 60 statements")
	}
}

// A result taken with the earlier 15 statements (some reverse-keyed,
// their layout stored) stays viewable with the scores it was given; it
// cannot be sharpened.
func TestEarlierStatementsResultStaysViewable(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	const id = "-P8Eearlier00000000000"
	_, err := app.Pool().Exec(context.Background(), `insert into quiz_results (id, career_slug, answers, scores, match_pct, holland, layout)
		values ($1, 'backend-developer', '{5,5,4,2,1,3,2,5,4,1,2,4,2,2,4}', '{1.75,7,1.75,3.25,2.5,5.5}', 97, 'ICS', 'IICRASEICRAsEce')`, id)
	if err != nil {
		t.Fatal(err)
	}
	b := app.browser()
	p := b.get("/results/" + id)
	if p.Status != http.StatusOK {
		t.Fatalf("earlier result: %d", p.Status)
	}
	p.mustContain(t, "taken with the earlier 15 statements", "7.00", "5.50", "Backend Developer")
	if p.Doc.Find(`a:contains("Sharpen your result")`).Length() != 0 {
		t.Error("an earlier result offers to sharpen it")
	}
	if r := b.get("/results/" + id + "/refine"); r.Status != http.StatusBadRequest {
		t.Errorf("refining an earlier result: %d, want 400", r.Status)
	}
}
