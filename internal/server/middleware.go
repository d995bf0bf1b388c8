package server

import (
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/go-chi/chi/v5/middleware"
)

// logRequests writes one log line per request: ERROR for a 5xx, unless the
// client went away before its answer (its request context is canceled):
// a client abort is no server error.
func (s *server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
		next.ServeHTTP(ww, r)
		status := ww.Status()
		if status == 0 {
			status = http.StatusOK
		}
		level := slog.LevelInfo
		gone := r.Context().Err() != nil
		if status >= 500 && !gone {
			level = slog.LevelError
		}
		// Straight to the handler: Logger.LogAttrs would also look up the
		// caller's program counter, which no line shows, on every request.
		h := s.Logger.Handler()
		if !h.Enabled(r.Context(), level) {
			return
		}
		now := time.Now()
		rec := slog.NewRecord(now, level, "request", 0)
		rec.AddAttrs(
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", status),
			slog.Int("bytes", ww.BytesWritten()),
			slog.Duration("duration", now.Sub(start)),
			slog.String("remote", r.RemoteAddr),
		)
		if gone {
			rec.AddAttrs(slog.Bool("client_gone", true))
		}
		h.Handle(r.Context(), rec)
	})
}

// recoverPanics turns a panic into a logged 500 page.
func (s *server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Logger.Error("panic", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				s.serverError(w, r, nil)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// securityHeaders sets the headers every response carries. The values are
// built once; keys are written in canonical form directly.
func (s *server) securityHeaders(next http.Handler) http.Handler {
	headers := map[string]string{
		"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "strict-origin-when-cross-origin",
		"X-Frame-Options":         "DENY",
	}
	if s.Config.Secure() {
		headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
	}
	// One value slice per header for every response: Header.Set replaces
	// a slice and Add appends to a full one, so no response changes it.
	values := make(map[string][]string, len(headers))
	for k, v := range headers {
		values[k] = []string{v}[:1:1]
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range values {
			h[k] = v
		}
		next.ServeHTTP(w, r)
	})
}

// limitBodies caps every request body at maxBodyBytes; reading past it fails.
func (s *server) limitBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > maxBodyBytes {
			s.tooLarge(w, r)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		next.ServeHTTP(w, r)
	})
}

// noStore tells every cache (the browser's back-forward cache and history
// included) not to keep the response.
func noStore(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// closeWhenDraining adds Connection: close to every response once Drain was
// called, so that clients open a new connection for their next request.
func (s *server) closeWhenDraining(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.Draining() {
			w.Header().Set("Connection", "close")
		}
		next.ServeHTTP(w, r)
	})
}
