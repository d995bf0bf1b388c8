package server

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"careerguide/internal/career"

	lru "github.com/hashicorp/golang-lru/v2"
)

// searchCache keeps the answers of recent occupation searches: the
// occupations a query found, best first, as positions in the catalog's
// occupation list. Searches repeat (people type the same job titles), and
// the SQL costs one to two milliseconds of PostgreSQL time, so a repeated
// query is answered from memory. An answer belongs to the content it was
// found in: new content empties the cache. Concurrent misses of one query
// run the query once.
type searchCache struct {
	mu       sync.Mutex
	hash     string // the content hash of the answers held
	answers  *lru.Cache[string, []int32]
	inflight map[string]*searchCall
}

type searchCall struct {
	done chan struct{}
	hits []int32
	err  error
}

// searchCacheSize bounds the answers kept: at most maxSearchHits positions
// of 4 bytes each, so about 1.2 MB when every answer is full.
const searchCacheSize = 1024

// searchTimeout bounds one search query.
const searchTimeout = 5 * time.Second

func newSearchCache() *searchCache {
	answers, _ := lru.New[string, []int32](searchCacheSize) // errs only on size <= 0
	return &searchCache{answers: answers, inflight: map[string]*searchCall{}}
}

// searchKey is how a query is kept: the search ignores case and runs of
// spaces, so "Data  Engineer" and "data engineer" share an answer.
func searchKey(q string) string { return strings.Join(strings.Fields(strings.ToLower(q)), " ") }

// find returns the occupations q finds in cat, best first, asking search
// (the SQL query, returning codes) when the answer is not kept.
func (c *searchCache) find(ctx context.Context, cat *career.Catalog, q string, search func(context.Context, string) ([]string, error)) ([]*career.Occupation, error) {
	key := searchKey(q)
	c.mu.Lock()
	if c.hash != cat.Hash {
		c.hash = cat.Hash
		c.answers.Purge()
	}
	if hits, ok := c.answers.Get(key); ok {
		c.mu.Unlock()
		return occupationsAt(cat, hits), nil
	}
	if call, ok := c.inflight[key]; ok {
		c.mu.Unlock()
		select {
		case <-call.done:
			return occupationsAt(cat, call.hits), call.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	call := &searchCall{done: make(chan struct{})}
	c.inflight[key] = call
	c.mu.Unlock()

	// The query answers every request waiting for it: one of them leaving
	// does not cancel it for the others.
	qctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), searchTimeout)
	codes, err := search(qctx, q)
	cancel()
	for _, code := range codes {
		if i, ok := slices.BinarySearchFunc(cat.Occupations, code, func(o career.Occupation, code string) int { return strings.Compare(o.Code, code) }); ok {
			call.hits = append(call.hits, int32(i))
		}
	}
	call.err = err
	c.mu.Lock()
	delete(c.inflight, key)
	if err == nil && c.hash == cat.Hash {
		c.answers.Add(key, call.hits)
	}
	c.mu.Unlock()
	close(call.done)
	return occupationsAt(cat, call.hits), err
}

func occupationsAt(cat *career.Catalog, hits []int32) []*career.Occupation {
	out := make([]*career.Occupation, len(hits))
	for i, h := range hits {
		out[i] = &cat.Occupations[h]
	}
	return out
}
