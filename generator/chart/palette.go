package chart

import (
	"fmt"
	"math"
	"strconv"
)

// Palette is the Analysis Function's categorical palette for charts, in its
// order: dark blue, turquoise, dark pink, orange, dark grey, light purple.
// Series take the colours in turn; each colour has at least 3:1 contrast
// against Background and against the colours beside it, the last against
// the first included, so the turn can wrap (a test checks every pair that
// can meet).
var Palette = []string{"#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"}

// Background is the colour the chart is drawn on; the stylesheet gives the
// chart's box the same colour.
const Background = "#FFFFFF"

// Text colours, from NHS.UK frontend: body text, and the secondary text of
// axis labels (both at least 4.5:1 against Background).
const (
	TextColour      = "#212B32"
	SecondaryColour = "#4C6272"
	// GridColour draws the value axis's grid lines, which carry no data.
	GridColour = "#D8DDE0"
)

// colourOf returns the colour of series i of n: the palette in turn.
func colourOf(i int) string { return Palette[i%len(Palette)] }

// Contrast returns the WCAG 2 contrast ratio of two colours written
// #RRGGBB: (L1 + 0.05) / (L2 + 0.05), lighter over darker.
func Contrast(a, b string) (float64, error) {
	la, err := luminance(a)
	if err != nil {
		return 0, err
	}
	lb, err := luminance(b)
	if err != nil {
		return 0, err
	}
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05), nil
}

// luminance is the WCAG 2 relative luminance of #RRGGBB.
func luminance(c string) (float64, error) {
	if len(c) != 7 || c[0] != '#' {
		return 0, fmt.Errorf("colour %q is not written #RRGGBB", c)
	}
	var rgb [3]float64
	for i := range 3 {
		v, err := strconv.ParseUint(c[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return 0, fmt.Errorf("colour %q is not written #RRGGBB", c)
		}
		s := float64(v) / 255
		if s <= 0.04045 {
			rgb[i] = s / 12.92
		} else {
			rgb[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*rgb[0] + 0.7152*rgb[1] + 0.0722*rgb[2], nil
}
