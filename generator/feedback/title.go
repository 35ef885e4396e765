package feedback

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/diag"
)

// maxTitle is the longest title, in characters: a heading that fits on two
// lines of a card on a phone.
const maxTitle = 80

// fallbackWords is how many words of what learners said make a heading
// when an entry has no title.
const fallbackWords = 12

// title returns the entry's heading: its title cell, which must read as a
// heading and differ from every other entry's, or, when the cell is empty,
// the start of what learners said. An empty cell is a warning when the
// manifest declares the column: the editor who owns the entry should say
// it in a few words.
func (r *reader) title(row dataset.Row, e *Entry) string {
	v := row.Get(colTitle)
	if v.IsEmpty() {
		t := fallbackTitle(e.LearnersSaid)
		if _, declared := r.spec.Column(colTitle); declared {
			r.l.Add(diag.Warningf(v.Pos, "entry %s (%s) has no title, so its heading is the start of what learners said: %q", e.ID, where(row.Pos), t).
				WithLine(r.src.Line(v.Pos.Line)).
				WithHint("write what learners said in a few words in the %s column, like: Nowhere to rest on night shifts", colTitle))
		}
		return t
	}
	t := v.Text()
	w := where(row.Pos)
	first, _ := utf8.DecodeRuneInString(t)
	switch {
	case utf8.RuneCountInString(t) > maxTitle:
		r.l.Add(r.src.At(v.Pos, "column %q in %s is %d characters long; a title has at most %d", colTitle, w, utf8.RuneCountInString(t), maxTitle).
			WithHint("say what learners said in a few words, like: Nowhere to rest on night shifts; the entry's page gives the rest"))
	case strings.ContainsAny(t, "\r\n"):
		r.l.Add(r.src.At(v.Pos, "column %q in %s runs over more than one line", colTitle, w).
			WithHint("write the title on one line"))
	case strings.HasSuffix(t, "."):
		r.l.Add(r.src.At(v.Pos, "column %q in %s ends with a full stop; it is a heading", colTitle, w).
			WithHint("remove the full stop at the end"))
	case !unicode.IsUpper(first) && !unicode.IsDigit(first):
		r.l.Add(r.src.At(v.Pos, "column %q in %s starts with %q; a title starts with a capital letter", colTitle, w, first).
			WithHint("begin with a capital letter, like: Nowhere to rest on night shifts"))
	default:
		key := strings.ToLower(strings.Join(strings.Fields(t), " "))
		if other, dup := r.titles[key]; dup {
			r.l.Add(r.src.At(v.Pos, "column %q in %s: the title %q is already the title of the entry in row %d", colTitle, w, t, other.Line).
				WithHint("give each entry its own title, so that readers can tell them apart in a list"))
		} else {
			r.titles[key] = v.Pos
		}
	}
	return t
}

// fallbackTitle makes a heading from what learners said: its first clause,
// cut after fallbackWords words, with a capital letter.
func fallbackTitle(said string) string {
	s := strings.TrimSpace(said)
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexAny(s, ",;:"); i > 0 {
		s = s[:i]
	}
	words := strings.Fields(s)
	cut := len(words) > fallbackWords
	if cut {
		words = words[:fallbackWords]
	}
	s = strings.TrimRight(strings.Join(words, " "), ".!?")
	if cut {
		s += "…"
	}
	if r, size := utf8.DecodeRuneInString(s); size > 0 {
		s = string(unicode.ToUpper(r)) + s[size:]
	}
	return s
}
