package finder

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"careerguide/internal/career"
)

func codesOf(os []*career.Occupation) []string {
	var out []string
	for _, o := range os {
		out = append(out, o.Code)
	}
	return out
}

var testLimits = Limits{Running: 2, Waiting: 2, Timeout: 5 * time.Second}

// A repeated search is answered from memory, whatever its case and
// spacing; a new content snapshot asks PostgreSQL again; a failed query is
// not kept.
func TestAnswersAreKeptPerSnapshot(t *testing.T) {
	cat := &career.Catalog{Hash: "one", Occupations: []career.Occupation{{Code: "15-1252.00"}, {Code: "15-1253.00"}, {Code: "15-1254.00"}}}
	var queries atomic.Int32
	fail := false
	search := func(_ context.Context, q string, _ int) ([]string, error) {
		queries.Add(1)
		if fail {
			return nil, errors.New("database down")
		}
		return []string{"15-1254.00", "99-9999.99", "15-1252.00"}, nil // an unknown code is left out
	}
	f := New(search, testLimits)
	ctx := context.Background()
	for _, q := range []string{"web developer", "Web  Developer", " WEB developer "} {
		got, err := f.Find(ctx, cat, q, nil)
		if err != nil || !slices.Equal(codesOf(got), []string{"15-1254.00", "15-1252.00"}) {
			t.Fatalf("Find(%q) = %v, %v", q, codesOf(got), err)
		}
	}
	if n := queries.Load(); n != 1 {
		t.Errorf("three spellings of one search ran %d queries, want 1", n)
	}
	next := &career.Catalog{Hash: "two", Occupations: cat.Occupations}
	if _, err := f.Find(ctx, next, "web developer", nil); err != nil || queries.Load() != 2 {
		t.Errorf("new content: %d queries, err %v; want the query asked again", queries.Load(), err)
	}
	fail = true
	if _, err := f.Find(ctx, next, "nurse", nil); err == nil {
		t.Error("a failed query gave no error")
	}
	fail = false
	if got, err := f.Find(ctx, next, "nurse", nil); err != nil || len(got) != 2 || queries.Load() != 4 {
		t.Errorf("after a failure: %v, %v, %d queries; want the query asked again", codesOf(got), err, queries.Load())
	}
	// A kept answer costs the client nothing; a new one asks first.
	if _, err := f.Find(ctx, next, "NURSE", func() bool { return false }); err != nil {
		t.Errorf("kept answer refused: %v", err)
	}
	if _, err := f.Find(ctx, next, "welder", func() bool { return false }); !errors.Is(err, ErrLimited) {
		t.Errorf("new search of a limited client: %v, want ErrLimited", err)
	}
}

// Requests that miss the same search together run its query once.
func TestConcurrentMissesRunOnce(t *testing.T) {
	cat := &career.Catalog{Hash: "h", Occupations: []career.Occupation{{Code: "29-1141.00"}}}
	release := make(chan struct{})
	var queries atomic.Int32
	search := func(context.Context, string, int) ([]string, error) {
		queries.Add(1)
		<-release
		return []string{"29-1141.00"}, nil
	}
	f := New(search, testLimits)
	var wg sync.WaitGroup
	results := make([][]string, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, _ := f.Find(context.Background(), cat, "nurse", nil)
			results[i] = codesOf(got)
		}()
	}
	for queries.Load() == 0 {
		runtime.Gosched()
	}
	close(release)
	wg.Wait()
	if n := queries.Load(); n != 1 {
		t.Errorf("%d queries for 8 simultaneous searches, want 1", n)
	}
	for i, r := range results {
		if !slices.Equal(r, []string{"29-1141.00"}) {
			t.Errorf("request %d got %v", i, r)
		}
	}
}

// A search whose every waiting request went away is cancelled in the
// database: it does not run on for nobody.
func TestSearchIsCancelledWhenEveryWaiterLeaves(t *testing.T) {
	cat := &career.Catalog{Hash: "h", Occupations: []career.Occupation{{Code: "29-1141.00"}}}
	cancelled := make(chan struct{})
	started := make(chan struct{}, 2)
	search := func(ctx context.Context, _ string, _ int) ([]string, error) {
		started <- struct{}{}
		<-ctx.Done()
		close(cancelled)
		return nil, ctx.Err()
	}
	f := New(search, testLimits)
	ctx1, leave1 := context.WithCancel(context.Background())
	ctx2, leave2 := context.WithCancel(context.Background())
	errs := make(chan error, 2)
	go func() { _, err := f.Find(ctx1, cat, "nurse", nil); errs <- err }()
	<-started
	go func() { _, err := f.Find(ctx2, cat, "nurse", nil); errs <- err }()
	time.Sleep(50 * time.Millisecond)
	leave1()
	<-errs
	select {
	case <-cancelled:
		t.Fatal("the search was cancelled while a request still waited for it")
	case <-time.After(100 * time.Millisecond):
	}
	leave2()
	<-errs
	select {
	case <-cancelled:
	case <-time.After(2 * time.Second):
		t.Fatal("the search ran on after every request left")
	}
}

// Searches beyond those running and waiting are refused at once, not
// queued without end.
func TestTooManySearchesAreRefused(t *testing.T) {
	cat := &career.Catalog{Hash: "h", Occupations: []career.Occupation{{Code: "29-1141.00"}}}
	release := make(chan struct{})
	var running atomic.Int32
	search := func(ctx context.Context, _ string, _ int) ([]string, error) {
		running.Add(1)
		<-release
		return nil, nil
	}
	f := New(search, Limits{Running: 2, Waiting: 1, Timeout: 5 * time.Second})
	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := f.Find(context.Background(), cat, strings.Repeat("x", i+1), nil)
			errs <- err
		}()
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(errs) < 7 && time.Now().Before(deadline) {
		runtime.Gosched()
	}
	if n := running.Load(); n > 2 {
		t.Errorf("%d searches ran at once, want at most 2", n)
	}
	close(release)
	wg.Wait()
	close(errs)
	busy := 0
	for err := range errs {
		if errors.Is(err, ErrBusy) {
			busy++
		}
	}
	if busy != 7 {
		t.Errorf("%d of 10 searches refused, want 7 (2 running, 1 waiting)", busy)
	}
}

// A search of many words or characters never reaches the database (each
// word costs it a trigram match over every name): it finds an occupation
// only by a whole name, from memory, and is refused with a message
// otherwise; past MaxWholeLen it is refused as it is read.
func TestLongSearchesFindOnlyWholeNames(t *testing.T) {
	if q, msg := Parse(url.Values{"q": {"  senior   data engineer "}}); msg != "" || q.Q != "senior data engineer" {
		t.Errorf("3 words: %+v %q", q, msg)
	}
	if !strings.Contains(TooLong, fmt.Sprintf("at most %d words and %d characters", MaxWords, MaxLen)) {
		t.Errorf("TooLong %q does not name MaxWords and MaxLen", TooLong)
	}
	if _, msg := Parse(url.Values{"q": {strings.Repeat("x", MaxWholeLen+1)}}); msg != TooLong {
		t.Errorf("%d characters: %q", MaxWholeLen+1, msg)
	}
	long := "Air Defense Command, Control, Communications, Computers and Intelligence Tactical Operations Center Enhanced Operator/Maintainer"
	cat := &career.Catalog{Hash: "h", Occupations: []career.Occupation{
		{Code: "13-1199.00", Title: "Business Operations Specialists, All Other"},
		{Code: "55-3015.00", Title: "Command and Control Center Specialists", AltTitles: []career.AltTitle{{Title: long, Sources: 1}}},
		{Code: "55-3016.00", Title: "Infantry", AltTitles: []career.AltTitle{{Title: "Spare Ribs Cook Who Also Shovels Snow Daily", Sources: 1}}},
		{Code: "55-3017.00", Title: "Radar and Sonar Technicians", ReportedTitles: []string{long}},
	}}
	var queries atomic.Int32
	f := New(func(context.Context, string, int) ([]string, error) { queries.Add(1); return nil, nil }, testLimits)
	refuse := func() bool { t.Error("a whole-name search counted against the client's limit"); return false }
	for _, q := range []string{long, strings.ToUpper(long), "air defense command control communications computers and intelligence tactical operations center enhanced operator maintainer"} {
		if _, msg := Parse(url.Values{"q": {q}}); msg != "" {
			t.Fatalf("Parse(%q): %q", q, msg)
		}
		got, err := f.Find(context.Background(), cat, q, refuse)
		// The reported title ranks before the alternate one.
		if err != nil || !slices.Equal(codesOf(got), []string{"55-3017.00", "55-3015.00"}) {
			t.Errorf("Find(%q) = %v, %v; want both occupations that go by the name", q, codesOf(got), err)
		}
	}
	for _, q := range []string{"ana eng man sys dat ter ion", "Air Defense Command Control Communications Computers Intelligence", strings.Repeat("y", MaxLen+1)} {
		if _, err := f.Find(context.Background(), cat, q, refuse); !errors.Is(err, ErrTooLong) {
			t.Errorf("Find(%q): %v, want ErrTooLong", q, err)
		}
	}
	if got, err := f.Find(context.Background(), cat, "spare ribs cook who also shovels snow daily", refuse); err != nil || !slices.Equal(codesOf(got), []string{"55-3016.00"}) {
		t.Errorf("an eight-word alternate title: %v, %v", codesOf(got), err)
	}
	if n := queries.Load(); n != 0 {
		t.Errorf("%d database queries for long searches, want 0", n)
	}
}
