package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"careerguide/internal/store/db"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// Shards is the number of rows each Result Library counter is spread over.
const Shards = 8

// Result is one stored match test result.
type Result struct {
	ID         string
	CareerSlug string
	Answers    []int
	Scores     [6]float64
	Match      float64
	Holland    string
	LevelKey   string // "" when none was set
	UserID     int64  // 0 when anonymous
	Percentile int    // share of earlier results with a lower match, when taken
	CreatedAt  time.Time
}

// SaveResult stores r and updates the Result Library counters in one
// transaction. Percentile is computed inside it from the counters as they
// were before r, through percentile(histogram).
func (s *Store) SaveResult(ctx context.Context, r *Result, bucket int, percentile func(hist []int64) int) error {
	shard := int16(0)
	if len(r.ID) > 0 {
		shard = int16(r.ID[len(r.ID)-1]) % Shards
	}
	answers := make([]int16, len(r.Answers))
	for i, a := range r.Answers {
		answers[i] = int16(a)
	}
	scores := make([]float32, 6)
	for i, v := range r.Scores {
		scores[i] = float32(v)
	}
	err := s.inTx(ctx, pgx.TxOptions{}, func(q *db.Queries) error {
		rows, err := q.Histogram(ctx, r.CareerSlug)
		if err != nil {
			return err
		}
		hist := make([]int64, 20)
		for _, row := range rows {
			if int(row.Bucket) < len(hist) {
				hist[row.Bucket] = row.Results
			}
		}
		r.Percentile = percentile(hist)
		err = q.InsertResult(ctx, db.InsertResultParams{
			ID: r.ID, CareerSlug: r.CareerSlug, Answers: answers, Scores: scores, MatchPct: float32(r.Match),
			Holland: r.Holland, LevelKey: pgtype.Text{String: r.LevelKey, Valid: r.LevelKey != ""},
			UserID: pgtype.Int8{Int64: r.UserID, Valid: r.UserID != 0}, Percentile: int16(r.Percentile),
		})
		if err != nil {
			return err
		}
		if err := q.BumpHistogram(ctx, db.BumpHistogramParams{CareerSlug: r.CareerSlug, Bucket: int16(bucket), Shard: shard}); err != nil {
			return err
		}
		if err := q.BumpHolland(ctx, db.BumpHollandParams{CareerSlug: r.CareerSlug, Holland: r.Holland, Shard: shard}); err != nil {
			return err
		}
		return q.BumpLevel(ctx, db.BumpLevelParams{CareerSlug: r.CareerSlug, LevelKey: r.LevelKey, Shard: shard, Match: r.Match})
	})
	if err != nil {
		return fmt.Errorf("save result: %w", err)
	}
	return nil
}

// Result reads one result; ErrNotFound when there is none with the id.
func (s *Store) Result(ctx context.Context, id string) (*Result, error) {
	row, err := s.q.GetResult(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("result: %w", err)
	}
	r := &Result{
		ID: row.ID, CareerSlug: row.CareerSlug, Match: float64(row.MatchPct), Holland: row.Holland,
		LevelKey: row.LevelKey.String, UserID: row.UserID.Int64, Percentile: int(row.Percentile), CreatedAt: row.CreatedAt.Time,
	}
	r.Answers = make([]int, len(row.Answers))
	for i, a := range row.Answers {
		r.Answers[i] = int(a)
	}
	for i := 0; i < 6 && i < len(row.Scores); i++ {
		r.Scores[i] = float64(row.Scores[i])
	}
	return r, nil
}

// CodeCount is how many results had a Holland code.
type CodeCount struct {
	Code    string
	Results int64
}

// LevelStat is the number of results and their mean match for one level
// ("" = no level set).
type LevelStat struct {
	LevelKey string
	Results  int64
	AvgMatch float64
}

// Library is the aggregate of every result of a career, read from the
// maintained counters (a few dozen rows whatever the number of results).
type Library struct {
	Total     int64
	Histogram [20]int64
	Codes     []CodeCount // most common first
	Levels    []LevelStat
}

// Library reads the counters of a career.
func (s *Store) Library(ctx context.Context, slug string, topCodes int) (*Library, error) {
	lib := &Library{}
	err := s.inTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(q *db.Queries) error {
		hist, err := q.Histogram(ctx, slug)
		if err != nil {
			return err
		}
		for _, h := range hist {
			if int(h.Bucket) < len(lib.Histogram) {
				lib.Histogram[h.Bucket] = h.Results
				lib.Total += h.Results
			}
		}
		codes, err := q.HollandCounts(ctx, db.HollandCountsParams{CareerSlug: slug, MaxRows: int32(topCodes)})
		if err != nil {
			return err
		}
		for _, c := range codes {
			lib.Codes = append(lib.Codes, CodeCount{Code: c.Holland, Results: c.Results})
		}
		levels, err := q.LevelStats(ctx, slug)
		if err != nil {
			return err
		}
		for _, l := range levels {
			st := LevelStat{LevelKey: l.LevelKey, Results: l.Results}
			if l.Results > 0 {
				st.AvgMatch = l.MatchSum / float64(l.Results)
			}
			lib.Levels = append(lib.Levels, st)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("library: %w", err)
	}
	return lib, nil
}
