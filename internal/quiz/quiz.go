// Package quiz scores the RIASEC career match test: it turns the answers to
// the test's statements into a RIASEC interest profile on O*NET's 1-7 scale,
// compares that profile with a career's O*NET interest profile, and explains
// and ranks the result. The package is pure computation: no I/O, no state.
package quiz

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sort"
)

// Letters names the six RIASEC types in canonical order:
// R=0 (Realistic), I=1 (Investigative), A=2 (Artistic), S=3 (Social),
// E=4 (Enterprising), C=5 (Conventional).
const Letters = "RIASEC"

// Profile is six interest scores in RIASEC order on O*NET's 1-7 scale.
type Profile [6]float64

// Item is one statement of the test: the RIASEC type it measures (index
// 0..5 into Letters) and whether agreeing counts against that type.
type Item struct {
	Type    int  // RIASEC type index, 0..5
	Reverse bool // reverse-keyed: an answer a counts as 6-a
}

// Answer values are 1 (strongly disagree) .. 5 (strongly agree); 3 is neutral.
const MinAnswer, MaxAnswer = 1, 5

// neutralAnswer is the middle of the answer scale.
const neutralAnswer = (MinAnswer + MaxAnswer) / 2

// midpoint is the middle of the 1-7 profile scale, the score of a type that
// no item measures.
const midpoint = 4.0

// Score turns answers (one per item, same order) into a Profile: for each
// type, the mean of its items' answers (reverse-keyed answers become 6-a),
// rescaled linearly from 1..5 to 1..7 (1->1, 3->4, 5->7). A type with no
// items scores 4 (the midpoint). It returns an error, and never panics, when
// len(answers) != len(items), an answer is outside 1..5, or an item's type is
// outside 0..5. Score does not allocate unless it returns an error.
func Score(items []Item, answers []int) (Profile, error) {
	var p Profile
	if len(answers) != len(items) {
		return p, fmt.Errorf("quiz: %d answers for %d items", len(answers), len(items))
	}
	var sums [6]int
	var counts [6]int
	for i, it := range items {
		if it.Type < 0 || it.Type >= len(p) {
			return p, fmt.Errorf("quiz: item %d has type %d, want 0..%d", i, it.Type, len(p)-1)
		}
		a := answers[i]
		if a < MinAnswer || a > MaxAnswer {
			return p, fmt.Errorf("quiz: answer %d is %d, want %d..%d", i, a, MinAnswer, MaxAnswer)
		}
		if it.Reverse {
			a = MinAnswer + MaxAnswer - a
		}
		sums[it.Type] += a
		counts[it.Type]++
	}
	for t := range p {
		if counts[t] == 0 {
			p[t] = midpoint
			continue
		}
		mean := float64(sums[t]) / float64(counts[t])
		p[t] = 1 + (mean-MinAnswer)*6/(MaxAnswer-MinAnswer)
	}
	return p, nil
}

// minStdDev is the population standard deviation below which a profile
// counts as flat, so that a correlation with it is undefined.
const minStdDev = 1e-9

// maxDistance is the largest Euclidean distance between two profiles on the
// 1-7 scale: every one of the six scores differs by 6.
var maxDistance = 6 * math.Sqrt(6)

// Match is how well a person's profile fits a career's O*NET profile, 0..100.
//
// Primary: the Pearson correlation r of the two six-score vectors, mapped to
// percent as (r+1)/2*100, so r=1 is 100, r=0 is 50 and r=-1 is 0.
//
// Fallback, when either vector has (near-)zero variance (population standard
// deviation < 1e-9) and the correlation is undefined: a distance-based match
// 100*(1 - d/dmax), where d is the Euclidean distance between the vectors and
// dmax = 6*sqrt(6) (the largest possible distance on the 1-7 scale). Two equal
// flat profiles therefore match 100.
//
// The result is clamped to [0,100] and is never NaN or Inf; profiles
// containing NaN or Inf match 0. Match does not allocate.
func Match(person, career Profile) float64 {
	const n = float64(len(person))
	var mx, my float64
	for i := range person {
		mx += person[i]
		my += career[i]
	}
	mx /= n
	my /= n
	var sxx, syy, sxy float64
	for i := range person {
		dx, dy := person[i]-mx, career[i]-my
		sxx += dx * dx
		syy += dy * dy
		sxy += dx * dy
	}
	var m float64
	if math.Sqrt(sxx/n) < minStdDev || math.Sqrt(syy/n) < minStdDev {
		var d2 float64
		for i := range person {
			d := person[i] - career[i]
			d2 += d * d
		}
		m = 100 * (1 - math.Sqrt(d2)/maxDistance)
	} else {
		r := sxy / (math.Sqrt(sxx) * math.Sqrt(syy))
		r = max(-1, min(1, r)) // rounding can push |r| a hair above 1
		m = (r + 1) / 2 * 100
	}
	if math.IsNaN(m) {
		return 0
	}
	return max(0, min(100, m))
}

// HollandCode is the three letters of the highest scores, highest first;
// ties are broken by RIASEC order. NaN scores rank below all others.
func HollandCode(p Profile) string {
	var used [6]bool
	var code [3]byte
	for k := range code {
		best := -1
		for t := range p {
			if used[t] {
				continue
			}
			if best < 0 || higher(p[t], p[best]) {
				best = t
			}
		}
		used[best] = true
		code[k] = Letters[best]
	}
	return string(code[:])
}

// higher reports whether score a ranks strictly above score b, with NaN
// ranking below every number.
func higher(a, b float64) bool {
	if math.IsNaN(a) {
		return false
	}
	return math.IsNaN(b) || a > b
}

// Contribution says how much one answer moved the match.
type Contribution struct {
	Index int     // index of the answer (and item)
	Delta float64 // in match percentage points: Match(actual) - Match(with this answer replaced by the neutral 3)
}

// Contributions returns one Contribution per answer, sorted by |Delta|
// descending; the sort is stable, so ties keep item order. A neutral answer
// (3) has Delta 0. It returns an error in the same cases as Score.
func Contributions(items []Item, answers []int, career Profile) ([]Contribution, error) {
	p, err := Score(items, answers)
	if err != nil {
		return nil, err
	}
	actual := Match(p, career)
	alt := slices.Clone(answers)
	out := make([]Contribution, len(answers))
	for i, a := range answers {
		out[i].Index = i
		if a == neutralAnswer {
			continue
		}
		alt[i] = neutralAnswer
		q, err := Score(items, alt)
		alt[i] = a
		if err != nil { // cannot happen: the inputs were validated above
			return nil, err
		}
		out[i].Delta = actual - Match(q, career)
	}
	slices.SortStableFunc(out, func(x, y Contribution) int {
		ax, ay := math.Abs(x.Delta), math.Abs(y.Delta)
		switch {
		case ax > ay:
			return -1
		case ax < ay:
			return 1
		}
		return 0
	})
	return out, nil
}

// Evaluation is everything a result says about a person and one career.
type Evaluation struct {
	Scores        Profile        // the person's profile
	Match         float64        // 0..100, see Match
	Holland       string         // the person's Holland code, see HollandCode
	Contributions []Contribution // how each answer moved the match, see Contributions
}

// Evaluate scores answers and matches them with a career's profile. It
// returns an error in the same cases as Score.
func Evaluate(items []Item, answers []int, career Profile) (Evaluation, error) {
	p, err := Score(items, answers)
	if err != nil {
		return Evaluation{}, err
	}
	contribs, err := Contributions(items, answers, career)
	if err != nil {
		return Evaluation{}, err
	}
	return Evaluation{Scores: p, Match: Match(p, career), Holland: HollandCode(p), Contributions: contribs}, nil
}

// Band is a fit band in words for a match percentage:
// >= 80 "Strong fit", >= 65 "Good fit", >= 50 "Partial fit", else "Weak fit".
func Band(match float64) string {
	switch {
	case match >= 80:
		return "Strong fit"
	case match >= 65:
		return "Good fit"
	case match >= 50:
		return "Partial fit"
	}
	return "Weak fit"
}

// BucketWidth is the width, in match percentage points, of one histogram
// bucket of earlier results.
const BucketWidth = 5

// Buckets is the number of histogram buckets: 0-5, 5-10, ..., 95-100.
const Buckets = 20

// Bucket returns the histogram bucket, 0..Buckets-1, of a match percentage:
// bucket i covers [i*BucketWidth, (i+1)*BucketWidth), and the last bucket
// also includes 100. Values below 0 (and NaN) fall in bucket 0, values above
// 100 in the last bucket.
func Bucket(match float64) int {
	if !(match > 0) { // also NaN
		return 0
	}
	if match >= Buckets*BucketWidth {
		return Buckets - 1
	}
	return min(Buckets-1, int(match/BucketWidth))
}

// maxCount caps each histogram count so that sums over all buckets, doubled,
// fit in a uint64. Real histograms are many orders of magnitude smaller.
const maxCount = 1 << 58

// Percentile returns the share (0..100, rounded down to an integer) of
// earlier results whose match is strictly lower than match, given a
// histogram of earlier results in buckets as described at Bucket. Results in
// the same bucket as match count as half (the mid-rank convention), since
// the histogram cannot tell whether they are lower or higher. It returns 0
// when the histogram is empty. Negative counts are treated as 0. The
// computation is exact integer arithmetic.
func Percentile(hist [Buckets]int64, match float64) int {
	b := Bucket(match)
	var below, same, total uint64
	for i, c := range hist {
		n := uint64(max(0, min(maxCount, c)))
		total += n
		switch {
		case i < b:
			below += n
		case i == b:
			same = n
		}
	}
	if total == 0 {
		return 0
	}
	// floor(100 * (below + same/2) / total) = floor(100*(2*below+same) / (2*total)).
	hi, lo := bits.Mul64(2*below+same, 100)
	q, _ := bits.Div64(hi, lo, 2*total) // hi < 2*total because the quotient is at most 100
	return int(q)
}

// Ranked is one career's match with a person.
type Ranked struct {
	Index int     // position in the list given to Rank
	Match float64 // 0..100
}

// Rank matches a person against every career profile, best first; ties
// keep the given order.
func Rank(person Profile, careers []Profile) []Ranked {
	out := make([]Ranked, len(careers))
	for i, c := range careers {
		out[i] = Ranked{Index: i, Match: Match(person, c)}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Match > out[j].Match })
	return out
}

// FlatSpread is the spread (highest score minus lowest, on the 1-7 scale)
// below which a profile does not separate the person's interests: with two
// or three statements per type, a difference smaller than 1.5 points is one
// answer moved by a step or two, too little to rank careers on.
const FlatSpread = 1.5

// Spread is the highest score minus the lowest.
func Spread(p Profile) float64 {
	lo, hi := p[0], p[0]
	for _, v := range p[1:] {
		lo, hi = min(lo, v), max(hi, v)
	}
	return hi - lo
}

// Flat reports whether a profile's spread is below FlatSpread, so that it
// does not separate interests well enough for a ranking or a Holland code.
// A profile holding NaN counts as flat.
func Flat(p Profile) bool {
	s := Spread(p)
	return !(s >= FlatSpread)
}

// Layout names the statements' scales in order, one letter each, lower
// case for a reverse-keyed statement ("IIcRAS…"). Running sums are kept
// per layout, so sums of one set of statements never mix with another's.
func Layout(items []Item) string {
	b := make([]byte, len(items))
	for i, it := range items {
		c := byte('?')
		if it.Type >= 0 && it.Type < len(Letters) {
			c = Letters[it.Type]
		}
		if it.Reverse {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b)
}

// Moments are running sums over results, enough to give each scale's
// Cronbach's alpha without reading the results again. Answers count as
// scored: a reverse-keyed answer a counts as 6-a; a scale's total is the
// sum of its statements' scored answers.
type Moments struct {
	N        int64    // results
	ItemSum  []int64  // Σx per statement
	ItemSq   []int64  // Σx² per statement
	ScaleSum [6]int64 // Σ of each scale's total
	ScaleSq  [6]int64 // Σ of each scale's total squared
}

// MomentLen is the length of the vector MomentVector returns for k
// statements: k sums, k sums of squares, 6 totals, 6 squared totals.
func MomentLen(k int) int { return 2*k + 12 }

// MomentVector is one result's contribution to Moments as one flat vector,
// the layout stored: x_1..x_k, x_1²..x_k², T_R..T_C, T_R²..T_C², where x
// is a scored answer and T a scale's total. It returns an error in the
// same cases as Score.
func MomentVector(items []Item, answers []int) ([]int64, error) {
	if len(answers) != len(items) {
		return nil, fmt.Errorf("quiz: %d answers for %d items", len(answers), len(items))
	}
	k := len(items)
	v := make([]int64, MomentLen(k))
	for i, it := range items {
		if it.Type < 0 || it.Type >= 6 {
			return nil, fmt.Errorf("quiz: item %d has type %d, want 0..5", i, it.Type)
		}
		a := answers[i]
		if a < MinAnswer || a > MaxAnswer {
			return nil, fmt.Errorf("quiz: answer %d is %d, want %d..%d", i, a, MinAnswer, MaxAnswer)
		}
		if it.Reverse {
			a = MinAnswer + MaxAnswer - a
		}
		v[i] = int64(a)
		v[k+i] = int64(a * a)
		v[2*k+it.Type] += int64(a)
	}
	for t := range 6 {
		v[2*k+6+t] = v[2*k+t] * v[2*k+t]
	}
	return v, nil
}

// MomentsFrom reads n results' summed vectors (see MomentVector) for k
// statements; it returns an error when the vector's length does not fit.
func MomentsFrom(n int64, v []int64, k int) (Moments, error) {
	if len(v) != MomentLen(k) {
		return Moments{}, fmt.Errorf("quiz: moment vector of %d values for %d items, want %d", len(v), k, MomentLen(k))
	}
	m := Moments{N: n, ItemSum: v[:k:k], ItemSq: v[k : 2*k : 2*k]}
	copy(m.ScaleSum[:], v[2*k:2*k+6])
	copy(m.ScaleSq[:], v[2*k+6:])
	return m, nil
}

// Alpha is Cronbach's alpha of scale t (0..5) over the results summed in m:
//
//	α = k/(k−1) · (1 − Σ var(x_i) / var(T))
//
// where k is the number of the scale's statements, x_i their scored
// answers and T the scale's total. Each variance is n·Σx² − (Σx)² (n² times
// the population variance; the factor cancels in the ratio). ok is false
// when the scale has fewer than 2 statements, there are fewer than 2
// results, or the total does not vary (α is undefined). α may be negative:
// statements that disagree with each other more than chance.
func Alpha(items []Item, m Moments, t int) (alpha float64, k int, ok bool) {
	if len(m.ItemSum) != len(items) || len(m.ItemSq) != len(items) || t < 0 || t >= 6 {
		return 0, 0, false
	}
	n := float64(m.N)
	var itemVar float64
	for i, it := range items {
		if it.Type != t {
			continue
		}
		k++
		s := float64(m.ItemSum[i])
		itemVar += n*float64(m.ItemSq[i]) - s*s
	}
	s := float64(m.ScaleSum[t])
	totalVar := n*float64(m.ScaleSq[t]) - s*s
	if k < 2 || m.N < 2 || !(totalVar > 0) {
		return 0, k, false
	}
	kf := float64(k)
	return kf / (kf - 1) * (1 - itemVar/totalVar), k, true
}

// Nearest finds the best match of a profile among many profiles without
// calling Match on each: every profile is centered and scaled to unit
// length once, so that a correlation is six multiplications.
type Nearest struct {
	ps []Profile
	z  [][6]float64 // centered, unit length; unused for a flat profile
	ok []bool       // false: flat (Match falls back to distance)
}

// NewNearest prepares profiles for Best.
func NewNearest(profiles []Profile) *Nearest {
	n := &Nearest{ps: profiles, z: make([][6]float64, len(profiles)), ok: make([]bool, len(profiles))}
	for i, p := range profiles {
		n.z[i], n.ok[i] = unit(p)
	}
	return n
}

// unit is p centered on its mean and divided by its length; ok is false
// when p's population standard deviation is below minStdDev, as Match
// treats it, or p holds NaN or Inf.
func unit(p Profile) (z [6]float64, ok bool) {
	var mean float64
	for _, v := range p {
		mean += v / float64(len(p))
	}
	var ss float64
	for i, v := range p {
		z[i] = v - mean
		ss += z[i] * z[i]
	}
	if !(math.Sqrt(ss/float64(len(p))) >= minStdDev) || math.IsInf(ss, 0) {
		return z, false
	}
	norm := math.Sqrt(ss)
	for i := range z {
		z[i] /= norm
	}
	return z, true
}

// Best is the index of the profile that matches p best (see Match) and
// that match; -1 and 0 when there are no profiles. Of profiles whose
// matches differ only by rounding, it may pick either; the match returned
// is Match's own.
func (n *Nearest) Best(p Profile) (int, float64) {
	zp, pok := unit(p)
	best, bestR := -1, math.Inf(-1)
	for i := range n.ps {
		var r float64
		if pok && n.ok[i] {
			z := &n.z[i]
			r = zp[0]*z[0] + zp[1]*z[1] + zp[2]*z[2] + zp[3]*z[3] + zp[4]*z[4] + zp[5]*z[5]
		} else {
			r = Match(p, n.ps[i])/50 - 1 // the same order as r on Match's scale
		}
		if r > bestR {
			best, bestR = i, r
		}
	}
	if best < 0 {
		return -1, 0
	}
	return best, Match(p, n.ps[best])
}

// Group is a set of profiles that are exactly equal, so they match any
// person equally and are never ranked among themselves.
type Group struct {
	Indices []int   // positions in the list given to RankGroups, in list order
	Match   float64 // 0..100, the same for every member
}

// RankGroups matches a person against every profile, puts exactly equal
// profiles into one Group, and orders the groups best first; ties keep the
// order of each group's first member.
func RankGroups(person Profile, profiles []Profile) []Group {
	var out []Group
	at := make(map[Profile]int, len(profiles))
	for i, p := range profiles {
		if g, ok := at[p]; ok {
			out[g].Indices = append(out[g].Indices, i)
			continue
		}
		at[p] = len(out)
		out = append(out, Group{Indices: []int{i}, Match: Match(person, p)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Match > out[j].Match })
	return out
}
