package pipeline

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// The tests in this file read the example site's pages as a reader would
// meet them: the names, menus, notices and contents lists a national
// publisher's pages need (issue 14).

// parsePage parses one built page, failing the test if it is missing.
func parsePage(t *testing.T, files map[string][]byte, p string) *html.Node {
	t.Helper()
	data, ok := files[p]
	if !ok {
		t.Fatalf("%s was not built", p)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return doc
}

// findAll returns the elements under n, in document order, for which keep
// is true.
func findAll(n *html.Node, keep func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && keep(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// attrOf returns an attribute's value, or "".
func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasClass reports whether the element has the class.
func hasClass(class string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		for _, c := range strings.Fields(attrOf(n, "class")) {
			if c == class {
				return true
			}
		}
		return false
	}
}

// isTag matches elements by tag name.
func isTag(tag string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == tag }
}

// textOf returns the text under n with runs of white space made single.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// generatedActionPlanPages are the action-plan pages made from the data
// rather than written in Markdown: every region and domain page and the
// list of domains.
func generatedActionPlanPages(files map[string][]byte) []string {
	var out []string
	for _, p := range sortedPaths(files) {
		if strings.HasPrefix(p, "action-plans/") && strings.HasSuffix(p, "/index.html") &&
			p != "action-plans/index.html" && p != "action-plans/methodology/index.html" {
			out = append(out, p)
		}
	}
	return out
}

// TestExampleDataNotice checks that the "these figures are synthetic"
// notice on each generated action-plan page is an NHS.UK warning callout
// that the stylesheet styles, not an element with classes nothing defines.
func TestExampleDataNotice(t *testing.T) {
	files := exampleSite(t)
	css := string(files[cssPath(t, files)])
	if !strings.Contains(css, ".nhsuk-card--warning") {
		t.Fatal("the stylesheet has no .nhsuk-card--warning rule")
	}
	pages := generatedActionPlanPages(files)
	if len(pages) < 10 {
		t.Fatalf("only %d generated action-plan pages: %v", len(pages), pages)
	}
	for _, p := range pages {
		doc := parsePage(t, files, p)
		notices := findAll(doc, hasClass("plinth-data-notice"))
		if len(notices) != 1 {
			t.Errorf("%s: %d data notices, want 1", p, len(notices))
			continue
		}
		n := notices[0]
		if !hasClass("nhsuk-card--warning")(n) || !strings.Contains(textOf(n), "These figures are synthetic") {
			t.Errorf("%s: the data notice is not a warning callout saying the figures are synthetic: %q (class %q)", p, textOf(n), attrOf(n, "class"))
		}
		if h := findAll(n, isTag("h2")); len(h) != 1 || !strings.HasPrefix(textOf(h[0]), "Important:") {
			t.Errorf("%s: the notice's heading should be an h2 that screen readers hear as \"Important: …\"", p)
		}
	}
}

// cssPath returns the path of the built main stylesheet.
func cssPath(t *testing.T, files map[string][]byte) string {
	t.Helper()
	for _, p := range sortedPaths(files) {
		if strings.HasPrefix(p, "assets/css/main.") && strings.HasSuffix(p, ".css") {
			return p
		}
	}
	t.Fatal("no assets/css/main.*.css was built")
	return ""
}
