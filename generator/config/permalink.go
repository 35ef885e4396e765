package config

import (
	"fmt"
	"slices"
	"strings"
)

// permalinkTokens are the placeholders a permalink pattern may use:
//
//	:section   the page's top-level section ("guidance")
//	:sections  all of the page's section folders ("framework/2021")
//	:slug      the page's slug, or its file name when it has none
//	:filename  the page's file name without extension (the folder name for a bundle)
//	:year, :month, :day  from the page's date (four and two digits)
var permalinkTokens = []string{":sections", ":section", ":slug", ":filename", ":year", ":month", ":day"}

// CheckPermalink returns a plain-English problem with a permalink pattern,
// or "" if it is usable.
func CheckPermalink(pattern string) string {
	if !strings.HasPrefix(pattern, "/") || !strings.HasSuffix(pattern, "/") {
		return fmt.Sprintf("%q must start and end with /", pattern)
	}
	for _, seg := range strings.Split(strings.Trim(pattern, "/"), "/") {
		if seg == "" || seg == "." || seg == ".." {
			return fmt.Sprintf("%q has an empty, . or .. segment", pattern)
		}
		for rest := seg; ; {
			i := strings.IndexByte(rest, ':')
			if i < 0 {
				break
			}
			rest = rest[i:]
			tok := tokenAt(rest)
			if tok == "" {
				return fmt.Sprintf("%q uses an unknown token at %q", pattern, rest)
			}
			rest = rest[len(tok):]
		}
	}
	if !strings.Contains(pattern, ":slug") && !strings.Contains(pattern, ":filename") {
		return fmt.Sprintf("%q has no :slug or :filename, so every page of the section would get the same URL", pattern)
	}
	return ""
}

func tokenAt(s string) string {
	for _, t := range permalinkTokens {
		if strings.HasPrefix(s, t) {
			return t
		}
	}
	return ""
}

// PermalinkValues are the values substituted into a permalink pattern.
type PermalinkValues struct {
	Section, Sections, Slug, Filename string
	Year, Month, Day                  string
}

// ExpandPermalink substitutes the values into a pattern that CheckPermalink
// accepted.
func ExpandPermalink(pattern string, v PermalinkValues) string {
	var b strings.Builder
	for rest := pattern; rest != ""; {
		i := strings.IndexByte(rest, ':')
		if i < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:i])
		rest = rest[i:]
		tok := tokenAt(rest)
		if tok == "" {
			b.WriteByte(':')
			rest = rest[1:]
			continue
		}
		b.WriteString(map[string]string{
			":sections": v.Sections, ":section": v.Section, ":slug": v.Slug, ":filename": v.Filename,
			":year": v.Year, ":month": v.Month, ":day": v.Day,
		}[tok])
		rest = rest[len(tok):]
	}
	out := b.String()
	// An empty token (a page with no date, say) must not leave "//".
	for strings.Contains(out, "//") {
		out = strings.ReplaceAll(out, "//", "/")
	}
	return out
}

// PermalinkTokens lists the tokens, for documentation and hints.
func PermalinkTokens() []string { return slices.Clone(permalinkTokens) }
