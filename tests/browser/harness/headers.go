package harness

import (
	"net/http"
	"net/textproto"
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// HeadersFile is the name of the Netlify-style headers file at the site root.
const HeadersFile = "_headers"

// HeaderRule is one block of a _headers file: a path pattern and the headers
// sent with every response whose path matches it.
type HeaderRule struct {
	// Pattern is a site-relative path starting with "/". A final "/*" (or a
	// bare "*" segment at the end) matches everything below; a ":name"
	// segment matches any one segment.
	Pattern string
	// Header holds the headers in the order written, keys canonicalised.
	Header http.Header
	// Line is where the pattern was written, for messages.
	Line int
}

// HeaderRules is a parsed _headers file.
type HeaderRules []HeaderRule

// ParseHeaders parses a Netlify-style _headers file:
//
//	# comment
//	/*
//	  Content-Security-Policy: default-src 'none'; script-src 'self'
//	  X-Content-Type-Options: nosniff
//	/assets/*
//	  Cache-Control: public, max-age=31536000, immutable
//
// A line starting at the left margin is a path pattern; an indented
// "Name: value" line is a header of the pattern above it. Every malformed
// line is reported, not just the first; the rules parsed from the good lines
// are returned either way.
func ParseHeaders(name string, text []byte) (HeaderRules, diag.List) {
	src := diag.NewSource(name, text)
	var (
		rules HeaderRules
		diags diag.List
	)
	lines := strings.Split(string(text), "\n")
	for i, raw := range lines {
		n := i + 1
		line := strings.TrimRight(raw, "\r")
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		indented := line[0] == ' ' || line[0] == '\t'
		if !indented {
			if !strings.HasPrefix(trimmed, "/") {
				diags.Add(src.At(src.LineCol(n, 1), "a path in %s must start with \"/\", found %q", name, trimmed).
					WithHint("write the path of the pages the headers apply to, for example \"/*\" for every page, at the start of the line; indent header lines under it"))
				continue
			}
			if strings.ContainsAny(trimmed, " \t") {
				diags.Add(src.At(src.LineCol(n, 1), "a path in %s must not contain spaces, found %q", name, trimmed).
					WithHint("put each header on its own indented line under the path"))
				continue
			}
			rules = append(rules, HeaderRule{Pattern: trimmed, Header: http.Header{}, Line: n})
			continue
		}
		col := len(line) - len(strings.TrimLeft(line, " \t")) + 1
		key, value, ok := strings.Cut(trimmed, ":")
		key = strings.TrimSpace(key)
		value = strings.TrimSpace(value)
		switch {
		case len(rules) == 0:
			diags.Add(src.At(src.LineCol(n, col), "header line before any path in %s", name).
				WithHint("start the file with a path line such as \"/*\" at the left margin, then indent the headers under it"))
		case !ok || key == "" || !validHeaderName(key):
			diags.Add(src.At(src.LineCol(n, col), "expected an indented \"Name: value\" header line, found %q", trimmed).
				WithHint("header names are letters, digits and dashes followed by a colon, for example \"X-Content-Type-Options: nosniff\""))
		default:
			rules[len(rules)-1].Header.Add(textproto.CanonicalMIMEHeaderKey(key), value)
		}
	}
	return rules, diags
}

func validHeaderName(s string) bool {
	for _, r := range s {
		ok := r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !ok {
			return false
		}
	}
	return true
}

// Apply adds to h the headers of every rule whose pattern matches the
// site-relative path p. When several rules set the same header the values
// accumulate, as Netlify combines them; for Content-Security-Policy that means
// every policy is enforced.
func (rs HeaderRules) Apply(h http.Header, p string) {
	for _, r := range rs {
		if !matchPattern(r.Pattern, p) {
			continue
		}
		for k, vs := range r.Header {
			for _, v := range vs {
				h.Add(k, v)
			}
		}
	}
}

// matchPattern reports whether the site-relative path p matches a _headers
// pattern. Segments compare exactly; ":name" matches one non-empty segment; a
// final "*" matches the rest of the path, including nothing.
func matchPattern(pattern, p string) bool {
	ps := strings.Split(strings.TrimPrefix(pattern, "/"), "/")
	xs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, seg := range ps {
		if seg == "*" && i == len(ps)-1 {
			return true
		}
		if i >= len(xs) {
			return false
		}
		switch {
		case strings.HasPrefix(seg, ":") && len(seg) > 1:
			if xs[i] == "" {
				return false
			}
		case seg != xs[i]:
			return false
		}
	}
	return len(ps) == len(xs)
}
