package site

import (
	"reflect"
	"testing"
)

// TestPageHasFrontMatter: every key of FrontMatter is a field of Page of
// the same name and type, and SetFrontMatter then FrontMatter give back
// each key's value, so a key added to FrontMatter alone fails here rather
// than vanishing between the file and the layouts.
func TestPageHasFrontMatter(t *testing.T) {
	pt := reflect.TypeFor[Page]()
	for f := range reflect.TypeFor[FrontMatter]().Fields() {
		pf, ok := pt.FieldByName(f.Name)
		if !ok || pf.Type != f.Type || len(pf.Index) != 1 {
			t.Errorf("FrontMatter.%s (%v) is not a field of Page of that type", f.Name, f.Type)
			continue
		}
		var front FrontMatter
		set(t, reflect.ValueOf(&front).Elem().FieldByIndex(f.Index))
		var p Page
		p.SetFrontMatter(front)
		if got := reflect.ValueOf(p).FieldByIndex(pf.Index).Interface(); !reflect.DeepEqual(got, reflect.ValueOf(front).FieldByIndex(f.Index).Interface()) {
			t.Errorf("SetFrontMatter does not set Page.%s", f.Name)
		}
		if got := p.FrontMatter(); !reflect.DeepEqual(got, front) {
			t.Errorf("FrontMatter does not return the key %s: %+v, want %+v", f.Name, got, front)
		}
	}
}
