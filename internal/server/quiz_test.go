package server_test

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"careerguide/internal/quiz"
	"careerguide/internal/testdb"

	"github.com/PuerkitoBio/goquery"
)

// quickIDs are the quick test's statements, in order.
var quickIDs = []string{"r01", "i01", "a01", "s01", "e01", "c01", "r02", "i02", "a02", "s02", "e02", "c02", "r03", "a03", "e03"}

// answers fills all 15 statements of the quick test with the given
// values (cycled).
func answers(vals ...int) url.Values {
	form := url.Values{}
	for i, id := range quickIDs {
		form.Set(id, fmt.Sprint(vals[i%len(vals)]))
	}
	return form
}

func count(t *testing.T, app *testApp, sql string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := app.Pool().QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

func TestQuizFormAndMissingAnswersKeepWhatWasGiven(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	q := b.get(bd + "/quiz")
	if q.Status != http.StatusOK {
		t.Fatalf("quiz: %d", q.Status)
	}
	if n := q.Doc.Find(`form[method="post"] fieldset`).Length(); n != 15 {
		t.Fatalf("%d statements, want 15", n)
	}
	if n := q.Doc.Find(`input[type="radio"]`).Length(); n != 75 {
		t.Fatalf("%d radio buttons, want 75", n)
	}
	q.mustContain(t, "Fix the brakes on a car or truck.", "Strongly disagree", "Strongly agree")

	form := answers(4, 2, 5)
	form.Del("a01")
	form.Del("e02")
	form.Set("r02", "9") // out of range
	// The POST sends the browser on to the form with the answers given, so
	// no POST stays in its history (Back never asks to resend a form).
	sent := b.post(bd+"/quiz", form)
	loc := sent.Header.Get("Location")
	if sent.Status != http.StatusSeeOther || loc != bd+"/quiz?answers=42-425-254-5425#missing" {
		t.Fatalf("missing answers: %d to %q, want 303 to the form with the answers given", sent.Status, loc)
	}
	p := b.get(strings.TrimSuffix(loc, "#missing"))
	if p.Status != http.StatusUnprocessableEntity {
		t.Fatalf("the returned form: %d, want 422", p.Status)
	}
	p.mustContain(t, "3 still need an answer", "Statement 3: ", "Statement 7: ", "Statement 11: ")
	for _, id := range []string{"a01", "e02", "r02"} {
		if p.Doc.Find("#"+id+"-error").Length() != 1 {
			t.Errorf("no message beside %s", id)
		}
		if p.Doc.Find(`#missing a[href="#`+id+`-1"]`).Length() != 1 || p.Doc.Find("#"+id+"-1").Length() != 1 {
			t.Errorf("the summary does not link to statement %s", id)
		}
	}
	if n := p.Doc.Find("#missing a").Length(); n != 3 {
		t.Errorf("the summary links %d statements, want the 3 unanswered", n)
	}
	if one := b.get(bd + "/quiz?answers=" + strings.Repeat("3", 14) + "-"); !strings.Contains(one.text(), "1 still needs an answer") {
		t.Errorf("one missing answer reads %q", one.Doc.Find("#missing p").Text())
	}
	for _, bad := range []string{"12", strings.Repeat("6", 15), strings.Repeat("3", 14) + "<"} {
		if p := b.get(bd + "/quiz?answers=" + url.QueryEscape(bad)); p.Status != http.StatusBadRequest {
			t.Errorf("answers=%q: %d, want 400", bad, p.Status)
		}
	}
	if p := b.get(bd + "/quiz?answers=" + strings.Repeat("3", 15) + "&answers=" + strings.Repeat("3", 15)); p.Status != http.StatusBadRequest {
		t.Errorf("answers twice: %d, want 400", p.Status)
	}
	if full := b.get(bd + "/quiz?answers=" + strings.Repeat("4", 15)); full.Status != http.StatusOK || full.Doc.Find(`input[checked]`).Length() != 15 {
		t.Errorf("a complete draft: %d with %d answers checked, want 200 and 15", full.Status, full.Doc.Find(`input[checked]`).Length())
	}
	for id, v := range form {
		if id == "r02" {
			continue
		}
		sel := fmt.Sprintf(`input[name=%q][value=%q]`, id, v[0])
		if _, checked := p.Doc.Find(sel).Attr("checked"); !checked {
			t.Errorf("answer %s=%s was not kept", id, v[0])
		}
	}
	if p.Doc.Find("#r01-error").Length() != 0 {
		t.Error("an answered statement shows an error")
	}
	if n := count(t, app, "select count(*) from quiz_results"); n != 0 {
		t.Fatalf("a rejected submission stored %d rows", n)
	}
	if p := b.post(bd+"/quiz", url.Values{"q01": {"3"}, "q99": {"3"}}); p.Status != http.StatusBadRequest {
		t.Fatalf("unknown field: %d, want 400", p.Status)
	}
}

func TestSubmissionStoresOneRowAndCountsIt(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	b.post(bd+"/level", url.Values{"level": {"mid"}})

	p := b.post(bd+"/quiz", answers(5, 4, 5, 2, 1))
	if p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Header.Get("Location"), "/results/") {
		t.Fatalf("submit: %d %q", p.Status, p.Header.Get("Location"))
	}
	id := strings.TrimPrefix(p.Header.Get("Location"), "/results/")
	if len(id) != 22 {
		t.Fatalf("result id %q is not 128 bits in base64url", id)
	}
	if n := count(t, app, "select count(*) from quiz_results"); n != 1 {
		t.Fatalf("%d rows, want 1", n)
	}
	var level, holland string
	var match float64
	var answersLen int
	if err := app.Pool().QueryRow(context.Background(),
		"select coalesce(level_key, ''), holland, match_pct, cardinality(answers) from quiz_results where id = $1", id).Scan(&level, &holland, &match, &answersLen); err != nil {
		t.Fatal(err)
	}
	if level != "mid" || len(holland) != 3 || answersLen != 15 || match <= 0 || match > 100 {
		t.Fatalf("stored level %q holland %q match %v answers %d", level, holland, match, answersLen)
	}
	if n := count(t, app, "select sum(results) from result_histogram"); n != 1 {
		t.Fatalf("histogram counts %d", n)
	}
	if n := count(t, app, "select sum(results) from result_holland where holland = $1", holland); n != 1 {
		t.Fatalf("holland counter %d", n)
	}
	if n := count(t, app, "select sum(results) from result_levels where level_key = 'mid'"); n != 1 {
		t.Fatalf("level counter %d", n)
	}

	r := b.get("/results/" + id)
	if r.Status != http.StatusOK {
		t.Fatalf("result page: %d", r.Status)
	}
	// These answers score R 6.5, I 6.25, A 4, S 1.75, E 3, C 6.25 on the
	// 1-7 scale (1 + (mean - 1) x 1.5): R, I and C too close to tell apart,
	// so the page shows the tie, in the stored code's order.
	guide, _ := app.Catalog().Career("backend-developer")
	fitR := quiz.Correlation(quiz.Profile{6.5, 6.25, 4, 1.75, 3, 6.25}, guide.Interests.Scores)
	if quiz.FitOf(fitR) < quiz.GoodFit {
		t.Fatalf("r = %.2f: these answers were chosen to fit Backend Developer", fitR)
	}
	rText := strings.Replace(fmt.Sprintf("%.2f", fitR), "-", "\u2212", 1)
	r.mustContain(t, "The guide you started from: Backend Developer",
		quiz.FitOf(fitR).String()+" for Backend Developer: the shape of your interests and its O*NET profile correlate at r = "+rText+".",
		"R = I = C your Holland code", "Your Holland code: R = I = C",
		"What moved your fit with Backend Developer", "Retake the test")
	if holland != "RIC" {
		t.Errorf("stored Holland code %q, the page shows R = I = C", holland)
	}
	// No earlier result: no percentile.
	if strings.Contains(r.text(), "higher than") || r.Doc.Find("#percentile").Length() != 0 {
		t.Error("the first result of a career is given a percentile")
	}
	if r.Doc.Find("svg.chart rect").Length() < 12 {
		t.Fatal("result page has no score chart")
	}
	if v, _ := r.Doc.Find("#share-url").Attr("value"); !strings.HasSuffix(v, "/results/"+id) {
		t.Fatalf("share link %q", v)
	}

	for _, bad := range []string{"AAAAAAAAAAAAAAAAAAAAAA", "nope", "%27%20or%201=1--"} {
		if p := b.get("/results/" + bad); p.Status != http.StatusNotFound {
			t.Errorf("/results/%s: %d, want 404", bad, p.Status)
		}
	}
}

func TestConcurrentSubmissionsAgreeWithARecount(t *testing.T) {
	t.Parallel()
	app := newTestAppOn(t, testdb.URLWithContent(t), map[string]string{"QUIZ_RATE_LIMIT": "0", "SESSION_RATE_LIMIT": "0"})
	const n = 200
	var wg sync.WaitGroup
	statuses := make([]int, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := app.browser()
			if i%3 == 0 {
				b.post(bd+"/level", url.Values{"level": {[]string{"junior", "senior", "staff"}[i%3]}})
			}
			statuses[i] = b.post(bd+"/quiz", answers(1+i%5, 1+(i/5)%5, 1+(i/25)%5, 3)).Status
		}()
	}
	wg.Wait()
	for i, s := range statuses {
		if s != http.StatusSeeOther {
			t.Fatalf("submission %d: %d", i, s)
		}
	}
	if c := count(t, app, "select count(*) from quiz_results"); c != n {
		t.Fatalf("%d rows, want %d", c, n)
	}
	// Every counter equals a recount from the rows.
	if bad := count(t, app, `
		with recount as (
			select least(floor(match_pct / 5)::int, 19) as bucket, count(*) as n from quiz_results group by 1
		), counters as (
			select bucket, sum(results) as n from result_histogram group by bucket
		)
		select count(*) from recount full join counters using (bucket) where recount.n is distinct from counters.n`); bad != 0 {
		t.Fatalf("%d histogram buckets disagree with a recount", bad)
	}
	// Holland and site-wide counters: each result under its code, or, when
	// its answers did not separate interests (the guards the server
	// applies, with O*NET's reliabilities: these results come from one
	// network, too few people for the live figures), under '---' by its
	// guide and as 'f' site-wide. The guards are recomputed here from
	// the stored answers.
	rows, err := app.Pool().Query(context.Background(), "select holland, answers, layout from quiz_results")
	if err != nil {
		t.Fatal(err)
	}
	guide, site := map[string]int64{}, map[string]int64{}
	for rows.Next() {
		var holland, layout string
		var stored []int16
		if err := rows.Scan(&holland, &stored, &layout); err != nil {
			t.Fatal(err)
		}
		items, ok := quiz.ItemsFromLayout(layout)
		if !ok {
			t.Fatalf("layout %q", layout)
		}
		given := make([]int, len(stored))
		for i, a := range stored {
			given[i] = int(a)
		}
		v, _, err := quiz.Check(items, given, quiz.ONetReliability())
		if err != nil {
			t.Fatal(err)
		}
		if v.Guarded() {
			guide["---"]++
			site["f|"]++
		} else {
			guide[holland]++
			site["c|"+holland]++
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	counted := func(query string) map[string]int64 {
		rows, err := app.Pool().Query(context.Background(), query)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int64{}
		for rows.Next() {
			var k string
			var n int64
			if err := rows.Scan(&k, &n); err != nil {
				t.Fatal(err)
			}
			out[k] = n
		}
		return out
	}
	if got := counted("select holland, sum(results)::bigint from result_holland group by 1"); !maps.Equal(got, guide) {
		t.Fatalf("Holland counters %v, a recount gives %v", got, guide)
	}
	if got := counted("select kind::text || '|' || key, sum(results)::bigint from result_site where kind in ('c', 'f') group by 1"); !maps.Equal(got, site) {
		t.Fatalf("site-wide counters %v, a recount gives %v", got, site)
	}
	if bad := count(t, app, `
		with recount as (select coalesce(level_key, '') as level_key, count(*) as n, sum(match_pct::float8) as s from quiz_results group by 1),
		counters as (select level_key, sum(results) as n, sum(match_sum) as s from result_levels group by 1)
		select count(*) from recount full join counters using (level_key)
		where recount.n is distinct from counters.n or abs(recount.s - counters.s) > 0.01`); bad != 0 {
		t.Fatalf("%d level counters disagree with a recount", bad)
	}
	if m := count(t, app, "select sum(results) from result_moments"); m != n {
		t.Fatalf("the reliability sums count %d results, want %d", m, n)
	}
	// Every submission came from one network on one day: however the
	// batches met, the guide and the site each count n results from one
	// person.
	if got := counted("select career_slug || '|' || sum(results) || '|' || sum(people), 1::bigint from library_people group by career_slug"); !maps.Equal(got, map[string]int64{fmt.Sprintf("|%d|1", n): 1, fmt.Sprintf("backend-developer|%d|1", n): 1}) {
		t.Fatalf("people counters %v: want %d results from 1 person, site-wide and for the guide", got, n)
	}
}

func TestResultLibraryHidesSmallGroups(t *testing.T) {
	t.Parallel()
	app := newTestAppOn(t, testdb.URLWithContent(t), map[string]string{"TRUSTED_PROXIES": "127.0.0.1/32"})
	b := app.browser()
	sent := 0
	submit := func(form url.Values) { // each from a network (/24) of its own
		sent++
		b.postFrom(fmt.Sprintf("192.0.%d.1", sent), bd+"/quiz", form)
	}
	lib := b.get(bd + "/results")
	if lib.Status != http.StatusOK {
		t.Fatalf("library: %d", lib.Status)
	}
	lib.mustContain(t, "0 results have been stored", "Too few results yet")

	// 9 identical results: still under the threshold.
	strong := answers(2, 5, 5, 1, 1)
	for range 9 {
		submit(strong)
	}
	if p := b.get(bd + "/results"); !strings.Contains(p.text(), "Too few results yet") || p.Doc.Find("svg.chart").Length() != 0 {
		t.Fatal("9 results are shown")
	}
	// A tenth identical one: now its code, level and band are shown; then 2
	// results with a different code stay hidden.
	submit(strong)
	other := answers(5, 1, 1, 5, 5)
	submit(other)
	submit(other)
	p := b.get(bd + "/results")
	p.mustContain(t, "12 results from 12 people have been stored", "Distribution of match", "Most common Holland codes", "No level set")
	if p.Doc.Find("svg.chart.wide").Length() != 1 || p.Doc.Find("svg.chart.narrow").Length() != 1 {
		t.Fatal("no histogram in its wide and narrow layouts")
	}
	codes := p.Doc.Find("table").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.Contains(s.Find("caption").Text(), "Holland codes")
	})
	if rows := codes.Find("tbody tr").Length(); rows != 1 {
		t.Fatalf("Holland table has %d rows, want only the group of 10", rows)
	}
	if !strings.Contains(codes.Text(), "10") {
		t.Fatal("the group of 10 is not counted")
	}
	p.mustContain(t, "fewer than 10")
}
