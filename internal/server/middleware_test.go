package server

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// A 5xx is logged as an error, unless the client went away before its
// answer: then it is an INFO line marked client_gone. (A 503, shed load,
// is a warning: TestLoadSheddingIsNotLoggedAsError.)
func TestRequestLogLevelOfAClientAbort(t *testing.T) {
	for _, gone := range []bool{false, true} {
		var log strings.Builder
		s := &server{Deps: Deps{Logger: slog.New(slog.NewTextHandler(&log, nil))}}
		ctx, cancel := context.WithCancel(context.Background())
		h := s.logRequests(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if gone {
				cancel()
			}
			w.WriteHeader(http.StatusInternalServerError)
		}))
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/x", nil).WithContext(ctx))
		cancel()
		line := log.String()
		switch {
		case !gone && !strings.Contains(line, "level=ERROR"):
			t.Errorf("a 500 for a present client: %s", line)
		case gone && (strings.Contains(line, "level=ERROR") || !strings.Contains(line, "client_gone=true")):
			t.Errorf("a 500 for a client that went away: %s", line)
		}
	}
}

// limitRanges keeps a handler that serves ranges (http.ServeContent) from
// answering many of them: with maxRanges or more the whole body comes
// back, once; fewer are served as asked.
func TestLimitRangesServesTheWholeBodyForManyRanges(t *testing.T) {
	body := strings.Repeat("careerguide ", 1000)
	h := limitRanges(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.ServeContent(w, r, "data.txt", time.Time{}, strings.NewReader(body))
	}))
	for _, tc := range []struct {
		ranges     int
		wantStatus int
	}{{1, http.StatusPartialContent}, {maxRanges, http.StatusPartialContent}, {maxRanges + 1, http.StatusOK}, {2000, http.StatusOK}} {
		req := httptest.NewRequest(http.MethodGet, "/data.txt", nil)
		req.Header.Set("Range", "bytes="+strings.TrimSuffix(strings.Repeat("0-0,", tc.ranges), ","))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tc.wantStatus {
			t.Errorf("%d ranges: %d, want %d", tc.ranges, rec.Code, tc.wantStatus)
		}
		if tc.wantStatus == http.StatusOK && rec.Body.String() != body {
			t.Errorf("%d ranges: %d bytes, want the whole body of %d", tc.ranges, rec.Body.Len(), len(body))
		}
	}
}
