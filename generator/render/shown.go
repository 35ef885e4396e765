package render

import (
	"reflect"
	"strings"
	"sync"

	"github.com/plinth-ssg/plinth/generator/site"
)

// A layout's paths into feature data travel inside its Reads, so that the
// render cache and the patched build know them wherever they know the
// layout's Reads. The sets are interned: a session sees as many as there
// are distinct layouts that show bodies through feature data, a handful.
var pathSets struct {
	sync.Mutex
	index map[string]Reads
	sets  [][][]string
}

// intern returns the bits of a Reads that name the set of paths.
func intern(paths []string) Reads {
	key := strings.Join(paths, "\n")
	pathSets.Lock()
	defer pathSets.Unlock()
	if r, ok := pathSets.index[key]; ok {
		return r
	}
	if pathSets.index == nil {
		pathSets.index = map[string]Reads{}
	}
	var set [][]string
	for _, p := range paths {
		if p == "" {
			set = append(set, nil)
		} else {
			set = append(set, strings.Split(p, "."))
		}
	}
	pathSets.sets = append(pathSets.sets, set)
	r := Reads(len(pathSets.sets)) << 8
	pathSets.index[key] = r
	return r
}

// paths returns the layout's paths into feature data, each a list of
// steps ("*" for a range's element).
func (r Reads) paths() [][]string {
	i := int(r >> 8)
	if i == 0 {
		return nil
	}
	pathSets.Lock()
	defer pathSets.Unlock()
	return pathSets.sets[i-1]
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

type walker struct {
	pages  []*site.Page
	budget int
}

var (
	pageType  = reflect.TypeFor[*site.Page]()
	ownerType = reflect.TypeFor[site.BodyOwner]()
	errorType = reflect.TypeFor[error]()
)

// follow walks the steps from v and records whose body the last value
// shows. It reports false when it cannot tell.
func (w *walker) follow(v reflect.Value, steps []string) bool {
	if w.budget--; w.budget < 0 {
		return false
	}
	if len(steps) == 0 {
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
