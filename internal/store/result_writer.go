package store

import (
	"context"
	"errors"
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
	go w.run()
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

func (w *ResultWriter) run() {
	defer close(w.done)
	for {
		var first *pendingResult
		select {
		case first = <-w.in:
		case <-w.stop:
			return
		}
		batch := []*pendingResult{first}
		// Take whatever else is waiting now; never wait for more.
	gather:
		for len(batch) < w.maxBatch {
			select {
			case p := <-w.in:
				batch = append(batch, p)
			default:
				break gather
			}
		}
		w.write(batch)
	}
}

func (w *ResultWriter) write(batch []*pendingResult) {
	rs := make([]*Result, len(batch))
	for i, p := range batch {
		rs[i] = p.r
	}
	err := w.save(rs)
	if err != nil && len(batch) > 1 {
		for _, p := range batch {
			p.err <- w.save([]*Result{p.r})
		}
		return
	}
	for _, p := range batch {
		p.err <- err
	}
}

func (w *ResultWriter) save(rs []*Result) error {
	ctx, cancel := context.WithTimeout(context.Background(), w.timeout)
	defer cancel()
	return w.st.saveResults(ctx, rs)
}
