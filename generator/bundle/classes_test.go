package bundle

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/yuin/goldmark"

	"github.com/plinth-ssg/plinth/generator/internal/testenv"
	"github.com/plinth-ssg/plinth/generator/markdown"
	"github.com/plinth-ssg/plinth/generator/markdown/callout"
)

// TestClassSet: what layouts and scripts say pages may carry, with the
// classes they put together from values.
func TestClassSet(t *testing.T) {
	s := newClassSet()
	layouts := fstest.MapFS{
		"layouts/a.html": {Data: []byte(`<strong class="nhsuk-tag{{ with .Tag }} nhsuk-tag--{{ . }}{{ end }}">` +
			`<div class="box{{ if .Big }}--big{{ end }} {{ if .X }}x-{{ .Y }}{{ end }}">{{ .Body }}e</div>`)},
	}
	if err := s.addLayouts(layouts, []string{"layouts", "themes/none/layouts"}); err != nil {
		t.Fatal(err)
	}
	s.addScript(`a.className="plinth-sa--"+r;b.classList.add(` + "`js-${k}`" + `);c=t+"e";d="nhsuk-x"+"--open";n=i-1`)
	for class, want := range map[string]bool{
		"nhsuk-tag": true, "nhsuk-tag--green": true, "box--big": true, "x-anything": true,
		"plinth-sa--met": true, "js-open": true, "nhsuk-x--open": true, "other--open": true,
		"nhsuk-card": false, "Body": true, "ate": false, "nhsuk-u-margin-1": false,
	} {
		if got := s.may(class); got != want {
			t.Errorf("may(%q) = %t, want %t (prefixes %q, suffixes %q)", class, got, want, s.prefixes, s.suffixes)
		}
	}
	if s.anyWhy != "" {
		t.Errorf("the layout writes no whole class from a value, but: %s", s.anyWhy)
	}
}

// TestClassSetUnknown: a layout that writes a whole class from a value,
// or Markdown of a value, lets any class appear, and nothing is pruned.
func TestClassSetUnknown(t *testing.T) {
	for _, layout := range []string{
		`<p class="{{ .Params.style }}">`,
		`<p class="lede {{ .Params.style }}">`,
		`<p class={{ .Params.style }}>`,
		`<p class="{{ printf "nhsuk-%s" .X }}">`,
		`{{ .Description | markdownify }}`,
	} {
		s := newClassSet()
		if err := s.addLayouts(fstest.MapFS{"layouts/x.html": {Data: []byte(layout)}}, []string{"layouts"}); err != nil {
			t.Fatal(err)
		}
		if s.anyWhy == "" || !s.may("nhsuk-anything") {
			t.Errorf("%s: pruning stays on", layout)
		}
	}
	for _, layout := range []string{
		`<p class="a{{ if .X }} b{{ end }}">`,
		`<p class="a {{- /* note */ -}}">`,
		`<p class="{{ $c := "x" }}{{ range .L }}a {{ end }}">`,
		`<p data-class="{{ .X }}" title="class={{ .X }}">`,
	} {
		s := newClassSet()
		if err := s.addLayouts(fstest.MapFS{"layouts/x.html": {Data: []byte(layout)}}, []string{"layouts"}); err != nil {
			t.Fatal(err)
		}
		if s.anyWhy != "" {
			t.Errorf("%s: pruning turned off: %s", layout, s.anyWhy)
		}
	}
}

// TestContentClasses: the classes of a heading's attributes, and no fewer
// than Markdown gives (a line of code ending in "}" gives its words too).
func TestContentClasses(t *testing.T) {
	body := []byte("# Title {#top .nhsuk-heading-xl}\n\nText {not at the end} here.\n\n" +
		"Setext {.nhsuk-u-visually-hidden class=\"a b\"}\n===\n\n## Closed {.c} ##\n\n    x := T{d: 1}\n")
	want := []string{"1", "a", "b", "c", "class", "d", "nhsuk-heading-xl", "nhsuk-u-visually-hidden", "top"}
	if got := ContentClasses(body); !slices.Equal(got, want) {
		t.Errorf("ContentClasses = %q, want %q", got, want)
	}
	if got := ContentClasses([]byte("No braces at all.\n")); got != nil {
		t.Errorf("ContentClasses of plain text = %q", got)
	}
}

// TestContentClassesAreMarkdowns: every class the Markdown converter
// gives a heading is among ContentClasses of its body.
func TestContentClassesAreMarkdowns(t *testing.T) {
	conv := markdown.New(markdown.Options{})
	for _, body := range []string{
		"## Heading {.a .b}\n",
		"## Heading {#id .a class=\"b c\"}\n",
		"Heading {.a}\n---\n",
		"> ## Quoted {.a}\n",
		"- ## In a list {.a}\n",
		"## Closed {.a} ##\n",
	} {
		html := string(conv.String(body))
		have := ContentClasses([]byte(body))
		for _, class := range htmlClasses(html) {
			if !slices.Contains(have, class) {
				t.Errorf("%q renders class %q (%s), which ContentClasses (%q) misses", body, class, html, have)
			}
		}
	}
}

var classAttr = regexp.MustCompile(`class="([^"]*)"`)

// htmlClasses returns every class of every element of html.
func htmlClasses(html string) []string {
	var out []string
	for _, m := range classAttr.FindAllStringSubmatch(html, -1) {
		out = append(out, strings.Fields(m[1])...)
	}
	return out
}

// TestGeneratedClasses renders Markdown using every construct the
// converter and its callouts have, and fails when the HTML holds a class
// the generator's list lacks: a class written by Go code must be kept by
// pruning whatever the layouts say.
func TestGeneratedClasses(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	testenv.NodeModules(t, root, "nhsuk-frontend")
	icons, err := callout.LoadIcons(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	conv := markdown.New(markdown.Options{Extensions: []goldmark.Extender{callout.New(callout.WithIcons(icons))}})
	body := strings.Join([]string{
		"# Heading", "Text with a footnote.[^1] and `code`.", "[^1]: The note.",
		"| a | b | c |", "|:--|--:|:-:|", "| 1 | 2 | 3 |", "", "Table: A caption", "",
		"- [x] done", "- [ ] to do", "",
		"```go", "package main", "```", "", "```", "plain", "```", "",
		":::inset", "Inset.", ":::", "", ":::warning", "## Careful", "Warning.", ":::", "",
		":::details", "## More", "Details.", ":::", "",
		":::do", "- this", ":::", "", ":::dont", "- that", ":::", "",
		"Term", ": Definition", "",
	}, "\n")
	html := string(conv.String(body))
	s := newClassSet()
	s.addGenerated(os.DirFS(root))
	for _, class := range htmlClasses(html) {
		if !s.may(class) {
			t.Errorf("the Markdown converter writes class %q, which generatedClasses lacks", class)
		}
	}
	for _, want := range []string{"nhsuk-inset-text", "nhsuk-details", "nhsuk-list--tick", "footnote-ref", "chroma"} {
		if !slices.Contains(htmlClasses(html), want) {
			t.Errorf("the sample Markdown no longer makes class %q: the test lost its reach\n%s", want, html)
		}
	}
}

// TestGeneratedClassesInSource reads every string in the generator's Go
// code and fails when one names a class of NHS.UK frontend's stylesheet
// that generatedClasses lacks: pruning would drop its rules.
func TestGeneratedClassesInSource(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	testenv.NodeModules(t, root, "nhsuk-frontend")
	css, err := os.ReadFile(filepath.Join(root, "node_modules", "nhsuk-frontend", "dist", "nhsuk", "nhsuk-frontend.css"))
	if err != nil {
		t.Fatal(err)
	}
	nhs := map[string]bool{}
	for _, sel := range cssSelectors(string(css)) {
		for _, c := range selectorClasses(sel) {
			nhs[c] = true
		}
	}
	s := newClassSet()
	s.addGenerated(os.DirFS(root))
	fset := token.NewFileSet()
	checked := 0
	err = filepath.WalkDir(filepath.Join(root, "generator"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") ||
			strings.Contains(p, string(filepath.Separator)+"bundle"+string(filepath.Separator)) {
			return err
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		checked++
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			v, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			for _, w := range wordsOf(v) {
				if nhs[w] && !s.may(w) {
					t.Errorf("%s: the string names NHS.UK frontend's class %q, which generatedClasses lacks", fset.Position(lit.Pos()), w)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("only %d Go files read: the walk lost its way", checked)
	}
}

// wordsOf returns the words of s, as classSet reads them.
func wordsOf(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r < 0x80 && !isWordByte(byte(r)) })
}
