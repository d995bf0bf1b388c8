package finder

import "unicode/utf8"

// One letter off: a word of a search that no name holds is read as the
// word of the names it is one edit from (a letter wrong, missing, extra,
// or two side by side swapped: "nurce", "programer", "plummer"). Trigram
// similarity misses these in short words, where one letter changes most
// of the trigrams.
//
// oneOff finds them as the symmetric-delete method does: every known word
// of minFixRunes-1 letters or more is listed under the hash of itself and
// of each spelling with one of its letters left out; a search's word
// looks up the same for itself, and every word found that way is checked
// to be one edit away. The lists hold word ids and the keys are 64-bit
// hashes, so the garbage collector has no pointers to follow.
type oneOff struct {
	key   map[uint64]int32 // hash -> list in words
	words lists
}

// minFixRunes is the shortest word a search reads as another: in shorter
// ones one letter is too much of the word ("rn" is not "re").
const minFixRunes = 4

// newOneOff lists the words of ix (its wordText, by id).
func newOneOff(words []string) oneOff {
	o := oneOff{key: map[uint64]int32{}}
	var ls [][]int32
	for id, w := range words {
		r := []rune(w)
		if len(r) < minFixRunes-1 {
			continue
		}
		for _, h := range deletes(r) {
			l, ok := o.key[h]
			if !ok {
				l = int32(len(ls))
				o.key[h] = l
				ls = append(ls, nil)
			}
			if n := len(ls[l]); n == 0 || ls[l][n-1] != int32(id) {
				ls[l] = append(ls[l], int32(id))
			}
		}
	}
	o.words = flatten(ls)
	return o
}

// deletes are the hashes of w and of w with each one of its letters left
// out.
func deletes(w []rune) []uint64 {
	out := []uint64{hashRunes(w, -1)}
	for i := range w {
		if i > 0 && w[i] == w[i-1] {
			continue // the same spelling as leaving out the letter before
		}
		out = append(out, hashRunes(w, i))
	}
	return out
}

// hashRunes is the FNV-1a hash of w's UTF-8 bytes without its letter at
// skip (-1: none).
func hashRunes(w []rune, skip int) uint64 {
	h := uint64(14695981039346656037)
	var b [utf8.UTFMax]byte
	for i, r := range w {
		if i == skip {
			continue
		}
		for _, c := range b[:utf8.EncodeRune(b[:], r)] {
			h ^= uint64(c)
			h *= 1099511628211
		}
	}
	return h
}

// fix is the known word one edit from w that people most likely meant
// (false: none, or w too short): the one in the name (an O*NET title, a
// guide's name or a reported title) of the occupation employing the most
// people, then the one the most names hold. "lawer" is "lawyer" (Lawyers)
// rather than "layer", which only alternate titles hold. w itself is
// taken to be unknown.
func (ix *Index) fix(w string) (string, bool) {
	r := []rune(w)
	if len(r) < minFixRunes {
		return "", false
	}
	best, bestEmp, bestNames := int32(-1), -1.0, 0
	for _, h := range deletes(r) {
		l, ok := ix.oneOff.key[h]
		if !ok {
			continue
		}
		for _, id := range ix.oneOff.words.at(l) {
			if id == best || !oneEdit(r, []rune(ix.wordText[id])) {
				continue
			}
			names, emp := ix.wordNames.at(id), ix.wordEmployment[id]
			if emp > bestEmp || emp == bestEmp && (len(names) > bestNames || len(names) == bestNames && id < best) {
				best, bestEmp, bestNames = id, emp, len(names)
			}
		}
	}
	if best < 0 {
		return "", false
	}
	return ix.wordText[best], true
}

// oneEdit reports whether a and b are one edit apart: one letter
// replaced, added or left out, or two letters side by side swapped.
func oneEdit(a, b []rune) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 0:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		if i == len(a) {
			return false // the same word
		}
		if string(a[i+1:]) == string(b[i+1:]) {
			return true // one letter replaced
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && string(a[i+2:]) == string(b[i+2:])
	case 1:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return string(a[i:]) == string(b[i+1:])
	}
	return false
}

// fixSpelling is ws with each word that no name holds read as the word
// one edit from it (fix); nil when a word can be read as none, or every
// word is known.
func (ix *Index) fixSpelling(ws []string) []string {
	out := make([]string, len(ws))
	fixed := false
	for i, w := range ws {
		out[i] = w
		stem, ok := stemOf(w)
		if !ok {
			continue
		}
		if _, known := ix.stemID[stem]; known {
			continue
		}
		f, ok := ix.fix(w)
		if !ok {
			return nil
		}
		out[i], fixed = f, true
	}
	if !fixed {
		return nil
	}
	return out
}
