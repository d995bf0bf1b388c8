package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"careerguide/internal/store"
	"careerguide/internal/testdb"
)

// Sessions signed in to an account are tracked: a password change deletes
// all but the one kept, deleting the account deletes every one, and a
// session's row goes with it.
func TestSessionsOfAnAccount(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.Pool(t, testdb.URL(t))
	st := store.New(pool)
	id, err := st.CreateUser(ctx, "tracked@example.com", "hash")
	if err != nil {
		t.Fatal(err)
	}
	other, err := st.CreateUser(ctx, "other@example.com", "hash")
	if err != nil {
		t.Fatal(err)
	}
	for _, token := range []string{"a", "b", "c", "x", "anon"} {
		if _, err := pool.Exec(ctx, "insert into sessions (token, data, expiry) values ($1, '', $2)", token, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	for _, token := range []string{"a", "b", "c"} {
		if err := st.TrackSession(ctx, token, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.TrackSession(ctx, "x", other); err != nil {
		t.Fatal(err)
	}
	if got, err := st.SessionUser(ctx, "b"); err != nil || got != id {
		t.Fatalf("SessionUser(b): %d %v", got, err)
	}
	if _, err := st.SessionUser(ctx, "anon"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("SessionUser(anon): %v, want ErrNotFound", err)
	}
	remaining := func() (n int) {
		pool.QueryRow(ctx, "select count(*) from sessions").Scan(&n)
		return n
	}

	if err := st.ChangePassword(ctx, id, "new hash", "b"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SessionUser(ctx, "a"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("session a after the password change: %v", err)
	}
	if n := remaining(); n != 3 { // b, x and the anonymous one
		t.Fatalf("%d sessions left after the password change, want 3", n)
	}
	if u, _ := st.UserByID(ctx, id); u.PasswordHash != "new hash" {
		t.Fatalf("hash %q", u.PasswordHash)
	}

	// Logging out (the session row deleted) untracks the session.
	pool.Exec(ctx, "delete from sessions where token = 'x'")
	if _, err := st.SessionUser(ctx, "x"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a deleted session is still tracked: %v", err)
	}

	if err := st.DeleteUser(ctx, id); err != nil {
		t.Fatal(err)
	}
	if n := remaining(); n != 1 {
		t.Fatalf("%d sessions left after deleting the account, want the anonymous one", n)
	}
	if err := st.TrackSession(ctx, "anon", id); !errors.Is(err, store.ErrNoUser) {
		t.Fatalf("tracking for a deleted account: %v, want ErrNoUser", err)
	}
	if err := st.ChangePassword(ctx, id, "h", "anon"); !errors.Is(err, store.ErrNoUser) {
		t.Fatalf("password of a deleted account: %v, want ErrNoUser", err)
	}
	if err := st.SetUserLevel(ctx, id, "backend-developer", "senior"); !errors.Is(err, store.ErrNoUser) {
		t.Fatalf("level of a deleted account: %v, want ErrNoUser", err)
	}
	if err := st.SaveResult(ctx, &store.Result{ID: "AAAAAAAAAAAAAAAAAAAAAA", CareerSlug: "backend-developer", Answers: make([]int, 15), Holland: "IRC", UserID: id}); !errors.Is(err, store.ErrNoUser) {
		t.Fatalf("result of a deleted account: %v, want ErrNoUser", err)
	}
}
