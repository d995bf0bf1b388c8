package pages_test

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"careerguide/web/components"
	"careerguide/web/pages"

	"github.com/PuerkitoBio/goquery"
)

// quizItems are the statements of the real test, every third one left
// unanswered with an error, the others answered 1..5 in turn.
func quizItems(t *testing.T) (items []pages.QuizItem, missing int) {
	t.Helper()
	for i, q := range catalog(t).Questions[:catalog(t).QuickQuestions()] {
		it := pages.QuizItem{ID: q.ID, Text: q.Text, Number: i + 1}
		if i%3 == 0 {
			it.Error = fmt.Sprintf("Please choose an answer for %s.", q.ID)
			missing++
		} else {
			it.Answer = i%5 + 1
		}
		items = append(items, it)
	}
	return items, missing
}

func TestQuizFormKeepsAnswersAndShowsErrors(t *testing.T) {
	nav := backendNav(t, "/careers/backend-developer/quiz", "")
	items, missing := quizItems(t)
	if len(items) != 15 {
		t.Fatalf("the content has %d statements, want 15", len(items))
	}
	doc := render(t, pages.Quiz(pages.QuizPage{Chrome: components.Chrome{Title: "Match test", Path: nav.Path}, Nav: nav, Items: items, Missing: missing, Action: "/careers/backend-developer/quiz", Total: 60}))

	form := doc.Find(`main form[method="post"]`)
	if form.Length() != 1 {
		t.Fatalf("%d forms in main, want 1", form.Length())
	}
	if m, a := attr(t, form, "method"), attr(t, form, "action"); m != "post" || a != "/careers/backend-developer/quiz" {
		t.Errorf("form: method=%q action=%q, want post to /careers/backend-developer/quiz", m, a)
	}
	summary := doc.Find(`[role="alert"]`)
	if got, want := text(summary.Find("p")), "Please answer every statement: "+strconv.Itoa(missing)+" still need an answer. Your other answers are kept."; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	// The summary links each unanswered statement's first answer, by number
	// and text, and nothing else.
	var wantLinks []string
	for i, it := range items {
		if it.Error != "" {
			wantLinks = append(wantLinks, "#"+it.ID+"-1 Statement "+strconv.Itoa(i+1)+": "+it.Text)
			if doc.Find("#"+it.ID+"-1").Length() != 1 {
				t.Errorf("no answer with id %s-1 to link to", it.ID)
			}
		}
	}
	var gotLinks []string
	summary.Find("a").Each(func(_ int, a *goquery.Selection) {
		gotLinks = append(gotLinks, attr(t, a, "href")+" "+text(a))
	})
	if !slices.Equal(gotLinks, wantLinks) {
		t.Errorf("summary links %q, want %q", gotLinks, wantLinks)
	}
	if summary.Closest("form").Length() != 0 || !isBefore(summary, form) {
		t.Error("the summary is not above the form")
	}

	sets := form.Find("fieldset")
	if sets.Length() != len(items) {
		t.Fatalf("%d statements, want %d", sets.Length(), len(items))
	}
	labels := pages.ScaleLabels()
	sets.Each(func(i int, fs *goquery.Selection) {
		it := items[i]
		if got, want := text(fs.Find("legend")), strconv.Itoa(i+1)+". "+it.Text; got != want {
			t.Errorf("statement %d reads %q, want %q", i+1, got, want)
		}
		radios := fs.Find(`input[type="radio"]`)
		if radios.Length() != 5 {
			t.Fatalf("statement %d: %d answers, want 5", i+1, radios.Length())
		}
		var checked []int
		radios.Each(func(v int, r *goquery.Selection) {
			if got := attr(t, r, "name"); got != it.ID {
				t.Errorf("statement %d answer %d is named %q, want %q (one group per statement)", i+1, v+1, got, it.ID)
			}
			if got := attr(t, r, "value"); got != strconv.Itoa(v+1) {
				t.Errorf("statement %d answer %d has value %q", i+1, v+1, got)
			}
			if got := text(r.Parent()); got != labels[v] {
				t.Errorf("statement %d answer %d is labelled %q, want %q", i+1, v+1, got, labels[v])
			}
			if _, ok := r.Attr("checked"); ok {
				checked = append(checked, v+1)
			}
		})
		var want []int
		if it.Answer != 0 {
			want = []int{it.Answer}
		}
		if !slices.Equal(checked, want) {
			t.Errorf("statement %d: answers checked %v, want %v", i+1, checked, want)
		}
		errs := fs.Find(".error-text")
		described, hasDescribed := fs.Attr("aria-describedby")
		if it.Error == "" {
			if errs.Length() != 0 || hasDescribed || fs.HasClass("form-error") {
				t.Errorf("answered statement %d shows an error", i+1)
			}
			return
		}
		if text(errs) != it.Error {
			t.Errorf("statement %d: error %q, want %q beside it", i+1, text(errs), it.Error)
		}
		if id := attr(t, errs, "id"); !hasDescribed || described != id {
			t.Errorf("statement %d: fieldset aria-describedby=%q, want its error's id %q", i+1, described, id)
		}
		if !fs.HasClass("form-error") {
			t.Errorf("statement %d with an error is not marked form-error", i+1)
		}
	})
	if n := doc.Find(".error-text").Length(); n != missing+1 {
		t.Errorf("%d error texts on the page, want %d beside statements and the summary", n, missing+1)
	}
}

func TestQuizFormFresh(t *testing.T) {
	nav := backendNav(t, "/careers/backend-developer/quiz", "")
	var items []pages.QuizItem
	for i, q := range catalog(t).Questions[:catalog(t).QuickQuestions()] {
		items = append(items, pages.QuizItem{ID: q.ID, Text: q.Text, Number: i + 1})
	}
	doc := render(t, pages.Quiz(pages.QuizPage{Chrome: components.Chrome{Title: "Match test"}, Nav: nav, Items: items}))
	if n := doc.Find(`[role="alert"], .error-text, input[checked]`).Length(); n != 0 {
		t.Errorf("a fresh form shows %d alerts, errors or checked answers", n)
	}
	if n := doc.Find(`form fieldset`).Length(); n != 15 {
		t.Errorf("%d statements, want 15", n)
	}
	if got := text(doc.Find("p.lede")); !strings.HasPrefix(got, "15 work activities") {
		t.Errorf("lede %q does not count the statements", got)
	}
}

func TestQuizNoticeIsAnAlert(t *testing.T) {
	nav := backendNav(t, "/careers/backend-developer/quiz", "")
	items, _ := quizItems(t)
	for i := range items {
		items[i].Error, items[i].Answer = "", 3
	}
	const notice = "We could not save your answers. Please try again."
	doc := render(t, pages.Quiz(pages.QuizPage{Chrome: components.Chrome{Title: "Match test"}, Nav: nav, Items: items, Notice: notice}))
	if got := texts(doc.Find(`[role="alert"]`)); !slices.Equal(got, []string{notice}) {
		t.Errorf("alerts %q, want the notice only", got)
	}
	if n := doc.Find(`input[checked]`).Length(); n != 15 {
		t.Errorf("%d answers kept, want 15", n)
	}
}

// isBefore reports whether a comes before b in document order.
func isBefore(a, b *goquery.Selection) bool {
	found := false
	a.Parents().Last().Find("*").EachWithBreak(func(_ int, e *goquery.Selection) bool {
		if e.IsSelection(a) {
			found = true
			return false
		}
		return !e.IsSelection(b)
	})
	return found
}
