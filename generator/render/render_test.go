package render

import (
	"html/template"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
	"github.com/plinth-ssg/plinth/generator/source"
)

// TestTemplateErrorFormat pins the error text format that tplerr.go reads
// positions from: if a Go release changes it, this test fails first.
func TestTemplateErrorFormat(t *testing.T) {
	//lint:ignore SA1001 the parse error is what this test reads
	_, err := template.New("layouts/x.html").Parse("a\n{{ .A }\n")
	if err == nil || !templatePos.MatchString(err.Error()) {
		t.Fatalf("parse error %q no longer matches %s", err, templatePos)
	}
	tm := template.Must(template.New("layouts/y.html").Parse("a\nb {{ .Nope }}"))
	err = tm.Execute(&strings.Builder{}, struct{}{})
	if err == nil {
		t.Fatal("expected an execution error")
	}
	m := templatePos.FindStringSubmatch(err.Error())
	if m == nil || m[1] != "layouts/y.html" || m[2] != "2" || m[3] != "5" {
		t.Fatalf("execution error %q parsed as %q", err, m)
	}
}

func testSite(t *testing.T) *site.Site {
	t.Helper()
	fsys := fstest.MapFS{"site.toml": {Data: []byte("title = \"T\"\nbaseURL = \"https://example.org/q/\"\n")}, "themes/plinth/x": {}}
	cfg, diags := config.Load(fsys, config.Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	home := &site.Page{Kind: site.KindHome, URL: "/", RelPermalink: "/q/"}
	home.Title = "Home"
	a := &site.Page{Kind: site.KindPage, File: "content/a.md", Path: "a", URL: "/a/", RelPermalink: "/q/a/", Parent: home}
	a.Title, a.Date = "Beta", site.Date{Time: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)}
	b := &site.Page{Kind: site.KindPage, File: "content/b.md", Path: "b", URL: "/b/", RelPermalink: "/q/b/", Parent: home}
	b.Title = "alpha"
	home.Pages = []*site.Page{a, b}
	s := &site.Site{Config: cfg, Pages: []*site.Page{home, a, b}, Home: home}
	s.Index()
	return s
}

func TestFuncs(t *testing.T) {
	s := testSite(t)
	assets := map[string]site.Asset{"css/main.css": {URL: "assets/css/main.ABCD1234.css", Integrity: "sha384-xyz"}}
	fm := Funcs(s, func(string) template.HTML { return "<p>md</p>" }, assets)
	tests := []struct{ tmpl, want string }{
		{`{{ relURL "css/a.css" }}`, "/q/css/a.css"},
		{`{{ relURL "/x/" }}`, "/q/x/"},
		{`{{ relURL "https://nhs.uk/" }}`, "https://nhs.uk/"},
		{`{{ absURL "x/" }}`, "https://example.org/q/x/"},
		{`{{ ref "a.md" }}`, "/q/a/"},
		{`{{ date (index .Pages 0).Date }}`, "1 June 2024"},
		{`{{ isoDate (index .Pages 0).Date }}`, "2024-06-01"},
		{`{{ date (index .Pages 1).Date }}`, ""},
		{`{{ range sortBy .Pages "title" }}{{ .Title }},{{ end }}`, "alpha,Beta,"},
		{`{{ range sortBy .Pages "title" "desc" }}{{ .Title }},{{ end }}`, "Beta,alpha,"},
		{`{{ len (where .Pages "Kind" "page") }}`, "2"},
		{`{{ range first 1 .Pages }}{{ .Title }}{{ end }}`, "Beta"},
		{`{{ plural 1 "standard" "standards" }} / {{ plural 1234 "standard" "standards" }}`, "1 standard / 1,234 standards"},
		{`{{ markdownify "x" }}`, "<p>md</p>"},
		{`{{ (dict "a" 1).a }}`, "1"},
		{`{{ default "none" "" }}`, "none"},
		{`{{ urlize "Learner's wellbeing" }}`, "learners-wellbeing"},
		{`{{ hasPrefix "/strategy/culture/" "/strategy/" }} {{ hasPrefix "/x/strategy/" "/strategy/" }}`, "true false"},
		{`{{ with asset "css/main.css" }}<link rel="stylesheet" href="{{ relURL .URL }}" integrity="{{ .Integrity }}">{{ end }}`,
			`<link rel="stylesheet" href="/q/assets/css/main.ABCD1234.css" integrity="sha384-xyz">`},
	}
	for _, tt := range tests {
		tm, err := template.New("t").Funcs(fm).Parse(tt.tmpl)
		if err != nil {
			t.Fatalf("%s: %v", tt.tmpl, err)
		}
		var b strings.Builder
		if err := tm.Execute(&b, newContext(s.Home, s, nil)); err != nil {
			t.Errorf("%s: %v", tt.tmpl, err)
			continue
		}
		if b.String() != tt.want {
			t.Errorf("%s = %q, want %q", tt.tmpl, b.String(), tt.want)
		}
	}
	tm := template.Must(template.New("t").Funcs(fm).Parse(`{{ ref "missing.md" }}`))
	if err := tm.Execute(&strings.Builder{}, newContext(s.Home, s, nil)); err == nil || !strings.Contains(err.Error(), `there is no page "missing.md"`) {
		t.Errorf("ref of a missing page: %v", err)
	}
	for _, tt := range []struct {
		assets map[string]site.Asset
		want   string
	}{
		{assets, `there is no built asset "js/main.js"; the built ones are css/main.css`},
		{nil, `there is no built asset "js/main.js": the site and its theme have no front-end files under assets/`},
	} {
		tm := template.Must(template.New("t").Funcs(Funcs(s, nil, tt.assets)).Parse(`{{ asset "js/main.js" }}`))
		if err := tm.Execute(&strings.Builder{}, newContext(s.Home, s, nil)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("asset of a missing entry: %v, want %q", err, tt.want)
		}
	}
}

func TestCandidates(t *testing.T) {
	p := &site.Page{Kind: site.KindPage, Type: "guidance"}
	p.Layout = "wide"
	got := strings.Join(Candidates(p), " ")
	want := "guidance/wide.html wide.html guidance/page.html page.html guidance/single.html single.html"
	if got != want {
		t.Errorf("Candidates = %q, want %q", got, want)
	}
	home := &site.Page{Kind: site.KindHome}
	if got := strings.Join(Candidates(home), " "); got != "home.html section.html list.html" {
		t.Errorf("home candidates = %q", got)
	}
}

func TestLayoutsOverrideAndErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"themes/t/layouts/baseof.html":      {Data: []byte(`<b>{{ block "main" . }}{{ end }}</b>`)},
		"themes/t/layouts/page.html":        {Data: []byte(`{{ define "main" }}theme{{ end }}`)},
		"themes/t/layouts/_partials/p.html": {Data: []byte(`partial`)},
		"themes/t/layouts/section.html":     {Data: []byte(`{{ template "partials/p.html" . }}`)},
		"layouts/page.html":                 {Data: []byte(`{{ define "main" }}site{{ end }}`)},
		"themes/t/layouts/broken/page.html": {Data: []byte("ok\n{{ if .X }}\n")},
	}
	l, diags := LoadLayouts(fsys, "t", template.FuncMap{})
	diags.Sort()
	var got []string
	for _, d := range diags {
		got = append(got, d.Error())
	}
	want := []string{"themes/t/layouts/broken/page.html:3:1: unexpected EOF"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("diagnostics %q, want %q", got, want)
	}
	var b strings.Builder
	c, _ := l.lookup([]string{"page.html"})
	if err := c.tmpl.ExecuteTemplate(&b, c.entry, nil); err != nil || b.String() != "<b>site</b>" {
		t.Errorf("site layout did not override the theme's: %q %v", b.String(), err)
	}
	b.Reset()
	c, _ = l.lookup([]string{"section.html"})
	if err := c.tmpl.ExecuteTemplate(&b, c.entry, nil); err != nil || b.String() != "partial" {
		t.Errorf("partial: %q %v", b.String(), err)
	}
}

func TestMissingBase(t *testing.T) {
	fsys := fstest.MapFS{"themes/t/layouts/page.html": {Data: []byte(`{{ define "main" }}x{{ end }}`)}}
	_, diags := LoadLayouts(fsys, "t", template.FuncMap{})
	if len(diags) != 1 || diags[0].Pos.File != "themes/t/layouts/page.html" || !strings.Contains(diags[0].Msg, "no baseof.html") {
		t.Fatalf("diags = %v", diags)
	}
}

// TestTemplateErrorLongLine: an execution error far along a long layout
// line (a minified layout, say) is reported at its character column, and
// the line printed under it shows the action with the caret on it.
func TestTemplateErrorLongLine(t *testing.T) {
	line := strings.Repeat("<p>é</p>", 500) + "{{ .Nope }}" + strings.Repeat("<i>x</i>", 500)
	fsys := fstest.MapFS{"layouts/long.html": {Data: []byte("first\n" + line + "\n")}}
	tm := template.Must(template.New("layouts/long.html").Parse(string(fsys["layouts/long.html"].Data)))
	err := tm.Execute(&strings.Builder{}, struct{}{})
	if err == nil {
		t.Fatal("expected an execution error")
	}
	l := &Layouts{sources: map[string]string{}}
	d := l.templateError(err, fsys)
	wantCol := len([]rune(strings.Repeat("<p>é</p>", 500))) + 4 // the dot of .Nope
	if d.Pos.File != "layouts/long.html" || d.Pos.Line != 2 || d.Pos.Col != wantCol {
		t.Fatalf("reported at %s, want layouts/long.html:2:%d", d.Pos, wantCol)
	}
	var b strings.Builder
	diag.Print(&b, diag.List{d}, 0)
	lines := strings.Split(b.String(), "\n")
	if len(lines) < 3 {
		t.Fatalf("no source line printed:\n%s", b.String())
	}
	shown := []rune(lines[1][strings.Index(lines[1], "| ")+2:])
	at := len([]rune(lines[2][strings.Index(lines[2], "| ")+2:])) - 1
	if at < 0 || at >= len(shown) || string(shown[at:at+5]) != ".Nope" {
		t.Errorf("caret not on .Nope:\n%s\n%s", lines[1], lines[2])
	}
}

// TestContextFields holds the page fields Context copies to the page's:
// each has the name and type of the page's field of that name, the same
// value, and a type whose methods do not depend on being addressable (a
// copy in a Context passed by value is not; the page's field is).
func TestContextFields(t *testing.T) {
	parent := &site.Page{URL: "/a/"}
	p := &site.Page{
		Title: "T", Description: "D", Params: map[string]any{"k": 1}, Tags: []string{"x"},
		URL: "/a/b/", RelPermalink: "/q/a/b/", Permalink: "https://example.org/q/a/b/",
		Content: "<p>c</p>", TOC: []site.Heading{{Level: 2, ID: "h", Title: "H"}},
		Pages: []*site.Page{parent}, Sections: []*site.Page{parent}, Parent: parent, WordCount: 7,
		Kind: site.KindPage, Canonical: "/a/", NoIndex: true, Prev: parent, Next: parent,
	}
	ctx := reflect.ValueOf(newContext(p, &site.Site{}, nil))
	page := reflect.ValueOf(p).Elem()
	typ := ctx.Type()
	copied := 0
	for i := range typ.NumField() {
		f := typ.Field(i)
		if f.Anonymous || !f.IsExported() || f.Name == "Site" {
			continue
		}
		copied++
		pf, ok := page.Type().FieldByName(f.Name)
		if !ok || pf.Type != f.Type {
			t.Errorf("Context.%s (%v) is not a field of the page of that type", f.Name, f.Type)
			continue
		}
		if got, want := ctx.Field(i).Interface(), page.FieldByIndex(pf.Index).Interface(); !reflect.DeepEqual(got, want) {
			t.Errorf("Context.%s = %v, want the page's %v", f.Name, got, want)
		}
		if reflect.DeepEqual(ctx.Field(i).Interface(), reflect.Zero(f.Type).Interface()) {
			t.Errorf("Context.%s: the test page leaves it unset, so the copy is not checked", f.Name)
		}
		if f.Type.Kind() != reflect.Pointer && f.Type.Kind() != reflect.Interface && reflect.PointerTo(f.Type).NumMethod() != f.Type.NumMethod() {
			t.Errorf("Context.%s: %v has methods on its pointer, which a layout would lose", f.Name, f.Type)
		}
	}
	if copied == 0 {
		t.Fatal("no copied fields found")
	}
}

// TestLinkedLayoutFolder: a layouts folder that is a symbolic link (to a
// folder outside the site, or inside it) is an error at the link, as in
// content/ and static/; before, it was passed over without a word and the
// theme's partials were used. A linked layout file inside the site is read.
func TestLinkedLayoutFolder(t *testing.T) {
	dir := t.TempDir()
	write := func(p, text string) {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("themes/t/layouts/baseof.html", `{{ block "main" . }}{{ end }}`)
	write("themes/t/layouts/_partials/footer.html", `theme footer`)
	write("shared/footer.html", `shared footer`)
	write("shared/page.html", `{{ define "main" }}shared page{{ end }}`)
	for link, target := range map[string]string{"layouts/_partials": "../shared", "layouts/loop": "..", "layouts/page.html": "../shared/page.html"} {
		if err := os.MkdirAll(filepath.Join(dir, "layouts"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	fsys, err := source.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, diags := LoadLayouts(fsys, "t", template.FuncMap{})
	diags.Sort()
	var got []string
	for _, d := range diags {
		got = append(got, d.Error())
	}
	want := []string{"layouts/_partials: this symbolic link points to a folder; Plinth does not follow linked folders",
		"layouts/loop: this symbolic link points to a folder; Plinth does not follow linked folders"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
