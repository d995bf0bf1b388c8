package server_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestFoundationRoutes(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()

	home := b.get("/")
	if home.Status != http.StatusOK {
		t.Fatalf("GET /: %d", home.Status)
	}
	if home.Doc.Find(`a[href="/careers/backend-developer"]`).Length() == 0 {
		t.Fatal("home has no link to Backend Developer")
	}
	home.mustContain(t, "Backend Developer")

	ov := b.get("/careers/backend-developer")
	if ov.Status != http.StatusOK {
		t.Fatalf("overview: %d", ov.Status)
	}
	c, _ := app.Catalog().Career("backend-developer")
	ov.mustContain(t, c.Tagline,
		"Junior Backend Developer", "Senior Backend Developer", "Staff Backend Developer", "Backend Director / VP Engineering",
		"$70,000 – $95,000", "$95,000 – $125,000", "$125,000 – $155,000", "$155,000 – $200,000", "$220,000")
	if n := ov.Doc.Find("ol.ladder > li").Length(); n != 5 {
		t.Fatalf("overview ladder has %d levels, want 5", n)
	}
	if n := ov.Doc.Find("h1").Length(); n != 1 {
		t.Fatalf("overview has %d h1 elements", n)
	}

	for _, path := range []string{"/nope", "/careers/no-such-career", "/careers/backend-developer/no-such-section"} {
		p := b.get(path)
		if p.Status != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, p.Status)
		}
		p.mustContain(t, "Page not found", "careerguide")
	}

	if p := b.get("/livez"); p.Status != http.StatusOK {
		t.Errorf("/livez: %d", p.Status)
	}
	if p := b.get("/readyz"); p.Status != http.StatusOK || !strings.Contains(p.Body, "ready") {
		t.Errorf("/readyz: %d %q", p.Status, p.Body)
	}
}

func TestStaticAssetsAreHashedAndImmutable(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	href, ok := b.get("/").Doc.Find(`link[rel="stylesheet"]`).Attr("href")
	if !ok || !strings.HasPrefix(href, "/static/css/site.") {
		t.Fatalf("stylesheet href %q", href)
	}
	css := b.get(href)
	if css.Status != http.StatusOK || !strings.Contains(css.Header.Get("Cache-Control"), "immutable") {
		t.Fatalf("GET %s: %d, Cache-Control %q", href, css.Status, css.Header.Get("Cache-Control"))
	}
	if p := b.get("/static/css/site.css"); p.Status != http.StatusNotFound {
		t.Fatalf("unhashed asset URL: %d, want 404", p.Status)
	}
	if p := b.get("/static/../go.mod"); p.Status != http.StatusNotFound {
		t.Fatalf("path traversal: %d, want 404", p.Status)
	}
}

func TestHTMLIsGzipped(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	req, _ := http.NewRequest(http.MethodGet, app.URL+"/careers/backend-developer", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding %q, want gzip", resp.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	if !strings.Contains(string(body), "Backend Developer") {
		t.Fatal("gzipped body does not decode to the page")
	}
}

// After Drain, /readyz answers 503 and every response closes its
// connection, so keep-alive clients reconnect to the next instance.
func TestDrainClosesEveryConnection(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	b := app.browser()
	if resp, err := http.Get(app.URL + "/"); err != nil || resp.StatusCode != http.StatusOK || resp.Close {
		t.Fatalf("before Drain: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	app.Drain()
	if p := b.get("/readyz"); p.Status != http.StatusServiceUnavailable {
		t.Fatalf("readyz while draining: %d, want 503", p.Status)
	}
	for _, path := range []string{"/", "/careers/backend-developer", "/no-such-page"} {
		resp, err := http.Get(app.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if !resp.Close {
			t.Errorf("GET %s while draining: the connection is kept open (Connection %q)", path, resp.Header.Get("Connection"))
		}
	}
}
