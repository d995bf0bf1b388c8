package onet

import (
	"bufio"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Error is a problem in a source file, at a row and column when known.
type Error struct {
	File   string // file name; "name [sheet]" for a workbook
	Row    int    // 1-based row in the file or sheet; 0 for the file as a whole
	Column string // column header; "" for the row as a whole
	Err    error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	switch {
	case e.Row > 0 && e.Column != "":
		fmt.Fprintf(&b, ": row %d, column %q", e.Row, e.Column)
	case e.Row > 0:
		fmt.Fprintf(&b, ": row %d", e.Row)
	case e.Column != "":
		fmt.Fprintf(&b, ": column %q", e.Column)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// table is a source file's rows under its header row.
type table struct {
	name      string // for errors
	headerRow int    // 1-based row of the header
	header    []string
	col       map[string]int
	rows      [][]string
	rowNums   []int // 1-based source row of each of rows
}

func newTable(name string, headerRow int, header []string) (*table, error) {
	t := &table{name: name, headerRow: headerRow, header: header, col: make(map[string]int, len(header))}
	for i, h := range header {
		h = strings.TrimSpace(h)
		t.header[i] = h
		if h == "" {
			continue
		}
		if _, dup := t.col[h]; dup {
			return nil, &Error{File: name, Row: headerRow, Column: h, Err: errors.New("column appears twice")}
		}
		t.col[h] = i
	}
	return t, nil
}

// need checks that every column is present.
func (t *table) need(cols ...string) error {
	for _, c := range cols {
		if _, ok := t.col[c]; !ok {
			return &Error{File: t.name, Row: t.headerRow, Column: c, Err: errors.New("missing column")}
		}
	}
	return nil
}

// find names the one column whose header satisfies match; desc
// describes the column in errors.
func (t *table) find(desc string, match func(header string) bool) (string, error) {
	found := ""
	for _, h := range t.header {
		if h != "" && match(h) {
			if found != "" {
				return "", &Error{File: t.name, Row: t.headerRow, Column: desc, Err: fmt.Errorf("two columns match: %q and %q", found, h)}
			}
			found = h
		}
	}
	if found == "" {
		return "", &Error{File: t.name, Row: t.headerRow, Column: desc, Err: errors.New("missing column")}
	}
	return found, nil
}

// readTSV reads an O*NET text file: tab-separated, header row first.
func readTSV(path string) (*table, error) {
	name := filepath.Base(path)
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	var t *table
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
			if t, err = newTable(name, 1, strings.Split(line, "\t")); err != nil {
				return nil, err
			}
			continue
		}
		if line == "" {
			continue
		}
		cells := strings.Split(line, "\t")
		if len(cells) != len(t.header) {
			col := ""
			if len(cells) < len(t.header) {
				col = t.header[len(cells)]
			}
			return nil, &Error{File: name, Row: n, Column: col, Err: fmt.Errorf("%d fields, want %d (one per column)", len(cells), len(t.header))}
		}
		t.rows = append(t.rows, cells)
		t.rowNums = append(t.rowNums, n)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if t == nil {
		return nil, &Error{File: name, Err: errors.New("empty file")}
	}
	return t, nil
}

// openWorkbook opens an .xlsx file.
func openWorkbook(path string) (*excelize.File, error) {
	wb, err := excelize.OpenFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return wb, nil
}

// readSheet reads a worksheet's rows (raw cell values, not as displayed)
// under the first row, among the first ten, that has a cell for which
// isKey is true (key describes that cell in errors). Rows with at most one
// filled cell (titles, footnotes) are left out.
func readSheet(wb *excelize.File, file, sheet, key string, isKey func(cell string) bool) (*table, error) {
	rows, err := wb.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, &Error{File: fmt.Sprintf("%s [%s]", file, sheet), Err: err}
	}
	return sheetTable(file, sheet, rows, key, isKey)
}

// sheetTable is readSheet for rows already read.
func sheetTable(file, sheet string, rows [][]string, key string, isKey func(cell string) bool) (*table, error) {
	name := fmt.Sprintf("%s [%s]", file, sheet)
	var t *table
	var err error
	for i, r := range rows {
		if t == nil {
			if i >= 10 {
				break
			}
			for _, c := range r {
				if isKey(strings.TrimSpace(c)) {
					if t, err = newTable(name, i+1, r); err != nil {
						return nil, err
					}
					break
				}
			}
			continue
		}
		filled := 0
		for _, c := range r {
			if strings.TrimSpace(c) != "" {
				filled++
			}
		}
		if filled <= 1 {
			continue
		}
		t.rows = append(t.rows, r)
		t.rowNums = append(t.rowNums, i+1)
	}
	if t == nil {
		return nil, &Error{File: name, Column: key, Err: errors.New("no header row with this column")}
	}
	return t, nil
}

// row reads the cells of one row; the first problem is kept in err and
// later reads return zero values.
type row struct {
	t     *table
	i     int
	cells []string
	err   error
}

func (t *table) row(i int) *row { return &row{t: t, i: i, cells: t.rows[i]} }

// fail records a problem with column col.
func (r *row) fail(col string, format string, args ...any) {
	if r.err == nil {
		r.err = &Error{File: r.t.name, Row: r.t.rowNums[r.i], Column: col, Err: fmt.Errorf(format, args...)}
	}
}

// str is the trimmed text of column col.
func (r *row) str(col string) string {
	i, ok := r.t.col[col]
	if !ok {
		r.fail(col, "missing column")
		return ""
	}
	if i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[i])
}

// text is the non-empty text of column col.
func (r *row) text(col string) string {
	s := r.str(col)
	if s == "" {
		r.fail(col, "empty")
	}
	return s
}

// num reads a number given to at most decimals places (as published);
// more digits than that fail, so that no figure is silently rounded.
func (r *row) num(col string, decimals int) float64 {
	s := r.text(col)
	if s == "" {
		return 0
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		r.fail(col, "not a number: %q", s)
		return 0
	}
	p := math.Pow10(decimals)
	rounded := math.Round(v*p) / p
	if math.Abs(v-rounded) > 1e-6*math.Max(1, math.Abs(v)) {
		r.fail(col, "%q has more decimals than the %d published", s, decimals)
		return 0
	}
	return rounded
}

// numIn reads a number in [lo, hi].
func (r *row) numIn(col string, decimals int, lo, hi float64) float64 {
	v := r.num(col, decimals)
	if r.err == nil && (v < lo || v > hi) {
		r.fail(col, "%v is outside %v-%v", v, lo, hi)
	}
	return v
}

// figure reads a number or one of the marks allowed in this column.
func (r *row) figure(col string, decimals int, marks ...Mark) Figure {
	s := r.str(col)
	for _, m := range marks {
		if s == string(m) {
			return Figure{Mark: m}
		}
	}
	v := r.num(col, decimals)
	if r.err == nil && v < 0 {
		r.fail(col, "negative: %q", s)
	}
	return Num(v)
}

// flag reads a Y/N column.
func (r *row) flag(col string) bool {
	switch s := r.str(col); s {
	case "Y":
		return true
	case "N":
		return false
	default:
		r.fail(col, "want Y or N, not %q", s)
		return false
	}
}
