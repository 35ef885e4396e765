package site

import (
	"reflect"
	"slices"
	"testing"
)

// reachable collects the named struct types reachable from t through
// fields and the results of exported methods, as a template can reach them.
func reachable(t reflect.Type, seen map[reflect.Type]bool) {
	if seen[t] {
		return
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		reachable(t.Elem(), seen)
		if t.Kind() == reflect.Map {
			reachable(t.Key(), seen)
		}
	case reflect.Struct:
		for i := range t.NumField() {
			reachable(t.Field(i).Type, seen)
		}
	}
	for i := range t.NumMethod() {
		m := t.Method(i).Type
		for j := range m.NumOut() {
			reachable(m.Out(j), seen)
		}
	}
}

// TestPublicTableWall: a layout holding a published table can reach
// published figures, labels and download addresses, and nothing else.
func TestPublicTableWall(t *testing.T) {
	seen := map[reflect.Type]bool{}
	reachable(reflect.TypeFor[*PublicTable](), seen)
	var names []string
	for ty := range seen {
		if ty.Kind() == reflect.Struct && ty.PkgPath() != "" {
			names = append(names, ty.String())
		}
	}
	slices.Sort(names)
	want := []string{"anonymise.Cell", "anonymise.Meta", "anonymise.Row", "anonymise.Table", "site.Download", "site.PublicTable"}
	if !slices.Equal(names, want) {
		t.Errorf("structs reachable from *PublicTable: %v, want %v", names, want)
	}
}

func TestDownloadSizeText(t *testing.T) {
	for size, want := range map[int]string{0: "0 bytes", 999: "999 bytes", 1000: "1 KB", 1499: "1 KB", 1500: "2 KB", 999_499: "999 KB", 1_450_000: "1.4 MB"} {
		if got := (Download{Size: size}).SizeText(); got != want {
			t.Errorf("SizeText(%d) = %q, want %q", size, got, want)
		}
	}
}
