package career

// SkillTopic is one entry of the vocabulary of skill topics that all careers
// share. Careers name their skills in their own words; a topic says which
// skills of different careers are the same competence.
type SkillTopic struct {
	Key  string // stable identifier used in skills.yaml, e.g. "git"
	Name string // e.g. "Version control and code review"
}

// SharedTopic is a topic two careers both cover, with each career's own
// skills under it, in each career's skill order.
type SharedTopic struct {
	Topic SkillTopic
	A, B  []*Skill
}

// CompareSkills matches the skills of a and b by topic. Common lists the
// topics both careers cover, in vocabulary order (topics). OnlyA lists the
// skills of a that share no topic with any skill of b, in a's skill order;
// OnlyB the same for b.
func CompareSkills(topics []SkillTopic, a, b *Career) (common []SharedTopic, onlyA, onlyB []*Skill) {
	byTopic := func(c *Career) map[string][]*Skill {
		m := map[string][]*Skill{}
		for i := range c.Skills {
			for _, t := range c.Skills[i].Topics {
				m[t] = append(m[t], &c.Skills[i])
			}
		}
		return m
	}
	inA, inB := byTopic(a), byTopic(b)
	for _, t := range topics {
		if len(inA[t.Key]) > 0 && len(inB[t.Key]) > 0 {
			common = append(common, SharedTopic{Topic: t, A: inA[t.Key], B: inB[t.Key]})
		}
	}
	only := func(c *Career, other map[string][]*Skill) []*Skill {
		var out []*Skill
	skills:
		for i := range c.Skills {
			for _, t := range c.Skills[i].Topics {
				if len(other[t]) > 0 {
					continue skills
				}
			}
			out = append(out, &c.Skills[i])
		}
		return out
	}
	return common, only(a, inB), only(b, inA)
}
