// Command careerguide serves the career guide.
//
//	careerguide [serve]          migrate, sync content, serve (default)
//	careerguide migrate          bring the database schema up to date
//	careerguide content check DIR validate content files without a database
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"careerguide/content"
	"careerguide/internal/config"
	contentpkg "careerguide/internal/content"
	"careerguide/internal/pglocal"
	"careerguide/internal/server"
	"careerguide/internal/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout)
	stop()
	if err != nil {
		var pr contentpkg.Problems
		if errors.As(err, &pr) {
			fmt.Fprintln(os.Stderr, pr.Error())
		} else {
			fmt.Fprintln(os.Stderr, "careerguide:", err)
		}
		os.Exit(1)
	}
}

const usage = `usage:
  careerguide [serve]            migrate, sync content and serve
  careerguide migrate            bring the database schema up to date
  careerguide content check DIR  validate content files (no database needed)`

// run is the whole program; main only wires it to the process.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "content":
		if len(args) != 2 || args[0] != "check" {
			return errors.New(usage)
		}
		cat, err := contentpkg.Load(os.DirFS(args[1]))
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "content ok: %d careers, %d questions\n", len(cat.Careers), len(cat.Questions))
		return nil
	case "migrate", "serve":
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	default:
		return fmt.Errorf("unknown command %q\n%s", cmd, usage)
	}

	cfg, err := config.Load(getenv)
	if err != nil {
		return fmt.Errorf("configuration:\n%w", err)
	}
	logger := slog.New(slog.NewTextHandler(stdout, &slog.HandlerOptions{Level: cfg.LogLevel}))

	pg, err := pglocal.Find(ctx, pglocal.Options{URL: cfg.DatabaseURL, Database: "careerguide", DataDir: cfg.DataDir + "/postgres", Logger: logger})
	if err != nil {
		return err
	}
	if err := store.MigrateURL(ctx, pg.URL); err != nil {
		return err
	}
	if cmd == "migrate" {
		fmt.Fprintln(stdout, "migrations applied")
		return nil
	}
	return serve(ctx, cfg, pg.URL, logger, stdout)
}

func serve(ctx context.Context, cfg config.Config, dbURL string, logger *slog.Logger, stdout io.Writer) error {
	var contentFS fs.FS = content.FS
	if cfg.ContentDir != "" {
		contentFS = os.DirFS(cfg.ContentDir)
	}
	app, err := server.NewApp(ctx, cfg, dbURL, contentFS, logger)
	if err != nil {
		return err
	}
	defer app.Close()

	httpSrv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           app.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "careerguide serving on %s (listening on %s)\n", publicURL(cfg, ln.Addr()), ln.Addr())

	errc := make(chan error, 1)
	go func() { errc <- httpSrv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Readiness goes 503 first, then in-flight requests finish; the deferred
	// Close stops the sessions cleanup and the content listener and closes the pool.
	logger.Info("shutting down")
	app.Drain()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := httpSrv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
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
