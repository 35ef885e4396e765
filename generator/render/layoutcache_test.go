package render

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLayoutCache: unchanged layouts are not parsed again, yet each build
// runs them with its own functions; a changed layout is parsed again.
func TestLayoutCache(t *testing.T) {
	fsys := fstest.MapFS{
		"themes/t/layouts/page.html":        {Data: []byte(`<p>{{ greet }}</p>{{ template "partials/x.html" . }}`)},
		"themes/t/layouts/_partials/x.html": {Data: []byte(`{{ greet }}`)},
	}
	funcs := func(word string) template.FuncMap {
		return template.FuncMap{"greet": func() string { return word }}
	}
	run := func(l *Layouts) string {
		t.Helper()
		c := l.compiled["page.html"]
		var b strings.Builder
		if err := c.tmpl.ExecuteTemplate(&b, c.entry, nil); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	c := NewLayoutCache()
	steps := []struct {
		word, text string
		parsed     bool
		want       string
	}{
		{"hello", "", true, "<p>hello</p>hello"},
		{"goodbye", "", false, "<p>goodbye</p>goodbye"},
		{"again", `<div>{{ greet }}</div>`, true, "<div>again</div>"},
		{"more", "", false, "<div>more</div>"},
	}
	var last *compiled
	for _, st := range steps {
		if st.text != "" {
			fsys["themes/t/layouts/page.html"] = &fstest.MapFile{Data: []byte(st.text)}
		}
		l, diags := c.Load(fsys, "t", funcs(st.word))
		if len(diags) > 0 {
			t.Fatal(diags)
		}
		if parsed := l.compiled["page.html"] != last; parsed != st.parsed {
			t.Errorf("%s: parsed again %t, want %t", st.word, parsed, st.parsed)
		}
		last = l.compiled["page.html"]
		if got := run(l); got != st.want {
			t.Errorf("%s: rendered %q, want %q", st.word, got, st.want)
		}
	}
}
