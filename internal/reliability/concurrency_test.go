//go:build reliability

package reliability

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"sync"
	"testing"
	"time"
)

// testConcurrency fires 500 quiz submissions (each its own client and
// connection, no cookie) and 100 sign-ups for one email at the same time.
// Every submission is stored exactly once and the Result Library counters
// equal a recount; exactly one account exists, exactly one sign-up got 303
// and the others 422 (the address cannot be used), 429 (a limit) or 503
// with Retry-After (every password hashing slot busy: load shed). Each
// sign-up comes from its own X-Forwarded-For address through a trusted
// proxy, so the per-network limits do not decide, and no limit counts an
// address alone (attempts for it elsewhere must not block its owner).
func (s *suite) testConcurrency(t *testing.T) {
	f := &figures{Test: "concurrency"}
	s.rep.record(t, f)
	db := newDatabase(t)
	app := s.start(t, "app", db, startOpts{env: map[string]string{"TRUSTED_PROXIES": "127.0.0.1/32"}})
	app.waitReady(30 * time.Second)

	const quizzes, signups = 500, 100
	quizRes := make([]response, quizzes)
	signRes := make([]response, signups)
	gate := make(chan struct{})
	var wg sync.WaitGroup
	send := func(into *response, req *http.Request) {
		defer wg.Done()
		c := newClient(nil)
		defer c.CloseIdleConnections()
		<-gate
		*into = do(c, req)
	}
	for i := range quizzes {
		wg.Add(1)
		go send(&quizRes[i], postForm(app.base, career+"/quiz", quizForm(variedAnswers(i))))
	}
	for i := range signups {
		req := postForm(app.base, "/signup", url.Values{"email": {"same@example.com"}, "password": {"correct horse battery"}})
		req.Header.Set("X-Forwarded-For", fmt.Sprintf("10.1.%d.%d", i/200, 1+i%200))
		wg.Add(1)
		go send(&signRes[i], req)
	}
	start := time.Now()
	close(gate)
	wg.Wait()
	took := time.Since(start)
	f.Requests = quizzes + signups

	ids := map[string]bool{}
	quizStatus := map[int]int{}
	for i, r := range quizRes {
		quizStatus[r.status]++
		if r.err != nil || r.status != http.StatusSeeOther {
			f.Failures++
			if f.Failures <= 5 {
				t.Errorf("submission %d: %d %v", i, r.status, r.err)
			}
			continue
		}
		id := resultID(r.location)
		if id == "" || ids[id] {
			f.Failures++
			t.Errorf("submission %d: Location %q (empty or repeated)", i, r.location)
			continue
		}
		ids[id] = true
	}
	idList := make([]string, 0, len(ids))
	for id := range ids {
		idList = append(idList, id)
	}
	found := db.count(t, "select count(*) from quiz_results where id = any($1)", idList)
	rows := db.count(t, "select count(*) from quiz_results")
	f.Lost = len(idList) - int(found)
	if found != int64(len(idList)) || rows != quizzes {
		t.Errorf("%d submissions answered 303, %d of them stored, %d rows in all; want %d", len(idList), found, rows, quizzes)
	}
	for name, sql := range recountChecks() {
		if bad := db.count(t, sql); bad != 0 {
			t.Errorf("%d %s counters disagree with a recount", bad, name)
		}
	}

	signStatus := map[int]int{}
	for i, r := range signRes {
		signStatus[r.status]++
		switch {
		case r.err != nil:
			f.Failures++
			t.Errorf("sign-up %d: %v", i, r.err)
		case r.status == http.StatusSeeOther, r.status == http.StatusUnprocessableEntity, r.status == http.StatusTooManyRequests:
		case r.status == http.StatusServiceUnavailable && r.retryAfter != "":
		default:
			f.Failures++
			t.Errorf("sign-up %d: status %d, want 303, 422, 429, or 503 with Retry-After", i, r.status)
		}
	}
	if signStatus[http.StatusSeeOther] != 1 {
		t.Errorf("%d sign-ups got 303, want exactly 1 (statuses %v)", signStatus[http.StatusSeeOther], signStatus)
	}
	if n := db.count(t, "select count(*) from users"); n != 1 {
		t.Errorf("%d users rows, want 1", n)
	}

	lat := make([]time.Duration, 0, quizzes)
	for _, r := range quizRes {
		lat = append(lat, r.latency)
	}
	sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
	f.add("took", took.Round(time.Millisecond))
	f.add("quiz_303", len(idList))
	f.add("rows", rows)
	f.add("quiz_statuses", counts(quizStatus))
	f.add("quiz_p50", lat[len(lat)/2].Round(time.Millisecond))
	f.add("quiz_max", lat[len(lat)-1].Round(time.Millisecond))
	f.add("signup_statuses", counts(signStatus))
	f.add("users", 1)
}

// recountChecks each count the Result Library counters that differ from a
// recount of the stored results (the queries of
// internal/server/quiz_test.go TestConcurrentSubmissionsAgreeWithARecount).
func recountChecks() map[string]string {
	return map[string]string{
		"histogram": `
		with recount as (
			select least(floor(match_pct / 5)::int, 19) as bucket, count(*) as n from quiz_results group by 1
		), counters as (
			select bucket, sum(results) as n from result_histogram group by bucket
		)
		select count(*) from recount full join counters using (bucket) where recount.n is distinct from counters.n`,
		// A result whose answers did not separate interests keeps its code
		// in its row but is counted under '---' (the guards need the
		// answers, see internal/quiz): no code counts more results than
		// hold it, and every result is counted once.
		"Holland": `
		with recount as (select holland, count(*) as n from quiz_results group by 1),
		counters as (select holland, sum(results) as n from result_holland group by 1)
		select (select count(*) from counters c left join recount r using (holland) where c.holland <> '---' and (r.n is null or c.n > r.n))
			+ (select case when (select coalesce(sum(n), 0) from counters) = (select count(*) from quiz_results) then 0 else 1 end)`,
		"level": `
		with recount as (select coalesce(level_key, '') as level_key, count(*) as n, sum(match_pct::float8) as s from quiz_results group by 1),
		counters as (select level_key, sum(results) as n, sum(match_sum) as s from result_levels group by 1)
		select count(*) from recount full join counters using (level_key)
		where recount.n is distinct from counters.n or abs(recount.s - counters.s) > 0.01`,
	}
}
