package search

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

func TestPack(t *testing.T) {
	tests := []struct {
		name, in string
		// most is the most the packed entry may take, or 0 for no bound
		// (text that repeats no word).
		most int
	}{
		{"empty", "", 0},
		{"no words", `[1.3, 2.10.1] {} "" ,`, 0},
		{"words and spaces", "the learner and the learner ", 0},
		{"word at the end", "ends with a word", 0},
		{"spaces", "two  spaces   three\ttab\nline ", 0},
		{"beyond ASCII", `{"title":"Café Straße — naïve résumé","text":"日本語 text"}`, 0},
		{"escapes", `{"text":"a \"quoted\" word\\n and \u00e9"}`, 0},
		{"one letter", "a b c d e f g", 0},
		{"entry", `{"url":"area-1/page-2/","title":"Page 2: learner review","text":"` +
			strings.Repeat("Learner supervision placement quality review. ", 30) + `"}`, 0},
		{"repeated text packs small", strings.Repeat("Learner supervision placement quality review. ", 30), 1410 / 3},
	}
	var table wordTable
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			packed := table.pack(nil, []byte(tt.in))
			if got := table.unpack(nil, packed); string(got) != tt.in {
				t.Errorf("unpack(pack(%q)) = %q", tt.in, got)
			}
			if again := table.pack(nil, []byte(tt.in)); !bytes.Equal(again, packed) {
				t.Errorf("%q packs to %x, then to %x", tt.in, packed, again)
			}
			if tt.most > 0 && len(packed) > tt.most {
				t.Errorf("%d bytes pack to %d, more than %d", len(tt.in), len(packed), tt.most)
			}
		})
	}
}

// TestPackFullTable: once the table is full, new words are kept as they
// are, and the entries packed before unpack as they were.
func TestPackFullTable(t *testing.T) {
	var table wordTable
	word := func(i int) string {
		return "w" + strings.Map(func(r rune) rune { return 'a' + r - '0' }, strconv.Itoa(i))
	}
	first := "first words " + word(0)
	packed := table.pack(nil, []byte(first))
	for i := 1; len(table.words) < maxPackedWords; i++ {
		table.pack(nil, []byte(word(i)))
	}
	late := "first words then zzzzunseen"
	for range 2 {
		if got := table.unpack(nil, table.pack(nil, []byte(late))); string(got) != late {
			t.Errorf("unpack(pack(%q)) = %q", late, got)
		}
	}
	if len(table.words) != maxPackedWords {
		t.Errorf("the table holds %d words, more than %d", len(table.words), maxPackedWords)
	}
	if got := table.unpack(nil, packed); string(got) != first {
		t.Errorf("an entry packed before the table filled unpacks as %q, want %q", got, first)
	}
}

func FuzzPack(f *testing.F) {
	f.Add([]byte(`{"url":"a/","title":"Title","text":"some text, some more"}`))
	f.Add([]byte("ab  cd é\x00\xff"))
	var table wordTable
	f.Fuzz(func(t *testing.T, data []byte) {
		packed := table.pack(nil, data)
		if got := table.unpack(nil, packed); !bytes.Equal(got, data) {
			t.Errorf("unpack(pack(%q)) = %q", data, got)
		}
	})
}
