package content_test

import (
	"errors"
	"testing"

	contentpkg "careerguide/internal/content"
)

// FuzzCareerYAML: any bytes as career.yaml load into a clear list of
// problems naming the file, or into a valid catalog. Never a panic.
func FuzzCareerYAML(f *testing.F) {
	m := copyFS(f)
	const name = "careers/backend-developer/career.yaml"
	f.Add(m[name].Data)
	f.Add([]byte("name: [\n"))
	f.Add([]byte("name: a\nname: b\n"))
	f.Add([]byte("levels:\n  - key: junior\n    base: {min: -1, max: 99999999999999999999}\n"))
	f.Add([]byte("interests: {R: .nan, I: 1e309}\n"))
	f.Add([]byte("\xff\xfe"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fs := copyFS(t)
		fs[name].Data = data
		cat, err := contentpkg.Load(fs)
		if err == nil {
			if _, ok := cat.Career("backend-developer"); !ok {
				t.Fatal("valid content without the career whose file was fuzzed")
			}
			return
		}
		var probs contentpkg.Problems
		if !errors.As(err, &probs) || len(probs) == 0 {
			t.Fatalf("error is not a list of problems: %v", err)
		}
		for _, p := range probs {
			if p.File == "" || p.Msg == "" {
				t.Fatalf("problem without file or message: %+v", p)
			}
		}
	})
}
