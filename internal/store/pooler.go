package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"careerguide/internal/store/db"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Through a pooler in transaction mode (PgBouncer's pool_mode =
// transaction) each transaction may run on another server connection, and
// a server connection serves other clients between transactions. So
// nothing may rest on a session: no setting made for it (PgBouncer refuses
// unknown startup parameters), no session advisory lock, no LISTEN, no
// named prepared statement (up to PgBouncer 1.21). The functions here are
// the store's side of that; migrations and LISTEN take a direct
// connection.

// ConfigurePooledSearchPool readies cfg, whose connections go through a
// pooler in transaction mode, for the occupation searches: as
// ConfigureSearchPool, except that the settings of a search are made in
// each search's own transaction (SearchThroughPooler), none for the
// session; of what ConfigureSearchPool sets, only application_name, which
// PgBouncer keeps per client, is sent when connecting.
func ConfigurePooledSearchPool(cfg *pgxpool.Config, conns int32, timeout time.Duration) {
	ConfigureSearchPool(cfg, conns, timeout)
	for _, k := range []string{"plan_cache_mode", "enable_seqscan", "statement_timeout", "default_transaction_read_only", "pg_trgm.word_similarity_threshold"} {
		delete(cfg.ConnConfig.RuntimeParams, k)
	}
}

// SearchThroughPooler runs the occupation searches on pool, made with
// ConfigurePooledSearchPool: each in a read-only transaction that first
// sets, for itself only, what ConfigureSearchPool sets for a session,
// timeout included.
func (s *Store) SearchThroughPooler(pool *pgxpool.Pool, timeout time.Duration) {
	s.search = db.New(pool)
	ms := strconv.FormatInt(max(timeout.Milliseconds(), 1), 10)
	s.searchTx = func(ctx context.Context, fn func(tx pgx.Tx) error) error {
		tx, err := pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
		if err != nil {
			return err
		}
		if err = s.search.WithTx(tx).SearchSettings(ctx, ms); err == nil {
			err = fn(tx)
		}
		// Ended even when the request went away (its query cancelled by a
		// cancel request): pgx closes a connection whose commit or
		// rollback fails, and through a pooler that closes a server
		// connection of PgBouncer's too.
		ectx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		if err != nil {
			tx.Rollback(ectx)
			return err
		}
		return tx.Commit(ectx)
	}
}

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
