package server_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"careerguide/internal/store"
	"careerguide/internal/testdb"
)

// With Postgres stopped, /readyz turns 503 within 2 s while /livez stays 200
// and anonymous career pages render from the snapshot; after Postgres is
// back, /readyz returns to 200 without a restart.
func TestReadinessFollowsThePostgresOutage(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pg := testdb.Cluster(t)
	dbURL, err := pg.CreateDatabase(ctx, "careerguide")
	if err != nil {
		t.Fatal(err)
	}
	if err := store.MigrateURL(ctx, dbURL); err != nil {
		t.Fatal(err)
	}
	app := newTestAppOn(t, dbURL, nil)
	b := app.browser()
	if p := b.get("/readyz"); p.Status != http.StatusOK {
		t.Fatalf("/readyz before the outage: %d", p.Status)
	}

	if err := pg.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	stopped := time.Now()
	waitFor(t, b, "/readyz", http.StatusServiceUnavailable, 2*time.Second)
	t.Logf("/readyz went 503 %v after the stop", time.Since(stopped).Round(time.Millisecond))
	if p := b.get("/livez"); p.Status != http.StatusOK {
		t.Fatalf("/livez during the outage: %d", p.Status)
	}
	if p := b.get("/careers/backend-developer"); p.Status != http.StatusOK {
		t.Fatalf("career page during the outage: %d", p.Status)
	}

	if err := pg.Start(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b, "/readyz", http.StatusOK, 15*time.Second)
}

// waitFor polls path until it answers status, failing after limit.
func waitFor(t *testing.T, b *browser, path string, status int, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		p := b.get(path)
		if p.Status == status {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s still %d after %v, want %d", path, p.Status, limit, status)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
