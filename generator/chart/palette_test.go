package chart

import (
	"math"
	"testing"
)

func TestContrast(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"#FFFFFF", "#000000", 21},
		{"#000000", "#FFFFFF", 21},
		{"#777777", "#777777", 1},
		{"#FFFFFF", "#767676", 4.54}, // the lightest grey with 4.5:1 on white
	}
	for _, tt := range tests {
		got, err := Contrast(tt.a, tt.b)
		if err != nil || math.Abs(got-tt.want) > 0.01 {
			t.Errorf("Contrast(%s, %s) = %.3f, %v; want %.2f", tt.a, tt.b, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "#FFF", "FFFFFF", "#GGGGGG", "#12436D0"} {
		if _, err := Contrast(bad, "#FFFFFF"); err == nil {
			t.Errorf("Contrast(%q) gave no error", bad)
		}
	}
}

// TestPaletteContrast is WCAG 1.4.11 for the charts: every series colour
// has at least 3:1 contrast against the background, and against the colour
// of the series beside it (stacked bars touch; legend entries sit side by
// side). Series take the palette's colours in turn, so the last colour
// meets the first again from the seventh series on.
func TestPaletteContrast(t *testing.T) {
	const min = 3.0
	for i, c := range Palette {
		got, err := Contrast(c, Background)
		if err != nil {
			t.Fatal(err)
		}
		if got < min {
			t.Errorf("%s against the background %s: %.2f:1, want at least %.1f:1", c, Background, got, min)
		}
		next := Palette[(i+1)%len(Palette)]
		got, _ = Contrast(c, next)
		if got < min {
			t.Errorf("%s against its neighbour %s: %.2f:1, want at least %.1f:1", c, next, got, min)
		}
		t.Logf("%s: %.2f:1 on %s, %.2f:1 beside %s", c, must(Contrast(c, Background)), Background, got, next)
	}
	// Whatever the number of series, the colours the option lists are
	// those pairs.
	for n := 1; n <= 20; n++ {
		cs := colours(n)
		for i := 1; i < n; i++ {
			if got := must(Contrast(cs[i-1], cs[i])); got < min {
				t.Errorf("%d series: series %d and %d are %s and %s, %.2f:1", n, i, i+1, cs[i-1], cs[i], got)
			}
		}
	}
	// Text and axis colours are text: 4.5:1.
	for _, c := range []string{TextColour, SecondaryColour} {
		if got := must(Contrast(c, Background)); got < 4.5 {
			t.Errorf("text colour %s: %.2f:1 on %s, want 4.5:1", c, got, Background)
		}
	}
}

func must(v float64, err error) float64 {
	if err != nil {
		panic(err)
	}
	return v
}
