package server_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"careerguide/internal/browsertest/htmlcheck"
	"careerguide/internal/quiz"
	"careerguide/internal/testdb"

	"github.com/PuerkitoBio/goquery"
)

// tableRows is the rows of the table whose caption holds caption, each
// as its cells' trimmed text (the header cell first).
func tableRows(p page, caption string) [][]string {
	var rows [][]string
	p.Doc.Find("table").Each(func(_ int, t *goquery.Selection) {
		if !strings.Contains(t.Find("caption").Text(), caption) {
			return
		}
		t.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
			var cells []string
			tr.Find("th, td").Each(func(_ int, c *goquery.Selection) {
				cells = append(cells, strings.Join(strings.Fields(c.Text()), " "))
			})
			rows = append(rows, cells)
		})
	})
	return rows
}

// The How page explains the test and shows each scale's Cronbach's alpha
// once 50 people's results count (one a network a day, results that do
// not separate interests left out), equal to a direct computation over
// the answers sent.
func TestHowPageShowsEachScalesAlpha(t *testing.T) {
	t.Parallel()
	// Each result from its own network, a /24 of its own (the figures
	// count one result a network a day).
	app := newTestAppOn(t, testdb.URLWithContent(t), map[string]string{"QUIZ_RATE_LIMIT": "0", "TRUSTED_PROXIES": "127.0.0.1/32"})
	b := app.browser()
	p := b.get("/how-the-test-works")
	if p.Status != http.StatusOK {
		t.Fatalf("how page: %d", p.Status)
	}
	p.mustContain(t, "15 statements", "1.5 points", "60 statements",
		fmt.Sprintf("Best fit from %.2f, Great fit from %.2f, Good fit from %.2f", quiz.BestFitR, quiz.GreatFitR, quiz.GoodFitR),
		"Assouline and Meir (1987)", "mean correlation of .21", "Tranberg, Slane and Ekeberg (1993)", "mean correlation of .20",
		"Not enough people yet: 0 so far.", "We show α from 50 people on", "CC BY 4.0",
		"Journal of Vocational Behavior, 31, 319–332.", "Journal of Vocational Behavior, 26(3), 306–343.",
		"We use its α for each interest type, 10 statements a type: Realistic .78, Investigative .82, Artistic .78, Social .78, Enterprising .87, Conventional .83.")
	if q := b.get(bd + "/quiz"); q.Doc.Find(`a[href="/how-the-test-works"]`).Length() == 0 {
		t.Fatal("the quiz page does not link the How page")
	}

	// The quick test's 15 statements, answered by people whose answers
	// separate their interests (results that do not are left out of the
	// figures; the result page says which they are).
	const caption = "Internal consistency (Cronbach's α) with 15 statements"
	cat := app.Catalog()
	quick := cat.QuickQuestions()
	items := cat.Items[:quick]
	var sent [][]int
	rng := rand.New(rand.NewPCG(16, 13)) // the same answers every run
	for n := 0; len(sent) < 50; n++ {
		if n == 200 {
			t.Fatalf("only %d of 200 results separate interests", len(sent))
		}
		if len(sent) == 49 {
			p = b.get("/how-the-test-works")
			p.mustContain(t, "Not enough people yet: 49 so far.")
			if rows := tableRows(p, caption); len(rows) != 6 || len(rows[0]) != 4 {
				t.Fatalf("with 49 people the table shows %v, want no alpha", rows)
			}
		}
		a := make([]int, len(items))
		form := map[string][]string{}
		var interest [6]int // this person's leaning on each type
		for t := range interest {
			interest[t] = rng.IntN(5)
		}
		for i, it := range items {
			v := min(5, max(1, interest[it.Type]+rng.IntN(3))) // leaning plus noise
			if it.Reverse {
				v = 6 - v
			}
			a[i] = v
			form[cat.Questions[i].ID] = []string{strconv.Itoa(v)}
		}
		r := b.postFrom(fmt.Sprintf("10.%d.%d.1", n/250, n%250), bd+"/quiz", form)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("submission %d: %d", n, r.Status)
		}
		if res := b.get(r.Header.Get("Location")); !strings.Contains(res.text(), "Your answers do not separate your interests") {
			sent = append(sent, a)
		}
	}
	p = b.get("/how-the-test-works")
	rows := tableRows(p, caption)
	if len(rows) != 6 || !strings.Contains(p.text(), caption+" , from 50 people") && !strings.Contains(p.text(), caption+", from 50 people") {
		t.Fatalf("alpha table %v; page: %.300s", rows, p.text())
	}
	for typ, row := range rows {
		// Cronbach's alpha from the answers, two passes, population variances.
		n := float64(len(sent))
		scored := func(a []int, i int) float64 {
			if items[i].Reverse {
				return float64(6 - a[i])
			}
			return float64(a[i])
		}
		variance := func(f func([]int) float64) float64 {
			var mean, ss float64
			for _, a := range sent {
				mean += f(a) / n
			}
			for _, a := range sent {
				ss += (f(a) - mean) * (f(a) - mean)
			}
			return ss / n
		}
		var k, itemVar float64
		for i, it := range items {
			if it.Type == typ {
				k++
				itemVar += variance(func(a []int) float64 { return scored(a, i) })
			}
		}
		total := variance(func(a []int) float64 {
			var s float64
			for i, it := range items {
				if it.Type == typ {
					s += scored(a, i)
				}
			}
			return s
		})
		want := fmt.Sprintf("%.2f", k/(k-1)*(1-itemVar/total))
		if want == "-0.00" {
			want = "0.00"
		}
		if len(row) != 6 || row[2] != want || row[1] != strconv.Itoa(int(k)) {
			t.Errorf("row %d %v: want %d statements and alpha %s", typ, row, int(k), want)
		}
		t.Logf("%s: alpha %s", row[0], row[2])
	}
}

// The site-wide Library counts flat results apart and hides small groups,
// as the per-guide Library does; when every group is small, both pages say
// so in words. The open data (CSV, JSON) shows the pages' figures, hides
// the same groups, and answers 304 to a matching If-None-Match.
func TestSiteLibraryAndOpenData(t *testing.T) {
	t.Parallel()
	app := newTestAppOn(t, testdb.URLWithContent(t), map[string]string{"TRUSTED_PROXIES": "127.0.0.1/32"})
	b := app.browser()
	submit := func(ip, path string, vals ...int) {
		t.Helper()
		if r := b.postFrom(ip, path+"/quiz", answers(vals...)); r.Status != http.StatusSeeOther {
			t.Fatalf("submit from %s: %d", ip, r.Status)
		}
	}
	p := b.get("/results/library")
	if p.Status != http.StatusOK {
		t.Fatalf("site library: %d", p.Status)
	}
	p.mustContain(t, "0 results have been stored", "Too few results yet")

	// Ten results from one network: enough results, but every group
	// holds one person's.
	for range 10 {
		submit("192.0.2.1", bd, 2, 5, 5, 1, 1)
	}
	for _, path := range []string{"/results/library", bd + "/results"} {
		p := b.get(path)
		p.mustContain(t, "Every group holds results from fewer than 10 networks so far, so none is shown yet.")
		if p.Doc.Find("svg.chart, table").Length() != 0 {
			t.Errorf("%s: a chart or table with nothing shown in it", path)
		}
	}

	// Nine more networks (/24s): the group of 19 is shown. Then 9 flat
	// results (every answer 3) from 9 networks: too few people to show.
	for i := 3; i <= 11; i++ {
		submit(fmt.Sprintf("192.0.%d.1", i), bd, 2, 5, 5, 1, 1)
	}
	for i := 20; i < 29; i++ {
		submit(fmt.Sprintf("192.0.%d.1", i), bd, 3)
	}
	p = b.get("/results/library")
	p.mustContain(t, "28 results from 19 people have been stored", "Results from fewer than 10 networks had six scores too close together")
	codes := tableRows(p, "Holland codes of test-takers, every guide")
	occs := tableRows(p, "Best-matching occupations, every guide")
	if len(codes) != 1 || codes[0][1] != "19" || len(occs) != 1 || occs[0][1] != "19" {
		t.Fatalf("site codes %v, occupations %v: want the 19 separated results only", codes, occs)
	}
	var flatCode string
	if err := app.Pool().QueryRow(t.Context(), "select holland from quiz_results where answers = array_fill(3::smallint, array[15]) limit 1").Scan(&flatCode); err != nil {
		t.Fatal(err)
	}
	if n := count(t, app, "select coalesce(sum(results), 0) from result_site where kind = 'c' and key = $1", flatCode); n != 0 && flatCode != codes[0][0] {
		t.Fatalf("flat results are counted under their tie-break code %s", flatCode)
	}
	// The stored best occupation is the one quiz.Rank puts first among
	// every occupation with a profile (or one with the same match).
	var top string
	var scores []float32
	if err := app.Pool().QueryRow(t.Context(), "select top_occupation, scores from quiz_results where top_occupation is not null limit 1").Scan(&top, &scores); err != nil {
		t.Fatal(err)
	}
	var person quiz.Profile
	for i := range person {
		person[i] = float64(scores[i])
	}
	var profiles []quiz.Profile
	var codesByIndex []string
	for _, o := range app.Catalog().Occupations {
		if o.Interests != nil {
			profiles = append(profiles, o.Interests.Scores)
			codesByIndex = append(codesByIndex, o.Code)
		}
	}
	best := quiz.Rank(person, profiles)[0]
	stored, _ := app.Catalog().Occupation(top)
	if stored == nil || math.Abs(quiz.Match(person, stored.Interests.Scores)-best.Match) > 1e-9 {
		t.Fatalf("stored best occupation %s; quiz.Rank gives %s (%.4f)", top, codesByIndex[best.Index], best.Match)
	}
	if n := count(t, app, "select sum(results) from result_site where kind = 'f'"); n != 9 {
		t.Fatalf("flat counter %d, want 9", n)
	}
	// A tenth flat one, from a tenth network: now shown, with its count.
	submit("192.0.29.1", bd, 3)
	// Two results for another guide: its total is public, its groups not.
	submit("198.51.100.1", "/careers/frontend-developer", 5, 1, 1, 5, 5)
	submit("198.51.101.2", "/careers/frontend-developer", 5, 1, 1, 5, 5)
	p = b.get("/results/library")
	p.mustContain(t, "31 results from 22 people have been stored", "10 of 31 results had six scores too close together", "Frontend Developer: 2 results")
	occs = tableRows(p, "Best-matching occupations, every guide")
	occCode := p.Doc.Find(`table a[href^="/occupations/"]`).First().AttrOr("href", "")
	codes = tableRows(p, "Holland codes of test-takers, every guide")
	guide := b.get(bd + "/results")
	guideCodes := tableRows(guide, "Holland codes of test-takers")
	guide.mustContain(t, "10 results had six scores too close together to separate interests")
	if len(guideCodes) != 1 || guideCodes[0][1] != "19" {
		t.Fatalf("guide codes %v: want only the 19 separated results", guideCodes)
	}
	if n := count(t, app, "select sum(results) from result_holland where career_slug = 'backend-developer' and holland = '---'"); n != 10 {
		t.Fatalf("the guide counts %d flat results, want 10", n)
	}
	for _, e := range htmlcheck.CheckHTML(t, map[string][]byte{"/results/library": []byte(p.Body), bd + "/results": []byte(guide.Body)}) {
		t.Errorf("vnu: %s", e)
	}

	// The open data: the same figures.
	res, body := raw(t, b, http.MethodGet, "/results/library.csv")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	recs, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
	if err != nil {
		t.Fatalf("csv does not parse: %v", err)
	}
	if strings.Join(recs[0], ",") != "scope,group,key,label,results,mean_match_pct,people_results,people" {
		t.Fatalf("csv header %v", recs[0])
	}
	got := map[string]string{}
	for _, r := range recs[1:] {
		got[r[0]+"/"+r[1]+"/"+r[2]] = r[4]
		if r[0] == "frontend-developer" && r[1] != "total" {
			t.Errorf("a group of 2 results is published: %v", r)
		}
	}
	want := map[string]string{
		"site/total/":                                   "31",
		"site/flat/":                                    "10",
		"site/holland/" + codes[0][0]:                   codes[0][1],
		"site/top_occupation/" + occCode[13:]:           occs[0][1],
		"backend-developer/total/":                      "29",
		"backend-developer/holland/" + guideCodes[0][0]: guideCodes[0][1],
		"frontend-developer/total/":                     "2",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("csv %s = %q, the page shows %q", k, got[k], v)
		}
	}

	res, body = raw(t, b, http.MethodGet, "/results/library.json")
	var doc struct {
		MinGroup int `json:"min_group"`
		Rows     []struct {
			Scope, Group, Key, Label string
			Results                  int64
			MeanMatch                *float64 `json:"mean_match_pct"`
		}
	}
	if err := json.Unmarshal(body, &doc); err != nil || res.StatusCode != http.StatusOK || doc.MinGroup != 10 {
		t.Fatalf("json: %d %v min_group %d", res.StatusCode, err, doc.MinGroup)
	}
	if len(doc.Rows) != len(recs)-1 {
		t.Fatalf("json has %d rows, csv %d", len(doc.Rows), len(recs)-1)
	}
	for i, r := range doc.Rows {
		c := recs[i+1]
		if r.Scope != c[0] || r.Group != c[1] || r.Key != c[2] || strconv.FormatInt(r.Results, 10) != c[4] {
			t.Errorf("json row %d %+v, csv %v", i, r, c)
		}
		if r.Group == "level" && (r.MeanMatch == nil || c[5] != strconv.FormatFloat(*r.MeanMatch, 'f', 1, 64) || math.IsNaN(*r.MeanMatch)) {
			t.Errorf("level row %+v: mean match not as in the csv %v", r, c)
		}
	}

	// Conditional requests: 304 to the ETag and to the date, 200 once a
	// result changes the figures.
	for _, path := range []string{"/results/library.csv", "/results/library.json"} {
		res, _ := raw(t, b, http.MethodGet, path)
		etag, last := res.Header.Get("ETag"), res.Header.Get("Last-Modified")
		if etag == "" || last == "" {
			t.Fatalf("%s: ETag %q Last-Modified %q", path, etag, last)
		}
		req, _ := http.NewRequest(http.MethodGet, b.base+path, nil)
		req.Header.Set("If-None-Match", etag)
		if r := b.do(req); r.Status != http.StatusNotModified || r.Body != "" {
			t.Errorf("%s with If-None-Match: %d", path, r.Status)
		}
		req, _ = http.NewRequest(http.MethodGet, b.base+path, nil)
		req.Header.Set("If-Modified-Since", last)
		if r := b.do(req); r.Status != http.StatusNotModified {
			t.Errorf("%s with If-Modified-Since: %d", path, r.Status)
		}
		req, _ = http.NewRequest(http.MethodGet, b.base+path, nil)
		req.Header.Set("If-None-Match", `"something-else"`)
		if r := b.do(req); r.Status != http.StatusOK {
			t.Errorf("%s with another ETag: %d", path, r.Status)
		}
	}
	res, _ = raw(t, b, http.MethodGet, "/results/library.csv")
	before := res.Header.Get("ETag")
	submit("192.0.2.6", bd, 2, 5, 5, 1, 1)
	req, _ := http.NewRequest(http.MethodGet, b.base+"/results/library.csv", nil)
	req.Header.Set("If-None-Match", before)
	if r := b.do(req); r.Status != http.StatusOK || r.Header.Get("ETag") == before {
		t.Errorf("after a new result: %d, ETag %q (was %q)", r.Status, r.Header.Get("ETag"), before)
	}
}

// The Result Libraries and their open data count people, one network
// (IPv4 /24) a day, not results: nine results sent from one address, and
// a tenth from another address of its /24, are results from one person;
// another /24 is a second person; a result of the test for everyone from
// the first network adds a result site-wide and no person.
func TestLibrariesCountPeopleNotResults(t *testing.T) {
	t.Parallel()
	app := newTestAppOn(t, testdb.URLWithContent(t), map[string]string{"QUIZ_RATE_LIMIT": "0", "TRUSTED_PROXIES": "127.0.0.1/32"})
	b := app.browser()
	submit := func(ip, path string) {
		t.Helper()
		if r := b.postFrom(ip, path, answers(2, 5, 5, 1, 1)); r.Status != http.StatusSeeOther {
			t.Fatalf("submit from %s to %s: %d", ip, path, r.Status)
		}
	}
	totals := func() map[string][2]int64 {
		t.Helper()
		res, body := raw(t, b, http.MethodGet, "/results/library.json")
		var doc struct {
			Rows []struct {
				Scope, Group  string
				PeopleResults *int64 `json:"people_results"`
				People        *int64 `json:"people"`
			}
		}
		if err := json.Unmarshal(body, &doc); err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("json: %d %v", res.StatusCode, err)
		}
		got := map[string][2]int64{}
		for _, r := range doc.Rows {
			if r.Group != "total" {
				if r.People != nil || r.PeopleResults != nil {
					t.Errorf("a %s row of %s carries people", r.Group, r.Scope)
				}
				continue
			}
			if r.People == nil || r.PeopleResults == nil {
				t.Fatalf("the total of %s has no people", r.Scope)
			}
			got[r.Scope] = [2]int64{*r.PeopleResults, *r.People}
		}
		return got
	}

	for range 9 {
		submit("192.0.2.1", bd+"/quiz")
	}
	b.get(bd+"/results").mustContain(t, "9 results from 1 person have been stored for the Backend Developer match test.",
		"nine results sent from one place on one day are nine results from one person")
	b.get("/results/library").mustContain(t, "9 results from 1 person have been stored for the match tests of all guides.")
	if got := totals(); got["site"] != [2]int64{9, 1} || got["backend-developer"] != [2]int64{9, 1} || got["frontend-developer"] != [2]int64{0, 0} {
		t.Fatalf("open data people %v: want 9 results from 1 person, site and Backend Developer", got)
	}

	submit("192.0.2.200", bd+"/quiz")
	submit("198.51.100.7", bd+"/quiz")
	submit("192.0.2.1", "/match")
	b.get(bd+"/results").mustContain(t, "11 results from 2 people have been stored")
	b.get("/results/library").mustContain(t, "12 results from 2 people have been stored")
	if got := totals(); got["site"] != [2]int64{12, 2} || got["backend-developer"] != [2]int64{11, 2} {
		t.Fatalf("open data people %v: want 12 from 2 site-wide, 11 from 2 for Backend Developer", got)
	}
	res, body := raw(t, b, http.MethodGet, "/results/library.csv")
	recs, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("csv: %d %v", res.StatusCode, err)
	}
	if strings.Join(recs[0], ",") != "scope,group,key,label,results,mean_match_pct,people_results,people" || strings.Join(recs[1], ",") != "site,total,,,12,,12,2" {
		t.Fatalf("csv header %v, first row %v", recs[0], recs[1])
	}
}
