package server

import (
	"net/http"
	"strconv"
	"time"

	"careerguide/internal/store"
)

// Read-your-writes with a standby (DATABASE_READ_URL): a request that
// changed something (an unsafe method answered below 400) leaves the
// person a short-lived cookie with the primary's WAL position after it;
// the person's reads until the cookie expires go to the standby only once
// it replayed that far, else to the primary (store.ReadAfter). The cookie
// outlives the allowed lag by the checks' staleness bound and a margin:
// by the time it expires, a standby that serves reads at all holds the
// write. It is not signed: a made-up position only sends its holder's
// reads to the primary. Without a standby nothing is set or read.
const readAfterCookie = "readafter"

// readAfterLifetime is how long the cookie lives.
func (s *server) readAfterLifetime() time.Duration {
	return s.Config.ReadMaxLag + 5*time.Second
}

// readYourWrites routes the reads of a request after the person's last
// write, and remembers the write of an unsafe request.
func (s *server) readYourWrites(next http.Handler) http.Handler {
	if !s.Store.HasStandby() {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, err := r.Cookie(s.cookieName(readAfterCookie)); err == nil {
			if pos, err := strconv.ParseInt(c.Value, 10, 64); err == nil && pos > 0 {
				r = r.WithContext(store.ReadAfter(r.Context(), pos))
			}
		}
		if r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(&writeMarker{ResponseWriter: w, s: s, r: r}, r)
	})
}

// writeMarker sets the read-after cookie on a response below 400, as its
// header is written (after the handler's writes committed).
type writeMarker struct {
	http.ResponseWriter
	s     *server
	r     *http.Request
	wrote bool
}

func (m *writeMarker) WriteHeader(code int) {
	if !m.wrote {
		m.wrote = true
		if code < http.StatusBadRequest {
			m.mark()
		}
	}
	m.ResponseWriter.WriteHeader(code)
}

func (m *writeMarker) Write(b []byte) (int, error) {
	if !m.wrote {
		m.WriteHeader(http.StatusOK)
	}
	return m.ResponseWriter.Write(b)
}

func (m *writeMarker) Unwrap() http.ResponseWriter { return m.ResponseWriter }

// mark sets the cookie to the primary's position now; when it cannot be
// read, to store.Unknown (every read of the person on the primary until
// the cookie expires).
func (m *writeMarker) mark() {
	pos, err := m.s.Store.WALPosition(m.r.Context())
	if err != nil {
		m.s.Logger.Warn("read after write", "err", err)
		pos = store.Unknown
	}
	http.SetCookie(m.ResponseWriter, &http.Cookie{
		Name: m.s.cookieName(readAfterCookie), Value: strconv.FormatInt(pos, 10), Path: "/",
		MaxAge: int((m.s.readAfterLifetime() + time.Second - 1) / time.Second), HttpOnly: true, Secure: m.s.Config.Secure(), SameSite: http.SameSiteLaxMode,
	})
}
