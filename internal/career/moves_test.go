package career

import (
	"math"
	"reflect"
	"testing"
)

func TestClosestBySkills(t *testing.T) {
	rating := func(name string, lv float64) ElementRating {
		return ElementRating{Name: name, Importance: 4, Level: lv, HasLevel: true}
	}
	cat := &Catalog{
		OccupationData: OccupationData{SkillNames: []string{"A", "B", "C", "D"}},
		Occupations: []Occupation{
			{Code: "11-1111.00", SOC: "11-1111", SkillLevels: []float64{4, 4, 4, 4},
				Skills: []ElementRating{rating("A", 4), rating("B", 4), rating("C", 4), {Name: "D", Importance: 4}}},
			{Code: "11-1111.01", SOC: "11-1111", SkillLevels: []float64{4, 4, 4, 4}}, // same SOC code: a specialty, left out
			{Code: "22-2222.00", SOC: "22-2222", SkillLevels: []float64{3, 4, 5, 4}}, // difference sqrt(2/4)
			{Code: "33-3333.00", SOC: "33-3333", SkillLevels: []float64{2, 3.5, 4, 0}},
			{Code: "44-4444.00", SOC: "44-4444", SkillLevels: []float64{5, 3, 4, 4}}, // the same difference as 22-2222.00
			{Code: "55-5555.00", SOC: "55-5555"},                                     // no skills: never listed
		},
	}
	moves := cat.ClosestBySkills(&cat.Occupations[0], 3)
	var codes []string
	for _, m := range moves {
		codes = append(codes, m.From.Code)
	}
	if want := []string{"22-2222.00", "44-4444.00", "33-3333.00"}; !reflect.DeepEqual(codes, want) {
		t.Fatalf("closest = %v, want %v (closest first, ties by code)", codes, want)
	}
	if d := moves[0].Difference; math.Abs(d-math.Sqrt(0.5)) > 1e-12 {
		t.Errorf("difference = %v, want sqrt(0.5)", d)
	}
	// Only rises, largest first, and none on a skill
	// whose level O*NET does not publish (D).
	if want := []SkillStep{{"A", 3, 4}}; !reflect.DeepEqual(moves[0].Steps, want) {
		t.Errorf("steps from 22-2222.00 = %+v, want %+v", moves[0].Steps, want)
	}
	if want := []SkillStep{{"A", 2, 4}, {"B", 3.5, 4}}; !reflect.DeepEqual(moves[2].Steps, want) {
		t.Errorf("steps from 33-3333.00 = %+v, want %+v", moves[2].Steps, want)
	}
	if got := cat.ClosestBySkills(&cat.Occupations[5], 3); got != nil {
		t.Errorf("an occupation without skills: %+v", got)
	}
}
