package search

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/source"
	"github.com/plinth-ssg/plinth/generator/tomldecode"
)

// SynonymsPath is the file of words and phrases that mean the same to
// readers, relative to the site's folder. Editors write it; it is
// optional.
//
//	[[synonyms]]
//	words = ["ICS", "integrated care system"]
//
// A query with any of a group's words or phrases finds the pages with any
// of the others too: "ICS" finds the pages about integrated care systems,
// and "integrated care system" the pages that only say ICS.
const SynonymsPath = "data/search-synonyms.toml"

// Limits that keep a group what it is for: a few ways of saying one
// thing. A query checks every phrase of every group, in the reader's
// browser, so the file is also held to a size a reader's browser carries
// without notice: a word of a megabyte (a paste gone wrong) was accepted
// and published in the search manifest, and tens of thousands of groups
// would be checked at every keystroke.
const (
	maxGroupSize   = 12
	maxPhraseWords = 8
	maxPhraseChars = 100
	maxGroups      = 1000
)

// Synonyms are the groups of SynonymsPath, checked.
type Synonyms struct {
	groups [][]Phrase
}

// Phrase is a word or phrase of a synonym group as the browser matches it
// against a query: its words, folded, without stop words, and the term of
// each. A query word matches a phrase's word if it is the same word or
// leads to the same term.
type Phrase struct {
	Words []string `json:"words"`
	Terms []string `json:"terms"`
}

type synonymsTOML struct {
	Synonyms []struct {
		Words []string `toml:"words,required"`
	} `toml:"synonyms"`
}

// LoadSynonyms reads SynonymsPath from the site's folder. A site without
// the file has no synonyms. Every problem is reported at its line and
// column: a group of fewer than two words, a word that is empty or only
// stop words, a word repeated in its group or given in two groups.
func LoadSynonyms(fsys fs.FS) (*Synonyms, diag.List) {
	text, err := source.ReadText(fsys, SynonymsPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, diag.List{diag.Errorf(diag.Pos{File: SynonymsPath}, "cannot read the file: %v", err)}
	}
	var raw synonymsTOML
	doc, l := tomldecode.File(diag.NewSource(SynonymsPath, text), &raw)
	if doc == nil || l.HasErrors() {
		return nil, l
	}
	s := &Synonyms{}
	first := map[string]diag.Pos{} // a phrase's terms → where it was first given
	if len(raw.Synonyms) > maxGroups {
		l.Add(doc.Errorf([]string{"synonyms", strconv.Itoa(maxGroups)}, "the file has %d groups of synonyms; at most %d are allowed", len(raw.Synonyms), maxGroups).
			WithHint("list the acronyms and other words readers really search for; the rest of the list from group %d on is not read", maxGroups+1))
		return nil, l
	}
	for g, entry := range raw.Synonyms {
		at := func(rest ...string) []string { return append([]string{"synonyms", strconv.Itoa(g), "words"}, rest...) }
		if len(entry.Words) < 2 {
			l.Add(doc.Errorf(at(), "a group of synonyms needs at least two words or phrases").
				WithHint(`list every way of saying the same thing, like words = ["ICS", "integrated care system"]`))
			continue
		}
		if len(entry.Words) > maxGroupSize {
			l.Add(doc.Errorf(at(), "this group has %d words or phrases; at most %d are allowed", len(entry.Words), maxGroupSize).
				WithHint("a group is the few ways readers say one thing; split it into groups of things that really mean the same"))
			continue
		}
		var group []Phrase
		for i, w := range entry.Words {
			pos := at(strconv.Itoa(i))
			p, problem, hint := phrase(w)
			if problem != "" {
				l.Add(doc.Errorf(pos, "%s", problem).WithHint("%s", hint))
				continue
			}
			key := strings.Join(p.Terms, " ")
			if prev, dup := first[key]; dup {
				l.Add(doc.Errorf(pos, "%q is already given at %s, and search cannot tell them apart", w, prev).
					WithHint("give each word or phrase once: merge the two groups if they mean the same, or delete this one"))
				continue
			}
			first[key] = doc.ValuePos(pos...)
			group = append(group, p)
		}
		if len(group) >= 2 {
			s.groups = append(s.groups, group)
		}
	}
	if l.HasErrors() {
		return nil, l
	}
	return s, l
}

// phrase reads one word or phrase of a group, or says what is wrong
// with it.
func phrase(w string) (p Phrase, problem, hint string) {
	// Checked first, so that a pasted page is neither split into words
	// nor quoted in the message.
	if n := utf8.RuneCountInString(w); n > maxPhraseChars {
		return p, fmt.Sprintf("this word or phrase is %d characters long; at most %d are allowed", n, maxPhraseChars),
			`write what readers type in the search box: a word or a short phrase, like "integrated care system"`
	}
	for _, word := range Words(w) {
		if stop[word] {
			continue
		}
		p.Words = append(p.Words, word)
		p.Terms = append(p.Terms, Stem(word))
	}
	switch {
	case strings.TrimSpace(w) == "":
		return p, "this word is empty", "write a word or phrase between the quotes, or delete the empty one"
	case len(p.Words) == 0:
		return p, "search ignores every word of " + strconv.Quote(w), "search leaves out very common words (and, the, how…); write the words that say what the thing is"
	case len(p.Words) > maxPhraseWords:
		return p, strconv.Quote(w) + " is longer than a reader would type", "use at most " + strconv.Itoa(maxPhraseWords) + " words: the short name readers search for"
	}
	return p, "", ""
}

// phrases returns the groups as the manifest lists them (nil without any).
func (s *Synonyms) phrases() [][]Phrase {
	if s == nil {
		return nil
	}
	return s.groups
}
