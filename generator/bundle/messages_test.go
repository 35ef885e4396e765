package bundle

import (
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/plinth-ssg/plinth/generator/diag"
)

func TestConvertMessage(t *testing.T) {
	tests := []struct {
		name string
		msg  api.Message
		want diag.Diagnostic
	}{{
		name: "byte column becomes a 1-based character column",
		msg: api.Message{Text: "Expected \";\"", Location: &api.Location{
			File: "assets/css/a.css", Line: 3, Column: 11, LineText: "a{b:'éé' c}",
		}},
		want: diag.Diagnostic{
			Pos: diag.Pos{File: "assets/css/a.css", Line: 3, Col: 10}, Msg: `expected ";"`,
			LineText: "a{b:'éé' c}", Hint: fileHint("x.css"),
		},
	}, {
		name: "no location, acronym kept, notes added to the hint",
		msg:  api.Message{Text: "JSON is bad", Notes: []api.Note{{Text: "Some detail"}}},
		want: diag.Diagnostic{Msg: "JSON is bad", Hint: "(bundler note: Some detail)"},
	}, {
		name: "plugin hint wins, virtual file keeps its namespace",
		msg: api.Message{Text: "x", Detail: detail{hint: "do this"}, Location: &api.Location{
			File: "chroma.css", Namespace: "plinth", Line: 1, Column: 99, LineText: "ab",
		}},
		want: diag.Diagnostic{Pos: diag.Pos{File: "plinth:chroma.css", Line: 1, Col: 3}, Msg: "x", LineText: "ab", Hint: "do this"},
	}, {
		name: "file inside node_modules",
		msg:  api.Message{Text: "Bad", Location: &api.Location{File: "node_modules/p/a.js", Line: 1, LineText: "x"}},
		want: diag.Diagnostic{Pos: diag.Pos{File: "node_modules/p/a.js", Line: 1, Col: 1}, Msg: "bad", LineText: "x", Hint: fileHint("node_modules/p/a.js")},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := convertMessage(tt.msg, diag.Warning)
			tt.want.Severity = diag.Warning
			if got != tt.want {
				t.Errorf("got  %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestPackageNames(t *testing.T) {
	names := map[string]string{
		"nhsuk-frontend":                  "nhsuk-frontend",
		"nhsuk-frontend/dist/nhsuk/x.css": "nhsuk-frontend",
		"@scope/pkg":                      "@scope/pkg",
		"@scope/pkg/deep/file.js":         "@scope/pkg",
		"echarts/core":                    "echarts",
	}
	for in, want := range names {
		if got := packageName(in); got != want {
			t.Errorf("packageName(%q) = %q, want %q", in, got, want)
		}
	}
	roots := map[string]string{
		"/s/node_modules/nhsuk-frontend/dist/a.css":        "/s/node_modules/nhsuk-frontend",
		"/s/node_modules/a/node_modules/@x/y/lib/index.js": "/s/node_modules/a/node_modules/@x/y",
		"/s/themes/t/assets/a.css":                         "",
		"/s/node_modules/loose-file.js":                    "",
	}
	for in, want := range roots {
		if got := packageRoot(in); got != want {
			t.Errorf("packageRoot(%q) = %q, want %q", in, got, want)
		}
	}
}
