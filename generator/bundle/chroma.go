package bundle

import (
	"fmt"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// DefaultChromaStyle is the syntax-highlighting style used unless a site
// chooses another. Modus Operandi was designed to meet WCAG AAA: every
// colour it gives a token has a contrast ratio of at least 7:1 against its
// white background, where common light styles fall short even of AA's 4.5:1
// ("github" colours comments #999988, about 2.8:1). TestChromaContrast
// checks every token type, including on highlighted lines.
const DefaultChromaStyle = "modus-operandi"

// lineNumberColour replaces chroma's default grey (#7f7f7f, 4.0:1 on white,
// below WCAG AA) for line numbers; it is Modus Operandi's comment colour,
// 8.1:1 on white.
const lineNumberColour = "#505050"

// ChromaCSS returns the stylesheet for the named chroma style, for HTML that
// chroma's HTML formatter wrote with html.WithClasses(true) and no class
// prefix or mode classes (the Markdown stage's settings). The rules are
// scoped under the ".chroma" class the formatter puts on the <pre> element.
func ChromaCSS(style string) (string, error) {
	s, err := chromaStyle(style)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := html.New(html.WithClasses(true), html.WithCSSComments(false)).WriteCSS(&b, s); err != nil {
		return "", err
	}
	// chroma also writes a rule for a bare ".bg" class, which it uses only
	// for standalone HTML documents; on a site it would restyle anything
	// else called "bg". WriteCSS puts one rule on each line.
	var out strings.Builder
	for line := range strings.Lines(b.String()) {
		if !strings.HasPrefix(line, ".bg ") {
			out.WriteString(line)
		}
	}
	return out.String(), nil
}

// chromaStyle returns the named style with Plinth's adjustments.
func chromaStyle(name string) (*chroma.Style, error) {
	s, ok := styles.Registry[strings.ToLower(name)]
	if !ok {
		return nil, fmt.Errorf("there is no syntax-highlighting style called %q", name)
	}
	return s.Builder().
		Add(chroma.LineNumbers, lineNumberColour).
		Add(chroma.LineNumbersTable, lineNumberColour).
		Build()
}
