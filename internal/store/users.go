package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"careerguide/internal/auth"
	"careerguide/internal/career"
	"careerguide/internal/quiz"
	"careerguide/internal/store/db"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// ErrEmailTaken is returned when an account with the email exists.
var ErrEmailTaken = errors.New("email taken")

// ErrNoUser is returned when a write names an account that no longer
// exists (deleted while its session was still in use).
var ErrNoUser = errors.New("no such account")

// User is an account.
type User struct {
	ID           int64
	Email        string
	PasswordHash string
}

// CreateUser inserts an account; ErrEmailTaken when the email is in use.
func (s *Store) CreateUser(ctx context.Context, email, hash string) (int64, error) {
	id, err := s.q.CreateUser(ctx, db.CreateUserParams{Email: email, EmailKey: pgtype.Text{String: auth.EmailKey(email), Valid: true}, PasswordHash: hash})
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return 0, ErrEmailTaken
	}
	if err != nil {
		return 0, fmt.Errorf("create user: %w", err)
	}
	return id, nil
}

// UserByEmail finds an account by normalized email; ErrNotFound when none.
func (s *Store) UserByEmail(ctx context.Context, email string) (*User, error) {
	row, err := s.q.UserByEmail(ctx, db.UserByEmailParams{EmailKey: auth.EmailKey(email), Email: email})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("user by email: %w", err)
	}
	return &User{ID: row.ID, Email: row.Email, PasswordHash: row.PasswordHash}, nil
}

// FillEmailKeys gives every account stored before email keys its key (an
// account whose key another already holds keeps none: both stay as they
// were, and the newer can only be found by its exact address).
func (s *Store) FillEmailKeys(ctx context.Context) error {
	rows, err := s.q.UsersWithoutEmailKey(ctx)
	if err != nil {
		return fmt.Errorf("email keys: %w", err)
	}
	for _, r := range rows {
		if err := s.q.SetEmailKey(ctx, db.SetEmailKeyParams{ID: r.ID, EmailKey: auth.EmailKey(r.Email)}); err != nil {
			return fmt.Errorf("email keys: %w", err)
		}
	}
	return nil
}

// UserByID finds an account; ErrNotFound when none.
func (s *Store) UserByID(ctx context.Context, id int64) (*User, error) {
	row, err := s.q.UserByID(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("user by id: %w", err)
	}
	return &User{ID: row.ID, Email: row.Email, PasswordHash: row.PasswordHash}, nil
}

// ChangePassword stores a new password hash and, in the same transaction,
// signs the account out of every session but keep (the session that
// changed it, which must be stored already: it is tracked as the
// account's). ErrNoUser when the account no longer exists.
func (s *Store) ChangePassword(ctx context.Context, id int64, hash, keep string) error {
	err := s.inTx(ctx, pgx.TxOptions{}, func(q *db.Queries) error {
		n, err := q.UpdatePassword(ctx, db.UpdatePasswordParams{ID: id, PasswordHash: hash})
		if err != nil {
			return err
		}
		if n == 0 {
			return ErrNoUser
		}
		if _, err := q.DeleteUserSessions(ctx, db.DeleteUserSessionsParams{UserID: id, Keep: keep}); err != nil {
			return err
		}
		return q.TrackSession(ctx, db.TrackSessionParams{Token: keep, UserID: id})
	})
	if err != nil {
		return fmt.Errorf("change password: %w", noUser(err))
	}
	return nil
}

// DeleteUser removes an account with every session signed in to it, its
// saved levels and its results (cascade), in one transaction. The Result
// Library counters keep the results as anonymous counts.
func (s *Store) DeleteUser(ctx context.Context, id int64) error {
	err := s.inTx(ctx, pgx.TxOptions{}, func(q *db.Queries) error {
		if _, err := q.DeleteUserSessions(ctx, db.DeleteUserSessionsParams{UserID: id, Keep: ""}); err != nil {
			return err
		}
		n, err := q.DeleteUser(ctx, id)
		if err != nil {
			return err
		}
		if n == 0 {
			return ErrNotFound
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete user: %w", err)
	}
	return nil
}

// TrackSession records that the stored session token is signed in to the
// account. ErrNoUser when the account no longer exists.
func (s *Store) TrackSession(ctx context.Context, token string, userID int64) error {
	if err := s.q.TrackSession(ctx, db.TrackSessionParams{Token: token, UserID: userID}); err != nil {
		return fmt.Errorf("track session: %w", noUser(err))
	}
	return nil
}

// SessionUser is the account the session token is signed in to;
// ErrNotFound when none (never signed in, signed out elsewhere, or the
// account deleted).
func (s *Store) SessionUser(ctx context.Context, token string) (int64, error) {
	id, err := s.q.SessionUser(ctx, token)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("session user: %w", err)
	}
	return id, nil
}

// noUser turns a foreign key violation on a reference to users into
// ErrNoUser: the account was deleted meanwhile.
func noUser(err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23503" && strings.HasSuffix(pgErr.ConstraintName, "_user_id_fkey") {
		return ErrNoUser
	}
	return err
}

// SetUserLevel saves (or, with key "", clears) an account's level for a
// career. ErrNoUser when the account no longer exists.
func (s *Store) SetUserLevel(ctx context.Context, userID int64, careerSlug, key string) error {
	var err error
	if key == "" {
		err = s.q.ClearUserLevel(ctx, db.ClearUserLevelParams{UserID: userID, CareerSlug: careerSlug})
	} else {
		err = s.q.SetUserLevel(ctx, db.SetUserLevelParams{UserID: userID, CareerSlug: careerSlug, LevelKey: key})
	}
	if err != nil {
		return fmt.Errorf("set user level: %w", noUser(err))
	}
	return nil
}

// UserLevels are an account's saved levels by career slug.
func (s *Store) UserLevels(ctx context.Context, userID int64) (map[string]string, error) {
	rows, err := s.q.UserLevels(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("user levels: %w", err)
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.CareerSlug] = r.LevelKey
	}
	return out, nil
}

// Anonymous is what a person did before signing in, kept in their session.
type Anonymous struct {
	Levels  map[string]string // level key by career slug
	Marks   career.Marks
	Pace    int      // hours a week; 0 when not set
	Results []string // result ids stored without an owner
}

// Saved is what an account holds after AdoptSession.
type Saved struct {
	Levels map[string]string
	Marks  career.Marks
	Pace   int // 0 when never set
}

// AdoptSession moves what a person did anonymously into their account in
// one transaction: the session's levels, skill marks and pace are saved
// (they win over saved ones), and the session's results without an owner
// are claimed. It returns what the account holds after the merge.
func (s *Store) AdoptSession(ctx context.Context, userID int64, a Anonymous) (Saved, error) {
	var saved Saved
	err := s.inTx(ctx, pgx.TxOptions{}, func(q *db.Queries) error {
		for slug, key := range a.Levels {
			if err := q.SetUserLevel(ctx, db.SetUserLevelParams{UserID: userID, CareerSlug: slug, LevelKey: key}); err != nil {
				return err
			}
		}
		for ref, st := range a.Marks {
			if err := q.SetUserSkill(ctx, db.SetUserSkillParams{UserID: userID, CareerSlug: ref.Career, SkillSlug: ref.Skill, Status: string(st)}); err != nil {
				return err
			}
		}
		if a.Pace != 0 {
			if err := q.SetUserPace(ctx, db.SetUserPaceParams{UserID: userID, HoursPerWeek: int16(a.Pace)}); err != nil {
				return err
			}
		}
		if len(a.Results) > 0 {
			if _, err := q.ClaimResults(ctx, db.ClaimResultsParams{UserID: pgInt8(userID), Ids: a.Results}); err != nil {
				return err
			}
		}
		rows, err := q.UserLevels(ctx, userID)
		if err != nil {
			return err
		}
		saved.Levels = make(map[string]string, len(rows))
		for _, r := range rows {
			saved.Levels[r.CareerSlug] = r.LevelKey
		}
		if saved.Marks, err = userMarks(ctx, q, userID); err != nil {
			return err
		}
		saved.Pace, err = userPace(ctx, q, userID)
		return err
	})
	if err != nil {
		return Saved{}, fmt.Errorf("adopt session: %w", noUser(err))
	}
	return saved, nil
}

// SetUserSkill saves (or, with status "", clears) an account's mark on a
// skill. ErrNoUser when the account no longer exists.
func (s *Store) SetUserSkill(ctx context.Context, userID int64, ref career.SkillRef, st career.Status) error {
	var err error
	if st == "" {
		err = s.q.ClearUserSkill(ctx, db.ClearUserSkillParams{UserID: userID, CareerSlug: ref.Career, SkillSlug: ref.Skill})
	} else {
		err = s.q.SetUserSkill(ctx, db.SetUserSkillParams{UserID: userID, CareerSlug: ref.Career, SkillSlug: ref.Skill, Status: string(st)})
	}
	if err != nil {
		return fmt.Errorf("set user skill: %w", noUser(err))
	}
	return nil
}

// UserMarks are an account's skill marks.
func (s *Store) UserMarks(ctx context.Context, userID int64) (career.Marks, error) {
	m, err := userMarks(ctx, s.q, userID)
	if err != nil {
		return nil, fmt.Errorf("user marks: %w", err)
	}
	return m, nil
}

func userMarks(ctx context.Context, q *db.Queries, userID int64) (career.Marks, error) {
	rows, err := q.UserSkills(ctx, userID)
	if err != nil {
		return nil, err
	}
	m := make(career.Marks, len(rows))
	for _, r := range rows {
		if st, ok := career.ParseStatus(r.Status); ok {
			m[career.SkillRef{Career: r.CareerSlug, Skill: r.SkillSlug}] = st
		}
	}
	return m, nil
}

// SetUserPace saves an account's hours a week (1-40). ErrNoUser when the
// account no longer exists.
func (s *Store) SetUserPace(ctx context.Context, userID int64, hours int) error {
	if err := s.q.SetUserPace(ctx, db.SetUserPaceParams{UserID: userID, HoursPerWeek: int16(hours)}); err != nil {
		return fmt.Errorf("set user pace: %w", noUser(err))
	}
	return nil
}

// UserPace is an account's hours a week, or 0 when never set.
func (s *Store) UserPace(ctx context.Context, userID int64) (int, error) {
	p, err := userPace(ctx, s.q, userID)
	if err != nil {
		return 0, fmt.Errorf("user pace: %w", err)
	}
	return p, nil
}

func userPace(ctx context.Context, q *db.Queries, userID int64) (int, error) {
	h, err := q.UserPace(ctx, userID)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	return int(h), err
}

// ResultSummary is a line of an account's result list.
type ResultSummary struct {
	ID         string
	CareerSlug string
	Match      float64
	Holland    string
	Scores     quiz.Profile
	CreatedAt  time.Time
}

// UserResults lists an account's results, newest first.
func (s *Store) UserResults(ctx context.Context, userID int64) ([]ResultSummary, error) {
	rows, err := s.q.UserResults(ctx, pgInt8(userID))
	if err != nil {
		return nil, fmt.Errorf("user results: %w", err)
	}
	out := make([]ResultSummary, len(rows))
	for i, r := range rows {
		out[i] = ResultSummary{ID: r.ID, CareerSlug: r.CareerSlug, Match: float64(r.MatchPct), Holland: r.Holland, CreatedAt: r.CreatedAt.Time}
		for j := 0; j < len(out[i].Scores) && j < len(r.Scores); j++ {
			out[i].Scores[j] = float64(r.Scores[j])
		}
	}
	return out, nil
}

func pgInt8(v int64) pgtype.Int8 { return pgtype.Int8{Int64: v, Valid: true} }
