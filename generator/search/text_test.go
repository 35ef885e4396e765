package search

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// termCase is one case of testdata/terms.json, which the browser's module
// is checked against too (TestBrowserModuleAgrees).
type termCase struct {
	Text  string   `json:"text"`
	Terms []string `json:"terms"`
}

func termCases(t *testing.T) []termCase {
	t.Helper()
	data, err := os.ReadFile("testdata/terms.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []termCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

func TestTerms(t *testing.T) {
	for _, c := range termCases(t) {
		if got := Terms(c.Text); !slices.Equal(got, c.Terms) {
			t.Errorf("Terms(%q) = %q, want %q", c.Text, got, c.Terms)
		}
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"standards", "standard"},
		{"standard", "standard"},
		{"studies", "study"},
		{"policies", "policy"},
		{"classes", "class"},
		{"processes", "process"},
		{"approaches", "approach"},
		{"wishes", "wish"},
		{"annexes", "annex"},
		{"cases", "case"},
		{"services", "service"},
		{"sizes", "size"},
		{"class", "class"},
		{"status", "status"},
		{"analysis", "analysis"},
		{"gas", "gas"},
		{"its", "its"},
		{"1.3", "1.3"},
		{"covid19s", "covid19s"},
		{"écoles", "école"},
	}
	for _, tt := range tests {
		if got := Stem(tt.in); got != tt.want {
			t.Errorf("Stem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzTerms checks that any text gives non-empty terms without stop words,
// that stemming a term again changes nothing, and that the ranking's
// length counts agree with the words found.
func FuzzTerms(f *testing.F) {
	for _, c := range []string{"Standards 1.3 and learners' wellbeing", "Zürich ÉCOLE", "a.b.1.2..3", "\xff\xfe", "’'’s"} {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ws := Words(text)
		ts := Terms(text)
		if len(ts) > len(ws) {
			t.Fatalf("%d terms from %d words", len(ts), len(ws))
		}
		for _, term := range ts {
			if term == "" || stop[term] && Stem(term) != term {
				t.Fatalf("bad term %q in %q", term, ts)
			}
			if Stem(term) != term {
				t.Fatalf("Stem is not idempotent on %q: %q", term, Stem(term))
			}
			if strings.ContainsAny(term, " '\u2019") {
				t.Fatalf("term %q holds a space or apostrophe", term)
			}
		}
	})
}

func TestCompareUTF16(t *testing.T) {
	// U+FF21 (fullwidth A) is after U+1F600 in code point order but
	// before it in UTF-16, as JavaScript compares.
	words := []string{"b", "\U0001F600", "a", "\uFF21", "ab", ""}
	slices.SortFunc(words, compareUTF16)
	want := []string{"", "a", "ab", "b", "\U0001F600", "\uFF21"}
	if !slices.Equal(words, want) {
		t.Errorf("sorted = %q, want %q", words, want)
	}
}

// wordPattern is the expression the browser uses; splitWords must find
// exactly what it finds.
var wordPattern = regexp.MustCompile(`\p{Nd}+(?:\.\p{Nd}+)+|[\p{L}\p{Nd}]+`)

func FuzzSplitWords(f *testing.F) {
	for _, c := range []string{"1.3 v1.3 1..3 1.3. 1.3.4a ٣.٤ x", "a1.3", "12ab.3", "1.", ".1", "\xff1.2"} {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // folded text is always valid UTF-8
		}
		got, want := splitWords(s), wordPattern.FindAllString(s, -1)
		if !slices.Equal(got, want) {
			t.Fatalf("splitWords(%q) = %q, the expression finds %q", s, got, want)
		}
	})
}
