package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"runtime"
	"testing"
)

// TestGzipPoolReusesWriters: a new gzip writer allocates about 800 KB
// (its compressor's tables), a pooled one only the output; without the
// pool every uncached page over 1 KB paid for a new writer. The race
// detector drops a quarter of what is put into a pool, so the bound
// allows that and still fails when nothing is reused.
func TestGzipPoolReusesWriters(t *testing.T) {
	page := bytes.Repeat([]byte("<tr><td>Software Developers</td><td>$133,080</td></tr>\n"), 200)
	for _, level := range []int{gzip.DefaultCompression, gzip.BestCompression} {
		p := newGzipPools()
		gz := p.compress(page, level) // the first call makes the writer
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, page) {
			t.Fatalf("level %d: gzip round trip: %v, %d bytes, want %d", level, err, len(got), len(page))
		}
		const calls = 40
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for range calls {
			p.compress(page, level)
		}
		runtime.ReadMemStats(&after)
		per := (after.TotalAlloc - before.TotalAlloc) / calls
		if per > 500<<10 {
			t.Errorf("level %d: %d KB allocated per compression, want well under a new writer's ~800 KB: the pool does not reuse writers", level, per>>10)
		}
		t.Logf("level %d: %d bytes allocated per compression of %d bytes", level, per, len(page))
	}
}
