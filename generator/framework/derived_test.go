package framework

import (
	"io/fs"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// TestDerivedFields holds the framework to the contract of
// site.DerivedData, on which the render cache relies to render again only
// the pages that show a standard's words after an edit to them. For
// standards of the example site, it builds the model with and without a
// sentence added to the standard's text and walks, in step, everything a
// layout can read from each framework page's data: exported fields and
// methods without arguments, through slices and maps, up to pages (whose
// bodies the body analysis follows). Every value that differs must be
// reached through a name in derivedFields read on a value whose
// DerivedFrom names the edited standard's page, or on a value that does
// not implement site.Deriver (the render cache then depends on every
// body). A model that gains a field made from standards' words without naming
// it fails here.
func TestDerivedFields(t *testing.T) {
	base := exampleFramework(t)
	var files []string
	for name := range base {
		if !strings.HasSuffix(name, "_index.md") && strings.HasPrefix(name, "content/framework/") {
			files = append(files, name)
		}
	}
	slices.Sort(files)
	if len(files) < 50 {
		t.Fatalf("the example site has %d standards: the test needs them", len(files))
	}
	if testing.Short() {
		var some []string
		for i := 0; i < len(files); i += 10 {
			some = append(some, files[i])
		}
		files = some
	}
	before := buildFramework(t, base)
	for _, file := range files {
		edited := maps.Clone(base)
		edited[file] = &fstest.MapFile{Data: append(slices.Clone(base[file].Data), "\nA sentence added to the standard.\n"...)}
		after := buildFramework(t, edited)
		if len(after.Pages) != len(before.Pages) {
			t.Fatalf("%s: %d pages, %d before the edit", file, len(after.Pages), len(before.Pages))
		}
		w := &derivedWalk{t: t, file: file, seen: map[seenKey]bool{}}
		for _, p := range after.Pages {
			if p.File == file {
				w.edited = p
			}
		}
		for i, p := range after.Pages {
			if _, ok := p.Extra.(site.DerivedData); ok {
				w.walk(p.URL+" .Extra", reflect.ValueOf(before.Pages[i].Extra), reflect.ValueOf(p.Extra), false)
			}
		}
		if w.diffs == 0 {
			t.Errorf("%s: nothing in the model changed with the standard's text", file)
		}
	}
}

// exampleFramework returns the example site's framework and guidance
// files, with a site.toml.
func exampleFramework(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{
		"site.toml":       {Data: []byte(fixtureSite)},
		"themes/t/README": {Data: []byte("theme")},
	}
	root := os.DirFS("../..")
	for _, dir := range []string{"content/framework", "content/guidance"} {
		err := fs.WalkDir(root, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			data, err := fs.ReadFile(root, p)
			fsys[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

func buildFramework(t *testing.T, fsys fstest.MapFS) Result {
	t.Helper()
	_, res, diags := loadAndBuild(t, fsys)
	if diags.HasErrors() {
		t.Fatalf("the example framework does not build: %v", diags.Err())
	}
	return res
}

type seenKey struct {
	ptr     uintptr
	typ     reflect.Type
	covered bool
}

// derivedWalk compares two models in step.
type derivedWalk struct {
	t      *testing.T
	file   string
	edited *site.Page
	seen   map[seenKey]bool
	diffs  int
}

var (
	pagePtr      = reflect.TypeFor[*site.Page]()
	deriverIface = reflect.TypeFor[site.Deriver]()
	errorIface   = reflect.TypeFor[error]()
)

// walk compares a and b, reached by path; covered says that a name in
// derivedFields on the way was read on a value made from the edited page.
func (w *derivedWalk) walk(path string, a, b reflect.Value, covered bool) {
	if a.Kind() == reflect.Interface {
		a, b = a.Elem(), b.Elem()
	}
	if a.IsValid() != b.IsValid() || a.IsValid() && a.Type() != b.Type() {
		w.differ(path, covered)
		return
	}
	if !a.IsValid() || a.Type() == pagePtr {
		return // a page's fields are front matter and body, followed elsewhere
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				w.differ(path, covered)
			}
			return
		}
		k := seenKey{b.Pointer(), b.Type(), covered}
		if w.seen[k] {
			return
		}
		w.seen[k] = true
		w.members(path, a, b, covered)
		w.walk(path, a.Elem(), b.Elem(), covered)
	case reflect.Struct:
		if !a.CanAddr() {
			w.members(path, a, b, covered)
		}
		for i := range a.NumField() {
			if f := a.Type().Field(i); f.IsExported() {
				w.step(path, f.Name, b, a.Field(i), b.Field(i), covered)
			}
		}
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			w.differ(path+".len", covered)
		}
		for i := range min(a.Len(), b.Len()) {
			w.walk(path+".*", a.Index(i), b.Index(i), covered)
		}
	case reflect.Map:
		keys := a.MapKeys()
		if len(keys) != b.Len() {
			w.differ(path+".len", covered)
		}
		for _, k := range keys {
			w.walk(path+".*", a.MapIndex(k), b.MapIndex(k), covered)
		}
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
	default:
		if a.Interface() != b.Interface() {
			w.differ(path, covered)
		}
	}
}

// members compares the results of a's and b's methods without arguments.
func (w *derivedWalk) members(path string, a, b reflect.Value, covered bool) {
	for i := range a.NumMethod() {
		m := a.Type().Method(i)
		mt := m.Type
		if mt.NumIn() != 1 || mt.NumOut() == 0 || mt.NumOut() > 2 || mt.NumOut() == 2 && mt.Out(1) != errorIface || bodyFieldNames[m.Name] {
			continue
		}
		w.step(path, m.Name, b, a.Method(i).Call(nil)[0], b.Method(i).Call(nil)[0], covered)
	}
}

// step compares what name gives on the receiver recv (of the edited
// model).
func (w *derivedWalk) step(path, name string, recv, a, b reflect.Value, covered bool) {
	if slices.Contains(derivedFields, name) {
		// A name read on a value that does not say whose bodies it is
		// made from makes the render cache depend on every body.
		r := recv
		if r.Kind() != reflect.Pointer && r.CanAddr() {
			r = r.Addr()
		}
		covered = covered || !r.Type().Implements(deriverIface) || slices.Contains(r.Interface().(site.Deriver).DerivedFrom(), w.edited)
	}
	w.walk(path+"."+name, a, b, covered)
}

func (w *derivedWalk) differ(path string, covered bool) {
	w.diffs++
	if !covered {
		w.t.Errorf("editing %s changed %s, which no name in derivedFields that names the standard's page leads to", w.file, path)
	}
}

// bodyFieldNames are the body fields (render's analysis follows them to
// the page whose body they show, site.BodyOwner).
var bodyFieldNames = map[string]bool{"Content": true, "TOC": true, "HeadingsAt": true, "WordCount": true, "Body": true}

// loadAndBuild reads fsys's site.toml and content and builds the
// framework, as the pipeline would on 29 November 2026.
func loadAndBuild(t *testing.T, fsys fstest.MapFS) (*config.Config, Result, diag.List) {
	t.Helper()
	cfg, diags := config.Load(fsys, config.Options{})
	if cfg == nil || diags.HasErrors() {
		t.Fatalf("site.toml: %v", diags)
	}
	loaded, _ := content.Load(fsys, content.Options{Schemas: []content.Schema{Schema}})
	res, diags := Build(cfg, loaded.Pages, site.Publish{Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)}, loaded.Failed)
	return cfg, res, diags
}
