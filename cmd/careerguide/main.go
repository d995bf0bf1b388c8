// Command careerguide serves the career guide.
//
//	careerguide [serve]          migrate, sync content, serve (default)
//	careerguide migrate          bring the database schema up to date
//	careerguide content check DIR validate content files without a database
//	careerguide data import ...  derive content/occupations/ from O*NET and BLS files
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
	"net/http/pprof"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"careerguide/content"
	"careerguide/internal/config"
	contentpkg "careerguide/internal/content"
	"careerguide/internal/onet"
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
  careerguide content check DIR  validate content files (no database needed)
  careerguide data import [--onet DIR] [--oews FILE] [--projections FILE] [--out FILE]
                                 derive the occupations file from O*NET and BLS files`

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
	case "data":
		return onet.Command(args, stdout)
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
	logs := newLogWriter(stdout)
	defer logs.Close()
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: cfg.LogLevel}))

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

	conns := newConnTracker()
	httpSrv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           app.Handler(),
		ConnState:         conns.track,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	lc := listenConfig()
	ln, err := lc.Listen(ctx, "tcp", cfg.Addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "careerguide serving on %s (listening on %s)\n", publicURL(cfg, ln.Addr()), ln.Addr())

	served := make(chan error, 1)
	go func() { served <- httpSrv.Serve(ln) }()
	debugFailed := make(chan error, 1)
	if cfg.DebugAddr != "" {
		debugSrv, err := serveDebug(ctx, cfg.DebugAddr, logger, debugFailed)
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
	// Drain: readiness goes 503 and every response closes its connection,
	// while the listener stays open for DrainDelay so that nothing is
	// refused before a load balancer (or a new instance on the same port)
	// takes over.
	logger.Info("draining", "delay", cfg.DrainDelay)
	app.Drain() // readiness 503; every response closes its connection
	time.Sleep(cfg.DrainDelay)

	// Then close the listener and answer the requests of the connections
	// already accepted before calling Shutdown: Shutdown drops (closes
	// without an answer) any request it reads after it began. Finally
	// Shutdown closes the idle connections and waits for the rest; the
	// deferred Close stops the sessions cleanup and the content listener
	// and closes the pool.
	logger.Info("shutting down", "connections_busy", conns.busy(time.Now()))
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	ln.Close()
	if err := <-served; err != nil && !errors.Is(err, net.ErrClosed) {
		logger.Warn("serve", "err", err)
	}
	conns.waitQuiet(shutdownCtx)
	if err := httpSrv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	logger.Info("stopped")
	return nil
}

// connTracker knows the state of every connection of the server.
type connTracker struct {
	mu    sync.Mutex
	conns map[net.Conn]connState
}

type connState struct {
	state http.ConnState
	since time.Time
}

func newConnTracker() *connTracker { return &connTracker{conns: map[net.Conn]connState{}} }

// track is the http.Server ConnState hook.
func (t *connTracker) track(c net.Conn, s http.ConnState) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if s == http.StateClosed || s == http.StateHijacked {
		delete(t.conns, c)
		return
	}
	t.conns[c] = connState{s, time.Now()}
}

// newConnGrace is how long a connection accepted without a request yet is
// waited for after the listener closed: a client sends its request right
// after connecting; one that stays silent longer only keeps a spare
// connection, which Shutdown closes.
const newConnGrace = time.Second

// busy counts the connections reading or answering a request, and those
// accepted less than newConnGrace ago whose request has not arrived yet.
func (t *connTracker) busy(now time.Time) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for _, s := range t.conns {
		if s.state == http.StateActive || s.state == http.StateNew && now.Sub(s.since) < newConnGrace {
			n++
		}
	}
	return n
}

// waitQuiet waits until no connection is busy, or ctx ends.
func (t *connTracker) waitQuiet(ctx context.Context) {
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for t.busy(time.Now()) > 0 {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// serveDebug serves net/http/pprof on addr (DEBUG_ADDR), apart from the
// site. A failure to serve is sent to errc (buffered).
func serveDebug(ctx context.Context, addr string, logger *slog.Logger, errc chan<- error) (*http.Server, error) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("DEBUG_ADDR: %w", err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	logger.Info("debug endpoints (pprof) on " + ln.Addr().String())
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("debug server: %w", err)
		}
	}()
	return srv, nil
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
