package server_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"careerguide/internal/career"

	"github.com/PuerkitoBio/goquery"
)

// sharedRow is one row of the compare page's "Both need" table: a topic and
// each career's skills under it, as shown.
type sharedRow struct {
	Topic string
	A, B  []string
}

// skillSplit is what the compare page shows about two careers' skills.
type skillSplit struct {
	Common       []sharedRow
	OnlyA, OnlyB []string
}

func linkTexts(s *goquery.Selection) []string {
	var out []string
	s.Find("a").Each(func(_ int, a *goquery.Selection) {
		out = append(out, strings.Join(strings.Fields(a.Text()), " "))
	})
	return out
}

func skillsShown(p page) skillSplit {
	var sp skillSplit
	p.Doc.Find("#common-topics tbody tr").Each(func(_ int, tr *goquery.Selection) {
		cells := tr.Find("td")
		sp.Common = append(sp.Common, sharedRow{
			Topic: strings.TrimSpace(tr.Find("th").Text()),
			A:     linkTexts(cells.Eq(0)),
			B:     linkTexts(cells.Eq(1)),
		})
	})
	sp.OnlyA = linkTexts(p.Doc.Find(`section[aria-labelledby="only-a"] li`))
	sp.OnlyB = linkTexts(p.Doc.Find(`section[aria-labelledby="only-b"] li`))
	return sp
}

func (sp skillSplit) row(topic string) (sharedRow, bool) {
	for _, r := range sp.Common {
		if r.Topic == topic {
			return r, true
		}
	}
	return sharedRow{}, false
}

// Backend Developer and Data Engineer name their Git and SQL skills
// differently; matched by topic they are skills both need, not unique ones.
func TestCompareMatchesSkillsByTopic(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	p := b.get("/compare?a=backend-developer&b=data-engineer")
	if p.Status != http.StatusOK {
		t.Fatalf("compare: %d", p.Status)
	}
	sp := skillsShown(p)
	for _, want := range []sharedRow{
		{"Version control and code review", []string{"Git and code review"}, []string{"Git, the command line and CI"}},
		{"SQL and relational data", []string{"SQL and relational databases"}, []string{"SQL and relational databases", "SQL transformation frameworks (dbt)"}},
	} {
		got, ok := sp.row(want.Topic)
		if !ok {
			t.Errorf("%q is not among the topics both need: %+v", want.Topic, sp.Common)
			continue
		}
		if !slices.Equal(got.A, want.A) || !slices.Equal(got.B, want.B) {
			t.Errorf("%s: shows %q | %q, want %q | %q", want.Topic, got.A, got.B, want.A, want.B)
		}
	}
	for _, s := range []string{"Git and code review", "SQL and relational databases"} {
		if slices.Contains(sp.OnlyA, s) {
			t.Errorf("%q is listed as only Backend Developer: %q", s, sp.OnlyA)
		}
	}
	for _, s := range []string{"Git, the command line and CI", "SQL and relational databases", "SQL transformation frameworks (dbt)"} {
		if slices.Contains(sp.OnlyB, s) {
			t.Errorf("%q is listed as only Data Engineer: %q", s, sp.OnlyB)
		}
	}

	// The same SQL topic lines up Full-Stack Developer's differently named skill.
	sp = skillsShown(b.get("/compare?a=backend-developer&b=full-stack-developer"))
	if got, _ := sp.row("SQL and relational data"); !slices.Equal(got.B, []string{"SQL and data modeling"}) {
		t.Errorf("backend vs full-stack, SQL: %q | %q", got.A, got.B)
	}
}

// Frontend vs Mobile Developer, worked out by hand from the two skills.yaml
// files and content/skill-topics.yaml. Frontend's topics: html-css (Semantic
// HTML; CSS), javascript (JavaScript fundamentals; TypeScript), git,
// ui-frameworks, accessibility, testing, performance, security,
// app-architecture, design-systems, technical-leadership,
// engineering-management. Mobile's: none for Swift and Kotlin,
// ui-frameworks, design-systems, app-architecture (twice), http-apis,
// testing, accessibility, performance and observability (one skill),
// security, ci-cd, technical-leadership, engineering-management. Both:
// nine topics, listed in vocabulary order; the skills whose topics the other
// career lacks are unique.
func TestCompareFrontendMobileLikeAHandCheck(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	p := app.browser().get("/compare?a=frontend-developer&b=mobile-developer")
	if p.Status != http.StatusOK {
		t.Fatalf("compare: %d", p.Status)
	}
	want := skillSplit{
		Common: []sharedRow{
			{"UI frameworks and components", []string{"A component framework"}, []string{"Declarative UI with SwiftUI or Jetpack Compose"}},
			{"Automated testing", []string{"Frontend testing"}, []string{"Automated testing on mobile"}},
			{"Security and privacy", []string{"Frontend security"}, []string{"Mobile security and privacy"}},
			{"Accessibility", []string{"Web accessibility"}, []string{"Mobile accessibility"}},
			{"Performance measurement and tuning", []string{"Web performance"}, []string{"Performance and app health"}},
			{"Design systems and platform guidelines", []string{"Design systems"}, []string{"Platform design guidelines"}},
			{"Application architecture and state", []string{"Frontend architecture and rendering strategies"}, []string{"App architecture and state management", "Modular and cross-platform architecture"}},
			{"Technical leadership", []string{"Technical leadership across teams"}, []string{"Technical leadership across teams"}},
			{"Engineering management", []string{"Engineering management and quality policy"}, []string{"Mobile engineering management"}},
		},
		OnlyA: []string{"Semantic HTML", "CSS and responsive layout", "JavaScript fundamentals", "Git and pull requests", "TypeScript"},
		OnlyB: []string{"Swift and the iOS SDK", "Kotlin and the Android SDK", "Networking, concurrency and local storage", "Release engineering and CI/CD for mobile"},
	}
	got := skillsShown(p)
	if len(got.Common) != len(want.Common) {
		t.Errorf("%d topics in common, want %d", len(got.Common), len(want.Common))
	}
	for i := range min(len(got.Common), len(want.Common)) {
		g, w := got.Common[i], want.Common[i]
		if g.Topic != w.Topic || !slices.Equal(g.A, w.A) || !slices.Equal(g.B, w.B) {
			t.Errorf("topic %d: %q: %q | %q, want %q: %q | %q", i+1, g.Topic, g.A, g.B, w.Topic, w.A, w.B)
		}
	}
	if !slices.Equal(got.OnlyA, want.OnlyA) {
		t.Errorf("only Frontend Developer: %q, want %q", got.OnlyA, want.OnlyA)
	}
	if !slices.Equal(got.OnlyB, want.OnlyB) {
		t.Errorf("only Mobile Developer: %q, want %q", got.OnlyB, want.OnlyB)
	}
}

// checkSkillSplit checks what any compare page shows about skills: topics in
// vocabulary order, each with skills of both careers that really carry the
// topic; and every skill of each career either under a topic in common or
// in its "only" list, never both.
func checkSkillSplit(t *testing.T, p page, cat *career.Catalog, a, b *career.Career) {
	t.Helper()
	sp := skillsShown(p)
	has := func(c *career.Career, name, topic string) bool {
		for _, s := range c.Skills {
			if s.Name == name && slices.Contains(s.Topics, topic) {
				return true
			}
		}
		return false
	}
	next := 0 // topics must come in vocabulary order
	common := map[string]bool{}
	for _, r := range sp.Common {
		i := slices.IndexFunc(cat.Topics, func(tp career.SkillTopic) bool { return tp.Name == r.Topic })
		if i < next {
			t.Errorf("%s vs %s: topic %q is unknown or out of order", a.Slug, b.Slug, r.Topic)
		}
		next = i + 1
		if len(r.A) == 0 || len(r.B) == 0 {
			t.Errorf("%s vs %s: topic %q lacks one side's skills: %q | %q", a.Slug, b.Slug, r.Topic, r.A, r.B)
		}
		for _, n := range r.A {
			common[a.Slug+"/"+n] = true
			if i >= 0 && !has(a, n, cat.Topics[i].Key) {
				t.Errorf("%s vs %s: %q under %q", a.Slug, b.Slug, n, r.Topic)
			}
		}
		for _, n := range r.B {
			common[b.Slug+"/"+n] = true
			if i >= 0 && !has(b, n, cat.Topics[i].Key) {
				t.Errorf("%s vs %s: %q under %q", a.Slug, b.Slug, n, r.Topic)
			}
		}
	}
	covers := func(c *career.Career, key string) bool {
		return slices.ContainsFunc(c.Skills, func(s career.Skill) bool { return slices.Contains(s.Topics, key) })
	}
	want := 0 // every topic both cover has its row
	for _, tp := range cat.Topics {
		if covers(a, tp.Key) && covers(b, tp.Key) {
			want++
		}
	}
	if len(sp.Common) != want {
		t.Errorf("%s vs %s: %d topics in common shown, want %d", a.Slug, b.Slug, len(sp.Common), want)
	}
	for _, side := range []struct {
		c    *career.Career
		only []string
	}{{a, sp.OnlyA}, {b, sp.OnlyB}} {
		for _, s := range side.c.Skills {
			inCommon, inOnly := common[side.c.Slug+"/"+s.Name], slices.Contains(side.only, s.Name)
			if inCommon == inOnly {
				t.Errorf("%s vs %s: %s's skill %q: in common %v, unique %v", a.Slug, b.Slug, side.c.Name, s.Name, inCommon, inOnly)
			}
		}
		if len(side.only) > len(side.c.Skills) {
			t.Errorf("%s vs %s: %d unique skills of %s", a.Slug, b.Slug, len(side.only), side.c.Name)
		}
	}
}
