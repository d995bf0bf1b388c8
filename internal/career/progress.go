package career

// Status is what a person says about a skill.
type Status string

// The marks a person can set on a skill.
const (
	Known    Status = "known"    // I know this
	Learning Status = "learning" // learning it now
	Skip     Status = "skip"     // not for me: left out of the plan
)

// ParseStatus reads a status from a form or a stored row.
func ParseStatus(s string) (Status, bool) {
	switch st := Status(s); st {
	case Known, Learning, Skip:
		return st, true
	}
	return "", false
}

// Label is the status as a person reads it.
func (s Status) Label() string {
	switch s {
	case Known:
		return "I know this"
	case Learning:
		return "Learning"
	case Skip:
		return "Skipped"
	}
	return "Not marked"
}

// SkillRef names one skill of one career.
type SkillRef struct {
	Career, Skill string
}

// Marks are the statuses a person set, by the skill they set them on.
type Marks map[SkillRef]Status

// rank orders statuses for a topic marked on several skills: knowing a
// skill says the most, skipping the least.
func (s Status) rank() int {
	switch s {
	case Known:
		return 3
	case Learning:
		return 2
	case Skip:
		return 1
	}
	return 0
}

// Progress answers what a person's marks say about any skill of the
// catalog: a skill's own mark, or else the mark set on another skill (of
// any career) that shares a topic with it.
type Progress struct {
	own    Marks
	topics map[string]topicMark
}

type topicMark struct {
	status Status
	from   SkillRef
}

// NewProgress indexes marks by topic against the catalog. Marks on skills
// the catalog no longer has are ignored.
func NewProgress(cat *Catalog, m Marks) Progress {
	p := Progress{own: m, topics: map[string]topicMark{}}
	for ref, st := range m {
		c, ok := cat.Career(ref.Career)
		if !ok {
			continue
		}
		s := c.Skill(ref.Skill)
		if s == nil {
			continue
		}
		for _, t := range s.Topics {
			if cur, ok := p.topics[t]; !ok || st.rank() > cur.status.rank() ||
				(st.rank() == cur.status.rank() && lessRef(ref, cur.from)) {
				p.topics[t] = topicMark{st, ref}
			}
		}
	}
	return p
}

func lessRef(a, b SkillRef) bool {
	return a.Career < b.Career || (a.Career == b.Career && a.Skill < b.Skill)
}

// Of is the status of skill s of career slug, and, when it comes from a
// mark on another skill sharing a topic, that skill; "" when unmarked.
func (p Progress) Of(slug string, s *Skill) (Status, *SkillRef) {
	if st, ok := p.own[SkillRef{slug, s.Slug}]; ok {
		return st, nil
	}
	var best *topicMark
	for _, t := range s.Topics {
		if m, ok := p.topics[t]; ok && (best == nil || m.status.rank() > best.status.rank()) {
			best = &m
		}
	}
	if best == nil {
		return "", nil
	}
	from := best.from
	return best.status, &from
}

// Empty reports whether the person has marked nothing.
func (p Progress) Empty() bool { return len(p.own) == 0 }
