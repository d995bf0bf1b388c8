package server

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"careerguide/internal/career"
	"careerguide/internal/config"
	"careerguide/internal/store"
	"careerguide/web/static"

	"github.com/alexedwards/scs/v2"
)

// newSessions is the session manager over st: sessions live in
// PostgreSQL, so any instance can serve any request. Expired sessions are
// deleted by internal/app.
func newSessions(cfg config.Config, st scs.Store) *scs.SessionManager {
	m := scs.New()
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
	return m
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

// loadSession loads the session for every route except health checks,
// static files and the files crawlers read, which must work without
// touching the database.
func (s *server) loadSession(next http.Handler) http.Handler {
	withSession := s.sessions.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), sessionLoaded{}, true)))
	}))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if p == "/livez" || p == "/readyz" || p == "/favicon.ico" || p == "/robots.txt" || p == "/sitemap.xml" || strings.HasPrefix(p, static.Prefix) {
			next.ServeHTTP(w, r)
			return
		}
		withSession.ServeHTTP(w, r)
	})
}

// sessionLoaded marks a request context that carries session data.
type sessionLoaded struct{}

// hasSession reports whether the request went through the session middleware.
func (s *server) hasSession(ctx context.Context) bool {
	return ctx.Value(sessionLoaded{}) != nil
}

// isSignedIn reports whether the person is signed in.
func (s *server) isSignedIn(r *http.Request) bool {
	return s.hasSession(r.Context()) && s.sessions.GetInt64(r.Context(), userKey) != 0
}

// email is the signed-in account's email, or "". Personal: a page showing
// it is rendered per request, never cached.
func (s *server) email(r *http.Request) string {
	if !s.isSignedIn(r) {
		return ""
	}
	return s.sessions.GetString(r.Context(), emailKey)
}

// userID is the signed-in account, or 0.
func (s *server) userID(ctx context.Context) int64 {
	return s.sessions.GetInt64(ctx, userKey)
}

// account is the signed-in account, confirmed by the database: a session
// that was signed out elsewhere (a password change, the account deleted)
// is signed out here too, and 0 is returned. Requests that act for the
// account ask; pages read the session alone.
func (s *server) account(ctx context.Context) (int64, error) {
	id := s.userID(ctx)
	if id == 0 {
		return 0, nil
	}
	owner, err := s.Store.SessionUser(ctx, s.sessions.Token(ctx))
	switch {
	case errors.Is(err, store.ErrNotFound), err == nil && owner != id:
		return 0, s.signOut(ctx)
	case err != nil:
		return 0, err
	}
	return id, nil
}

// signOut ends a session whose account signed it out elsewhere or no
// longer exists: its data is deleted and its cookie cleared.
func (s *server) signOut(ctx context.Context) error {
	return s.sessions.Destroy(ctx)
}

// renewTracked gives a signed-in session a new token, stores it and
// records it as the account's, so that it can be signed out from
// elsewhere.
func (s *server) renewTracked(ctx context.Context, userID int64) error {
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	token, _, err := s.sessions.Commit(ctx) // the session row must exist first
	if err != nil {
		return err
	}
	return s.Store.TrackSession(ctx, token, userID)
}

// currentLevel is the level the person set for the career, or nil.
func (s *server) currentLevel(ctx context.Context, c *career.Career) *career.Level {
	key := s.sessions.GetString(ctx, levelKey(c.Slug))
	if key == "" {
		return nil
	}
	return c.Level(key)
}

// sessionLevels are the levels set in this session, by career slug.
func (s *server) sessionLevels(ctx context.Context) map[string]string {
	out := map[string]string{}
	for _, k := range s.sessions.Keys(ctx) {
		if slug, ok := strings.CutPrefix(k, levelPrefix); ok {
			if v := s.sessions.GetString(ctx, k); v != "" {
				out[slug] = v
			}
		}
	}
	return out
}
