package scan

import (
	"bytes"
	"testing"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/markup"
	"github.com/plinth-ssg/plinth/generator/site"
)

// FuzzFile feeds arbitrary bytes to the normalisers and matchers as HTML,
// JSON and plain text: no panics, the normalised forms stay aligned, and
// every hit has a line inside the file: t and off are in step, and so are
// l and its map into t, which stays inside t.
func FuzzFile(f *testing.F) {
	f.Add([]byte(`<p title="Northwick&nbsp;Park">North<b>wick</b> Park 943 476 5919</p><script>"\u00e9\uD83D\uDE00"</script>`))
	f.Add([]byte(`{"a":"x@example.org","b":"+44 (0)20 7946 0958","c":"\u{1F600}\x41"}`))
	f.Add([]byte("<!-- unterminated <![CDATA[ SW1A 1AA"))
	f.Add([]byte("<a href='%E2%82%AC%ZZ%'>&#xD800;&#0;&bogus;</a>"))
	s, _ := New([]Term{{Text: "Northwick Park", Origin: diag.Pos{File: "d.csv", Line: 1, Col: 1}}}, Options{})
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte{'\n'}) + 1
		for _, name := range []string{"x.html", "x.json", "x.txt"} {
			var m, side text
			m.reset(0)
			side.reset(0)
			switch kindOf(name, data) {
			case kindMarkup:
				readMarkup(&m, &side, data, markup.HTML)
			case kindScript:
				m.script(data, 0)
			default:
				m.plain(data, 0)
			}
			for _, x := range []*text{&m, &side} {
				if len(x.t) != len(x.off) || len(x.l) != len(x.lt) || len(x.l) != len(x.le) {
					t.Fatalf("%s: forms out of step: %d, %d; %d, %d, %d", name, len(x.t), len(x.off), len(x.l), len(x.lt), len(x.le))
				}
				for i := range x.lt {
					if x.lt[i] < 0 || x.lt[i] > x.le[i] || int(x.le[i]) > len(x.t) {
						t.Fatalf("%s: key byte %d maps to %d..%d of %d", name, i, x.lt[i], x.le[i], len(x.t))
					}
				}
				for _, o := range x.off {
					if o < 0 || int(o) > len(data) {
						t.Fatalf("%s: offset %d outside the file", name, o)
					}
				}
			}
			for _, h := range s.File(site.File{Path: name, Data: data}) {
				if h.Line < 1 || h.Line > lines || h.Text == "" || h.Count < 1 {
					t.Fatalf("%s: bad hit %+v", name, h)
				}
			}
		}
	})
}
