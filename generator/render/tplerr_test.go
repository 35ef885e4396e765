package render

import (
	"html/template"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// TestTemplateErrorColumn: a layout's parse error, for which text/template
// gives a line only, is reported at the column of the token the parser
// stopped at (or of its action's "{{"), counted in characters; so is an
// html/template escaping error that names its action. The layouts are
// loaded as a site's are, so partials and blocks go through the same path.
func TestTemplateErrorColumn(t *testing.T) {
	tests := []struct {
		name, file, text string
		want             string // file:line:col and message
	}{
		{"stray brace", "page.html", "<p>\n<p>{{ .Title }</p>\n",
			`layouts/page.html:2:14: unexpected "}" in operand`},
		{"undefined function", "page.html", "<p>{{ .Title }} {{ frobnicate .Title }}</p>\n",
			`layouts/page.html:1:20: function "frobnicate" not defined`},
		{"second use of an undefined function", "page.html", "{{ frob }}{{ frob }}",
			`layouts/page.html:1:4: function "frob" not defined`},
		{"characters, not bytes", "page.html", "<p>é ü {{ .Title | 1x }}</p>",
			`layouts/page.html:1:20: bad number syntax: "1x"`},
		{"unexpected end", "page.html", "{{ .Title }}\n<p>{{ if .Title }}a{{ end }} {{ end }}</p>",
			"layouts/page.html:2:30: unexpected {{end}}"},
		{"missing value", "page.html", "x\n  {{ if }}y{{ end }}",
			"layouts/page.html:2:3: missing value for if"},
		{"undefined variable", "page.html", "{{ $x := 1 }}{{ $y }}",
			`layouts/page.html:1:17: undefined variable "$y"`},
		{"action over two lines", "page.html", "<p>{{ .Title\n}} {{ .Content )}}</p>",
			"layouts/page.html:2:4: unexpected right paren"},
		{"unclosed action", "page.html", "a\n<p>{{ .Title }} {{ .Content \n\n",
			"layouts/page.html:2:17: unclosed action started at page.html:2"},
		{"second else", "page.html", "{{ define \"main\" }}\n<p>{{ range .Pages }}{{ else }}{{ else }}{{ end }}</p>{{ end }}",
			"layouts/page.html:2:32: expected end; found {{else}}"},
		{"in a partial", "_partials/nav.html", "<nav>\n  {{ range .Site.Menus.main }}{{ .Name }</nav>",
			`layouts/_partials/nav.html:2:40: unexpected "}" in operand`},
		{"branches end in different contexts", "page.html", "a\n<p {{ if .Title }}title=\"{{ end }}\">x</p>\n",
			`layouts/page.html:2:10: {{if}} branches end in different contexts`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"layouts/" + tt.file: {Data: []byte(tt.text)}}
			if tt.file != "page.html" {
				fsys["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{ template "partials/nav.html" . }}`)}
			}
			l, diags := LoadLayouts(fsys, "t", template.FuncMap{})
			if !diags.HasErrors() {
				// Escaping errors come when a page is first rendered.
				c, _ := l.lookup([]string{"page.html"})
				if c == nil {
					t.Fatal("no page layout")
				}
				err := c.tmpl.ExecuteTemplate(&strings.Builder{}, c.entry, testSite(t).Home)
				if err == nil {
					t.Fatal("the layout built and ran without an error")
				}
				diags.Add(l.templateError(err, fsys))
			}
			if len(diags) != 1 {
				t.Fatalf("want one diagnostic, got %v", diags)
			}
			d := diags[0]
			if got := d.Pos.String() + ": " + d.Msg; !strings.HasPrefix(got, tt.want) {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if d.LineText == "" && d.Pos.Line > 0 && strings.TrimSpace(strings.Split(tt.text, "\n")[d.Pos.Line-1]) != "" {
				t.Errorf("the layout's line is not shown under %s", d.Pos)
			}
		})
	}
}

// TestParseErrorPosUnknown: when the parse error cannot be reproduced from
// the text (here the text and the message disagree), no column is made up.
func TestParseErrorPosUnknown(t *testing.T) {
	line, col := parseErrorPos("{{ .A }}\n{{ .B }}\n", "x.html", 2, `template: x.html:2: unexpected "}" in operand`, `unexpected "}" in operand`)
	if line != 2 || col != 0 {
		t.Errorf("got %d:%d, want 2:0 (line kept, no column)", line, col)
	}
}

// FuzzParseErrorPos: for any layout that fails to parse, the position found
// is on a line of the layout and its column within that line (or 0), and
// nothing panics.
func FuzzParseErrorPos(f *testing.F) {
	for _, s := range []string{
		"{{ .A }", "{{ f }}", "{{ if }}{{ end }}", "{{ end }}", "a\n{{ if .A }}\n", "{{ .A\n", "{{ $x }}",
		"{{ .A | 1x }}", "{{ (.A }}", "{{ define \"x\" }}{{ else }}{{ end }}", "é{{ \"é }}", "{{/* x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		_, err := template.New("x.html").Parse(text)
		if err == nil {
			return
		}
		m := templatePos.FindStringSubmatch(err.Error())
		if m == nil || m[3] != "" {
			return
		}
		line, _ := strconv.Atoi(m[2])
		gotLine, col := parseErrorPos(text, m[1], line, err.Error(), err.Error()[len(m[0]):])
		lines := strings.Split(text, "\n")
		if gotLine < 1 || gotLine > len(lines) {
			t.Fatalf("line %d is outside the layout's %d lines (%v)", gotLine, len(lines), err)
		}
		if col < 0 || col > len(lines[gotLine-1])+1 {
			t.Fatalf("column %d is outside line %d, %q (%v)", col, gotLine, lines[gotLine-1], err)
		}
	})
}
