package bundle

import (
	"crypto/sha256"
	"encoding/base32"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/plinth-ssg/plinth/generator/site"
)

// pruneCSS returns css without the style rules that can never match a page
// of the site, and without the selectors, in a rule's list, that can never
// match. may reports whether a page can carry a class.
//
// Why: NHS.UK frontend ships one compiled stylesheet for every component
// (290 KB minified); a site uses a fraction of them, and the stylesheet
// blocks the first paint of every page, which on a phone on a slow
// connection is seconds.
//
// A selector can never match when it needs, in one of its compound
// selectors (outside any parenthesis, so never under :not() or :has()),
// a class that no page can carry. Nothing else is taken as proof: element
// names, IDs and attributes are left alone. A rule is dropped when every
// selector of its list is proven dead; otherwise only the dead selectors
// are taken out of the list, and only those whose syntax every browser
// understands (universal): a browser drops a whole rule when one of its
// selectors is invalid to it, so removing a ::-ms-clear selector that
// never matched could make a rule that Chromium ignored apply. At-rules
// that group rules (@media, @supports, @container, @layer, @starting-style)
// are pruned inside and dropped when left empty (except @layer, whose
// mere presence orders the layers); every other at-rule (@font-face,
// @keyframes, @page, @property, @import) is kept as it is, and print
// rules are pruned as screen rules are: a class no page carries is not
// carried when it prints either.
//
// The scanner understands comments, strings, escapes and nesting of
// brackets, which is all it needs to find rules and selectors in
// esbuild's output; it does not otherwise parse CSS.
func pruneCSS(css string, may func(class string) bool) string {
	var b strings.Builder
	b.Grow(len(css))
	pruneRules(&b, css, may)
	return b.String()
}

// groupingRules are the at-rules whose block holds rules.
var groupingRules = map[string]bool{"media": true, "supports": true, "container": true, "layer": true, "starting-style": true}

// pruneRules writes the rules of css (a style sheet or the block of a
// grouping at-rule) to b, without those that can never match.
func pruneRules(b *strings.Builder, css string, may func(string) bool) {
	for i := 0; i < len(css); {
		switch c := css[i]; {
		case strings.HasPrefix(css[i:], "/*"):
			end := skipComment(css, i)
			b.WriteString(css[i:end])
			i = end
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '}' || c == ';':
			b.WriteByte(c)
			i++
		default:
			end, open, closed := statementEnd(css, i)
			if open < 0 {
				// A statement at-rule (@import, @charset, @layer a,b;)
				// or text that is not a rule: kept as it is.
				b.WriteString(css[i:end])
				i = end
				continue
			}
			prelude, block := css[i:open], css[open+1:end]
			if closed {
				block = css[open+1 : end-1]
			}
			if c == '@' {
				name := strings.ToLower(atName(prelude))
				if !groupingRules[name] {
					b.WriteString(css[i:end])
					i = end
					continue
				}
				var inner strings.Builder
				pruneRules(&inner, block, may)
				if strings.TrimSpace(inner.String()) != "" || name == "layer" || strings.TrimSpace(block) == "" {
					b.WriteString(prelude)
					b.WriteByte('{')
					b.WriteString(inner.String())
					if closed {
						b.WriteByte('}')
					}
				}
				i = end
				continue
			}
			if kept, ok := pruneSelectors(prelude, may); ok {
				b.WriteString(kept)
				b.WriteString(css[open:end])
			}
			i = end
		}
	}
}

// statementEnd returns the end of the statement starting at i (just after
// its block's "}" or its ";"), the index of the "{" opening its block, or
// -1 for a statement without one, and whether the block is closed (a
// block left open runs to the end of the text).
func statementEnd(css string, i int) (end, open int, closed bool) {
	depth := 0 // of ( and [
	for j := i; j < len(css); {
		if k := skipOpaque(css, j); k != j {
			j = k
			continue
		}
		switch c := css[j]; {
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth = max(depth-1, 0)
		case c == ';' && depth == 0:
			return j + 1, -1, false
		case c == '}' && depth == 0:
			// A stray "}" ends the text before it.
			return j, -1, false
		case c == '{' && depth == 0:
			if m := matchBrace(css, j); m < len(css) {
				return m + 1, j, true
			}
			return len(css), j, false
		}
		j++
	}
	return len(css), -1, false
}

// atName returns the name of the at-rule whose prelude is given, without
// the "@".
func atName(prelude string) string {
	j := 1
	for j < len(prelude) && isNameByte(prelude[j]) {
		j++
	}
	return prelude[1:j]
}

// pruneSelectors returns the selector list without its selectors that can
// never match (those whose syntax every browser knows), and false when
// none of them can match.
func pruneSelectors(list string, may func(string) bool) (string, bool) {
	sels := splitTop(list, ',')
	var kept []string
	live := false
	for _, sel := range sels {
		alive := true
		for _, class := range requiredClasses(sel) {
			if !may(class) {
				alive = false
				break
			}
		}
		live = live || alive
		if alive || !universal(sel) {
			kept = append(kept, sel)
		}
	}
	if !live {
		return "", false
	}
	if len(kept) == len(sels) {
		return list, true
	}
	for i := range kept {
		kept[i] = strings.TrimSpace(kept[i])
	}
	return strings.Join(kept, ","), true
}

// skipOpaque returns the index just after the comment, quoted string or
// escaped character starting at j, or j when none starts there: what a
// scan for CSS punctuation steps over whole.
func skipOpaque(s string, j int) int {
	switch {
	case strings.HasPrefix(s[j:], "/*"):
		return skipComment(s, j)
	case s[j] == '"' || s[j] == '\'':
		return skipString(s, j)
	case s[j] == '\\':
		return j + 2
	}
	return j
}

// splitTop splits s at every sep outside brackets, strings and escapes.
func splitTop(s string, sep byte) []string {
	var parts []string
	depth, last := 0, 0
	for j := 0; j < len(s); {
		if k := skipOpaque(s, j); k != j {
			j = k
			continue
		}
		switch c := s[j]; {
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth = max(depth-1, 0)
		case c == sep && depth == 0:
			parts = append(parts, s[last:j])
			last = j + 1
		}
		j++
	}
	return append(parts, s[last:])
}

// requiredClasses returns the classes a selector's compound selectors
// need, outside any bracket: ".a:not(.b) .c" needs a and c. Escapes are
// decoded (".\:focus" needs the class ":focus").
func requiredClasses(sel string) []string {
	var out []string
	depth := 0
	for j := 0; j < len(sel); {
		switch c := sel[j]; {
		case strings.HasPrefix(sel[j:], "/*"):
			j = skipComment(sel, j)
			continue
		case c == '"' || c == '\'':
			j = skipString(sel, j)
			continue
		case c == '\\':
			_, n := decodeEscape(sel[j:])
			j += n
			continue
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth = max(depth-1, 0)
		case c == '.' && depth == 0:
			name, n := readIdent(sel[j+1:])
			if n > 0 {
				out = append(out, name)
				j += 1 + n
				continue
			}
		}
		j++
	}
	return out
}

// readIdent reads a CSS identifier at the start of s and returns it with
// its escapes decoded, and the bytes it took.
func readIdent(s string) (string, int) {
	var b strings.Builder
	j := 0
	for j < len(s) {
		c := s[j]
		switch {
		case c == '\\':
			r, n := decodeEscape(s[j:])
			if n < 2 {
				return b.String(), j
			}
			b.WriteRune(r)
			j += n
		case isNameByte(c) || c >= utf8.RuneSelf:
			b.WriteByte(c)
			j++
		default:
			return b.String(), j
		}
	}
	return b.String(), j
}

// decodeEscape decodes the CSS escape at the start of s ("\3A " or "\:")
// and returns the character and the bytes it took.
func decodeEscape(s string) (rune, int) {
	if len(s) < 2 {
		return utf8.RuneError, len(s)
	}
	j, v := 1, rune(0)
	for j < len(s) && j < 7 && isHex(s[j]) {
		v = v*16 + rune(hexValue(s[j]))
		j++
	}
	if j > 1 {
		if j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
			j++
		}
		if v == 0 || v > utf8.MaxRune {
			v = utf8.RuneError
		}
		return v, j
	}
	r, n := utf8.DecodeRuneInString(s[1:])
	return r, 1 + n
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

func hexValue(c byte) int {
	switch {
	case c <= '9':
		return int(c - '0')
	case c >= 'a':
		return int(c-'a') + 10
	default:
		return int(c-'A') + 10
	}
}

// isNameByte reports whether c is an ASCII byte of a CSS name.
func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

// universalPseudo are the pseudo-classes and pseudo-elements that every
// browser the site supports (and those before them, back to CSS 3) parses:
// a selector using only these is never the reason a browser drops a rule.
var universalPseudo = map[string]bool{
	"hover": true, "focus": true, "active": true, "visited": true, "link": true,
	"first-child": true, "last-child": true, "only-child": true,
	"first-of-type": true, "last-of-type": true, "only-of-type": true,
	"nth-child": true, "nth-last-child": true, "nth-of-type": true, "nth-last-of-type": true,
	"empty": true, "checked": true, "disabled": true, "enabled": true, "root": true, "target": true,
	"before": true, "after": true, "first-line": true, "first-letter": true, "not": true,
}

// pseudoElements are the pseudo-elements allowed after "::" in a universal
// selector.
var pseudoElements = map[string]bool{"before": true, "after": true, "first-line": true, "first-letter": true}

var (
	// universalAttr is an attribute selector of CSS 2 and 3, without the
	// case flags of Selectors 4.
	universalAttr = regexp.MustCompile(`^\s*[-\w]+\s*(?:[~|^$*]?=\s*(?:"[^"\\]*"|'[^'\\]*'|[-\w]+)\s*)?$`)
	// nthArgument is the argument of :nth-child() and its kin in CSS 3
	// (without Selectors 4's "of S").
	nthArgument = regexp.MustCompile(`^\s*(?i:odd|even|[+-]?\d*n?\s*(?:[+-]\s*\d+)?)\s*$`)
)

// universal reports whether every browser parses sel (see
// universalPseudo): only names, classes, IDs, *, CSS 2 attribute
// selectors, the descendant, child and sibling combinators, and the
// pseudo-classes and -elements of CSS 3, :not() holding one simple
// selector.
func universal(sel string) bool { return universalIn(sel, true) }

func universalIn(sel string, allowNot bool) bool {
	for j := 0; j < len(sel); {
		c := sel[j]
		switch {
		case c == '\\':
			_, n := decodeEscape(sel[j:])
			j += n
		case isNameByte(c) || c >= utf8.RuneSelf || strings.IndexByte(".#*>+~ \t\n\r\f", c) >= 0:
			j++
		case c == '[':
			end := strings.IndexByte(sel[j:], ']')
			if end < 0 || !universalAttr.MatchString(sel[j+1:j+end]) {
				return false
			}
			j += end + 1
		case c == ':':
			k := j + 1
			element := k < len(sel) && sel[k] == ':'
			if element {
				k++
			}
			name, n := readIdent(sel[k:])
			name = strings.ToLower(name)
			if n == 0 || !universalPseudo[name] || element && !pseudoElements[name] {
				return false
			}
			j = k + n
			if j < len(sel) && sel[j] == '(' {
				arg, rest, ok := parenArg(sel[j:])
				if !ok {
					return false
				}
				switch {
				case strings.HasPrefix(name, "nth-"):
					if !nthArgument.MatchString(arg) {
						return false
					}
				case name == "not":
					if !allowNot || !simpleSelector(arg) || !universalIn(arg, false) {
						return false
					}
				default:
					return false
				}
				j += len(sel[j:]) - len(rest)
			} else if name == "not" || strings.HasPrefix(name, "nth-") {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// parenArg splits "(arg)rest" into arg and rest.
func parenArg(s string) (arg, rest string, ok bool) {
	depth := 0
	for j := 0; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return s[1:j], s[j+1:], true
			}
		}
	}
	return "", "", false
}

// simpleSelector reports whether s is one simple selector, as CSS 3's
// :not() requires: a name, *, one class, one ID, one attribute selector
// or one pseudo-class.
func simpleSelector(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	starts := 0
	for j := 0; j < len(s); j++ {
		c := s[j]
		switch {
		case c == '\\':
			j++
		case c == '.' || c == '#' || c == '[' || c == ':' && (j == 0 || s[j-1] != ':'):
			starts++
		case c == ' ' || c == '>' || c == '+' || c == '~' || c == ',' || c == '(':
			return false
		}
		if c == '[' {
			end := strings.IndexByte(s[j:], ']')
			if end < 0 {
				return false
			}
			j += end
		}
	}
	first := s[0]
	if first != '.' && first != '#' && first != '[' && first != ':' {
		starts++ // a name or *
	}
	return starts == 1
}

// prune takes out of the built stylesheets the rules of npm packages that
// no page of the site can match (pruneCSS), with the classes pages may
// carry gathered by classesFor; own are the classes the site's own
// stylesheets name, whose rules are all kept. A pruned stylesheet gets a
// name from its new bytes, so that a browser never keeps the old bytes
// under the new name, and the manifest follows it. When the classes
// cannot be known (a layout that cannot be read, or one that writes a
// whole class from a value), res is returned as it is.
//
// It runs on every build, after the disk cache: what it reads (the
// layouts, the content's classes) changes far more often than what esbuild
// reads, and it takes a few milliseconds.
func prune(res Result, own []string, opts Options, src string) Result {
	if opts.KeepUnused {
		return res
	}
	var scripts []string
	for _, f := range res.Files {
		if strings.HasSuffix(f.Path, ".js") {
			scripts = append(scripts, string(f.Data))
		}
	}
	set, err := classesFor(opts, src, scripts, own)
	if err != nil || set.anyWhy != "" {
		return res
	}
	out := Result{Files: slices.Clone(res.Files), Manifest: maps.Clone(res.Manifest), Cached: res.Cached}
	renamed := map[string]string{}
	for i, f := range out.Files {
		if !strings.HasSuffix(f.Path, ".css") {
			continue
		}
		css := pruneCSS(string(f.Data), set.may)
		if css == string(f.Data) {
			continue
		}
		p := hashedName(f.Path, []byte(css))
		renamed[f.Path] = p
		out.Files[i] = site.File{Path: p, Data: []byte(css), Source: f.Source}
	}
	for name, a := range out.Manifest {
		if p, ok := renamed[a.URL]; ok {
			for _, f := range out.Files {
				if f.Path == p {
					out.Manifest[name] = Asset{URL: p, Integrity: Integrity(f.Data)}
				}
			}
		}
	}
	slices.SortFunc(out.Files, func(a, b site.File) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// hashedName replaces the hash in an output's name ("css/main.6SGSUMO2.css",
// esbuild's [name].[hash]) by one of data, in esbuild's alphabet and length.
func hashedName(p string, data []byte) string {
	sum := sha256.Sum256(data)
	hash := base32.StdEncoding.EncodeToString(sum[:5])
	dir, file := path.Split(p)
	ext := path.Ext(file)
	stem := strings.TrimSuffix(file, ext)
	if i := strings.LastIndexByte(stem, '.'); i >= 0 {
		stem = stem[:i]
	}
	return dir + stem + "." + hash + ext
}

// ownClasses returns, sorted, the classes named by the stylesheets among
// inputs (slash paths relative to src) that are the site's or its theme's
// rather than an npm package's, and by the highlighting stylesheet.
func ownClasses(src string, inputs []string, chromaCSS string) ([]string, error) {
	s := newClassSet()
	s.addCSS(chromaCSS)
	for _, in := range inputs {
		if !strings.HasSuffix(in, ".css") || in == chromaModule {
			continue
		}
		abs := filepath.Join(src, filepath.FromSlash(in))
		if packageRoot(abs) != "" {
			continue
		}
		data, err := os.ReadFile(abs)
		if err != nil {
			return nil, err
		}
		s.addCSS(string(data))
	}
	return slices.Sorted(maps.Keys(s.words)), nil
}
