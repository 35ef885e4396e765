package render

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/site"
)

// contentsLayouts list .Contents after the h1, as the default theme's
// partial does; generated.html adds headings of its own, as the "what
// changed" and action-plan layouts do.
var contentsLayouts = fstest.MapFS{
	"themes/t/layouts/baseof.html":             {Data: []byte(`<header><h2 id="not-main">Menu</h2></header><main>{{ block "main" . }}{{ end }}</main><footer><h2 id="nor-this">Footer</h2></footer>`)},
	"themes/t/layouts/_partials/contents.html": {Data: []byte(`{{ with .Contents }}<nav><h2>On this page</h2><ol>{{ range . }}<li><a href="#{{ .ID }}">{{ .Title }}</a></li>{{ end }}</ol></nav>{{ end }}`)},
	"themes/t/layouts/page.html":               {Data: []byte(`{{ define "main" }}<h1>{{ .Title }}</h1>{{ template "partials/contents.html" . }}{{ .Content }}{{ end }}`)},
	"themes/t/layouts/generated.html": {Data: []byte(`{{ define "main" }}<h1>{{ .Title }}</h1>{{ template "partials/contents.html" . }}` +
		`{{ range .Params.parts }}<h2 id="{{ urlize . }}">{{ . }}</h2><p>Text.</p>{{ end }}<h2>No id, so not listed</h2>{{ .Content }}{{ end }}`)},
	"themes/t/layouts/plain.html": {Data: []byte(`{{ define "main" }}<h1>{{ .Title }}</h1><h2 id="a">A</h2><h2 id="b">B</h2><h2 id="c">C</h2>{{ end }}`)},
}

// contentsPage renders one page with the layouts above and returns the
// titles its contents list links to, "|"-separated ("" for no list).
func contentsPage(t *testing.T, siteTOML string, p *site.Page) string {
	t.Helper()
	fsys := fstest.MapFS{"site.toml": {Data: []byte(siteTOML)}, "themes/t/x": {}}
	cfg, diags := config.Load(fsys, config.Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	home := &site.Page{Kind: site.KindHome, URL: "/", RelPermalink: "/"}
	home.Title = "Home"
	p.Parent, p.Kind, p.URL, p.RelPermalink, p.OutputPath = home, site.KindPage, "/p/", "/p/", "p/index.html"
	s := &site.Site{Config: cfg, Pages: []*site.Page{p}, Home: home}
	s.Index()
	layouts, d := LoadLayouts(contentsLayouts, "t", Funcs(s, func(string) template.HTML { return "" }, nil))
	if len(d) > 0 {
		t.Fatal(d)
	}
	files, d := Pages(s, layouts, contentsLayouts, Options{})
	if len(d) > 0 || len(files) != 1 {
		t.Fatalf("render: %v (%d files)", d, len(files))
	}
	out := string(files[0].Data)
	nav, _, ok := strings.Cut(strings.TrimPrefix(out[strings.Index(out, "</h1>"):], "</h1>"), "</nav>")
	if !ok || !strings.HasPrefix(nav, "<nav>") {
		return ""
	}
	var titles []string
	for _, li := range strings.Split(nav, "<li>")[1:] {
		titles = append(titles, li[strings.Index(li, ">")+1:strings.Index(li, "</a>")])
	}
	return strings.Join(titles, "|")
}

func TestContents(t *testing.T) {
	const siteTOML = "title = \"T\"\nbaseURL = \"https://example.org/\"\ntheme = \"t\"\n"
	markdown := func(titles ...string) *site.Page {
		p := &site.Page{}
		p.Title = "Page"
		var body strings.Builder
		for _, title := range titles {
			id := strings.ToLower(strings.ReplaceAll(title, " ", "-"))
			p.TOC = append(p.TOC, site.Heading{Level: 2, ID: id, Title: title})
			body.WriteString(`<h2 id="` + id + `">` + template.HTMLEscapeString(title) + "</h2>\n<p>Text.</p>\n")
		}
		p.Content = template.HTML(body.String())
		return p
	}
	generated := func(parts ...string) *site.Page {
		p := &site.Page{}
		p.Title, p.Layout = "Generated", "generated"
		p.Params = map[string]any{"parts": parts}
		return p
	}
	tests := []struct {
		name string
		toml string
		page *site.Page
		want string
	}{
		{"a Markdown page with three headings", "", markdown("One", "Two", "What we’re doing & why <now>"), "One|Two|What we’re doing &amp; why &lt;now&gt;"},
		{"a Markdown page with two", "", markdown("One", "Two"), ""},
		{"a generated page: its layout's headings with an id, in <main> only", "", generated("Summary", "New standards", "Reworded standards"), "Summary|New standards|Reworded standards"},
		{"a generated page with two", "", generated("Summary", "New standards"), ""},
		{"a layout's headings and the body's together", "", func() *site.Page {
			p := markdown("Body one", "Body two")
			p.Layout, p.Params = "generated", map[string]any{"parts": []string{"Layout one"}}
			return p
		}(), "Layout one|Body one|Body two"},
		{"the threshold comes from site.toml", "[contents]\nminHeadings = 4\n", markdown("One", "Two", "Three"), ""},
		{"and may be lower", "[contents]\nminHeadings = 2\n", generated("Summary", "New standards"), "Summary|New standards"},
		{"a layout that never asks gets no list", "", func() *site.Page {
			p := &site.Page{}
			p.Title, p.Layout = "Plain", "plain"
			return p
		}(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := contentsPage(t, siteTOML+tt.toml, tt.page); got != tt.want {
				t.Errorf("contents = %q, want %q", got, tt.want)
			}
		})
	}
}
