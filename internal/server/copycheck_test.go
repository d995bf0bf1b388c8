package server_test

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// copyProblems reads a page's visible text the way an editor would and
// returns one line for each slip it finds: a doubled word ("fit fit") or
// label ("Estimate. Estimated:"), a space before a comma, full stop,
// semicolon or colon or none after a comma between words, "a" before a vowel
// sound ("a Engineering Manager"), a count and a noun that disagree ("1
// results", "2 occupation") and a British spelling from britishSpellings.
//
// text is the page's visible text with one block (paragraph, heading, list
// item, table cell) per line, as visibleText or a browser's innerText
// gives it. The function is pure, so any crawl can call it on any page.
func copyProblems(text string) []string {
	var out []string
	for _, line := range copyLines(text) {
		out = append(out, lineProblems(line)...)
	}
	return out
}

// copyLines are the lines of text with their spaces collapsed, without the
// empty ones: what lineProblems reads.
func copyLines(text string) []string {
	var lines []string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.Join(strings.Fields(line), " "); line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// lineProblems are copyProblems of one line of copyLines.
func lineProblems(line string) []string {
	var out []string
	report := func(kind, found string) {
		out = append(out, fmt.Sprintf("%s %q in %q", kind, found, excerpt(line, found)))
	}
	for _, w := range doubledWords(line) {
		report("doubled word", w)
	}
	for _, w := range doubledLabels(line) {
		report("doubled label", w)
	}
	for _, m := range spaceBeforePunct.FindAllString(line, -1) {
		report("space before punctuation", m)
	}
	for _, m := range noSpaceAfterComma.FindAllString(line, -1) {
		report("no space after punctuation", m)
	}
	for _, m := range articleBeforeWord.FindAllStringSubmatch(line, -1) {
		if needsAn(m[2]) {
			report("a before a vowel sound", m[1]+" "+m[2])
		}
	}
	for _, m := range countAndNoun.FindAllStringSubmatch(line, -1) {
		if disagree(m[1], strings.ToLower(m[2])) {
			report("count and noun disagree", m[1]+" "+m[2])
		}
	}
	for _, loc := range britishWord.FindAllStringIndex(line, -1) {
		if !productName(line, loc) {
			report("British spelling", line[loc[0]:loc[1]])
		}
	}
	return out
}

// excerpt is up to 60 characters of line either side of found.
func excerpt(line, found string) string {
	i := strings.Index(line, found)
	if i < 0 {
		return line
	}
	from, to := max(0, i-60), min(len(line), i+len(found)+60)
	for from > 0 && !utf8Start(line[from]) {
		from--
	}
	for to < len(line) && !utf8Start(line[to]) {
		to++
	}
	return line[from:to]
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// legitRepeats are doubled words that are right where they stand.
var legitRepeats = map[string]string{
	"that that": "a conjunction before a pronoun: \"the test that that guide uses\"",
	"had had":   "past perfect of have",
}

// doubledWords are the words of line written twice in a row, separated by
// spaces only ("fit fit", "Estimate estimate"), case-insensitively.
func doubledWords(line string) []string {
	var out []string
	words := strings.Split(line, " ")
	for i := 1; i < len(words); i++ {
		a, b := words[i-1], words[i]
		if !isWord(a) || !isWord(strings.TrimRightFunc(b, unicode.IsPunct)) {
			continue
		}
		b = strings.TrimRightFunc(b, unicode.IsPunct)
		if !strings.EqualFold(a, b) {
			continue
		}
		pair := strings.ToLower(a + " " + b)
		if _, ok := legitRepeats[pair]; ok {
			continue
		}
		out = append(out, a+" "+b)
	}
	return out
}

// labelStems are the words the site marks figures with, as badges and
// lead-ins: "Estimate.", "Source:".
var labelStems = []string{"estimat", "source"}

// doubledLabels are a label word said twice within three words, as a badge
// next to a sentence that says it again makes: "Estimate. Estimated: …",
// "estimate careerguide's estimate: …".
func doubledLabels(line string) []string {
	var words []string
	for _, f := range strings.Fields(line) {
		words = append(words, strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) }))
	}
	var out []string
	for i := range words {
		for j := i + 1; j < len(words) && j <= i+2; j++ {
			a, b := strings.ToLower(words[i]), strings.ToLower(words[j])
			for _, stem := range labelStems {
				if strings.HasPrefix(a, stem) && strings.HasPrefix(b, stem) {
					out = append(out, strings.Join(words[i:j+1], " "))
				}
			}
		}
	}
	return out
}

// isWord reports whether s is a word of letters (an apostrophe allowed).
func isWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '\'' && r != '’' {
			return false
		}
	}
	return true
}

// spaceBeforePunct is a space before , . ; or : that ends a word's
// punctuation (".NET" and ":root" are names, not punctuation).
var spaceBeforePunct = regexp.MustCompile(`\S \s*[,.;:](\s|$)`)

// noSpaceAfterComma is a comma or semicolon between two words with no
// space after it: "Engineers,Wind Energy Engineers".
var noSpaceAfterComma = regexp.MustCompile(`\p{Ll}[,;]\p{Lu}\p{Ll}`)

// articleBeforeWord is the article "a" and the word after it.
var articleBeforeWord = regexp.MustCompile(`(?:^|[^\p{L}\p{N}’'.-])([Aa]) ([\p{L}][\p{L}\p{N}.’'-]*)`)

// anExceptions are words that begin with a vowel letter and a consonant
// sound, so "a" is right before them.
var anExceptions = []string{
	"one", "once", "uni", "use", "usa", "usu", "usi", "ura", "uro", "utility", "utili", "uti", "euro", "eu", "ewe", "ufo",
	"ux", "url", "uuid", "uk", "us-", "u.s", "ui",
}

// anAcronymLetters are the consonant letters whose names start with a vowel
// sound: an acronym spelled out from one of them takes "an" ("an SRE", "an HR
// team").
const anAcronymLetters = "FHLMNRSX"

// spokenAcronyms are read as words, not letter by letter: "a REST API",
// "a RAID array", "a SQL query" ("sequel"), "a SOC code" ("sock").
var spokenAcronyms = []string{"REST", "RAID", "SQL", "SOC", "SaaS", "NAT", "RAM", "NASA", "SCSS", "SASS", "FAANG", "LAMP", "MERN", "MEAN"}

// needsAn reports whether word starts with a vowel sound.
func needsAn(word string) bool {
	lower := strings.ToLower(word)
	if isAcronym(word) {
		for _, a := range spokenAcronyms {
			if strings.HasPrefix(word, a) {
				return false
			}
		}
		first := word[0]
		if strings.IndexByte(anAcronymLetters, first) >= 0 {
			return true
		}
		if strings.IndexByte("AEIO", first) >= 0 {
			return true
		}
		return false // U ("you"), and every other letter starts with a consonant sound
	}
	if !strings.ContainsRune("aeiou", rune(lower[0])) {
		return false
	}
	for _, e := range anExceptions {
		if strings.HasPrefix(lower, e) {
			return false
		}
	}
	return true
}

// isAcronym reports whether word is two or more capitals spelled out
// letter by letter (SRE, HR, MBA), not a capitalised word.
func isAcronym(word string) bool {
	n := 0
	for _, r := range word {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		} else if !unicode.IsDigit(r) && r != '/' && r != '-' {
			break
		}
	}
	return n >= 2
}

// countNouns are the nouns the site counts, singular to plural.
var countNouns = map[string]string{
	"result": "results", "occupation": "occupations", "career": "careers", "guide": "guides", "skill": "skills",
	"person": "people", "year": "years", "hour": "hours", "month": "months", "week": "weeks", "day": "days",
	"level": "levels", "answer": "answers", "statement": "statements", "question": "questions", "point": "points",
	"resource": "resources", "title": "titles", "job": "jobs", "test": "tests", "score": "scores", "match": "matches",
	"percentile": "percentiles", "network": "networks", "employer": "employers", "move": "moves", "change": "changes",
	"raise": "raises", "round": "rounds", "topic": "topics", "interest": "interests", "group": "groups", "row": "rows",
	"code": "codes", "page": "pages", "word": "words",
}

// countAndNoun is a whole number and the word after it.
var countAndNoun = regexp.MustCompile(`(?:^|[^\p{L}\p{N}.,/$–-])(\d[\d,]*) (\p{L}+)\b`)

// disagree reports whether the count and the noun after it disagree:
// "1 results", "2 occupation".
func disagree(count, noun string) bool {
	if count == "1" {
		for _, plural := range countNouns {
			if noun == plural {
				return true
			}
		}
		return false
	}
	_, singular := countNouns[noun]
	return singular
}

// britishSpellings are the British spellings an editor of American English
// would catch, as stems; the site writes American English, as its sources
// (O*NET, the BLS) are American.
var britishSpellings = []string{
	`organis(?:e|ed|es|ing|ation|ations|ational)`, `behaviour`, `colour`, `favour`, `honour`, `labour`, `neighbour`,
	`centre`, `centred`, `licences?`, `programmes?`, `catalogue`, `modelling`, `modelled`, `labelled`, `labelling`,
	`travelled`, `travelling`, `cancelled`, `cancelling`, `judgement`, `defence`, `offence`, `practis(?:e|ed|es|ing)`,
	`ageing`, `grey`, `analys(?:e|ed|ing)`, // "analyses" is also the plural of analysis
	`(?:optimis|prioritis|recognis|specialis|realis|summaris|customis|visualis|normalis|standardis|categoris|criticis|` +
		`authoris|utilis|minimis|maximis|emphasis|apologis|memoris|synchronis|serialis|initialis)(?:e|ed|es|ing|ation|ations)`,
	`counsell\p{L}*`, `whilst`, `learnt`, `enrol`, `fulfil`,
}

// productName reports whether the match at loc in line is the start of a
// capitalized, hyphenated product name ("Analyse-it", a statistics package
// O*NET lists): a name, spelled as its maker spells it.
func productName(line string, loc []int) bool {
	rest := line[loc[1]:]
	return unicode.IsUpper(rune(line[loc[0]])) && len(rest) > 1 && rest[0] == '-' && unicode.IsLetter(rune(rest[1]))
}

// britishWord matches a word of britishSpellings.
var britishWord = regexp.MustCompile(`(?i)\b(?:` + strings.Join(britishSpellings, "|") + `)\b`)

// inlineElements run within a line of text; every other element starts
// and ends one.
var inlineElements = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "cite": true, "code": true, "data": true, "dfn": true,
	"em": true, "i": true, "kbd": true, "mark": true, "q": true, "s": true, "samp": true, "small": true,
	"span": true, "strong": true, "sub": true, "sup": true, "time": true, "u": true, "var": true, "wbr": true,
	"label": true, "output": true,
}

// visibleText is the text of the document's body, one block per line,
// without scripts, styles, templates or hidden elements: what copyProblems
// reads.
func visibleText(doc *goquery.Document) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "template", "noscript", "head":
				return
			}
			for _, a := range n.Attr {
				if a.Key == "hidden" || (a.Key == "aria-hidden" && a.Val == "true") {
					return
				}
			}
		}
		block := n.Type == html.ElementNode && !inlineElements[n.Data]
		if block {
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteByte('\n')
		}
	}
	for _, n := range doc.Find("body").Nodes {
		walk(n)
	}
	return b.String()
}
