// Package pglocal finds or starts a PostgreSQL server so that the app and its
// tests work on a fresh machine without configuration.
//
// Find tries, in order: an explicit connection string, a server on
// 127.0.0.1:5432 (user postgres, trust auth), and finally a project-local
// cluster that it initializes and starts with the PostgreSQL server binaries
// (initdb, pg_ctl). When the process runs as root, the server binaries are run
// as an unprivileged user, because PostgreSQL refuses to run as root.
package pglocal

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Options says where to look.
type Options struct {
	// URL is an explicit connection string (DATABASE_URL / TEST_DATABASE_URL).
	// When set it is used as is (it is still pinged).
	URL string
	// Database is the database to use (and create when missing) on a local
	// server, e.g. "careerguide". Empty means "postgres".
	Database string
	// DataDir is where a project-local cluster lives when no server answers,
	// e.g. ".data/postgres". A relative path is taken relative to the working
	// directory.
	DataDir string
	// Logger receives progress lines. Nil discards them.
	Logger *slog.Logger
}

// Server is a located PostgreSQL.
type Server struct {
	// URL is the connection string for Options.Database.
	URL string
	// AdminURL is the connection string for the maintenance database
	// "postgres" on the same server (used to create databases).
	AdminURL string
	// Started is true when this call started a cluster of its own.
	Started bool

	cluster *cluster // nil unless the server is a cluster managed by this package
}

const (
	// DefaultLocalURL is the conventional local server tried by Find.
	DefaultLocalURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	// DefaultClusterPort is the preferred port for a project-local cluster.
	DefaultClusterPort = 5433

	explicitPingTimeout = 5 * time.Second
	localPingTimeout    = 2 * time.Second
	adminDatabase       = "postgres"
)

// ErrNotFound is wrapped by the error Find returns when it finds no server
// and cannot start one.
var ErrNotFound = errors.New("no PostgreSQL found: set DATABASE_URL, start a server on 127.0.0.1:5432, or install the PostgreSQL server binaries (initdb, pg_ctl)")

// Find returns a usable server:
//
//  1. opts.URL set: ping it and return it (AdminURL is the same URL with
//     database "postgres").
//  2. else the local server at DefaultLocalURL: when it answers, create
//     opts.Database if missing and return it.
//  3. else, when initdb and pg_ctl are installed, use (initialize and start
//     when needed) a cluster in opts.DataDir listening on 127.0.0.1.
//  4. else an error wrapping ErrNotFound that says what to do.
func Find(ctx context.Context, opts Options) (*Server, error) {
	return find(ctx, opts, DefaultLocalURL)
}

// find is Find with the local server's URL as a parameter (tests point it at a
// closed port to exercise the cluster path).
func find(ctx context.Context, opts Options, localURL string) (*Server, error) {
	logger := loggerOrDiscard(opts.Logger)
	dbName := opts.Database
	if dbName == "" {
		dbName = adminDatabase
	}

	// 1. Explicit connection string.
	if opts.URL != "" {
		if err := ping(ctx, opts.URL, explicitPingTimeout); err != nil {
			return nil, fmt.Errorf("pglocal: PostgreSQL at %s does not answer: %w", redact(opts.URL), err)
		}
		admin, err := WithDatabase(opts.URL, adminDatabase)
		if err != nil {
			admin = ""
		}
		logger.Info("using PostgreSQL at " + redact(opts.URL))
		return &Server{URL: opts.URL, AdminURL: admin}, nil
	}

	// 2. A server on the conventional local port.
	localErr := ping(ctx, localURL, localPingTimeout)
	if localErr == nil {
		s := &Server{AdminURL: localURL}
		u, err := s.CreateDatabase(ctx, dbName)
		if err != nil {
			return nil, err
		}
		s.URL = u
		logger.Info("using PostgreSQL at " + redact(u))
		return s, nil
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	logger.Debug("no PostgreSQL at "+redact(localURL), "err", localErr)

	// 3. A project-local cluster.
	bins, ok := findBinaries()
	if !ok {
		return nil, fmt.Errorf("pglocal: %w", ErrNotFound)
	}
	if opts.DataDir == "" {
		return nil, fmt.Errorf("pglocal: no server answers at %s and Options.DataDir is empty: %w", redact(localURL), ErrNotFound)
	}
	dir, err := filepath.Abs(opts.DataDir)
	if err != nil {
		return nil, fmt.Errorf("pglocal: data dir: %w", err)
	}
	c, started, err := ensureCluster(ctx, dir, bins, logger)
	if err != nil {
		return nil, err
	}
	s := &Server{AdminURL: c.url(adminDatabase), Started: started, cluster: c}
	u, err := s.CreateDatabase(ctx, dbName)
	if err != nil {
		if started {
			_ = c.stop(context.WithoutCancel(ctx))
		}
		return nil, err
	}
	s.URL = u
	logger.Info("using PostgreSQL at "+redact(u), "data_dir", dir, "started", started)
	return s, nil
}

// StartCluster creates and starts a fresh throwaway cluster in dir (which must
// be empty or missing) on a free port of 127.0.0.1. Its URL and AdminURL both
// name the database "postgres". The caller stops it with Stop.
func StartCluster(ctx context.Context, dir string, logger *slog.Logger) (*Server, error) {
	logger = loggerOrDiscard(logger)
	bins, ok := findBinaries()
	if !ok {
		return nil, fmt.Errorf("pglocal: cannot start a cluster: %w", ErrNotFound)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("pglocal: cluster dir: %w", err)
	}
	c, err := newCluster(ctx, abs, bins, logger)
	if err != nil {
		return nil, err
	}
	u := c.url(adminDatabase)
	return &Server{URL: u, AdminURL: u, Started: true, cluster: c}, nil
}

// Stop stops a cluster this package started (pg_ctl stop -m fast -w). It is a
// no-op when Started is false. Stopping a cluster that is not running is not
// an error.
func (s *Server) Stop(ctx context.Context) error {
	if s == nil || !s.Started || s.cluster == nil {
		return nil
	}
	return s.cluster.stop(ctx)
}

// Start starts (again) a cluster created by StartCluster or by Find and
// stopped since. Starting a running cluster is not an error.
func (s *Server) Start(ctx context.Context) error {
	if s == nil || s.cluster == nil {
		return errors.New("pglocal: Start: this server is not a cluster managed by pglocal")
	}
	return s.cluster.start(ctx)
}

// DataDir returns the directory of the cluster managed by this package, or ""
// for a server it did not create.
func (s *Server) DataDir() string {
	if s == nil || s.cluster == nil {
		return ""
	}
	return s.cluster.dir
}

// CreateDatabase creates database name on the server unless it exists and
// returns its connection string. A concurrent creator is tolerated.
func (s *Server) CreateDatabase(ctx context.Context, name string) (string, error) {
	if name == "" {
		return "", errors.New("pglocal: CreateDatabase: empty database name")
	}
	if s.AdminURL == "" {
		return "", errors.New("pglocal: CreateDatabase: no admin connection string")
	}
	u, err := WithDatabase(s.AdminURL, name)
	if err != nil {
		return "", err
	}
	if err := ensureDatabase(ctx, s.AdminURL, name); err != nil {
		return "", fmt.Errorf("pglocal: create database %q: %w", name, err)
	}
	return u, nil
}

// WithDatabase returns connURL with its database replaced by name. connURL is
// a postgres:// or postgresql:// URL; a keyword/value string ("host=... ")
// gets a trailing dbname setting, which overrides an earlier one.
func WithDatabase(connURL, name string) (string, error) {
	if name == "" {
		return "", errors.New("pglocal: WithDatabase: empty database name")
	}
	trimmed := strings.TrimSpace(connURL)
	if trimmed == "" {
		return "", errors.New("pglocal: WithDatabase: empty connection string")
	}
	if !strings.Contains(trimmed, "://") {
		if strings.Contains(trimmed, "=") {
			return trimmed + " dbname=" + quoteKeywordValue(name), nil
		}
		return "", errors.New("pglocal: WithDatabase: not a postgres:// URL or keyword/value connection string")
	}
	u, err := url.Parse(trimmed)
	if err != nil {
		// The error text repeats the URL, which may hold a password.
		return "", errors.New("pglocal: WithDatabase: malformed connection URL")
	}
	if u.Scheme != "postgres" && u.Scheme != "postgresql" {
		return "", fmt.Errorf("pglocal: WithDatabase: scheme %q is not postgres or postgresql", u.Scheme)
	}
	u.Path = "/" + name
	u.RawPath = "/" + url.PathEscape(name)
	if u.RawQuery != "" {
		q := u.Query()
		if q.Has("dbname") || q.Has("database") {
			q.Del("dbname")
			q.Del("database")
			u.RawQuery = q.Encode()
		}
	}
	return u.String(), nil
}

func quoteKeywordValue(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `'`, `\'`)
	return "'" + s + "'"
}

// ensureDatabase creates name on the server at adminURL unless it exists.
func ensureDatabase(ctx context.Context, adminURL, name string) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	conn, err := connect(ctx, adminURL, explicitPingTimeout)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))

	for attempt := 0; ; attempt++ {
		var exists bool
		if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
			return err
		}
		if exists {
			return nil
		}
		_, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
		if err == nil {
			return nil
		}
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) {
			return err
		}
		switch pgErr.Code {
		case "42P04": // duplicate_database: a concurrent creator won.
			return nil
		case "23505", "55006":
			// unique_violation on pg_database (a concurrent creator of the
			// same name) or object_in_use (someone is connected to the
			// template database): check again after a pause.
			if attempt >= 20 {
				return err
			}
			select {
			case <-ctx.Done():
				return err
			case <-time.After(100 * time.Millisecond * time.Duration(attempt+1)):
			}
		default:
			return err
		}
	}
}

// connect opens a connection, capping the connect timeout at timeout.
func connect(ctx context.Context, connString string, timeout time.Duration) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(connString)
	if err != nil {
		return nil, err
	}
	if timeout > 0 && (cfg.ConnectTimeout == 0 || cfg.ConnectTimeout > timeout) {
		cfg.ConnectTimeout = timeout
	}
	return pgx.ConnectConfig(ctx, cfg)
}

// ping connects to connString and pings it, all within timeout.
func ping(ctx context.Context, connString string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	conn, err := connect(ctx, connString, timeout)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	return conn.Ping(ctx)
}

// redact hides a password in a connection string for logs and errors.
func redact(connString string) string {
	if strings.Contains(connString, "://") {
		if u, err := url.Parse(connString); err == nil {
			return u.Redacted()
		}
		return "(unparsable connection URL)"
	}
	fields := strings.Fields(connString)
	for i, f := range fields {
		if strings.HasPrefix(strings.ToLower(f), "password=") {
			fields[i] = "password=xxxxx"
		}
	}
	return strings.Join(fields, " ")
}

func loggerOrDiscard(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l
}

func localURL(port int, database string) string {
	u := url.URL{
		Scheme:   "postgres",
		User:     url.User("postgres"),
		Host:     "127.0.0.1:" + strconv.Itoa(port),
		Path:     "/" + database,
		RawPath:  "/" + url.PathEscape(database),
		RawQuery: "sslmode=disable",
	}
	return u.String()
}
