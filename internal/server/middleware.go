package server

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-chi/chi/v5/middleware"
)

// logRequests writes one log line per request: ERROR for a 5xx that is a
// fault of the server, unless the client went away before its answer (its
// request context is canceled): a client abort is no server error. A 503
// sheds load or waits out the database, which is expected under pressure:
// WARN, like the line that says why.
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
		switch {
		case gone:
		case status == http.StatusServiceUnavailable:
			level = slog.LevelWarn
		case status >= 500:
			level = slog.LevelError
		}
		attrs := []slog.Attr{
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", status),
			slog.Int("bytes", ww.BytesWritten()),
			slog.Duration("duration", time.Since(start)),
			slog.String("remote", r.RemoteAddr),
		}
		if gone {
			attrs = append(attrs, slog.Bool("client_gone", true))
		}
		s.Logger.LogAttrs(r.Context(), level, "request", attrs...)
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

// limitBodies caps every request body at maxBodyBytes; reading past it
// fails. A body announced larger is refused before it is read (so
// Expect: 100-continue gets the 413 instead of a 100). When a body turns
// out larger while it is read, the connection closes after the answer;
// first up to maxDrainBytes more of the body are read and thrown away
// (for at most drainTime), so that the close does not reset the
// connection while the client still sends, losing the 413 page.
func (s *server) limitBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > maxBodyBytes {
			w.Header().Set("Connection", "close")
			s.tooLarge(w, r)
			return
		}
		if r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		body := &cappedBody{ReadCloser: http.MaxBytesReader(w, r.Body, maxBodyBytes), h: w.Header()}
		orig := r.Body
		r.Body = body
		next.ServeHTTP(w, r)
		if body.over {
			rc := http.NewResponseController(w)
			rc.Flush()
			rc.SetReadDeadline(time.Now().Add(drainTime))
			io.CopyN(io.Discard, orig, maxDrainBytes)
		}
	})
}

// A body over the limit is drained of at most maxDrainBytes, for at most
// drainTime, before its connection closes.
const (
	maxDrainBytes = 8 << 20
	drainTime     = 2 * time.Second
)

// cappedBody notes when a request body went over its limit, and asks for
// the connection to close after the answer.
type cappedBody struct {
	io.ReadCloser
	h    http.Header
	over bool
}

func (b *cappedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	var mbe *http.MaxBytesError
	if err != nil && !b.over && errors.As(err, &mbe) {
		b.over = true
		b.h.Set("Connection", "close")
	}
	return n, err
}

// maxRanges is the most byte ranges one request may ask for; a request
// asking for more gets the whole file (a server may ignore Range), so a
// response is never larger than what it serves.
const maxRanges = 4

// limitRanges drops a Range header of more than maxRanges ranges.
func limitRanges(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if v := r.Header.Get("Range"); v != "" && strings.Count(v, ",") >= maxRanges {
			r.Header.Del("Range")
		}
		next.ServeHTTP(w, r)
	})
}

// rejectBadBytes answers 400 to a query string holding a NUL byte, another
// control character PostgreSQL or a page cannot hold, or invalid UTF-8:
// it cannot name anything on the site, and must not reach the database
// (which refuses such text with an error that is no fault of its own).
// The occupation search's words (/occupations?q=) that are not UTF-8 are
// let through: the search page says so itself, with the words in its box
// (and never searches them).
func (s *server) rejectBadBytes(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery != "" {
			for k, vs := range r.URL.Query() {
				if k == "q" && r.URL.Path == "/occupations" && !slices.ContainsFunc(vs, hasControl) {
					continue
				}
				if badText(k) || slices.ContainsFunc(vs, badText) {
					s.errorPage(w, r, http.StatusBadRequest, "We could not read that address",
						"The address holds a character we cannot use (a NUL byte, a control character or bytes that are not UTF-8). Remove it and try again.")
					return
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// badText reports whether v is not valid UTF-8 or holds a NUL byte or a
// C0 control character other than tab, line feed and carriage return.
func badText(v string) bool {
	return !utf8.ValidString(v) || hasControl(v)
}

// hasControl reports whether v holds a NUL byte or a C0 control character
// other than tab, line feed and carriage return.
func hasControl(v string) bool {
	return strings.ContainsFunc(v, func(c rune) bool { return c < 0x20 && c != '\t' && c != '\n' && c != '\r' })
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
