//go:build reliability

package reliability

import (
	"net/http"
	"sort"
	"sync"
	"time"
)

// shot is one request of a load run and the client that sends it.
type shot struct {
	kind   string
	client *http.Client
	req    *http.Request
}

// outcome is what became of one shot.
type outcome struct {
	kind string
	at   time.Duration // when it was sent, since the start of the run
	response
}

// load is an open-loop load run: rate requests a second for duration,
// sent by a fixed pool of workers, so it is bounded in count
// (rate*duration) and in time (duration plus 10 s of grace, after which
// nothing more is sent) and stops by itself.
type load struct {
	rate     int
	duration time.Duration
	workers  int
	next     func(i int) shot // builds request i
}

// run sends the requests and returns the outcomes of those sent, in the
// order they were sent, with the run's start time.
func (l load) run() (outs []outcome, start time.Time) {
	total := int(float64(l.rate) * l.duration.Seconds())
	interval := time.Second / time.Duration(l.rate)
	results := make([]*outcome, total)
	jobs := make(chan int)
	var wg sync.WaitGroup
	start = time.Now()
	for range l.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				s := l.next(i)
				at := time.Since(start)
				results[i] = &outcome{kind: s.kind, at: at, response: do(s.client, s.req)}
			}
		}()
	}
	stop := start.Add(l.duration + 10*time.Second)
	for i := 0; i < total && time.Now().Before(stop); i++ {
		if d := time.Until(start.Add(time.Duration(i) * interval)); d > 0 {
			time.Sleep(d)
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, o := range results {
		if o != nil {
			outs = append(outs, *o)
		}
	}
	sort.SliceStable(outs, func(a, b int) bool { return outs[a].at < outs[b].at })
	return outs, start
}

// percentile is the p-th percentile (0..100) of the latencies.
func percentile(outs []outcome, p float64) time.Duration {
	if len(outs) == 0 {
		return 0
	}
	ls := make([]time.Duration, len(outs))
	for i, o := range outs {
		ls[i] = o.latency
	}
	sort.Slice(ls, func(a, b int) bool { return ls[a] < ls[b] })
	return ls[min(len(ls)-1, int(float64(len(ls))*p/100))]
}
