// Package tomldecode decodes TOML strictly, with a position for every
// problem.
//
// BurntSushi/toml parses the text (a document of plain key = value lines,
// as most front matter is, is read by quick.go to the same values,
// faster); this package then maps the parsed values onto Go structs
// itself, because the people who edit Plinth's TOML files are not
// programmers and deserve messages such as
//
//	content/a.md:4:10: weight: expected a whole number, like 3, but found the text "three"
//
// at the key's own line, which toml's own type-mismatch errors do not carry
// as data. Unknown keys are errors too, with a suggestion for the likely typo.
//
// Struct fields are matched by their `toml:"name"` tag (or the field name
// with its first letter in lower case). The tag option "required" makes a
// missing key an error. A field whose type implements Unmarshaler or
// encoding.TextUnmarshaler decodes itself; its error is reported at the
// value's position. A field of type map[string]any or any receives the parsed
// value as is and is not checked for unknown keys (use it for free-form
// "params" tables).
package tomldecode

import (
	"errors"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/source"
	"github.com/plinth-ssg/plinth/generator/suggest"
)

// Unmarshaler is implemented by field types that decode themselves from a
// parsed TOML value: a string, int64, float64, bool, time.Time, []any or
// map[string]any. The returned error's text becomes the diagnostic's message
// (prefixed with the key), so it should be plain English.
type Unmarshaler interface {
	UnmarshalTOML(value any) error
}

// Hinter may be implemented by errors returned from UnmarshalTOML or
// UnmarshalText to attach a hint to the diagnostic.
type Hinter interface {
	Hint() string
}

// HintError is a convenient error carrying a hint.
type HintError struct{ Msg, HintText string }

func (e *HintError) Error() string { return e.Msg }

// Hint returns the hint text.
func (e *HintError) Hint() string { return e.HintText }

// Doc is a decoded TOML document that remembers where its keys and values
// are, so that later checks (a reference that points nowhere, say) can report
// at the right line and column.
type Doc struct {
	src   *diag.Source
	start int
	// text is the document, from start.
	text string
	// keys is where each key and value is, made when first asked (index):
	// only a document with a problem needs it, and making it was a third
	// of the time of decoding a page's front matter. Fields rather than a
	// sync.OnceValue, whose closures every page would keep.
	once sync.Once
	keys keyIndex
}

// index returns where each key and value of the document is.
func (d *Doc) index() keyIndex {
	d.once.Do(func() { d.keys = indexKeys(d.text, d.start) })
	return d.keys
}

// File decodes the whole of src into v, which must be a pointer to a struct.
func File(src *diag.Source, v any) (*Doc, diag.List) {
	return Decode(src, 0, len(src.Text), v)
}

// Decode decodes the bytes src.Text[start:end] into v, which must be a
// pointer to a struct. Positions are reported in src's numbering, so a caller
// decoding the front matter of a Markdown file gets the file's own lines.
// When the text is not valid TOML, the returned Doc is nil.
//
// Further struct pointers in more share the document's top-level keys with
// v: each receives the keys it declares, and a key is unknown only if none of
// them declares it. This is how a feature (the framework's standards, say)
// adds its own front-matter keys to the common ones.
func Decode(src *diag.Source, start, end int, v any, more ...any) (*Doc, diag.List) {
	// A file saved by a Windows editor may start with a byte-order mark;
	// the keys start after it.
	start += diag.SkipBOM(src.Text[start:end])
	// BurntSushi/toml's own words for a UTF-16 file ("files cannot contain
	// NULL bytes") came with a line of invisible characters and the hint
	// for a badly written key; a zero byte later in a file that is
	// otherwise UTF-8 is TOML's to report.
	if d, bad := source.NotUTF8(src, start, end); bad {
		return nil, diag.List{d}
	}
	text := string(src.Text[start:end])
	if at := tooDeep(text); at >= 0 {
		return nil, diag.List{src.At(src.Pos(start+at), "lists, tables or dotted keys are nested more than %d deep here", MaxNesting).
			WithHint("nothing on this site needs values nested this deeply; look for a [ or { that should not be there")}
	}
	raw, ok := quick(text)
	if !ok {
		raw = map[string]any{}
		if _, err := toml.Decode(text, &raw); err != nil {
			return nil, diag.List{parseError(src, start, err)}
		}
	}
	// The parsed values are not kept: v holds what was decoded, and a
	// page keeps its document (for positions) to the end of a build.
	doc := &Doc{src: src, start: start, text: text}
	d := &decoder{doc: doc}
	d.top(raw, append([]any{v}, more...))
	return doc, d.diags
}

// MaxNesting is how deeply lists, inline tables and dotted keys may nest.
// Real files need three or four levels; the limit is there because
// BurntSushi/toml takes time that grows with the square of the depth (4,000
// nested inline tables: 1.5 s; a key of 20,000 dotted parts: 24 s and 5 GB
// in a build), so a few kilobytes could stall a build.
const MaxNesting = 100

// tooDeep returns the offset of the first [, { or dot that nests more than
// MaxNesting deep, or -1. It runs before the document is parsed, so it must
// cope with any text: it skips strings and comments (so brackets and dots
// in them do not count) and stops at the end of an unterminated one. Dots
// are counted along a run of key parts ("a.b.c", quoted parts included);
// anything else ends the run, so a list of decimals does not add up.
func tooDeep(text string) int {
	depth, dots := 0, 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '"' || c == '\'':
			i = stringEnd(text, i) - 1
			continue // a quoted key part continues the run
		case c == '.':
			if dots++; dots > MaxNesting {
				return i
			}
			continue
		case isBare(c) || c == ' ' || c == '\t':
			continue
		case c == '#':
			for i < len(text) && text[i] != '\n' {
				i++
			}
		case c == '[' || c == '{':
			if depth++; depth > MaxNesting {
				return i
			}
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
		}
		dots = 0
	}
	return -1
}

// stringEnd returns the offset just after the string starting at text[i]
// (basic or literal, on one line or several), or len(text) if it never
// ends.
func stringEnd(text string, i int) int {
	q := text[i]
	if strings.HasPrefix(text[i:], strings.Repeat(string(q), 3)) {
		end := strings.Index(text[i+3:], strings.Repeat(string(q), 3))
		for q == '"' && end >= 0 && escaped(text, i+3+end) {
			next := strings.Index(text[i+3+end+1:], `"""`)
			if next < 0 {
				end = -1
				break
			}
			end += 1 + next
		}
		if end < 0 {
			return len(text)
		}
		// Up to two more quotes may belong to the string's content.
		j := i + 3 + end + 3
		for k := 0; k < 2 && j < len(text) && text[j] == q; k++ {
			j++
		}
		return j
	}
	for j := i + 1; j < len(text); j++ {
		switch text[j] {
		case '\\':
			if q == '"' {
				j++
			}
		case q:
			return j + 1
		case '\n':
			return j
		}
	}
	return len(text)
}

// escaped reports whether the byte at text[i] follows an odd number of
// backslashes.
func escaped(text string, i int) bool {
	n := 0
	for i-1-n >= 0 && text[i-1-n] == '\\' {
		n++
	}
	return n%2 == 1
}

func parseError(src *diag.Source, start int, err error) diag.Diagnostic {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return diag.Errorf(src.Pos(start), "this is not valid TOML: %v", err).
			WithHint("check the quotes, brackets and = signs near here")
	}
	p := src.Pos(start + pe.Position.Start)
	if d, ok := dateMistake(src, p.Line); ok {
		return d
	}
	if strings.Contains(pe.Message, "invalid datetime") {
		if d, ok := noSuchDate(src, p, start+pe.Position.Start); ok {
			return d
		}
	}
	msg := pe.Message
	if msg == "" {
		msg = "syntax error"
	}
	if strings.Contains(msg, "control character") {
		// TOML's words ("cannot contain control characters: '0x00'")
		// name a byte an editor cannot see.
		return src.At(p, "this line has an invisible control character here, which TOML files may not contain").
			WithHint(`delete it (it often comes with text pasted from another program); inside "text", write a tab as \t`)
	}
	d := src.At(p, "this is not valid TOML: %s", msg)
	return d.WithHint("%s", syntaxHint(pe))
}

func syntaxHint(pe toml.ParseError) string {
	m := strings.ToLower(pe.Message)
	switch {
	case strings.Contains(m, "newline"):
		return `text on one line goes in "double quotes"; text over several lines goes between """ and """`
	case strings.Contains(m, "out of range"):
		return "the number is too large (or too small) to be read: check it for extra digits, or put it in quotes if it is a code rather than a number"
	case strings.Contains(m, "to end table name"):
		return "close the name in brackets on the same line, like [[region]] or [params]"
	case strings.Contains(m, "cannot be used as an array"):
		return "each entry of a list starts with its name in two brackets, [[name]], every time; one written with one bracket, [name], cannot be mixed with them"
	case strings.Contains(m, "already been defined") || strings.Contains(m, "already"):
		return "each key may appear only once in a table; delete or rename the second one"
	case strings.Contains(m, "expected") && strings.Contains(m, "="):
		return `each line should look like key = "value"`
	case strings.Contains(m, "bare keys"):
		return "keys may use letters, digits, - and _ only; put other text in quotes"
	}
	return `each line should look like key = "value"; text goes in "double quotes", dates like 2024-06-01, lists like ["a", "b"]`
}

// Src returns the source the document was decoded from.
func (d *Doc) Src() *diag.Source { return d.src }

// Has reports whether the key path was written in the document.
func (d *Doc) Has(path ...string) bool {
	_, ok := d.index()[joinPath(path)]
	return ok
}

// KeyPos returns the position of the key at path (array elements use their
// decimal index as a path segment). Unknown paths fall back to their nearest
// known parent, and finally to the start of the document.
func (d *Doc) KeyPos(path ...string) diag.Pos {
	return d.src.Pos(d.lookup(path).key)
}

// ValuePos returns the position of the value at path, with the same
// fallbacks as KeyPos.
func (d *Doc) ValuePos(path ...string) diag.Pos {
	return d.src.Pos(d.lookup(path).value)
}

func (d *Doc) lookup(path []string) span {
	for n := len(path); n > 0; n-- {
		if sp, ok := d.index()[joinPath(path[:n])]; ok {
			return sp
		}
	}
	return span{key: d.start, value: d.start}
}

// Errorf returns an error diagnostic at the value of path, with the source
// line attached.
func (d *Doc) Errorf(path []string, format string, args ...any) diag.Diagnostic {
	return d.src.At(d.ValuePos(path...), format, args...)
}

// Start returns the position at which the document starts.
func (d *Doc) Start() diag.Pos { return d.src.Pos(d.start) }

// suggest returns the known name closest to name, if it is close enough to
// be a likely typo.
func nearest(name string, known []string) string { return suggest.Nearest(name, known, 2) }
