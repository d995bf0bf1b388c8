package store

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"careerguide/internal/store/db"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Reads from a standby. With ReadFrom, the read-only work (the Result
// Libraries and their open data, result pages) goes to
// a PostgreSQL hot standby while it keeps up; everything else (sessions,
// accounts, writes, readiness) stays on the primary. A read goes to the
// standby only when
//
//   - its last check (CheckStandby, every second) found it answering, in
//     recovery, and at most maxLag behind the primary;
//   - that check is recent (staleAfter), so a stalled checker cannot keep
//     reads on a standby nobody watches;
//   - it had replayed the primary's WAL up to the position the read needs:
//     the position the person's last write left the primary at (ReadAfter,
//     which the HTTP layer keeps in a cookie), and the position at which
//     the instance loaded its content (ReadFloor), so no read sees the
//     database as it was before the content the instance serves.
//
// Any other read goes to the primary. A read the standby fails (it went
// down between two checks, a query cancelled by a conflict with recovery)
// or does not answer within standbyReadTimeout is asked again of the
// primary, and the standby is taken out of use until the next check finds
// it well; a result the standby does not hold is looked for on the
// primary too (it may be seconds old).

// Standby is the read side of a Store: the pools on the standby and what
// the last check found.
type Standby struct {
	q         *db.Queries // reads
	maxLag    time.Duration
	state     atomic.Pointer[StandbyState]
	floor     atomic.Int64
	positions walPositions

	mu      sync.Mutex
	samples []walSample // the primary's positions over the last window, oldest first
}

// StandbyState is what the last check of the standby found.
type StandbyState struct {
	Checked time.Time
	// Usable: reads may go to the standby (answering, in recovery, Lag
	// known and at most the allowed lag).
	Usable bool
	// Problem says why the standby is not usable, when it is not: "not
	// answering", "not in recovery" (not a standby), "primary not
	// answering", "lagging", "not checked yet".
	Problem string
	// Replayed is the WAL position the standby's replay had reached.
	Replayed int64
	// Lag is how far behind the primary the standby was, at most (an upper
	// bound); LagKnown false: at least Lag, the check could not bound it.
	Lag      time.Duration
	LagKnown bool
}

// walSample is the primary's WAL position at a moment.
type walSample struct {
	at  time.Time
	pos int64
}

// staleAfter is how old a check may be and still route reads: three
// checks a second apart missed.
const staleAfter = 3 * time.Second

// ReadFrom sends the read-only work to a hot standby, on the pool reads,
// while the standby is at most maxLag behind. Until the first
// CheckStandby every read stays on the primary.
func (s *Store) ReadFrom(reads *pgxpool.Pool, maxLag time.Duration) {
	s.standby = &Standby{q: db.New(reads), maxLag: maxLag}
	s.standby.state.Store(&StandbyState{Problem: "not checked yet"})
}

// HasStandby reports whether reads may go to a standby (ReadFrom).
func (s *Store) HasStandby() bool { return s.standby != nil }

// readAfterKey is the context key of ReadAfter.
type readAfterKey struct{}

// ReadAfter is ctx whose reads see at least what the primary held at WAL
// position pos (WALPosition): on the standby only once it replayed that
// far, else on the primary. A person's own writes, read back.
func ReadAfter(ctx context.Context, pos int64) context.Context {
	return context.WithValue(ctx, readAfterKey{}, pos)
}

// readAfter is the position of ReadAfter, 0 when none.
func readAfter(ctx context.Context) int64 {
	pos, _ := ctx.Value(readAfterKey{}).(int64)
	return pos
}

// ReadFloor makes every later read on the standby wait for position pos
// (it never goes back): the instance calls it with the position after it
// loaded new content.
func (s *Store) ReadFloor(pos int64) {
	if s.standby == nil {
		return
	}
	for {
		cur := s.standby.floor.Load()
		if pos <= cur || s.standby.floor.CompareAndSwap(cur, pos) {
			return
		}
	}
}

// Unknown is the WAL position of a write whose position could not be
// read: reads after it go to the primary.
const Unknown int64 = math.MaxInt64

// WALPosition is the primary's WAL position now: every transaction
// committed before the call is at or below it. The calls that arrive
// together share one query, which starts after each of them arrived.
func (s *Store) WALPosition(ctx context.Context) (int64, error) {
	if s.standby == nil {
		return s.walPosition(ctx)
	}
	return s.standby.positions.get(ctx, s.walPosition)
}

func (s *Store) walPosition(ctx context.Context) (int64, error) {
	pos, err := s.q.WALPosition(ctx)
	if err != nil {
		return 0, fmt.Errorf("wal position: %w", err)
	}
	return pos, nil
}

// CheckStandby measures how far the standby is behind the primary and
// decides where reads go until the next check: it reads the primary's WAL
// position, then the standby's replay (and up to three times more within
// 70 ms while it is behind that position). The lag is an upper bound: the time since the position just
// read, when the standby replayed it; else the time since
// the newest earlier position it replayed (one check a second keeps
// them), or since the primary committed the last transaction the standby
// replayed (PostgreSQL's replay timestamp, on the two servers' clocks),
// whichever is less. An idle primary writes nothing, so a standby that
// replayed all of it is not lagging however old its last transaction.
func (s *Store) CheckStandby(ctx context.Context) StandbyState {
	sb := s.standby
	if sb == nil {
		return StandbyState{Problem: "no standby"}
	}
	t0 := time.Now()
	pos, perr := s.q.WALPosition(ctx)
	row, err := sb.q.StandbyReplay(ctx)
	t1 := time.Now()
	// Streaming replay is usually a few milliseconds behind: up to three
	// more looks (10, 20, 40 ms later) bound the lag by those instead of
	// by the last check's second.
looks:
	for _, wait := range []time.Duration{10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond} {
		if err != nil || perr != nil || !row.InRecovery || row.Replayed >= pos {
			break
		}
		select {
		case <-ctx.Done():
			break looks
		case <-time.After(wait):
		}
		again, aerr := sb.q.StandbyReplay(ctx)
		if aerr != nil {
			break
		}
		row, t1 = again, time.Now()
	}
	if perr == nil { // kept while the standby is down too, to bound its lag when it is back
		sb.remember(t0, pos)
	}
	st := StandbyState{Checked: t1}
	switch {
	case err != nil:
		st.Problem = "not answering"
	case !row.InRecovery:
		st.Problem = "not in recovery"
	case perr != nil:
		st.Problem = "primary not answering"
	default:
		st.Replayed = row.Replayed
		st.Lag, st.LagKnown = sb.lag(t1, row.Replayed, row.ReplayAge)
		st.Usable = st.LagKnown && st.Lag <= sb.maxLag
		if !st.Usable {
			st.Problem = "lagging"
		}
	}
	sb.state.Store(&st)
	return st
}

// remember keeps the primary's position pos read at t0, and forgets those
// older than the allowed lag and 10 s.
func (sb *Standby) remember(t0 time.Time, pos int64) {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	window := sb.maxLag + 10*time.Second
	for len(sb.samples) > 0 && t0.Sub(sb.samples[0].at) > window {
		sb.samples = sb.samples[1:]
	}
	sb.samples = append(sb.samples, walSample{at: t0, pos: pos})
}

// lag is the standby's lag at t1 (see CheckStandby), given its replayed
// position and the age of its last replayed commit in seconds (negative:
// none), from the primary's positions remembered. known is false when
// neither bound applies; lag is then a lower bound.
func (sb *Standby) lag(t1 time.Time, replayed int64, replayAge float64) (lag time.Duration, known bool) {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	if len(sb.samples) == 0 {
		return 0, false
	}
	lag, known = t1.Sub(sb.samples[0].at), false
	for i := len(sb.samples) - 1; i >= 0; i-- {
		if sb.samples[i].pos <= replayed {
			lag, known = t1.Sub(sb.samples[i].at), true
			break
		}
	}
	if replayAge >= 0 {
		if age := time.Duration(replayAge * float64(time.Second)); !known || age < lag {
			lag, known = age, true
		}
	}
	return lag, known
}

// StandbyState is what the last check of the standby found; ok is false
// without a standby.
func (s *Store) StandbyState() (st StandbyState, ok bool) {
	if s.standby == nil {
		return StandbyState{}, false
	}
	return *s.standby.state.Load(), true
}

// ReadsOn says where reads go now, for /readyz: "primary" without a
// standby; "standby (lag at most 3 ms)"; or "primary (standby lagging 12 s)",
// "primary (standby not answering)" and the like.
func (s *Store) ReadsOn() string {
	st, ok := s.StandbyState()
	switch {
	case !ok:
		return "primary"
	case time.Since(st.Checked) > staleAfter && !st.Checked.IsZero():
		return "primary (standby not checked for " + seconds(time.Since(st.Checked)) + ")"
	case st.Usable:
		return "standby (lag at most " + seconds(st.Lag) + ")"
	case st.Problem == "lagging" && st.LagKnown:
		return "primary (standby lagging " + seconds(st.Lag) + ")"
	case st.Problem == "lagging":
		return "primary (standby lagging more than " + seconds(st.Lag) + ")"
	case st.Problem == "not in recovery":
		return "primary (the read URL is not in recovery, so not a standby)"
	case st.Problem == "primary not answering":
		return "primary (the primary does not answer, so the standby's lag is unknown)"
	}
	return "primary (standby " + st.Problem + ")"
}

// seconds is d in milliseconds below 1 s, else in seconds, one decimal
// below 10 s.
func seconds(d time.Duration) string {
	if d < time.Second {
		return strconv.FormatInt(d.Milliseconds(), 10) + " ms"
	}
	if d < 10*time.Second {
		return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + " s"
	}
	return strconv.FormatFloat(math.Round(d.Seconds()), 'f', 0, 64) + " s"
}

// reader is where a read of ctx goes: the standby's queries when it may
// serve it, else nil (the primary).
func (s *Store) reader(ctx context.Context) *db.Queries {
	sb := s.standby
	if sb == nil {
		return nil
	}
	st := sb.state.Load()
	if !st.Usable || time.Since(st.Checked) > staleAfter || st.Replayed < max(readAfter(ctx), sb.floor.Load()) {
		return nil
	}
	return sb.q
}

// standbyFailed takes the standby out of use until the next check.
func (sb *Standby) standbyFailed() {
	st := *sb.state.Load()
	st.Usable, st.Problem = false, "not answering"
	sb.state.Store(&st)
}

// standbyReadTimeout bounds a read on the standby: a standby that stops
// answering without refusing connections (a network partition) costs a
// read this long before the primary answers it.
const standbyReadTimeout = time.Second

// read runs fn on the standby when it may serve ctx (onStandby), else, or
// when the standby did not answer, on the primary's queries.
func read[T any](s *Store, ctx context.Context, missingToo bool, primary *db.Queries, fn func(ctx context.Context, q *db.Queries) (T, error)) (T, error) {
	if v, answered, err := onStandby(s, ctx, missingToo, fn); answered {
		return v, err
	}
	return fn(ctx, primary)
}

// onStandby runs fn on the standby when it may serve ctx (reader);
// answered is false when it may not, or when the standby failed it or
// took longer than standbyReadTimeout (the standby is then out of use
// until the next check), or, with missingToo, did not have the row
// (pgx.ErrNoRows): the primary is to answer. The caller's own end (ctx
// done) is not the standby's failure: it is an answer.
func onStandby[T any](s *Store, ctx context.Context, missingToo bool, fn func(ctx context.Context, q *db.Queries) (T, error)) (v T, answered bool, err error) {
	q := s.reader(ctx)
	if q == nil {
		return v, false, nil
	}
	sctx, cancel := context.WithTimeout(ctx, standbyReadTimeout)
	v, err = fn(sctx, q)
	cancel()
	switch {
	case err == nil:
		return v, true, nil
	case errors.Is(err, pgx.ErrNoRows):
		return v, !missingToo, err
	case ctx.Err() != nil:
		return v, true, err
	}
	s.standby.standbyFailed()
	return v, false, nil
}

// walPositions shares WALPosition queries among the calls that arrive
// together: a call joins the next query to start, and the first call to
// join it runs it once the query before it returned, so every call gets a
// position read after it arrived.
type walPositions struct {
	mu   sync.Mutex
	next *walCall
	turn chan struct{} // holds a token while a query runs
	once sync.Once
}

type walCall struct {
	done chan struct{}
	pos  int64
	err  error
}

func (w *walPositions) get(ctx context.Context, query func(context.Context) (int64, error)) (int64, error) {
	w.once.Do(func() { w.turn = make(chan struct{}, 1) })
	w.mu.Lock()
	c, leader := w.next, false
	if c == nil {
		c, leader = &walCall{done: make(chan struct{})}, true
		w.next = c
	}
	w.mu.Unlock()
	if leader {
		w.turn <- struct{}{} // the query before returns within its timeout
		w.mu.Lock()
		w.next = nil // later calls wait for the next query
		w.mu.Unlock()
		qctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		c.pos, c.err = query(qctx)
		cancel()
		<-w.turn
		close(c.done)
	}
	select {
	case <-c.done:
		return c.pos, c.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
