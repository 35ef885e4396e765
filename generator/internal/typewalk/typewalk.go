// Package typewalk lists the types a value of a given type can lead to, for
// the tests that prove a published table cannot reach a raw figure: a
// template reaches data through fields and the results of exported methods,
// so those are the edges followed.
package typewalk

import "reflect"

// Reachable returns every type reachable from t (t included) through
// pointers, slices, arrays, maps, struct fields and the results of exported
// methods.
func Reachable(t reflect.Type) map[reflect.Type]bool {
	seen := map[reflect.Type]bool{}
	walk(t, seen)
	return seen
}

func walk(t reflect.Type, seen map[reflect.Type]bool) {
	if seen[t] {
		return
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		walk(t.Elem(), seen)
		if t.Kind() == reflect.Map {
			walk(t.Key(), seen)
		}
	case reflect.Struct:
		for i := range t.NumField() {
			walk(t.Field(i).Type, seen)
		}
	}
	for i := range t.NumMethod() {
		m := t.Method(i).Type
		for j := range m.NumOut() {
			walk(m.Out(j), seen)
		}
	}
}
