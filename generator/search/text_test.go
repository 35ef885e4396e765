package search

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"
)

func TestTerms(t *testing.T) {
	tests := []struct {
		text  string
		terms []string
	}{
		{"Standards and STANDARDS", []string{"standard", "standard"}},
		{"supervise supervising supervision", []string{"supervis", "supervis", "supervis"}},
		{"Learner's learners' learners", []string{"learner", "learner", "learner"}},
		// A hyphenated word is its two parts and the two written together.
		{"well-being wellbeing", []string{"well", "be", "wellb", "wellb"}},
		{"multi‐professional", []string{"multi", "profession", "multiprofession"}},
		// Not with digits, nor with a one-letter part but a prefix before a
		// word of three letters or more: readers type "email" and "xray" ("a" is
		// a stop word).
		{"covid-19 x-ray e-mail A-Z", []string{"covid", "19", "x", "ray", "xray", "e", "mail", "email", "z"}},
		// American spellings meet British ones.
		{"organization organisation colors colours", []string{"organis", "organis", "colour", "colour"}},
		// Numbers and standard IDs are kept whole.
		{"standard 1.3, see 2021:1.3", []string{"standard", "1.3", "see", "2021", "1.3"}},
		// Stop words, the words of a question among them, are left out.
		{"How do I raise a concern?", []string{"rais", "concern"}},
		{"Zürich ÉCOLE 日本語", []string{"zurich", "ecol", "日本語"}},
		// A word longer than maxWord (a pasted code) is not indexed, nor
		// is the compound it would make; a word of maxWord bytes is.
		{"placement " + strings.Repeat("x", maxWord+1) + "-ward", []string{"placement", "ward"}},
		{strings.Repeat("é", maxWord+1), nil},
		{strings.Repeat("x", maxWord), []string{strings.Repeat("x", maxWord)}},
	}
	for _, tt := range tests {
		if got := Terms(tt.text); !slices.Equal(got, tt.terms) {
			t.Errorf("Terms(%q) = %q, want %q", tt.text, got, tt.terms)
		}
	}
}

// TestStemMemoKeepsNoText: the memo's word and stem are copies, never
// slices of the text the word was read from, which would keep a whole
// page's text for as long as the memo holds one of its words.
func TestStemMemoKeepsNoText(t *testing.T) {
	within := func(s, text string) bool {
		p, start := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(text)))
		return len(s) > 0 && p >= start && p < start+uintptr(len(text))
	}
	for _, w := range []string{"1234", "it", "straße", "standards", "educators"} {
		text := strings.Repeat("x", 64) + " " + w + " " + strings.Repeat("y", 64)
		slice := text[65 : 65+len(w)]
		stems.mu.Lock()
		delete(stems.m, w) // not yet seen
		stems.mu.Unlock()
		word, stem := stems.get(slice)
		if within(word, text) || within(stem, text) {
			t.Errorf("stems.get(%q) = %q, %q: a slice of the text it was read from", w, word, stem)
		}
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		// Porter 2 brings the forms of a word together.
		{"standards", "standard"},
		{"studies", "studi"},
		{"study", "studi"},
		{"policies", "polici"},
		{"supervising", "supervis"},
		{"supervision", "supervis"},
		{"wellbeing", "wellb"},
		{"libraries", "librari"},
		// The words it would run together with others are kept apart.
		{"educators", "educator"},
		{"education", "educ"},
		{"providers", "provider"},
		{"provide", "provid"},
		{"formative", "formative"},
		{"accessibility", "accessibl"},
		{"accessible", "accessibl"},
		{"access", "access"},
		// American spellings are stemmed as British ones.
		{"organizations", "organis"},
		{"analyzed", "analys"},
		{"behavioral", "behaviour"},
		{"pediatrics", "paediatr"},
		{"programs", "programm"},
		// Irregular plurals meet their singular.
		{"midwives", "midwif"},
		{"midwife", "midwif"},
		{"women", "woman"},
		{"teeth", "tooth"},
		{"tooth", "tooth"},
		// but words spelt alike in both are left alone.
		{"size", "size"},
		{"capsized", "capsiz"},
		// Numbers, short words and words beyond a–z are as they are.
		{"1.3", "1.3"},
		{"covid19s", "covid19s"},
		{"it", "it"},
		{"straße", "straße"},
	}
	for _, tt := range tests {
		if got := Stem(tt.in); got != tt.want {
			t.Errorf("Stem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSpellings(t *testing.T) {
	tests := []struct {
		word string
		want []string
	}{
		{"organisation", []string{"organization"}},
		{"organising", []string{"organizing"}},
		{"analyse", []string{"analyze"}},
		{"colour", []string{"color"}},
		{"behavioural", []string{"behavioral"}},
		{"centre", []string{"center"}},
		{"programmes", []string{"programs"}},
		{"paediatric", []string{"pediatric"}},
		{"organization", []string{"organisation"}},
		// Words spelt with -ise in American English too.
		{"supervise", nil},
		{"exercise", nil},
		{"compromise", nil},
		{"surprised", nil},
		{"otherwise", nil},
		{"raise", nil},
		{"size", nil},
		{"programming", nil},
		{"learner", nil},
	}
	for _, tt := range tests {
		if got := spellings(tt.word); !slices.Equal(got, tt.want) {
			t.Errorf("spellings(%q) = %q, want %q", tt.word, got, tt.want)
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
		// Each word gives at most one term, and each pair of words at most
		// one more (a hyphenated compound).
		if len(ts) > 2*len(ws) {
			t.Fatalf("%d terms from %d words", len(ts), len(ws))
		}
		for _, term := range ts {
			if term == "" {
				t.Fatalf("empty term in %q", ts)
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
