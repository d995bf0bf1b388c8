package server

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"careerguide/internal/career"
)

func codesOf(os []*career.Occupation) []string {
	var out []string
	for _, o := range os {
		out = append(out, o.Code)
	}
	return out
}

// A repeated search is answered from memory, whatever its case and
// spacing; new content asks PostgreSQL again; a failed query is not kept.
func TestSearchCacheKeepsAnswersPerContent(t *testing.T) {
	cat := &career.Catalog{Hash: "one", Occupations: []career.Occupation{{Code: "15-1252.00"}, {Code: "15-1253.00"}, {Code: "15-1254.00"}}}
	var queries atomic.Int32
	fail := false
	search := func(_ context.Context, q string) ([]string, error) {
		queries.Add(1)
		if fail {
			return nil, errors.New("database down")
		}
		return []string{"15-1254.00", "99-9999.99", "15-1252.00"}, nil // an unknown code is left out
	}
	c := newSearchCache()
	ctx := context.Background()
	for _, q := range []string{"web developer", "Web  Developer", " WEB developer "} {
		got, err := c.find(ctx, cat, q, search)
		if err != nil || !slices.Equal(codesOf(got), []string{"15-1254.00", "15-1252.00"}) {
			t.Fatalf("find(%q) = %v, %v", q, codesOf(got), err)
		}
	}
	if n := queries.Load(); n != 1 {
		t.Errorf("three spellings of one search ran %d queries, want 1", n)
	}
	next := &career.Catalog{Hash: "two", Occupations: cat.Occupations}
	if _, err := c.find(ctx, next, "web developer", search); err != nil || queries.Load() != 2 {
		t.Errorf("new content: %d queries, err %v; want the query asked again", queries.Load(), err)
	}
	fail = true
	if _, err := c.find(ctx, next, "nurse", search); err == nil {
		t.Error("a failed query gave no error")
	}
	fail = false
	if got, err := c.find(ctx, next, "nurse", search); err != nil || len(got) != 2 || queries.Load() != 4 {
		t.Errorf("after a failure: %v, %v, %d queries; want the query asked again", codesOf(got), err, queries.Load())
	}
}

// Requests that miss the same search together run its query once.
func TestSearchCacheRunsConcurrentMissesOnce(t *testing.T) {
	cat := &career.Catalog{Hash: "h", Occupations: []career.Occupation{{Code: "29-1141.00"}}}
	release := make(chan struct{})
	var queries atomic.Int32
	search := func(context.Context, string) ([]string, error) {
		queries.Add(1)
		<-release
		return []string{"29-1141.00"}, nil
	}
	c := newSearchCache()
	var wg sync.WaitGroup
	results := make([][]string, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, _ := c.find(context.Background(), cat, "nurse", search)
			results[i] = codesOf(got)
		}()
	}
	for queries.Load() == 0 {
		runtime.Gosched()
	}
	close(release)
	wg.Wait()
	if n := queries.Load(); n != 1 {
		t.Errorf("%d queries for 8 simultaneous searches, want 1", n)
	}
	for i, r := range results {
		if !slices.Equal(r, []string{"29-1141.00"}) {
			t.Errorf("request %d got %v", i, r)
		}
	}
}
