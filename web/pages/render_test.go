package pages_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"

	contentfs "careerguide/content"
	"careerguide/internal/career"
	"careerguide/internal/content"
	"careerguide/web/components"

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

// backendNav is the navigation of the Backend Developer guide on path,
// with the level key set ("" for none).
func backendNav(t *testing.T, path, level string) components.CareerNav {
	t.Helper()
	c, ok := catalog(t).Career("backend-developer")
	if !ok {
		t.Fatal("no backend-developer career in the content")
	}
	nav := components.CareerNav{Career: c, Path: path}
	if level != "" {
		if nav.Current = c.Level(level); nav.Current == nil {
			t.Fatalf("no level %q", level)
		}
	}
	return nav
}

func render(t *testing.T, c templ.Component) *goquery.Document {
	t.Helper()
	var buf bytes.Buffer
	if err := c.Render(context.Background(), &buf); err != nil {
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

func texts(s *goquery.Selection) []string {
	var out []string
	s.Each(func(_ int, e *goquery.Selection) { out = append(out, text(e)) })
	return out
}

func attr(t *testing.T, s *goquery.Selection, name string) string {
	t.Helper()
	v, ok := s.Attr(name)
	if !ok {
		h, _ := goquery.OuterHtml(s)
		t.Fatalf("no %s attribute on %s", name, h)
	}
	return v
}

// link is the one <a> in s whose text is label.
func link(t *testing.T, s *goquery.Selection, label string) *goquery.Selection {
	t.Helper()
	a := s.Find("a").FilterFunction(func(_ int, e *goquery.Selection) bool { return text(e) == label })
	if a.Length() != 1 {
		t.Fatalf("%d links %q, want 1", a.Length(), label)
	}
	return a
}
