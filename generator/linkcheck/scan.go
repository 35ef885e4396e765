package linkcheck

import (
	"bytes"
	"html"
)

// ref is one URL found in an HTML file.
type ref struct {
	attr string // "href" or "src"
	url  string
	off  int // byte offset of the attribute value in the file
}

// page is what the checker needs of one HTML file: its element IDs and the
// URLs it refers to.
type page struct {
	ids  map[string]bool
	refs []ref
}

// scan finds id, name, href and src attributes. Plinth's HTML comes from
// html/template and goldmark, which always quote attribute values with
// double quotes and escape quotes in text as &#34;, so an attribute can be
// recognised by a space, its name and `="` without a full HTML parse; this
// keeps the check fast on sites of many thousands of pages. Other quoting
// (in hand-written static files) is also accepted.
func scan(data []byte) page {
	p := page{ids: map[string]bool{}}
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], '=')
		if j < 0 {
			break
		}
		eq := i + j
		i = eq + 1
		name := attrName(data, eq)
		switch name {
		case "id", "name", "href", "src":
		default:
			continue
		}
		if !inTag(data, eq) {
			continue
		}
		val, start, end := attrValue(data, eq+1)
		if end < 0 {
			continue
		}
		i = end
		v := html.UnescapeString(string(val))
		switch name {
		case "id", "name":
			p.ids[v] = true
		default:
			p.refs = append(p.refs, ref{attr: name, url: v, off: start})
		}
	}
	return p
}

// attrName returns the attribute name that ends just before data[eq]
// (which is '='), if it is preceded by whitespace.
func attrName(data []byte, eq int) string {
	k := eq
	for k > 0 && isNameByte(data[k-1]) {
		k--
	}
	if k == eq || k == 0 || !isSpace(data[k-1]) {
		return ""
	}
	return string(bytes.ToLower(data[k:eq]))
}

// inTag reports whether position i lies inside a tag, between attributes:
// the nearest '<' or '>' before it is a '<', and i is not inside a quoted
// attribute value (content="use src=x here" holds no src attribute).
func inTag(data []byte, i int) bool {
	for k := i - 1; k >= 0 && i-k < 4096; k-- {
		switch data[k] {
		case '<':
			return !inValue(data[k:i])
		case '>':
			return false
		}
	}
	return false
}

// inValue reports whether the end of tag, the start of a tag up to some
// point, lies inside a quoted attribute value: a quote opens a value only
// right after an '=' (spaces allowed between), and the same quote closes it.
func inValue(tag []byte) bool {
	var quote byte
	afterEq := false
	for _, c := range tag {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case (c == '"' || c == '\'') && afterEq:
			quote = c
			afterEq = false
		case c == '=':
			afterEq = true
		case !isSpace(c):
			afterEq = false
		}
	}
	return quote != 0
}

func attrValue(data []byte, i int) ([]byte, int, int) {
	if i >= len(data) {
		return nil, 0, -1
	}
	switch q := data[i]; q {
	case '"', '\'':
		end := bytes.IndexByte(data[i+1:], q)
		if end < 0 {
			return nil, 0, -1
		}
		return data[i+1 : i+1+end], i + 1, i + 2 + end
	default:
		k := i
		for k < len(data) && !isSpace(data[k]) && data[k] != '>' {
			k++
		}
		return data[i:k], i, k
	}
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_' || c == ':'
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }
