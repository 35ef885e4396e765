package search

import (
	"slices"
	"strings"
)

// The browser does not stem: it looks each word the reader typed up in
// the index, which lists, beside each term, the word forms that lead to
// it. Two kinds are listed:
//
//   - the words the site uses ("supervising", "supervision" for the term
//     "supervis"), which are also the words a misspelling may be
//     corrected to;
//   - forms the site does not use but a reader may type: the other
//     spelling of a word (American or British), the singular of a plural
//     and, for words the site uses as verbs, their other regular
//     inflections ("supervises", "supervised"). Each is kept only if Stem
//     gives it the same term, so a form never leads anywhere its own
//     stemming would not;
//   - a word of the site made of two others ("wellbeing" of "well" and
//     "being"), written as the two with a space ("well being"), so that
//     the browser finds that two words typed apart are one. That key sorts
//     just after its first word, so it is in the shard the browser reads
//     for that word anyway.

// formSet is what the index knows about one term's forms.
type formSet struct {
	// used are the words of the site with this term, sorted; more are
	// other forms readers may type, sorted.
	used, more []string
}

// isWord reports whether the term is itself a word the site uses.
func (f *formSet) isWord(term string) bool {
	_, found := slices.BinarySearch(f.used, term)
	return found
}

// vocabulary gathers the forms of every term from the words of the
// documents (word → term).
func vocabulary(words map[string]string) map[string]*formSet {
	byTerm := map[string][]string{}
	for w, t := range words {
		byTerm[t] = append(byTerm[t], w)
	}
	isWord := func(w string) bool { _, ok := words[w]; return ok }
	out := make(map[string]*formSet, len(byTerm))
	for t, used := range byTerm {
		slices.Sort(used)
		out[t] = formsOf(t, used, isWord)
	}
	return out
}

// formsOf returns the forms of the term t, given the site's words with
// that term (used, sorted) and which words the site uses. The forms of a
// term depend on no other words than its own and, through splits, the
// words its words begin or end with (see Builder.Files).
func formsOf(t string, used []string, isWord func(string) bool) *formSet {
	f := &formSet{used: used}
	more := map[string]bool{}
	add := func(c string) {
		if !isWord(c) && c != "" && Stem(c) == t {
			more[c] = true
		}
	}
	// The site uses the term as a verb if one of its words is an -ed or
	// -ing form; then the shortest word, the base form, gets the other
	// inflections of a verb, and the others their plurals.
	verb := false
	base := f.used[0]
	for _, w := range f.used {
		if strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") {
			verb = true
		}
		if len(w) < len(base) {
			base = w
		}
	}
	for _, w := range f.used {
		for _, c := range inflections(w, verb && w == base) {
			add(c)
		}
	}
	for _, w := range slices.Concat(f.used, sortedKeys(more)) {
		for _, c := range spellings(w) {
			add(c)
		}
	}
	for _, w := range f.used {
		for _, c := range splits(w, isWord) {
			more[c] = true
		}
	}
	f.more = sortedKeys(more)
	return f
}

// minPart is the shortest half of a word made of two that is looked for,
// so that short words do not make up compounds ("as" and "sign").
const minPart = 3

// maxCompound is the longest word that splits tries to cut in two. Each
// place to cut looks both halves up, which costs the word's length, so a
// run of letters with no space (a pasted 1 MB line) took minutes; words
// made of two are far shorter ("counterrevolutionary" has 20 letters).
const maxCompound = 40

// splits returns w written as two words of the site with a space between
// ("well being" for "wellbeing"), for each way it splits.
func splits(w string, isWord func(string) bool) []string {
	if len(w) < 2*minPart || len(w) > maxCompound || !asciiLetters(w) {
		return nil
	}
	var out []string
	for i := minPart; i <= len(w)-minPart; i++ {
		if isWord(w[:i]) && isWord(w[i:]) {
			out = append(out, w[:i]+" "+w[i:])
		}
	}
	return out
}

// inflections returns regular forms of w that a reader may type: the
// singular of a plural, and the plural of a singular; with verb (w being
// the base form of a verb the site uses), its -s, -ed and -ing forms too.
// They are guesses, which the caller checks with Stem.
func inflections(w string, verb bool) []string {
	if len(w) < 4 || !asciiLetters(w) {
		return nil
	}
	n := len(w)
	switch {
	case strings.HasSuffix(w, "ies"):
		return []string{w[:n-3] + "y"}
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"):
		return []string{w[:n-2]}
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return []string{w[:n-1]}
	case strings.HasSuffix(w, "ed"), strings.HasSuffix(w, "ing"):
		// A verb's base form is inflected where the site uses it; an -ed or
		// -ing word alone may well be a noun ("wellbeing", "training").
		return nil
	case strings.HasSuffix(w, "ly"):
		return nil // an adverb has no plural
	}
	return regular(w, verb)
}

// regular returns the plural (or third person) of a base form and, with
// verb, its -ed and -ing forms.
func regular(w string, verb bool) []string {
	n := len(w)
	if n < 3 {
		return nil
	}
	consonantY := w[n-1] == 'y' && !strings.ContainsRune("aeiou", rune(w[n-2]))
	var out []string
	switch {
	case consonantY:
		out = append(out, w[:n-1]+"ies")
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"),
		strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		out = append(out, w+"es")
	default:
		out = append(out, w+"s")
	}
	if !verb {
		return out
	}
	switch {
	case consonantY:
		out = append(out, w[:n-1]+"ied", w+"ing")
	case strings.HasSuffix(w, "ee"):
		out = append(out, w+"d", w+"ing")
	case strings.HasSuffix(w, "e"):
		out = append(out, w+"d", w[:n-1]+"ing")
	default:
		out = append(out, w+"ed", w+"ing")
		if oneSyllable(w) && !strings.ContainsRune("aeiouwxy", rune(w[n-1])) && strings.ContainsRune("aeiou", rune(w[n-2])) {
			out = append(out, w+w[n-1:]+"ed", w+w[n-1:]+"ing") // plan: planned, planning
		}
	}
	return out
}

// oneSyllable reports whether w has one group of vowels.
func oneSyllable(w string) bool {
	groups, in := 0, false
	for i := 0; i < len(w); i++ {
		v := strings.IndexByte("aeiou", w[i]) >= 0
		if v && !in {
			groups++
		}
		in = v
	}
	return groups == 1
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
