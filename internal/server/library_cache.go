package server

import (
	"context"
	"sync"
	"time"

	"careerguide/internal/store"
)

// libraryTTL is how stale the Result Library counters may be. This
// instance's own submissions are seen at once (forget); other instances'
// within libraryTTL.
const libraryTTL = time.Second

// libraryCache keeps each career's counters for libraryTTL, so the Result
// Library and the percentile of a new result cost no query most of the
// time. One request refreshes an expired entry; the others use the
// previous counters meanwhile.
type libraryCache struct {
	mu    sync.Mutex
	m     map[string]*libraryEntry
	pages map[libraryPageKey]libraryPage
}

type libraryEntry struct {
	lib        *store.Library
	at         time.Time
	dirty      bool // this instance stored a result since at
	refreshing bool
}

// get returns the counters of slug, reading them through load when missing
// or older than libraryTTL, or, with exact, when this instance stored a
// result since they were read.
func (c *libraryCache) get(ctx context.Context, slug string, exact bool, load func(context.Context, string) (*store.Library, error)) (*store.Library, error) {
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]*libraryEntry{}
	}
	e := c.m[slug]
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
	c.m[slug] = &libraryEntry{lib: lib, at: time.Now()}
	return lib, nil
}

// forget marks the counters of slug out of date after this instance stored
// a result: the next exact reader refreshes them (one at a time; the others
// keep using the previous counters meanwhile).
func (c *libraryCache) forget(slug string) {
	c.mu.Lock()
	if e := c.m[slug]; e != nil {
		e.dirty = true
	}
	c.mu.Unlock()
}

// libraryPageKey is one variant of a career's Result Library page.
type libraryPageKey struct {
	slug     string
	signedIn bool
}

// libraryPage is a rendered Result Library page and what it was rendered from.
type libraryPage struct {
	lib  *store.Library
	hash string
	page *rendered
}

// page returns the rendered page for lib when it was rendered from exactly
// these counters and content.
func (c *libraryCache) page(k libraryPageKey, lib *store.Library, hash string) *rendered {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.pages[k]; ok && p.lib == lib && p.hash == hash {
		return p.page
	}
	return nil
}

func (c *libraryCache) putPage(k libraryPageKey, lib *store.Library, hash string, p *rendered) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil {
		c.pages = map[libraryPageKey]libraryPage{}
	}
	c.pages[k] = libraryPage{lib: lib, hash: hash, page: p}
}
