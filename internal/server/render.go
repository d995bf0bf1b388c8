package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"careerguide/internal/career"
	"careerguide/web/components"

	"github.com/a-h/templ"
)

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

// gzipPools keeps gzip writers for reuse, one pool per level used: a new
// writer costs about 800 KB of allocations and ten times the CPU of a
// Reset one.
type gzipPools struct {
	fast, best sync.Pool // gzip.DefaultCompression, gzip.BestCompression
}

func newGzipPools() *gzipPools {
	p := &gzipPools{}
	p.fast.New = func() any { zw, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression); return zw }
	p.best.New = func() any { zw, _ := gzip.NewWriterLevel(nil, gzip.BestCompression); return zw }
	return p
}

// compress is b gzipped at level (gzip.DefaultCompression or
// gzip.BestCompression).
func (p *gzipPools) compress(b []byte, level int) []byte {
	pool := &p.fast
	if level == gzip.BestCompression {
		pool = &p.best
	}
	var buf bytes.Buffer
	buf.Grow(len(b) / 4)
	zw := pool.Get().(*gzip.Writer)
	zw.Reset(&buf)
	zw.Write(b)
	zw.Close()
	zw.Reset(nil) // hold no reference to buf while pooled
	pool.Put(zw)
	return buf.Bytes()
}

// writeHTML sends an HTML body, gzipped when the client accepts it (gz may
// be nil: it is then compressed here for bodies worth it). A 200 page to a
// GET or HEAD carries its caching headers and ETag (etag may be empty: it
// is then computed), and is a 304 when the client's copy is current.
func (s *server) writeHTML(w http.ResponseWriter, r *http.Request, status int, body, gz []byte, etag string) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Add("Vary", "Accept-Encoding")
	if status == http.StatusOK && (r.Method == http.MethodGet || r.Method == http.MethodHead) && s.cacheHeaders(w, r, body, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if acceptsGzip(r) && len(body) >= minGzip {
		if gz == nil {
			gz = s.gzip.compress(body, gzip.DefaultCompression)
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
// first: a render error becomes a clean 500 page, never half a page. The
// page is rendered even when the client has gone away (the request's
// context is canceled then): that is no server error.
func (s *server) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	buf := s.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer s.bufs.Put(buf)
	if err := c.Render(context.WithoutCancel(r.Context()), buf); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.writeHTML(w, r, status, buf.Bytes(), nil, "")
}

// pageKey is the cache key of this request's page in the variant that
// shows level (nil for pages that do not show the person's level).
func (s *server) pageKey(r *http.Request, level *career.Level) pageKey {
	k := pageKey{hash: s.catalog().Hash, path: r.URL.Path, variant: variant{signedIn: s.isSignedIn(r)}}
	if level != nil {
		k.level = level.Key
	}
	return k
}

// kept is the kept renders of the current content snapshot: the first
// request after the snapshot is replaced starts new caches for it.
func (s *server) kept() *keptCaches {
	cat := s.catalog()
	for {
		cur := s.caches.Load()
		if cur != nil && cur.cat == cat {
			return cur
		}
		if s.caches.CompareAndSwap(cur, newKeptCaches(cat)) {
			return s.caches.Load()
		}
	}
}

// serveKept serves the render kept under key; on a miss it builds the
// page, renders it (gzipped at level), keeps it and serves it. build
// returns false when it answered the request itself (an error page), and
// then nothing is kept.
func serveKept[K comparable](s *server, w http.ResponseWriter, r *http.Request, kept keeper[K], key K, level int, build func() (templ.Component, bool)) {
	if p := kept.get(key); p != nil {
		s.writeHTML(w, r, http.StatusOK, p.body, p.gz, p.etag)
		return
	}
	c, ok := build()
	if !ok {
		return
	}
	p, err := s.renderBytes(r, c, level)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	kept.put(key, p)
	s.writeHTML(w, r, http.StatusOK, p.body, p.gz, p.etag)
}

// renderCached serves a career page (200), kept per variant: the
// variant's level is the one nav shows (careerNav leaves it out for
// level-blind sections).
func (s *server) renderCached(w http.ResponseWriter, r *http.Request, nav components.CareerNav, build func() templ.Component) {
	serveKept(s, w, r, s.kept().pages, s.pageKey(r, nav.Current), gzip.BestCompression, func() (templ.Component, bool) { return build(), true })
}

// renderBytes renders a page to keep: its bytes and their gzip at level.
func (s *server) renderBytes(r *http.Request, c templ.Component, level int) (*rendered, error) {
	var buf bytes.Buffer
	if err := c.Render(context.WithoutCancel(r.Context()), &buf); err != nil {
		return nil, err
	}
	return &rendered{body: buf.Bytes(), gz: s.gzip.compress(buf.Bytes(), level), etag: pageETag(buf.Bytes())}, nil
}
