package finder

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
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

var testLimits = Limits{Running: 2, Waiting: 2}

// A repeated search is answered from the kept answers, whatever its case
// and spacing, and costs the client nothing; a new content snapshot keeps
// none of the old one's.
func TestAnswersAreKeptPerSnapshot(t *testing.T) {
	cat := &career.Catalog{Hash: "one", Occupations: []career.Occupation{
		{Code: "15-1252.00", Title: "Software Developers"}, {Code: "15-1253.00", Title: "Software Quality Assurance Analysts and Testers"},
		{Code: "15-1254.00", Title: "Web Developers"}}}
	f := New(testLimits)
	ctx := context.Background()
	misses := 0
	miss := func() bool { misses++; return true }
	for _, q := range []string{"web developer", "Web  Developer", " WEB developer "} {
		got, err := f.Find(ctx, cat, q, miss)
		if err != nil || !slices.Equal(codesOf(got), []string{"15-1254.00"}) {
			t.Fatalf("Find(%q) = %v, %v", q, codesOf(got), err)
		}
	}
	if misses != 1 {
		t.Errorf("three spellings of one search missed the kept answers %d times, want 1", misses)
	}
	refuse := func() bool { return false }
	if _, err := f.Find(ctx, cat, "WEB DEVELOPER", refuse); err != nil {
		t.Errorf("kept answer refused: %v", err)
	}
	if _, err := f.Find(ctx, cat, "tester", refuse); !errors.Is(err, ErrLimited) {
		t.Errorf("new search of a limited client: %v, want ErrLimited", err)
	}
	next := &career.Catalog{Hash: "two", Occupations: cat.Occupations}
	if _, err := f.Find(ctx, next, "web developer", refuse); !errors.Is(err, ErrLimited) {
		t.Errorf("new content: %v, want the search to be new (ErrLimited)", err)
	}
}

// Searches beyond those running and waiting are refused at once, not
// queued without end; a waiting search whose request ends gives up.
func TestTooManySearchesAreRefused(t *testing.T) {
	cat := &career.Catalog{Hash: "h", Occupations: []career.Occupation{{Code: "29-1141.00", Title: "Registered Nurses"}}}
	f := New(Limits{Running: 2, Waiting: 3})
	f.running <- struct{}{} // two searches hold the CPU
	f.running <- struct{}{}
	ctx, cancel := context.WithCancel(context.Background())
	errs := make(chan error, 10)
	for i := range 10 {
		go func() {
			_, err := f.Find(ctx, cat, strings.Repeat("x", i+1), nil)
			errs <- err
		}()
	}
	busy := 0
	for range 5 { // all but the three that wait are refused at once
		if err := <-errs; errors.Is(err, ErrBusy) {
			busy++
		}
	}
	select {
	case err := <-errs:
		t.Fatalf("a sixth search ended while two ran: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	if busy != 5 {
		t.Errorf("%d of 10 searches refused, want 5 (2 running, 3 waiting)", busy)
	}
	cancel()
	for range 3 {
		if err := <-errs; !errors.Is(err, context.Canceled) {
			t.Errorf("a waiting search whose request ended: %v, want context.Canceled", err)
		}
	}
	<-f.running // one search ends: the next runs
	if _, err := f.Find(context.Background(), cat, "nurse", nil); err != nil {
		t.Errorf("a search with a free slot: %v", err)
	}
}

// Any search of at most MaxLen characters runs, a whole long title finds
// its occupations; a longer one is refused as it is read.
func TestLongTitlesAreFound(t *testing.T) {
	if q, msg := Parse(url.Values{"q": {"  senior   data engineer "}}); msg != "" || q.Q != "senior data engineer" {
		t.Errorf("3 words: %+v %q", q, msg)
	}
	if !strings.Contains(TooLong, fmt.Sprintf("at most %d characters", MaxLen)) {
		t.Errorf("TooLong %q does not name MaxLen", TooLong)
	}
	if _, msg := Parse(url.Values{"q": {strings.Repeat("x", MaxLen+1)}}); msg != TooLong {
		t.Errorf("%d characters: %q", MaxLen+1, msg)
	}
	long := "Air Defense Command, Control, Communications, Computers and Intelligence Tactical Operations Center Enhanced Operator/Maintainer"
	cat := &career.Catalog{Hash: "h", Occupations: []career.Occupation{
		{Code: "13-1199.00", Title: "Business Operations Specialists, All Other"},
		{Code: "55-3015.00", Title: "Command and Control Center Specialists", AltTitles: []career.AltTitle{{Title: long, Sources: 1}}},
		{Code: "55-3016.00", Title: "Infantry", AltTitles: []career.AltTitle{{Title: "Spare Ribs Cook Who Also Shovels Snow Daily", Sources: 1}}},
		{Code: "55-3017.00", Title: "Radar and Sonar Technicians", ReportedTitles: []string{long}},
	}}
	f := New(testLimits)
	for _, q := range []string{long, strings.ToUpper(long), "air defense command control communications computers and intelligence tactical operations center enhanced operator maintainer"} {
		if _, msg := Parse(url.Values{"q": {q}}); msg != "" {
			t.Fatalf("Parse(%q): %q", q, msg)
		}
		got, err := f.Find(context.Background(), cat, q, nil)
		// The reported title ranks before the alternate one.
		if err != nil || len(got) < 2 || !slices.Equal(codesOf(got)[:2], []string{"55-3017.00", "55-3015.00"}) {
			t.Errorf("Find(%q) = %v, %v; want both occupations that go by the name first", q, codesOf(got), err)
		}
	}
	if got, err := f.Find(context.Background(), cat, "spare ribs cook who also shovels snow daily", nil); err != nil || len(got) == 0 || got[0].Code != "55-3016.00" {
		t.Errorf("an eight-word alternate title: %v, %v", codesOf(got), err)
	}
}

// Searches of one snapshot run together on its one index, made once
// (the race detector checks the index's shared scratch and its making).
func TestSearchesRunTogether(t *testing.T) {
	cat := career.NewCatalog()
	cat.Hash = "h"
	cat.Occupations = []career.Occupation{
		{Code: "29-1141.00", Title: "Registered Nurses", AltTitles: []career.AltTitle{{Title: "Charge Nurse", Sources: 3}}},
		{Code: "31-1131.00", Title: "Nursing Assistants", AltTitles: []career.AltTitle{{Title: "CNA", Short: "CNA", Sources: 5}}},
		{Code: "47-2111.00", Title: "Electricians"},
	}
	f := New(Limits{Running: 4, Waiting: 64})
	errs := make(chan error, 8)
	indexes := make([]*Index, 8)
	for g := range 8 {
		go func() {
			indexes[g] = IndexOf(cat)
			for i := range 20 {
				q := []string{"nurse", "registered nurses", "electrician", "cna", "charge nurse", "nursing", "electricians"}[(g+i)%7]
				got, err := f.Find(context.Background(), cat, q, nil)
				if err == nil && len(got) == 0 {
					err = fmt.Errorf("%q found nothing", q)
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	for g, ix := range indexes {
		if ix != IndexOf(cat) {
			t.Errorf("goroutine %d got an index of its own", g)
		}
	}
}

// A value Parse cannot use is left out of the Query it returns, so the
// page saying the problem shows the rest of the search as asked; the
// problem with the words comes first.
func TestParseLeavesOutWhatItCannotUse(t *testing.T) {
	q, msg := Parse(url.Values{"q": {"nurse"}, "letter": {"S"}, "zone": {"9"}, "sort": {"loud"}, "page": {"x"}})
	if msg != "Choose a Job Zone from 1 to 5." {
		t.Errorf("message %q, want the first problem, the zone's", msg)
	}
	if q.Q != "nurse" || q.Letter != "S" || q.Zone != "" || q.Sort != "" || q.Page != 1 {
		t.Errorf("%+v: want the words and the letter kept, the zone, sort and page left out", q)
	}
	if _, msg := Parse(url.Values{"q": {strings.Repeat("x", MaxLen+1)}, "zone": {"9"}}); msg != TooLong {
		t.Errorf("message %q, want the words' problem first", msg)
	}
	for page, want := range map[string]int{"3": 3, "1001": maxPage + 1, "99999999999999999999999": maxPage + 1} {
		if q, msg := Parse(url.Values{"page": {page}}); msg != "" || q.Page != want {
			t.Errorf("page %s: %d %q, want %d", page, q.Page, msg, want)
		}
	}
}
