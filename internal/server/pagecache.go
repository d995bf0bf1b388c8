package server

import (
	"context"
	"sync"
	"time"

	"careerguide/internal/career"
	"careerguide/internal/store"

	lru "github.com/hashicorp/golang-lru/v2"
)

// rendered is a page's bytes, plain and gzipped, and their ETag.
type rendered struct {
	body, gz []byte
	etag     string
}

// keeper holds kept renders under keys of type K.
type keeper[K comparable] interface {
	get(K) *rendered
	put(K, *rendered)
}

// keptCaches is every render kept from one content snapshot: the content
// pages (unbounded: there are as many as pages and variants), and the
// bounded kept pages (results, /plan, /occupations lists, Result
// Libraries). A new content snapshot gets new caches (see server.kept),
// so the renders of older content are dropped together and never served.
type keptCaches struct {
	cat   *career.Catalog
	pages keptMap[pageKey]
	// results are result pages: bounded, since results are many.
	results keptPages[pageKey]
	// occupationLists are /occupations pages as a visitor without a match
	// test result sees them, keyed by the URL as sent: bounded, since
	// anyone can ask for any query.
	occupationLists keptPages[pageKey]
	// plans are /plan pages keyed by the session state they show (levels,
	// skill marks, pace, signed in): bounded, one per state seen lately.
	plans keptPages[string]
	// library are Result Library pages, each kept with the counters it
	// was rendered from (a new read of the counters is a new key).
	library keptPages[libraryKey]
}

// libraryKey is a Result Library page rendered from exactly lib.
type libraryKey struct {
	pageKey
	lib *store.Library
}

// Bounds of the kept pages (each about 4-12 KB with its gzip bytes).
const (
	resultCacheSize         = 2048
	occupationListCacheSize = 512
	planCacheSize           = 1024
	libraryCacheSize        = 64
)

func newKeptCaches(cat *career.Catalog) *keptCaches {
	return &keptCaches{
		cat: cat, pages: keptMap[pageKey]{m: new(sync.Map)}, results: newKeptPages[pageKey](resultCacheSize),
		occupationLists: newKeptPages[pageKey](occupationListCacheSize),
		plans:           newKeptPages[string](planCacheSize), library: newKeptPages[libraryKey](libraryCacheSize),
	}
}

// keptMap is an unbounded map of kept renders, for pages whose number is
// fixed by the content.
type keptMap[K comparable] struct{ m *sync.Map }

func (c keptMap[K]) get(k K) *rendered {
	if v, ok := c.m.Load(k); ok {
		return v.(*rendered)
	}
	return nil
}

func (c keptMap[K]) put(k K, p *rendered) { c.m.Store(k, p) }

// variant is what a cached render may depend on besides its path and the
// content: the level shown ("" for pages that do not show the person's
// level) and whether the person is signed in. Nothing personal beyond these
// two ever enters a cached render; pages that show personal data (the
// account page, forms with what was typed) are rendered per request.
type variant struct {
	level    string
	signedIn bool
}

// pageKey identifies one cached render: the same content, path and
// variant always render the same bytes. The content hash guards a page
// rendered from a snapshot that was replaced while it was being made.
type pageKey struct {
	hash, path string
	variant
}

// keptPages is a bounded cache of rendered pages. It is read with Peek,
// under a read lock: a Get would take the cache's one lock exclusively on
// every view of a kept page, and under load the views queue on it. So the
// first kept is the first to go when it is full, however often it is read.
type keptPages[K comparable] struct{ lru *lru.Cache[K, *rendered] }

func newKeptPages[K comparable](size int) keptPages[K] {
	c, _ := lru.New[K, *rendered](size) // errs only on size <= 0
	return keptPages[K]{c}
}

// get is the page kept under k, or nil.
func (c keptPages[K]) get(k K) *rendered {
	p, _ := c.lru.Peek(k)
	return p
}

func (c keptPages[K]) put(k K, p *rendered) { c.lru.Add(k, p) }

// drop forgets the page kept under k.
func (c keptPages[K]) drop(k K) { c.lru.Remove(k) }

// counterCache keeps the Result Library counters, at most libraryTTL old.
type counterCache struct {
	mu        sync.Mutex
	libCounts map[string]*libraryEntry
}

func newCounterCache() *counterCache {
	return &counterCache{libCounts: map[string]*libraryEntry{}}
}

// libraryTTL is how stale the Result Library counters may be. This
// instance's own submissions are seen at once (forget); other instances'
// within libraryTTL.
const libraryTTL = time.Second

type libraryEntry struct {
	lib        *store.Library
	at         time.Time
	dirty      bool // this instance stored a result since at
	refreshing bool
}

// counters returns the Result Library counters of slug, reading them
// through load when missing or older than libraryTTL, or, with exact, when
// this instance stored a result since they were read. One request
// refreshes an expired entry; the others use the previous counters
// meanwhile.
func (c *counterCache) counters(ctx context.Context, slug string, exact bool, load func(context.Context, string) (*store.Library, error)) (*store.Library, error) {
	c.mu.Lock()
	e := c.libCounts[slug]
	if e != nil && ((time.Since(e.at) < libraryTTL && !(exact && e.dirty)) || e.refreshing) {
		lib := e.lib
		c.mu.Unlock()
		return lib, nil
	}
	if e != nil {
		e.refreshing = true
		if e.dirty { // this instance stored results a standby may not hold yet
			ctx = store.ReadAfter(ctx, store.Unknown)
		}
	}
	c.mu.Unlock()

	lib, err := load(ctx, slug)
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		if e != nil {
			e.refreshing = false
		}
		return nil, err
	}
	c.libCounts[slug] = &libraryEntry{lib: lib, at: time.Now()}
	return lib, nil
}

// forgetCounters marks the counters of slug out of date after this
// instance stored a result: the next exact reader refreshes them.
func (c *counterCache) forgetCounters(slug string) {
	c.mu.Lock()
	if e := c.libCounts[slug]; e != nil {
		e.dirty = true
	}
	c.mu.Unlock()
}
