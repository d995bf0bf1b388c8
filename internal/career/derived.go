package career

import "sync"

// derived is what has been computed from one catalog and is kept with it
// (see Derived), by key.
type derived struct {
	owner  *Catalog // the catalog they were derived from, not a copy of it
	mu     sync.Mutex
	values map[any]*derivedValue
}

type derivedValue struct {
	once sync.Once
	v    any
}

// NewCatalog is an empty catalog that keeps what is derived from it
// (Derived); a Catalog made otherwise derives its values anew each time.
func NewCatalog() *Catalog {
	cat := &Catalog{derived: &derived{values: map[any]*derivedValue{}}}
	cat.derived.owner = cat
	return cat
}

// Derived is make(cat), made once per catalog and kept with it: what is
// computed from one content snapshot (the occupation search's index) goes
// with the snapshot, and every user of the snapshot shares it. key, a
// comparable value of a type of the caller's own, tells the values apart;
// concurrent first calls wait for one make. A copy of a catalog keeps
// nothing of the original's.
func Derived[T any](cat *Catalog, key any, make func(*Catalog) T) T {
	if cat.derived == nil || cat.derived.owner != cat {
		return make(cat)
	}
	cat.derived.mu.Lock()
	d := cat.derived.values[key]
	if d == nil {
		d = &derivedValue{}
		cat.derived.values[key] = d
	}
	cat.derived.mu.Unlock()
	d.once.Do(func() { d.v = make(cat) })
	return d.v.(T)
}
