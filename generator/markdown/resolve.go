package markdown

import (
	"fmt"
	"html"
	"path"
	"strings"

	goldmarkhtml "github.com/yuin/goldmark/renderer/html"

	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/site"
)

// SiteLinks resolves the links written in pages against the assembled site:
//
//   - a relative path to a content file ("../strategy/culture.md#aims") or
//     a path from the content folder ("/strategy/culture.md") becomes the
//     page's URL; it is an error if no such page is published;
//   - a relative path to another file under content/ (an image, a PDF)
//     becomes that file's URL; it is an error if there is no such file;
//   - a site path ("/framework/") gets the base URL's path in front, so
//     the site works when served from a subfolder;
//   - links to other sites, e-mail addresses and in-page fragments are left
//     as written ("javascript:" links are refused).
//
// Site paths and fragments are checked against the built output by the link
// checker, not here.
type SiteLinks struct {
	site      *site.Site
	basePath  string
	resources map[string]bool
	excluded  map[string]string
}

// NewSiteLinks returns a resolver for s. resources are the published
// content files (paths relative to content/); excluded maps the source files
// of pages left out to the reason, for a better message.
func NewSiteLinks(s *site.Site, resources []site.File, excluded map[string]string) *SiteLinks {
	l := &SiteLinks{site: s, basePath: s.Config.BasePath(), resources: map[string]bool{}, excluded: excluded}
	for _, r := range resources {
		l.resources[r.Path] = true
	}
	return l
}

// Resolve implements Links.
func (l *SiteLinks) Resolve(from *site.Page, dest string, image bool) (string, string, string) {
	what := "link"
	if image {
		what = "image"
	}
	if strings.TrimSpace(dest) == "" {
		return "", fmt.Sprintf("this %s has no address", what), "write the address between the round brackets, like [text](../strategy/culture.md)"
	}
	if _, ok := schemeOf(dest); ok {
		return dest, "", "" // refusedAddress has refused the schemes that may not be published
	}
	if strings.HasPrefix(dest, "//") || strings.HasPrefix(dest, "#") {
		return dest, "", ""
	}
	p, suffix := splitSuffix(dest)
	if strings.HasPrefix(p, "/") && !content.IsMarkdown(p) {
		return l.basePath + strings.TrimPrefix(p, "/") + suffix, "", ""
	}
	var rel string
	if strings.HasPrefix(p, "/") {
		rel = path.Clean(strings.TrimPrefix(p, "/"))
	} else {
		rel = path.Clean(path.Join(from.Dir(), p))
	}
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return "", fmt.Sprintf("the %s %q points outside the content folder", what, dest),
			"count the ../ steps: each one goes up one folder from the folder this file is in"
	}
	if rel == "." {
		rel = ""
	}
	file := "content/" + rel
	if content.IsMarkdown(rel) {
		if target := l.site.GetPage(file); target != nil {
			return l.url(target) + suffix, "", ""
		}
		if reason, ok := l.excluded[file]; ok {
			if reason == content.FailedReason {
				return dest, "", "" // the page's own errors are the cause
			}
			return "", fmt.Sprintf("the %s %q points to %s, which is not published because %s", what, dest, file, reason),
				"publish that page, or remove the link"
		}
		return "", fmt.Sprintf("the %s %q points to %s, which does not exist", what, dest, file),
			"check the file name and the ../ steps; links are written as paths from this file to the other content file"
	}
	if l.resources[rel] {
		return l.basePath + rel + suffix, "", ""
	}
	if target := l.site.GetPage(rel); target != nil { // a folder: a section or a bundle
		return l.url(target) + suffix, "", ""
	}
	return "", fmt.Sprintf("the %s %q points to %s, which does not exist", what, dest, file),
		"check the file name; files linked from a page are kept under content/ (for a page bundle, in its folder)"
}

func (l *SiteLinks) url(p *site.Page) string {
	return l.basePath + strings.TrimPrefix(p.URL, "/")
}

// refusedAddress returns why dest may not be the address of a link (or,
// with image, of an image), or "" if it may. It reads dest as a browser
// would, character references decoded and tabs and line breaks dropped, so
// that "&#106;avascript:" and "java&#9;script:" are named for what they are
// rather than as files that do not exist. Addresses goldmark would publish
// as an empty href (file:, data: other than a picture) are refused here
// with words, where the link checker could only call the link empty; and
// a Windows path (C:\Users\…) would be published as a link to nowhere.
func refusedAddress(dest string, image bool) (problem, hint string) {
	what := "links"
	if image {
		what = "images"
	}
	plain := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, html.UnescapeString(strings.TrimSpace(dest)))
	scheme, ok := schemeOf(plain)
	if !ok {
		return "", ""
	}
	const fileHint = "put the file in the content folder, beside this page, and link to it by its name, like [Annual report](annual-report.pdf)"
	switch {
	case scheme == "javascript" || scheme == "vbscript":
		return fmt.Sprintf("%s: addresses are not allowed in %s", scheme, what), "link to a page or a file instead"
	case scheme == "data" && !image:
		return "data: addresses are not allowed in links", "link to a page or a file instead"
	case scheme == "data" && goldmarkhtml.IsDangerousURL([]byte(strings.ToLower(plain))):
		return "a picture written into the page as a data: address must be a PNG, GIF, JPEG or WebP image",
			"save the picture as a file beside this page and write its name, like ![Chart of survey results](chart.png)"
	case scheme == "file":
		return fmt.Sprintf("the %s %q is a file on one computer (file:), which readers of the site cannot open", strings.TrimSuffix(what, "s"), dest), fileHint
	case len(scheme) == 1:
		return fmt.Sprintf("the %s %q is a file on one Windows computer, which readers of the site cannot open", strings.TrimSuffix(what, "s"), dest), fileHint
	}
	return "", ""
}

// schemeOf returns the URL scheme of dest ("https", "mailto"), if any.
func schemeOf(dest string) (string, bool) {
	for i, r := range dest {
		switch {
		case r == ':':
			if i == 0 {
				return "", false
			}
			return strings.ToLower(dest[:i]), true
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || (i > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')):
		default:
			return "", false
		}
	}
	return "", false
}

// splitSuffix separates a path from its "?query" and "#fragment".
func splitSuffix(dest string) (string, string) {
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		return dest[:i], dest[i:]
	}
	return dest, ""
}
