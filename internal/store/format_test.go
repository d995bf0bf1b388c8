package store

import (
	"reflect"
	"strings"
	"testing"
)

// The document format changes with any field's name, type or tag, also
// deep inside the catalog, so that old documents are never decoded into
// new types.
func TestDescribeTypeSeesEveryField(t *testing.T) {
	type inner struct{ A int }
	type innerRenamed struct{ B int }
	type outer struct {
		X []inner
		P *inner
	}
	type outerRenamed struct {
		X []innerRenamed
		P *innerRenamed
	}
	type outerRetyped struct {
		X []inner
		P *inner
		N string
	}
	desc := func(v any) string {
		var b strings.Builder
		describeType(&b, reflect.TypeOf(v), map[reflect.Type]bool{})
		return strings.ReplaceAll(strings.ReplaceAll(b.String(), "Renamed", ""), "Retyped", "")
	}
	base := desc(outer{})
	if base == desc(outerRenamed{}) {
		t.Error("renaming a nested field left the description unchanged")
	}
	if base == desc(outerRetyped{}) {
		t.Error("adding a field left the description unchanged")
	}
	if first, again := ContentFormat(), ContentFormat(); first == "" || first != again {
		t.Errorf("ContentFormat is empty or unstable: %q, %q", first, again)
	}
}
