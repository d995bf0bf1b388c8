package server

import (
	"context"
	"net/http"
	"strings"
	"time"

	"careerguide/internal/career"
	"careerguide/internal/config"
	"careerguide/web/static"

	"github.com/alexedwards/scs/pgxstore"
	"github.com/alexedwards/scs/v2"
	"github.com/jackc/pgx/v5/pgxpool"
)

// NewSessions is the session manager: sessions live in Postgres, so any
// instance can serve any request. stop ends the expired-session cleanup.
func NewSessions(cfg config.Config, pool *pgxpool.Pool) (m *scs.SessionManager, stop func()) {
	st := pgxstore.NewWithCleanupInterval(pool, 10*time.Minute)
	m = scs.New()
	m.Store = st
	m.Codec = sessionCodec{}
	// An absolute lifetime only: an idle timeout would rewrite the session
	// on every request, turning each page view into a database write.
	m.Lifetime = 30 * 24 * time.Hour
	m.Cookie.HttpOnly = true
	m.Cookie.SameSite = http.SameSiteLaxMode
	m.Cookie.Path = "/"
	m.Cookie.Name = "session"
	if cfg.Secure() {
		m.Cookie.Secure = true
		m.Cookie.Name = "__Host-session"
	}
	return m, st.StopCleanup
}

// Session keys.
const (
	userKey  = "user"  // int64 account id
	emailKey = "email" // the account's email, for the header
	flashKey = "flash" // a one-time message
)

// levelPrefix starts the session key of a career's level: levelPrefix+slug.
const levelPrefix = "level/"

func levelKey(slug string) string { return levelPrefix + slug }

// sessions loads the session for every route except health checks and
// static files, which must work without touching the database.
func (s *Server) sessions(next http.Handler) http.Handler {
	withSession := s.Sessions.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), sessionLoaded{}, true)))
	}))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if p == "/livez" || p == "/readyz" || strings.HasPrefix(p, static.Prefix) {
			next.ServeHTTP(w, r)
			return
		}
		withSession.ServeHTTP(w, r)
	})
}

// sessionLoaded marks a request context that carries session data.
type sessionLoaded struct{}

// hasSession reports whether the request went through the session middleware.
func (s *Server) hasSession(ctx context.Context) bool {
	return ctx.Value(sessionLoaded{}) != nil
}

// signedIn is the account's email and true when the person is signed in.
func (s *Server) signedIn(r *http.Request) (string, bool) {
	if !s.hasSession(r.Context()) {
		return "", false
	}
	if s.Sessions.GetInt64(r.Context(), userKey) == 0 {
		return "", false
	}
	return s.Sessions.GetString(r.Context(), emailKey), true
}

// userID is the signed-in account, or 0.
func (s *Server) userID(ctx context.Context) int64 {
	return s.Sessions.GetInt64(ctx, userKey)
}

// currentLevel is the level the person set for the career, or nil.
func (s *Server) currentLevel(ctx context.Context, c *career.Career) *career.Level {
	key := s.Sessions.GetString(ctx, levelKey(c.Slug))
	if key == "" {
		return nil
	}
	return c.Level(key)
}

// sessionLevels are the levels set in this session, by career slug.
func (s *Server) sessionLevels(ctx context.Context) map[string]string {
	out := map[string]string{}
	for _, k := range s.Sessions.Keys(ctx) {
		if slug, ok := strings.CutPrefix(k, levelPrefix); ok {
			if v := s.Sessions.GetString(ctx, k); v != "" {
				out[slug] = v
			}
		}
	}
	return out
}
