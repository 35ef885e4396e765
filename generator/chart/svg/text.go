package svg

import "strings"

// Text is measured, to lay out legends, cut long labels short and space
// axis labels, with the advance widths of Arial, the font the charts
// name first (the site's font); Liberation Sans, which browsers without
// Arial use in its place, has the same widths by design. The widths are
// in thousandths of an em, for the printable ASCII characters, then
// Latin-1's, then a few typographic ones; any other character counts as
// wideOther (and wideCJK for the wide scripts), erring towards room.

// arialASCII and arialBoldASCII are the widths of U+0020 to U+007E.
var arialASCII = [95]uint16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
}

var arialBoldASCII = [95]uint16{
	278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
	975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
	333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
	611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
}

// arialLatin1 and arialBoldLatin1 are the widths of U+00A0 to U+00FF.
var arialLatin1 = [96]uint16{
	278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 552,
	400, 549, 333, 333, 333, 576, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
	667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
	722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
	556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 549, 611, 556, 556, 556, 556, 500, 556, 500,
}

var arialBoldLatin1 = [96]uint16{
	278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 552,
	400, 549, 333, 333, 333, 576, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
	722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
	722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
	556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
	611, 611, 611, 611, 611, 611, 611, 549, 611, 611, 611, 611, 611, 556, 611, 556,
}

// arialPunctuation are the widths of typographic characters that labels
// written in British English use: dashes, curly quotes, the bullet, the
// ellipsis and the euro sign. Bold has the same widths but for the quotes.
var arialPunctuation = map[rune][2]uint16{
	'–': {556, 556}, '—': {1000, 1000}, '‘': {222, 278}, '’': {222, 278}, '“': {333, 500}, '”': {333, 500},
	'•': {350, 350}, '…': {1000, 1000}, '€': {556, 556},
}

const (
	// wideOther is the width of a character not listed above: that of
	// the widest capitals, so that a label in another script is cut short
	// rather than overlap.
	wideOther = 778
	// wideCJK is the width of a character of the wide East Asian scripts.
	wideCJK = 1000
)

// ellipsis ends a label cut short.
const ellipsis = "…"

// runeWidth returns a character's width in thousandths of an em.
func runeWidth(r rune, bold bool) int {
	w := 0
	switch {
	case r >= 0x20 && r <= 0x7E:
		w = int(arialASCII[r-0x20])
		if bold {
			w = int(arialBoldASCII[r-0x20])
		}
	case r >= 0xA0 && r <= 0xFF:
		w = int(arialLatin1[r-0xA0])
		if bold {
			w = int(arialBoldLatin1[r-0xA0])
		}
	case r >= 0x2E80:
		w = wideCJK
	default:
		p, ok := arialPunctuation[r]
		switch {
		case !ok:
			w = wideOther
		case bold:
			w = int(p[1])
		default:
			w = int(p[0])
		}
	}
	return w
}

// textWidth returns the width of s in CSS pixels at the given size.
func textWidth(s string, size float64, bold bool) float64 {
	em := 0
	for _, r := range s {
		em += runeWidth(r, bold)
	}
	return float64(em) * size / 1000
}

// truncate cuts s short, with an ellipsis, to fit width at the given size.
func truncate(s string, width, size float64, bold bool) string {
	if width <= 0 || textWidth(s, size, bold) <= width {
		return s
	}
	room := width - textWidth(ellipsis, size, bold)
	var b strings.Builder
	used := 0.0
	for _, r := range s {
		w := float64(runeWidth(r, bold)) * size / 1000
		if used+w > room {
			break
		}
		used += w
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), " ") + ellipsis
}

// isBold reports whether a font weight is bold.
func isBold(weight string) bool {
	switch weight {
	case "bold", "bolder", "600", "700", "800", "900":
		return true
	}
	return false
}
