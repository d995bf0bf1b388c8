package finder

import "testing"

func TestOneEdit(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"nurse", "nurce", true},          // replaced
		{"programmer", "programer", true}, // left out
		{"nurse", "nurses", true},         // added at the end
		{"nurse", "unrse", true},          // swapped
		{"nurse", "nurse", false},         // the same
		{"nurse", "nrsue", false},         // two edits
		{"nurse", "purses", false},        // two edits
		{"café", "cafe", true},            // letters, not bytes
		{"plumber", "plummer", true},
	} {
		if got := oneEdit([]rune(c.a), []rune(c.b)); got != c.want {
			t.Errorf("oneEdit(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// A word no name holds is read as the known word one edit from it in the
// name of the occupation employing the most people; a short word, or one
// with no such neighbour, is not read as another.
func TestFixReadsAWordOneEditAway(t *testing.T) {
	_, ix := searchIndex(t)
	for w, want := range map[string]string{"nurce": "nurse", "plummer": "plumber", "engeneer": "engineer", "lawer": "lawyer", "watier": "waiter", "teh": "", "qwxzv": ""} {
		got, ok := ix.fix(w)
		if got != want || ok != (want != "") {
			t.Errorf("fix(%q) = %q %v, want %q", w, got, ok, want)
		}
	}
	if got := ix.fixSpelling([]string{"registered", "nurce"}); len(got) != 2 || got[0] != "registered" || got[1] != "nurse" {
		t.Errorf("fixSpelling: %q", got)
	}
	if got := ix.fixSpelling([]string{"nurce", "qwxzv"}); got != nil {
		t.Errorf("fixSpelling with a word that is nothing: %q, want nil", got)
	}
}
