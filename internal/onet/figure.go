package onet

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Mark is BLS's sign for a figure it does not publish as a number.
type Mark string

// The marks of the OEWS tables.
const (
	// AboveTop: the wage is at or above the top code (Header.WageTop).
	AboveTop Mark = "#"
	// NotPublished: BLS publishes no wage estimate.
	NotPublished Mark = "*"
	// NoEmployment: BLS publishes no employment estimate.
	NoEmployment Mark = "**"
)

// Figure is one BLS figure: a number, or the mark BLS shows instead. In
// JSON it is a number or one of the strings "#", "*", "**"; never 0 for a
// figure BLS does not give.
type Figure struct {
	Value float64 // the figure when Mark is ""
	Mark  Mark
}

// Known reports whether f is a number.
func (f Figure) Known() bool { return f.Mark == "" }

// Num returns a Figure holding v.
func Num(v float64) Figure { return Figure{Value: v} }

// MarshalJSON writes a number, or the mark as a string.
func (f Figure) MarshalJSON() ([]byte, error) {
	switch f.Mark {
	case "":
		return strconv.AppendFloat(nil, f.Value, 'f', -1, 64), nil
	case AboveTop, NotPublished, NoEmployment:
		return json.Marshal(string(f.Mark))
	}
	return nil, fmt.Errorf("unknown mark %q", f.Mark)
}

// UnmarshalJSON reads a number or one of the marks.
func (f *Figure) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		switch m := Mark(s); m {
		case AboveTop, NotPublished, NoEmployment:
			*f = Figure{Mark: m}
			return nil
		}
		return fmt.Errorf("figure: unknown mark %q", s)
	}
	if bytes.Equal(b, []byte("null")) {
		return fmt.Errorf("figure: null (BLS marks are \"#\", \"*\" or \"**\")")
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return fmt.Errorf("figure: %w", err)
	}
	*f = Figure{Value: v}
	return nil
}
