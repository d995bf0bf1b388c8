package config

import (
	"strings"
	"testing"
)

// DATABASE_DIRECT_URL is read as given, and refused where it cannot mean
// "PostgreSQL itself, beside a pooler": without DATABASE_URL, or equal to it.
func TestDatabaseDirectURL(t *testing.T) {
	const pooler, direct = "postgres://cg@pooler:6432/careerguide", "postgres://cg@db:5432/careerguide"
	c, err := Load(env(map[string]string{"DATABASE_URL": pooler, "DATABASE_DIRECT_URL": " " + direct + " "}))
	if err != nil {
		t.Fatal(err)
	}
	if c.DatabaseURL != pooler || c.DatabaseDirectURL != direct {
		t.Errorf("DATABASE_URL %q, DATABASE_DIRECT_URL %q", c.DatabaseURL, c.DatabaseDirectURL)
	}
	if c, err := Load(env(nil)); err != nil || c.DatabaseDirectURL != "" {
		t.Errorf("default: %q, %v; want empty", c.DatabaseDirectURL, err)
	}
	for _, e := range []map[string]string{
		{"DATABASE_DIRECT_URL": direct},
		{"DATABASE_URL": direct, "DATABASE_DIRECT_URL": direct},
	} {
		if _, err := Load(env(e)); err == nil || !strings.Contains(err.Error(), "DATABASE_DIRECT_URL") {
			t.Errorf("%v: %v, want an error naming DATABASE_DIRECT_URL", e, err)
		}
	}
}
