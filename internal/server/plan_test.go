package server_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

const (
	backendSkills   = "/careers/backend-developer/skills"
	fullStackSkills = "/careers/full-stack-developer/skills"
)

// progressOf is the "N of M" of a page's learning plan (the first one).
func progressOf(t *testing.T, p page) string {
	t.Helper()
	m := regexp.MustCompile(`(\d+ of \d+)`).FindString(p.Doc.Find(".plan-progress").First().Text())
	if m == "" {
		t.Fatalf("no progress on the page (status %d):\n%.600s", p.Status, p.text())
	}
	return m
}

func setLevel(t *testing.T, b *browser, slug, level string) {
	t.Helper()
	if p := b.post("/careers/"+slug+"/level", url.Values{"level": {level}}); p.Status != http.StatusSeeOther {
		t.Fatalf("set level %s %s: %d", slug, level, p.Status)
	}
}

func mark(t *testing.T, b *browser, slug, skill, status, next string) {
	t.Helper()
	p := b.post("/careers/"+slug+"/skills/"+skill+"/progress", url.Values{"status": {status}, "next": {next}})
	if p.Status != http.StatusSeeOther || p.Header.Get("Location") != next {
		t.Fatalf("mark %s/%s %s: %d %q", slug, skill, status, p.Status, p.Header.Get("Location"))
	}
}

func TestAMarkCountsForEveryGuideSharingItsTopicAndSurvivesSignUpAndLogin(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	setLevel(t, b, "backend-developer", "junior")
	setLevel(t, b, "full-stack-developer", "junior")
	beforeBackend, beforeFull := progressOf(t, b.get(backendSkills)), progressOf(t, b.get(fullStackSkills))
	if !strings.HasPrefix(beforeBackend, "0 of ") || !strings.HasPrefix(beforeFull, "0 of ") {
		t.Fatalf("fresh plans: %q, %q", beforeBackend, beforeFull)
	}

	// Backend's "cloud and containers" shares the cloud-containers topic
	// with full-stack's "deployment and cloud": one mark, both plans move.
	mark(t, b, "backend-developer", "cloud-and-containers", "known", backendSkills)
	p := b.get(backendSkills)
	if got := progressOf(t, p); got != "1"+strings.TrimPrefix(beforeBackend, "0") {
		t.Fatalf("backend after the mark: %q (before %q)", got, beforeBackend)
	}
	if cc := p.Header.Get("Cache-Control"); cc != "no-store" {
		t.Fatalf("a page with marks must not be kept by caches: %q", cc)
	}
	full := b.get(fullStackSkills)
	if got := progressOf(t, full); got != "1"+strings.TrimPrefix(beforeFull, "0") {
		t.Fatalf("full-stack after a mark on backend: %q (before %q)", got, beforeFull)
	}
	if txt := full.Doc.Find(".plan-item").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.Contains(s.Text(), "Deployment")
	}).Text(); !strings.Contains(txt, "from your mark on a skill with the same topic") {
		t.Fatalf("full-stack's deployment skill does not say where its mark comes from: %q", txt)
	}
	b.get("/plan").mustContain(t, "Backend Developer", "Full-Stack Developer", "1"+strings.TrimPrefix(beforeFull, "0"))

	// Someone else at the same level sees none of it: the cached page
	// holds no marks.
	other := app.browser()
	setLevel(t, other, "backend-developer", "junior")
	if got := progressOf(t, other.get(backendSkills)); got != beforeBackend {
		t.Fatalf("another person sees %q", got)
	}

	// Pace and marks go to the account at sign-up...
	if p := b.post("/plan/pace", url.Values{"hours": {"8"}, "next": {"/plan"}}); p.Status != http.StatusSeeOther {
		t.Fatalf("pace: %d", p.Status)
	}
	mark(t, b, "backend-developer", "security-fundamentals", "skip", backendSkills)
	b.signUp("marks@example.com")
	var n int
	var pace int
	ctx := context.Background()
	if err := app.Pool().QueryRow(ctx, `select count(*) from user_skills s join users u on u.id = s.user_id where u.email = 'marks@example.com'`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("user_skills rows: %d %v", n, err)
	}
	if err := app.Pool().QueryRow(ctx, `select hours_per_week from user_pace p join users u on u.id = p.user_id where u.email = 'marks@example.com'`).Scan(&pace); err != nil || pace != 8 {
		t.Fatalf("user_pace: %d %v", pace, err)
	}
	// ...a mark set while signed in is saved at once...
	mark(t, b, "backend-developer", "security-fundamentals", "learning", backendSkills)

	// ...and come back at login in another browser.
	fresh := app.browser()
	if p := fresh.post("/login", url.Values{"email": {"marks@example.com"}, "password": {pw}}); p.Status != http.StatusSeeOther {
		t.Fatalf("login: %d", p.Status)
	}
	p = fresh.get(backendSkills)
	if got := progressOf(t, p); got != "1"+strings.TrimPrefix(beforeBackend, "0") {
		t.Fatalf("after login: %q", got)
	}
	p.mustContain(t, "at 8 hours a week")
	sec := p.Doc.Find(`form[action="/careers/backend-developer/skills/security-fundamentals/progress"] button[aria-pressed="true"]`).First().Text()
	if sec != "Learning" {
		t.Fatalf("the mark set while signed in: %q", sec)
	}
	progressOf(t, fresh.get(fullStackSkills))
	fresh.get("/plan").mustContain(t, "at 8 hours a week", "Backend Developer", "Full-Stack Developer")

	// Clearing a mark removes its row.
	mark(t, fresh, "backend-developer", "security-fundamentals", "", backendSkills)
	if err := app.Pool().QueryRow(ctx, `select count(*) from user_skills`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("rows after clearing: %d %v", n, err)
	}
}

func TestBadPaceIs422WithTheFormKeptAndThePaceUnchanged(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	setLevel(t, b, "backend-developer", "junior")
	if p := b.post("/plan/pace", url.Values{"hours": {"7"}, "next": {backendSkills}}); p.Status != http.StatusSeeOther || p.Header.Get("Location") != backendSkills {
		t.Fatalf("pace 7: %d %q", p.Status, p.Header.Get("Location"))
	}
	b.get(backendSkills).mustContain(t, "at 7 hours a week")
	b.signUp("pace@example.com")
	for _, bad := range []string{"0", "500", "abc", "", "41", "5.5", "-3"} {
		p := b.post("/plan/pace", url.Values{"hours": {bad}, "next": {backendSkills}})
		if p.Status != http.StatusUnprocessableEntity {
			t.Fatalf("hours %q: %d", bad, p.Status)
		}
		p.mustContain(t, "whole number from 1 to 40")
		if v, _ := p.Doc.Find("#hours").Attr("value"); v != bad {
			t.Fatalf("hours %q: the field shows %q", bad, v)
		}
		if inv, _ := p.Doc.Find("#hours").Attr("aria-invalid"); inv != "true" {
			t.Fatalf("hours %q: not marked invalid", bad)
		}
	}
	b.get(backendSkills).mustContain(t, "at 7 hours a week")
	var pace int
	if err := app.Pool().QueryRow(context.Background(), `select hours_per_week from user_pace`).Scan(&pace); err != nil || pace != 7 {
		t.Fatalf("stored pace: %d %v", pace, err)
	}

	// An unknown mark is refused the same way and stores nothing.
	p := b.post("/careers/backend-developer/skills/cloud-and-containers/progress", url.Values{"status": {"expert"}, "next": {backendSkills}})
	if p.Status != http.StatusUnprocessableEntity {
		t.Fatalf("unknown mark: %d", p.Status)
	}
	p.mustContain(t, "not a mark we know")
	var n int
	if err := app.Pool().QueryRow(context.Background(), `select count(*) from user_skills`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("rows: %d %v", n, err)
	}
	if p := b.post("/careers/backend-developer/skills/no-such-skill/progress", url.Values{"status": {"known"}}); p.Status != http.StatusNotFound {
		t.Fatalf("unknown skill: %d", p.Status)
	}
}

func TestPlanWeeksAndTimeToNextLevel(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	setLevel(t, b, "backend-developer", "junior")
	// Junior from 0 and mid from 2 years: 2 years, 1-3 with a year either side.
	for _, path := range []string{"/careers/backend-developer", "/careers/backend-developer/path", backendSkills} {
		p := b.get(path)
		p.mustContain(t, "Time to the next level, Backend Developer: typically 1–3 years after reaching Junior Backend Developer.")
		if p.Doc.Find(".next-time .estimate").Length() != 1 {
			t.Fatalf("%s: the time to the next level is not marked as an estimate", path)
		}
	}
	p := b.get(backendSkills)
	if !regexp.MustCompile(`The rest takes about \d+–\d+ weeks at 5 hours a week`).MatchString(p.text()) {
		t.Fatalf("no weeks at the default pace:\n%.800s", p.Doc.Find(".plan-progress").Text())
	}
	if p.Doc.Find(".plan-item .resources li").Length() == 0 || !strings.Contains(p.Doc.Find(".plan-item .resources").First().Text(), "hour") {
		t.Fatal("plan resources show no estimated hours")
	}
	if got := b.get("/plan"); got.Status != http.StatusOK || got.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("/plan: %d %q", got.Status, got.Header.Get("Cache-Control"))
	}
	app.browser().get("/plan").mustContain(t, "You have not set a level in any guide yet")
}

// The plan page is kept per session state: every change to a level, a
// mark, the pace or the signed-in state shows at once, and a person never
// sees another's plan.
func TestTheKeptPlanPageFollowsEveryChange(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	setLevel(t, b, "backend-developer", "junior")
	first := progressOf(t, b.get("/plan"))
	if !strings.HasPrefix(first, "0 of ") {
		t.Fatalf("fresh plan: %q", first)
	}
	b.get("/plan").mustContain(t, "at 5 hours a week")

	mark(t, b, "backend-developer", "cloud-and-containers", "known", "/plan")
	if got := progressOf(t, b.get("/plan")); got != "1"+strings.TrimPrefix(first, "0") {
		t.Fatalf("after a mark: %q (before %q)", got, first)
	}
	if p := b.post("/plan/pace", url.Values{"hours": {"12"}, "next": {"/plan"}}); p.Status != http.StatusSeeOther {
		t.Fatalf("pace: %d", p.Status)
	}
	b.get("/plan").mustContain(t, "at 12 hours a week")
	setLevel(t, b, "full-stack-developer", "mid")
	b.get("/plan").mustContain(t, "Full-Stack Developer", "at 12 hours a week")

	// Another person with the plan the first one had sees that plan, not
	// the first person's marks or pace.
	other := app.browser()
	setLevel(t, other, "backend-developer", "junior")
	p := other.get("/plan")
	if got := progressOf(t, p); got != first {
		t.Fatalf("another person sees %q", got)
	}
	if strings.Contains(p.text(), "12 hours") || strings.Contains(p.text(), "Full-Stack") {
		t.Fatalf("another person sees the first one's plan:\n%.600s", p.text())
	}

	// Signing up changes the header on the same plan.
	if n := b.get("/plan").Doc.Find(`button:contains("Log out")`).Length(); n != 0 {
		t.Fatal("a signed-out plan offers to log out")
	}
	b.signUp("kept-plan@example.com")
	if n := b.get("/plan").Doc.Find(`button:contains("Log out")`).Length(); n != 1 {
		t.Fatal("the plan after sign-up does not show the signed-in header")
	}
}

const simulate = "/careers/backend-developer/salary/simulate"

func TestSalarySimulatorFiguresAndSharedURL(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	// Backend: junior base from $70,000, mid $95,000, senior $125,000.
	// Year 1 70,000; 2: +3 % 72,100; 3: promoted, 95,000; 4: +3 % 97,850
	// and a job change +10 % 107,635; 5: promoted, 125,000. Total 469,735.
	q := "?start=junior&years=2&raise=3&changes=1&change_raise=10&basis=base&horizon=5"
	p := b.get(simulate + q)
	if p.Status != http.StatusOK {
		t.Fatalf("%d", p.Status)
	}
	p.mustContain(t, "Total earned over 5 years: $469,735", "$72,100", "$107,635", "$125,000")
	if p.Doc.Find(`[data-testid="simulated-path"]`).Length() != 1 || p.Doc.Find("tbody tr").Length() != 5 {
		t.Fatal("no path or not 5 rows")
	}
	share, _ := p.Doc.Find(`a[rel="bookmark"]`).Attr("href")
	if again := app.browser().get(share); again.Status != http.StatusOK || !strings.Contains(again.text(), "$469,735") {
		t.Fatalf("the shared URL %q in a fresh browser: %d", share, again.Status)
	}

	// Defaults: with a level set, the start is that level.
	setLevel(t, b, "backend-developer", "mid")
	d := b.get(simulate)
	if v, _ := d.Doc.Find("#start option[selected]").Attr("value"); v != "mid" {
		t.Fatalf("default start %q", v)
	}
	d.mustContain(t, "Default: your level, Backend Developer.")

	for field, bad := range map[string]string{
		"start": "wizard", "years": "0", "raise": "abc", "changes": "99",
		"change_raise": "-5", "basis": "moon", "horizon": "30",
	} {
		v, _ := url.ParseQuery(strings.TrimPrefix(q, "?"))
		v.Set(field, bad)
		p := b.get(simulate + "?" + v.Encode())
		if p.Status != http.StatusUnprocessableEntity {
			t.Errorf("%s=%s: %d", field, bad, p.Status)
			continue
		}
		if p.Doc.Find("#"+field+"-error").Length() != 1 || p.Doc.Find(".error-text").Length() != 1 {
			t.Errorf("%s=%s: the error does not name the field", field, bad)
		}
		if field != "start" && field != "basis" {
			if got, _ := p.Doc.Find("#" + field).Attr("value"); got != bad {
				t.Errorf("%s: the form shows %q, not what was sent", field, got)
			}
		}
		if p.Doc.Find(".sim-total").Length() != 0 {
			t.Errorf("%s: a refused simulation still shows figures", field)
		}
	}
	// More job changes than years simulated is refused on the changes field.
	if p := b.get(simulate + "?horizon=5&changes=5"); p.Status != http.StatusUnprocessableEntity || p.Doc.Find("#changes-error").Length() != 1 {
		t.Fatalf("5 changes in 5 years: %d", p.Status)
	}
}
