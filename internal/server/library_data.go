package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"time"

	"careerguide/internal/store"
)

// libraryData is every Result Library's rows, the site's first, then each
// guide's in catalog order; small groups are left out as on the pages.
func (s *server) libraryData(r *http.Request) ([]libraryRow, time.Time, error) {
	cat := s.catalog()
	site, err := s.counters.counters(r.Context(), store.SiteScope, true, s.loadSiteLibrary)
	if err != nil {
		return nil, time.Time{}, err
	}
	rows := siteFigures(cat, site).Rows
	for i := range cat.Careers {
		c := &cat.Careers[i]
		lib, err := s.counters.counters(r.Context(), c.Slug, true, s.loadLibrary)
		if err != nil {
			return nil, time.Time{}, err
		}
		rows = append(rows, guideFigures(c, lib).Rows...)
	}
	last, err := s.Store.LastResultAt(r.Context())
	return rows, last, err
}

// libraryCSV is GET /results/library.csv: the Result Libraries' figures
// as CSV, one row a figure (columns in the README).
func (s *server) libraryCSV(w http.ResponseWriter, r *http.Request) {
	rows, last, err := s.libraryData(r)
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	cw.Write([]string{"scope", "group", "key", "label", "results", "mean_match_pct", "people_results", "people"})
	for _, row := range rows {
		mean := ""
		if row.MeanMatch != nil {
			mean = strconv.FormatFloat(*row.MeanMatch, 'f', 1, 64)
		}
		cw.Write([]string{row.Scope, row.Group, row.Key, row.Label, strconv.FormatInt(row.Results, 10), mean, optionalInt(row.PeopleResults), optionalInt(row.People)})
	}
	cw.Flush()
	serveData(w, r, "library.csv", "text/csv; charset=utf-8", buf.Bytes(), last)
}

// optionalInt is n in decimal, or "" for none.
func optionalInt(n *int64) string {
	if n == nil {
		return ""
	}
	return strconv.FormatInt(*n, 10)
}

// libraryJSON is GET /results/library.json: the same rows as the CSV.
func (s *server) libraryJSON(w http.ResponseWriter, r *http.Request) {
	rows, last, err := s.libraryData(r)
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	for i := range rows {
		if rows[i].MeanMatch != nil {
			m := math.Round(*rows[i].MeanMatch*10) / 10 // one decimal, as in the CSV
			rows[i].MeanMatch = &m
		}
	}
	body, err := json.Marshal(struct {
		MinGroup int64        `json:"min_group"`
		Rows     []libraryRow `json:"rows"`
	}{minGroup, rows})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	serveData(w, r, "library.json", "application/json", append(body, '\n'), last)
}

// serveData answers with body, its ETag (a hash of the bytes) and
// Last-Modified (when a result was last stored); http.ServeContent
// answers 304 to a matching If-None-Match or, without one, to an
// If-Modified-Since not before it, and serves HEAD. A generated file is
// served whole: no ranges (Accept-Ranges: none).
func serveData(w http.ResponseWriter, r *http.Request, name, contentType string, body []byte, last time.Time) {
	r.Header.Del("Range")
	w.Header().Set("Accept-Ranges", "none")
	sum := sha256.Sum256(body)
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	h.Set("Cache-Control", "public, max-age=60")
	http.ServeContent(w, r, name, last, bytes.NewReader(body))
}
