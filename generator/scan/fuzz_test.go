package scan

import (
	"bytes"
	"slices"
	"testing"
	"unicode/utf8"

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
			m.reset(0, true)
			side.reset(0, true)
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

// FuzzRun checks text.run, the fast path over runs of plain ASCII,
// against writing the same text one character at a time (ascii and emit,
// as the normalisers did before it): both must give the same text, key,
// offsets and maps, whatever the input; and text written without its key
// must be the same text.
func FuzzRun(f *testing.F) {
	f.Add([]byte("Northwick  Park-Hospital_x &amp; A\u00a0B\t\n%20\\u0041 \x01\x7f -- zoë"), 3)
	f.Add([]byte("  "), 0)
	f.Add([]byte("a-b&c;%4"), 1)
	f.Fuzz(func(t *testing.T, data []byte, prefix int) {
		// Start some writes after text already written, with or without
		// a pending space.
		lead := []byte("x- ")[:max(0, min(3, prefix))]
		for _, kind := range []string{"plain", "script", "attribute"} {
			var fast, slow, keyless text
			fast.reset(0, true)
			slow.reset(0, true)
			keyless.reset(0, false)
			for i, c := range lead {
				fast.ascii(c, i)
				slow.ascii(c, i)
				keyless.ascii(c, i)
			}
			switch kind {
			case "plain":
				fast.plain(data, 7)
				slowPlain(&slow, data, 7, false)
				keyless.plain(data, 7)
			case "script":
				fast.script(data, 7)
				slowPlain(&slow, data, 7, true)
				keyless.script(data, 7)
			case "attribute":
				fast.attribute(data, 7)
				slowAttribute(&slow, data, 7)
				keyless.attribute(data, 7)
			}
			if !bytes.Equal(keyless.t, slow.t) || !slices.Equal(keyless.off, slow.off) || keyless.space != slow.space || len(keyless.l) != 0 {
				t.Fatalf("%s of %q without the key: %q %v %v %q", kind, data, keyless.t, keyless.off, keyless.space, keyless.l)
			}
			if !bytes.Equal(fast.t, slow.t) || !bytes.Equal(fast.l, slow.l) || !slices.Equal(fast.off, slow.off) ||
				!slices.Equal(fast.lt, slow.lt) || !slices.Equal(fast.le, slow.le) || fast.space != slow.space || fast.lspace != slow.lspace {
				t.Fatalf("%s of %q:\nfast %q %q %v %v %v %v %v\nslow %q %q %v %v %v %v %v", kind, data,
					fast.t, fast.l, fast.off, fast.lt, fast.le, fast.space, fast.lspace,
					slow.t, slow.l, slow.off, slow.lt, slow.le, slow.space, slow.lspace)
			}
		}
	})
}

// slowPlain is text.plain (or, if script, text.script) one character at a
// time.
func slowPlain(x *text, data []byte, base int, script bool) {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf && c != '&' && (!script || c != '\\') {
			x.ascii(c, base+i)
			i++
			continue
		}
		if script && c == '\\' {
			if r, n := unescape(data[i:]); n > 0 {
				if r >= 0 {
					x.emit(r, base+i)
				}
				i += n
				continue
			}
		}
		if c == '&' {
			if j := x.entity(data, i, base); j > i {
				i = j
				continue
			}
		}
		r, size := utf8.DecodeRune(data[i:])
		x.emit(r, base+i)
		i += size
	}
}

// slowAttribute is text.attribute one character at a time.
func slowAttribute(x *text, data []byte, base int) {
	var pct []byte
	flush := func(at int) {
		for len(pct) > 0 {
			r, size := utf8.DecodeRune(pct)
			x.emit(r, at)
			pct = pct[size:]
		}
	}
	for i := 0; i < len(data); {
		c := data[i]
		if c == '%' && i+2 < len(data) {
			if v, ok := hex(data[i+1 : i+3]); ok {
				pct = append(pct, byte(v))
				i += 3
				continue
			}
		}
		flush(base + i)
		if c == '&' {
			if j := x.entity(data, i, base); j > i {
				i = j
				continue
			}
		}
		r, size := utf8.DecodeRune(data[i:])
		x.emit(r, base+i)
		i += size
	}
	flush(base + len(data))
}

// FuzzExpand checks expander.apply, which steps over words, against
// trying every place where a word can start, as it did before.
func FuzzExpand(f *testing.F) {
	f.Add([]byte("Netherby Gen. Hosp. NHS FT and St. Mary's Univ (FT) x-ft ftx Foundation Trust é-ft"))
	f.Add([]byte("nhs foundation trust nhs fdn trust hosp.hosp univ.x"))
	e := newExpander(append([]Abbreviation{{"(FT)", "NHS Foundation Trust"}, {"Gen.", "General"}, {"é", "e acute"}}, DefaultAbbreviations...))
	f.Fuzz(func(t *testing.T, data []byte) {
		var x text
		x.reset(0, true)
		x.plain(data, 0)
		slow := text{l: slices.Clone(x.l), lt: slices.Clone(x.lt), le: slices.Clone(x.le)}
		e.apply(&x)
		slowApply(e, &slow)
		if !bytes.Equal(x.l, slow.l) || !slices.Equal(x.lt, slow.lt) || !slices.Equal(x.le, slow.le) {
			t.Fatalf("apply(%q):\n%q %v %v\nwant\n%q %v %v", data, x.l, x.lt, x.le, slow.l, slow.lt, slow.le)
		}
	})
}

// slowApply is expander.apply trying every byte that follows a byte
// outside words.
func slowApply(e *expander, x *text) {
	var l []byte
	var lt, le []int32
	copied := 0
	for i := 0; i < len(x.l); i++ {
		if !e.first[x.l[i]] || (i > 0 && isWordByte(x.l, i-1)) {
			continue
		}
		for _, k := range e.byFirst[x.l[i]] {
			s := e.short[k]
			end := i + len(s)
			if !bytes.HasPrefix(x.l[i:], s) || !endsWord(x.l, end) {
				continue
			}
			if bytes.Equal(s, e.long[k]) {
				i = end - 1
				break
			}
			l, lt, le = append(l, x.l[copied:i]...), append(lt, x.lt[copied:i]...), append(le, x.le[copied:i]...)
			from, to := x.lt[i], x.le[end-1]
			for range e.long[k] {
				lt, le = append(lt, from), append(le, to)
			}
			l = append(l, e.long[k]...)
			copied = end
			i = end - 1
			break
		}
	}
	if l == nil {
		return
	}
	x.l = append(l, x.l[copied:]...)
	x.lt, x.le = append(lt, x.lt[copied:]...), append(le, x.le[copied:]...)
}
