package server

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/alexedwards/scs/v2"
)

// sessionCodec stores session data in a small binary form: the values of a
// careerguide session are only strings and int64s. Decoding it is several
// times cheaper than gob, which compiles a decoder for every session read.
// Data written by scs's default gob codec is still read.
type sessionCodec struct{ gob scs.GobCodec }

const codecVersion = 0xC1

func (c sessionCodec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	b := make([]byte, 0, 64)
	b = append(b, codecVersion)
	b = binary.AppendVarint(b, deadline.UnixNano())
	b = binary.AppendUvarint(b, uint64(len(values)))
	for k, v := range values {
		switch v := v.(type) {
		case string:
			b = append(b, 's')
			b = appendString(b, k)
			b = appendString(b, v)
		case int64:
			b = append(b, 'i')
			b = appendString(b, k)
			b = binary.AppendVarint(b, v)
		default:
			return nil, fmt.Errorf("session value %q: unsupported type %T", k, v)
		}
	}
	return b, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

var errSessionData = errors.New("malformed session data")

func (c sessionCodec) Decode(b []byte) (time.Time, map[string]any, error) {
	if len(b) == 0 || b[0] != codecVersion {
		return c.gob.Decode(b)
	}
	b = b[1:]
	nanos, n := binary.Varint(b)
	if n <= 0 {
		return time.Time{}, nil, errSessionData
	}
	b = b[n:]
	count, n := binary.Uvarint(b)
	if n <= 0 || count > 1024 {
		return time.Time{}, nil, errSessionData
	}
	b = b[n:]
	values := make(map[string]any, count)
	for range count {
		if len(b) == 0 {
			return time.Time{}, nil, errSessionData
		}
		kind := b[0]
		b = b[1:]
		k, rest, ok := readString(b)
		if !ok {
			return time.Time{}, nil, errSessionData
		}
		b = rest
		switch kind {
		case 's':
			v, rest, ok := readString(b)
			if !ok {
				return time.Time{}, nil, errSessionData
			}
			values[k], b = v, rest
		case 'i':
			v, n := binary.Varint(b)
			if n <= 0 {
				return time.Time{}, nil, errSessionData
			}
			values[k], b = v, b[n:]
		default:
			return time.Time{}, nil, errSessionData
		}
	}
	return time.Unix(0, nanos), values, nil
}

func readString(b []byte) (string, []byte, bool) {
	l, n := binary.Uvarint(b)
	if n <= 0 || uint64(len(b)-n) < l {
		return "", nil, false
	}
	return string(b[n : n+int(l)]), b[n+int(l):], true
}
