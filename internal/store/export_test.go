package store

import (
	"context"
	"time"

	"careerguide/internal/store/db"
)

// NewSessionStoreObserved is NewSessionStore whose queries first pass
// their tokens to observe, which may hold the query back.
func (s *Store) NewSessionStoreObserved(readers, maxBatch int, timeout time.Duration, observe func(tokens []string)) *SessionStore {
	return s.newSessionStore(readers, maxBatch, timeout, func(ctx context.Context, tokens []string) ([]db.FindSessionsRow, error) {
		observe(tokens)
		return s.q.FindSessions(ctx, tokens)
	})
}
