package render

import (
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/plinth-ssg/plinth/generator/site"
)

// A layout's paths into feature data travel inside its Reads, so that the
// render cache and the patched build know them wherever they know the
// layout's Reads. The sets are interned: a session sees as many as there
// are distinct layouts, a few dozen.
var pathSets struct {
	sync.Mutex
	index map[string]Reads
	sets  []*pathSet
}

// pathSet is what a layout reads of a page's feature data.
type pathSet struct {
	// body are the paths on whose values body fields are read
	// (ReadsExtra); names every path on which a field or method is read,
	// ending in its name; other the names read on values of unknown
	// origin. Each path is a list of steps ("*" for a range's element).
	body, names [][]string
	other       []string
}

// intern returns the bits of a Reads that name the set of body paths.
func intern(paths []string) Reads { return internSet(paths, nil, nil) }

// internSet returns the bits of a Reads that name the sets of paths and
// names (see pathSet).
func internSet(body, names, other []string) Reads {
	key := strings.Join(body, "\n") + "\x00" + strings.Join(names, "\n") + "\x00" + strings.Join(other, "\n")
	pathSets.Lock()
	defer pathSets.Unlock()
	if r, ok := pathSets.index[key]; ok {
		return r
	}
	if pathSets.index == nil {
		pathSets.index = map[string]Reads{}
	}
	split := func(paths []string) [][]string {
		var set [][]string
		for _, p := range paths {
			if p == "" {
				set = append(set, nil)
			} else {
				set = append(set, strings.Split(p, "."))
			}
		}
		return set
	}
	pathSets.sets = append(pathSets.sets, &pathSet{body: split(body), names: split(names), other: other})
	r := Reads(len(pathSets.sets)) << 8
	pathSets.index[key] = r
	return r
}

// set returns the layout's reads of feature data, or nil.
func (r Reads) set() *pathSet {
	i := int(r >> 8)
	if i == 0 {
		return nil
	}
	pathSets.Lock()
	defer pathSets.Unlock()
	return pathSets.sets[i-1]
}

// paths returns the layout's paths into feature data on which it reads
// body fields.
func (r Reads) paths() [][]string {
	if set := r.set(); set != nil {
		return set.body
	}
	return nil
}

// maxShownValues bounds the values followed through feature data for one
// page; data too large to follow is taken to reach any page.
const maxShownValues = 100_000

// ShownThrough returns the pages whose bodies a layout with these Reads
// shows through a page's feature data (extra), by following the layout's
// paths (ReadsExtra) as html/template would: fields, methods without
// arguments, map keys and ranges. A body field is known to be a page's
// when it is read from a *site.Page or from a value that says whose body
// it shows (site.BodyOwner). It reports false when it cannot tell (a value
// of another kind, a method that needs arguments, a range over something
// other than a slice, array or map, data too large), and the caller must
// then take every page's body to be shown. The pages are in the order met,
// possibly repeated.
func (r Reads) ShownThrough(extra any) ([]*site.Page, bool) {
	paths := r.paths()
	if r&ReadsExtra == 0 || len(paths) == 0 {
		return nil, r&ReadsExtra == 0
	}
	w := walker{budget: maxShownValues}
	root := reflect.ValueOf(extra)
	for _, p := range paths {
		if !w.follow(root, p) {
			return nil, false
		}
	}
	return w.pages, true
}

// DerivedThrough returns the pages from whose bodies come the values that
// a layout with these Reads shows of a page's feature data (extra)
// through fields and methods named in derived (site.DerivedData): it
// follows each path on which the layout reads one of the names up to each
// value it reads one on, which must say whose bodies its values are made
// from (site.Deriver). It reports false when it cannot tell: the layout
// reads one of the names on a value of unknown origin, or a value on the
// way does not say, or a path cannot be followed (see ShownThrough). The
// data's contract is that what is made from bodies is reached only
// through the names, so what a path reads after a name, other than
// another name, is covered by the value the name was read on. (Like the
// body analysis, this takes a layout not to print a whole value of
// feature data with fmt's %v, which would show every field.)
func (r Reads) DerivedThrough(extra any, derived []string) ([]*site.Page, bool) {
	set := r.set()
	if set == nil || len(derived) == 0 {
		return nil, true
	}
	for _, n := range set.other {
		if slices.Contains(derived, n) {
			return nil, false
		}
	}
	w := walker{budget: maxShownValues}
	w.at = w.deriver
	root := reflect.ValueOf(extra)
	for _, p := range set.names {
		for i, step := range p {
			if slices.Contains(derived, step) && !w.follow(root, p[:i]) {
				return nil, false
			}
		}
	}
	return w.pages, true
}

type walker struct {
	pages  []*site.Page
	budget int
	// at records what the value at the end of a path holds: owner
	// unless set.
	at func(v reflect.Value) bool
}

var (
	pageType    = reflect.TypeFor[*site.Page]()
	ownerType   = reflect.TypeFor[site.BodyOwner]()
	deriverType = reflect.TypeFor[site.Deriver]()
	errorType   = reflect.TypeFor[error]()
)

// follow walks the steps from v and records whose body the last value
// shows. It reports false when it cannot tell.
func (w *walker) follow(v reflect.Value, steps []string) bool {
	if w.budget--; w.budget < 0 {
		return false
	}
	if len(steps) == 0 {
		if w.at != nil {
			return w.at(v)
		}
		return w.owner(v)
	}
	if steps[0] == "*" {
		v = indirect(v)
		if !v.IsValid() {
			return true // ranging over nothing
		}
		switch v.Kind() {
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				if !w.follow(v.Index(i), steps[1:]) {
					return false
				}
			}
			return true
		case reflect.Map:
			for it := v.MapRange(); it.Next(); {
				if !w.follow(it.Value(), steps[1:]) {
					return false
				}
			}
			return true
		}
		return false
	}
	next, ok := field(v, steps[0])
	if !ok {
		return false
	}
	if !next.IsValid() {
		return true // nil on the way: the layout shows nothing there
	}
	return w.follow(next, steps[1:])
}

// owner records the page whose body fields v has.
func (w *walker) owner(v reflect.Value) bool {
	if v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if !v.IsValid() {
		return true
	}
	if v.Type() == pageType {
		if !v.IsNil() {
			w.pages = append(w.pages, v.Interface().(*site.Page))
		}
		return true
	}
	if v.CanAddr() && v.Addr().Type() == pageType {
		w.pages = append(w.pages, v.Addr().Interface().(*site.Page))
		return true
	}
	if v.Kind() != reflect.Pointer && v.CanAddr() {
		v = v.Addr()
	}
	if !v.Type().Implements(ownerType) {
		return false
	}
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return true
	}
	if p := v.Interface().(site.BodyOwner).BodyPage(); p != nil {
		w.pages = append(w.pages, p)
	}
	return true
}

// deriver records the pages from whose bodies v's derived values are
// made.
func (w *walker) deriver(v reflect.Value) bool {
	if v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if !v.IsValid() {
		return true
	}
	if v.Kind() != reflect.Pointer && v.CanAddr() {
		v = v.Addr()
	}
	if !v.Type().Implements(deriverType) {
		return false
	}
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return true // the template stops at nil: nothing shown
	}
	w.pages = append(w.pages, v.Interface().(site.Deriver).DerivedFrom()...)
	return true
}

// field is text/template's evaluation of .name on v: a method without
// arguments first (on v's address where it has one), then a struct field
// or a map's entry. An invalid value with true means nil on the way.
func field(v reflect.Value, name string) (out reflect.Value, ok bool) {
	if v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if !v.IsValid() {
		return reflect.Value{}, true
	}
	ptr := v
	if ptr.Kind() != reflect.Pointer && ptr.CanAddr() {
		ptr = ptr.Addr()
	}
	if m := ptr.MethodByName(name); m.IsValid() {
		t := m.Type()
		if t.NumIn() != 0 || t.NumOut() == 0 || t.NumOut() > 2 || t.NumOut() == 2 && t.Out(1) != errorType {
			return reflect.Value{}, false
		}
		defer func() {
			if recover() != nil {
				out, ok = reflect.Value{}, false
			}
		}()
		res := m.Call(nil)
		if len(res) == 2 && !res[1].IsNil() {
			return reflect.Value{}, true // the template stops with an error
		}
		return res[0], true
	}
	v = indirect(v)
	if !v.IsValid() {
		return reflect.Value{}, true
	}
	switch v.Kind() {
	case reflect.Struct:
		f, found := v.Type().FieldByName(name)
		if !found || !f.IsExported() {
			return reflect.Value{}, false
		}
		fv, err := v.FieldByIndexErr(f.Index)
		if err != nil {
			return reflect.Value{}, true // through a nil embedded pointer
		}
		return fv, true
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return reflect.Value{}, false
		}
		return v.MapIndex(reflect.ValueOf(name).Convert(v.Type().Key())), true
	}
	return reflect.Value{}, false
}

// indirect follows pointers and interfaces to a value, or to the invalid
// value at a nil.
func indirect(v reflect.Value) reflect.Value {
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	return v
}
