package bundle

import "strings"

// removeRemoteFontFaces returns css without the @font-face rules whose fonts
// all come from another origin (every url() in the rule starts with http://,
// https:// or //), and how many rules it removed.
//
// Why: NHS.UK frontend's compiled CSS loads Frutiger from assets.nhs.uk. The
// site's Content-Security-Policy (font-src 'self') would block the request
// anyway, and the font's licence does not allow copying it, so the rule is
// dead weight that would also trip the no-remote-URL check. A rule mixing
// local and remote files is kept, so that the remote part is reported
// rather than silently lost.
//
// The scan understands comments and quoted strings, which is all it needs to
// find rule boundaries; it does not otherwise parse CSS, and returns its
// input unchanged when it finds nothing to remove.
func removeRemoteFontFaces(css string) (string, int) {
	var b strings.Builder
	removed := 0
	last := 0 // css[last:i] is yet to be copied
	for i := 0; i < len(css); {
		switch {
		case strings.HasPrefix(css[i:], "/*"):
			i = skipComment(css, i)
		case css[i] == '"' || css[i] == '\'':
			i = skipString(css, i)
		case css[i] == '@' && hasPrefixFold(css[i:], "@font-face"):
			open := findBrace(css, i)
			if open < 0 {
				return finish(&b, css, last, removed)
			}
			end := matchBrace(css, open)
			if urlsAllRemote(css[open+1 : end]) {
				b.WriteString(css[last:i])
				removed++
				last = min(end+1, len(css))
			}
			i = min(end+1, len(css))
		default:
			i++
		}
	}
	return finish(&b, css, last, removed)
}

func finish(b *strings.Builder, css string, last, removed int) (string, int) {
	if removed == 0 {
		return css, 0
	}
	b.WriteString(css[last:])
	return b.String(), removed
}

// skipComment returns the index just after the comment starting at i (or
// the end of css when the comment is not closed).
func skipComment(css string, i int) int {
	end := strings.Index(css[i+2:], "*/")
	if end < 0 {
		return len(css)
	}
	return i + 2 + end + 2
}

// skipString returns the index just after the quoted string starting at i.
func skipString(css string, i int) int {
	q := css[i]
	for j := i + 1; j < len(css); j++ {
		switch css[j] {
		case '\\':
			j++
		case q, '\n':
			return j + 1
		}
	}
	return len(css)
}

// findBrace returns the index of the "{" opening the rule that starts at i,
// or -1 if a ";" (a malformed statement) or the end comes first.
func findBrace(css string, i int) int {
	for i < len(css) {
		switch {
		case strings.HasPrefix(css[i:], "/*"):
			i = skipComment(css, i)
		case css[i] == '"' || css[i] == '\'':
			i = skipString(css, i)
		case css[i] == '{':
			return i
		case css[i] == ';':
			return -1
		default:
			i++
		}
	}
	return -1
}

// matchBrace returns the index of the "}" closing the "{" at open, or
// len(css) when the block runs to the end.
func matchBrace(css string, open int) int {
	depth := 0
	for i := open; i < len(css); {
		switch {
		case strings.HasPrefix(css[i:], "/*"):
			i = skipComment(css, i)
			continue
		case css[i] == '"' || css[i] == '\'':
			i = skipString(css, i)
			continue
		case css[i] == '{':
			depth++
		case css[i] == '}':
			depth--
			if depth == 0 {
				return i
			}
		}
		i++
	}
	return len(css)
}

// urlsAllRemote reports whether body has at least one url() and every url()
// in it points to another origin.
func urlsAllRemote(body string) bool {
	found := false
	for i := 0; i < len(body); i++ {
		if !hasPrefixFold(body[i:], "url(") {
			continue
		}
		found = true
		rest := strings.TrimLeft(body[i+4:], " \t\r\n\f\"'")
		if !isRemote(rest) {
			return false
		}
	}
	return found
}

// isRemote reports whether a URL names another origin: it has a scheme
// followed by "//" (http://, https://) or is protocol-relative ("//host").
func isRemote(u string) bool {
	if strings.HasPrefix(u, "//") {
		return true
	}
	return hasPrefixFold(u, "http://") || hasPrefixFold(u, "https://")
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
