package components_test

import (
	"bytes"
	"context"
	"math"
	"strconv"
	"strings"
	"sync"
	"testing"

	contentfs "careerguide/content"
	"careerguide/internal/career"
	"careerguide/internal/content"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"
)

// loadCatalog reads the real content once for every test of the package.
var loadCatalog = sync.OnceValues(func() (*career.Catalog, error) { return content.Load(contentfs.FS) })

func catalog(t *testing.T) *career.Catalog {
	t.Helper()
	cat, err := loadCatalog()
	if err != nil {
		t.Fatalf("load content: %v", err)
	}
	return cat
}

func backend(t *testing.T) *career.Career {
	t.Helper()
	c, ok := catalog(t).Career("backend-developer")
	if !ok {
		t.Fatal("no backend-developer career in the content")
	}
	return c
}

// render renders c, with children when given, into a goquery document.
func render(t *testing.T, c templ.Component, children ...templ.Component) *goquery.Document {
	t.Helper()
	ctx := context.Background()
	if len(children) > 0 {
		ctx = templ.WithChildren(ctx, templ.Join(children...))
	}
	var buf bytes.Buffer
	if err := c.Render(ctx, &buf); err != nil {
		t.Fatalf("render: %v", err)
	}
	doc, err := goquery.NewDocumentFromReader(&buf)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return doc
}

// text is the selection's text with runs of white space collapsed.
func text(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

// texts is the collapsed text of each element of s.
func texts(s *goquery.Selection) []string {
	var out []string
	s.Each(func(_ int, e *goquery.Selection) { out = append(out, text(e)) })
	return out
}

// attr is the attribute's value; the test fails when it is missing.
func attr(t *testing.T, s *goquery.Selection, name string) string {
	t.Helper()
	v, ok := s.Attr(name)
	if !ok {
		h, _ := goquery.OuterHtml(s)
		t.Fatalf("no %s attribute on %s", name, h)
	}
	return v
}

// num parses a numeric attribute; the test fails unless it is a finite number.
func num(t *testing.T, s *goquery.Selection, name string) float64 {
	t.Helper()
	v := attr(t, s, name)
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		t.Fatalf("%s=%q is not a finite number", name, v)
	}
	return f
}
