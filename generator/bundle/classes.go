package bundle

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/alecthomas/chroma/v2"

	"github.com/plinth-ssg/plinth/generator/markdown/callout"
)

// classSet is every class a page of the site may carry, as far as the
// files that make pages show: the layouts, the scripts, the classes the
// generator writes, those editors give headings in Markdown, and those the
// site's own stylesheets name. It errs on the side of "may": a word of a
// layout or a script is taken for a class wherever it stands.
type classSet struct {
	words map[string]bool
	// prefixes and suffixes are the beginnings and ends of classes built
	// from a value ("nhsuk-tag--{{ .Colour }}", 'plinth-sa--' + r).
	prefixes, suffixes []string
	// texts are the layouts and scripts, for a class holding characters
	// that are not in words (":focus").
	texts []string
	// anyWhy, when set, says where a layout writes a whole class from a
	// value, so that any class may appear: nothing is pruned.
	anyWhy string
}

func newClassSet() *classSet { return &classSet{words: map[string]bool{}} }

// may reports whether a page can carry class.
func (s *classSet) may(class string) bool {
	if s.anyWhy != "" || s.words[class] {
		return true
	}
	for _, p := range s.prefixes {
		if strings.HasPrefix(class, p) {
			return true
		}
	}
	for _, p := range s.suffixes {
		if strings.HasSuffix(class, p) {
			return true
		}
	}
	if !isWord(class) {
		for _, t := range s.texts {
			if containsToken(t, class) {
				return true
			}
		}
	}
	return false
}

// isWordByte reports whether c can be part of a word: a class name's
// usual characters, and any byte of a non-ASCII character.
func isWordByte(c byte) bool { return isNameByte(c) || c >= 0x80 }

func isWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) {
			return false
		}
	}
	return s != ""
}

// containsToken reports whether text holds s with no word byte either side.
func containsToken(text, s string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], s)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(s)
		if (j == 0 || !isWordByte(text[j-1])) && (end == len(text) || !isWordByte(text[end])) {
			return true
		}
		i = j + 1
	}
}

// addText takes every word of a layout or script as a class, and a word
// starting or ending with "-" or "_" (a block or a modifier put together
// with another part) also as the end or start of one.
func (s *classSet) addText(text string) {
	s.texts = append(s.texts, text)
	s.addWords(text, nil, nil)
}

// addScript is addText for a script, in which a string glued to a value
// (a ${…} of a template literal, a string concatenated with +) is also
// taken as the start or end of a class.
func (s *classSet) addScript(text string) {
	s.texts = append(s.texts, text)
	s.addWords(text, []string{"${", `"+`, `'+`, "`+", `" +`, `' +`, "` +"}, []string{`+"`, `+'`, "+`", `+ "`, `+ '`, "+ `"})
}

// addWords adds the words of text, and as patterns those glued to one of
// after (a prefix) or before (a suffix). A pattern needs two bytes and a
// letter: minified scripts are full of "-1" and t+"e".
func (s *classSet) addWords(text string, after, before []string) {
	for i := 0; i < len(text); {
		if !isWordByte(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isWordByte(text[j]) {
			j++
		}
		w := text[i:j]
		s.words[w] = true
		if strings.HasSuffix(w, "-") || strings.HasSuffix(w, "_") || hasAnyPrefix(text[j:], after) {
			s.addPattern(&s.prefixes, w)
		}
		if strings.HasPrefix(w, "-") || strings.HasPrefix(w, "_") || hasAnySuffix(text[:i], before) {
			s.addPattern(&s.suffixes, w)
		}
		i = j
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	return slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(s, p) })
}

func hasAnySuffix(s string, suffixes []string) bool {
	return slices.ContainsFunc(suffixes, func(p string) bool { return strings.HasSuffix(s, p) })
}

func (s *classSet) addPattern(list *[]string, p string) {
	if len(p) < 2 || strings.IndexFunc(p, func(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }) < 0 {
		return
	}
	*list = append(*list, p)
}

// addLayouts reads every file of the layouts folders. Besides their words
// (addText), it looks for a class attribute that takes a whole class from
// a value (class="{{ .Params.style }}") and for markdownify, which turns
// a value into HTML with any class an editor gives a heading: the classes
// a page may carry are then unknown, and nothing is pruned.
func (s *classSet) addLayouts(root fs.FS, dirs []string) error {
	for _, dir := range dirs {
		err := fs.WalkDir(root, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == dir && os.IsNotExist(err) {
					return fs.SkipDir
				}
				return err
			}
			if !d.Type().IsRegular() {
				return nil
			}
			data, err := fs.ReadFile(root, p)
			if err != nil {
				return err
			}
			text := string(data)
			s.addText(text)
			for _, value := range classValues(text) {
				// A class glued to a template action is put together
				// from a value: nhsuk-tag--{{ .Colour }}.
				s.addWords(value, []string{"{{"}, []string{"}}"})
			}
			if s.anyWhy == "" {
				if why := valueClass(text); why != "" {
					s.anyWhy = p + ": " + why
				} else if strings.Contains(text, "markdownify") {
					s.anyWhy = p + ": markdownify"
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// classValues returns the values of a layout's class attributes.
func classValues(text string) []string {
	var out []string
	lower := strings.ToLower(text)
	for i := 0; ; {
		j := strings.Index(lower[i:], "class=")
		if j < 0 {
			return out
		}
		j += i
		i = j + len("class=")
		if j > 0 && !isSpaceByte(text[j-1]) {
			continue
		}
		out = append(out, attrValue(text[i:]))
	}
}

// valueClass returns the first class attribute of a layout in which a
// template action that writes something stands alone as a class
// (class="{{ .X }}", class="a {{ .X }}"), or "".
func valueClass(text string) string {
	for _, value := range classValues(text) {
		for k := 0; k < len(value); {
			a := strings.Index(value[k:], "{{")
			if a < 0 {
				break
			}
			a += k
			b := strings.Index(value[a:], "}}")
			if b < 0 {
				break
			}
			b += a + 2
			loose := (a == 0 || !isWordByte(value[a-1])) && (b == len(value) || !isWordByte(value[b]))
			if loose && writes(value[a:b]) {
				return "class=\"" + value + "\""
			}
			k = b
		}
	}
	return ""
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// attrValue returns an attribute's value at the start of s: quoted, or up
// to a space or ">" outside template actions.
func attrValue(s string) string {
	quote := byte(0)
	start := 0
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		quote, start = s[0], 1
	}
	for j := start; j < len(s); j++ {
		if strings.HasPrefix(s[j:], "{{") {
			end := strings.Index(s[j:], "}}")
			if end < 0 {
				return s[start:]
			}
			j += end + 1
			continue
		}
		if quote != 0 && s[j] == quote || quote == 0 && (isSpaceByte(s[j]) || s[j] == '>') {
			return s[start:j]
		}
	}
	return s[start:]
}

// writes reports whether a template action writes text: not if, else,
// end, with, range, define, break or continue, an assignment or a comment.
func writes(action string) bool {
	a := strings.TrimSpace(strings.Trim(strings.TrimSuffix(strings.TrimPrefix(action, "{{"), "}}"), "-"))
	if strings.HasPrefix(a, "/*") {
		return false
	}
	first, _, _ := strings.Cut(a, " ")
	switch first {
	case "if", "else", "end", "with", "range", "define", "break", "continue":
		return false
	}
	return !strings.Contains(a, ":=") && !(strings.HasPrefix(a, "$") && strings.Contains(a, " = "))
}

// addCSS takes every class a stylesheet names as one a page may carry: the
// site's own stylesheets style what its pages hold, so no rule of theirs
// is pruned (nor a package's rule needing only their classes).
func (s *classSet) addCSS(css string) {
	for _, sel := range cssSelectors(css) {
		for _, class := range selectorClasses(sel) {
			s.words[class] = true
		}
	}
}

// cssSelectors returns the preludes of the style rules of css, at any
// depth.
func cssSelectors(css string) []string {
	var out []string
	for i := 0; i < len(css); {
		switch c := css[i]; {
		case strings.HasPrefix(css[i:], "/*"):
			i = skipComment(css, i)
		case isSpaceByte(c) || c == '}' || c == ';':
			i++
		default:
			end, open, closed := statementEnd(css, i)
			if open >= 0 {
				block := css[open+1 : end]
				if closed {
					block = css[open+1 : end-1]
				}
				if c != '@' {
					out = append(out, css[i:open])
				}
				out = append(out, cssSelectors(block)...)
			}
			i = end
		}
	}
	return out
}

// selectorClasses returns every class a selector names, under :not() and
// the like too.
func selectorClasses(sel string) []string {
	var out []string
	for j := 0; j < len(sel); j++ {
		switch sel[j] {
		case '\\':
			_, n := decodeEscape(sel[j:])
			j += n - 1
		case '"', '\'':
			j = skipString(sel, j) - 1
		case '.':
			if name, n := readIdent(sel[j+1:]); n > 0 {
				out = append(out, name)
				j += n
			}
		}
	}
	return out
}

// addGenerated takes the classes the generator's Go code writes
// (generatedClasses), the classes of chroma's highlighted code, and those
// of NHS.UK frontend's icons that callouts draw, read from the installed
// package as callout reads them.
func (s *classSet) addGenerated(site fs.FS) {
	for _, c := range generatedClasses {
		s.words[c] = true
	}
	s.prefixes = append(s.prefixes, generatedPrefixes...)
	for _, c := range chroma.StandardTypes {
		s.words[c] = true
	}
	if icons, err := callout.LoadIcons(site); err == nil {
		// Without the icons the build fails at the callouts anyway.
		s.addText(icons.Tick + "\n" + icons.Cross)
	}
}

// ContentClasses returns the classes the Markdown body gives its
// headings ("## Heading {.nhsuk-u-visually-hidden}"), sorted: the words
// inside the last {…} of every line ending with "}" (and any closing #s).
// It takes more than Markdown would (a line of code ending in "}"), never
// less, so the stylesheet never lacks a rule a heading needs.
func ContentClasses(body []byte) []string {
	var out []string
	if bytes.IndexByte(body, '}') < 0 {
		return nil // most pages: one fast look
	}
	for len(body) > 0 {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		t := bytes.TrimRight(line, " \t\r#")
		if !bytes.HasSuffix(t, []byte("}")) {
			continue
		}
		open := bytes.LastIndexByte(t, '{')
		if open < 0 {
			continue
		}
		inner := t[open+1 : len(t)-1]
		for i := 0; i < len(inner); {
			if !isWordByte(inner[i]) {
				i++
				continue
			}
			j := i
			for j < len(inner) && isWordByte(inner[j]) {
				j++
			}
			out = append(out, string(inner[i:j]))
			i = j
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// classesFor gathers the class set of a build: the layouts of the site
// and its theme, the built scripts, the site's own stylesheets (own), the
// generator's classes and content's headings' (opts.ContentClasses); own
// are the classes the site's own stylesheets name (ownClasses).
func classesFor(opts Options, src string, scripts []string, own []string) (*classSet, error) {
	s := newClassSet()
	root, err := os.OpenRoot(src)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	dirs := []string{"layouts"}
	if opts.Theme != "" {
		dirs = append(dirs, path.Join("themes", opts.Theme, "layouts"))
	}
	if err := s.addLayouts(root.FS(), dirs); err != nil {
		return nil, fmt.Errorf("reading the layouts: %w", err)
	}
	for _, js := range scripts {
		s.addScript(js)
	}
	for _, c := range own {
		s.words[c] = true
	}
	s.addGenerated(root.FS())
	for _, c := range opts.ContentClasses {
		s.words[c] = true
	}
	for _, list := range []*[]string{&s.prefixes, &s.suffixes} {
		slices.Sort(*list)
		*list = slices.Compact(*list)
	}
	return s, nil
}
