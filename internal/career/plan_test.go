package career

import "testing"

func res(hours ...int) []Resource {
	out := make([]Resource, len(hours))
	for i, h := range hours {
		out[i] = Resource{Link: Link{Title: "r", URL: "https://example.com/"}, Hours: h}
	}
	return out
}

func ladder() *Career {
	return &Career{
		Slug: "backend",
		Levels: []Level{
			{Key: "junior", Rank: 1, YearsMin: 0, YearsMax: 2, Base: Range{70000, 95000}, TopMarket: Range{100000, 130000}},
			{Key: "mid", Rank: 2, YearsMin: 2, YearsMax: 5, Base: Range{95000, 125000}, TopMarket: Range{130000, 170000}},
			{Key: "senior", Rank: 3, YearsMin: 5, Base: Range{125000, 155000}, TopMarket: Range{170000, 210000}},
		},
		Skills: []Skill{
			{Slug: "git", LevelKey: "junior", Topics: []string{"git"}, Resources: res(3, 20)},
			{Slug: "sql", LevelKey: "junior", Topics: []string{"sql"}, Resources: res(6, 8)},
			{Slug: "caching", LevelKey: "mid", Topics: []string{"performance"}, Resources: res(4, 6)},
			{Slug: "queues", LevelKey: "mid", Topics: []string{"distributed"}, Resources: res(8, 20)},
			{Slug: "design", LevelKey: "senior", Topics: []string{"distributed", "architecture"}, Resources: res(30, 6)},
		},
	}
}

// frontend shares the "performance" topic with backend's caching skill.
func catalog() *Catalog {
	return &Catalog{Careers: []Career{*ladder(), {
		Slug:   "frontend",
		Levels: []Level{{Key: "junior", Rank: 1}, {Key: "mid", Rank: 2}},
		Skills: []Skill{{Slug: "web-performance", LevelKey: "mid", Topics: []string{"performance"}, Resources: res(4, 4)}},
	}}}
}

func itemSlugs(items []PlanItem) []string {
	out := []string{}
	for _, it := range items {
		out = append(out, it.Skill.Slug)
	}
	return out
}

func TestPlanOrdersByLevelThenByWhatBuildsOnIt(t *testing.T) {
	cat := catalog()
	c, _ := cat.Career("backend")
	p := c.PlanFor(c.Level("junior"), NewProgress(cat, nil))
	if p.Next.Key != "mid" {
		t.Fatalf("next %v", p.Next)
	}
	// queues shares "distributed" with the senior design skill, caching
	// shares nothing later: queues first although caching comes first in
	// the content.
	if got := itemSlugs(p.Items); len(got) != 2 || got[0] != "queues" || got[1] != "caching" {
		t.Fatalf("plan %v, want [queues caching]", got)
	}
	if p.Done != 0 || p.Total != 2 || len(p.Known) != 2 {
		t.Fatalf("progress %d of %d, known %d", p.Done, p.Total, len(p.Known))
	}
	top := c.PlanFor(c.Level("senior"), NewProgress(cat, nil))
	if top.Next != nil || len(top.Items) != 0 || len(top.Known) != 5 {
		t.Fatalf("top of the ladder: %+v", top)
	}
}

func TestAMarkCountsForEveryCareerSharingTheTopic(t *testing.T) {
	cat := catalog()
	c, _ := cat.Career("backend")
	marks := Marks{{Career: "frontend", Skill: "web-performance"}: Known, {Career: "backend", Skill: "queues"}: Skip}
	p := c.PlanFor(c.Level("junior"), NewProgress(cat, marks))
	if p.Done != 1 || p.Total != 1 {
		t.Fatalf("progress %d of %d, want 1 of 1 (caching known through frontend, queues skipped)", p.Done, p.Total)
	}
	caching := p.Items[1]
	if caching.Skill.Slug != "caching" || caching.Status != Known || caching.From == nil || caching.From.Career != "frontend" {
		t.Fatalf("caching %+v", caching)
	}
	if p.Left != (Hours{}) {
		t.Fatalf("nothing left to learn, got %+v", p.Left)
	}
	// A skill's own mark wins over its topic's.
	marks[SkillRef{"backend", "caching"}] = Learning
	st, from := NewProgress(cat, marks).Of("backend", c.Skill("caching"))
	if st != Learning || from != nil {
		t.Fatalf("own mark: %q from %v", st, from)
	}
	// A lower-level skill marked learning joins the plan, at its level.
	marks = Marks{{Career: "backend", Skill: "sql"}: Learning}
	p = c.PlanFor(c.Level("junior"), NewProgress(cat, marks))
	if got := itemSlugs(p.Items); len(got) != 3 || got[0] != "sql" {
		t.Fatalf("plan %v, want sql first", got)
	}
}

func TestWeeksAtAPace(t *testing.T) {
	cat := catalog()
	c, _ := cat.Career("backend")
	p := c.PlanFor(c.Level("junior"), NewProgress(cat, nil))
	// caching: shortest 4 h, all 10 h; queues: 8 h, 28 h. Together 12-38 h.
	if p.Left != (Hours{12, 38}) {
		t.Fatalf("left %+v, want 12-38 h", p.Left)
	}
	// At 5 h a week: 12/5 = 2.4 -> 3 weeks; 38/5 = 7.6 -> 8 weeks.
	if lo, hi := Weeks(p.Left, 5); lo != 3 || hi != 8 {
		t.Fatalf("%d-%d weeks, want 3-8", lo, hi)
	}
	if lo, hi := Weeks(p.Left, 40); lo != 1 || hi != 1 {
		t.Fatalf("%d-%d weeks at 40 h, want 1-1", lo, hi)
	}
}

func TestTimeToNext(t *testing.T) {
	c := ladder()
	// junior 0 -> mid 2: 2 years, 1-3 with a year either side.
	if y, ok := c.TimeToNext(c.Level("junior")); !ok || y != (Years{1, 3}) {
		t.Fatalf("junior: %+v %v", y, ok)
	}
	// mid 2 -> senior 5: 3 years, 2-4.
	if y, ok := c.TimeToNext(c.Level("mid")); !ok || y != (Years{2, 4}) {
		t.Fatalf("mid: %+v %v", y, ok)
	}
	if _, ok := c.TimeToNext(c.Level("senior")); ok {
		t.Fatal("the top level has no next")
	}
}

func TestJump(t *testing.T) {
	c := ladder()
	j := Jump(c.Level("junior"), c.Level("mid"))
	// midpoints 82,500 -> 110,000: +33.3 %
	if j.AtMin != 25000 || j.AtMax != 30000 || j.Percent != 33 {
		t.Fatalf("%+v", j)
	}
	if c.Next(c.Level("senior")) != nil || c.Next(nil) != nil {
		t.Fatal("Next past the top or from nil must be nil")
	}
	if c.TopPay() != 155000 {
		t.Fatal(c.TopPay())
	}
}

func TestScheduleEntryClockIsAValidHTMLTime(t *testing.T) {
	for in, want := range map[string]string{
		"9:00": "09:00", "14:30": "14:30", "00:05": "00:05", "23:59": "23:59",
		"24:00": "", "9:60": "", "9": "", "9:5": "", "nine": "", "+9:00": "", "9:-1": "", "": "", "123:00": "",
	} {
		if got := (ScheduleEntry{Time: in}).Clock(); got != want {
			t.Errorf("Clock(%q) = %q, want %q", in, got, want)
		}
	}
}
