package search

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plinth-ssg/plinth/generator/dataset"
)

func TestLoadSynonyms(t *testing.T) {
	fsys := fstest.MapFS{SynonymsPath: {Data: []byte(`# Acronyms.
[[synonyms]]
words = ["ICS", "integrated care system"]

[[synonyms]]
words = ["AHP", "Allied health professionals", "allied health professions"]
`)}}
	s, diags := LoadSynonyms(fsys)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	want := [][]Phrase{
		{{Words: []string{"ics"}, Terms: []string{"ic"}}, {Words: []string{"integrated", "care", "system"}, Terms: []string{"integr", "care", "system"}}},
		{{Words: []string{"ahp"}, Terms: []string{"ahp"}}, {Words: []string{"allied", "health", "professionals"}, Terms: []string{"alli", "health", "profession"}},
			{Words: []string{"allied", "health", "professions"}, Terms: []string{"alli", "health", "profess"}}},
	}
	got := s.phrases()
	if len(got) != len(want) {
		t.Fatalf("groups = %+v", got)
	}
	for i := range want {
		if !slices.EqualFunc(got[i], want[i], func(a, b Phrase) bool {
			return slices.Equal(a.Words, b.Words) && slices.Equal(a.Terms, b.Terms)
		}) {
			t.Errorf("group %d = %+v, want %+v", i, got[i], want[i])
		}
	}

	// No file, no synonyms and nothing to say.
	if s, diags := LoadSynonyms(fstest.MapFS{}); s != nil || len(diags) != 0 || s.phrases() != nil {
		t.Errorf("without the file: %v, %v", s, diags)
	}
}

// TestLoadSynonymsErrors: every mistake is reported at its line and column
// with a hint, all of them in one run, and nothing is loaded.
func TestLoadSynonymsErrors(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // "line:col: message start"
	}{
		{"not TOML", "[[synonyms]\nwords = [\"a\"]\n", []string{"1:"}},
		{"an unknown key", "[[synonyms]]\nwords = [\"ICS\", \"integrated care system\"]\nword = \"x\"\n", []string{"3:1: unknown key \"synonyms[0].word\""}},
		{"a misspelt table", "[[synonym]]\nwords = [\"ICS\", \"integrated care system\"]\n", []string{"1:"}},
		{"a value of the wrong type", "[[synonyms]]\nwords = \"ICS\"\n", []string{"2:9: synonyms[0].words: expected a list"}},
		{"no words", "[[synonyms]]\n", []string{"1:"}},
		{"one word", "[[synonyms]]\nwords = [\"ICS\"]\n", []string{"2:9: a group of synonyms needs at least two"}},
		{"an empty word, a stop word", "[[synonyms]]\nwords = [\"ICS\", \"\", \"the\"]\n", []string{"2:17: this word is empty", "2:21: search ignores every word of \"the\""}},
		{"a phrase too long", "[[synonyms]]\nwords = [\"x\", \"one two three four five six seven eight nine\"]\n", []string{"2:15: \"one two three four five six seven eight nine\" is longer"}},
		{"a repeat in the group", "[[synonyms]]\nwords = [\"ICS\", \"integrated care system\", \"Integrated care systems\"]\n", []string{"2:43: \"Integrated care systems\" is already given at data/search-synonyms.toml:2:17"}},
		{"a repeat in another group", "[[synonyms]]\nwords = [\"ICS\", \"integrated care system\"]\n\n[[synonyms]]\nwords = [\"ics\", \"care system\"]\n", []string{"5:10: \"ics\" is already given at data/search-synonyms.toml:2:10"}},
		{"a word of a megabyte", "[[synonyms]]\nwords = [\"x\", \"" + strings.Repeat("w", 1<<20) + "\"]\n", []string{"2:15: this word or phrase is 1048576 characters long; at most 100"}},
		{"a phrase of 101 characters", "[[synonyms]]\nwords = [\"x\", \"" + strings.Repeat("ab ", 33) + "cd\"]\n", []string{"2:15: this word or phrase is 101 characters long"}},
		{"too many groups", strings.Repeat("[[synonyms]]\nwords = [\"a\", \"b\"]\n", 1001), []string{"2001:1: the file has 1001 groups of synonyms; at most 1000"}},
		{"a group too large", "[[synonyms]]\nwords = [\"a1\", \"a2\", \"a3\", \"a4\", \"a5\", \"a6\", \"a7\", \"a8\", \"a9\", \"b1\", \"b2\", \"b3\", \"b4\"]\n", []string{"2:9: this group has 13 words or phrases"}},
	}
	for _, tt := range tests {
		s, diags := LoadSynonyms(fstest.MapFS{SynonymsPath: {Data: []byte(tt.text)}})
		if s != nil {
			t.Errorf("%s: synonyms loaded despite errors", tt.name)
		}
		if len(diags) != len(tt.want) {
			t.Errorf("%s: %d diagnostics, want %d: %v", tt.name, len(diags), len(tt.want), diags)
			continue
		}
		for i, d := range diags {
			got := d.Pos.String() + ": " + d.Msg
			if !strings.HasPrefix(got, SynonymsPath+":"+tt.want[i]) {
				t.Errorf("%s: %q, want it to start %q", tt.name, got, SynonymsPath+":"+tt.want[i])
			}
			if d.Hint == "" {
				t.Errorf("%s: %q has no hint", tt.name, got)
			}
		}
	}
}

// TestSynonymsFile checks the site's own synonyms file and that the
// dataset stage leaves it to the search.
func TestSynonymsFile(t *testing.T) {
	s, diags := LoadSynonyms(os.DirFS("../.."))
	if len(diags) != 0 || len(s.phrases()) < 5 {
		t.Fatalf("the site's synonyms: %d groups, %v", len(s.phrases()), diags)
	}
	if !slices.Contains(dataset.ReadElsewhere, SynonymsPath) {
		t.Errorf("the dataset stage would warn that %s is not a declared dataset", SynonymsPath)
	}
}
