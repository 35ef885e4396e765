package policy

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// An SVG file is a document that a reader may open on its own, and then its
// scripts run with the site's origin: so SVG images (under static/, beside
// a page, in the theme) are held to the rules for HTML pages. The checks
// read the file as XML, as browsers do.
// ruleSVG is an SVG image that cannot be checked.
const ruleSVG rule = "svg"

// Hints for the problems of SVG images.
const (
	hintSVGJS  = "an image needs no code: remove it in an SVG editor (or export the image again without interactivity), or publish the image as PNG"
	hintSVGURL = "make the image self-contained: embed what it uses, or copy the file into the site and refer to it by its address on the site"
	hintSVGXML = "open the image in an SVG editor (Inkscape, Illustrator) and save it again as plain SVG, or publish it as PNG"
)

// svgURLAttrs are the attributes through which SVG loads or links to
// another file.
var svgURLAttrs = map[string]bool{"href": true, "src": true}

// cssURL finds url(…) and @import in a style attribute or element.
var cssURL = regexp.MustCompile(`(?i)url\(\s*['"]?\s*([^'")\s]*)|@import\s+['"]?([^'";\s]*)`)

// scanSVG returns the policy problems of one SVG file: a <script> or
// <foreignObject> (which can hold an HTML page), an event-handler
// attribute, a javascript: address anywhere (animations can set one), an
// image, font, stylesheet or other file loaded from another website, and
// markup that is not well-formed XML or declares entities, which could
// hide any of these from the check.
func scanSVG(data []byte) []finding {
	var out []finding
	add := func(r rule, offset int, excerpt, hint, format string, args ...any) {
		out = append(out, newFinding(r, offset, excerpt, hint, fmt.Sprintf(format, args...)))
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	inStyle := false
	for {
		offset := int(d.InputOffset())
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			msg := err.Error()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				msg = se.Msg
			}
			add(ruleSVG, offset, "not XML", hintSVGXML, "this SVG image is not well-formed XML (%s), so it cannot be checked", msg)
			return out
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.Contains(t, []byte("<!ENTITY")) || bytes.Contains(t, []byte("<!entity")) {
				add(ruleSVG, offset, "<!ENTITY", hintSVGXML, "this SVG image declares entities in its <!DOCTYPE>, which could hide a script or an address from the check")
			}
		case xml.ProcInst:
			if t.Target == "xml-stylesheet" {
				add(ruleExternal, offset, "<?xml-stylesheet", hintSVGURL, "this SVG image loads a stylesheet with <?xml-stylesheet?>")
			}
		case xml.StartElement:
			out = append(out, svgElement(t, offset)...)
			inStyle = strings.EqualFold(t.Name.Local, "style")
		case xml.EndElement:
			inStyle = false
		case xml.CharData:
			if inStyle {
				for _, u := range cssURLs(string(t)) {
					if !localURL(u) {
						ex := shorten(u, 80)
						add(ruleExternal, offset, ex, hintSVGURL, "this SVG image's <style> loads %s", ex)
					}
				}
			}
		}
	}
}

// svgElement checks one start tag.
func svgElement(t xml.StartElement, offset int) []finding {
	var out []finding
	name := t.Name.Local
	add := func(r rule, excerpt, hint, format string, args ...any) {
		out = append(out, newFinding(r, offset, excerpt, hint, fmt.Sprintf(format, args...)))
	}
	switch strings.ToLower(name) {
	case "script":
		add(ruleInlineScript, "<script>", hintSVGJS, "this SVG image holds a <script>, which runs when the image is opened on its own")
	case "foreignobject":
		add(ruleInlineScript, "<foreignObject>", hintSVGJS, "this SVG image holds a <foreignObject>, which can carry a web page with scripts")
	case "animate", "set":
		for _, a := range t.Attr {
			if a.Name.Local == "attributeName" && (strings.HasPrefix(strings.ToLower(a.Value), "on") || strings.HasSuffix(a.Value, "href")) {
				ex := shorten(fmt.Sprintf("<%s attributeName=%q>", name, a.Value), 80)
				add(ruleInlineScript, ex, hintSVGJS, "%s in an SVG image changes %s, which could run a script", ex, a.Value)
			}
		}
	}
	for _, a := range t.Attr {
		key := strings.ToLower(a.Name.Local)
		ex := shorten(fmt.Sprintf("<%s %s=%q>", name, a.Name.Local, a.Value), 80)
		switch {
		case strings.HasPrefix(key, "on") && len(key) > 2:
			add(ruleInlineScript, ex, hintSVGJS, "%s in an SVG image is an event handler, which runs a script", ex)
		case isJavaScriptURL(a.Value):
			add(ruleInlineScript, ex, hintSVGJS, "%s in an SVG image is a javascript: address", ex)
		case svgURLAttrs[key] && strings.EqualFold(name, "a"):
			// A link is the reader's choice to follow, as in HTML.
		case svgURLAttrs[key] && !localURL(a.Value):
			add(ruleExternal, ex, hintSVGURL, "%s in an SVG image loads a file from another website or by an absolute address", ex)
		case key == "style":
			for _, u := range cssURLs(a.Value) {
				if !localURL(u) {
					add(ruleExternal, ex, hintSVGURL, "%s in an SVG image loads a file from another website", ex)
					break
				}
			}
		}
	}
	return out
}

// localURL reports whether an address in an SVG image stays on the site:
// a fragment, a path, or data: for a raster image.
func localURL(u string) bool {
	u = strings.TrimSpace(u)
	lower := strings.ToLower(u)
	for _, ok := range []string{"data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"} {
		if strings.HasPrefix(lower, ok) {
			return true
		}
	}
	// Browsers read a backslash as a slash: \\host is another website.
	if isRemote(u) || strings.HasPrefix(u, `\`) || strings.HasPrefix(u, `/\`) {
		return false
	}
	scheme, _, hasColon := strings.Cut(u, ":")
	return !hasColon || strings.ContainsAny(scheme, "/?#")
}

// isJavaScriptURL reports whether a value is a javascript: address,
// ignoring case and the spaces and control characters browsers skip.
func isJavaScriptURL(v string) bool {
	v = strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, strings.ToLower(v))
	return strings.HasPrefix(v, "javascript:")
}

// cssURLs returns the addresses of url() and @import in CSS text.
func cssURLs(css string) []string {
	var out []string
	for _, m := range cssURL.FindAllStringSubmatch(css, -1) {
		u := m[1] + m[2]
		if u != "" {
			out = append(out, u)
		}
	}
	return out
}
