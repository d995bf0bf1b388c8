package server

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"careerguide/web/components"

	"github.com/a-h/templ"
)

// pageKey identifies one variant of a content page: the same path, level
// and signed-in state always render the same bytes for a given content hash.
type pageKey struct {
	hash, path, level string
	signedIn          bool
}

// rendered is a page's bytes, plain and gzipped.
type rendered struct {
	body, gz []byte
}

// pageCache holds the rendered variants of content pages. It is emptied
// when the content changes; entries are keyed by content hash besides, so
// a render that races a reload can never be served for the new content.
type pageCache struct {
	m    sync.Map // pageKey -> *rendered
	gzip sync.Pool
}

func (pc *pageCache) clear() { pc.m.Clear() }

// minGzip is the smallest body worth compressing.
const minGzip = 1024

func acceptsGzip(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept-Encoding") {
		for _, part := range strings.Split(v, ",") {
			name, q, _ := strings.Cut(strings.TrimSpace(part), ";")
			if strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.TrimSpace(q) != "q=0" {
				return true
			}
		}
	}
	return false
}

func (s *Server) gzipBytes(b []byte, level int) []byte {
	var buf bytes.Buffer
	buf.Grow(len(b) / 4)
	zw, _ := s.pages.gzip.Get().(*gzip.Writer)
	if zw == nil || level != gzip.DefaultCompression {
		zw, _ = gzip.NewWriterLevel(&buf, level)
	} else {
		zw.Reset(&buf)
		defer s.pages.gzip.Put(zw)
	}
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// writeHTML sends an HTML body, gzipped when the client accepts it (gz may
// be nil: it is then compressed here for bodies worth it).
func (s *Server) writeHTML(w http.ResponseWriter, r *http.Request, status int, body, gz []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Add("Vary", "Accept-Encoding")
	if acceptsGzip(r) && len(body) >= minGzip {
		if gz == nil {
			gz = s.gzipBytes(body, gzip.DefaultCompression)
		}
		h.Set("Content-Encoding", "gzip")
		body = gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// render writes the component with the status, rendering into a buffer
// first: a render error becomes a clean 500 page, never half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	buf := s.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer s.bufs.Put(buf)
	if err := c.Render(r.Context(), buf); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.writeHTML(w, r, status, buf.Bytes(), nil)
}

// renderCached serves a content page (200) from the page cache, rendering
// and storing it on the first request for its variant.
func (s *Server) renderCached(w http.ResponseWriter, r *http.Request, nav components.CareerNav, build func() templ.Component) {
	_, signedIn := s.signedIn(r)
	key := pageKey{hash: s.Content.Catalog().Hash, path: r.URL.Path, signedIn: signedIn}
	if nav.Current != nil {
		key.level = nav.Current.Key
	}
	if v, ok := s.pages.m.Load(key); ok {
		p := v.(*rendered)
		s.writeHTML(w, r, http.StatusOK, p.body, p.gz)
		return
	}
	p, err := s.renderBytes(r, build(), gzip.BestCompression)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.pages.m.Store(key, p)
	s.writeHTML(w, r, http.StatusOK, p.body, p.gz)
}

// renderBytes renders a page to keep: its bytes and their gzip at level.
func (s *Server) renderBytes(r *http.Request, c templ.Component, level int) (*rendered, error) {
	var buf bytes.Buffer
	if err := c.Render(r.Context(), &buf); err != nil {
		return nil, err
	}
	return &rendered{body: buf.Bytes(), gz: s.gzipBytes(buf.Bytes(), level)}, nil
}
