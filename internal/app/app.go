// Package app assembles one careerguide process and reads top to bottom:
// configuration -> database (found or started) -> migrations -> pool ->
// content sync -> snapshot -> content watcher -> sessions cleanup -> HTTP
// handler -> serve -> drain -> shutdown. It owns Close.
package app

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"careerguide/internal/auth"
	"careerguide/internal/career"
	"careerguide/internal/config"
	"careerguide/internal/content"
	"careerguide/internal/pglocal"
	"careerguide/internal/server"
	"careerguide/internal/store"
	"careerguide/web/static"

	"github.com/alexedwards/argon2id"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Database finds the PostgreSQL server of cfg (or starts the project-local
// cluster) and brings its schema up to date. It returns the database URL.
func Database(ctx context.Context, cfg config.Config, logger *slog.Logger) (string, error) {
	pg, err := pglocal.Find(ctx, pglocal.Options{URL: cfg.DatabaseURL, Database: "careerguide", DataDir: cfg.DataDir + "/postgres", Logger: logger})
	if err != nil {
		return "", err
	}
	if err := store.MigrateURL(ctx, directURL(cfg, pg.URL)); err != nil {
		return "", err
	}
	return pg.URL, nil
}

// Run is the serve command: the database, the instance, serving until ctx
// ends, then the drain and the shutdown.
func Run(ctx context.Context, cfg config.Config, contentFS fs.FS, logger *slog.Logger, stdout io.Writer) error {
	dbURL, err := Database(ctx, cfg, logger)
	if err != nil {
		return err
	}
	a, err := New(ctx, cfg, dbURL, contentFS, logger)
	if err != nil {
		return err
	}
	defer a.Close()
	return a.Serve(ctx, stdout)
}

// App is one careerguide instance ready to serve: its pool, the content
// snapshot (kept current through LISTEN/NOTIFY) and the HTTP handler.
type App struct {
	cfg     config.Config
	logger  *slog.Logger
	pool    *pgxpool.Pool
	store   *store.Store
	catalog atomic.Pointer[career.Catalog]
	drain   *drainer
	handler http.Handler
	close   []func()
}

// New connects to the migrated database at dbURL, syncs the content in
// contentFS when it changed, keeps it as the snapshot, starts watching for
// content synced by other instances and builds the handler.
func New(ctx context.Context, cfg config.Config, dbURL string, contentFS fs.FS, logger *slog.Logger) (*App, error) {
	cat, err := content.Load(contentFS)
	if err != nil {
		return nil, err
	}
	return NewWith(ctx, cfg, dbURL, logger, Options{Content: cat})
}

// Options are what New reads or decides itself, given instead: tests start
// many instances from one loaded content and hash passwords that protect
// nothing.
type Options struct {
	// Content is the validated content (content.Load) to sync; never
	// modified. Required.
	Content *career.Catalog
	// Hashing is the argon2id cost of passwords; nil is auth.Params.
	Hashing *argon2id.Params
}

// NewWith is New with the content already loaded, and opts.
func NewWith(ctx context.Context, cfg config.Config, dbURL string, logger *slog.Logger, opts Options) (*App, error) {
	cat := opts.Content
	if cat == nil {
		return nil, fmt.Errorf("app: no content")
	}
	poolCfg, err := poolConfig(dbURL, pooled(cfg))
	if err != nil {
		return nil, err
	}
	poolCfg.MaxConns = cfg.DBMaxConns
	pool, err := pgxpool.NewWithConfig(ctx, poolCfg)
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	a := &App{cfg: cfg, logger: logger, pool: pool, store: store.New(pool), drain: newDrainer(), close: []func(){pool.Close}}
	ok := false
	defer func() {
		if !ok {
			a.Close()
		}
	}()

	changed, err := a.store.SyncContent(ctx, cat)
	if err != nil {
		return nil, err
	}
	logger.Info("content", "hash", cat.Hash[:12], "synced", changed, "careers", len(cat.Careers))
	// The stored documents now hold cat (synced, or found with its hash and
	// format), and loading them gives cat back (the store's round-trip
	// test): cat is the snapshot. Content another instance syncs later
	// arrives through watchContent.
	a.catalog.Store(cat)
	if err := a.readFromStandby(ctx); err != nil {
		return nil, err
	}
	a.background(ctx, a.watchContent)
	a.every(ctx, sessionCleanupInterval, a.deleteExpiredSessions)

	assets, err := static.New()
	if err != nil {
		return nil, err
	}
	hashing := opts.Hashing
	if hashing == nil {
		hashing = auth.Params()
	}
	hasher, err := auth.NewHasherWith(hashing, auth.DefaultBounds())
	if err != nil {
		return nil, err
	}
	key, err := a.store.SigningKey(ctx, "cookies")
	if err != nil {
		return nil, err
	}
	// Closed first (Close runs in reverse): after the HTTP server stopped,
	// before the pool.
	results := a.store.NewResultWriter(resultBatch, 10*time.Second)
	a.close = append(a.close, results.Close)
	sessions := a.store.NewSessionStore(groupReaders, groupBatch, 5*time.Second)
	a.close = append(a.close, sessions.Close)
	stored := a.store.NewResultChecker(groupReaders, groupBatch, 5*time.Second)
	a.close = append(a.close, stored.Close)
	a.handler = server.New(server.Deps{
		Config: cfg, Store: a.store, Results: results, Stored: stored, Catalog: a.catalog.Load,
		SessionStore: sessions, // expired sessions: deleteExpiredSessions
		Assets:       assets, Hasher: hasher, Logger: logger, SigningKey: key,
		Draining: a.drain.draining,
	})
	ok = true
	return a, nil
}

// resultBatch is the most match test results stored in one transaction.
const resultBatch = 128

// groupReaders read sessions (and, apart, result ids) at once, each at
// most groupBatch per query: while one waits for PostgreSQL, the next
// gathers its lookups.
const (
	groupReaders = 2
	groupBatch   = 64
)

// background runs fn until Close, which waits for it to return.
func (a *App) background(ctx context.Context, fn func(context.Context)) {
	ctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan struct{})
	a.close = append(a.close, func() { stop(); <-done })
	go func() {
		defer close(done)
		fn(ctx)
	}()
}

// every runs fn every interval in the background (see background), the
// first time one interval after the call.
func (a *App) every(ctx context.Context, interval time.Duration, fn func(context.Context)) {
	a.background(ctx, func(ctx context.Context) {
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				fn(ctx)
			}
		}
	})
}

// watchContent reloads the snapshot whenever another instance synced
// content, until ctx ends.
func (a *App) watchContent(ctx context.Context) {
	onChange := func(string) { a.reloadContent(ctx) }
	onError := func(err error) { a.logger.Warn("content listener", "err", err) }
	if pooled(a.cfg) { // a LISTEN needs a session of its own
		a.store.WatchContentAt(ctx, a.cfg.DatabaseDirectURL, onChange, onError)
		return
	}
	a.store.WatchContent(ctx, onChange, onError)
}

// reloadContent replaces the snapshot when the stored content differs.
func (a *App) reloadContent(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	cat, err := a.store.LoadCatalog(ctx)
	if err != nil {
		a.logger.Warn("content reload", "err", err)
		return
	}
	if old := a.catalog.Load(); old == nil || old.Hash != cat.Hash {
		a.readFloor(ctx) // before the snapshot: no read of the standby older than it
		a.catalog.Store(cat)
		a.logger.Info("content reloaded", "hash", cat.Hash)
	}
}

// sessionCleanupInterval is how often expired sessions are deleted.
const sessionCleanupInterval = 10 * time.Minute

// deleteExpiredSessions deletes the expired sessions (every
// sessionCleanupInterval, see New).
func (a *App) deleteExpiredSessions(ctx context.Context) {
	if n, err := a.store.DeleteExpiredSessions(ctx); err != nil {
		a.logger.Warn("session cleanup", "err", err)
	} else if n > 0 {
		a.logger.Info("session cleanup", "deleted", n)
	}
}

// Handler is every route of the instance.
func (a *App) Handler() http.Handler { return a.handler }

// Pool is the instance's database pool.
func (a *App) Pool() *pgxpool.Pool { return a.pool }

// Catalog is the current content snapshot; never modify it.
func (a *App) Catalog() *career.Catalog { return a.catalog.Load() }

// Drain starts draining: readiness answers 503 and every response closes
// its connection.
func (a *App) Drain() { a.drain.start() }

// Close stops background work and closes the pool, in reverse order of start.
func (a *App) Close() {
	for i := len(a.close) - 1; i >= 0; i-- {
		a.close[i]()
	}
	a.close = nil
}

// Serve serves on cfg.Addr until ctx ends, then drains and shuts down: see
// drainer.shutdown.
func (a *App) Serve(ctx context.Context, stdout io.Writer) error {
	conns := newConnLimits(a.cfg.MaxConns, a.cfg.MaxConnsPerNetwork, a.cfg.BusyIdleTimeout, a.cfg.Trusted)
	httpSrv := &http.Server{
		Addr:    a.cfg.Addr,
		Handler: a.handler,
		ConnState: func(c net.Conn, s http.ConnState) {
			a.drain.track(c, s)
			conns.state(c, s)
		},
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       a.cfg.IdleTimeout,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(a.logger.Handler(), slog.LevelWarn),
	}
	lc := listenConfig()
	ln, err := lc.Listen(ctx, "tcp", a.cfg.Addr)
	if err != nil {
		return err
	}
	ln = conns.listener(ln)
	fmt.Fprintf(stdout, "careerguide serving on %s (listening on %s)\n", publicURL(a.cfg, ln.Addr()), ln.Addr())

	// Loading, checking and syncing the content left tens of MB of garbage
	// that Go would hand back to the system only over minutes: give it
	// back now, so that what a burst adds (a login's hash holds 19 MiB)
	// starts from the live heap, not from the start-up's peak.
	debug.FreeOSMemory()
	if a.cfg.GCHeadroom > 0 {
		gcCtx, stopGC := context.WithCancel(ctx)
		gcDone := make(chan struct{})
		go func() { tuneGC(gcCtx, a.cfg.GCHeadroom, 100*time.Millisecond); close(gcDone) }()
		defer func() { stopGC(); <-gcDone }()
	}
	served := make(chan error, 1)
	go func() { served <- httpSrv.Serve(ln) }()
	debugFailed := make(chan error, 1)
	if a.cfg.DebugAddr != "" {
		debugSrv, err := serveDebug(ctx, a.cfg.DebugAddr, a.logger, debugFailed)
		if err != nil {
			httpSrv.Close()
			return err
		}
		defer debugSrv.Close()
	}
	select {
	case err := <-served:
		return err
	case err := <-debugFailed:
		httpSrv.Close()
		return err
	case <-ctx.Done():
	}
	if err := a.drain.shutdown(httpSrv, ln, served, a.cfg.DrainDelay, a.cfg.ShutdownTimeout, a.logger); err != nil {
		return err
	}
	a.logger.Info("stopped")
	return nil
}

// publicURL is the address people should open: BASE_URL unless it is the
// default while the listener is elsewhere.
func publicURL(cfg config.Config, addr net.Addr) string {
	if cfg.BaseURL.Hostname() == "localhost" {
		if tcp, ok := addr.(*net.TCPAddr); ok {
			return fmt.Sprintf("%s://localhost:%d", cfg.BaseURL.Scheme, tcp.Port)
		}
	}
	return strings.TrimSuffix(cfg.BaseURL.String(), "/")
}
