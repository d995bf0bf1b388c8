package server

import (
	"context"
	"net/http"
	"time"

	"careerguide/internal/career"
	"careerguide/internal/config"

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
	m.Lifetime = 30 * 24 * time.Hour
	m.IdleTimeout = 14 * 24 * time.Hour
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

func levelKey(slug string) string { return "level/" + slug }

// currentLevel is the level the person set for the career, or nil.
func (s *Server) currentLevel(ctx context.Context, c *career.Career) *career.Level {
	key := s.Sessions.GetString(ctx, levelKey(c.Slug))
	if key == "" {
		return nil
	}
	return c.Level(key)
}
