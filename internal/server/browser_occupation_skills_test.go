//go:build !race

package server_test

import (
	"testing"

	"careerguide/internal/browsertest"
)

// newSectionsScript measures the skills, moves (when shown), get-in and
// technology sections:
// the smallest rendered font size of their text, and whether any of their
// tables or lists is wider than the section (so would need scrolling).
const newSectionsScript = `(() => {
  const ids = ["skills", "moves", "get-in", "technology"];
  let smallest = 100, wide = [];
  for (const id of ids) {
    const sec = document.querySelector('section[aria-labelledby="' + id + '"]');
    if (!sec) { if (id !== "moves") wide.push("no section " + id); continue; }
    const box = sec.getBoundingClientRect();
    for (const el of sec.querySelectorAll("*")) {
      if (el.childNodes.length && Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim())) {
        smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
      }
    }
    for (const el of sec.querySelectorAll("table, ul, ol, p, dl")) {
      if (el.getBoundingClientRect().right > box.right + 1) wide.push(id + " " + el.tagName);
    }
  }
  return {Smallest: smallest, Wide: wide};
})()`

// TestBrowserOccupationSkillsOnPhones: the new sections at 390 and 1280 px:
// no sideways scrolling, nothing wider than its section, text at 11 px or
// more, and axe finds nothing serious.
func TestBrowserOccupationSkillsOnPhones(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	br := browsertest.New(t)
	tab := br.Tab(t, 390, 900)
	for _, code := range []string{"29-1141.00", "51-4121.00", "15-1252.00"} {
		atWidths(tab, app.URL+"/occupations/"+code, []int{390, 1280}, func(width int) {
			what := code + " at " + itoa(width) + " px"
			check(t, tab, what)
			var overflow bool
			tab.Eval(`document.documentElement.scrollWidth > document.documentElement.clientWidth`, &overflow)
			if overflow {
				t.Errorf("%s: the page scrolls sideways", what)
			}
			var m struct {
				Smallest float64
				Wide     []string
			}
			tab.Eval(newSectionsScript, &m)
			if m.Smallest < 11 || len(m.Wide) > 0 {
				t.Errorf("%s: smallest text %.1f px; wider than their section: %v", what, m.Smallest, m.Wide)
			}
			t.Logf("%s: smallest text in the new sections %.1f px", what, m.Smallest)
			screenshot(t, tab, "occupation-skills-"+code+"-"+itoa(width)+".png")
		})
	}
}
