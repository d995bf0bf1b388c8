// Package static embeds the site's CSS, JavaScript and images and serves
// them under content-hash URLs, so they can be cached forever.
package static

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed css img
var files embed.FS

// Prefix is the URL path under which assets are served.
const Prefix = "/static/"

type asset struct {
	body, gz    []byte
	contentType string
	etag        string
}

// Assets maps asset names ("css/site.css") to their hashed URLs and serves them.
type Assets struct {
	urls  map[string]string // name -> URL
	byURL map[string]*asset // URL path -> asset
	// NotFound answers unknown asset URLs; http.NotFound when nil.
	NotFound http.Handler
}

// New reads and hashes every embedded asset.
func New() (*Assets, error) {
	a := &Assets{urls: map[string]string{}, byURL: map[string]*asset{}}
	err := fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := files.ReadFile(name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		h := hex.EncodeToString(sum[:])[:12]
		ext := path.Ext(name)
		url := Prefix + strings.TrimSuffix(name, ext) + "." + h + ext
		ct := mime.TypeByExtension(ext)
		if ext == ".ico" {
			ct = "image/x-icon" // not in every system's MIME table
		}
		if ct == "" {
			ct = "application/octet-stream"
		}
		as := &asset{body: body, contentType: ct, etag: `"` + h + `"`}
		if strings.HasPrefix(ct, "text/") || strings.Contains(ct, "javascript") || strings.Contains(ct, "svg") {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			zw.Write(body)
			zw.Close()
			as.gz = buf.Bytes()
		}
		a.urls[name] = url
		a.byURL[url] = as
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static assets: %w", err)
	}
	return a, nil
}

// URL is the hashed URL of the asset name; it panics on an unknown name,
// which is a programming error caught by any test that renders a page.
func (a *Assets) URL(name string) string {
	u, ok := a.urls[name]
	if !ok {
		panic("static: unknown asset " + name)
	}
	return u
}

// Fixed serves the asset name at a URL of its own that browsers ask for
// without being told (/favicon.ico), cached for a day rather than forever.
func (a *Assets) Fixed(name string) http.Handler {
	as, ok := a.byURL[a.URL(name)]
	if !ok {
		panic("static: unknown asset " + name)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.serve(w, r, as, "public, max-age=86400")
	})
}

// ServeHTTP serves an asset by its hashed URL with a year-long immutable
// cache lifetime; anything else is 404.
func (a *Assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	as, ok := a.byURL[r.URL.Path]
	if !ok {
		if a.NotFound != nil {
			a.NotFound.ServeHTTP(w, r)
		} else {
			http.NotFound(w, r)
		}
		return
	}
	a.serve(w, r, as, "public, max-age=31536000, immutable")
}

// serve writes the asset, gzipped when the client accepts it, with the
// Cache-Control cache; HEAD gets the headers only.
func (a *Assets) serve(w http.ResponseWriter, r *http.Request, as *asset, cache string) {
	h := w.Header()
	h.Set("Content-Type", as.contentType)
	h.Set("Cache-Control", cache)
	h.Set("ETag", as.etag)
	h.Set("Vary", "Accept-Encoding")
	if r.Header.Get("If-None-Match") == as.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := as.body
	if as.gz != nil && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		body = as.gz
	}
	h.Set("Content-Length", fmt.Sprint(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}
