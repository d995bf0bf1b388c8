package app

import (
	"testing"

	"careerguide/internal/config"

	"github.com/jackc/pgx/v5"
)

// Through a pooler, statements go unnamed (a named prepared statement
// would stay on one server connection of PgBouncer's while the next
// transaction runs on another) unless DATABASE_URL names a mode itself;
// straight to PostgreSQL, pgx's default caches prepared statements.
func TestPoolConfigChoosesTheExecMode(t *testing.T) {
	const pg = "postgres://u@db.example:5432/careerguide?sslmode=disable"
	const bouncer = "postgres://u@pooler.example:6432/careerguide?sslmode=disable"
	for _, c := range []struct {
		url    string
		pooled bool
		want   pgx.QueryExecMode
	}{
		{pg, false, pgx.QueryExecModeCacheStatement},
		{bouncer, true, pgx.QueryExecModeCacheDescribe},
		// PgBouncer 1.21+ with max_prepared_statements: asked for.
		{bouncer + "&default_query_exec_mode=cache_statement", true, pgx.QueryExecModeCacheStatement},
		{bouncer + "&default_query_exec_mode=exec", true, pgx.QueryExecModeExec},
		{pg + "&default_query_exec_mode=simple_protocol", false, pgx.QueryExecModeSimpleProtocol},
		{"host=pooler.example port=6432 dbname=careerguide", true, pgx.QueryExecModeCacheDescribe},
		{"host=pooler.example port=6432 dbname=careerguide default_query_exec_mode=exec", true, pgx.QueryExecModeExec},
	} {
		cfg, err := poolConfig(c.url, c.pooled)
		if err != nil {
			t.Fatalf("%s: %v", c.url, err)
		}
		if got := cfg.ConnConfig.DefaultQueryExecMode; got != c.want {
			t.Errorf("%s (pooled %v): %v, want %v", c.url, c.pooled, got, c.want)
		}
		if _, sent := cfg.ConnConfig.RuntimeParams["default_query_exec_mode"]; sent {
			t.Errorf("%s: default_query_exec_mode would be sent to the server", c.url)
		}
	}
	if _, err := poolConfig(bouncer+"&default_query_exec_mode=fast", true); err == nil {
		t.Error("an unknown default_query_exec_mode was accepted")
	}
}

// DATABASE_DIRECT_URL takes the session-level work (migrations, LISTEN);
// without it everything goes to DATABASE_URL.
func TestDirectURL(t *testing.T) {
	const pooler, direct = "postgres://u@pooler:6432/cg", "postgres://u@db:5432/cg"
	cfg := config.Config{DatabaseURL: pooler, DatabaseDirectURL: direct}
	if !pooled(cfg) || directURL(cfg, pooler) != direct {
		t.Errorf("with DATABASE_DIRECT_URL: pooled %v, direct %q", pooled(cfg), directURL(cfg, pooler))
	}
	cfg.DatabaseDirectURL = ""
	if pooled(cfg) || directURL(cfg, pooler) != pooler {
		t.Errorf("without DATABASE_DIRECT_URL: pooled %v, direct %q", pooled(cfg), directURL(cfg, pooler))
	}
}
