package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// InSearchTx runs fn in the transaction a search runs in through a pooler
// (SearchThroughPooler).
func (s *Store) InSearchTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return s.searchTx(ctx, fn)
}
