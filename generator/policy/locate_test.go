package policy

import (
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// TestReportedAtTheLayout: a problem whose markup was written in a layout is
// reported at the layout's line; the built file is still named.
func TestReportedAtTheLayout(t *testing.T) {
	layouts := map[string]string{
		"layouts/page.html":              "<main>\n<script>alert(1)</script>\n",
		"layouts/_partials/button.html":  `<button onclick="{{ .Go }}">`,
		"layouts/_partials/footer.html":  `<p style="color:red">`,
		"layouts/_partials/footer2.html": `<p style="color:red">`,
	}
	locate := func(markup string) (diag.Pos, string, bool) {
		var found []diag.Pos
		var line string
		for file, text := range layouts {
			if i := strings.Index(text, markup); i >= 0 {
				src := diag.NewSource(file, []byte(text))
				found = append(found, src.Pos(i))
				line = src.Line(src.Pos(i).Line)
			}
		}
		if len(found) != 1 {
			return diag.Pos{}, "", false
		}
		return found[0], line, true
	}
	tests := []struct {
		name, body, source, want string
	}{
		{"inline script", "<script>alert(1)</script>", "content/a.md",
			"layouts/page.html:2:1: <script> is an inline script (built file a/index.html, line 7, column 1)"},
		{"event handler whose value an action wrote", `<button onclick="run()">`, "content/a.md",
			`layouts/_partials/button.html:1:9: <button onclick="run()"> is an inline event handler (built file a/index.html, line 7, column 9)`},
		{"markup in two layouts", `<p style="color:red">`, "content/a.md",
			`content/a.md: <p style="color:red"> has an inline style attribute (built file a/index.html, line 7, column 4)`},
		{"a static file is its own source", "<script>alert(1)</script>", "static/a/index.html",
			"static/a/index.html:7:1: <script> is an inline script (built file a/index.html, line 7, column 1)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := []site.File{{Path: "a/index.html", Data: []byte(page("", tt.body)), Source: tt.source}}
			diags := Check(files, Options{Locate: locate})
			if len(diags) != 1 || diags[0].Error() != tt.want {
				t.Fatalf("got %v\nwant %s", diags, tt.want)
			}
		})
	}
}
