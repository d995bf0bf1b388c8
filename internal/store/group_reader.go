package store

import (
	"context"
	"sync"
	"time"
)

// groupReader answers the lookups asked at the same moment from one query:
// while a reader waits for PostgreSQL, the lookups that arrive queue, and
// the reader's next query takes every one waiting (up to maxBatch). A
// lookup that arrives alone is read at once, so an idle server waits for
// nothing and a busy one pays one round trip for many lookups. A lookup
// sees every row committed before it was asked: a reader queries only
// after it took its lookups.
type groupReader[K comparable, V any] struct {
	in       chan *lookup[K, V]
	stop     chan struct{}
	done     sync.WaitGroup
	stopOnce sync.Once
	maxBatch int
	timeout  time.Duration
	// query returns the found values of keys, each key found at most once.
	query func(ctx context.Context, keys []K) (map[K]V, error)
}

type lookup[K comparable, V any] struct {
	key   K
	reply chan lookupResult[V]
}

type lookupResult[V any] struct {
	v   V
	ok  bool
	err error
}

// newGroupReader starts readers that each ask query for at most maxBatch
// keys at once, given at most timeout. close stops them.
func newGroupReader[K comparable, V any](readers, maxBatch int, timeout time.Duration, query func(context.Context, []K) (map[K]V, error)) *groupReader[K, V] {
	g := &groupReader[K, V]{in: make(chan *lookup[K, V]), stop: make(chan struct{}), maxBatch: max(1, maxBatch), timeout: timeout, query: query}
	for range max(1, readers) {
		g.done.Add(1)
		go g.run()
	}
	return g
}

// get returns key's value and whether it was found. It waits for a reader,
// or reads alone after close; a failed query is an error, never "not
// found".
func (g *groupReader[K, V]) get(ctx context.Context, key K) (V, bool, error) {
	l := &lookup[K, V]{key: key, reply: make(chan lookupResult[V], 1)}
	select {
	case g.in <- l:
	case <-g.stop:
		g.read([]*lookup[K, V]{l})
	case <-ctx.Done():
		var zero V
		return zero, false, ctx.Err()
	}
	select {
	case r := <-l.reply:
		return r.v, r.ok, r.err
	case <-ctx.Done():
		var zero V
		return zero, false, ctx.Err()
	}
}

// close stops the readers after they answered the lookups they took.
func (g *groupReader[K, V]) close() {
	g.stopOnce.Do(func() { close(g.stop) })
	g.done.Wait()
}

func (g *groupReader[K, V]) run() {
	defer g.done.Done()
	batch := make([]*lookup[K, V], 0, g.maxBatch)
	for {
		select {
		case l := <-g.in:
			g.read(gather(g.in, append(batch[:0], l), g.maxBatch))
		case <-g.stop:
			return
		}
	}
}

// read answers every lookup of batch from one query.
func (g *groupReader[K, V]) read(batch []*lookup[K, V]) {
	keys := make([]K, len(batch))
	for i, l := range batch {
		keys[i] = l.key
	}
	ctx, cancel := context.WithTimeout(context.Background(), g.timeout)
	found, err := g.query(ctx, keys)
	cancel()
	for _, l := range batch {
		v, ok := found[l.key]
		l.reply <- lookupResult[V]{v: v, ok: ok && err == nil, err: err}
	}
}
