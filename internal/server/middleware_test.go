package server

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
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
