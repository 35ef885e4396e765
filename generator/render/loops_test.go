package render

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLayoutMistakes: layout mistakes a site's editors and outside
// testers make are reported at their line, in words that say how to fix
// them: a partial that calls itself or another that calls it back, with
// nothing to stop it (text/template gave up after 100,000 calls, 20 s and
// 300 MB later, as "exceeded maximum template depth"); an empty page
// layout (its pages were published blank); Hugo's partial function. A
// partial that calls itself inside if, range or with, and an empty
// partial, are fine.
func TestLayoutMistakes(t *testing.T) {
	base := `<main>{{ block "main" . }}{{ end }}</main>`
	tests := []struct {
		name  string
		files map[string]string
		want  string // the one error's position and message start, and a word of its hint
		hint  string
	}{
		{"a partial calling itself", map[string]string{
			"_partials/footer.html": "<footer>\n  {{ template \"partials/footer.html\" . }}</footer>",
			"page.html":             `{{ template "partials/footer.html" . }}`,
		}, `layouts/_partials/footer.html:2:15: this call of "partials/footer.html" leads back to itself (_partials/footer.html → _partials/footer.html)`, "{{ if }}"},
		{"two partials calling each other", map[string]string{
			"_partials/a.html": `{{ template "partials/b.html" . }}`,
			"_partials/b.html": `<p>{{ with .Title }}{{ . }}{{ end }}</p>{{ template "partials/a.html" . }}`,
			"page.html":        `{{ template "partials/a.html" . }}`,
		}, `layouts/_partials/b.html:1:53: this call of "partials/a.html" leads back to itself (_partials/a.html → _partials/b.html → _partials/a.html)`, "{{ range }}"},
		{"a block calling itself in a page layout", map[string]string{
			"baseof.html": base,
			"page.html":   "{{ define \"main\" }}{{ template \"main\" . }}{{ end }}",
		}, `layouts/page.html:1:32: this call of "main" leads back to itself (main → main)`, "{{ with }}"},
		{"an empty page layout", map[string]string{
			"baseof.html": base,
			"page.html":   "\n  \n",
		}, `layouts/page.html:1:1: this layout is empty, so every page it makes would have no content`, "baseof.html"},
		{"Hugo's partial", map[string]string{
			"page.html": `{{ partial "footer.html" . }}`,
		}, `layouts/page.html:1:4: function "partial" not defined`, `{{ template "partials/NAME.html" . }}`},
		{"a partial calling itself for each child", map[string]string{
			"_partials/tree.html": `<ul>{{ range .Pages }}<li>{{ .Title }}{{ template "partials/tree.html" . }}</li>{{ end }}</ul>{{ if false }}{{ template "partials/tree.html" . }}{{ end }}`,
			"page.html":           `{{ template "partials/tree.html" . }}`,
		}, "", ""},
		{"a base that shows no block", map[string]string{
			"baseof.html": "<header>Site</header>\n<footer>Footer</footer>",
			"page.html":   `{{ define "main" }}<h1>{{ .Title }}</h1>{{ end }}`,
		}, `layouts/baseof.html:1:1: the layout page.html fills the block "main", but baseof.html never shows it`, `{{ block "main" . }}`},
		{"a base that shows no block, for two layouts", map[string]string{
			"baseof.html": "<header>Site</header>",
			"list.html":   `{{ define "main" }}<h1>{{ .Title }}</h1>{{ end }}`,
			"page.html":   `{{ define "main" }}<h1>{{ .Title }}</h1>{{ end }}`,
		}, `layouts/baseof.html:1:1: the layout list.html and 1 more fill the block "main", but baseof.html never shows it, so their pages`, `{{ block "main" . }}`},
		{"a base that shows the block through a partial", map[string]string{
			"_partials/body.html": `<main>{{ template "main" . }}</main>`,
			"baseof.html":         `{{ template "partials/body.html" . }}`,
			"page.html":           `{{ define "main" }}<h1>{{ .Title }}</h1>{{ end }}{{ define "unused" }}x{{ end }}`,
		}, "", ""},
		{"a partial calling itself with the same page under an if", map[string]string{
			"_partials/rec.html": "{{ if .Title }}<i>\n{{ template \"partials/rec.html\" . }}</i>{{ end }}",
			"page.html":          `{{ template "partials/rec.html" . }}`,
		}, `layouts/_partials/rec.html:2:13: this call of "partials/rec.html" leads back to itself (_partials/rec.html → _partials/rec.html) passing on the same data`, "{{ range .Pages }}"},
		{"two partials passing the same page through an if and an else", map[string]string{
			"_partials/a.html": `{{ if .Title }}x{{ else }}{{ template "partials/b.html" . }}{{ end }}`,
			"_partials/b.html": `{{ if .Draft }}{{ template "partials/a.html" }}{{ end }}`,
			"page.html":        `{{ template "partials/a.html" . }}`,
		}, `layouts/_partials/b.html:1:28: this call of "partials/a.html" leads back to itself (_partials/a.html → _partials/b.html → _partials/a.html) passing on the same data`, "remove the call"},
		{"a partial calling itself with a part of its data under an if", map[string]string{
			"_partials/rec.html": `{{ if .Parent }}{{ template "partials/rec.html" .Parent }}{{ end }}{{ with .Parent }}{{ template "partials/rec.html" . }}{{ end }}`,
			"page.html":          `{{ template "partials/rec.html" . }}`,
		}, "", ""},
		{"a range over a huge number", map[string]string{
			"page.html": "<p>\n{{ range 200000000 }}{{ end }}</p>",
		}, `layouts/page.html:2:10: this {{ range }} repeats 200,000,000 times`, "stars"},
		{"ranges over numbers inside each other", map[string]string{
			"_partials/grid.html": `{{ range $i := 1000 }}{{ if $i }}{{ range 1000 }}.{{ end }}{{ end }}{{ end }}`,
			"page.html":           `{{ template "partials/grid.html" . }}`,
		}, `layouts/_partials/grid.html:1:43: this {{ range }} repeats 1,000,000 times (with the ranges over numbers around it)`, "data"},
		{"a range over a number too large to count", map[string]string{
			"page.html": "{{ range 1000 }}{{ range 9223372036854775807 }}{{ end }}{{ end }}",
		}, `layouts/page.html:1:26: this {{ range }} repeats 9,223,372,036,854,775,807 times`, "stars"},
		{"small ranges over numbers", map[string]string{
			"page.html": `{{ range 5 }}*{{ end }}{{ range 100 }}{{ range 1000 }}.{{ end }}{{ end }}{{ range .Pages }}{{ range 100000 }}{{ end }}{{ end }}`,
		}, "", ""},
		{"an empty partial", map[string]string{
			"_partials/footer.html": "",
			"page.html":             `{{ template "partials/footer.html" . }}`,
		}, "", ""},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{}
		for name, text := range tt.files {
			fsys["layouts/"+name] = &fstest.MapFile{Data: []byte(text)}
		}
		_, diags := LoadLayouts(fsys, "t", template.FuncMap{})
		switch {
		case tt.want == "" && len(diags) > 0:
			t.Errorf("%s: diagnostics %v, want none", tt.name, diags)
		case tt.want != "" && (len(diags) != 1 || !strings.HasPrefix(diags[0].Error(), tt.want) || !strings.Contains(diags[0].Hint, tt.hint)):
			t.Errorf("%s: diagnostics %v, want one starting %q with a hint containing %q", tt.name, diags, tt.want, tt.hint)
		case tt.want != "" && diags[0].LineText == "" && !strings.Contains(tt.name, "empty"):
			t.Errorf("%s: the layout's line is not shown", tt.name)
		}
	}
}
