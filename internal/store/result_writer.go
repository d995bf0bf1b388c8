package store

import (
	"context"
	"errors"
	"math/rand/v2"
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
	b *batcher[*Result, error]
}

// NewResultWriter starts a writer that stores at most maxBatch results per
// transaction, each transaction given at most timeout. Close stops it.
func (s *Store) NewResultWriter(maxBatch int, timeout time.Duration) *ResultWriter {
	shard := rand.IntN(Shards) // other instances most likely start elsewhere
	save := func(rs []*Result) error {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		return s.saveResults(ctx, rs, int16(shard))
	}
	// One worker, so write is never called twice at once: each batch goes
	// on the next shard.
	write := func(rs []*Result) []error {
		defer func() { shard = (shard + 1) % Shards }()
		errs := make([]error, len(rs))
		err := save(rs)
		for i, r := range rs {
			if err != nil && len(rs) > 1 {
				errs[i] = save([]*Result{r})
				continue
			}
			errs[i] = err
		}
		return errs
	}
	closed := func(*Result) error { return ErrWriterClosed }
	return &ResultWriter{b: newBatcher(1, maxBatch, true, write, closed)}
}

// Save queues r and waits until it is committed. It returns the store's
// error (ErrNoUser among them), ErrWriterClosed after Close, or ctx's error
// when ctx ends before the writer took r (then nothing was stored).
// Once taken, the writer always answers, commit or failure, within its
// timeout.
func (w *ResultWriter) Save(ctx context.Context, r *Result) error {
	err, ctxErr := w.b.submit(ctx, r)
	if ctxErr != nil {
		return ctxErr
	}
	return err
}

// Close stores what the writer took and stops it; it returns when the
// last batch is answered. Saves after Close return ErrWriterClosed.
func (w *ResultWriter) Close() { w.b.close() }
