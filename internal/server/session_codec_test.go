package server

import (
	"reflect"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
)

func TestSessionCodecRoundTripAndGobFallback(t *testing.T) {
	c := sessionCodec{}
	deadline := time.Unix(1_900_000_000, 123)
	values := map[string]any{"user": int64(42), "email": "ada@example.com", "level/backend-developer": "senior", "empty": ""}
	b, err := c.Encode(deadline, values)
	if err != nil {
		t.Fatal(err)
	}
	d, got, err := c.Decode(b)
	if err != nil || !d.Equal(deadline) || !reflect.DeepEqual(got, values) {
		t.Fatalf("round trip: %v %v %v", d, got, err)
	}
	old, _ := scs.GobCodec{}.Encode(deadline, map[string]any{"user": int64(7)})
	if _, got, err := c.Decode(old); err != nil || got["user"] != int64(7) {
		t.Fatalf("gob data: %v %v", got, err)
	}
	if _, err := c.Encode(deadline, map[string]any{"x": 1.5}); err == nil {
		t.Fatal("a float was accepted")
	}
	for i := range b {
		c.Decode(b[:i]) // truncated data must not panic
	}
}

func FuzzSessionCodecDecode(f *testing.F) {
	b, _ := sessionCodec{}.Encode(time.Unix(1, 0), map[string]any{"a": "b", "n": int64(-3)})
	f.Add(b)
	f.Add([]byte{codecVersion, 0, 200})
	f.Fuzz(func(t *testing.T, data []byte) {
		sessionCodec{}.Decode(data)
	})
}
