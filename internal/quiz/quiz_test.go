package quiz

import (
	"math"
	"math/rand/v2"
	"testing"
)

// softwareDevelopers is a profile shaped like O*NET's Software Developers
// (high I and C, low S and E); the hand computations below use exactly
// these numbers, not the catalog's current ones.
var softwareDevelopers = Profile{3.61, 6.05, 2.37, 1.81, 1.87, 5.62}

// testItems is a 15-item bank: two plain items per type (indexes 0..11, in
// RIASEC order twice), then reverse-keyed R, S and C items (12, 13, 14).
var testItems = []Item{
	{Type: 0}, {Type: 1}, {Type: 2}, {Type: 3}, {Type: 4}, {Type: 5},
	{Type: 0}, {Type: 1}, {Type: 2}, {Type: 3}, {Type: 4}, {Type: 5},
	{Type: 0, Reverse: true}, {Type: 3, Reverse: true}, {Type: 5, Reverse: true},
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func repeat(n, v int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}

func TestScore(t *testing.T) {
	plain := []Item{{Type: 0}, {Type: 0}, {Type: 1}, {Type: 2}, {Type: 3}, {Type: 4}, {Type: 5}}
	tests := []struct {
		name    string
		items   []Item
		answers []int
		want    Profile
	}{
		{"all 5s", plain, repeat(7, 5), Profile{7, 7, 7, 7, 7, 7}},
		{"all 1s", plain, repeat(7, 1), Profile{1, 1, 1, 1, 1, 1}},
		{"all 3s", plain, repeat(7, 3), Profile{4, 4, 4, 4, 4, 4}},
		// R: mean(5,4)=4.5 -> 1+3.5*1.5 = 6.25; I: 2 -> 2.5; A: 4 -> 5.5.
		{"mixed means", plain, []int{5, 4, 2, 4, 1, 5, 3}, Profile{6.25, 2.5, 5.5, 1, 7, 4}},
		// A reverse-keyed 5 counts as 1, a reverse-keyed 1 as 5, 3 stays 3.
		{"reverse 5", []Item{{Type: 2, Reverse: true}}, []int{5}, Profile{4, 4, 1, 4, 4, 4}},
		{"reverse 1", []Item{{Type: 2, Reverse: true}}, []int{1}, Profile{4, 4, 7, 4, 4, 4}},
		{"reverse 3", []Item{{Type: 2, Reverse: true}}, []int{3}, Profile{4, 4, 4, 4, 4, 4}},
		// S: plain 5 and reverse 5 (=1) average to 3 -> 4.
		{"plain and reverse cancel", []Item{{Type: 3}, {Type: 3, Reverse: true}}, []int{5, 5}, Profile{4, 4, 4, 4, 4, 4}},
		// Only R and C have items; the other types score the midpoint 4.
		{"types without items", []Item{{Type: 0}, {Type: 5}}, []int{5, 1}, Profile{7, 4, 4, 4, 4, 1}},
		{"no items at all", nil, nil, Profile{4, 4, 4, 4, 4, 4}},
		// R items 0,6,12(rev): (4+3+3)/3 -> 4.5; I 1,7: (5+3)/2=4 -> 5.5;
		// S 3,9,13(rev): (5+3+3)/3 -> 5; C 5,11,14(rev): (4+3+(6-1))/3=4 -> 5.5.
		{"15-item bank", testItems, []int{4, 5, 3, 5, 3, 4, 3, 3, 3, 3, 3, 3, 3, 3, 1}, Profile{4.5, 5.5, 4, 5, 4, 5.5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Score(tt.items, tt.answers)
			if err != nil {
				t.Fatalf("Score: %v", err)
			}
			for i := range got {
				if !near(got[i], tt.want[i], 1e-12) {
					t.Fatalf("Score = %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestScoreErrors(t *testing.T) {
	one := []Item{{Type: 0}}
	tests := []struct {
		name    string
		items   []Item
		answers []int
	}{
		{"too few answers", testItems, repeat(14, 3)},
		{"too many answers", testItems, repeat(16, 3)},
		{"answers without items", nil, []int{3}},
		{"items without answers", one, nil},
		{"answer 0", one, []int{0}},
		{"answer 6", one, []int{6}},
		{"negative answer", one, []int{-3}},
		{"bad answer late", testItems, append(repeat(14, 3), 6)},
		{"type 6", []Item{{Type: 6}}, []int{3}},
		{"type -1", []Item{{Type: -1}}, []int{3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if p, err := Score(tt.items, tt.answers); err == nil {
				t.Fatalf("Score = %v, nil; want an error", p)
			}
			if c, err := Contributions(tt.items, tt.answers, softwareDevelopers); err == nil || c != nil {
				t.Fatalf("Contributions = %v, %v; want nil and an error", c, err)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	var opposite Profile
	for i, v := range softwareDevelopers {
		opposite[i] = 8 - v
	}
	flat := Profile{4, 4, 4, 4, 4, 4}
	tests := []struct {
		name           string
		person, career Profile
		want, tol      float64
	}{
		{"identical", softwareDevelopers, softwareDevelopers, 100, 1e-9},
		// 8-x negates every deviation from the mean: r = -1.
		{"opposite", opposite, softwareDevelopers, 0, 1e-9},
		// Means 4 and 4; deviations x = (3,-3,0,0,0,0), y = (3,0,0,-3,0,0).
		// Sxy = 9, Sxx = Syy = 18, r = 9/18 = 0.5 -> (1.5/2)*100 = 75.
		{"r = 0.5", Profile{7, 1, 4, 4, 4, 4}, Profile{7, 4, 4, 1, 4, 4}, 75, 0.01},
		// Deviations x = (3,-3,0,0,0,0), y = (0,0,3,-3,0,0): Sxy = 0, r = 0 -> 50.
		{"r = 0", Profile{7, 1, 4, 4, 4, 4}, Profile{4, 4, 7, 1, 4, 4}, 50, 0.01},
		// person (1,7,1,1,1,7): mean 3, dx = (-2,4,-2,-2,-2,4), Sxx = 48.
		// career mean 21.33/6 = 3.555, dy = (0.055,2.495,-1.185,-1.745,-1.685,2.065),
		// Syy = 17.78075. Sxy = -0.11+9.98+2.37+3.49+3.37+8.26 = 27.36.
		// r = 27.36/sqrt(48*17.78075) = 27.36/29.2143 = 0.93653 -> 96.826.
		{"hand-computed intermediate", Profile{1, 7, 1, 1, 1, 7}, softwareDevelopers, 96.826, 0.01},
		// Flat person: the correlation is undefined, use the distance.
		// d^2 = 0.39^2+2.05^2+1.63^2+2.19^2+2.13^2+1.62^2
		//     = 0.1521+4.2025+2.6569+4.7961+4.5369+2.6244 = 18.9689, d = 4.355330.
		// dmax = 6*sqrt(6) = 14.696938; 100*(1 - 4.355330/14.696938) = 70.3657.
		{"flat person", flat, softwareDevelopers, 70.3657, 0.001},
		{"flat career", softwareDevelopers, flat, 70.3657, 0.001},
		{"both flat equal", flat, flat, 100, 1e-9},
		// Flat but different: d = sqrt(6*3^2) = 3*sqrt(6) = dmax/2 -> 50.
		{"both flat different", Profile{1, 1, 1, 1, 1, 1}, flat, 50, 1e-9},
		// Maximal distance: d = dmax -> 0.
		{"both flat extremes", Profile{1, 1, 1, 1, 1, 1}, Profile{7, 7, 7, 7, 7, 7}, 0, 1e-9},
		// Variance below the threshold counts as flat: near 100 (distance ~1e-12).
		{"nearly flat", Profile{4, 4, 4, 4, 4, 4 + 1e-12}, flat, 100, 1e-6},
		// Correlation ignores level: a shifted copy still matches 100.
		{"shifted copy", Profile{1, 2, 3, 1, 2, 3}, Profile{4, 5, 6, 4, 5, 6}, 100, 1e-9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Match(tt.person, tt.career)
			if math.IsNaN(got) || !near(got, tt.want, tt.tol) {
				t.Fatalf("Match = %v, want %v ± %v", got, tt.want, tt.tol)
			}
		})
	}
}

func TestMatchNeverNaN(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name           string
		person, career Profile
	}{
		{"NaN score", Profile{nan, 1, 2, 3, 4, 5}, softwareDevelopers},
		{"Inf score", softwareDevelopers, Profile{inf, 1, 2, 3, 4, 5}},
		{"-Inf flat", Profile{-inf, -inf, -inf, -inf, -inf, -inf}, softwareDevelopers},
		{"huge", Profile{1e308, -1e308, 1e308, -1e308, 1e308, -1e308}, softwareDevelopers},
		{"zero", Profile{}, Profile{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Match(tt.person, tt.career)
			if math.IsNaN(got) || got < 0 || got > 100 {
				t.Fatalf("Match = %v, want a number in [0,100]", got)
			}
		})
	}
}

func TestHollandCode(t *testing.T) {
	tests := []struct {
		name string
		p    Profile
		want string
	}{
		{"software developers", softwareDevelopers, "ICR"},
		{"strictly descending", Profile{6, 5, 4, 3, 2, 1}, "RIA"},
		{"strictly ascending", Profile{1, 2, 3, 4, 5, 6}, "CES"},
		{"all tied", Profile{4, 4, 4, 4, 4, 4}, "RIA"},
		{"three-way tie for first", Profile{1, 5, 5, 2, 5, 1}, "IAE"},
		{"tie for third", Profile{7, 2, 3, 6, 3, 1}, "RSA"},
		{"tie for second keeps RIASEC order", Profile{2, 2, 2, 2, 6, 6}, "ECR"},
		{"NaN ranks last", Profile{math.NaN(), 1, 1, 1, 1, 1}, "IAS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HollandCode(tt.p); got != tt.want {
				t.Fatalf("HollandCode(%v) = %q, want %q", tt.p, got, tt.want)
			}
		})
	}
}

func TestContributionsHandComputed(t *testing.T) {
	items := []Item{{Type: 0}, {Type: 1}, {Type: 2}, {Type: 3}, {Type: 4}, {Type: 5}}
	career := Profile{7, 1, 4, 4, 4, 4}
	// Answers R=5, I=1, A=5 give the profile (7,1,7,4,4,4).
	// Actual: mean 4.5, dx = (2.5,-3.5,2.5,-.5,-.5,-.5); career dy = (3,-3,0,0,0,0).
	//   Sxy = 7.5+10.5 = 18, Sxx = 25.5, Syy = 18, r = 18/sqrt(459) = 0.840168 -> 92.0084.
	// R -> 3: (4,1,7,4,4,4), dx = (0,-3,3,0,0,0), Sxy = 9, Sxx = 18, r = 0.5 -> 75.
	// I -> 3: (7,4,7,4,4,4), dx = (2,-1,2,-1,-1,-1), Sxy = 9, Sxx = 12,
	//   r = 9/sqrt(216) = 0.612372 -> 80.6186.
	// A -> 3: (7,1,4,4,4,4) equals the career, r = 1 -> 100.
	// S, E, C are neutral: delta 0, ties keep item order.
	got, err := Contributions(items, []int{5, 1, 5, 3, 3, 3}, career)
	if err != nil {
		t.Fatal(err)
	}
	want := []Contribution{
		{0, 92.0084 - 75},
		{1, 92.0084 - 80.6186},
		{2, 92.0084 - 100},
		{3, 0}, {4, 0}, {5, 0},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d contributions, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Index != want[i].Index || !near(got[i].Delta, want[i].Delta, 0.001) {
			t.Fatalf("Contributions = %v, want %v", got, want)
		}
	}
}

func TestContributionsSoftwareDevelopers(t *testing.T) {
	// Profile (4.5,5.5,4,5,4,4.5); see the "15-item bank" Score case for the
	// method. Expected deltas computed by hand with the same formulas.
	answers := []int{4, 5, 3, 5, 3, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3}
	got, err := Contributions(testItems, answers, softwareDevelopers)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(answers) {
		t.Fatalf("got %d contributions, want %d", len(got), len(answers))
	}
	byIndex := map[int]float64{}
	for _, c := range got {
		byIndex[c.Index] = c.Delta
	}
	if len(byIndex) != len(answers) {
		t.Fatalf("indexes are not one per answer: %v", got)
	}
	// A 5 on an I item (index 1) raises the match for an I-heavy career; a 5
	// on an S item (index 3) lowers it, since S is the career's lowest score.
	if byIndex[1] <= 0 {
		t.Errorf("I item delta = %v, want > 0", byIndex[1])
	}
	if byIndex[3] >= 0 {
		t.Errorf("S item delta = %v, want < 0", byIndex[3])
	}
	want := []Contribution{
		{1, 36.6357}, {3, -15.8308}, {5, 10.7593}, {0, 2.3328},
		{2, 0}, {4, 0}, {6, 0}, {7, 0}, {8, 0}, {9, 0}, {10, 0}, {11, 0}, {12, 0}, {13, 0}, {14, 0},
	}
	for i := range want {
		if got[i].Index != want[i].Index || !near(got[i].Delta, want[i].Delta, 0.001) {
			t.Fatalf("Contributions = %v, want %v", got, want)
		}
	}
	// Each delta is the definition: Match(actual) - Match(answer replaced by 3).
	p, _ := Score(testItems, answers)
	actual := Match(p, softwareDevelopers)
	for _, c := range got {
		alt := append([]int(nil), answers...)
		alt[c.Index] = 3
		q, _ := Score(testItems, alt)
		if d := actual - Match(q, softwareDevelopers); !near(c.Delta, d, 1e-9) {
			t.Errorf("delta of %d = %v, want %v", c.Index, c.Delta, d)
		}
	}
	// Contributions must not modify the caller's answers.
	for i, a := range []int{4, 5, 3, 5, 3, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3} {
		if answers[i] != a {
			t.Fatalf("answers modified: %v", answers)
		}
	}
}

func TestContributionsEachType(t *testing.T) {
	// One 5 on a type's first item, every other answer neutral. Raising one
	// type by h gives deviations dx = 5h/6 at that type and -h/6 elsewhere;
	// since the career deviations dy sum to 0, Sxy = h*dy_t and Sxx = 5h^2/6,
	// so r = dy_t / sqrt(5/6 * Syy) = dy_t / sqrt(5/6 * 17.78075) = dy_t / 3.84932.
	// The all-neutral alternative is flat and matches 70.3657 by distance (see
	// TestMatch), so Delta = (r+1)*50 - 70.3657.
	// Career dy (mean 3.555): R 0.055, I 2.495, A -1.185, S -1.745, E -1.685, C 2.065.
	tests := []struct {
		typ  int
		want float64
	}{
		{0, (0.055/3.84932+1)*50 - 70.3657},  // r = 0.0143 -> 50.714: -19.651
		{1, (2.495/3.84932+1)*50 - 70.3657},  // r = 0.6482 -> 82.408: +12.043
		{2, (-1.185/3.84932+1)*50 - 70.3657}, // r = -0.3078 -> 34.608: -35.758
		{3, (-1.745/3.84932+1)*50 - 70.3657}, // r = -0.4533 -> 27.334: -43.032
		{4, (-1.685/3.84932+1)*50 - 70.3657}, // r = -0.4377 -> 28.113: -42.253
		{5, (2.065/3.84932+1)*50 - 70.3657},  // r = 0.5365 -> 76.823: +6.457
	}
	for _, tt := range tests {
		t.Run(Letters[tt.typ:tt.typ+1], func(t *testing.T) {
			answers := repeat(len(testItems), 3)
			answers[tt.typ] = 5
			got, err := Contributions(testItems, answers, softwareDevelopers)
			if err != nil {
				t.Fatal(err)
			}
			if got[0].Index != tt.typ || !near(got[0].Delta, tt.want, 0.01) {
				t.Fatalf("first contribution = %+v, want {Index:%d Delta:%.3f}", got[0], tt.typ, tt.want)
			}
			for _, c := range got[1:] {
				if c.Delta != 0 {
					t.Fatalf("neutral answer %d has delta %v", c.Index, c.Delta)
				}
			}
		})
	}
}

func TestContributionsSortedByMagnitude(t *testing.T) {
	answers := []int{1, 5, 2, 4, 5, 1, 3, 2, 4, 3, 1, 5, 2, 4, 3}
	got, err := Contributions(testItems, answers, softwareDevelopers)
	if err != nil {
		t.Fatal(err)
	}
	seen := make([]bool, len(answers))
	for i, c := range got {
		if seen[c.Index] {
			t.Fatalf("index %d twice: %v", c.Index, got)
		}
		seen[c.Index] = true
		if answers[c.Index] == 3 && c.Delta != 0 {
			t.Errorf("neutral answer %d has delta %v", c.Index, c.Delta)
		}
		if i == 0 {
			continue
		}
		prev := got[i-1]
		a, b := math.Abs(prev.Delta), math.Abs(c.Delta)
		if a < b || (a == b && prev.Index > c.Index) {
			t.Fatalf("not sorted by |Delta| desc, stable: %v then %v in %v", prev, c, got)
		}
	}
}

func TestBand(t *testing.T) {
	tests := []struct {
		match float64
		want  string
	}{
		{100, "Strong fit"},
		{80, "Strong fit"},
		{79.999, "Good fit"},
		{65, "Good fit"},
		{64.999, "Partial fit"},
		{50, "Partial fit"},
		{49.999, "Weak fit"},
		{0, "Weak fit"},
		{math.NaN(), "Weak fit"},
	}
	for _, tt := range tests {
		if got := Band(tt.match); got != tt.want {
			t.Errorf("Band(%v) = %q, want %q", tt.match, got, tt.want)
		}
	}
}

func TestBucket(t *testing.T) {
	tests := []struct {
		match float64
		want  int
	}{
		{0, 0},
		{4.99, 0},
		{5, 1},
		{9.999, 1},
		{50, 10},
		{94.99, 18},
		{95, 19},
		{99.99, 19},
		{100, 19},
		{-1, 0},
		{150, 19},
		{math.NaN(), 0},
		{math.Inf(1), 19},
		{math.Inf(-1), 0},
	}
	for _, tt := range tests {
		if got := Bucket(tt.match); got != tt.want {
			t.Errorf("Bucket(%v) = %d, want %d", tt.match, got, tt.want)
		}
	}
}

func TestPercentile(t *testing.T) {
	// 10 results in 0-5, 10 in 50-55, 20 in 95-100: 40 in all.
	var spread [Buckets]int64
	spread[0], spread[10], spread[19] = 10, 10, 20
	// 29 below, 71 above: 29/100*100 is 28.999999999999996 in floating point,
	// so this catches a float-and-floor implementation.
	var exact [Buckets]int64
	exact[0], exact[19] = 29, 71
	var third [Buckets]int64
	third[0], third[19] = 1, 2
	var neg [Buckets]int64
	neg[0], neg[5], neg[19] = 4, -7, 4
	tests := []struct {
		name  string
		hist  [Buckets]int64
		match float64
		want  int
	}{
		{"empty", [Buckets]int64{}, 72, 0},
		{"empty at 0", [Buckets]int64{}, 0, 0},
		// Bucket 10: below 10, same 10 -> (10 + 5)/40 = 37.5% -> 37.
		{"middle bucket", spread, 52, 37},
		// Bucket 19: below 20, same 20 -> (20 + 10)/40 = 75%.
		{"top", spread, 100, 75},
		// Bucket 0: same 10 -> 5/40 = 12.5% -> 12.
		{"bottom", spread, 0, 12},
		// Bucket 14 (empty): below 20 -> 50%.
		{"between", spread, 70, 50},
		{"exact integer", exact, 50, 29},
		// 1 of 3 below -> 33.33% -> 33.
		{"third", third, 50, 33},
		// Only one bucket, match inside it: half of them -> 50.
		{"all same bucket", [Buckets]int64{7: 8}, 37, 50},
		// Everything lower: 100.
		{"all lower", [Buckets]int64{0: 3, 1: 4}, 99, 100},
		// Negative counts are ignored: 4 below, 4 above -> 50.
		{"negative count", neg, 50, 50},
		{"huge counts", [Buckets]int64{0: math.MaxInt64, 19: math.MaxInt64}, 50, 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Percentile(tt.hist, tt.match); got != tt.want {
				t.Fatalf("Percentile = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestNoAllocs(t *testing.T) {
	answers := []int{1, 5, 2, 4, 5, 1, 3, 2, 4, 3, 1, 5, 2, 4, 3}
	var sink float64
	if n := testing.AllocsPerRun(100, func() {
		p, _ := Score(testItems, answers)
		sink += Match(p, softwareDevelopers)
	}); n != 0 {
		t.Fatalf("Score+Match allocate %v times per run, want 0", n)
	}
	_ = sink
}

// fuzzItems builds items and answers from fuzz data: each byte b gives one
// item and one answer. Answers b%7 range over 0..6 and types (b/7)%7 over
// 0..6, so invalid inputs occur too; the top bit marks reverse-keyed items.
func fuzzItems(data []byte) ([]Item, []int, bool) {
	items := make([]Item, len(data))
	answers := make([]int, len(data))
	valid := true
	for i, b := range data {
		answers[i] = int(b % 7)
		items[i] = Item{Type: int(b/7) % 7, Reverse: b&0x80 != 0}
		if answers[i] < MinAnswer || answers[i] > MaxAnswer || items[i].Type > 5 {
			valid = false
		}
	}
	return items, answers, valid
}

func FuzzScore(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5})
	f.Add([]byte{5, 12, 19, 26, 33, 40, 133, 140, 147, 154, 161, 168, 3, 10, 17})
	f.Add([]byte{0, 6, 48})
	f.Add([]byte{255, 254, 253, 128, 127, 64, 63, 32, 31, 16, 15, 8, 7, 2, 1})
	careers := []Profile{softwareDevelopers, {4, 4, 4, 4, 4, 4}, {1, 7, 1, 7, 1, 7}}
	f.Fuzz(func(t *testing.T, data []byte) {
		items, answers, valid := fuzzItems(data)
		p, err := Score(items, answers)
		if (err == nil) != valid {
			t.Fatalf("Score(%v, %v) error = %v, want error: %v", items, answers, err, !valid)
		}
		// A length mismatch must be an error too, and must not panic.
		if len(answers) > 0 {
			if _, err := Score(items, answers[1:]); err == nil {
				t.Fatalf("Score with %d items and %d answers: no error", len(items), len(answers)-1)
			}
		}
		if err != nil {
			return
		}
		for i, s := range p {
			if math.IsNaN(s) || s < 1 || s > 7 {
				t.Fatalf("score %c = %v, want in [1,7] (profile %v)", Letters[i], s, p)
			}
		}
		if code := HollandCode(p); len(code) != 3 {
			t.Fatalf("HollandCode = %q", code)
		}
		for _, c := range careers {
			for _, m := range []float64{Match(p, c), Match(c, p), Match(p, p)} {
				if math.IsNaN(m) || m < 0 || m > 100 {
					t.Fatalf("Match = %v, want in [0,100] (profile %v, career %v)", m, p, c)
				}
			}
		}
		cs, err := Contributions(items, answers, softwareDevelopers)
		if err != nil || len(cs) != len(answers) {
			t.Fatalf("Contributions = %d items, %v", len(cs), err)
		}
	})
}

func BenchmarkScore(b *testing.B) {
	answers := []int{1, 5, 2, 4, 5, 1, 3, 2, 4, 3, 1, 5, 2, 4, 3}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Score(testItems, answers); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMatch(b *testing.B) {
	person := Profile{4.5, 5.5, 4, 5, 4, 4.5}
	b.ReportAllocs()
	var sink float64
	for b.Loop() {
		sink += Match(person, softwareDevelopers)
	}
	_ = sink
}

func TestRankOrdersCareersByMatch(t *testing.T) {
	softwareDev := Profile{3.61, 6.05, 2.37, 1.81, 1.87, 5.62}
	social := Profile{1.5, 2, 3, 6.5, 5, 2}
	artistic := Profile{2, 3, 6.8, 4, 3, 2}
	// A person whose scores equal the software developer profile: that career
	// first at ~100, then the others by their correlation with it.
	got := Rank(softwareDev, []Profile{social, softwareDev, artistic})
	if got[0].Index != 1 || math.Abs(got[0].Match-100) > 1e-9 {
		t.Fatalf("first %+v, want career 1 at 100", got[0])
	}
	if got[1].Match < got[2].Match || len(got) != 3 {
		t.Fatalf("not sorted: %+v", got)
	}
	for _, r := range got {
		if want := Match(softwareDev, []Profile{social, softwareDev, artistic}[r.Index]); r.Match != want {
			t.Fatalf("rank %d: %v, want %v", r.Index, r.Match, want)
		}
	}
}

func TestFlat(t *testing.T) {
	for _, tc := range []struct {
		p    Profile
		flat bool
	}{
		{Profile{4, 4, 4, 4, 4, 4}, true},           // all neutral
		{Profile{4, 5, 4, 4, 4, 4}, true},           // one step on one type: spread 1
		{Profile{4, 5.5, 4, 4, 4, 4}, false},        // spread exactly 1.5 separates
		{Profile{1, 7, 4, 4, 4, 4}, false},          // spread 6
		{Profile{4, 4, 4, 4, 4, math.NaN()}, true},  // broken input never ranks
		{Profile{6.9, 7, 6.5, 6.8, 6.6, 6.7}, true}, // agrees with everything
	} {
		if got := Flat(tc.p); got != tc.flat {
			t.Errorf("Flat(%v) = %v, want %v (spread %.2f)", tc.p, got, tc.flat, Spread(tc.p))
		}
	}
}

// TestAlphaByHand checks Cronbach's alpha against a computation by hand.
//
// Scale R has two statements, the second reverse-keyed; scale I one. Three
// results answer (R1, R2, I) = (1,4,2), (3,3,2), (5,2,2). Scored, R2 = 6-a,
// so R's answers are (1,2), (3,3), (5,4) and its totals 3, 6, 9.
//
//	var(R1) = ((1-3)² + 0 + (5-3)²)/3 = 8/3
//	var(R2) = ((2-3)² + 0 + (4-3)²)/3 = 2/3
//	var(T)  = ((3-6)² + 0 + (9-6)²)/3 = 6
//	α = 2/(2-1) · (1 - (8/3 + 2/3)/6) = 2 · (1 - 10/18) = 8/9 ≈ 0.889
//
// I has one statement, so no alpha; the other scales have none.
func TestAlphaByHand(t *testing.T) {
	items := []Item{{Type: 0}, {Type: 0, Reverse: true}, {Type: 1}}
	sum := make([]int64, MomentLen(len(items)))
	for _, a := range [][]int{{1, 4, 2}, {3, 3, 2}, {5, 2, 2}} {
		v, err := MomentVector(items, a)
		if err != nil {
			t.Fatal(err)
		}
		for i := range v {
			sum[i] += v[i]
		}
	}
	m, err := MomentsFrom(3, sum, len(items))
	if err != nil {
		t.Fatal(err)
	}
	if m.ItemSum[1] != 9 || m.ItemSq[1] != 4+9+16 || m.ScaleSum[0] != 18 || m.ScaleSq[0] != 9+36+81 {
		t.Fatalf("sums %+v: the reverse-keyed statement is not counted as scored", m)
	}
	alpha, k, ok := Alpha(items, m, 0)
	if !ok || k != 2 || math.Abs(alpha-8.0/9) > 1e-12 {
		t.Fatalf("alpha(R) = %v (k %d, ok %v), want 8/9", alpha, k, ok)
	}
	if _, k, ok := Alpha(items, m, 1); ok || k != 1 {
		t.Fatalf("alpha(I) with one statement: k %d ok %v, want k 1 and no alpha", k, ok)
	}
	// Fewer than two results, or a total that does not vary: no alpha.
	one, _ := MomentVector(items, []int{2, 4, 5})
	m1, _ := MomentsFrom(1, one, len(items))
	if _, _, ok := Alpha(items, m1, 0); ok {
		t.Fatal("alpha from one result")
	}
	same := make([]int64, len(one))
	for i := range one {
		same[i] = 2 * one[i]
	}
	m2, _ := MomentsFrom(2, same, len(items))
	if _, _, ok := Alpha(items, m2, 0); ok {
		t.Fatal("alpha from two equal results")
	}
	if _, err := MomentsFrom(3, sum[1:], len(items)); err == nil {
		t.Fatal("a vector of the wrong length is accepted")
	}
	if got := Layout(items); got != "RrI" {
		t.Fatalf("layout %q, want RrI", got)
	}
}

// Nearest.Best finds a profile with the highest match Rank finds, flat
// profiles (on either side) included.
func TestNearestAgreesWithRank(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	random := func() Profile {
		var p Profile
		for i := range p {
			p[i] = 1 + 6*rng.Float64()
		}
		return p
	}
	profiles := []Profile{{4, 4, 4, 4, 4, 4}, softwareDevelopers}
	for range 300 {
		profiles = append(profiles, random())
	}
	n := NewNearest(profiles)
	for i := range 500 {
		p := random()
		if i%50 == 0 {
			p = Profile{3, 3, 3, 3, 3, 3}
		}
		top := Rank(p, profiles)[0]
		idx, m := n.Best(p)
		if idx < 0 || math.Abs(m-top.Match) > 1e-9 || math.Abs(Match(p, profiles[idx])-top.Match) > 1e-9 {
			t.Fatalf("%v: Best %d (%v), Rank's best %d (%v)", p, idx, m, top.Index, top.Match)
		}
	}
	if idx, _ := NewNearest(nil).Best(softwareDevelopers); idx != -1 {
		t.Fatalf("no profiles: %d", idx)
	}
}

func BenchmarkNearest(b *testing.B) {
	profiles := make([]Profile, 1016)
	for i := range profiles {
		for j := range profiles[i] {
			profiles[i][j] = 1 + float64((i*7+j*13)%60)/10
		}
	}
	n := NewNearest(profiles)
	for b.Loop() {
		n.Best(softwareDevelopers)
	}
}

func TestRankGroupsPutsEqualProfilesTogether(t *testing.T) {
	person := Profile{2, 7, 2, 3, 2, 6}
	social := Profile{2, 3, 3, 7, 4, 3}
	// 0 and 2 are equal; 1 is the social profile, which matches worst.
	gs := RankGroups(person, []Profile{softwareDevelopers, social, softwareDevelopers, {4, 6, 2, 2, 2, 6}})
	if len(gs) != 3 {
		t.Fatalf("%d groups, want 3: %+v", len(gs), gs)
	}
	for i := 1; i < len(gs); i++ {
		if gs[i].Match > gs[i-1].Match {
			t.Errorf("group %d (%.2f) ranks below a worse one (%.2f)", i, gs[i].Match, gs[i-1].Match)
		}
	}
	var shared Group
	for _, g := range gs {
		if len(g.Indices) == 2 {
			shared = g
		}
	}
	if len(shared.Indices) != 2 || shared.Indices[0] != 0 || shared.Indices[1] != 2 || shared.Match != Match(person, softwareDevelopers) {
		t.Errorf("equal profiles: %+v, want one group of 0 and 2", shared)
	}
	if last := gs[len(gs)-1]; len(last.Indices) != 1 || last.Indices[0] != 1 {
		t.Errorf("last group %+v, want the social profile", last)
	}
}
