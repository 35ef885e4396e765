package harness

import (
	"bytes"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// CheckStaticSite runs the browser-free checks over every HTML and CSS file
// in fsys and returns the findings by file (slash path relative to the root).
// Files without findings are absent from the map.
//
// These checks overlap generator/policy on purpose (fetchingRels, urlsIn and
// the list of URL attributes are written again here): the harness is a
// second opinion that parses with golang.org/x/net/html rather than the
// generator's own tokenizer, so a fault in policy cannot hide itself from
// the test that is meant to catch it.
func CheckStaticSite(fsys fs.FS) (map[string][]Finding, error) {
	out := map[string][]Finding{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		var check func(string, []byte) []Finding
		switch path.Ext(p) {
		case ".html":
			check = CheckStaticHTML
		case ".css":
			check = CheckStaticCSS
		default:
			return nil
		}
		text, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		if found := check(p, text); len(found) > 0 {
			out[p] = found
		}
		return nil
	})
	return out, err
}

// CheckStaticHTML checks one built HTML file, without a browser, for what a
// strict Content-Security-Policy forbids and for resources fetched from other
// sites:
//
//   - a <script> without src, unless it is a type="application/json" data
//     island; event-handler attributes (onclick=…) and javascript: URLs;
//   - a style="…" attribute or a <style> element;
//   - an http(s):// or protocol-relative URL in the src or href of a script,
//     stylesheet, image, font, media or frame. Links (<a href>) to other
//     sites are fine: following one is the visitor's choice.
//
// name is the file's path relative to the site folder, used in positions.
func CheckStaticHTML(name string, text []byte) []Finding {
	src := diag.NewSource(name, text)
	var out []Finding
	add := func(rule string, offset int, hint, format string, args ...any) {
		d := src.Errorf(offset, format, args...)
		out = append(out, Finding{Rule: rule, Msg: d.Msg, Hint: hint, Pos: d.Pos})
	}
	z := html.NewTokenizer(bytes.NewReader(text))
	offset := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			// io.EOF, or a read error that cannot happen on a bytes.Reader.
			break
		}
		raw := z.Raw()
		start := offset
		offset += len(raw)
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		at := func(attr string) int { return start + attrOffset(raw, attr) }
		tag := tok.Data
		attrs := attrMap(tok.Attr)

		switch tag {
		case "script":
			if _, ok := attrs["src"]; !ok && strings.ToLower(strings.TrimSpace(attrs["type"])) != "application/json" {
				add(RuleInlineScript, start,
					"move the code into a .js file loaded with <script src=\"…\">; a JSON data island needs type=\"application/json\"",
					"<script> without src: the Content-Security-Policy (script-src 'self') blocks inline scripts")
			}
		case "style":
			add(RuleInlineStyle, start,
				"move the rules into the site's stylesheet",
				"<style> element: the Content-Security-Policy (style-src 'self') blocks inline styles")
		}
		for _, a := range tok.Attr {
			name := strings.ToLower(a.Key)
			switch {
			case name == "style":
				add(RuleInlineStyle, at("style"),
					"give the element a class and put the rule in the site's stylesheet",
					"style=\"…\" attribute on <%s>: the Content-Security-Policy (style-src 'self') blocks inline styles", tag)
			case strings.HasPrefix(name, "on") && len(name) > 2:
				add(RuleInlineScript, at(a.Key),
					"attach the handler from a .js file with addEventListener",
					"%s=\"…\" event-handler attribute on <%s>: the Content-Security-Policy blocks inline scripts", name, tag)
			case (name == "href" || name == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:"):
				add(RuleInlineScript, at(a.Key),
					"link to a real page, or use a <button> wired up from a .js file",
					"javascript: URL in %s on <%s>: the Content-Security-Policy blocks inline scripts", name, tag)
			}
		}
		for _, attr := range resourceAttrs(tag, attrs) {
			for _, u := range urlsIn(attr, attrs[attr]) {
				if isExternalURL(u) {
					add(RuleExternalResource, at(attr),
						"copy the file into the site's assets and refer to it by a path on this site",
						"<%s %s=%q> loads a file from another site: the site must make no third-party requests", tag, attr, u)
				}
			}
		}
	}
	return out
}

// resourceAttrs returns the attributes of a tag that make the browser fetch
// something as part of showing the page.
func resourceAttrs(tag string, attrs map[string]string) []string {
	switch tag {
	case "script", "iframe", "embed", "audio", "track":
		return []string{"src"}
	case "img", "source":
		return []string{"src", "srcset"}
	case "video":
		return []string{"src", "poster"}
	case "object":
		return []string{"data"}
	case "input":
		if strings.EqualFold(attrs["type"], "image") {
			return []string{"src"}
		}
	case "image", "use":
		return []string{"href", "xlink:href"}
	case "link":
		for rel := range strings.FieldsSeq(strings.ToLower(attrs["rel"])) {
			if slices.Contains(fetchingRels, rel) {
				return []string{"href", "imagesrcset"}
			}
		}
	}
	return nil
}

// fetchingRels are the <link rel> values that make the browser fetch or
// connect; canonical, alternate and the like only name an address.
var fetchingRels = []string{
	"stylesheet", "icon", "apple-touch-icon", "mask-icon", "preload",
	"modulepreload", "prefetch", "preconnect", "dns-prefetch", "manifest",
}

// urlsIn splits a srcset-style attribute into its URLs; other attributes
// hold one URL.
func urlsIn(attr, val string) []string {
	if !strings.HasSuffix(attr, "srcset") {
		return []string{val}
	}
	var urls []string
	for cand := range strings.SplitSeq(val, ",") {
		if f := strings.Fields(cand); len(f) > 0 {
			urls = append(urls, f[0])
		}
	}
	return urls
}

func isExternalURL(u string) bool {
	u = strings.ToLower(strings.TrimSpace(u))
	return strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "//")
}

func attrMap(as []html.Attribute) map[string]string {
	m := make(map[string]string, len(as))
	for _, a := range as {
		if _, dup := m[a.Key]; !dup {
			m[a.Key] = a.Val
		}
	}
	return m
}

// attrOffset finds where an attribute starts inside a tag's raw text, so a
// finding points at the attribute, not the tag; 0 if it cannot be found.
func attrOffset(raw []byte, attr string) int {
	lower := bytes.ToLower(raw)
	name := []byte(strings.ToLower(attr))
	for i := 1; i < len(lower); i++ {
		j := bytes.Index(lower[i:], name)
		if j < 0 {
			return 0
		}
		i += j
		before := lower[i-1]
		afterOK := i+len(name) >= len(lower) || strings.IndexByte("= \t\n\r/>", lower[i+len(name)]) >= 0
		if (before == ' ' || before == '\t' || before == '\n' || before == '\r') && afterOK {
			return i
		}
	}
	return 0
}

// cssURL matches url(…) and @import "…" references in CSS.
var cssURL = regexp.MustCompile(`(?i)url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)`)

// CheckStaticCSS reports url(…) and @import references in a stylesheet that
// load from another site (web fonts from a font CDN are the usual culprit).
func CheckStaticCSS(name string, text []byte) []Finding {
	src := diag.NewSource(name, text)
	var out []Finding
	for _, m := range cssURL.FindAllSubmatchIndex(text, -1) {
		lo, hi := m[2], m[3]
		if lo < 0 {
			lo, hi = m[4], m[5]
		}
		u := string(text[lo:hi])
		if isExternalURL(u) {
			d := src.Errorf(lo, "stylesheet loads %q from another site: the site must make no third-party requests", u)
			out = append(out, Finding{Rule: RuleExternalResource, Msg: d.Msg, Pos: d.Pos,
				Hint: "copy the file (for example the font) into the site's assets and refer to it by a relative path"})
		}
	}
	return out
}
