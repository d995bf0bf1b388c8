package server

import (
	"compress/gzip"
	"context"
	"sync"
	"time"

	"careerguide/internal/store"

	lru "github.com/hashicorp/golang-lru/v2"
)

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
// variant always render the same bytes.
type pageKey struct {
	hash, path string
	variant
}

// rendered is a page's bytes, plain and gzipped.
type rendered struct {
	body, gz []byte
}

// pageCache owns every cached render: the content pages, the result pages
// (bounded: results are many, and a deleted result must go) and the
// Result Library (its counters, at most libraryTTL old, and the page
// rendered from them).
type pageCache struct {
	pages   sync.Map // pageKey -> *rendered
	hash    string   // the content hash of the pages held; guarded by mu
	results keptPages[pageKey]
	// occupationLists are /occupations pages as a visitor without a match
	// test result sees them, keyed by the URL as sent: bounded, since
	// anyone can ask for any query.
	occupationLists keptPages[pageKey]
	// plans are /plan pages keyed by the session state they show (levels,
	// skill marks, pace, signed in): bounded, one per state seen lately.
	plans keptPages[planKey]
	gzip  sync.Pool

	mu        sync.Mutex
	libCounts map[string]*libraryEntry
	library   map[pageKey]libraryPage
}

// resultCacheSize bounds the rendered result pages kept (about 12 KB each).
const resultCacheSize = 2048

// occupationListCacheSize bounds the /occupations pages kept (about 10 KB
// each with their gzip bytes).
const occupationListCacheSize = 512

// planCacheSize bounds the /plan pages kept (about 4 KB each with their
// gzip bytes).
const planCacheSize = 1024

// planKey identifies a /plan page: the content and every session value
// the page shows, in key order.
type planKey struct {
	hash, state string
}

func newPageCache() *pageCache {
	return &pageCache{
		results: newKeptPages[pageKey](resultCacheSize), occupationLists: newKeptPages[pageKey](occupationListCacheSize),
		plans: newKeptPages[planKey](planCacheSize), libCounts: map[string]*libraryEntry{}, library: map[pageKey]libraryPage{},
	}
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

// page is the cached render of a content page, or nil.
func (c *pageCache) page(k pageKey) *rendered {
	if v, ok := c.pages.Load(k); ok {
		return v.(*rendered)
	}
	return nil
}

// putPage keeps a content page. The first page of new content drops the
// pages of the previous content (which no key can reach any more).
func (c *pageCache) putPage(k pageKey, p *rendered) {
	c.mu.Lock()
	if c.hash != k.hash {
		c.hash = k.hash
		c.pages.Clear()
	}
	c.mu.Unlock()
	c.pages.Store(k, p)
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

// libraryPage is a rendered Result Library page and the counters it shows.
type libraryPage struct {
	lib  *store.Library
	page *rendered
}

// counters returns the Result Library counters of slug, reading them
// through load when missing or older than libraryTTL, or, with exact, when
// this instance stored a result since they were read. One request
// refreshes an expired entry; the others use the previous counters
// meanwhile.
func (c *pageCache) counters(ctx context.Context, slug string, exact bool, load func(context.Context, string) (*store.Library, error)) (*store.Library, error) {
	c.mu.Lock()
	e := c.libCounts[slug]
	if e != nil && ((time.Since(e.at) < libraryTTL && !(exact && e.dirty)) || e.refreshing) {
		lib := e.lib
		c.mu.Unlock()
		return lib, nil
	}
	if e != nil {
		e.refreshing = true
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
func (c *pageCache) forgetCounters(slug string) {
	c.mu.Lock()
	if e := c.libCounts[slug]; e != nil {
		e.dirty = true
	}
	c.mu.Unlock()
}

// libraryPage is the Result Library page rendered from exactly lib, or nil.
func (c *pageCache) libraryPage(k pageKey, lib *store.Library) *rendered {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.library[k]; ok && p.lib == lib {
		return p.page
	}
	return nil
}

func (c *pageCache) putLibraryPage(k pageKey, lib *store.Library, p *rendered) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.library[k] = libraryPage{lib: lib, page: p}
}

// gzipWriter is a pooled writer at the default level, or nil.
func (c *pageCache) gzipWriter() *gzip.Writer {
	zw, _ := c.gzip.Get().(*gzip.Writer)
	return zw
}
