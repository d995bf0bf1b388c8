package server

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"time"

	"careerguide/internal/auth"
	"careerguide/internal/config"
	"careerguide/internal/content"
	"careerguide/internal/store"
	"careerguide/web/static"

	"github.com/jackc/pgx/v5/pgxpool"
)

// App is a careerguide instance ready to serve: its pool, the synced content
// snapshot (kept current through LISTEN/NOTIFY), sessions and the Server.
type App struct {
	*Server
	Pool  *pgxpool.Pool
	close []func()
}

// NewApp connects to the migrated database at dbURL, syncs the content in
// contentFS when its hash changed, loads the snapshot and starts watching
// for content changes made by other instances.
func NewApp(ctx context.Context, cfg config.Config, dbURL string, contentFS fs.FS, logger *slog.Logger) (*App, error) {
	cat, err := content.Load(contentFS)
	if err != nil {
		return nil, err
	}
	poolCfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		return nil, fmt.Errorf("database URL: %w", err)
	}
	poolCfg.MaxConns = cfg.DBMaxConns
	poolCfg.ConnConfig.ConnectTimeout = 2 * time.Second
	pool, err := pgxpool.NewWithConfig(ctx, poolCfg)
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	a := &App{Pool: pool, close: []func(){pool.Close}}
	ok := false
	defer func() {
		if !ok {
			a.Close()
		}
	}()
	st := store.New(pool)
	changed, err := st.SyncContent(ctx, cat)
	if err != nil {
		return nil, err
	}
	logger.Info("content", "hash", cat.Hash[:12], "synced", changed, "careers", len(cat.Careers))
	loaded, err := st.LoadCatalog(ctx)
	if err != nil {
		return nil, err
	}
	snap := NewSnapshot(loaded)
	assets, err := static.New()
	if err != nil {
		return nil, err
	}
	hasher, err := auth.NewHasher()
	if err != nil {
		return nil, err
	}
	key, err := st.SigningKey(ctx, "cookies")
	if err != nil {
		return nil, err
	}
	sessions, stopCleanup := NewSessions(cfg, pool)
	a.close = append(a.close, stopCleanup)
	a.Server = New(Deps{Config: cfg, Store: st, Content: snap, Sessions: sessions, Assets: assets, Hasher: hasher, Logger: logger, SigningKey: key})

	watchCtx, stopWatch := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan struct{})
	a.close = append(a.close, func() { stopWatch(); <-done })
	go func() {
		defer close(done)
		st.WatchContent(watchCtx, func(string) { a.reloadContent(watchCtx) },
			func(err error) { logger.Warn("content listener", "err", err) })
	}()
	ok = true
	return a, nil
}

// reloadContent refreshes the snapshot after another instance synced content.
func (a *App) reloadContent(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	changed, err := a.Content.Reload(ctx, a.Store)
	if err != nil {
		a.Logger.Warn("content reload", "err", err)
		return
	}
	if changed {
		a.pages.clear()
		a.Logger.Info("content reloaded", "hash", a.Content.Catalog().Hash)
	}
}

// Close stops background work and closes the pool, in reverse order of start.
func (a *App) Close() {
	for i := len(a.close) - 1; i >= 0; i-- {
		a.close[i]()
	}
}
