package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"careerguide/internal/quiz"
	"careerguide/internal/store/db"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// Shards is the number of rows each Result Library counter is spread over,
// so concurrent submissions rarely wait for each other's row locks.
const Shards = 32

// FlatCode is the code a guide's counters file a flat result under
// (Result.Flat): its Holland code would be a tie-break.
const FlatCode = "---"

// MinGroup is the smallest group the Result Library shows, in results and
// in distinct client networks (IPv4 /24, IPv6 /48); a group records at
// most this many clients. An attacker must hold MinGroup-1 such networks
// to open a group around one other person's result.
const MinGroup = 10

// Result is one stored match test result.
type Result struct {
	ID         string
	CareerSlug string
	Answers    []int
	Scores     quiz.Profile
	Match      float64
	Holland    string
	LevelKey   string // "" when none was set
	UserID     int64  // 0 when anonymous
	Percentile int    // share of earlier results with a lower match, when taken
	CreatedAt  time.Time
	// Client identifies the submitting client network in the Result
	// Library groups the result joins (a keyed hash; nil: none).
	Client []byte
	// Flat: the profile does not separate interests (quiz.Flat), so the
	// site-wide Library counts it apart, under neither its Holland code
	// nor an occupation.
	Flat bool
	// TopOccupation is the O*NET-SOC code of the occupation matching best
	// across the catalog ("" when flat or none has a profile).
	TopOccupation string
	// Layout and Moments are the statements' layout and this result's
	// contribution to the running sums (quiz.Layout, quiz.MomentVector);
	// nil Moments: not counted in the reliability figures.
	Layout  string
	Moments []int64
	// Alpha are the result's contributions to live reliability (one per
	// statement layout it counts in, see AlphaSum), counted only when
	// AlphaClient has not counted in that layout today: one result per
	// client network per day. Empty: the result does not count.
	Alpha       []AlphaSum
	AlphaClient []byte
	// Sender counts the result's sender among the people of its Result
	// Libraries (its guide's, when it has one, and the site's): a keyed
	// hash of the client network, a new person in a scope the first time
	// it sends a result there on a day. nil: the sender is not known, and
	// the result counts in neither the people nor the results they sent.
	Sender []byte
	// AlphaDay is the day the result counts on (UTC), for live reliability
	// and for the people of the Libraries; the zero time: today.
	AlphaDay time.Time
}

// AlphaSum is one result's contribution to the live reliability of one
// layout of statements: quiz.MomentVector of the answers to them.
type AlphaSum = quiz.LayoutSums

// SaveResult stores r and updates the Result Library counters, in one
// round trip and one transaction. ErrNoUser when r.UserID names an account
// that no longer exists.
func (s *Store) SaveResult(ctx context.Context, r *Result) error {
	// The next to last character of a 22-character id carries 6 random
	// bits (the last only 2, the first ones the time): a shard that spreads
	// lone writers.
	shard := int16(0)
	if len(r.ID) > 1 {
		shard = int16(r.ID[len(r.ID)-2]) % Shards
	}
	return s.saveResults(ctx, []*Result{r}, shard)
}

// GuideCode is the code the result counts under in its guide's Library:
// its Holland code, or FlatCode when flat.
func (r *Result) GuideCode() string {
	if r.Flat {
		return FlatCode
	}
	return r.Holland
}

// saveResults stores every result of rs with its counters, added up on
// shard, in one statement: one round trip and one implicit transaction,
// so one commit. Either all are stored or none.
func (s *Store) saveResults(ctx context.Context, rs []*Result, shard int16) error {
	if err := s.q.SaveBatch(ctx, batchParams(rs, shard)); err != nil {
		return fmt.Errorf("save result: %w", noUser(err))
	}
	return nil
}

// Result reads one result; ErrNotFound when there is none with the id.
func (s *Store) Result(ctx context.Context, id string) (*Result, error) {
	row, err := read(s, ctx, true, s.q, func(ctx context.Context, q *db.Queries) (db.QuizResult, error) { return q.GetResult(ctx, id) })
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("result: %w", err)
	}
	return resultFromRow(row), nil
}

// resultFromRow is a stored result as the rest of the program uses it.
func resultFromRow(row db.QuizResult) *Result {
	r := &Result{
		ID: row.ID, CareerSlug: row.CareerSlug, Match: float64(row.MatchPct), Holland: row.Holland,
		LevelKey: row.LevelKey.String, UserID: row.UserID.Int64, Percentile: int(row.Percentile), CreatedAt: row.CreatedAt.Time,
		Layout: row.Layout,
	}
	r.Answers = make([]int, len(row.Answers))
	for i, a := range row.Answers {
		r.Answers[i] = int(a)
	}
	for i := 0; i < 6 && i < len(row.Scores); i++ {
		r.Scores[i] = float64(row.Scores[i])
	}
	return r
}

// CodeCount is how many results had a Holland code.
type CodeCount struct {
	Code    string
	Results int64
	Clients int64 // distinct clients, at most MinGroup
}

// LevelStat is the number of results and their mean match for one level
// ("" = no level set).
type LevelStat struct {
	LevelKey string
	Results  int64
	AvgMatch float64
	Clients  int64 // distinct clients, at most MinGroup
}

// Library is the aggregate of every result of a career, read from the
// maintained counters (a few dozen rows whatever the number of results).
type Library struct {
	Total            int64
	Histogram        [quiz.Buckets]int64
	HistogramClients [quiz.Buckets]int64 // distinct clients per band, at most MinGroup
	Codes            []CodeCount         // most common first
	Levels           []LevelStat
	// The results whose interests did not separate (quiz.Flat), counted
	// in neither Codes nor Occupations, and their distinct clients.
	Flat        int64
	FlatClients int64
	// Site-wide only (SiteLibrary): the best-matching occupations, most
	// common first (Code is the O*NET-SOC code).
	Occupations []CodeCount
	// People is who sent the results counted since people were counted.
	People People
}

// People is how many people sent a Library's results: a person is one
// client network (IPv4 /24, IPv6 /48) on one day, as live reliability
// counts them. Results are those counted since Since (a result whose
// sender was known), at most the Library's total.
type People struct {
	Results int64
	People  int64
	Since   time.Time // the UTC day the count began; zero when none was counted yet
}

// ClientsComplete reports whether every group a result with match,
// holland (its guide code: FlatCode when flat) and levelKey joins has
// MinGroup clients already, so that the
// result need not record its client (a code outside Codes is not known to).
func (l *Library) ClientsComplete(match float64, holland, levelKey string) bool {
	if l.HistogramClients[quiz.Bucket(match)] < MinGroup {
		return false
	}
	code, level := holland == FlatCode && l.FlatClients >= MinGroup, false
	for _, c := range l.Codes {
		code = code || (c.Code == holland && c.Clients >= MinGroup)
	}
	for _, s := range l.Levels {
		level = level || (s.LevelKey == levelKey && s.Clients >= MinGroup)
	}
	return code && level
}

// Library reads the counters of a career in one query; Codes holds the
// topCodes most common codes.
func (s *Store) Library(ctx context.Context, slug string, topCodes int) (*Library, error) {
	rows, err := read(s, ctx, false, s.q, func(ctx context.Context, q *db.Queries) ([]db.LibraryCountersRow, error) {
		return q.LibraryCounters(ctx, slug)
	})
	if err != nil {
		return nil, fmt.Errorf("library: %w", err)
	}
	lib := &Library{}
	for _, r := range rows {
		switch r.Kind {
		case "h":
			b, err := strconv.Atoi(r.Key)
			if err == nil && b >= 0 && b < len(lib.Histogram) {
				lib.Histogram[b] = r.Results
				lib.HistogramClients[b] = r.Clients
				lib.Total += r.Results
			}
		case "c":
			if r.Key == FlatCode {
				lib.Flat, lib.FlatClients = r.Results, r.Clients
				continue
			}
			lib.Codes = append(lib.Codes, CodeCount{Code: r.Key, Results: r.Results, Clients: r.Clients})
		case "l":
			st := LevelStat{LevelKey: r.Key, Results: r.Results, Clients: r.Clients}
			if r.Results > 0 {
				st.AvgMatch = r.MatchSum / float64(r.Results)
			}
			lib.Levels = append(lib.Levels, st)
		case "p":
			lib.People = peopleRow(r.Key, r.Results, r.Clients)
		}
	}
	lib.Codes = mostCommon(lib.Codes, topCodes)
	sort.Slice(lib.Levels, func(i, j int) bool { return lib.Levels[i].LevelKey < lib.Levels[j].LevelKey })
	return lib, nil
}

// peopleRow is who sent a Library's results, from its counters' row of
// kind 'p' (see LibraryCounters).
func peopleRow(day string, results, people int64) People {
	since, _ := time.Parse(time.DateOnly, day)
	return People{Results: results, People: people, Since: since}
}

// SiteScope is the key of the site-wide Library among the guides' ones
// (no guide has an empty slug).
const SiteScope = ""

// SiteClientsComplete reports whether every site-wide group a result
// joins has MinGroup clients already (see ClientsComplete).
func (l *Library) SiteClientsComplete(flat bool, holland, occupation string) bool {
	if flat {
		return l.FlatClients >= MinGroup
	}
	code, occ := false, occupation == ""
	for _, c := range l.Codes {
		code = code || (c.Code == holland && c.Clients >= MinGroup)
	}
	for _, c := range l.Occupations {
		occ = occ || (c.Code == occupation && c.Clients >= MinGroup)
	}
	return code && occ
}

// SiteLibrary reads the site-wide counters in one query: Total is every
// result counted site-wide, Codes and Occupations hold the top most
// common (counted before they are cut).
func (s *Store) SiteLibrary(ctx context.Context, top int) (*Library, error) {
	rows, err := read(s, ctx, false, s.q, func(ctx context.Context, q *db.Queries) ([]db.SiteLibraryCountersRow, error) {
		return q.SiteLibraryCounters(ctx)
	})
	if err != nil {
		return nil, fmt.Errorf("site library: %w", err)
	}
	lib := &Library{}
	for _, r := range rows {
		c := CodeCount{Code: r.Key, Results: r.Results, Clients: r.Clients}
		switch r.Kind {
		case "c":
			lib.Codes = append(lib.Codes, c)
			lib.Total += r.Results
		case "o":
			lib.Occupations = append(lib.Occupations, c)
		case "f":
			lib.Flat, lib.FlatClients = r.Results, r.Clients
			lib.Total += r.Results
		case "p":
			lib.People = peopleRow(r.Key, r.Results, r.Clients)
		}
	}
	lib.Codes = mostCommon(lib.Codes, top)
	lib.Occupations = mostCommon(lib.Occupations, top)
	return lib, nil
}

// mostCommon sorts counts most common first (then by code) and keeps top.
func mostCommon(cs []CodeCount, top int) []CodeCount {
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].Results != cs[j].Results {
			return cs[i].Results > cs[j].Results
		}
		return cs[i].Code < cs[j].Code
	})
	if len(cs) > top {
		cs = cs[:top]
	}
	return cs
}

// Moments sums the running sums of the statements' layout (see
// quiz.Layout) over their shards: k statements. Zero results when none
// was stored with this layout.
func (s *Store) Moments(ctx context.Context, layout string, k int) (quiz.Moments, error) {
	rows, err := read(s, ctx, false, s.q, func(ctx context.Context, q *db.Queries) ([]db.ResultMomentsRow, error) {
		return q.ResultMoments(ctx, layout)
	})
	if err != nil {
		return quiz.Moments{}, fmt.Errorf("moments: %w", err)
	}
	var n int64
	sum := make([]int64, quiz.MomentLen(k))
	for _, r := range rows {
		if len(r.Sums) != len(sum) {
			return quiz.Moments{}, fmt.Errorf("moments: a row of %d sums for %d statements", len(r.Sums), k)
		}
		n += r.Results
		for i, v := range r.Sums {
			sum[i] += v
		}
	}
	return quiz.MomentsFrom(n, sum, k)
}

// AlphaMoments sums the live-reliability sums of a layout over their
// shards (k statements): N is the number of people counted (one result
// per client network per day).
func (s *Store) AlphaMoments(ctx context.Context, layout string, k int) (quiz.Moments, error) {
	rows, err := read(s, ctx, false, s.q, func(ctx context.Context, q *db.Queries) ([]db.AlphaMomentsRow, error) {
		return q.AlphaMoments(ctx, layout)
	})
	if err != nil {
		return quiz.Moments{}, fmt.Errorf("alpha moments: %w", err)
	}
	var n int64
	sum := make([]int64, quiz.MomentLen(k))
	for _, r := range rows {
		if len(r.Sums) != len(sum) {
			return quiz.Moments{}, fmt.Errorf("alpha moments: a row of %d sums for %d statements", len(r.Sums), k)
		}
		n += r.People
		for i, v := range r.Sums {
			sum[i] += v
		}
	}
	return quiz.MomentsFrom(n, sum, k)
}

// LastResultAt is when a result was last stored (counted since migration
// 012); the zero time when none was.
func (s *Store) LastResultAt(ctx context.Context) (time.Time, error) {
	t, err := read(s, ctx, false, s.q, func(ctx context.Context, q *db.Queries) (pgtype.Timestamptz, error) { return q.LastResultAt(ctx) })
	if err != nil {
		return time.Time{}, fmt.Errorf("last result: %w", err)
	}
	return t.Time, nil
}

// SigningKey is the shared secret named name (see migrations/003).
func (s *Store) SigningKey(ctx context.Context, name string) ([]byte, error) {
	secret, err := s.q.SigningKey(ctx, name)
	if err != nil {
		return nil, fmt.Errorf("signing key %s: %w", name, err)
	}
	return []byte(secret), nil
}

// ClientKey is the secret of the client key of period (see migrations/009),
// created when it is missing; earlier periods' keys are deleted.
func (s *Store) ClientKey(ctx context.Context, period string) ([]byte, error) {
	var fresh [32]byte
	rand.Read(fresh[:])
	arg := db.ClientKeyParams{Name: "clients/" + period, Fresh: hex.EncodeToString(fresh[:])}
	secret, err := s.q.ClientKey(ctx, arg)
	if errors.Is(err, pgx.ErrNoRows) { // created by another instance in the same instant
		secret, err = s.q.ClientKey(ctx, arg)
	}
	if err != nil {
		return nil, fmt.Errorf("client key %s: %w", period, err)
	}
	return []byte(secret), nil
}

// ResultChecker tells whether results are stored, reading the ids asked
// for at the same moment in one query (newGroupReader): a kept result page
// asks on every view, so that a deleted result is never shown.
type ResultChecker struct {
	reader *batcher[string, found[struct{}]]
}

// NewResultChecker starts readers that check at most maxBatch ids per
// query, each query given at most timeout. Close stops them.
func (s *Store) NewResultChecker(readers, maxBatch int, timeout time.Duration) *ResultChecker {
	return &ResultChecker{reader: newGroupReader(readers, maxBatch, timeout, func(ctx context.Context, ids []string) (map[string]struct{}, error) {
		stored, err := s.q.StoredResults(ctx, ids)
		if err != nil {
			return nil, fmt.Errorf("stored results: %w", err)
		}
		found := make(map[string]struct{}, len(stored))
		for _, id := range stored {
			found[id] = struct{}{}
		}
		return found, nil
	})}
}

// Exists reports whether a result with the id is stored.
func (c *ResultChecker) Exists(ctx context.Context, id string) (bool, error) {
	_, ok, err := lookup(ctx, c.reader, id)
	return ok, err
}

// Close stops the readers after they answered the ids they took.
func (c *ResultChecker) Close() { c.reader.close() }

// EarlierResults counts the results of the career stored before the time,
// up to limit: the number of people a result's percentile rests on.
func (s *Store) EarlierResults(ctx context.Context, careerSlug string, before time.Time, limit int) (int, error) {
	arg := db.EarlierResultsParams{CareerSlug: careerSlug, Before: pgtype.Timestamptz{Time: before, Valid: true}, Cap: int32(limit)}
	n, err := read(s, ctx, false, s.q, func(ctx context.Context, q *db.Queries) (int64, error) { return q.EarlierResults(ctx, arg) })
	if err != nil {
		return 0, fmt.Errorf("earlier results: %w", err)
	}
	return int(n), nil
}

// PreviousResult is the latest result for careerSlug stored before the
// result id (created at before) that belongs to the account userID (0:
// none) or is one of ids (a browser's anonymous results); ErrNotFound when
// there is none.
func (s *Store) PreviousResult(ctx context.Context, careerSlug, id string, before time.Time, userID int64, ids []string) (*Result, error) {
	if ids == nil {
		ids = []string{}
	}
	arg := db.PreviousResultParams{
		CareerSlug: careerSlug, ID: id, Before: pgtype.Timestamptz{Time: before, Valid: true},
		UserID: pgtype.Int8{Int64: userID, Valid: userID != 0}, Ids: ids,
	}
	row, err := read(s, ctx, false, s.q, func(ctx context.Context, q *db.Queries) (db.QuizResult, error) { return q.PreviousResult(ctx, arg) })
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("previous result: %w", err)
	}
	return resultFromRow(row), nil
}
