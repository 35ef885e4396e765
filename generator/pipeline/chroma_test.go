package pipeline

import (
	"regexp"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/styles"

	"github.com/plinth-ssg/plinth/generator/bundle"
	"github.com/plinth-ssg/plinth/generator/markdown"
	"github.com/plinth-ssg/plinth/generator/site"
)

// TestChromaClassesHaveRules checks that the two halves of code
// highlighting agree: every class the Markdown stage's chroma formatter
// writes has a rule in the stylesheet the bundle stage serves as
// "plinth:chroma.css". They are configured in different packages, so a
// change to one (a class prefix, say) would otherwise silently leave code
// uncoloured.
func TestChromaClassesHaveRules(t *testing.T) {
	body := "```go\n// Run builds.\nfunc Run(n int) (string, error) { return \"x\", nil }\n```\n\n" +
		"```toml\ntitle = \"Home\" # the title\nweight = 3\ndate = 2026-01-02\n```\n\n" +
		"```sh\nnpm ci && go run ./cmd/plinth build --drafts\n```\n\n" +
		"```python\nclass A:\n    def f(self): return 1.5\n```\n"
	res, diags := markdown.New(markdown.Options{}).Convert(&site.Page{Body: []byte(body)}, nil)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	css, err := bundle.ChromaCSS(bundle.DefaultChromaStyle)
	if err != nil {
		t.Fatal(err)
	}
	classes := regexp.MustCompile(`<span class="([a-z0-9]+)"`).FindAllStringSubmatch(string(res.HTML), -1)
	if len(classes) < 10 {
		t.Fatalf("only %d highlighted spans in:\n%s", len(classes), res.HTML)
	}
	style := styles.Get(bundle.DefaultChromaStyle)
	classType := map[string]chroma.TokenType{}
	for typ, c := range chroma.StandardTypes {
		classType[c] = typ
	}
	seen := map[string]bool{}
	for _, m := range classes {
		c := m[1]
		if seen[c] {
			continue
		}
		seen[c] = true
		if strings.Contains(css, ".chroma ."+c+" ") || strings.Contains(css, ".chroma ."+c+"{") {
			continue
		}
		// chroma writes no rule for a token type that looks like plain
		// text in the style (punctuation, most names): that is correct.
		// Anything else without a rule is a mismatch.
		typ, ok := classType[c]
		if !ok {
			t.Errorf("the formatter writes class %q, which is not one of chroma's standard classes", c)
			continue
		}
		if e := style.Get(typ).Sub(style.Get(chroma.Background)); !e.IsZero() {
			t.Errorf("the formatter writes class %q (%v, styled %q), which plinth:chroma.css has no rule for", c, typ, e)
		}
	}
}
