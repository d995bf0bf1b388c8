package quiz

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// ONetAlpha10 is Cronbach's α of each RIASEC scale of the O*NET Interest
// Profiler Short Form, 10 statements a scale (Rounds, Su, Lewis & Rivkin,
// 2010), in RIASEC order. careerguide's scales are taken to be as
// consistent, statement for statement, until its own figures say more.
func ONetAlpha10() [6]float64 { return [6]float64{.78, .82, .78, .78, .87, .83} }

// ONetItems is the number of statements per scale ONetAlpha10 is for.
const ONetItems = 10

// ItemSD is the spread, in answer steps, of the answers to one statement
// across people that the noise figures assume: careerguide's assumption
// for a five-point agree scale (about 1.1 steps), until its own results
// say more. On the 1-7 scale a step is 1.5 points.
const ItemSD = 1.1

// step is one answer step on the 1-7 profile scale.
const step = 6.0 / (MaxAnswer - MinAnswer)

// ItemReliability is the reliability of one statement implied by a scale
// of k statements with Cronbach's α alpha (Spearman-Brown solved for one
// statement): α / (k − (k−1)·α).
func ItemReliability(alpha float64, k int) float64 {
	kf := float64(k)
	return alpha / (kf - (kf-1)*alpha)
}

// SpearmanBrown is the reliability of a scale of k statements each of
// reliability rho: k·ρ / (1 + (k−1)·ρ). 0 for k < 1.
func SpearmanBrown(rho float64, k int) float64 {
	if k < 1 {
		return 0
	}
	kf := float64(k)
	return kf * rho / (1 + (kf-1)*rho)
}

// Reliability is the reliability of one statement of each scale, RIASEC
// order; SD is the spread of one answer in steps (ItemSD unless measured).
type Reliability struct {
	Item [6]float64
	SD   float64
	// Live: the figures come from careerguide's own results.
	Live bool
	// People is how many people the live figures rest on (0: O*NET's).
	People int64
}

// ONetReliability is each scale's statement reliability projected from
// ONetAlpha10.
func ONetReliability() Reliability {
	var r Reliability
	for t, a := range ONetAlpha10() {
		r.Item[t] = ItemReliability(a, ONetItems)
	}
	r.SD = ItemSD
	return r
}

// Expected is the α Spearman-Brown expects of a scale of type t with k
// statements, from O*NET's published figure for 10.
func Expected(t, k int) float64 {
	return SpearmanBrown(ItemReliability(ONetAlpha10()[t], ONetItems), k)
}

// TypeCounts is how many of items measure each type.
func TypeCounts(items []Item) [6]int {
	var n [6]int
	for _, it := range items {
		if it.Type >= 0 && it.Type < 6 {
			n[it.Type]++
		}
	}
	return n
}

// Noise is the standard error of each of the six scores, on the 1-7
// scale, for a test with counts statements per type: an answer's error
// has variance SD²·(1 − ρ) (classical test theory), the mean of k answers
// a k-th of it, and one step is 1.5 points:
//
//	SE = 1.5 · SD · √((1 − ρ) / k)
//
// A type with no statement gets +Inf (it is not measured at all).
func (rel Reliability) Noise(counts [6]int) [6]float64 {
	var se [6]float64
	for t, k := range counts {
		if k == 0 {
			se[t] = math.Inf(1)
			continue
		}
		se[t] = step * rel.SD * math.Sqrt((1-rel.Item[t])/float64(k))
	}
	return se
}

// ScaleReliability is the reliability of each score for a test with
// counts statements per type (Spearman-Brown from one statement's).
func (rel Reliability) ScaleReliability(counts [6]int) [6]float64 {
	var r [6]float64
	for t, k := range counts {
		r[t] = SpearmanBrown(rel.Item[t], k)
	}
	return r
}

// Guard says why a result's answers cannot separate interests; GuardNone
// when they can.
type Guard int

const (
	GuardNone     Guard = iota
	GuardSame           // every answer the same
	GuardAgree          // OneSided or more of the answers agree
	GuardDisagree       // OneSided or more of the answers disagree
	GuardNoise          // the highest score is within the noise of the lowest
)

// OneSided is the share of answers on one side of Neutral from which a
// result is guarded: answers that (nearly) all agree or all disagree say
// how a person answers, not which work they prefer.
const OneSided = 0.85

// NoiseZ is how many standard errors of their difference the highest and
// the lowest score must lie apart (two-sided 95 %).
const NoiseZ = 1.96

// Verdict is the guard's answer for one result.
type Verdict struct {
	Guard     Guard
	Spread    float64 // highest score minus lowest, 1-7 scale
	Threshold float64 // the spread needed, from the noise of those two scores
	Agree     int     // answers above Neutral
	Disagree  int     // answers below Neutral
}

// Guarded reports whether the result must show no ranking, figure or code.
func (v Verdict) Guarded() bool { return v.Guard != GuardNone }

// Check decides whether answers to items separate interests:
//
//   - every answer the same: GuardSame;
//   - at least OneSided of the answers above Neutral: GuardAgree; below:
//     GuardDisagree;
//   - the highest score minus the lowest no more than NoiseZ standard
//     errors of their difference, √(SE_hi² + SE_lo²) with SE from
//     rel.Noise: GuardNoise (two people with equal interests would differ
//     this much in 1 retake of 20).
//
// It returns an error in the same cases as Score.
func Check(items []Item, answers []int, rel Reliability) (Verdict, Profile, error) {
	p, err := Score(items, answers)
	if err != nil {
		return Verdict{}, p, err
	}
	var v Verdict
	same := true
	for _, a := range answers {
		switch {
		case a > neutralAnswer:
			v.Agree++
		case a < neutralAnswer:
			v.Disagree++
		}
		same = same && a == answers[0]
	}
	noise := rel.Noise(TypeCounts(items))
	hi, lo := 0, 0
	for t := range p {
		if noise[t] == math.Inf(1) {
			continue
		}
		if p[t] > p[hi] || noise[hi] == math.Inf(1) {
			hi = t
		}
		if p[t] < p[lo] || noise[lo] == math.Inf(1) {
			lo = t
		}
	}
	v.Spread = p[hi] - p[lo]
	v.Threshold = NoiseZ * math.Hypot(noise[hi], noise[lo])
	n := float64(len(answers))
	switch {
	case len(answers) == 0 || same:
		v.Guard = GuardSame
	case float64(v.Agree) >= OneSided*n:
		v.Guard = GuardAgree
	case float64(v.Disagree) >= OneSided*n:
		v.Guard = GuardDisagree
	case !(v.Spread > v.Threshold):
		v.Guard = GuardNoise
	}
	return v, p, nil
}

// CodeGroup is one position of a Holland code: one letter, or several
// whose scores lie within their noise of each other (a tie).
type CodeGroup string

// TiedCode is the Holland code with ties made visible: the types from the
// highest score down, a type joining a group when its score is within one
// standard error of their difference, √(SE_a² + SE_b²), of the score of
// the group's first (highest) type, until the groups hold three letters or
// more. "S", "A", "E" is a clear code SAE; "S", "AE" says S first, then A
// and E that cannot be told apart. A tie is with the group's first type,
// not a chain of neighbours: scores 0.5 apart each, from 4.9 down to 2.8,
// are not one six-way tie.
func TiedCode(p Profile, noise [6]float64) []CodeGroup {
	order := []int{0, 1, 2, 3, 4, 5}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case higher(p[a], p[b]):
			return -1
		case higher(p[b], p[a]):
			return 1
		}
		return 0
	})
	var out []CodeGroup
	var cur strings.Builder
	letters, lead := 0, order[0]
	for i, t := range order {
		if i > 0 && p[lead]-p[t] > math.Hypot(noise[lead], noise[t]) {
			out = append(out, CodeGroup(cur.String()))
			cur.Reset()
			if letters >= 3 {
				return out
			}
			lead = t
		}
		cur.WriteByte(Letters[t])
		letters++
	}
	return append(out, CodeGroup(cur.String()))
}

// CodeText writes tied groups for reading: "S, then A = E".
func CodeText(groups []CodeGroup) string {
	parts := make([]string, len(groups))
	for i, g := range groups {
		parts[i] = strings.Join(strings.Split(string(g), ""), " = ")
	}
	return strings.Join(parts, ", then ")
}

// Retakes is how many simulated retakes Stability draws.
const Retakes = 2000

// Stability is the share of simulated retakes whose top type is one of
// top (the letters of a result's first code group). An observed score
// overstates how far a type stands from the others by its error, so each
// type's true score is first estimated by Kelley's formula, pulled toward
// the person's own mean score by the scale's reliability ρ_t (rho):
// T_t = mean + ρ_t·(p[t] − mean), uncertain by SE_t·√ρ_t; a retake adds
// its own error SE_t (noise), so each retake's score is T_t plus a normal
// error of standard deviation SE_t·√(1 + ρ_t). The draws come from a PCG
// generator seeded with seed, so one result always gets the same figure;
// no shared state.
func Stability(p Profile, noise, rho [6]float64, top CodeGroup, seed uint64) float64 {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	in := [6]bool{}
	for i := range len(top) {
		if t := strings.IndexByte(Letters, top[i]); t >= 0 {
			in[t] = true
		}
	}
	var sd, est [6]float64
	var types []int
	var mean float64
	for t := range p {
		if !math.IsInf(noise[t], 1) {
			types = append(types, t)
			mean += p[t]
		}
	}
	mean /= float64(max(1, len(types)))
	for _, t := range types {
		est[t] = mean + rho[t]*(p[t]-mean)
		sd[t] = noise[t] * math.Sqrt(1+rho[t])
	}
	same := 0
	for range Retakes {
		best, bestV := -1, math.Inf(-1)
		for _, t := range types {
			if v := est[t] + rng.NormFloat64()*sd[t]; v > bestV {
				best, bestV = t, v
			}
		}
		if best >= 0 && in[best] {
			same++
		}
	}
	return float64(same) / Retakes
}

// InTen is a share as "about N in 10", rounded to the nearest whole.
func InTen(share float64) int { return int(math.Round(share * 10)) }

// Seed is a seed for Stability made from the answers, so the same
// answers always give the same figure (FNV-1a over the answers).
func Seed(answers []int) uint64 {
	h := uint64(14695981039346656037)
	for _, a := range answers {
		h ^= uint64(a)
		h *= 1099511628211
	}
	return h
}

// Correlation is the Pearson correlation r of two profiles, the basis of
// Match; 0 when either is flat (undefined) or holds NaN.
func Correlation(person, career Profile) float64 {
	zp, ok1 := unit(person)
	zc, ok2 := unit(career)
	if !ok1 || !ok2 {
		return 0
	}
	var r float64
	for i := range zp {
		r += zp[i] * zc[i]
	}
	if math.IsNaN(r) {
		return 0
	}
	return max(-1, min(1, r))
}

// Fit is a band of the correlation between a person's profile and an
// occupation's.
type Fit int

const (
	NoFit Fit = iota
	GoodFit
	GreatFit
	BestFit
)

// The lowest r of each band: careerguide's convention, not a published
// standard. r ≤ 0 (no relation or opposite shapes) is never a fit.
const (
	BestFitR  = 0.80
	GreatFitR = 0.60
	GoodFitR  = 0.40
)

// FitOf is the band of r.
func FitOf(r float64) Fit {
	switch {
	case r >= BestFitR:
		return BestFit
	case r >= GreatFitR:
		return GreatFit
	case r >= GoodFitR && r > 0:
		return GoodFit
	}
	return NoFit
}

// String is the band's name: "Best fit", "Great fit", "Good fit" or
// "Not a fit".
func (f Fit) String() string {
	switch f {
	case BestFit:
		return "Best fit"
	case GreatFit:
		return "Great fit"
	case GoodFit:
		return "Good fit"
	}
	return "Not a fit"
}

// LayoutSums is one result's contribution to the live reliability of one
// layout of statements: MomentVector of its answers to them.
type LayoutSums struct {
	Layout string
	Sums   []int64
}

// Assessment is what a new result stores: its scores, the guard's
// verdict, its statements' layout and its contributions to live
// reliability.
type Assessment struct {
	Scores  Profile
	Verdict Verdict
	Layout  string
	// Alpha: the quick test's layout (its first quick answers) for every
	// result, and the whole layout when it is longer; none when guarded,
	// since answers that do not separate interests say little about how
	// the statements of a type hang together.
	Alpha []LayoutSums
}

// Assess scores answers to items (the first quick of which are the quick
// test) and decides what the result counts in. It returns an error in the
// same cases as Score.
func Assess(items []Item, answers []int, quick int, rel Reliability) (Assessment, error) {
	v, p, err := Check(items, answers, rel)
	if err != nil {
		return Assessment{}, err
	}
	a := Assessment{Scores: p, Verdict: v, Layout: Layout(items)}
	if v.Guarded() || len(answers) < quick {
		return a, nil
	}
	ns := []int{quick}
	if len(answers) > quick {
		ns = append(ns, len(answers))
	}
	for _, n := range ns {
		sums, err := MomentVector(items[:n], answers[:n])
		if err != nil {
			return Assessment{}, err
		}
		a.Alpha = append(a.Alpha, LayoutSums{Layout: Layout(items[:n]), Sums: sums})
	}
	return a, nil
}

// LiveReliability is each scale's statement reliability and the answers'
// spread measured from the results summed in m (see Alpha): used once m
// rests on at least minPeople and every scale's α is positive; ok false
// otherwise.
func LiveReliability(items []Item, m Moments, minPeople int64) (Reliability, bool) {
	if m.N < minPeople {
		return Reliability{}, false
	}
	rel := Reliability{Live: true, People: m.N}
	for t := range 6 {
		a, k, ok := Alpha(items, m, t)
		if !ok || !(a > 0) {
			return Reliability{}, false
		}
		rel.Item[t] = ItemReliability(a, k)
	}
	n := float64(m.N)
	var v float64
	for i := range items {
		s := float64(m.ItemSum[i])
		v += (float64(m.ItemSq[i]) - s*s/n) / n
	}
	rel.SD = math.Sqrt(v / float64(len(items)))
	return rel, rel.SD > 0
}
