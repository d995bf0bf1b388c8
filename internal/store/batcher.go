package store

import (
	"context"
	"sync"
	"time"
)

// batcher is the one shape of the store's batching (sessions and result
// ids read in groups, results written in groups). A request waits until
// one of the batcher's workers is free; the worker takes it with every
// request waiting behind it, up to maxBatch, and answers them all from
// one call of do: one round trip to PostgreSQL for many requests when
// busy, no wait at all when idle. A worker calls do only after it took
// its batch, so a read sees every row committed before it was asked.
type batcher[Req, Resp any] struct {
	in       chan *pending[Req, Resp]
	stop     chan struct{}
	done     sync.WaitGroup
	stopOnce sync.Once
	maxBatch int
	// do answers a batch: one Resp per Req, in order. Each worker calls
	// it from its own goroutine, one batch at a time.
	do func(batch []Req) []Resp
	// closed answers a request made after close.
	closed func(Req) Resp
	// untilAnswered: a request that a worker took waits for its answer
	// even when its context ends (a write must not be reported lost once
	// it may have committed); otherwise it gives up with its context.
	untilAnswered bool
}

type pending[Req, Resp any] struct {
	req   Req
	reply chan Resp
}

// newBatcher starts workers that answer at most maxBatch requests per
// call of do; see batcher for closed and untilAnswered. close stops them.
func newBatcher[Req, Resp any](workers, maxBatch int, untilAnswered bool, do func([]Req) []Resp, closed func(Req) Resp) *batcher[Req, Resp] {
	b := &batcher[Req, Resp]{
		in: make(chan *pending[Req, Resp]), stop: make(chan struct{}), maxBatch: max(1, maxBatch),
		do: do, closed: closed, untilAnswered: untilAnswered,
	}
	for range max(1, workers) {
		b.done.Add(1)
		go b.run()
	}
	return b
}

// submit hands req to a worker and returns its answer, or ctx's error when
// ctx ends before a worker took it (or, unless untilAnswered, before the
// answer came).
func (b *batcher[Req, Resp]) submit(ctx context.Context, req Req) (Resp, error) {
	var zero Resp
	p := &pending[Req, Resp]{req: req, reply: make(chan Resp, 1)}
	select {
	case b.in <- p:
	case <-b.stop:
		return b.closed(req), nil
	case <-ctx.Done():
		return zero, ctx.Err()
	}
	if b.untilAnswered {
		return <-p.reply, nil
	}
	select {
	case r := <-p.reply:
		return r, nil
	case <-ctx.Done():
		return zero, ctx.Err()
	}
}

// close stops the workers after they answered the requests they took.
func (b *batcher[Req, Resp]) close() {
	b.stopOnce.Do(func() { close(b.stop) })
	b.done.Wait()
}

func (b *batcher[Req, Resp]) run() {
	defer b.done.Done()
	batch := make([]*pending[Req, Resp], 0, b.maxBatch)
	reqs := make([]Req, 0, b.maxBatch)
	for {
		select {
		case p := <-b.in:
			batch = gather(b.in, append(batch[:0], p), b.maxBatch)
			reqs = reqs[:0]
			for _, p := range batch {
				reqs = append(reqs, p.req)
			}
			for i, r := range b.do(reqs) {
				batch[i].reply <- r
			}
		case <-b.stop:
			return
		}
	}
}

// gather adds to batch whatever else is waiting on in now, up to max
// items in all; it never waits for more.
func gather[T any](in <-chan T, batch []T, max int) []T {
	for len(batch) < max {
		select {
		case v := <-in:
			batch = append(batch, v)
		default:
			return batch
		}
	}
	return batch
}

// found is a lookup's answer: the value and whether it was found; a failed
// query is an error, never "not found".
type found[V any] struct {
	v   V
	ok  bool
	err error
}

// newGroupReader is a batcher of lookups by key: query returns the values
// found among keys (each key at most once), given at most timeout. A
// lookup after close is read alone.
func newGroupReader[K comparable, V any](readers, maxBatch int, timeout time.Duration, query func(context.Context, []K) (map[K]V, error)) *batcher[K, found[V]] {
	read := func(keys []K) []found[V] {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		values, err := query(ctx, keys)
		out := make([]found[V], len(keys))
		for i, k := range keys {
			v, ok := values[k]
			out[i] = found[V]{v: v, ok: ok && err == nil, err: err}
		}
		return out
	}
	return newBatcher(readers, maxBatch, false, read, func(k K) found[V] { return read([]K{k})[0] })
}

// lookup returns key's value from a group reader and whether it was found.
func lookup[K comparable, V any](ctx context.Context, g *batcher[K, found[V]], key K) (V, bool, error) {
	f, err := g.submit(ctx, key)
	if err != nil {
		return f.v, false, err
	}
	return f.v, f.ok, f.err
}
