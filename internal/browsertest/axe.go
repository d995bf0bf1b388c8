package browsertest

import (
	"context"
	"crypto/sha256"
	"os"
	"slices"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"careerguide/internal/browsertest/htmlcheck"
)

// axeFile is the path of axe-core under internal/browsertest.
const axeFile = "node_modules/axe-core/axe.min.js"

// axeRunScript runs axe-core on the document and returns the violations in a
// small form. It turns on target-size (WCAG 2.5.8: tap targets of 24 by 24
// px or spaced as far), which axe-core leaves off by default. A target is a list of selectors, one for each frame. A selector
// in a shadow tree is itself a list, which is joined with " >>> ". The keys
// are the names of the fields of AxeViolation.
const axeRunScript = `axe.run(document, {resultTypes: ["violations"], rules: axeRules()}).then((r) =>
  r.violations.map((v) => ({
    ID: v.id,
    Impact: v.impact || "",
    Help: v.help,
    Nodes: v.nodes.map((n) =>
      n.target.map((s) => (Array.isArray(s) ? s.join(" >>> ") : s)).join(" | ")),
  })))`

// AxeViolation is a rule of axe-core that the page breaks.
type AxeViolation struct {
	ID     string   // the rule, for example "image-alt"
	Impact string   // "serious" or "critical"
	Help   string   // what the rule wants
	Nodes  []string // the CSS selectors of the elements that break the rule
}

// Axe runs axe-core (https://github.com/dequelabs/axe-core) on the current
// page and returns its violations with the impact "serious" or "critical".
//
// It evaluates the source of axe-core through the DevTools protocol, which is
// not subject to the Content-Security-Policy of the page: the page needs no
// 'unsafe-eval' or 'unsafe-inline', and the injection reports no violation.
//
// A page in a state that Axe has checked before in the test binary (the
// same viewport, markup and form state, see axeStateScript) gets the
// answer of that check without running axe-core again.
//
// axe-core comes from internal/browsertest/node_modules. When it is missing,
// Axe runs "npm ci" in that directory once, under a file lock, and fails the
// test when npm is not installed.
func (tab *Tab) Axe() []AxeViolation {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, actionTimeout)
	defer cancel()
	state, err := chromedp.Run(ctx, chromedp.Evaluate[string](axeStateScript))
	if err != nil {
		tab.t.Fatalf("browsertest: axe: reading the page: %v", err)
	}
	key := sha256.Sum256([]byte(state))
	if v, ok := shared.axe.get(key); ok {
		return v
	}

	src := tab.b.axeSource(tab.t)
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === "object" && typeof window.axe.run === "function"`))
	if err != nil {
		tab.t.Fatalf("browsertest: axe: %v", err)
	}
	if !loaded {
		// The new line ends a last line comment of the file.
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](src+"\n;"+axeRulesScript+";undefined")); err != nil {
			tab.t.Fatalf("browsertest: axe: injecting axe-core: %v", err)
		}
	}
	all, err := chromedp.Run(ctx, chromedp.Evaluate[[]AxeViolation](axeRunScript, chromedp.EvalAwaitPromise))
	if err != nil {
		tab.t.Fatalf("browsertest: axe: running axe-core: %v", err)
	}
	var serious []AxeViolation
	for _, v := range all {
		if v.Impact == "serious" || v.Impact == "critical" {
			serious = append(serious, v)
		}
	}
	shared.axe.put(key, serious)
	return serious
}

// axeStateScript is everything axe-core's answer depends on: the viewport,
// the emulated media, the markup and the state of every form control (a
// checked radio button is not in the markup). The style sheets and scripts
// are the markup's, by URL.
const axeStateScript = `[innerWidth, innerHeight, devicePixelRatio, matchMedia("print").matches,
  Array.from(document.querySelectorAll("input, select, textarea, option")).
    map((e) => (e.checked ? "c" : "") + (e.selected ? "s" : "") + ":" + e.value).join("\u0000"),
  document.documentElement.outerHTML].join("\u0001")`

// axeCache holds the violations found, by the hash of the page state
// (axeStateScript) they were found on. Tests check the same page in the
// same state more than once (a guide's overview from the home page, the
// search and the level picker): axe-core runs once for it in a test binary
// (the cache is shared.axe, beside the one Chromium), as its answer would
// be the same.
type axeCache struct {
	mu   sync.Mutex
	m    map[[sha256.Size]byte][]AxeViolation
	runs int // how many times axe-core ran: the misses
	hits int
}

func (c *axeCache) get(key [sha256.Size]byte) ([]AxeViolation, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[key]
	if ok {
		c.hits++
	}
	return slices.Clone(v), ok
}

func (c *axeCache) put(key [sha256.Size]byte, v []AxeViolation) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[[sha256.Size]byte][]AxeViolation{}
	}
	c.m[key] = slices.Clone(v)
	c.runs++
}

// AxeRuns is how many times Axe ran axe-core in this test binary, and how
// many times it answered from an earlier run on the same page state.
func AxeRuns() (runs, reused int) {
	c := &shared.axe
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.runs, c.hits
}

// axeSource returns the source of axe-core. It installs the package with npm
// when the file is missing. The Browser keeps the source for its other tabs.
func (b *Browser) axeSource(t *testing.T) string {
	t.Helper()
	b.axeMu.Lock()
	defer b.axeMu.Unlock()
	if b.axeSrc != "" {
		return b.axeSrc
	}
	src, err := os.ReadFile(htmlcheck.NodeModule(t, axeFile))
	if err != nil {
		t.Fatalf("browsertest: axe: %v", err)
	}
	b.axeSrc = string(src)
	return b.axeSrc
}

// axeRulesScript defines axeRules: the rules option of axe.run. It turns on
// target-size, and off every rule whose checks all have an impact below
// "serious": such a rule can only report what Axe leaves out, so running
// it is work without an answer (region, landmark-*, heading-order, ...).
const axeRulesScript = `window.axeRules = () => {
  const rank = {minor: 1, moderate: 2, serious: 3, critical: 4};
  const rules = {"target-size": {enabled: true}};
  const audit = axe._audit;
  if (!audit || !audit.rules || !audit.data || !audit.data.checks) return rules;
  for (const r of audit.rules) {
    let most = 0;
    for (const c of [...r.any, ...r.all, ...r.none]) {
      const d = audit.data.checks[c.id || c];
      most = Math.max(most, rank[d && d.impact] || 4);
    }
    if (most < rank.serious && r.id !== "target-size") rules[r.id] = {enabled: false};
  }
  return rules;
}`
