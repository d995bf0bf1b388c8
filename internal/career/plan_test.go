package career

import "testing"

func ladder() *Career {
	return &Career{
		Levels: []Level{
			{Key: "junior", Rank: 1, Base: Range{70000, 95000}},
			{Key: "mid", Rank: 2, Base: Range{95000, 125000}},
			{Key: "senior", Rank: 3, Base: Range{125000, 155000}},
		},
		Skills: []Skill{
			{Slug: "git", LevelKey: "junior"},
			{Slug: "sql", LevelKey: "junior"},
			{Slug: "caching", LevelKey: "mid"},
			{Slug: "queues", LevelKey: "mid"},
			{Slug: "design", LevelKey: "senior"},
		},
	}
}

func slugs(ss []Skill) []string {
	out := []string{}
	for _, s := range ss {
		out = append(out, s.Slug)
	}
	return out
}

func TestPlanForListsOnlyTheNextLevelsNewSkills(t *testing.T) {
	c := ladder()
	p := c.PlanFor(c.Level("junior"))
	if p.Next.Key != "mid" {
		t.Fatalf("next %v", p.Next)
	}
	if got := slugs(p.Skills); len(got) != 2 || got[0] != "caching" || got[1] != "queues" {
		t.Fatalf("plan skills %v, want [caching queues]", got)
	}
	if got := slugs(p.Known); len(got) != 2 {
		t.Fatalf("known %v", got)
	}
	top := c.PlanFor(c.Level("senior"))
	if top.Next != nil || len(top.Skills) != 0 || len(top.Known) != 5 {
		t.Fatalf("top of the ladder: %+v", top)
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
