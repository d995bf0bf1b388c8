package store

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"time"
)

// ErrWriterClosed is returned by ResultWriter.Save after Close.
var ErrWriterClosed = errors.New("result writer closed")

// ResultWriter writes match test results in groups (group commit): the
// submissions waiting when the writer is free are stored together in one
// round trip and one transaction, so a busy server pays one commit for
// many results instead of one each. Save returns only after its result's
// transaction committed (or failed), so a caller that got nil may tell the
// person their result is stored.
//
// One writer serves an instance: with two, batches were smaller and the
// WAL was flushed more often, and the measured rate fell (8,700-9,900/s
// with one, 6,900-8,400/s with two, on the bench machine). Each batch adds
// its counters onto the next shard in turn, so batches of other instances
// rarely wait for its row locks.
//
// A batch that fails as a whole is written again one result at a time, so
// one bad result (an account deleted a moment ago) fails alone.
type ResultWriter struct {
	st       *Store
	in       chan *pendingResult
	stop     chan struct{}
	done     chan struct{}
	maxBatch int
	timeout  time.Duration
	stopOnce sync.Once
}

type pendingResult struct {
	r   *Result
	err chan error
}

// NewResultWriter starts a writer that stores at most maxBatch results per
// transaction, each transaction given at most timeout. Close stops it.
func (s *Store) NewResultWriter(maxBatch int, timeout time.Duration) *ResultWriter {
	w := &ResultWriter{
		st: s, in: make(chan *pendingResult), stop: make(chan struct{}), done: make(chan struct{}),
		maxBatch: max(1, maxBatch), timeout: timeout,
	}
	go w.run(rand.IntN(Shards)) // other instances most likely start elsewhere
	return w
}

// Save queues r and waits until it is committed. It returns the store's
// error (ErrNoUser among them), ErrWriterClosed after Close, or ctx's error
// when ctx ends before the writer took r (then nothing was stored).
func (w *ResultWriter) Save(ctx context.Context, r *Result) error {
	p := &pendingResult{r: r, err: make(chan error, 1)}
	select {
	case w.in <- p:
	case <-w.done:
		return ErrWriterClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	// Taken: the writer always answers, commit or failure, within timeout.
	return <-p.err
}

// Close stores what is queued and stops the writer; it returns when the
// last batch is answered. Saves after Close return ErrWriterClosed.
func (w *ResultWriter) Close() {
	w.stopOnce.Do(func() { close(w.stop) })
	<-w.done
}

// run writes batches until Close, each on the next shard.
func (w *ResultWriter) run(shard int) {
	defer close(w.done)
	for ; ; shard = (shard + 1) % Shards {
		var first *pendingResult
		select {
		case first = <-w.in:
		case <-w.stop:
			return
		}
		w.write(gather(w.in, []*pendingResult{first}, w.maxBatch), int16(shard))
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

func (w *ResultWriter) write(batch []*pendingResult, shard int16) {
	rs := make([]*Result, len(batch))
	for i, p := range batch {
		rs[i] = p.r
	}
	err := w.save(rs, shard)
	if err != nil && len(batch) > 1 {
		for _, p := range batch {
			p.err <- w.save([]*Result{p.r}, shard)
		}
		return
	}
	for _, p := range batch {
		p.err <- err
	}
}

func (w *ResultWriter) save(rs []*Result, shard int16) error {
	ctx, cancel := context.WithTimeout(context.Background(), w.timeout)
	defer cancel()
	return w.st.saveResults(ctx, rs, shard)
}
