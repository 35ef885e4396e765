package render

import (
	"html/template"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// renderHome loads the layouts of fsys (theme "t") and renders the test
// site's pages with them, returning the diagnostics as Print shows them.
func renderHome(t *testing.T, fsys fstest.MapFS, theme string, limit int) string {
	t.Helper()
	s := testSite(t)
	l, diags := LoadLayouts(fsys, theme, Funcs(s, nil, nil))
	if !diags.HasErrors() {
		_, d := Pages(s, l, fsys, Options{MaxPageBytes: limit})
		diags.Append(d)
	}
	var b strings.Builder
	diag.Print(&b, diags, 0)
	return b.String()
}

// TestErrorsAtTheirSource: each mistake is reported where it was written,
// not where the page's layout happens to be.
func TestErrorsAtTheirSource(t *testing.T) {
	base := `{{ block "main" . }}{{ end }}
{{ template "partials/footer.html" . }}
`
	tests := []struct {
		name  string
		files map[string]string
		theme string
		limit int
		want  string // the report's first line
	}{
		{
			name: "missing partial called from a partial",
			files: map[string]string{
				"themes/t/layouts/baseof.html":                base,
				"themes/t/layouts/page.html":                  `{{ define "main" }}x{{ end }}`,
				"themes/t/layouts/home.html":                  `{{ define "main" }}home{{ end }}`,
				"themes/t/layouts/_partials/footer.html":      "<footer>\n",
				"layouts/_partials/footer.html":               "<footer>\n<p>{{ .Site.Title }}</p>\n  {{ template \"partials/nope.html\" . }}\n</footer>\n",
				"themes/t/layouts/_partials/unused-here.html": "x",
			},
			theme: "t",
			want:  `layouts/_partials/footer.html:3:15: no such template "partials/nope.html" (while rendering / and 2 other pages)`,
		},
		{
			name:  "theme that does not exist",
			files: map[string]string{"site.toml": "theme = \"plinht\"\n"},
			theme: "plinht",
			want:  `content/a.md:1:1: no layout can render this page, because the theme "plinht" named in site.toml does not exist (and 2 more pages)`,
		},
		{
			// The count is worked out, not written: a number written in
			// the layout is refused before rendering (MaxRangeCount).
			name: "layout that loops far too often",
			files: map[string]string{
				"themes/t/layouts/baseof.html":           base,
				"themes/t/layouts/home.html":             `{{ define "main" }}home{{ end }}`,
				"themes/t/layouts/_partials/footer.html": "<footer></footer>",
				"themes/t/layouts/page.html":             "{{ define \"main\" }}<ul>\n{{ range $i := add 1999999 1 }}<li>item {{ $i }}</li>\n{{ end }}</ul>{{ end }}",
			},
			theme: "t",
			limit: 1 << 20,
			want:  `themes/t/layouts/page.html:2:32: a page rendered with this layout passed 1 MB of HTML, so rendering stopped`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, text := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(text)}
			}
			report := renderHome(t, fsys, tt.theme, tt.limit)
			if first, _, _ := strings.Cut(report, "\n"); first != tt.want {
				t.Errorf("first line:\n%s\nwant:\n%s\nreport:\n%s", first, tt.want, report)
			}
		})
	}
}

// TestPageLimitWithEmit: when pages are handed on as they are rendered
// (Options.Emit, as the build does), a page past the limit is not handed
// on, the pages of other layouts are, and the error is the same as when
// Pages returns the files.
func TestPageLimitWithEmit(t *testing.T) {
	fsys := fstest.MapFS{
		"themes/t/layouts/baseof.html": {Data: []byte(`{{ block "main" . }}{{ end }}`)},
		"themes/t/layouts/home.html":   {Data: []byte(`{{ define "main" }}home{{ end }}`)},
		"themes/t/layouts/page.html":   {Data: []byte("{{ define \"main\" }}<ul>\n{{ range $i := add 1999999 1 }}<li>item {{ $i }}</li>\n{{ end }}</ul>{{ end }}")},
	}
	s := testSite(t)
	l, diags := LoadLayouts(fsys, "t", Funcs(s, nil, nil))
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	var (
		mu      sync.Mutex
		emitted []string
	)
	files, diags := Pages(s, l, fsys, Options{MaxPageBytes: 1 << 20, Emit: func(_ int, p *site.Page, files []site.File) {
		mu.Lock()
		defer mu.Unlock()
		for _, f := range files {
			if len(f.Data) > 1<<20 {
				t.Errorf("%s: %d bytes handed on", p.URL, len(f.Data))
			}
		}
		emitted = append(emitted, p.URL)
	}})
	if len(files) != 0 {
		t.Errorf("Pages returned %d files as well as handing them on", len(files))
	}
	if strings.Join(emitted, " ") != "/" {
		t.Errorf("pages handed on: %v, want only the home page", emitted)
	}
	var b strings.Builder
	diag.Print(&b, diags, 0)
	want := `themes/t/layouts/page.html:2:32: a page rendered with this layout passed 1 MB of HTML, so rendering stopped`
	if first, _, _ := strings.Cut(b.String(), "\n"); first != want {
		t.Errorf("first line:\n%s\nwant:\n%s", first, want)
	}
}

// TestPageTextTooLarge: a page whose own text makes HTML past the limit
// (a document pasted whole) is reported at the page, saying to split it;
// it was reported at the line of the layout that writes .Content, with a
// hint about loops, which sent the editor to the theme.
func TestPageTextTooLarge(t *testing.T) {
	fsys := fstest.MapFS{
		"themes/t/layouts/baseof.html": {Data: []byte(`{{ block "main" . }}{{ end }}`)},
		"themes/t/layouts/home.html":   {Data: []byte(`{{ define "main" }}home{{ end }}`)},
		"themes/t/layouts/page.html":   {Data: []byte("{{ define \"main\" }}<h1>{{ .Title }}</h1>\n<div>{{ .Content }}</div>\n<aside>{{ .Content }}</aside>{{ end }}")},
	}
	s := testSite(t)
	s.Pages[1].Content = template.HTML(strings.Repeat("<p>Pasted text.</p>\n", 40000)) // 800 KB
	l, diags := LoadLayouts(fsys, "t", Funcs(s, nil, nil))
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	_, diags = Pages(s, l, fsys, Options{MaxPageBytes: 1 << 20})
	var b strings.Builder
	diag.Print(&b, diags, 0)
	want := `content/a.md:1:1: this page's text makes 781 KB of HTML, and with the layout around it the page passed 1 MB, so it was not made`
	if first, _, _ := strings.Cut(b.String(), "\n"); first != want || !strings.Contains(b.String(), "split the text into several pages") {
		t.Errorf("report:\n%s\nwant it to start:\n%s", b.String(), want)
	}
}

// TestLayoutByteOrderMark: a layout saved with a byte-order mark renders
// without it.
func TestLayoutByteOrderMark(t *testing.T) {
	fsys := fstest.MapFS{"themes/t/layouts/page.html": {Data: []byte("\xef\xbb\xbf<!DOCTYPE html>{{ .Title }}")}}
	l, diags := LoadLayouts(fsys, "t", template.FuncMap{})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	c, _ := l.lookup([]string{"page.html"})
	var b strings.Builder
	if err := c.tmpl.ExecuteTemplate(&b, c.entry, map[string]string{"Title": "x"}); err != nil || b.String() != "<!DOCTYPE html>x" {
		t.Errorf("rendered %q, %v", b.String(), err)
	}
}

func TestLocate(t *testing.T) {
	fsys := fstest.MapFS{
		"themes/t/layouts/page.html":          {Data: []byte("<main>\n  <script>alert(1)</script>\n</main>")},
		"themes/t/layouts/_partials/a.html":   {Data: []byte(`<p onclick="go()">`)},
		"themes/t/layouts/_partials/b.html":   {Data: []byte(`<p onclick="go()">`)},
		"themes/t/layouts/_partials/c.html":   {Data: []byte(`<i>twice</i><i>twice</i>`)},
		"themes/t/layouts/_partials/bom.html": {Data: []byte("\xef\xbb\xbf<b>bold</b>")},
	}
	l, diags := LoadLayouts(fsys, "t", template.FuncMap{})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	tests := []struct {
		markup, pos, line string
		ok                bool
	}{
		{"<script>", "themes/t/layouts/page.html:2:3", "  <script>alert(1)</script>", true},
		{"<b>bold</b>", "themes/t/layouts/_partials/bom.html:1:1", "<b>bold</b>", true},
		{`onclick="go()"`, "", "", false}, // in two files
		{"<i>twice</i>", "", "", false},   // twice in one
		{"<nowhere>", "", "", false},
	}
	for _, tt := range tests {
		pos, line, ok := l.Locate(tt.markup)
		if ok != tt.ok || ok && (pos.String() != tt.pos || line != tt.line) {
			t.Errorf("Locate(%q) = %s %q %v, want %s %q %v", tt.markup, pos, line, ok, tt.pos, tt.line, tt.ok)
		}
	}
}
