package store

import (
	"context"
	"fmt"
	"time"

	"careerguide/internal/store/db"

	"github.com/alexedwards/scs/pgxstore"
)

// SessionStore is the scs store of the sessions table. pgxstore writes and
// deletes sessions; finds are read in groups (newGroupReader): every page
// view of a person with a session reads it, and one round trip to
// PostgreSQL per view cost more than the page itself.
type SessionStore struct {
	*pgxstore.PostgresStore
	reader *batcher[string, found[[]byte]]
}

// NewSessionStore starts readers that read at most maxBatch sessions per
// query, each query given at most timeout. Close stops them.
func (s *Store) NewSessionStore(readers, maxBatch int, timeout time.Duration) *SessionStore {
	return s.newSessionStore(readers, maxBatch, timeout, s.q.FindSessions)
}

func (s *Store) newSessionStore(readers, maxBatch int, timeout time.Duration, query func(context.Context, []string) ([]db.FindSessionsRow, error)) *SessionStore {
	return &SessionStore{
		PostgresStore: pgxstore.NewWithCleanupInterval(s.pool, 0), // expired sessions: DeleteExpiredSessions
		reader: newGroupReader(readers, maxBatch, timeout, func(ctx context.Context, tokens []string) (map[string][]byte, error) {
			rows, err := query(ctx, tokens)
			if err != nil {
				return nil, fmt.Errorf("find sessions: %w", err)
			}
			found := make(map[string][]byte, len(rows))
			for _, r := range rows {
				found[r.Token] = r.Data
			}
			return found, nil
		}),
	}
}

// Find is FindCtx without a deadline of the caller's.
func (ss *SessionStore) Find(token string) ([]byte, bool, error) {
	return ss.FindCtx(context.Background(), token)
}

// FindCtx returns the data of the live session token, or found false.
func (ss *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	return lookup(ctx, ss.reader, token)
}

// CommitCtx stores a session (pgxstore's statement).
func (ss *SessionStore) CommitCtx(_ context.Context, token string, b []byte, expiry time.Time) error {
	return ss.Commit(token, b, expiry)
}

// DeleteCtx deletes a session (pgxstore's statement).
func (ss *SessionStore) DeleteCtx(_ context.Context, token string) error {
	return ss.Delete(token)
}

// Close stops the readers after they answered the finds they took.
func (ss *SessionStore) Close() { ss.reader.close() }
