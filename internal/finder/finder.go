package finder

import (
	"context"
	"errors"
	"math"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"careerguide/internal/career"
	"careerguide/internal/quiz"

	lru "github.com/hashicorp/golang-lru/v2"
)

var (
	// ErrLimited: the search was not kept, and the client may not start
	// another search now.
	ErrLimited = errors.New("finder: too many new searches from this client")
	// ErrBusy: as many searches as allowed run and wait already.
	ErrBusy = errors.New("finder: too many searches at once")
	// ErrNoPage: the page asked for is past the last.
	ErrNoPage = errors.New("finder: no such page")
)

// Limits bound the searches that are not answered from the kept answers.
type Limits struct {
	// Running is how many searches may run at once; Waiting how many more
	// may wait for one of them before a search is refused (ErrBusy).
	Running, Waiting int
}

// DefaultLimits let searches use half the CPUs (at least one), so that
// the other pages keep the rest however many new searches come, with 64
// more waiting: a search takes about a tenth of a millisecond to a few.
func DefaultLimits() Limits {
	return Limits{Running: max(1, runtime.GOMAXPROCS(0)/2), Waiting: 64}
}

// cacheSize bounds the answers kept per snapshot: at most MaxHits
// positions of 4 bytes each, so about 1.2 MB when every answer is full.
const cacheSize = 1024

// Finder finds occupations. Searches repeat (people type the same job
// titles), so the answer of a query is kept, for the content snapshot it
// was found in: a new snapshot gets an empty cache. The search itself runs
// in memory, on the snapshot's Index.
type Finder struct {
	limits  Limits
	running chan struct{}
	waiting atomic.Int64
	mu      sync.Mutex
	cache   *snapshotCache
}

// snapshotCache holds the answers found in one content snapshot, as
// positions in its occupation list.
type snapshotCache struct {
	cat     *career.Catalog
	answers *lru.Cache[string, []int32]
}

// New is a finder running its searches within limits.
func New(limits Limits) *Finder {
	limits.Running = max(limits.Running, 1)
	return &Finder{limits: limits, running: make(chan struct{}, limits.Running)}
}

// key is how a query is kept: the search ignores case and runs of spaces,
// so "Data  Engineer" and "data engineer" share an answer.
func key(q string) string { return strings.Join(strings.Fields(strings.ToLower(q)), " ") }

// snapshot is the cache of cat, replacing the cache of an older snapshot.
func (f *Finder) snapshot(cat *career.Catalog) *snapshotCache {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cache == nil || f.cache.cat != cat {
		a, _ := lru.New[string, []int32](cacheSize) // errs only on size <= 0
		f.cache = &snapshotCache{cat: cat, answers: a}
	}
	return f.cache
}

// indexKey keeps a catalog's Index with it (career.Derived).
type indexKey struct{}

// IndexOf is the search index of cat, made the first time it is asked for
// and kept with cat.
func IndexOf(cat *career.Catalog) *Index { return career.Derived(cat, indexKey{}, NewIndex) }

// Find returns the occupations q finds in cat, best first, at most
// MaxHits. A query whose answer is not kept asks allowMiss first (false:
// ErrLimited), then waits for one of the Running searches (ErrBusy when
// Waiting wait already; ctx's error when ctx ends first).
func (f *Finder) Find(ctx context.Context, cat *career.Catalog, q string, allowMiss func() bool) ([]*career.Occupation, error) {
	snap := f.snapshot(cat)
	k := key(q)
	if hits, ok := snap.answers.Get(k); ok {
		return at(cat, hits), nil
	}
	if allowMiss != nil && !allowMiss() {
		return nil, ErrLimited
	}
	if f.waiting.Add(1) > int64(f.limits.Running+f.limits.Waiting) {
		f.waiting.Add(-1)
		return nil, ErrBusy
	}
	defer f.waiting.Add(-1)
	select {
	case f.running <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	hits := IndexOf(cat).Search(q, MaxHits)
	<-f.running
	snap.answers.Add(k, hits)
	return at(cat, hits), nil
}

func at(cat *career.Catalog, hits []int32) []*career.Occupation {
	out := make([]*career.Occupation, len(hits))
	for i, h := range hits {
		out[i] = &cat.Occupations[h]
	}
	return out
}

// Page is one page of the list.
type Page struct {
	// Rows are the page's occupations with their match (-1: none).
	Rows []Row
	// Total is the number of occupations found; First the position of the
	// first row (from 1); Pages the number of pages.
	Total, First, Pages int
}

// Row is one occupation of a page.
type Row struct {
	Occ   *career.Occupation
	Match int
}

// List is the page of q in cat: the search's occupations (or all), the
// filters, the sort (by match to person when given), the page.
func (f *Finder) List(ctx context.Context, cat *career.Catalog, q Query, person *quiz.Profile, allowMiss func() bool) (Page, error) {
	var list []*career.Occupation
	if q.Q != "" {
		found, err := f.Find(ctx, cat, q.Q, allowMiss)
		if err != nil {
			return Page{}, err
		}
		list = found
	} else {
		list = make([]*career.Occupation, len(cat.Occupations))
		for i := range cat.Occupations {
			list[i] = &cat.Occupations[i]
		}
	}
	list = filter(list, q)
	order := q.Sort
	if order == "" {
		order = "name"
		if q.Q != "" {
			order = "relevance"
		}
	}
	match := map[string]int{}
	if person != nil {
		for _, o := range list {
			if o.Interests != nil {
				match[o.Code] = int(math.Round(quiz.Match(*person, o.Interests.Scores)))
			}
		}
	}
	sortList(list, order, match)
	p := Page{Total: len(list), Pages: max(1, (len(list)+PerPage-1)/PerPage)}
	if q.Page > p.Pages {
		return Page{}, ErrNoPage
	}
	from := (q.Page - 1) * PerPage
	p.First = from + 1
	p.Rows = make([]Row, 0, PerPage)
	for _, o := range list[from:min(from+PerPage, len(list))] {
		m, ok := match[o.Code]
		if !ok {
			m = -1
		}
		p.Rows = append(p.Rows, Row{Occ: o, Match: m})
	}
	return p, nil
}
