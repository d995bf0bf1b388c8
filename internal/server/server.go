// Package server is careerguide's HTTP layer: the chi router (routes.go),
// one file per handler, middleware, sessions and error pages. Handlers read
// content from an in-memory snapshot and build view models for web/pages.
package server

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"

	"careerguide/internal/auth"
	"careerguide/internal/career"
	"careerguide/internal/config"
	"careerguide/internal/store"
	"careerguide/web/components"
	"careerguide/web/static"

	"github.com/alexedwards/scs/v2"
	lru "github.com/hashicorp/golang-lru/v2"
)

// Deps are the server's collaborators, built by main.
type Deps struct {
	Config   config.Config
	Store    *store.Store
	Content  *Snapshot
	Sessions *scs.SessionManager
	Assets   *static.Assets
	Hasher   *auth.Hasher
	Logger   *slog.Logger
	// SigningKey signs cookies; shared by all instances (from the database).
	SigningKey []byte
}

// Server handles every request.
type Server struct {
	Deps
	draining atomic.Bool
	bufs     sync.Pool
	css      string
	limits   limits
	pages    pageCache
	library  libraryCache
	results  *lru.Cache[resultKey, *rendered]
}

// New builds a Server. It takes over the session manager's error handling,
// so a session store failure is a friendly 503.
func New(d Deps) *Server {
	results, _ := lru.New[resultKey, *rendered](resultCacheSize) // errs only on size <= 0
	s := &Server{Deps: d, css: d.Assets.URL("css/site.css"), limits: newLimits(), results: results}
	s.bufs.New = func() any { return new(bytes.Buffer) }
	d.Sessions.ErrorFunc = s.unavailable
	d.Assets.NotFound = http.HandlerFunc(s.notFound)
	return s
}

// resultCacheSize bounds the rendered result pages kept (about 12 KB each).
const resultCacheSize = 2048

// Drain makes /readyz answer 503 so load balancers stop sending traffic,
// and every response close its connection, so keep-alive clients reconnect
// (to the next instance).
func (s *Server) Drain() { s.draining.Store(true) }

// Snapshot holds the current immutable content catalog.
type Snapshot struct {
	p atomic.Pointer[career.Catalog]
}

// NewSnapshot holds cat.
func NewSnapshot(cat *career.Catalog) *Snapshot {
	s := &Snapshot{}
	s.p.Store(cat)
	return s
}

// Catalog is the current catalog; never modify it.
func (s *Snapshot) Catalog() *career.Catalog { return s.p.Load() }

// Reload replaces the catalog with the one in the database when its hash
// differs. It reports whether it replaced it.
func (s *Snapshot) Reload(ctx context.Context, st *store.Store) (bool, error) {
	cat, err := st.LoadCatalog(ctx)
	if err != nil {
		return false, err
	}
	if old := s.p.Load(); old != nil && old.Hash == cat.Hash {
		return false, nil
	}
	s.p.Store(cat)
	return true, nil
}

// chrome is the layout data of a page.
func (s *Server) chrome(r *http.Request, title, description string) components.Chrome {
	c := components.Chrome{Title: title, Description: description, CSS: s.css, Path: r.URL.Path}
	c.Email, c.SignedIn = s.signedIn(r)
	return c
}
