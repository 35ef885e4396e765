package feedback

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/diag"
)

// MaxCell is the most characters of a text cell of an entry. What
// learners said, what was done and its outcome are a paragraph each (the
// example's longest cell has 171 characters), and each is shown on the
// entry's page, in the lists, facets and feeds of entries and in the
// search index: one 10 MB cell pasted by mistake took 9 s and 1 GB to
// build and check, where it should be an error at the cell.
const MaxCell = 5000

// checkText refuses a text cell longer than MaxCell, and runs the
// identifier scan's matcher over every other text cell of the row, so
// that a provider's name or personal data is reported at the cell that
// holds it, before any page is made from it.
func (r *reader) checkText(row dataset.Row) {
	for _, c := range r.spec.Columns {
		if c.Type != dataset.TypeString {
			continue
		}
		v := row.Get(c.Name)
		if v.IsEmpty() {
			continue
		}
		if n := utf8.RuneCountInString(v.Text()); n > MaxCell {
			r.l.Add(r.src.At(v.Pos, "column %q in %s is %d characters long; a cell may have at most %d", c.Name, where(row.Pos), n, MaxCell).
				WithHint("each cell is a paragraph shown on the entry's page and in the lists of entries; keep it to a few sentences, and check that nothing else was pasted into it"))
			continue
		}
		if r.scanner == nil {
			continue
		}
		for _, h := range r.scanner.Text(v.Text()) {
			pos := v.Pos
			if !c.List {
				pos = cellPos(r.src, v.Pos, h.Offset)
			}
			if h.Pattern == 0 {
				r.l.Add(r.src.At(pos, "column %q in %s names %q, an identifying value from %s", c.Name, where(row.Pos), h.Text, h.Origin).
					WithHint("entries are published as written: never name a provider, site, ward or person; write \"a provider in the region\" or \"the team\" instead. " +
						"If this text is public on purpose, add it exactly as written to the scan's allow-list ([scan] allow in site.toml)"))
				continue
			}
			r.l.Add(r.src.At(pos, "column %q in %s contains %q, which looks like %s", c.Name, where(row.Pos), h.Text, h.Pattern).
				WithHint("entries must not hold personal data: remove it. If it is public on purpose (a general enquiries address, say), add it exactly as written to the scan's allow-list ([scan] allow in site.toml)"))
		}
	}
}

// cellPos finds the position of byte offset off of a cell's value in a
// CSV file: after the cell's opening quote and leading white space, counting a
// doubled quote "" and a CRLF line ending as the one character the value
// holds. For a file that is not CSV it returns the cell's position.
func cellPos(src *diag.Source, cell diag.Pos, off int) diag.Pos {
	if src == nil || !strings.HasSuffix(src.Name, ".csv") || cell.Line < 1 {
		return cell
	}
	text := src.Text
	i := src.LineStart(cell.Line)
	for range cell.Col - 1 { // Col counts characters
		if i >= len(text) {
			return cell
		}
		_, size := utf8.DecodeRune(text[i:])
		i += size
	}
	quoted := i < len(text) && text[i] == '"'
	if quoted {
		i++
	}
	for i < len(text) { // the loader trims the value as strings.TrimSpace does
		r, size := utf8.DecodeRune(text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	for k := 0; k < off && i < len(text); k++ {
		switch {
		case quoted && text[i] == '"' && i+1 < len(text) && text[i+1] == '"':
			i += 2
		case text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n':
			i += 2
		default:
			i++
		}
	}
	return src.Pos(i)
}
