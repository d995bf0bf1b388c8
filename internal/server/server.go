// Package server is careerguide's HTTP layer: the chi router (routes.go),
// one file per handler, middleware, sessions, the page cache and error
// pages. Handlers read content from the current catalog snapshot and build
// view models for web/pages. The process around it is assembled by
// internal/app.
package server

import (
	"bytes"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"careerguide/internal/auth"
	"careerguide/internal/career"
	"careerguide/internal/config"
	"careerguide/internal/finder"
	"careerguide/internal/store"
	"careerguide/web/components"
	"careerguide/web/static"

	"github.com/alexedwards/scs/v2"
)

// Deps are the server's collaborators, built by internal/app.
type Deps struct {
	Config config.Config
	Store  *store.Store
	// Results stores match test results in groups (one commit for the
	// submissions that arrive together).
	Results *store.ResultWriter
	// Stored tells whether results are stored (a kept result page asks on
	// every view), reading the ids asked at the same moment together.
	Stored *store.ResultChecker
	// Catalog is the current content snapshot; it is never modified, and
	// may be replaced between two calls.
	Catalog func() *career.Catalog
	// SessionStore keeps the sessions (in PostgreSQL, shared by instances).
	SessionStore scs.Store
	Assets       *static.Assets
	Hasher       *auth.Hasher
	Logger       *slog.Logger
	// SigningKey signs cookies; shared by all instances (from the database).
	SigningKey []byte
	// Draining reports whether the instance is shutting down: readiness
	// answers 503 and every response closes its connection.
	Draining func() bool
}

// server handles every request.
type server struct {
	Deps
	sessions *scs.SessionManager
	bufs     sync.Pool
	css      string
	icon     string
	limits   limits
	clients  clientKeys
	caches   atomic.Pointer[keptCaches] // renders kept from the current content; see kept
	counters *counterCache              // Result Library counters
	gzip     *gzipPools
	finder   *finder.Finder // the occupation finder and its answers kept per content snapshot
	// cachePage is the Cache-Control of an anonymous content page (pagePolicy).
	cachePage string
}

// New is the complete HTTP handler of careerguide. A session store failure
// is a friendly 503.
func New(d Deps) http.Handler {
	s := &server{Deps: d, css: d.Assets.URL("css/site.css"), icon: d.Assets.URL("img/favicon.svg"), limits: newLimits(d.Config), counters: newCounterCache(), gzip: newGzipPools(),
		finder: finder.New(finder.DefaultLimits())}
	s.bufs.New = func() any { return new(bytes.Buffer) }
	s.cachePage = pagePolicy(d.Config.SharedCacheTTL)
	s.sessions = newSessions(d.Config, d.SessionStore)
	s.sessions.ErrorFunc = s.unavailable
	d.Assets.NotFound = http.HandlerFunc(s.notFound)
	return s.routes()
}

// catalog is the current content.
func (s *server) catalog() *career.Catalog { return s.Catalog() }

// chrome is the layout data of a page. It holds nothing personal beyond
// whether the person is signed in, so it may be part of a cached render.
// The canonical URL is the path without its query: a filtered or sorted
// home page is the home page.
func (s *server) chrome(r *http.Request, title, description string) components.Chrome {
	return components.Chrome{
		Title: title, Description: metaDescription(description), CSS: s.css, Icon: s.icon, Path: r.URL.Path,
		SignedIn: s.isSignedIn(r), Canonical: s.absURL(r.URL.EscapedPath()),
	}
}

// maxDescription is the longest meta description search engines show whole.
const maxDescription = 160

// metaDescription is text as a meta description: white space collapsed,
// and text longer than maxDescription characters cut at a word with "…".
func metaDescription(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= maxDescription {
		return text
	}
	runes := []rune(text)[:maxDescription-1]
	cut := string(runes)
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.-–") + "…"
}
