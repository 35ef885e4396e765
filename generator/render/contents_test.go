package render

import (
	"bytes"
	"html/template"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

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

// TestOutputHeadings holds the headings read from a page's <main>, in
// particular where reading stops early once the last heading has ended.
func TestOutputHeadings(t *testing.T) {
	h := func(id, title string) site.Heading { return site.Heading{Level: 2, ID: id, Title: title} }
	tests := []struct {
		name string
		out  string
		want []site.Heading
	}{
		{"none", `<main><h1>T</h1><p>x</p></main>`, nil},
		{"outside main", `<h2 id="a">A</h2><main><p>x</p></main><h2 id="b">B</h2>`, nil},
		{"two", `<main><h2 id="a">A &amp; <em>b</em></h2><p>x</p><h2 id="c">C</h2><p>tail</p></main>`, []site.Heading{h("a", "A & b"), h("c", "C")}},
		{"capitals", `<main><H2 ID="a">A</H2></main>`, []site.Heading{h("a", "A")}},
		{"no id", `<main><h2>A</h2><h2 id="b">B</h2></main>`, []site.Heading{h("b", "B")}},
		// "<h2" in a comment or a script is no start tag: the heading
		// after it must still be read.
		{"comment first", `<main><!-- <h2 id="x">X</h2> --><h2 id="a">A</h2><p>t</p></main>`, []site.Heading{h("a", "A")}},
		{"script after", `<main><h2 id="a">A</h2><script>"<h2"</script><h2 id="b">B</h2></main>`, []site.Heading{h("a", "A"), h("b", "B")}},
		{"textarea", `<main><textarea><h2 id="x">X</h2></textarea><h2 id="a">A</h2></main>`, []site.Heading{h("a", "A")}},
		// The last heading's text runs to its end tag, however far.
		{"last unclosed", `<main><h2 id="a">A</h2><h2 id="b">B <p>more</p></main>`, []site.Heading{h("a", "A")}},
		{"last closed late", `<main><h2 id="a">A<p>more</p></h2><p>x</p></main>`, []site.Heading{h("a", "Amore")}},
		{"nested", `<main><h2 id="a">A<h2 id="b">B</h2></h2></main>`, []site.Heading{h("b", "B")}},
		{"h2 not h20", `<main><h20 id="x">X</h20><h2 id="a">A</h2></main>`, []site.Heading{h("a", "A")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := outputHeadings([]byte(tt.out)); !slices.Equal(got, tt.want) {
				t.Errorf("outputHeadings = %v, want %v", got, tt.want)
			}
			if got, want := outputHeadings([]byte(tt.out)), outputHeadingsAll([]byte(tt.out)); !slices.Equal(got, want) {
				t.Errorf("outputHeadings = %v, reading all of <main> gives %v", got, want)
			}
		})
	}
}

// FuzzOutputHeadings checks that stopping early never changes the
// headings read.
func FuzzOutputHeadings(f *testing.F) {
	f.Add([]byte(`<main><h2 id="a">A</h2><!--<h2--><h2 id=b>B</H2>x</main>`))
	f.Add([]byte(`<main><script><h2 id=x></script><h2 id="a">A</h2></main>`))
	f.Fuzz(func(t *testing.T, out []byte) {
		if got, want := outputHeadings(out), outputHeadingsAll(out); !slices.Equal(got, want) {
			t.Fatalf("outputHeadings = %v, reading all of <main> gives %v", got, want)
		}
	})
}

// outputHeadingsAll is outputHeadings reading the whole of <main>, the
// reference the early stop is held to.
func outputHeadingsAll(out []byte) []site.Heading {
	start := bytes.Index(out, []byte("<main"))
	if start < 0 {
		return nil
	}
	end := bytes.LastIndex(out, []byte("</main>"))
	if end < start {
		end = len(out)
	}
	z := html.NewTokenizer(bytes.NewReader(out[start:end]))
	var (
		hs   []site.Heading
		in   bool
		id   string
		text strings.Builder
	)
	for {
		switch z.Next() {
		case html.ErrorToken:
			return hs
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			if atom.Lookup(name) != atom.H2 {
				continue
			}
			in, id = true, ""
			text.Reset()
			for hasAttr {
				var key, val []byte
				key, val, hasAttr = z.TagAttr()
				if string(key) == "id" {
					id = string(val)
				}
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); in && atom.Lookup(name) == atom.H2 {
				in = false
				if title := strings.Join(strings.Fields(text.String()), " "); id != "" && title != "" {
					hs = append(hs, site.Heading{Level: 2, ID: id, Title: title})
				}
			}
		case html.TextToken:
			if in {
				text.Write(z.Text())
			}
		}
	}
}
