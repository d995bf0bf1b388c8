package server_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// Top-market pay is careerguide's estimate for members: the path and
// salary pages keep it from visitors, and so must the simulator, whatever
// the URL asks for. A member sees it.
func TestSimulatorKeepsTopMarketPayForMembers(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	anon := app.browser()
	// Backend junior top market starts at $90,000; base at $70,000.
	q := simulate + "?basis=top&start=junior"
	p := anon.get(q)
	if p.Status != http.StatusUnprocessableEntity || p.Doc.Find("#basis-error").Length() != 1 {
		t.Fatalf("anonymous basis=top: %d, basis error %d", p.Status, p.Doc.Find("#basis-error").Length())
	}
	if p.Doc.Find(".sim-total").Length() != 0 || strings.Contains(p.text(), "$90,000") {
		t.Fatal("anonymous basis=top shows top-market figures")
	}
	if p.Doc.Find(`input[name="basis"][value="top"]`).Length() != 0 {
		t.Fatal("the form offers the top-market basis to a visitor")
	}
	p.mustContain(t, "for members")
	if d := anon.get(simulate + "?start=junior"); d.Status != http.StatusOK || !strings.Contains(d.text(), "$70,000") {
		t.Fatalf("anonymous base: %d", d.Status)
	}

	member := app.browser()
	member.signUp("sim-member@example.com")
	m := member.get(q)
	if m.Status != http.StatusOK || !strings.Contains(m.text(), "$90,000") {
		t.Fatalf("member basis=top: %d", m.Status)
	}
	if m.Doc.Find(`input[name="basis"][value="top"]`).Length() != 1 {
		t.Fatal("a member is not offered the top-market basis")
	}
}

// The assumptions that printed $527,805,967 are refused, naming each
// field; the most generous path the bounds allow stays inside the ladder,
// and a senior's path is compared with the projection from a senior's year.
func TestSimulatorBoundsAndCareerYear(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	for field, q := range map[string]string{
		"raise":        "raise=20",
		"changes":      "changes=10",
		"change_raise": "change_raise=50",
		"horizon":      "horizon=20",
	} {
		p := b.get(simulate + "?" + q)
		if p.Status != http.StatusUnprocessableEntity || p.Doc.Find("#"+field+"-error").Length() != 1 {
			t.Errorf("%s: %d", q, p.Status)
		}
	}
	// Backend's top level pays at most $220,000 base: 15 years of it is
	// $3,300,000, the ceiling of any path.
	p := b.get(simulate + "?start=junior&years=1&raise=10&changes=3&change_raise=20&basis=base&horizon=15")
	if p.Status != http.StatusOK {
		t.Fatalf("%d", p.Status)
	}
	total := p.Doc.Find(".sim-total strong").Text()
	n, err := strconv.Atoi(strings.NewReplacer("$", "", ",", "").Replace(total))
	if err != nil || n > 3300000 {
		t.Fatalf("total %q passes the ladder's ceiling", total)
	}
	if p.Doc.Find("#capped-note").Length() != 1 {
		t.Fatal("no note that raises were held at a range's top")
	}
	// Senior starts at 4 years: year 1 is career year 5, where the
	// projection gives $125,000 conservative and $155,000 aggressive.
	s := b.get(simulate + "?start=senior&horizon=5")
	if s.Status != http.StatusOK {
		t.Fatalf("%d", s.Status)
	}
	row := s.Doc.Find("tbody tr").First()
	if got := row.Find("td").Eq(0).Text(); got != "5" {
		t.Fatalf("senior's year 1 is career year %q", got)
	}
	if !strings.Contains(row.Text(), "$125,000") || !strings.Contains(row.Text(), "$155,000") {
		t.Fatalf("senior's year 1 is not compared with the projection's year 5: %q", row.Text())
	}
	s.mustContain(t, "Your year 1 is year 5 of a career")
}
