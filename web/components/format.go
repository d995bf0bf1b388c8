// Package components holds the templ building blocks shared by every page:
// the layout, navigation, level picker, charts and form fields.
package components

import (
	"strconv"
	"strings"

	"careerguide/internal/career"
)

// Chrome is what the layout needs from every page. It holds nothing
// personal (no email, no levels): pages are cached by signed-in state.
type Chrome struct {
	Title       string // the page's own title, without the site name
	Description string // the meta description, 50 to 160 characters
	CSS         string // hashed stylesheet URL
	Icon        string // hashed favicon URL (SVG)
	Path        string // request path, to mark the current nav item
	SignedIn    bool
	// Canonical is the absolute URL search engines should index for this
	// page (the path without a query, unless the query picks the content).
	Canonical string
	// NoIndex asks search engines not to index the page (private-by-link
	// results, the account, error pages).
	NoIndex bool
	// Share adds Open Graph title, description and URL, for pages whose
	// links people share (results).
	Share bool
}

// Money formats whole dollars as "$70,000".
func Money(n int) string { return "$" + Thousands(n) }

// Thousands formats a whole number with thousands separators: "10,000",
// "−4,200" (a true minus sign).
func Thousands(n int) string {
	if n < 0 {
		return "\u2212" + Thousands(-n)
	}
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// MoneyShort formats whole dollars as "$220K", or from a million on as
// "$1M" or "$1.25M".
func MoneyShort(n int) string {
	if n >= 1_000_000 && n%10_000 == 0 {
		return "$" + strconv.FormatFloat(float64(n)/1_000_000, 'f', -1, 64) + "M"
	}
	if n >= 1000 && n%1000 == 0 {
		return "$" + strconv.Itoa(n/1000) + "K"
	}
	if n >= 1000 {
		return "$" + strconv.FormatFloat(float64(n)/1000, 'f', 1, 64) + "K"
	}
	return Money(n)
}

// RangeText formats a pay range as "$70,000 - $95,000".
func RangeText(r career.Range) string {
	return Money(r.Min) + " – " + Money(r.Max)
}

// Years formats a level's experience span: "0-2 years" or "12+ years".
func Years(l career.Level) string {
	if l.YearsMax == 0 {
		return strconv.Itoa(l.YearsMin) + "+ years"
	}
	return strconv.Itoa(l.YearsMin) + "–" + strconv.Itoa(l.YearsMax) + " years"
}

// Noun is one when n is 1 and many otherwise, without the number.
func Noun(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Itoa is strconv.Itoa for templates.
func Itoa(n int) string { return strconv.Itoa(n) }

// TwoDecimals formats a score with two decimals.
func TwoDecimals(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// SignedPercent formats a change in whole percent with its sign: "+8%",
// "-4%" (with a true minus sign), "0%".
func SignedPercent(n int) string {
	switch {
	case n > 0:
		return "+" + strconv.Itoa(n) + "%"
	case n < 0:
		return "\u2212" + strconv.Itoa(-n) + "%"
	}
	return "0%"
}

// YearsText is a range of years, e.g. "1-3 years".
func YearsText(y career.Years) string {
	if y.Min == y.Max {
		return Plural(y.Min, "year", "years")
	}
	return Itoa(y.Min) + "–" + Itoa(y.Max) + " years"
}

// WeeksText is how long hours take at pace hours a week, e.g. "about
// 11-15 weeks at 5 hours a week".
func WeeksText(h career.Hours, pace int) string {
	lo, hi := career.Weeks(h, pace)
	w := Plural(hi, "week", "weeks")
	if lo != hi {
		w = Itoa(lo) + "–" + Itoa(hi) + " weeks"
	}
	return "about " + w + " at " + Plural(pace, "hour", "hours") + " a week"
}

// Plural is n with the singular or plural noun.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Itoa(n) + " " + many
}

// AOrAn is "a" or "an" for the word after it, chosen by its first sound:
// "an Engineering Manager", "a UX / Product Designer", "an SRE", "a user".
func AOrAn(word string) string {
	if word == "" {
		return "a"
	}
	lower := strings.ToLower(word)
	if len(word) >= 2 && word[0] >= 'A' && word[0] <= 'Z' && word[1] >= 'A' && word[1] <= 'Z' {
		// An acronym read letter by letter: F, H, L, M, N, R, S and X
		// start with a vowel sound; U ("you") does not.
		if strings.IndexByte("AEIOFHLMNRSX", word[0]) >= 0 {
			return "an"
		}
		return "a"
	}
	for _, p := range []string{"uni", "use", "usu", "one", "once", "eu"} {
		if strings.HasPrefix(lower, p) {
			return "a"
		}
	}
	if strings.IndexByte("aeiou", lower[0]) >= 0 {
		return "an"
	}
	return "a"
}

// WithArticle is word after "a" or "an": "an Engineering Manager".
func WithArticle(word string) string { return AOrAn(word) + " " + word }
