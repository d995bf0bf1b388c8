package finder

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"careerguide/internal/career"
	"careerguide/internal/quiz"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/sync/singleflight"
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

// Search runs a search in the database: the codes of the occupations
// whose names match q, best first, at most limit.
type Search func(ctx context.Context, q string, limit int) ([]string, error)

// Limits bound the searches that run in the database.
type Limits struct {
	// Running is how many searches may run at once; Waiting how many more
	// may wait for one of them before a search is refused (ErrBusy).
	Running, Waiting int
	// Timeout bounds one search, its wait included.
	Timeout time.Duration
}

// cacheSize bounds the answers kept per snapshot: at most MaxHits
// positions of 4 bytes each, so about 1.2 MB when every answer is full.
const cacheSize = 1024

// Finder finds occupations. Searches repeat (people type the same job
// titles), so the answer of a query is kept, for the content snapshot it
// was found in: a new snapshot gets an empty cache. Concurrent requests
// for one query run it once; when every request waiting for it has gone,
// it is cancelled.
type Finder struct {
	search  Search
	limits  Limits
	running chan struct{}
	waiting atomic.Int64
	group   singleflight.Group
	mu      sync.Mutex
	cache   *snapshotCache
	flights map[string]*flight
}

// snapshotCache holds the answers found in one content snapshot, as
// positions in its occupation list, and its long names (wholeNames), made
// when a long search first asks.
type snapshotCache struct {
	cat       *career.Catalog
	answers   *lru.Cache[string, []int32]
	wholeOnce sync.Once
	whole     map[string][]int32
}

// flight is a search running for the requests waiting on it.
type flight struct {
	ctx     context.Context
	cancel  context.CancelFunc
	waiters int
}

// New is a finder running its searches through search within limits.
func New(search Search, limits Limits) *Finder {
	limits.Running = max(limits.Running, 1)
	if limits.Timeout <= 0 {
		limits.Timeout = 5 * time.Second
	}
	return &Finder{search: search, limits: limits, running: make(chan struct{}, limits.Running), flights: map[string]*flight{}}
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

// Find returns the occupations q finds in cat, best first. A query whose
// answer is not kept asks allowMiss first (false: ErrLimited). A query of
// more than MaxWords words or MaxLen characters finds only the
// occupations with that whole name, from memory (none: ErrTooLong).
func (f *Finder) Find(ctx context.Context, cat *career.Catalog, q string, allowMiss func() bool) ([]*career.Occupation, error) {
	snap := f.snapshot(cat)
	if long(q) {
		snap.wholeOnce.Do(func() { snap.whole = wholeNames(cat) })
		if hits, ok := snap.whole[career.NormalName(q)]; ok {
			return at(cat, hits), nil
		}
		return nil, ErrTooLong
	}
	k := key(q)
	answers := snap.answers
	if hits, ok := answers.Get(k); ok {
		return at(cat, hits), nil
	}
	if allowMiss != nil && !allowMiss() {
		return nil, ErrLimited
	}
	fl := f.join(k)
	ch := f.group.DoChan(k, func() (any, error) {
		// A request that missed the kept answers just before an earlier
		// search of k finished and was forgotten finds its answer here.
		if hits, ok := answers.Get(k); ok {
			return hits, nil
		}
		hits, err := f.run(fl.ctx, cat, q)
		if err == nil {
			answers.Add(k, hits)
		}
		return hits, err
	})
	select {
	case res := <-ch:
		f.leave(k, fl)
		if res.Err != nil {
			return nil, res.Err
		}
		return at(cat, res.Val.([]int32)), nil
	case <-ctx.Done():
		f.leave(k, fl)
		return nil, ctx.Err()
	}
}

// join counts one more request waiting for the search of k.
func (f *Finder) join(k string) *flight {
	f.mu.Lock()
	defer f.mu.Unlock()
	fl := f.flights[k]
	if fl == nil {
		ctx, cancel := context.WithTimeout(context.Background(), f.limits.Timeout)
		fl = &flight{ctx: ctx, cancel: cancel}
		f.flights[k] = fl
	}
	fl.waiters++
	return fl
}

// leave counts one request less waiting for the search of k; the last
// one cancels it, and a later request for k starts a new search.
func (f *Finder) leave(k string, fl *flight) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if fl.waiters--; fl.waiters > 0 {
		return
	}
	fl.cancel()
	if f.flights[k] == fl {
		delete(f.flights, k)
		f.group.Forget(k)
	}
}

// run searches q within the limits, as positions in cat's occupations.
func (f *Finder) run(ctx context.Context, cat *career.Catalog, q string) ([]int32, error) {
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
	defer func() { <-f.running }()
	codes, err := f.search(ctx, q, MaxHits)
	if err != nil {
		return nil, err
	}
	hits := make([]int32, 0, len(codes))
	for _, code := range codes {
		if i, ok := slices.BinarySearchFunc(cat.Occupations, code, func(o career.Occupation, code string) int { return strings.Compare(o.Code, code) }); ok {
			hits = append(hits, int32(i))
		}
	}
	return hits, nil
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
