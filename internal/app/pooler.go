package app

import (
	"fmt"
	"time"

	"careerguide/internal/config"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// pooled reports whether DATABASE_URL goes through a pooler in transaction
// mode: DATABASE_DIRECT_URL names PostgreSQL itself.
func pooled(cfg config.Config) bool { return cfg.DatabaseDirectURL != "" }

// directURL is where the session-level work goes (migrations under tern's
// advisory lock, LISTEN): PostgreSQL itself.
func directURL(cfg config.Config, dbURL string) string {
	if pooled(cfg) {
		return cfg.DatabaseDirectURL
	}
	return dbURL
}

// poolConfig parses dbURL for a pool, with a 2 s connect timeout and the
// statement handling of execMode.
func poolConfig(dbURL string, pooled bool) (*pgxpool.Config, error) {
	cfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		return nil, fmt.Errorf("database URL: %w", err)
	}
	cfg.ConnConfig.DefaultQueryExecMode = execMode(dbURL, cfg.ConnConfig.DefaultQueryExecMode, pooled)
	cfg.ConnConfig.ConnectTimeout = 2 * time.Second
	return cfg, nil
}

// execMode is how pgx sends statements on connections to connString,
// whose default_query_exec_mode gave parsed: as it says, when it names
// one; else, through a pooler, QueryExecModeCacheDescribe; else pgx's
// default, QueryExecModeCacheStatement (parsed).
//
// Through a pooler in transaction mode a named prepared statement lives on
// one server connection while the client's next transaction may run on
// another (PgBouncer before 1.21 does not follow them): "prepared
// statement ... does not exist" or "already exists". CacheDescribe sends
// each statement unnamed, parsed, bound and run in one round trip, and
// keeps only the statement's description (parameter and column types) on
// the client, so values travel in the same binary formats as with
// CacheStatement. DescribeExec would need two round trips that a pooler
// may send to two server connections; Exec and SimpleProtocol send text
// and guess parameter types from Go types ([]byte as bytea).
func execMode(connString string, parsed pgx.QueryExecMode, pooled bool) pgx.QueryExecMode {
	if !pooled {
		return parsed
	}
	if c, err := pgconn.ParseConfig(connString); err == nil {
		if _, named := c.RuntimeParams["default_query_exec_mode"]; named {
			return parsed
		}
	}
	return pgx.QueryExecModeCacheDescribe
}
