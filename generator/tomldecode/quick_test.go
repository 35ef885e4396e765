package tomldecode

import (
	"reflect"
	"testing"

	"github.com/BurntSushi/toml"
)

// quickCases are documents quick must read (true) or leave to the full
// parser (false).
var quickCases = []struct {
	text string
	read bool
}{
	{"title = \"Culture\"\ndate = 2021-06-01\nweight = 2\ndraft = true\ntags = [\"a\", 'b']\n", true},
	{"\n# a comment\ntitle = 'It''s'\n", false},
	{"title = \"A\" # trailing comment\nweight = -3\nn = +0\nlist = [ ]\nmixed = [1, \"x\", false, 2024-02-29,]\n", true},
	{"  indented\t=\t\"tabs\"\t\n", true},
	{"title = \"Zoë – “quoted”\"\n", true},
	{"[params]\nx = 1\n", false},
	{"a.b = 1\n", false},
	{"\"quoted key\" = 1\n", false},
	{"a = \"esc\\\"aped\"\n", false},
	{"a = \"\"\"multi\nline\"\"\"\n", false},
	{"a = 1.5\n", false},
	{"a = 1_000\n", false},
	{"a = 0x1F\n", false},
	{"a = 007\n", false},
	{"a = 2024-06-01T09:30:00Z\n", false},
	{"a = 2024-06-01 09:30:00\n", false},
	{"a = 2023-02-29\n", false},
	{"a = 2024-13-01\n", false},
	{"a = 1\na = 2\n", false},
	{"a = [[1], [2]]\n", false},
	{"a = [1,\n2]\n", false},
	{"a = {x = 1}\n", false},
	{"a = 1\r\n", false},
	{"a = \"unclosed\n", false},
	{"a = 99999999999999999999\n", false},
	{"a = truely\n", false},
	{"a =\n", false},
	{"a = 1 2\n", false},
}

func TestQuick(t *testing.T) {
	for _, tt := range quickCases {
		raw, ok := quick(tt.text)
		if ok != tt.read {
			t.Errorf("quick(%q) read = %v, want %v", tt.text, ok, tt.read)
			continue
		}
		if ok {
			checkQuick(t, tt.text, raw)
		}
	}
}

// checkQuick fails unless BurntSushi/toml reads text as the same values.
func checkQuick(t *testing.T, text string, raw map[string]any) {
	t.Helper()
	full := map[string]any{}
	if _, err := toml.Decode(text, &full); err != nil {
		t.Fatalf("quick read %q, which is not valid TOML: %v", text, err)
	}
	if !reflect.DeepEqual(raw, full) {
		t.Fatalf("quick(%q) = %#v, want %#v", text, raw, full)
	}
}

// FuzzQuick: whatever quick reads is valid TOML, and the same values as
// the full parser's.
func FuzzQuick(f *testing.F) {
	for _, tt := range quickCases {
		f.Add(tt.text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if raw, ok := quick(text); ok {
			checkQuick(t, text, raw)
		}
	})
}
