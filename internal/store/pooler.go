package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Through a pooler in transaction mode (PgBouncer's pool_mode =
// transaction) each transaction may run on another server connection, and
// a server connection serves other clients between transactions. So
// nothing may rest on a session: no setting made for it (PgBouncer refuses
// unknown startup parameters), no session advisory lock, no LISTEN, no
// named prepared statement (up to PgBouncer 1.21). The functions here are
// the store's side of that; migrations and LISTEN take a direct
// connection.

// WatchContentAt is WatchContent on a connection of its own to connString
// (PostgreSQL itself, not a pooler: a LISTEN lasts as long as its
// session), opened again with backoff when lost.
func (s *Store) WatchContentAt(ctx context.Context, connString string, onChange func(hash string), onError func(error)) {
	s.watchContent(ctx, func(ctx context.Context) (*pgx.Conn, error) {
		cfg, err := pgx.ParseConfig(connString)
		if err != nil {
			return nil, fmt.Errorf("listen: %w", err)
		}
		cfg.ConnectTimeout = 2 * time.Second
		return pgx.ConnectConfig(ctx, cfg)
	}, onChange, onError)
}
