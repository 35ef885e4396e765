package search

import (
	"strings"
	"sync"

	"github.com/kljensen/snowball/english"
)

// Stem returns the term a word is indexed under, so that the forms of a
// word meet: "supervise", "supervising" and "supervision" are all
// "supervis". It is the Snowball English (Porter 2) stemmer, run only
// here, at build time: the index records which word forms lead to each
// term (see forms.go), so the browser never stems and cannot drift from
// the build.
//
// Before stemming, an American spelling is written the British way
// ("organization" → "organisation", "color" → "colour"; spelling.go), so
// both spellings meet. Words with digits or with letters outside a–z
// (after folding), and words of fewer than three letters, are left as
// they are: the stemmer's rules are for English.
//
// stemOverrides holds the few words of the site's vocabulary that the
// stemmer runs together with words of another meaning.
func Stem(w string) string {
	_, s := stems.get(w)
	return s
}

// stemWord returns Stem(w) without the memo.
func stemWord(w string) string {
	if s, ok := stemOverrides[w]; ok {
		return s
	}
	if len(w) < 3 || !asciiLetters(w) {
		return w
	}
	if one, ok := irregularPlurals[w]; ok {
		w = one
	}
	return english.Stem(british(w), true)
}

// irregularPlurals are plurals that Porter 2 does not bring back to their
// singular ("midwives" is "midwiv", "midwife" is "midwif"), so that a
// reader who types one form finds the pages that use the other. Words
// that are also verbs of another meaning ("leaves", "lives") are left
// out.
var irregularPlurals = map[string]string{
	"midwives": "midwife", "wives": "wife", "knives": "knife", "halves": "half", "shelves": "shelf",
	"women": "woman", "men": "man", "children": "child", "teeth": "tooth", "feet": "foot",
	"crises": "crisis", "criteria": "criterion",
}

// stemOverrides keeps apart words that Porter 2 merges but readers do not:
// the people who educate from education ("educ"), the organisations that
// provide placements from the verb ("provid"), formative assessment
// from formats ("format"), and a website's accessibility from access to a
// library or to systems ("access": a reader who types "accessibility" wants
// the accessibility statement, which a page about library access
// outranked). They were found by stemming the example site's vocabulary
// and reading every group of words that share a stem.
var stemOverrides = map[string]string{
	"educator":        "educator",
	"educators":       "educator",
	"provider":        "provider",
	"providers":       "provider",
	"formative":       "formative",
	"formatives":      "formative",
	"accessibility":   "accessibl",
	"accessibilities": "accessibl",
	"accessible":      "accessibl",
	"accessibly":      "accessibl",
}

func asciiLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// stemMemo remembers the stems of the words seen, since the same few
// thousand words make up every page and the stemmer allocates. It also
// hands out one copy of each word, so that the index's lists of words
// share their bytes and never hold on to a page's text. It starts again
// once it holds maxMemo words, so that no text makes it grow without
// bound.
type stemMemo struct {
	mu sync.RWMutex
	m  map[string]stemmed
}

type stemmed struct{ word, stem string }

const maxMemo = 1 << 18

var stems = stemMemo{m: map[string]stemmed{}}

// get returns the memo's copy of w and its stem.
func (s *stemMemo) get(w string) (word, stem string) {
	s.mu.RLock()
	e, ok := s.m[w]
	s.mu.RUnlock()
	if ok {
		return e.word, e.stem
	}
	// w is usually a slice of a whole page's text: keep a copy, not the
	// page. The stem of a word the stemmer leaves alone (a number, a
	// short word) is w itself, which would keep the page's text too.
	e = stemmed{strings.Clone(w), stemWord(w)}
	if e.stem == w {
		e.stem = e.word
	}
	s.mu.Lock()
	if len(s.m) >= maxMemo {
		s.m = map[string]stemmed{}
	}
	s.m[e.word] = e
	s.mu.Unlock()
	return e.word, e.stem
}
