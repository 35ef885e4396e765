package search

import (
	"slices"
	"strings"
	"testing"
)

func TestVocabulary(t *testing.T) {
	words := map[string]string{}
	for _, w := range []string{"supervise", "supervising", "supervision", "libraries", "appraisal", "plan", "planned",
		"organisation", "quickly", "colour", "learner", "learners", "well", "being", "wellbeing"} {
		words[w] = Stem(w)
	}
	v := vocabulary(words)
	tests := []struct {
		term       string
		used, more []string
	}{
		// A verb gets its other inflections; its noun, a plural.
		{"supervis", []string{"supervise", "supervising", "supervision"}, []string{"supervised", "supervises", "supervisions"}},
		// A plural gets its singular; a singular its plural.
		{"librari", []string{"libraries"}, []string{"library"}},
		{"apprais", []string{"appraisal"}, []string{"appraisals"}},
		// A short verb doubles its consonant.
		{"plan", []string{"plan", "planned"}, []string{"planning", "plans"}},
		// The other spelling, and its plural.
		{"organis", []string{"organisation"}, []string{"organisations", "organization", "organizations"}},
		{"colour", []string{"colour"}, []string{"color", "colors", "colours"}},
		// An adverb has no plural; nothing new for words already there.
		{"quick", []string{"quickly"}, nil},
		{"learner", []string{"learner", "learners"}, nil},
		// A word made of two words of the site, written as the two.
		{"wellb", []string{"wellbeing"}, []string{"well being"}},
		{"well", []string{"well"}, []string{"wells"}},
		{"be", []string{"being"}, nil},
	}
	for _, tt := range tests {
		f := v[tt.term]
		if f == nil {
			t.Errorf("no forms for %q", tt.term)
			continue
		}
		if !slices.Equal(f.used, tt.used) || !slices.Equal(f.more, tt.more) {
			t.Errorf("%q: used %q, more %q; want %q and %q", tt.term, f.used, f.more, tt.used, tt.more)
		}
		for _, w := range f.more {
			if !strings.Contains(w, " ") && Stem(w) != tt.term {
				t.Errorf("%q is listed under %q but stems to %q", w, tt.term, Stem(w))
			}
		}
	}
	if len(v) != len(tests) {
		t.Errorf("%d terms, want %d", len(v), len(tests))
	}
}

// TestSplitsLongWords: a run of letters far longer than any word (a pasted
// line with no spaces) is not tried as a compound, whose cost grows with
// the square of its length: a 1 MB run took minutes of the search index.
func TestSplitsLongWords(t *testing.T) {
	words := map[string]bool{"well": true, "being": true, "counter": true, "revolutionary": true}
	calls := 0
	isWord := func(w string) bool { calls++; return words[w] }
	tests := []struct {
		word string
		want []string
	}{
		{"wellbeing", []string{"well being"}},
		{"counterrevolutionary", []string{"counter revolutionary"}},
		{strings.Repeat("a", 1<<20), nil},
		{strings.Repeat("wellbeing", 5), nil},
	}
	for _, tt := range tests {
		calls = 0
		got := splits(tt.word, isWord)
		if !slices.Equal(got, tt.want) {
			t.Errorf("splits(%.20q…) = %q, want %q", tt.word, got, tt.want)
		}
		if len(tt.word) > maxCompound && calls > 0 {
			t.Errorf("splits of a %d-byte word looked up %d halves", len(tt.word), calls)
		}
	}
}
