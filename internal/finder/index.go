package finder

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"careerguide/internal/career"

	"github.com/kljensen/snowball/english"
)

// Index finds occupations by the names they go by (career.Catalog.Names),
// in memory: about 61,000 names, searched by their words (English
// stemming, so word forms match) and by close spellings (trigram word
// similarity, as PostgreSQL's pg_trgm measures it). It is built once per
// content snapshot and never changes; searches may run at once.
type Index struct {
	cat *career.Catalog
	// names are the names, nameWords the words of each, in order.
	names     []name
	nameWords lists
	// The distinct words of the names, numbered by wordID: the stem of
	// each (-1: a stop word, which the search of words skips), its
	// trigrams in order (padded as pg_trgm pads a word) and the names
	// holding it, in order.
	wordID       map[string]int32
	wordStem     []int32
	wordTrigrams lists
	wordNames    lists
	// byStem lists, for each stem, the names holding it, in order.
	byStem lists
	stemID map[string]int32
	// byTrigram lists, for each trigram, the words holding it;
	// trigramNames counts the names holding it; trigramID numbers them.
	byTrigram    lists
	trigramNames []int32
	trigramID    map[string]int32
	// wordText is each word by id; oneOff finds the words one edit from
	// a search's word that no name holds; wordEmployment is, for each
	// word, the most people employed in an occupation with a title, guide
	// name or reported title holding it (fix's choice among them).
	wordText       []string
	wordEmployment []float64
	oneOff         oneOff
	scratch        sync.Pool // *scratch
}

// name is one name of an occupation.
type name struct {
	occ     int32 // position in the catalog's occupations
	kind    career.NameKind
	sources int16
	runes   int32 // its length in characters
	// employment is the BLS employment of its occupation (0 unknown).
	employment float64
}

// lists are numbered lists of ids held in one array: about 100,000 lists
// without a pointer each, so the garbage collector has none to follow.
type lists struct {
	start []int32 // list i is items[start[i]:start[i+1]]
	items []int32
}

// flatten is ls as lists.
func flatten(ls [][]int32) lists {
	l := lists{start: make([]int32, len(ls)+1)}
	n := 0
	for _, x := range ls {
		n += len(x)
	}
	l.items = make([]int32, 0, n)
	for i, x := range ls {
		l.items = append(l.items, x...)
		l.start[i+1] = int32(len(l.items))
	}
	return l
}

// at is list i.
func (l lists) at(i int32) []int32 { return l.items[l.start[i]:l.start[i+1]] }

// Similar is the least trigram word similarity of a close spelling; at
// pg_trgm's default 0.6, "sensor operator" is close to every "... Operator".
const Similar = 0.65

// manyWords: when a search's words match this many names, close spellings
// are not looked for.
const manyWords = 300

// NewIndex indexes the names of cat's occupations.
func NewIndex(cat *career.Catalog) *Index {
	b := &builder{Index: &Index{cat: cat, wordID: map[string]int32{}, stemID: map[string]int32{}, trigramID: map[string]int32{}}}
	var stemSeen, wordSeen, trigramSeen []int32 // the last name that listed each
	for n := range cat.Names() {
		id := int32(len(b.names))
		nm := name{occ: int32(n.Occ), kind: n.Kind, sources: int16(min(n.Sources, math.MaxInt16)), runes: int32(utf8.RuneCountInString(n.Term))}
		if w := cat.Occupations[n.Occ].Wages; w != nil && w.Employment.Known() {
			nm.employment = w.Employment.Value
		}
		var words []int32
		for _, text := range textWords(n.Term) {
			wid := b.word(text)
			words = append(words, wid)
			if int(wid) >= len(wordSeen) {
				wordSeen = append(wordSeen, -1)
			}
			if wordSeen[wid] == id {
				continue
			}
			wordSeen[wid] = id
			b.wordNames[wid] = append(b.wordNames[wid], id)
			if n.Kind < career.NameAlt {
				b.wordEmployment[wid] = max(b.wordEmployment[wid], nm.employment)
			}
			if stem := b.wordStem[wid]; stem >= 0 {
				if int(stem) >= len(stemSeen) {
					stemSeen = append(stemSeen, -1)
				}
				if stemSeen[stem] != id {
					stemSeen[stem] = id
					b.byStem[stem] = append(b.byStem[stem], id)
				}
			}
			for _, t := range b.wordTrigrams[wid] {
				for int(t) >= len(trigramSeen) {
					trigramSeen = append(trigramSeen, -1)
				}
				if trigramSeen[t] != id {
					trigramSeen[t] = id
					b.trigramNames[t]++
				}
			}
		}
		b.names = append(b.names, nm)
		b.nameWords = append(b.nameWords, words)
	}
	ix := b.Index
	ix.nameWords, ix.wordTrigrams, ix.wordNames = flatten(b.nameWords), flatten(b.wordTrigrams), flatten(b.wordNames)
	ix.byStem, ix.byTrigram = flatten(b.byStem), flatten(b.byTrigram)
	ix.wordText = make([]string, len(ix.wordStem))
	for w, id := range ix.wordID {
		ix.wordText[id] = w
	}
	ix.oneOff = newOneOff(ix.wordText)
	ix.scratch.New = func() any { return ix.newScratch() }
	return ix
}

// builder is an Index being made, its lists still apart.
type builder struct {
	*Index
	nameWords, wordTrigrams, wordNames, byStem, byTrigram [][]int32
}

// word is the id of the word text, added when new.
func (b *builder) word(text string) int32 {
	if id, ok := b.wordID[text]; ok {
		return id
	}
	stem := int32(-1)
	if s, ok := stemOf(text); ok {
		id, ok := b.stemID[s]
		if !ok {
			id = int32(len(b.byStem))
			b.stemID[s] = id
			b.byStem = append(b.byStem, nil)
		}
		stem = id
	}
	id := int32(len(b.wordStem))
	var tris []int32
	for _, t := range trigrams(text) {
		tid, ok := b.trigramID[t]
		if !ok {
			tid = int32(len(b.byTrigram))
			b.trigramID[t] = tid
			b.byTrigram = append(b.byTrigram, nil)
			b.trigramNames = append(b.trigramNames, 0)
		}
		tris = append(tris, tid)
		if l := b.byTrigram[tid]; len(l) == 0 || l[len(l)-1] != id {
			b.byTrigram[tid] = append(l, id)
		}
	}
	b.wordStem = append(b.wordStem, stem)
	b.wordTrigrams = append(b.wordTrigrams, tris)
	b.wordNames = append(b.wordNames, nil)
	b.wordEmployment = append(b.wordEmployment, 0)
	b.wordID[text] = id
	return id
}

// textWords are the words of s as both searches see them: runs of letters
// and digits, in lower case.
func textWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// stemOf is the English stem of a word (false: a stop word such as "of").
func stemOf(w string) (string, bool) {
	if english.IsStopWord(w) {
		return "", false
	}
	return english.Stem(w, false), true
}

// trigrams are the trigrams of one word in order, padded as pg_trgm pads
// it: two spaces before and one after ("  n", " nu", "nur", ..., "se ").
func trigrams(w string) []string {
	r := []rune("  " + w + " ")
	out := make([]string, 0, len(r)-2)
	for i := 0; i+3 <= len(r); i++ {
		out = append(out, string(r[i:i+3]))
	}
	return out
}

// hit is a name a search matched: tier 3 the name is the query (case and
// punctuation aside), 2 the O*NET title, a guide's name or a reported
// title holds every word of the query, 1 an alternate title does, 0 a
// close spelling; closeness is how much of the name the query covers, or
// how close its spelling is.
type hit struct {
	name      int32
	tier      int
	closeness float64
}

// Search are the positions in the catalog of the occupations whose names
// match q, best first, at most limit. Within a tier a name scores its
// closeness plus a little for its kind: the O*NET title, then a guide's
// name, a reported title, and an alternate title by how many of O*NET's
// sources list it. An occupation counts by its best name. Occupations of
// one SOC code that match in the same tier stay together, the general one
// (.00) first; equal matches go by employment, the larger first.
func (ix *Index) Search(q string, limit int) []int32 {
	q = strings.Join(strings.Fields(q), " ")
	qRunes := float64(utf8.RuneCountInString(q))
	if qRunes == 0 {
		return nil
	}
	qWords := textWords(q)
	var hits []hit
	seen := map[int32]bool{}
	add := func(id int32, tier int, closeness float64) {
		if !seen[id] {
			seen[id] = true
			hits = append(hits, hit{id, tier, closeness})
		}
	}
	named := ix.named(qWords)
	found := ix.withWords(qWords)
	if len(qWords) > 1 { // the words run together: "dev ops" as "devops"
		found = union(found, ix.withWords([]string{strings.Join(qWords, "")}))
	}
	words, wRunes := qWords, qRunes
	if len(named) == 0 && len(found) == 0 {
		// A word no name holds, one letter off one they do ("nurce"):
		// the search of the word meant, ranked as if it had been typed,
		// ahead of the looser spellings found by trigrams.
		if fixed := ix.fixSpelling(qWords); fixed != nil {
			words, wRunes = fixed, float64(utf8.RuneCountInString(strings.Join(fixed, " ")))
			named, found = ix.named(fixed), ix.withWords(fixed)
		}
	}
	for _, id := range named {
		tier := 3
		if n := ix.names[id]; n.kind == career.NameAlt && n.sources <= 1 && len(words) == 1 {
			// One word that one source alone gives as a whole
			// alternate title (Secretaries are "Police" to one) is
			// no better than the word in a title.
			tier = 1
		}
		add(id, tier, wRunes/max(float64(ix.names[id].runes), wRunes))
	}
	for _, id := range found {
		tier := 1
		if ix.names[id].kind < career.NameAlt {
			tier = 2
		}
		add(id, tier, wRunes/max(float64(ix.names[id].runes), wRunes))
	}
	if len(found) < manyWords {
		for _, s := range ix.spelled(q) {
			add(s.name, 0, s.closeness)
		}
	}
	return ix.rank(hits, limit)
}

// named are the names whose words are ws, in order: the names that are
// the query, case and punctuation aside ("full stack developer" is
// "Full-Stack Developer").
func (ix *Index) named(ws []string) []int32 {
	ids := make([]int32, len(ws))
	for i, w := range ws {
		id, ok := ix.wordID[w]
		if !ok {
			return nil
		}
		ids[i] = id
	}
	if len(ids) == 0 {
		return nil
	}
	var out []int32
	for _, id := range ix.wordNames.at(ids[0]) {
		if slices.Equal(ix.nameWords.at(id), ids) {
			out = append(out, id)
		}
	}
	return out
}

// withWords are the names holding the stem of every word of ws but the
// stop words, in order; none when every word is one.
func (ix *Index) withWords(ws []string) []int32 {
	var lists [][]int32
	for _, w := range ws {
		stem, ok := stemOf(w)
		if !ok {
			continue
		}
		id, ok := ix.stemID[stem]
		if !ok {
			return nil
		}
		lists = append(lists, ix.byStem.at(id))
	}
	if len(lists) == 0 {
		return nil
	}
	slices.SortFunc(lists, func(a, b []int32) int { return cmp.Compare(len(a), len(b)) })
	out := slices.Clone(lists[0])
	for _, l := range lists[1:] {
		out = slices.DeleteFunc(out, func(id int32) bool { _, ok := slices.BinarySearch(l, id); return !ok })
	}
	return out
}

// union of two ordered lists of names, ordered.
func union(a, b []int32) []int32 {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// scratch is what one search marks as it goes, kept for the next: a mark
// per name, word and trigram, each valid while it equals gen, and one per
// trigram for the stretch of a name being measured, valid while it equals
// stretch.
type scratch struct {
	gen, stretch                   uint32
	name, word, trigram, inStretch []uint32
	shared                         []uint16 // per word marked in word
	candidates, seq                []int32
}

// newScratch is a scratch for the index's names, words and trigrams.
func (ix *Index) newScratch() *scratch {
	words, trigrams := len(ix.wordStem), len(ix.trigramNames)
	return &scratch{name: make([]uint32, len(ix.names)), word: make([]uint32, words), shared: make([]uint16, words), trigram: make([]uint32, trigrams), inStretch: make([]uint32, trigrams)}
}

// next starts a new search's marking.
func (s *scratch) next() uint32 {
	if s.gen++; s.gen == 0 { // wrapped: clear the old marks
		clear(s.name)
		clear(s.word)
		clear(s.trigram)
		s.gen = 1
	}
	return s.gen
}

// nextStretch starts a new stretch's marking.
func (s *scratch) nextStretch() uint32 {
	if s.stretch++; s.stretch == 0 {
		clear(s.inStretch)
		s.stretch = 1
	}
	return s.stretch
}

// spelled are the names whose spelling is close to q: trigram word
// similarity Similar or more, each with its closeness (0.8 of the
// similarity and 0.2 of the ratio of the two lengths).
func (ix *Index) spelled(q string) []hit {
	all := map[string]bool{} // q's distinct trigrams
	for _, w := range textWords(q) {
		for _, t := range trigrams(w) {
			all[t] = true
		}
	}
	var known []int32 // those some name holds
	for t := range all {
		if id, ok := ix.trigramID[t]; ok {
			known = append(known, id)
		}
	}
	qTrigrams := len(all)
	// A name shares at least need of q's trigrams to be Similar, so it
	// holds one of the len(known)-need+1 rarest of them: only their names
	// are looked at.
	need := int(math.Ceil(Similar*float64(qTrigrams) - 1e-9))
	if len(known) < need || need == 0 {
		return nil
	}
	s := ix.scratch.Get().(*scratch)
	defer ix.scratch.Put(s)
	mark := s.next()
	for _, t := range known {
		s.trigram[t] = mark
	}
	// How many of q's trigrams each word holds.
	for _, t := range known {
		for _, w := range ix.byTrigram.at(t) {
			if s.word[w] != mark {
				s.word[w], s.shared[w] = mark, 0
			}
			s.shared[w]++
		}
	}
	slices.SortFunc(known, func(a, b int32) int { return cmp.Compare(ix.trigramNames[a], ix.trigramNames[b]) })
	s.candidates = s.candidates[:0]
	for _, t := range known[:len(known)-need+1] {
		for _, w := range ix.byTrigram.at(t) {
			for _, id := range ix.wordNames.at(w) {
				if s.name[id] == mark {
					continue
				}
				s.name[id] = mark
				// At most the trigrams its words share (a trigram two
				// of them hold counts twice): too few, and it is not
				// close.
				upper := 0
				for _, nw := range ix.nameWords.at(id) {
					if s.word[nw] == mark {
						upper += int(s.shared[nw])
					}
				}
				if upper >= need {
					s.candidates = append(s.candidates, id)
				}
			}
		}
	}
	qRunes := float64(utf8.RuneCountInString(q))
	var out []hit
	for _, id := range s.candidates {
		s.seq = s.seq[:0]
		for _, w := range ix.nameWords.at(id) {
			s.seq = append(s.seq, ix.wordTrigrams.at(w)...)
		}
		sim := s.wordSimilarity(mark, qTrigrams, need)
		if sim < Similar {
			continue
		}
		tRunes := float64(ix.names[id].runes)
		out = append(out, hit{id, 0, 0.8*sim + 0.2*min(qRunes, tRunes)/max(qRunes, tRunes)})
	}
	return out
}

// wordSimilarity is pg_trgm's word similarity of a query to a name (its
// trigrams in order, s.seq): the greatest, over the stretches of the
// name's trigrams that start and end on one of the query's (marked with
// mark in s.trigram), of shared / (query's + stretch's - shared),
// counting distinct trigrams. The query has qTrigrams; a name sharing
// fewer than need of them is not that similar, and scores 0.
func (s *scratch) wordSimilarity(mark uint32, qTrigrams, need int) float64 {
	shared := 0
	inName := s.nextStretch()
	for _, t := range s.seq {
		if s.trigram[t] == mark && s.inStretch[t] != inName {
			s.inStretch[t] = inName
			shared++
		}
	}
	if shared < need {
		return 0
	}
	best := 0.0
	for lo, first := range s.seq {
		if s.trigram[first] != mark {
			continue // a stretch starting elsewhere is no closer
		}
		in := s.nextStretch()
		distinct, shared := 0, 0
		for _, t := range s.seq[lo:] {
			if s.inStretch[t] != in {
				s.inStretch[t] = in
				distinct++
				if s.trigram[t] == mark {
					shared++
				}
			}
			if s.trigram[t] == mark {
				best = max(best, float64(shared)/float64(qTrigrams+distinct-shared))
			}
		}
	}
	return best
}

// rank orders the hits as Search says, as positions in the catalog.
func (ix *Index) rank(hits []hit, limit int) []int32 {
	score := func(h hit) float64 {
		n := ix.names[h.name]
		if n.kind < career.NameAlt {
			return h.closeness + 0.1 - 0.01*float64(n.kind)
		}
		return h.closeness + 0.01*float64(min(n.sources, 5))
	}
	// An occupation's best name: the highest tier, then score.
	type occHit struct {
		occ        int32
		tier       int
		closeness  float64
		score      float64
		employment float64
	}
	best := map[int32]occHit{}
	anyWords := false
	for _, h := range hits {
		n := ix.names[h.name]
		o := occHit{n.occ, h.tier, h.closeness, score(h), n.employment}
		if b, ok := best[n.occ]; !ok || o.tier > b.tier || (o.tier == b.tier && o.score > b.score) {
			best[n.occ] = o
		}
		anyWords = anyWords || h.tier > 0
	}
	// When some name matches by words, a close spelling stays only when
	// close indeed ("software engineer" does not list Firefighters for
	// "Fire Engineer").
	list := make([]occHit, 0, len(best))
	for _, o := range best {
		if o.tier > 0 || o.closeness >= 0.6 || !anyWords {
			list = append(list, o)
		}
	}
	type group struct {
		soc  string
		tier int
	}
	socScore, socEmployment := map[group]float64{}, map[group]float64{}
	code := func(o occHit) string { return ix.cat.Occupations[o.occ].Code }
	for _, o := range list {
		g := group{code(o)[:7], o.tier}
		socScore[g] = max(socScore[g], o.score)
		socEmployment[g] = max(socEmployment[g], o.employment)
	}
	slices.SortFunc(list, func(a, b occHit) int {
		ca, cb := code(a), code(b)
		ga, gb := group{ca[:7], a.tier}, group{cb[:7], b.tier}
		return cmp.Or(
			cmp.Compare(b.tier, a.tier),
			cmp.Compare(math.Round(socScore[gb]*100), math.Round(socScore[ga]*100)),
			cmp.Compare(socEmployment[gb], socEmployment[ga]),
			strings.Compare(ga.soc, gb.soc),
			cmp.Compare(general(cb), general(ca)),
			cmp.Compare(b.score, a.score),
			strings.Compare(ca, cb))
	})
	out := make([]int32, 0, min(limit, len(list)))
	for _, o := range list[:min(limit, len(list))] {
		out = append(out, o.occ)
	}
	return out
}

// general is 1 for the general occupation of its SOC code (.00), else 0.
func general(code string) int {
	if strings.HasSuffix(code, ".00") {
		return 1
	}
	return 0
}
