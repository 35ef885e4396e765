package archetype

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// minPlaceholderWords is how many words a line of an archetype needs to
// count as placeholder text: instructions such as "Write one sentence
// saying what this guidance helps providers do." are sentences, while
// short fixed values ("draft", "in-force") are settings an editor may keep.
const minPlaceholderWords = 4

// Placeholders returns the text that the archetype for rel (a slash path
// inside content/) puts in every file it makes, whatever the file is
// called: the sentences an editor is meant to replace, such as a
// description = "Write one sentence …" or a body line "Write a short
// introduction …". It also returns the archetype's path ("" for the
// built-in one).
//
// Text is fixed when rendering the archetype for two differently named
// files of the same shape, on two different days, gives the same line;
// of a front-matter line only its quoted value is kept. Headings, comments
// and lines of fewer than four words are left out: a page may keep the
// archetype's "## What you must do".
func Placeholders(fsys fs.FS, dirs []string, rel string) ([]string, string, error) {
	day := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	a, used, err := New(fsys, dirs, rel, Day{Today: day})
	if err != nil {
		return nil, used, err
	}
	b, _, err := New(fsys, dirs, twin(rel), Day{Today: day.AddDate(1, 1, 1), ReviewMonths: 7})
	if err != nil {
		return nil, used, err
	}
	other := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		other[line] = true
	}
	var out []string
	inFront := false
	for i, line := range strings.Split(string(a), "\n") {
		if strings.TrimSpace(line) == "+++" {
			inFront = i == 0
			continue
		}
		if !other[line] {
			continue
		}
		text := placeholderText(line, inFront)
		if len(strings.Fields(text)) >= minPlaceholderWords && !slices.Contains(out, text) {
			out = append(out, text)
		}
	}
	return out, used, nil
}

// placeholderText returns the part of an archetype line that an editor
// would replace: a front-matter line's quoted value, or a body line's text.
// It returns "" for headings, comments and lines that hold no text.
func placeholderText(line string, inFront bool) string {
	t := strings.TrimSpace(line)
	if t == "" || strings.HasPrefix(t, "#") {
		return ""
	}
	if !inFront {
		if strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t") {
			return "" // an example command, as code
		}
		return t
	}
	start := strings.IndexByte(t, '"')
	end := strings.LastIndexByte(t, '"')
	if start < 0 || end <= start {
		return ""
	}
	return t[start+1 : end]
}

// twin returns a path of the same shape as rel, in the same section (so
// the same archetype applies), with every letter and digit of its other
// names changed, so that text an archetype makes from the file's name
// differs between the two.
func twin(rel string) string {
	parts := strings.Split(rel, "/")
	for i := 1; i < len(parts); i++ {
		name := parts[i]
		ext := path.Ext(name)
		base := strings.TrimSuffix(name, ext)
		if base == "_index" || base == "index" {
			continue
		}
		parts[i] = shift(base) + ext
	}
	if len(parts) == 1 {
		ext := path.Ext(rel)
		return shift(strings.TrimSuffix(rel, ext)) + ext
	}
	return strings.Join(parts, "/")
}

// shift moves each letter and digit one place on (z to a, 9 to 0).
func shift(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch {
		case r >= 'a' && r < 'z', r >= 'A' && r < 'Z', r >= '0' && r < '9':
			r++
		case r == 'z':
			r = 'a'
		case r == 'Z':
			r = 'A'
		case r == '9':
			r = '0'
		}
		b.WriteRune(r)
	}
	return b.String()
}
