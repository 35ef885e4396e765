package policy

import (
	"bytes"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// layoutSource finds where the markup of a finding (see markupAt) was
// written in the layouts, with locate: first the whole tag or attribute as
// it appears in the output (literal markup in a layout is copied as it
// is), then, for an attribute whose value came from an action, its name
// and opening quote.
func layoutSource(markup []string, locate func(string) (diag.Pos, string, bool)) (diag.Pos, string, bool) {
	if locate == nil {
		return diag.Pos{}, "", false
	}
	for _, m := range markup {
		if pos, line, ok := locate(m); ok {
			return pos, line, true
		}
	}
	return diag.Pos{}, "", false
}

// markupAt returns the markup that starts at offset, longest first: a tag
// ("<script>") or an attribute (`onclick="go()"`, then `onclick="`).
func markupAt(data []byte, offset int) []string {
	if offset < 0 || offset >= len(data) {
		return nil
	}
	rest := data[offset:]
	if rest[0] == '<' {
		if end := bytes.IndexByte(rest, '>'); end > 0 && end < 400 {
			return []string{string(rest[:end+1])}
		}
		return nil
	}
	eq := bytes.IndexByte(rest, '=')
	if eq <= 0 || eq > 60 || eq+1 >= len(rest) {
		return nil
	}
	q := rest[eq+1]
	if q != '"' && q != '\'' {
		return nil
	}
	var out []string
	if end := bytes.IndexByte(rest[eq+2:], q); end >= 0 && end < 400 {
		out = append(out, string(rest[:eq+2+end+1]))
	}
	return append(out, string(rest[:eq+2]))
}
