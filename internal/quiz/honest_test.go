package quiz

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// matchItems is the test's layout: the quick 15 (R, I, A, S, E, C, then
// R, I, A, S, E, C, then R, A, E: R, A and E three statements, the others
// two) and then three rounds, 10 statements a type in all, as the content.
func matchItems(n int) []Item {
	layout := "RIASECRIASECRAE" + "RIASECRIASECISC" + "RIASECRIASECRAE" + "RIASECRIASECISC"
	items, _ := ItemsFromLayout(layout[:n])
	return items
}

// answersFor answers every statement of type t with byType[t].
func answersFor(items []Item, byType [6]int) []int {
	a := make([]int, len(items))
	for i, it := range items {
		a[i] = byType[it.Type]
	}
	return a
}

func TestLayoutHasTenStatementsAType(t *testing.T) {
	if n := TypeCounts(matchItems(60)); n != [6]int{10, 10, 10, 10, 10, 10} {
		t.Fatalf("60 statements per type: %v", n)
	}
	if n := TypeCounts(matchItems(15)); n != [6]int{3, 2, 3, 2, 3, 2} {
		t.Fatalf("15 statements per type: %v", n)
	}
}

// The guard cases, each computed by hand.
func TestGuardHandComputed(t *testing.T) {
	items := matchItems(15)
	rel := ONetReliability()
	same := func(a int) []int { return answersFor(items, [6]int{a, a, a, a, a, a}) }
	// 13 of 15 agree (86.7 % >= 85 %): guarded; 12 of 15 (80 %) is not.
	agree13 := same(4)
	agree13[0], agree13[1] = 3, 3
	agree12 := same(5)
	agree12[0], agree12[1], agree12[2] = 1, 1, 1 // R, I, A statements: a spread too
	disagree13 := same(2)
	disagree13[14], disagree13[13] = 3, 3
	// Two mild Agree answers on R statements, the rest Neutral: R is
	// mean(4, 4, 3) = 3.67, score 5.00; every other type 4.00; spread 1.00.
	mild := same(3)
	mild[0], mild[6] = 4, 4
	cases := []struct {
		name    string
		answers []int
		want    Guard
	}{
		{"all Neutral", same(3), GuardSame},
		{"all Strongly agree", same(5), GuardSame},
		{"all Strongly disagree", same(1), GuardSame},
		{"13 of 15 agree", agree13, GuardAgree},
		{"13 of 15 disagree", disagree13, GuardDisagree},
		{"two mild Agree on R", mild, GuardNoise},
		{"clear Realistic", answersFor(items, [6]int{5, 2, 2, 2, 2, 2}), GuardNone},
	}
	for _, c := range cases {
		v, _, err := Check(items, c.answers, rel)
		if err != nil {
			t.Fatal(err)
		}
		if v.Guard != c.want {
			t.Errorf("%s: guard %d, want %d (%+v)", c.name, v.Guard, c.want, v)
		}
	}
	if v, _, _ := Check(items, agree12, rel); v.Guard == GuardAgree {
		t.Errorf("12 of 15 agreeing (80 %%) is guarded as one-sided: %+v", v)
	}
	// The noise threshold of the mild case by hand: R has 3 statements, the
	// lowest score is I's (first of the equal ones) with 2.
	// ρ_R = .78/(10−9·.78) = .261745, SE_R = 1.5·1.1·√(.738255/3) = .818514
	// ρ_I = .82/(10−9·.82) = .312977, SE_I = 1.5·1.1·√(.687023/2) = .967062
	// threshold = 1.96·√(SE_R² + SE_I²) = 1.96·1.266955 = 2.48323
	v, p, _ := Check(items, mild, rel)
	if math.Abs(p[0]-5) > 1e-9 || math.Abs(v.Spread-1) > 1e-9 {
		t.Errorf("mild: R %.4f spread %.4f, want 5 and 1", p[0], v.Spread)
	}
	if math.Abs(v.Threshold-2.48323) > 1e-4 {
		t.Errorf("mild: threshold %.5f, want 2.48323", v.Threshold)
	}
	// Agree to every R statement, Neutral to the rest: R 5.5, the others
	// 4, a spread of 1.5: inside the noise of 15 statements (2.48), outside
	// that of 60, whose threshold has about halved.
	items60 := matchItems(60)
	v60, _, _ := Check(items60, answersFor(items60, [6]int{4, 3, 3, 3, 3, 3}), rel)
	v15, _, _ := Check(items, answersFor(items, [6]int{4, 3, 3, 3, 3, 3}), rel)
	if !(v60.Threshold < v15.Threshold/1.8) || v60.Guarded() || v15.Guard != GuardNoise {
		t.Errorf("Agree on R: 15 statements %+v, 60 %+v; want guarded at 15 only, the threshold about halved", v15, v60)
	}
}

func stabilityOf(t *testing.T, items []Item, answers []int) (int, bool) {
	t.Helper()
	rel := ONetReliability()
	v, p, err := Check(items, answers, rel)
	if err != nil {
		t.Fatal(err)
	}
	if v.Guarded() {
		return 0, false
	}
	noise := rel.Noise(TypeCounts(items))
	code := TiedCode(p, noise)
	return InTen(Stability(p, noise, rel.ScaleReliability(TypeCounts(items)), code[0], Seed(answers))), true
}

func TestStability(t *testing.T) {
	q := matchItems(15)
	// A clear single-type person: Strongly agree on R, Disagree elsewhere.
	if n, ok := stabilityOf(t, q, answersFor(q, [6]int{5, 2, 2, 2, 2, 2})); !ok || n < 8 {
		t.Errorf("clear Realistic: ranked %v, about %d in 10; want ranked, 8 or more", ok, n)
	}
	// Two mild Agree answers, the rest Neutral: no ranking, or 6 at most.
	mild := answersFor(q, [6]int{3, 3, 3, 3, 3, 3})
	mild[0], mild[6] = 4, 4
	if n, ok := stabilityOf(t, q, mild); ok && n > 6 {
		t.Errorf("two mild Agree answers: about %d in 10, want no ranking or 6 at most", n)
	}
	// The same person answering all 60: a higher figure than with 15.
	person := [6]int{5, 4, 2, 2, 2, 2}
	n15, ok15 := stabilityOf(t, q, answersFor(q, person))
	all := matchItems(60)
	n60, ok60 := stabilityOf(t, all, answersFor(all, person))
	if !ok15 || !ok60 || !(n60 > n15) {
		t.Errorf("R first, I close: 15 statements about %d in 10 (ranked %v), 60 about %d (ranked %v); want 60 above 15", n15, ok15, n60, ok60)
	}
	t.Logf("R first, I close: about %d in 10 with 15 statements, %d with 60", n15, n60)
	// Deterministic: the same answers give the same share, every time.
	p, _ := Score(q, answersFor(q, person))
	noise := ONetReliability().Noise(TypeCounts(q))
	rho := ONetReliability().ScaleReliability(TypeCounts(q))
	a, b := Stability(p, noise, rho, "R", 42), Stability(p, noise, rho, "R", 42)
	if a != b {
		t.Errorf("stability with one seed: %v then %v", a, b)
	}
}

func TestTiedCode(t *testing.T) {
	noise := [6]float64{.5, .5, .5, .5, .5, .5} // a difference's SE is .707
	cases := []struct {
		p    Profile
		want string
	}{
		{Profile{7, 5.5, 4, 3, 2, 1}, "R, then I, then A"},
		{Profile{6, 5.5, 4, 3, 2, 1}, "R = I, then A"},
		{Profile{2, 2, 6, 6.5, 5, 1}, "S = A, then E"},
		{Profile{7, 4, 4, 4, 4, 4}, "R, then I = A = S = E = C"},
		// Each score within .707 of the next, but not of the first: no
		// chain of ties from the top to the bottom.
		{Profile{4.3, 3.6, 4.9, 2.8, 4.2, 3.0}, "A = R = E"},
		{Profile{7, 6.5, 6, 5.5, 4, 1}, "R = I, then A = S"},
	}
	for _, c := range cases {
		if got := CodeText(TiedCode(c.p, noise)); got != c.want {
			t.Errorf("%v: %q, want %q", c.p, got, c.want)
		}
	}
}

func TestFitBands(t *testing.T) {
	cases := []struct {
		r    float64
		want Fit
	}{{1, BestFit}, {.80, BestFit}, {.79, GreatFit}, {.60, GreatFit}, {.59, GoodFit}, {.40, GoodFit}, {.39, NoFit}, {0, NoFit}, {-.9, NoFit}}
	for _, c := range cases {
		if got := FitOf(c.r); got != c.want {
			t.Errorf("r %.2f: %v, want %v", c.r, got, c.want)
		}
		if s := FitOf(c.r).String(); strings.Count(s, "fit") != 1 {
			t.Errorf("band name %q", s)
		}
	}
}

func TestSpearmanBrownAndFeldt(t *testing.T) {
	if got := Expected(0, 10); math.Abs(got-.78) > 1e-12 {
		t.Errorf("10 statements of R: %.4f, want .78", got)
	}
	// ρ_R = .261745; 3ρ/(1+2ρ) = .785235/1.523490 = .51542
	if got := Expected(0, 3); math.Abs(got-.51542) > 1e-4 {
		t.Errorf("3 statements of R: %.5f, want .51542", got)
	}
	// F(.975; 10, 20) = 2.7737 and F(.025; 10, 20) = 1/F(.975; 20, 10) =
	// 1/3.4185 = .29253 (tables): for α = .80, n = 11, k = 3 the interval
	// is 1 − .2·2.7737 = .4453 to 1 − .2·.29253 = .9415.
	lo, hi, ok := Feldt(.80, 11, 3)
	if !ok || math.Abs(lo-.4453) > 2e-3 || math.Abs(hi-.9415) > 2e-3 {
		t.Errorf("Feldt(.80, 11, 3) = %.4f to %.4f (%v), want .4453 to .9415", lo, hi, ok)
	}
	if _, _, ok := Feldt(.8, 1, 3); ok {
		t.Error("an interval from one person")
	}
}

// A simulated population: each person has six true interests; each answer
// is the statement's type's interest plus noise, rounded onto the 1-5
// scale. It prints the live figures the site would show for such people
// (α per type with 15 and 60 statements, and the stability figures), and
// checks that more statements measure better.
func TestSimulatedPopulation(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	const people = 2000
	q, all := matchItems(15), matchItems(60)
	sums15, sums60 := make([]int64, MomentLen(15)), make([]int64, MomentLen(60))
	var n15, n60 int64
	var stab15, stab60, ranked15, ranked60, both, both15, both60 int
	for range people {
		var theta [6]float64
		for t := range theta {
			theta[t] = rng.NormFloat64()
		}
		answers := make([]int, 60)
		for i, it := range all {
			// Loading .6 and noise .92 steps: one statement's reliability about
			// .30, near what O*NET's 10-statement alphas imply (.26-.40).
			a := math.Round(3 + 0.6*theta[it.Type] + 0.92*rng.NormFloat64())
			answers[i] = int(max(1, min(5, a)))
		}
		a15, _ := Assess(q, answers[:15], 15, ONetReliability())
		a60, _ := Assess(all, answers, 15, ONetReliability())
		for _, ls := range a15.Alpha {
			n15++
			for i, v := range ls.Sums {
				sums15[i] += v
			}
		}
		for _, ls := range a60.Alpha {
			if ls.Layout == Layout(all) {
				n60++
				for i, v := range ls.Sums {
					sums60[i] += v
				}
			}
		}
		n15, ok15 := stabilityOf(t, q, answers[:15])
		n60, ok60 := stabilityOf(t, all, answers)
		if ok15 {
			ranked15++
			stab15 += n15
		}
		if ok60 {
			ranked60++
			stab60 += n60
		}
		if ok15 && ok60 {
			both++
			both15 += n15
			both60 += n60
		}
	}
	m15, _ := MomentsFrom(n15, sums15, 15)
	m60, _ := MomentsFrom(n60, sums60, 60)
	for ty := range 6 {
		a15, _, _ := Alpha(q, m15, ty)
		a60, _, _ := Alpha(all, m60, ty)
		if !(a60 > a15) {
			t.Errorf("type %c: α %.2f with 60 statements, %.2f with 15", Letters[ty], a60, a15)
		}
		t.Logf("type %c: α %.2f with 15 statements (%d people), %.2f with 60 (%d people)", Letters[ty], a15, n15, a60, n60)
	}
	t.Logf("ranked: %d of %d with 15 statements (mean stability %.1f in 10), %d with 60 (mean %.1f in 10)",
		ranked15, people, float64(stab15)/float64(max(1, ranked15)), ranked60, float64(stab60)/float64(max(1, ranked60)))
	t.Logf("the %d people ranked both ways: mean stability %.1f in 10 with 15 statements, %.1f with 60",
		both, float64(both15)/float64(max(1, both)), float64(both60)/float64(max(1, both)))
	if both > 0 && !(both60 > both15) {
		t.Errorf("the same people: stability %d (sum) with 60 statements, %d with 15", both60, both15)
	}
	if ranked60 < ranked15 {
		t.Errorf("fewer results ranked with 60 statements (%d) than with 15 (%d)", ranked60, ranked15)
	}
}
