package render

import (
	"html/template"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"text/template/parse"

	"github.com/plinth-ssg/plinth/generator/site"
)

// TestReleaseKeepsBodiesForReaders: a build that lets go of bodies as it
// renders (Options.Release) makes the same files as one that keeps them,
// including a page whose layout shows its children's bodies, and ends
// holding only the bodies of the pages whose layouts show others'.
func TestReleaseKeepsBodiesForReaders(t *testing.T) {
	fsys := fstest.MapFS{
		"themes/t/layouts/home.html": {Data: []byte(`{{ .Title }}:{{ range .Pages }}[{{ .Title }} {{ .Content }}]{{ end }}`)},
		"themes/t/layouts/page.html": {Data: []byte(`{{ .Title }}:{{ .Content }}`)},
	}
	render := func(release bool) (map[string]string, *site.Site) {
		s := testSite(t)
		for _, p := range s.Pages {
			p.Content = template.HTML("<p>body of " + p.Title + "</p>")
			p.OutputPath = strings.TrimPrefix(p.URL, "/") + "index.html"
		}
		l, diags := LoadLayouts(fsys, "t", Funcs(s, nil, nil))
		if diags.HasErrors() {
			t.Fatal(diags.Err())
		}
		var mu sync.Mutex
		out := map[string]string{}
		_, diags = Pages(s, l, fsys, Options{Release: release, Emit: func(_ int, _ *site.Page, files []site.File) {
			mu.Lock()
			defer mu.Unlock()
			for _, f := range files {
				out[f.Path] = string(f.Data)
			}
		}})
		if diags.HasErrors() {
			t.Fatal(diags.Err())
		}
		return out, s
	}
	kept, _ := render(false)
	released, s := render(true)
	if !maps.Equal(kept, released) {
		t.Errorf("releasing bodies changed the output:\nkept:     %v\nreleased: %v", kept, released)
	}
	if want := "Home:[Beta <p>body of Beta</p>][alpha <p>body of alpha</p>]"; released["index.html"] != want {
		t.Errorf("home page = %q, want %q (its layout shows its children's bodies)", released["index.html"], want)
	}
	for _, p := range s.Pages {
		if held := p.Content != ""; held != (p == s.Home) {
			t.Errorf("%s: body held after rendering = %t, want %t (only readers of others' bodies keep theirs)", p.URL, held, p == s.Home)
		}
	}
}

// TestNamesBody: a layout naming a Body field anywhere (its own page's or
// another's, in a pipeline, a chain, a variable) keeps the Markdown.
func TestNamesBody(t *testing.T) {
	tests := []struct {
		layout string
		want   bool
	}{
		{`{{ .Title }}{{ .Content }}{{ .BodyOffset }}`, false},
		{`{{ .Body }}`, true},
		{`{{ with .Parent }}{{ printf "%s" .Body }}{{ end }}`, true},
		{`{{ range .Pages }}{{ if .Title }}{{ else }}{{ $.Body }}{{ end }}{{ end }}`, true},
		{`{{ $p := .Parent }}{{ $p.Body }}`, true},
		{`{{ (index .Pages 0).Body }}`, true},
		{`{{ template "p" .Body }}{{ define "p" }}{{ end }}`, true},
	}
	for _, tt := range tests {
		tm := template.Must(template.New("page.html").Funcs(template.FuncMap{"index": func(any, int) any { return nil }}).Parse(tt.layout))
		trees := map[string]*parse.Tree{}
		for _, x := range tm.Templates() {
			trees[x.Name()] = x.Tree
		}
		if got := namesField(trees, "Body"); got != tt.want {
			t.Errorf("%s: names Body = %t, want %t (trees %v)", tt.layout, got, tt.want, slices.Sorted(maps.Keys(trees)))
		}
	}
}
