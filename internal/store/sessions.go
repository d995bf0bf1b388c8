package store

import (
	"context"
	"fmt"
)

// DeleteExpiredSessions deletes the sessions past their expiry and says how
// many went.
func (s *Store) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	n, err := s.q.DeleteExpiredSessions(ctx)
	if err != nil {
		return 0, fmt.Errorf("delete expired sessions: %w", err)
	}
	return n, nil
}
