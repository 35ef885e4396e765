package pipeline

import (
	"bytes"
	"crypto/sha512"
	"encoding/base64"
	"path"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/plinth-ssg/plinth/generator/site"
)

// exampleCSP is the Content-Security-Policy every page must carry, exactly
// as issue 3 lists it.
const exampleCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'"

// TestExampleSitePages checks every HTML page of the example site (built
// once for all the example tests, with the default theme) independently of
// the build's own policy stage: no inline script or style, Subresource Integrity matching the
// bytes of every stylesheet and script, nothing loaded from another origin,
// the CSP <meta>, the language, the skip link as the first focusable
// element, one h1 and no skipped heading levels. It also checks _headers.
// The browser suite (tests/browser) checks the same pages in Chromium.
func TestExampleSitePages(t *testing.T) {
	files := exampleSite(t)
	pages := 0
	for _, p := range sortedPaths(files) {
		if path.Ext(p) != ".html" {
			continue
		}
		pages++
		for _, problem := range checkExamplePage(site.File{Path: p, Data: files[p]}, files) {
			t.Errorf("%s: %s", p, problem)
		}
	}
	if pages < 10 {
		t.Errorf("only %d HTML pages built", pages)
	}
	t.Logf("checked %d HTML pages", pages)

	headers := string(files["_headers"])
	for _, want := range []string{
		"/*\n",
		"Content-Security-Policy: " + exampleCSP + "; frame-ancestors 'none'\n",
		"X-Content-Type-Options: nosniff\n",
		"Referrer-Policy: ",
		"Permissions-Policy: ",
		"Cross-Origin-Opener-Policy: same-origin\n",
	} {
		if !strings.Contains(headers, want) {
			t.Errorf("_headers lacks %q", want)
		}
	}
}

// checkExamplePage returns what is wrong with one built page.
func checkExamplePage(f site.File, files map[string][]byte) []string {
	doc, err := html.Parse(bytes.NewReader(f.Data))
	if err != nil {
		return []string{err.Error()}
	}
	var (
		problems   []string
		h1s        int
		lastLevel  int
		firstFocus *html.Node
		csp        string
		hasMain    bool
	)
	attr := func(n *html.Node, key string) (string, bool) {
		for _, a := range n.Attr {
			if a.Key == key {
				return a.Val, true
			}
		}
		return "", false
	}
	remote := func(u string) bool {
		u = strings.ToLower(u)
		return strings.HasPrefix(u, "http:") || strings.HasPrefix(u, "https:") || strings.HasPrefix(u, "//")
	}
	checkSRI := func(n *html.Node, u string) {
		integrity, _ := attr(n, "integrity")
		target := strings.TrimPrefix(path.Clean(u), "/")
		data, ok := files[target]
		if !ok {
			problems = append(problems, "<"+n.Data+"> refers to "+u+", which was not built")
			return
		}
		sum := sha512.Sum384(data)
		if integrity != "sha384-"+base64.StdEncoding.EncodeToString(sum[:]) {
			problems = append(problems, "<"+n.Data+"> "+u+" has integrity "+integrity+", which does not match the file")
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if _, ok := attr(n, "style"); ok {
				problems = append(problems, "style attribute on <"+n.Data+">")
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					problems = append(problems, a.Key+" attribute on <"+n.Data+">")
				}
			}
			switch n.Data {
			case "html":
				if lang, _ := attr(n, "lang"); lang != "en-GB" {
					problems = append(problems, `<html lang="`+lang+`">, want en-GB`)
				}
			case "meta":
				if v, _ := attr(n, "http-equiv"); strings.EqualFold(v, "Content-Security-Policy") {
					csp, _ = attr(n, "content")
				}
			case "style":
				problems = append(problems, "<style> element")
			case "script":
				src, ok := attr(n, "src")
				typ, _ := attr(n, "type")
				switch {
				case !ok && typ == "application/json":
					// A data island, never run: a chart's options.
					if n.FirstChild != nil && strings.Contains(n.FirstChild.Data, "__f__") {
						problems = append(problems, "a data island holds go-echarts' function marker __f__")
					}
				case !ok:
					problems = append(problems, "inline <script>")
				case remote(src):
					problems = append(problems, "script from another origin: "+src)
				default:
					checkSRI(n, src)
				}
			case "link":
				rel, _ := attr(n, "rel")
				href, _ := attr(n, "href")
				if rel == "stylesheet" || rel == "icon" {
					if remote(href) {
						problems = append(problems, "<link rel="+rel+"> from another origin: "+href)
					} else if rel == "stylesheet" {
						checkSRI(n, href)
					}
				}
			case "img":
				if src, _ := attr(n, "src"); remote(src) {
					problems = append(problems, "image from another origin: "+src)
				}
			case "main":
				if id, _ := attr(n, "id"); id == "maincontent" {
					hasMain = true
				}
			case "h1", "h2", "h3", "h4", "h5", "h6":
				level := int(n.Data[1] - '0')
				if level == 1 {
					h1s++
				}
				if lastLevel > 0 && level > lastLevel+1 {
					problems = append(problems, "heading <"+n.Data+"> after <h"+string(rune('0'+lastLevel))+">: a level is skipped")
				}
				lastLevel = level
			case "a", "button", "input", "select", "textarea":
				if _, hidden := attr(n, "hidden"); firstFocus == nil && !hidden {
					firstFocus = n
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if csp != exampleCSP {
		problems = append(problems, "Content-Security-Policy <meta> is "+csp)
	}
	if h1s != 1 && !isRedirect(f.Data) {
		problems = append(problems, "the page has "+string(rune('0'+h1s))+" h1 elements, want 1")
	}
	if !hasMain {
		problems = append(problems, `no <main id="maincontent">`)
	}
	if firstFocus == nil {
		problems = append(problems, "no focusable element")
	} else if class, _ := attr(firstFocus, "class"); !strings.Contains(class, "nhsuk-skip-link") {
		problems = append(problems, "the first focusable element is <"+firstFocus.Data+` class="`+class+`">, not the skip link`)
	} else if href, _ := attr(firstFocus, "href"); href != "#maincontent" {
		problems = append(problems, "the skip link goes to "+href)
	}
	return problems
}

// isRedirect reports whether a page is an alias page that redirects.
func isRedirect(data []byte) bool {
	return bytes.Contains(data, []byte(`http-equiv="refresh"`))
}
