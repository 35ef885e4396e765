package anonymise

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/internal/typewalk"
)

// The type wall: nothing reachable from a published Table may hold a raw
// figure. These tests check the types (no field or method result can reach
// the raw types) and the values (no raw count appears anywhere inside a
// Table, exported or not).

func TestWallTypes(t *testing.T) {
	seen := typewalk.Reachable(reflect.TypeFor[*Table]())
	var names []string
	for ty := range seen {
		if ty.Kind() == reflect.Struct && ty.PkgPath() != "" {
			names = append(names, ty.String())
		}
	}
	slices.Sort(names)
	// Only these structs may be reachable from a Table. Adding one means
	// checking that it cannot carry a raw figure.
	want := []string{"anonymise.Cell", "anonymise.Meta", "anonymise.Row", "anonymise.Table"}
	if !slices.Equal(names, want) {
		t.Errorf("structs reachable from *Table: %v, want %v", names, want)
	}
	for ty := range seen {
		switch ty {
		case reflect.TypeFor[grid](), reflect.TypeFor[Counts](), reflect.TypeFor[Samples](), reflect.TypeFor[Report]():
			t.Errorf("%v is reachable from *Table", ty)
		}
	}
}

// walk calls f on every value inside v, unexported fields included.
func walk(v reflect.Value, f func(reflect.Value)) {
	f(v)
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walk(v.Elem(), f)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walk(v.Index(i), f)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			walk(v.Field(i), f)
		}
	}
}

func TestWallValues(t *testing.T) {
	// Distinctive raw counts, none a multiple of 5, and small counts whose
	// cells must be indistinguishable.
	raw := [][]int{
		{1234567, 7654321, 3},
		{2345678, 8765432, 6},
		{3456789, 9876543, 1},
	}
	c := table("wall", raw, AllMargins)
	tab, _, err := DefaultPolicy().Publish(c)
	if err != nil {
		t.Fatal(err)
	}
	g := newGrid(DefaultPolicy(), c)
	var secret []int64
	for _, x := range g.x {
		if x > 7 && x%5 != 0 {
			secret = append(secret, int64(x))
		}
	}
	// The walker must be able to see a raw count where there is one.
	found := false
	walk(reflect.ValueOf(g), func(v reflect.Value) {
		found = found || v.CanInt() && slices.Contains(secret, v.Int())
	})
	if !found {
		t.Fatal("the walker finds no raw count even in the grid")
	}
	walk(reflect.ValueOf(tab), func(v reflect.Value) {
		var s string
		switch v.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			if slices.Contains(secret, v.Int()) {
				t.Errorf("raw count %d is inside the Table", v.Int())
			}
			return
		case reflect.String:
			s = v.String()
		default:
			return
		}
		for _, x := range secret {
			if strings.Contains(strings.ReplaceAll(s, ",", ""), fmt.Sprint(x)) {
				t.Errorf("raw count %d appears in the text %q", x, s)
			}
		}
	})
	// Hidden cells are all the same value: they carry nothing of the
	// counts behind them.
	var hiddenCells []Cell
	for _, r := range tab.Rows() {
		for _, cl := range append(r.Cells, r.Total) {
			if cl.Suppressed() {
				hiddenCells = append(hiddenCells, cl)
			}
		}
	}
	if len(hiddenCells) < 3 {
		t.Fatalf("expected the three small counts hidden:\n%s", render(tab))
	}
	for _, cl := range hiddenCells {
		if cl != hiddenCells[0] {
			t.Errorf("hidden cells differ: %#v and %#v", cl, hiddenCells[0])
		}
	}
}

func TestPublishInputErrors(t *testing.T) {
	c := NewCounts("", []string{"A", "A", " "}, nil)
	_, _, err := DefaultPolicy().Publish(c)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"no title", `two rows are labelled "A"`, "row 3 has no label", "no columns"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	c = NewCounts("negative", []string{"A"}, []string{"x"})
	c.Add(0, 0, 5)
	c.Add(0, 0, -9)
	if _, _, err := DefaultPolicy().Publish(c); err == nil || !strings.Contains(err.Error(), `row "A", column "x": the count is negative`) {
		t.Errorf("negative count: err = %v", err)
	}
}
