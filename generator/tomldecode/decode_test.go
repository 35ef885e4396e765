package tomldecode

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/plinth-ssg/plinth/generator/diag"
)

type slug string

func (s *slug) UnmarshalText(b []byte) error {
	if strings.Contains(string(b), "/") {
		return &HintError{Msg: fmt.Sprintf("%q is not a single URL segment", b), HintText: "use letters, digits and hyphens"}
	}
	*s = slug(b)
	return nil
}

type sample struct {
	Title  string         `toml:"title,required"`
	Weight int            `toml:"weight"`
	Draft  bool           `toml:"draft"`
	Date   time.Time      `toml:"date"`
	Tags   []string       `toml:"tags"`
	Slug   slug           `toml:"slug"`
	Ratio  float64        `toml:"ratio"`
	Params map[string]any `toml:"params"`
	Menu   struct {
		Name string `toml:"name"`
	} `toml:"menu"`
	Rows []struct {
		ID string `toml:"id"`
	} `toml:"row"`
}

func decodeString(t *testing.T, text string) (*sample, *Doc, []string) {
	t.Helper()
	src := diag.NewSource("f.toml", []byte(text))
	var v sample
	doc, diags := File(src, &v)
	diags.Sort()
	var got []string
	for _, d := range diags {
		got = append(got, d.Error()+" | "+d.Hint)
	}
	return &v, doc, got
}

func TestDecodeOK(t *testing.T) {
	v, doc, diags := decodeString(t, `title = "Culture"
weight = 2
draft = true
date = 2021-06-01
tags = ["a", "b"]
slug = "culture"
ratio = 3
[params]
anything = { x = 1 }
[menu]
name = "Main"
[[row]]
id = "r1"
[[row]]
id = "r2"
`)
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics: %q", diags)
	}
	if v.Title != "Culture" || v.Weight != 2 || !v.Draft || v.Date.Year() != 2021 || len(v.Tags) != 2 ||
		v.Slug != "culture" || v.Ratio != 3 || v.Menu.Name != "Main" || len(v.Rows) != 2 || v.Rows[1].ID != "r2" {
		t.Fatalf("decoded %+v", v)
	}
	if _, ok := v.Params["anything"].(map[string]any); !ok {
		t.Fatalf("params not kept raw: %#v", v.Params)
	}
	checks := []struct {
		path []string
		want string
		key  bool
	}{
		{[]string{"weight"}, "f.toml:2:10", false},
		{[]string{"tags", "1"}, "f.toml:5:14", false},
		{[]string{"menu", "name"}, "f.toml:11:1", true},
		{[]string{"row", "1", "id"}, "f.toml:15:1", true},
		{[]string{"params", "anything", "x"}, "f.toml:9:14", true},
		{[]string{"nope"}, "f.toml:1:1", true},
	}
	for _, c := range checks {
		var got string
		if c.key {
			got = doc.KeyPos(c.path...).String()
		} else {
			got = doc.ValuePos(c.path...).String()
		}
		if got != c.want {
			t.Errorf("pos(%q) = %s, want %s", c.path, got, c.want)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"syntax", "title = \"x\nweight = 1\n", []string{"f.toml:1:"}},
		{"unknown key with suggestion", "title = \"x\"\ntitel = \"y\"\n", []string{`f.toml:2:1: unknown key "titel" | did you mean "title"?`}},
		{"unknown nested key", "title = \"x\"\n[menu]\nnmae = \"y\"\n", []string{`f.toml:3:1: unknown key "menu.nmae" | did you mean "name"?`}},
		{"int mismatch", "title = \"x\"\nweight = \"three\"\n", []string{`f.toml:2:10: weight: expected a whole number, like 3, but found the text "three"`}},
		{"bool mismatch", "title = \"x\"\ndraft = \"yes\"\n", []string{`f.toml:2:9: draft: expected true or false`}},
		{"list mismatch", "title = \"x\"\ntags = \"a\"\n", []string{`f.toml:2:8: tags: expected a list, but found the text "a" | put the value in square brackets: ["a"]`}},
		{"list element", "title = \"x\"\ntags = [\"a\", 3]\n", []string{`f.toml:2:14: tags[1]: expected text in quotes`}},
		{"date mismatch", "title = \"x\"\ndate = \"June\"\n", []string{`f.toml:2:8: date: expected a date, like 2024-06-01`}},
		{"text unmarshaler", "title = \"x\"\nslug = \"../x\"\n", []string{`f.toml:2:8: slug: "../x" is not a single URL segment | use letters`}},
		{"required", "weight = 1\n", []string{`f.toml:1:1: the key "title" is missing`}},
		{"byte-order mark", "\xef\xbb\xbftitel = \"x\"\n", []string{
			`f.toml:1:1: the key "title" is missing`,
			`f.toml:1:1: unknown key "titel" | did you mean "title"?`,
		}},
		{"day-first date", "title = \"x\"\ndate = 29/11/2026\n", []string{
			`f.toml:2:8: the date 29/11/2026 is not written as YYYY-MM-DD | write dates as YYYY-MM-DD (year, month, day) without quotes: date = 2026-11-29`}},
		{"year-first date with dots", "title = \"x\"\ndate = 2026.11.29 # reviewed\n", []string{
			`f.toml:2:8: the date 2026.11.29 is not written as YYYY-MM-DD | write dates as YYYY-MM-DD (year, month, day) without quotes: date = 2026-11-29`}},
		{"impossible date", "title = \"x\"\ndate = 31/02/2026\n", []string{
			`f.toml:2:8: the date 31/02/2026 is not written as YYYY-MM-DD | write dates as YYYY-MM-DD (year, month, day) without quotes, like date = 2026-11-29`}},
		{"no such day", "title = \"x\"\ndate = 2026-02-30\n", []string{
			`f.toml:2:8: 2026-02-30 is not a date: February 2026 has 28 days | check the day`}},
		{"no such day in a leap year", "title = \"x\"\ndate = 2028-02-30T10:00:00\n", []string{
			`f.toml:2:8: 2028-02-30 is not a date: February 2028 has 29 days`}},
		{"no such month", "title = \"x\"\ndate = 2026-13-01\n", []string{
			`f.toml:2:8: 2026-13-01 is not a date: there is no month 13 | dates are written YYYY-MM-DD`}},
		{"UTF-16 with its mark", "\xff\xfet\x00i\x00", []string{`f.toml:1:1: this file is saved as UTF-16 (little-endian) text, not UTF-8 | save the file as UTF-8`}},
		{"UTF-16 without a mark", "\x00t\x00i", []string{`f.toml:1:1: this file is saved as UTF-16 (big-endian) text, not UTF-8`}},
		{"Latin-1", "title = \"Caf\xe9\"\n", []string{`f.toml:1:13: this file is not saved as UTF-8: the character here is "é" in the Windows-1252 ("ANSI") encoding`}},
		{"control character", "title = \"Lon\x00don\"\n", []string{`f.toml:1:12: this line has an invisible control character here, which TOML files may not contain | delete it`}},
		{"one bracket and two", "[region]\nkey = 1\n[[region]]\nkey = 2\n", []string{`f.toml:3:3: this is not valid TOML: Key 'region' was already created and cannot be used as an array. | each entry of a list starts with its name in two brackets`}},
		{"number out of range", "weight = 99999999999999999999\n", []string{`f.toml:1:10: this is not valid TOML: 99999999999999999999 is out of range for int64 | the number is too large`}},
		{"float out of range", "weight = 1e400\n", []string{`| the number is too large`}},
		{"table name not closed", "title = \"x\"\n[[params\n", []string{`f.toml:2:9: this is not valid TOML: expected '.' or ']' to end table name, but got '\n' instead | close the name in brackets`}},
		{"table as a number", "title = \"x\"\nparams = 5\n", []string{"f.toml:2:10: params: expected a table, but found the number 5 | write its settings under a line [params] (one pair of brackets)"}},
		{"table as a list of tables", "title = \"x\"\n[[params]]\na = 1\n", []string{"f.toml:2:1: params: expected a table, but found a list | write its settings under a line [params]"}},
		{"several at once", "titel = 1\nweight = true\n", []string{
			`f.toml:1:1: the key "title" is missing`,
			`f.toml:1:1: unknown key "titel"`,
			`f.toml:2:10: weight: expected a whole number`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, got := decodeString(t, tt.text)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d diagnostics %q, want %d", len(got), got, len(tt.want))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) && !strings.Contains(got[i], tt.want[i]) {
					t.Errorf("diagnostic %d = %q, want it to contain %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestDecodeSlice(t *testing.T) {
	// Front matter sits inside a larger file: positions keep the file's lines.
	text := "+++\ntitle = \"x\"\nweight = \"a\"\n+++\nbody\n"
	src := diag.NewSource("content/a.md", []byte(text))
	var v sample
	_, diags := Decode(src, 4, 4+len("title = \"x\"\nweight = \"a\"\n"), &v)
	if len(diags) != 1 || diags[0].Pos.String() != "content/a.md:3:10" {
		t.Fatalf("diags = %v", diags)
	}
	if diags[0].LineText != `weight = "a"` {
		t.Errorf("line text = %q", diags[0].LineText)
	}
}

func TestIndexKeysTricky(t *testing.T) {
	text := `a = """
b = 1
"""
"quoted.key" = 'x'
c.d = [
  1, # comment
  [2, 3],
  { e = "}" },
]
[t."u.v"]
w = 'lit'
`
	idx := indexKeys(text, 0)
	src := diag.NewSource("x", []byte(text))
	want := map[string]string{
		"a":                "x:1:1",
		"quoted.key":       "x:4:1",
		"c\x00d":           "x:5:1",
		"c\x00d\x002\x00e": "x:8:5",
		"t\x00u.v\x00w":    "x:11:1",
		"c\x00d\x001\x001": "x:7:7",
		"t\x00u.v":         "x:10:1",
	}
	for k, w := range want {
		sp, ok := idx[k]
		if !ok {
			t.Errorf("key %q not indexed", k)
			continue
		}
		if got := src.Pos(sp.key).String(); got != w {
			t.Errorf("key %q at %s, want %s", k, got, w)
		}
	}
	if _, ok := idx["b"]; ok {
		t.Error("a key inside a multi-line string was indexed")
	}
}

// TestIndexKeysDeep: values nested past maxIndexDepth are skipped whole,
// strings, comments and brackets inside them included, so that the keys
// after them keep their positions and the index stays small however deep
// the nesting.
func TestIndexKeysDeep(t *testing.T) {
	tests := []struct {
		name, value string
	}{
		{"brackets", strings.Repeat("[", 200000) + strings.Repeat("]", 200000)},
		{"inline tables", strings.Repeat("{a=", 500) + "1" + strings.Repeat("}", 500)},
		{"strings and comments", strings.Repeat("[", 200) + `"]}\"", ']', # ] } [` + "\n" +
			`"""` + "\n" + `]"""` + `, '''}''' ` + strings.Repeat("]", 200)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := "x = " + tc.value + "\nafter = 1 # ]\n"
			var v map[string]any
			if _, err := toml.Decode(text, &v); err != nil {
				t.Fatalf("not valid TOML: %v", err)
			}
			idx := indexKeys(text, 0)
			if len(idx) > 2*maxIndexDepth+2 {
				t.Errorf("%d entries indexed", len(idx))
			}
			sp, ok := idx["after"]
			if !ok {
				t.Fatal("the key after the deep value was not indexed")
			}
			src := diag.NewSource("x", []byte(text))
			if got, want := src.Pos(sp.key).Line, strings.Count(text, "\n"); got != want {
				t.Errorf("after at line %d, want %d", got, want)
			}
		})
	}
}

func TestDecodeSeveralTargets(t *testing.T) {
	src := diag.NewSource("s.md", []byte("title = \"x\"\nid = \"1.3\"\nidd = 2\n"))
	var common struct {
		Title string `toml:"title"`
	}
	var extra struct {
		ID string `toml:"id"`
	}
	_, diags := Decode(src, 0, len(src.Text), &common, &extra)
	if common.Title != "x" || extra.ID != "1.3" {
		t.Fatalf("decoded %+v %+v", common, extra)
	}
	if len(diags) != 1 || !strings.Contains(diags[0].Msg, `unknown key "idd"`) || !strings.Contains(diags[0].Hint, `"id"`) {
		t.Fatalf("diags = %v", diags)
	}
}

// Nested arrays of tables belong to the last entry of their parent array,
// so their positions must carry the parent's index.
func TestNestedArrayPositions(t *testing.T) {
	src := diag.NewSource("m.toml", []byte(`[[dataset]]
name = "a"
  [[dataset.column]]
  name = "a1"
  [[dataset.column]]
  name = "a2"
[[dataset]]
name = "b"
  [[dataset.column]]
  name = "b1"
  [dataset.column.extra]
  note = "x"
`))
	var v struct {
		Dataset []struct {
			Name   string `toml:"name"`
			Column []struct {
				Name  string         `toml:"name"`
				Extra map[string]any `toml:"extra"`
			} `toml:"column"`
		} `toml:"dataset"`
	}
	doc, diags := File(src, &v)
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	checks := []struct {
		path []string
		line int
	}{
		{[]string{"dataset", "0", "column", "1", "name"}, 6},
		{[]string{"dataset", "1", "name"}, 8},
		{[]string{"dataset", "1", "column", "0", "name"}, 10},
		{[]string{"dataset", "1", "column", "0", "extra", "note"}, 12},
	}
	for _, c := range checks {
		if got := doc.ValuePos(c.path...); got.Line != c.line {
			t.Errorf("ValuePos(%q) = %v, want line %d", c.path, got, c.line)
		}
	}
}

// FuzzDecode feeds arbitrary text to the strict decoder: it must never
// panic, and every diagnostic must point inside the text.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{"title = \"x\"\n", "a.b = [1, {c = 2}]\n[[row]]\nid = 'x'\n", "weight = \"3\"\ntags = 'x'\n", "x = \"\"\"\nmulti\n\"\"\"\n", "[t.\"u.v\"]\nw = 1\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		src := diag.NewSource("f.toml", text)
		var v sample
		_, diags := File(src, &v)
		lines := strings.Count(string(text), "\n") + 1
		for _, d := range diags {
			if d.Pos.File != "f.toml" || d.Pos.Line < 1 || d.Pos.Line > lines || d.Pos.Col < 0 {
				t.Fatalf("diagnostic outside the text: %v for %q", d.Pos, text)
			}
		}
	})
}

// TestTooDeep: nesting past MaxNesting is refused at the bracket that goes
// too deep, before the parser sees it; brackets inside strings and comments
// do not count.
func TestTooDeep(t *testing.T) {
	open := func(n int) string { return strings.Repeat("[", n) }
	shut := func(n int) string { return strings.Repeat("]", n) }
	tests := []struct {
		name, text string
		want       string // position of the error, or "" for none
	}{
		{"at the limit", "x = " + open(MaxNesting) + shut(MaxNesting), ""},
		{"one past", "x = " + open(MaxNesting+1) + shut(MaxNesting+1), "f.toml:1:105"},
		{"inline tables", "a = 1\nx = " + strings.Repeat("{a=", MaxNesting+1) + "1" + strings.Repeat("}", MaxNesting+1), "f.toml:2:305"},
		{"a huge depth", "x = " + open(300000), "f.toml:1:105"},
		{"basic string", `x = "` + open(200) + `"`, ""},
		{"literal string", `x = '` + open(200) + `'`, ""},
		{"escaped quote", `x = "\"` + open(200) + `"`, ""},
		{"multi-line basic", "x = \"\"\"\n\\\"\"\"" + open(200) + "\"\"\"", ""},
		{"multi-line literal", "x = '''\n" + open(200) + "'''", ""},
		{"comment", "# " + open(200) + "\nx = 1", ""},
		{"table headers", strings.Repeat("[[t]]\n", 200), ""},
		{"after a string", `x = "]]]]"` + "\ny = " + open(MaxNesting+1), "f.toml:2:105"},
		{"dotted key at the limit", "[p]\n" + strings.Repeat("a.", MaxNesting) + "a = 1", ""},
		{"dotted key one past", "[p]\n" + strings.Repeat("a.", MaxNesting+1) + "a = 1", "f.toml:2:202"},
		{"dotted key with spaces and quotes", strings.Repeat(`a . "b.c" .`, MaxNesting) + " z = 1", "f.toml:1:553"},
		{"dotted table header", "[" + strings.Repeat("a.", MaxNesting+1) + "a]", "f.toml:1:203"},
		{"many decimals", "x = [" + strings.Repeat("1.5, ", 300) + "2.5]", ""},
		{"decimals without spaces", "x = [" + strings.Repeat("1.5,", 300) + "2.5]", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := diag.NewSource("f.toml", []byte(tc.text))
			_, diags := Decode(src, 0, len(src.Text), &struct {
				X any `toml:"x"`
			}{})
			got := ""
			for _, d := range diags {
				if strings.Contains(d.Msg, "nested more than") {
					got = d.Pos.String()
				}
			}
			if got != tc.want {
				t.Errorf("refused at %q, want %q (%v)", got, tc.want, diags)
			}
		})
	}
}

// A byte-order mark must change nothing: not the keys, not their positions.
func TestDecodeByteOrderMark(t *testing.T) {
	plain := "title = \"x\"\n[[row]]\nid = \"r1\"\n"
	v, doc, diags := decodeString(t, "\xef\xbb\xbf"+plain)
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics: %q", diags)
	}
	if v.Title != "x" || len(v.Rows) != 1 || v.Rows[0].ID != "r1" {
		t.Fatalf("decoded %+v", v)
	}
	for path, want := range map[string]string{"title": "f.toml:1:1", "row\x000\x00id": "f.toml:3:1"} {
		if got := doc.KeyPos(strings.Split(path, "\x00")...).String(); got != want {
			t.Errorf("KeyPos(%q) = %s, want %s", path, got, want)
		}
	}
	if !doc.Has("row", "0", "id") {
		t.Error("Has(row.0.id) = false after a byte-order mark")
	}
}
