package bundle

import (
	"math"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
)

// relativeLuminance follows WCAG 2.2's definition.
func relativeLuminance(c chroma.Colour) float64 {
	channel := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(c.Red()) + 0.7152*channel(c.Green()) + 0.0722*channel(c.Blue())
}

func contrast(a, b chroma.Colour) float64 {
	la, lb := relativeLuminance(a), relativeLuminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func TestContrastFormula(t *testing.T) {
	black, white := chroma.ParseColour("#000000"), chroma.ParseColour("#ffffff")
	if got := contrast(black, white); math.Abs(got-21) > 0.01 {
		t.Errorf("black on white = %.2f, want 21", got)
	}
	if got := contrast(chroma.ParseColour("#767676"), white); math.Abs(got-4.54) > 0.01 {
		t.Errorf("#767676 on white = %.2f, want 4.54", got)
	}
}

// TestChromaContrast checks that every token colour of the default style
// reaches WCAG AAA (7:1) on the code background and AA (4.5:1) on a
// highlighted line.
func TestChromaContrast(t *testing.T) {
	s, err := chromaStyle(DefaultChromaStyle)
	if err != nil {
		t.Fatal(err)
	}
	bg := s.Get(chroma.Background)
	highlight := s.Get(chroma.LineHighlight).Background
	worst, worstType := 21.0, chroma.Background
	for tt := range chroma.StandardTypes {
		e := s.Get(tt)
		fg, back := e.Colour, e.Background
		if !fg.IsSet() {
			fg = bg.Colour
		}
		if !back.IsSet() {
			back = bg.Background
		}
		c := contrast(fg, back)
		if c < worst {
			worst, worstType = c, tt
		}
		if c < 7 {
			t.Errorf("%s: %s on %s has contrast %.2f, below 7:1", tt, fg, back, c)
		}
		if highlight.IsSet() && contrast(fg, highlight) < 4.5 {
			t.Errorf("%s: %s on the highlighted-line colour %s has contrast %.2f, below 4.5:1", tt, fg, highlight, contrast(fg, highlight))
		}
	}
	t.Logf("%s: lowest contrast %.2f:1 (%s)", DefaultChromaStyle, worst, worstType)
}

func TestChromaCSS(t *testing.T) {
	css, err := ChromaCSS("Modus-Operandi")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{".chroma {", ".chroma .c {", "color: " + lineNumberColour} {
		if !strings.Contains(css, want) {
			t.Errorf("CSS lacks %q:\n%s", want, css)
		}
	}
	if strings.Contains(css, ".bg ") {
		t.Errorf("CSS still styles the bare .bg class:\n%s", css)
	}
	if _, err := ChromaCSS("no-such-style"); err == nil || !strings.Contains(err.Error(), `"no-such-style"`) {
		t.Errorf("unknown style: err = %v", err)
	}
}
