package render

import (
	"html/template"
	"testing"
	"text/template/parse"
)

func TestReadsOtherBodies(t *testing.T) {
	partials := `{{ define "partials/own.html" }}{{ .Content }}{{ .HeadingsAt 2 }}{{ end }}` +
		`{{ define "partials/other.html" }}{{ .Content }}{{ end }}`
	tests := []struct {
		layout string
		want   bool
	}{
		{`{{ .Title }}{{ .Content }}{{ range .TOC }}{{ .ID }}{{ end }}{{ .WordCount }}`, false},
		{`{{ with . }}{{ .Content }}{{ end }}{{ $.Content }}`, false},
		{`{{ template "partials/own.html" . }}`, false},
		{`{{ range .Pages }}{{ .Title }}{{ end }}`, false},
		{`{{ range .Pages }}{{ .Content }}{{ end }}`, true},
		{`{{ .Parent.Content }}`, true},
		{`{{ (index .Pages 0).TOC }}`, true},
		{`{{ with .Prev }}{{ .WordCount }}{{ end }}`, true},
		{`{{ $p := .Next }}{{ $p.Content }}`, true},
		{`{{ range .Pages }}{{ template "partials/other.html" . }}{{ end }}`, true},
		{`{{ template "partials/other.html" .Parent }}`, true},
		{`{{ (.Site.GetPage "x").Content }}`, true},
	}
	for _, tt := range tests {
		tm := template.Must(template.New("page.html").Parse(tt.layout))
		template.Must(tm.New("p").Parse(partials))
		trees := map[string]*parse.Tree{}
		for _, x := range tm.Templates() {
			trees[x.Name()] = x.Tree
		}
		if got := readsOtherBodies(trees, "page.html"); got != tt.want {
			t.Errorf("%s: readsOtherBodies = %v, want %v", tt.layout, got, tt.want)
		}
	}
}
