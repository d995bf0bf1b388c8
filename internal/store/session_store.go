package store

import (
	"context"
	"fmt"
	"sync"
	"time"

	"careerguide/internal/store/db"

	"github.com/alexedwards/scs/pgxstore"
)

// SessionStore is the scs store of the sessions table. pgxstore writes and
// deletes sessions; finds are read in groups: every page view of a person
// with a session reads it, and one round trip to PostgreSQL per view cost
// more than the page itself. The finds waiting when a reader is free are
// read together in one query, so a busy server pays one round trip for
// many page views, and an idle one waits for nothing: a find that arrives
// alone is read at once.
//
// A find sees every session committed before it was asked: a reader
// queries only after it took its finds.
type SessionStore struct {
	*pgxstore.PostgresStore
	in       chan *sessionFind
	stop     chan struct{}
	done     sync.WaitGroup
	stopOnce sync.Once
	maxBatch int
	timeout  time.Duration
	// query reads the live sessions among tokens (FindSessions).
	query func(ctx context.Context, tokens []string) ([]db.FindSessionsRow, error)
}

type sessionFind struct {
	token string
	reply chan sessionFound
}

type sessionFound struct {
	data []byte
	ok   bool
	err  error
}

// NewSessionStore starts readers that read at most maxBatch sessions per
// query, each query given at most timeout. Close stops them.
func (s *Store) NewSessionStore(readers, maxBatch int, timeout time.Duration) *SessionStore {
	return s.newSessionStore(readers, maxBatch, timeout, s.q.FindSessions)
}

func (s *Store) newSessionStore(readers, maxBatch int, timeout time.Duration, query func(context.Context, []string) ([]db.FindSessionsRow, error)) *SessionStore {
	ss := &SessionStore{
		PostgresStore: pgxstore.NewWithCleanupInterval(s.pool, 0), // expired sessions: DeleteExpiredSessions
		in:            make(chan *sessionFind), stop: make(chan struct{}),
		maxBatch: max(1, maxBatch), timeout: timeout, query: query,
	}
	for range max(1, readers) {
		ss.done.Add(1)
		go ss.run()
	}
	return ss
}

// Find is FindCtx without a deadline of the caller's.
func (ss *SessionStore) Find(token string) ([]byte, bool, error) {
	return ss.FindCtx(context.Background(), token)
}

// FindCtx returns the data of the live session token, or found false. It
// waits for a reader, or reads alone after Close.
func (ss *SessionStore) FindCtx(ctx context.Context, token string) (b []byte, found bool, err error) {
	f := &sessionFind{token: token, reply: make(chan sessionFound, 1)}
	select {
	case ss.in <- f:
	case <-ss.stop:
		ss.read([]*sessionFind{f})
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
	select {
	case r := <-f.reply:
		return r.data, r.ok, r.err
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
}

// CommitCtx stores a session (pgxstore's statement).
func (ss *SessionStore) CommitCtx(_ context.Context, token string, b []byte, expiry time.Time) error {
	return ss.Commit(token, b, expiry)
}

// DeleteCtx deletes a session (pgxstore's statement).
func (ss *SessionStore) DeleteCtx(_ context.Context, token string) error {
	return ss.Delete(token)
}

// Close stops the readers after they answered the finds they took.
func (ss *SessionStore) Close() {
	ss.stopOnce.Do(func() { close(ss.stop) })
	ss.done.Wait()
}

// run reads groups of finds until Close.
func (ss *SessionStore) run() {
	defer ss.done.Done()
	batch := make([]*sessionFind, 0, ss.maxBatch)
	for {
		batch = batch[:0]
		select {
		case f := <-ss.in:
			batch = append(batch, f)
		case <-ss.stop:
			return
		}
		ss.read(gather(ss.in, batch, ss.maxBatch))
	}
}

// read answers every find of batch from one query.
func (ss *SessionStore) read(batch []*sessionFind) {
	tokens := make([]string, 0, len(batch))
	for _, f := range batch {
		tokens = append(tokens, f.token) // a token asked twice is read once
	}
	ctx, cancel := context.WithTimeout(context.Background(), ss.timeout)
	rows, err := ss.query(ctx, tokens)
	cancel()
	if err != nil {
		err = fmt.Errorf("find sessions: %w", err)
	}
	for _, f := range batch {
		r := sessionFound{err: err}
		for _, row := range rows {
			if row.Token == f.token {
				r.data, r.ok = row.Data, true
				break
			}
		}
		f.reply <- r
	}
}
