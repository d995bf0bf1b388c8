package server

import (
	"context"
	"net/http"
	"time"
)

// livez answers 200 while the process runs.
func (s *server) livez(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

// readyz answers 200 only when Postgres answers, content is loaded and the
// server is not draining. With a standby it says where reads go.
func (s *server) readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	ctx, cancel := context.WithTimeout(r.Context(), time.Second)
	defer cancel()
	switch {
	case s.Draining():
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("draining\n"))
	case s.catalog() == nil:
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("content not loaded\n"))
	case s.Store.Ping(ctx) != nil:
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unavailable\n"))
	default:
		w.Write([]byte("ready\n"))
		if s.Store.HasStandby() {
			// Never a reason to fail: the primary serves every read.
			w.Write([]byte("reads: " + s.Store.ReadsOn() + "\n"))
		}
	}
}
