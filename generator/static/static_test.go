package static

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestLoadNames: static files are published under their own names, the
// site's replacing the theme's of the same name; a name that Windows or a
// case-insensitive host would change or merge with another is an error at
// the file. Before, a file named with a line break or a quote was
// published, and static/Favicon.svg was published beside the theme's
// favicon.svg, one overwriting the other on many hosts.
func TestLoadNames(t *testing.T) {
	file := &fstest.MapFile{Data: []byte("x")}
	tests := []struct {
		name  string
		files []string
		want  []string // errors, or the published paths when none
	}{
		{"site replaces theme", []string{"themes/t/static/favicon.svg", "static/favicon.svg", "static/Annual report 2026.pdf", "static/docs/café.pdf"},
			[]string{"Annual report 2026.pdf", "docs/café.pdf", "favicon.svg"}},
		{"case clash with the theme", []string{"themes/t/static/favicon.svg", "static/Favicon.svg"},
			[]string{"static/Favicon.svg: static/Favicon.svg and themes/t/static/favicon.svg differ only in upper/lower case"}},
		{"case clash in a folder name", []string{"static/Docs/a.pdf", "static/docs/a.pdf"},
			[]string{"static/docs/a.pdf: static/docs/a.pdf and static/Docs/a.pdf differ only in upper/lower case"}},
		{"line break", []string{"static/a\nb.txt"}, []string{`static/a` + "\n" + `b.txt: the name "a\nb.txt" contains the invisible character U+000A`}},
		{"quote", []string{`static/a"<x>.txt`}, []string{`static/a"<x>.txt: the name "a\"<x>.txt" contains '"', which Windows does not allow in a file name`}},
		{"trailing dot", []string{"static/report./a.pdf"}, []string{`static/report./a.pdf: the name "report./a.pdf" has a part that ends in a dot or a space`}},
		{"device name", []string{"static/files/com1.txt"}, []string{`static/files/com1.txt: the name "files/com1.txt" has a part that is COM1, a name Windows keeps for a device`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for _, f := range tt.files {
				fsys[f] = file
			}
			files, diags := Load(fsys, "t")
			var got []string
			for _, d := range diags {
				got = append(got, d.Error())
			}
			if len(diags) == 0 {
				for _, f := range files {
					got = append(got, f.Path)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("got %q, want prefix %q", got[i], tt.want[i])
				}
			}
		})
	}
}
