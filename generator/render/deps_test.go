package render

import (
	"html/template"
	"testing"
	"text/template/parse"
)

func TestBodyReads(t *testing.T) {
	partials := `{{ define "partials/own.html" }}{{ .Content }}{{ .HeadingsAt 2 }}{{ end }}` +
		`{{ define "partials/other.html" }}{{ .Content }}{{ end }}`
	tests := []struct {
		layout string
		want   Reads
	}{
		{`{{ .Title }}{{ .Content }}{{ range .TOC }}{{ .ID }}{{ end }}{{ .WordCount }}`, 0},
		{`{{ with . }}{{ .Content }}{{ end }}{{ $.Content }}`, 0},
		{`{{ template "partials/own.html" . }}`, 0},
		{`{{ range .Pages }}{{ .Title }}{{ end }}`, 0},
		{`{{ $f := .Extra }}{{ with $f.Source }}{{ .Name }}{{ end }}`, 0}, // a published table's source
		{`{{ range .Pages }}{{ .Content }}{{ end }}`, ReadsChildren},
		{`{{ range $i, $p := .Sections }}{{ $p.TOC }}{{ end }}`, ReadsChildren},
		{`{{ .Parent.Content }}`, ReadsParent},
		{`{{ (index .Pages 0).TOC }}`, ReadsAny},
		{`{{ with .Prev }}{{ .WordCount }}{{ end }}`, ReadsNeighbours},
		{`{{ $p := .Next }}{{ $p.Content }}`, ReadsNeighbours},
		{`{{ range .Pages }}{{ template "partials/other.html" . }}{{ end }}`, ReadsChildren},
		{`{{ template "partials/other.html" .Parent }}`, ReadsParent},
		{`{{ (.Site.GetPage "x").Content }}`, ReadsAny},
		{`{{ range .Parent.Pages }}{{ .Content }}{{ end }}`, ReadsAny},
		{`{{ with .Parent }}{{ range .Pages }}{{ .Content }}{{ end }}{{ end }}`, ReadsAny},
		{`{{ $e := .Extra }}{{ range $e.Standards }}{{ .Content }}{{ end }}`, ReadsAny},
		{`{{ range .Site.RegularPages }}{{ .Content }}{{ end }}`, ReadsAny},
		{`{{ range first 3 .Pages }}{{ .Content }}{{ end }}`, ReadsAny},
		{`{{ template "partials/other.html" (dict "p" .) }}`, ReadsAny},
		{`{{ $x := .Parent }}{{ range .Pages }}{{ $x := . }}{{ end }}{{ $x.Content }}`, ReadsAny},
	}
	for _, tt := range tests {
		tm := template.Must(template.New("page.html").Funcs(template.FuncMap{"first": func(int, any) any { return nil }, "dict": func(...any) any { return nil }}).Parse(tt.layout))
		template.Must(tm.New("p").Parse(partials))
		trees := map[string]*parse.Tree{}
		for _, x := range tm.Templates() {
			trees[x.Name()] = x.Tree
		}
		if got := bodyReads(trees, "page.html"); got != tt.want {
			t.Errorf("%s: bodyReads = %b, want %b", tt.layout, got, tt.want)
		}
	}
}
